package dev.watchkeeper.rotation;

import dev.watchkeeper.core.Environments;
import dev.watchkeeper.cluster.JobLock;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Escalation, handoff and primary-change checks, every minute, only in the server (tests call the checks directly);
 * on one instance at a time when several share a database ({@link JobLock}).
 */
@Singleton
@Requires(env = Environments.SERVER)
public class RotationJobs {

    private static final Logger LOG = LoggerFactory.getLogger(RotationJobs.class);

    private final PagingService paging;
    private final HandoffService handoffs;
    private final PrimaryWatch primaries;
    private final JobLock jobs;
    private final Duration leaseFor;

    public RotationJobs(PagingService paging, HandoffService handoffs, PrimaryWatch primaries, JobLock jobs,
                        @Value("${watchkeeper.rotation.check-every:1m}") Duration checkEvery) {
        this.paging = paging;
        this.handoffs = handoffs;
        this.primaries = primaries;
        this.jobs = jobs;
        // Another instance takes the checks over when this one has missed about three of them.
        Duration three = checkEvery.multipliedBy(3);
        this.leaseFor = three.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : three;
    }

    @Scheduled(fixedDelay = "${watchkeeper.rotation.check-every:1m}",
            initialDelay = "${watchkeeper.rotation.first-check-after:30s}")
    void run() {
        jobs.runExclusive("rotation-checks", leaseFor, this::checks);
    }

    private void checks() {
        try {
            paging.check();
        } catch (RuntimeException e) {
            LOG.error("escalation check failed", e);
        }
        try {
            handoffs.check();
        } catch (RuntimeException e) {
            LOG.error("handoff check failed", e);
        }
        try {
            primaries.check();
        } catch (RuntimeException e) {
            LOG.error("primary check failed", e);
        }
    }
}
