package dev.watchkeeper.notify;

import dev.watchkeeper.cluster.JobLock;
import dev.watchkeeper.cluster.OutboxSender;
import dev.watchkeeper.core.Environments;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Sends e-mails and webhook calls in the background, in the server only (a CLI enqueues; the server sends).
 * Polls every second for deliveries that became due, and at once when something is enqueued in this process.
 * One instance sends when several share a database ({@link JobLock}).
 */
@Context
@Requires(env = Environments.SERVER)
public class ContactOutboxWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ContactOutboxWorker.class);
    private static final Duration KEEP_SENT = Duration.ofDays(14);
    static final String JOB = "contact-outbox";

    private final OutboxSender sender;

    public ContactOutboxWorker(ContactOutbox outbox, JobLock jobs, Clock clock) {
        sender = new OutboxSender(jobs, JOB, Duration.ofSeconds(60), outbox::sendDue, LOG, "contact outbox");
        outbox.onEnqueue(sender::kick);
        sender.pruneEvery(Duration.ofMinutes(5), Duration.ofMinutes(60),
                () -> outbox.pruneSent(clock.instant().minus(KEEP_SENT)));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        sender.stop();
    }
}
