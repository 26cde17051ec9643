package dev.watchkeeper.slack;

import dev.watchkeeper.cluster.JobLock;
import dev.watchkeeper.cluster.OutboxSender;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

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

    private final OutboxSender sender;

    public OutboxWorker(SlackOutbox outbox, Clock clock, JobLock jobs) {
        sender = new OutboxSender(jobs, JOB, LEASE, outbox::sendDue, LOG, "Slack outbox");
        outbox.onEnqueue(sender::kick);
        sender.pruneEvery(Duration.ofMinutes(1), Duration.ofMinutes(60), () -> {
            int n = outbox.pruneSent(clock.instant().minus(KEEP_SENT));
            if (n > 0) {
                LOG.info("forgot {} Slack calls sent more than {} days ago", n, KEEP_SENT.toDays());
            }
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        sender.stop();
    }
}
