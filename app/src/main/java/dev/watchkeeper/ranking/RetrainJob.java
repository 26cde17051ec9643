package dev.watchkeeper.ranking;

import dev.watchkeeper.core.Environments;
import dev.watchkeeper.cluster.JobLock;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Retrains on a schedule (default nightly) in the server; the registry decides live or shadow. One instance
 * retrains when several share a database ({@link JobLock}); the lease outlives a run, so the others skip that night.
 */
@Singleton
@Requires(env = Environments.SERVER)
public class RetrainJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainJob.class);

    private final ModelRegistry registry;
    private final Clock clock;
    private final JobLock jobs;

    public RetrainJob(ModelRegistry registry, Clock clock, JobLock jobs) {
        this.registry = registry;
        this.clock = clock;
        this.jobs = jobs;
    }

    @Scheduled(cron = "${watchkeeper.ranking.retrain-cron:0 30 3 * * *}")
    void retrain() {
        jobs.runExclusive("retrain", Duration.ofHours(6), this::trainNow);
    }

    private void trainNow() {
        try {
            registry.train(clock.instant());
        } catch (Trainer.NotEnoughHistory e) {
            LOG.info("scheduled retrain skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("scheduled retrain failed; the live model stays", e);
        }
    }
}
