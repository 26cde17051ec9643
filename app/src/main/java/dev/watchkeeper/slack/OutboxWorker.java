package dev.watchkeeper.slack;

import dev.watchkeeper.cluster.JobLock;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the outbox in the background, in the server only (tests call {@link SlackOutbox#sendDue()}).
 * Polls once a second for retries that became due, and at once when something is enqueued. When several
 * instances share a database, one of them sends ({@link JobLock}): each message goes out once.
 */
@Context
@Requires(env = "server")
@Requires(property = "slack.bot-token", pattern = ".+")
public class OutboxWorker {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
    /** Sent rows are kept a while for `watchkeeper slack outbox` and investigations, then forgotten. */
    private static final Duration KEEP_SENT = Duration.ofDays(14);
    /** Another instance takes the sending over when this one has not renewed its lease for this long. */
    static final Duration LEASE = Duration.ofSeconds(60);
    static final String JOB = "slack-outbox";

    private final SlackOutbox outbox;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slack-outbox");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean kicked = new AtomicBoolean();
    private final JobLock jobs;

    public OutboxWorker(SlackOutbox outbox, Clock clock, JobLock jobs) {
        this.outbox = outbox;
        this.jobs = jobs;
        outbox.onEnqueue(this::kick);
        executor.scheduleWithFixedDelay(this::runOnce, 1, 1, TimeUnit.SECONDS);
        executor.scheduleWithFixedDelay(() -> prune(clock), 1, 60, TimeUnit.MINUTES);
    }

    private void prune(Clock clock) {
        try {
            jobs.runExclusive(JOB, LEASE, () -> {
                int n = outbox.pruneSent(clock.instant().minus(KEEP_SENT));
                if (n > 0) {
                    LOG.info("forgot {} Slack calls sent more than {} days ago", n, KEEP_SENT.toDays());
                }
            });
        } catch (RuntimeException e) {
            LOG.error("pruning the Slack outbox failed", e);
        }
    }

    private void kick() {
        if (kicked.compareAndSet(false, true)) {
            executor.execute(this::runOnce);
        }
    }

    private void runOnce() {
        kicked.set(false);
        try {
            jobs.runExclusive(JOB, LEASE, outbox::sendDue);
        } catch (RuntimeException e) {
            LOG.error("the Slack outbox sender failed; it will try again", e);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
