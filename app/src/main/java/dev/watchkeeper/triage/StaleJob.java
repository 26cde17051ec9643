package dev.watchkeeper.triage;

import dev.watchkeeper.cluster.JobLock;
import dev.watchkeeper.core.Environments;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/** Applies the stale rule on a schedule, only in the server (tests and the CLI call {@link StaleRule#apply()}). */
@Singleton
@Requires(env = Environments.SERVER)
public class StaleJob {

    private static final Logger LOG = LoggerFactory.getLogger(StaleJob.class);

    private final StaleRule rule;
    private final JobLock jobs;

    public StaleJob(StaleRule rule, JobLock jobs) {
        this.rule = rule;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelay = "${watchkeeper.triage.stale.check-every:15m}", initialDelay = "1m")
    void run() {
        // One instance at a time when several share a database.
        jobs.runExclusive("stale-rule", Duration.ofMinutes(10), this::work);
    }

    private void work() {
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
