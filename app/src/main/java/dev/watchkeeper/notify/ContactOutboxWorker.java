package dev.watchkeeper.notify;

import dev.watchkeeper.cluster.JobLock;
import dev.watchkeeper.core.Environments;
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

    private final ContactOutbox outbox;
    private final JobLock jobs;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "contact-outbox");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean kicked = new AtomicBoolean();

    public ContactOutboxWorker(ContactOutbox outbox, JobLock jobs, Clock clock) {
        this.outbox = outbox;
        this.jobs = jobs;
        outbox.onEnqueue(this::kick);
        executor.scheduleWithFixedDelay(this::runOnce, 1, 1, TimeUnit.SECONDS);
        executor.scheduleWithFixedDelay(() -> {
            try {
                jobs.runExclusive(JOB, Duration.ofSeconds(60), () -> outbox.pruneSent(clock.instant().minus(KEEP_SENT)));
            } catch (RuntimeException e) {
                LOG.error("pruning the contact outbox failed", e);
            }
        }, 5, 60, TimeUnit.MINUTES);
    }

    private void kick() {
        if (kicked.compareAndSet(false, true)) {
            executor.execute(this::runOnce);
        }
    }

    private void runOnce() {
        kicked.set(false);
        try {
            jobs.runExclusive(JOB, Duration.ofSeconds(60), outbox::sendDue);
        } catch (RuntimeException e) {
            LOG.error("the contact outbox sender failed; it will try again", e);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
