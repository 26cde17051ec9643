package dev.watchkeeper.cluster;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.cluster.LeaseStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs scheduled jobs on one instance at a time through a lease row per job ({@code job_lease}). Every instance's
 * scheduler fires as usual; only the instance that holds (or can take) the job's lease does the work, and it keeps
 * the lease while it lives, renewing it while a run lasts. When it stops (cleanly: leases released; crashed: they
 * expire after their time to live), another instance takes the job over on its next tick.
 */
@Singleton
public class JobLock {

    private static final Logger LOG = LoggerFactory.getLogger(JobLock.class);

    private final Database db;
    private final LeaseStore leases;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final String holder;
    private final Map<String, Integer> runs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-lease-renewer");
        t.setDaemon(true);
        return t;
    });

    public JobLock(Database db, LeaseStore leases, Clock clock, MeterRegistry metrics) {
        this.db = db;
        this.leases = leases;
        this.clock = clock;
        this.metrics = metrics;
        this.holder = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    /** This instance's name in {@code job_lease.holder}. */
    public String holder() {
        return holder;
    }

    /**
     * Runs {@code work} when this instance holds or can take the lease of {@code job} for {@code ttl}; the lease
     * is renewed every third of {@code ttl} while the work runs. Returns whether it ran here. A failure of the work
     * is counted and thrown to the caller.
     */
    public boolean runExclusive(String job, Duration ttl, Runnable work) {
        boolean mine;
        try {
            mine = db.write(tx -> leases.tryAcquire(tx, job, holder, clock.instant(), ttl));
        } catch (RuntimeException e) {
            LOG.warn("cannot take the lease of job {}: {}", job, e.getMessage());
            count(job, "lease-error");
            return false;
        }
        if (!mine) {
            count(job, "skipped");
            return false;
        }
        long every = Math.max(1, ttl.toMillis() / 3);
        ScheduledFuture<?> renewal = renewer.scheduleAtFixedRate(() -> renew(job, ttl), every, every,
                TimeUnit.MILLISECONDS);
        try {
            work.run();
            count(job, "ok");
            runs.merge(job, 1, Integer::sum);
            return true;
        } catch (RuntimeException e) {
            count(job, "failed");
            runs.merge(job, 1, Integer::sum);
            throw e;
        } finally {
            renewal.cancel(false);
        }
    }

    private void renew(String job, Duration ttl) {
        try {
            if (!db.write(tx -> leases.tryAcquire(tx, job, holder, clock.instant(), ttl))) {
                LOG.error("job {} lost its lease while running (another instance may start it)", job);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot renew the lease of job {}: {}", job, e.getMessage());
        }
    }

    private void count(String job, String outcome) {
        Counter.builder("watchkeeper.job.runs")
                .description("Scheduled job ticks on this instance, by job and outcome (skipped: another instance holds the lease)")
                .tag("job", job)
                .tag("outcome", outcome)
                .register(metrics)
                .increment();
    }

    /** How many times {@code job} ran on this instance. */
    public int runs(String job) {
        return runs.getOrDefault(job, 0);
    }

    /** Hands every lease over at once on a clean shutdown. */
    @PreDestroy
    void release() {
        renewer.shutdownNow();
        try {
            db.write(tx -> leases.releaseAll(tx, holder, clock.instant()));
        } catch (RuntimeException e) {
            LOG.warn("cannot release the job leases of {}: {}", holder, e.getMessage());
        }
    }
}
