package dev.watchkeeper.triage;

import dev.watchkeeper.core.Environments;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Applies the stale rule on a schedule, only in the server (tests and the CLI call {@link StaleRule#apply()}). */
@Singleton
@Requires(env = Environments.SERVER)
public class StaleJob {

    private static final Logger LOG = LoggerFactory.getLogger(StaleJob.class);

    private final StaleRule rule;

    public StaleJob(StaleRule rule) {
        this.rule = rule;
    }

    @Scheduled(fixedDelay = "${watchkeeper.triage.stale.check-every:15m}", initialDelay = "1m")
    void run() {
        try {
            List<Integer> closed = rule.apply();
            if (!closed.isEmpty()) {
                LOG.info("stale rule closed {} item(s): {}", closed.size(), closed);
            }
        } catch (RuntimeException e) {
            LOG.error("stale rule failed", e);
        }
    }
}
