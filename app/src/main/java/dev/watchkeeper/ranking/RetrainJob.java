package dev.watchkeeper.ranking;

import dev.watchkeeper.cli.ServeCommand;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/** Retrains on a schedule (default nightly) in the server; the registry decides live or shadow. */
@Singleton
@Requires(env = ServeCommand.SERVER_ENV)
public class RetrainJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainJob.class);

    private final ModelRegistry registry;
    private final Clock clock;

    public RetrainJob(ModelRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Scheduled(cron = "${watchkeeper.ranking.retrain-cron:0 30 3 * * *}")
    void retrain() {
        try {
            registry.train(clock.instant());
        } catch (Trainer.NotEnoughHistory e) {
            LOG.info("scheduled retrain skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("scheduled retrain failed; the live model stays", e);
        }
    }
}
