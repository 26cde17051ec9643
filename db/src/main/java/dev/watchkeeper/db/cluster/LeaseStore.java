package dev.watchkeeper.db.cluster;

import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;

import static dev.watchkeeper.db.jooq.Tables.JOB_LEASE;

/**
 * Job leases: which instance runs a scheduled job. Taking or renewing a lease is one conditional UPDATE (or, for a
 * job never run before, an INSERT that does nothing on conflict), so of several instances racing for the same
 * expired lease exactly one wins, on PostgreSQL (row lock, WHERE re-checked) as on SQLite (one writer).
 */
public final class LeaseStore {

    /**
     * Takes or renews {@code job}'s lease for {@code holder} until {@code now + ttl}. Succeeds when the holder
     * already holds it, when it has expired, or when nobody ever held it.
     */
    public boolean tryAcquire(DSLContext tx, String job, String holder, Instant now, Duration ttl) {
        long nowMs = now.toEpochMilli();
        long until = now.plus(ttl).toEpochMilli();
        int renewed = tx.update(JOB_LEASE)
                .set(JOB_LEASE.EXPIRES_AT, until)
                .where(JOB_LEASE.NAME.eq(job))
                .and(JOB_LEASE.HOLDER.eq(holder))
                .execute();
        if (renewed == 1) {
            return true;
        }
        int taken = tx.update(JOB_LEASE)
                .set(JOB_LEASE.HOLDER, holder)
                .set(JOB_LEASE.ACQUIRED_AT, nowMs)
                .set(JOB_LEASE.EXPIRES_AT, until)
                .where(JOB_LEASE.NAME.eq(job))
                .and(JOB_LEASE.EXPIRES_AT.le(nowMs))
                .execute();
        if (taken == 1) {
            return true;
        }
        return tx.insertInto(JOB_LEASE)
                .set(JOB_LEASE.NAME, job)
                .set(JOB_LEASE.HOLDER, holder)
                .set(JOB_LEASE.ACQUIRED_AT, nowMs)
                .set(JOB_LEASE.EXPIRES_AT, until)
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** Gives up every lease {@code holder} holds (a clean shutdown), so another instance takes over at once. */
    public int releaseAll(DSLContext tx, String holder, Instant now) {
        return tx.update(JOB_LEASE)
                .set(JOB_LEASE.EXPIRES_AT, now.toEpochMilli())
                .where(JOB_LEASE.HOLDER.eq(holder))
                .execute();
    }
}
