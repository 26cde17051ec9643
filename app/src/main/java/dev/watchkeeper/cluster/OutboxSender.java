package dev.watchkeeper.cluster;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An outbox's background sender: one daemon thread, named after the job, that sends once a second (for retries
 * that became due) and at once when {@link #kick() kicked} (kicks that arrive while a run waits are that run). Each
 * run holds the job's lease ({@link JobLock}), so one instance sends when several share a database; a failed run
 * is logged and the next one tries again. Not a bean: each outbox's worker owns one and stops it.
 */
public final class OutboxSender {

    private final JobLock jobs;
    private final String job;
    private final Duration lease;
    private final Runnable send;
    private final Logger log;
    private final String what;
    private final AtomicBoolean kicked = new AtomicBoolean();
    private final ScheduledExecutorService executor;

    /**
     * @param send what one run does (the outbox's {@code sendDue})
     * @param log  the worker's logger, {@code what} the outbox's name in its messages ("contact outbox")
     */
    public OutboxSender(JobLock jobs, String job, Duration lease, Runnable send, Logger log, String what) {
        this.jobs = jobs;
        this.job = job;
        this.lease = lease;
        this.send = send;
        this.log = log;
        this.what = what;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, job);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runOnce, 1, 1, TimeUnit.SECONDS);
    }

    /** Something was enqueued in this process: send now rather than at the next poll. */
    public void kick() {
        if (kicked.compareAndSet(false, true)) {
            executor.execute(this::runOnce);
        }
    }

    /** Also runs {@code prune} under the job's lease, first after {@code first}, then every {@code every}. */
    public void pruneEvery(Duration first, Duration every, Runnable prune) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                jobs.runExclusive(job, lease, prune);
            } catch (RuntimeException e) {
                log.error("pruning the {} failed", what, e);
            }
        }, first.toMinutes(), every.toMinutes(), TimeUnit.MINUTES);
    }

    private void runOnce() {
        kicked.set(false);
        try {
            jobs.runExclusive(job, lease, send);
        } catch (RuntimeException e) {
            log.error("the {} sender failed; it will try again", what, e);
        }
    }

    /** Stops sending (the application is shutting down); waits a little for a run in progress. */
    public void stop() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
