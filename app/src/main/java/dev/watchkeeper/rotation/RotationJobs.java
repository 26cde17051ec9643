package dev.watchkeeper.rotation;

import dev.watchkeeper.cli.ServeCommand;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Escalation, handoff and primary-change checks, every minute, only in the server (tests call the checks directly). */
@Singleton
@Requires(env = ServeCommand.SERVER_ENV)
public class RotationJobs {

    private static final Logger LOG = LoggerFactory.getLogger(RotationJobs.class);

    private final PagingService paging;
    private final HandoffService handoffs;
    private final PrimaryWatch primaries;

    public RotationJobs(PagingService paging, HandoffService handoffs, PrimaryWatch primaries) {
        this.paging = paging;
        this.handoffs = handoffs;
        this.primaries = primaries;
    }

    @Scheduled(fixedDelay = "${watchkeeper.rotation.check-every:1m}", initialDelay = "30s")
    void run() {
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
