package dev.watchkeeper.slack;

import dev.watchkeeper.db.Millis;
import dev.watchkeeper.db.notify.DeliveryStatus;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.watchkeeper.db.jooq.Tables.SLACK_OUTBOX;

/** The Slack outbox: calls waiting to be sent, sent ones (kept for idempotency) and permanent failures. */
public final class OutboxStore {

    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    /**
     * Adds a call unless one with the same idempotency key exists. Returns true when a row was added.
     *
     * @param itemId the item whose message this call concerns, or null
     */
    public boolean enqueue(DSLContext tx, String key, String method, Integer itemId, String target, String payload,
                           Instant now) {
        return tx.insertInto(SLACK_OUTBOX)
                .set(SLACK_OUTBOX.IDEMPOTENCY_KEY, key)
                .set(SLACK_OUTBOX.METHOD, method)
                .set(SLACK_OUTBOX.ITEM_ID, itemId)
                .set(SLACK_OUTBOX.TARGET, target)
                .set(SLACK_OUTBOX.PAYLOAD, payload)
                .set(SLACK_OUTBOX.STATE, PENDING)
                .set(SLACK_OUTBOX.ATTEMPTS, 0)
                .set(SLACK_OUTBOX.NEXT_ATTEMPT_AT, now.toEpochMilli())
                .set(SLACK_OUTBOX.CREATED_AT, now.toEpochMilli())
                .onConflict(SLACK_OUTBOX.IDEMPOTENCY_KEY)
                .doNothing()
                .execute() == 1;
    }

    /** Pending calls in the order they were enqueued, due or not (the sender keeps per-item order). */
    public List<OutboxRow> pending(DSLContext dsl, int limit) {
        return dsl.selectFrom(SLACK_OUTBOX)
                .where(SLACK_OUTBOX.STATE.eq(PENDING))
                .orderBy(SLACK_OUTBOX.ID)
                .limit(limit)
                .fetch(OutboxStore::toRow);
    }

    public List<OutboxRow> recent(DSLContext dsl, String state, int limit) {
        return dsl.selectFrom(SLACK_OUTBOX)
                .where(state == null ? SLACK_OUTBOX.STATE.isNotNull() : SLACK_OUTBOX.STATE.eq(state))
                .orderBy(SLACK_OUTBOX.ID.desc())
                .limit(limit)
                .fetch(OutboxStore::toRow);
    }

    public List<OutboxRow> forItem(DSLContext dsl, int itemId) {
        return dsl.selectFrom(SLACK_OUTBOX)
                .where(SLACK_OUTBOX.ITEM_ID.eq(itemId))
                .orderBy(SLACK_OUTBOX.ID)
                .fetch(OutboxStore::toRow);
    }

    public void markSent(DSLContext tx, int id, int attempts, String resultTs, Instant now) {
        tx.update(SLACK_OUTBOX)
                .set(SLACK_OUTBOX.STATE, SENT)
                .set(SLACK_OUTBOX.ATTEMPTS, attempts)
                .set(SLACK_OUTBOX.BACKOFF_FAILURES, 0)
                .set(SLACK_OUTBOX.SENT_AT, now.toEpochMilli())
                .set(SLACK_OUTBOX.RESULT_TS, resultTs)
                .where(SLACK_OUTBOX.ID.eq(id))
                .execute();
    }

    public void retryLater(DSLContext tx, int id, int attempts, Instant next, String error) {
        retryLater(tx, id, attempts, null, next, error);
    }

    /**
     * @param backoffFailures the row's consecutive transient failures (its backoff), or null to keep it as it is
     *                        (a 429: Slack said how long to wait, which says nothing about this call)
     */
    public void retryLater(DSLContext tx, int id, int attempts, Integer backoffFailures, Instant next, String error) {
        var u = tx.update(SLACK_OUTBOX).set(SLACK_OUTBOX.ATTEMPTS, attempts);
        if (backoffFailures != null) {
            u = u.set(SLACK_OUTBOX.BACKOFF_FAILURES, backoffFailures);
        }
        u
                .set(SLACK_OUTBOX.NEXT_ATTEMPT_AT, next.toEpochMilli())
                .set(SLACK_OUTBOX.LAST_ERROR, error)
                .where(SLACK_OUTBOX.ID.eq(id))
                .execute();
    }

    /**
     * Slack answered a call: it has recovered, so pending calls waiting out a backoff are due by
     * {@code soonest} at the latest and their backoff starts over. Returns how many were reset.
     */
    public int resetBackoff(DSLContext tx, Instant soonest) {
        return tx.update(SLACK_OUTBOX)
                .set(SLACK_OUTBOX.BACKOFF_FAILURES, 0)
                .set(SLACK_OUTBOX.NEXT_ATTEMPT_AT, org.jooq.impl.DSL.least(SLACK_OUTBOX.NEXT_ATTEMPT_AT,
                        org.jooq.impl.DSL.val(soonest.toEpochMilli())))
                .where(SLACK_OUTBOX.STATE.eq(PENDING))
                .and(SLACK_OUTBOX.BACKOFF_FAILURES.gt(0))
                .execute();
    }

    public void markFailed(DSLContext tx, int id, int attempts, String error) {
        tx.update(SLACK_OUTBOX)
                .set(SLACK_OUTBOX.STATE, FAILED)
                .set(SLACK_OUTBOX.ATTEMPTS, attempts)
                .set(SLACK_OUTBOX.LAST_ERROR, error)
                .where(SLACK_OUTBOX.ID.eq(id))
                .execute();
    }

    /** Puts failed calls back in the queue (after the cause, e.g. a missing scope, was fixed). */
    public int retryFailed(DSLContext tx, Instant now) {
        return tx.update(SLACK_OUTBOX)
                .set(SLACK_OUTBOX.STATE, PENDING)
                .set(SLACK_OUTBOX.NEXT_ATTEMPT_AT, now.toEpochMilli())
                .where(SLACK_OUTBOX.STATE.eq(FAILED))
                .execute();
    }

    public int deleteSentBefore(DSLContext tx, Instant before) {
        return tx.deleteFrom(SLACK_OUTBOX)
                .where(SLACK_OUTBOX.STATE.eq(SENT))
                .and(SLACK_OUTBOX.SENT_AT.lt(before.toEpochMilli()))
                .execute();
    }

    /** How many calls are in each state (every state present, zero when none). */
    public Map<String, Integer> counts(DSLContext dsl) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(PENDING, 0);
        counts.put(SENT, 0);
        counts.put(FAILED, 0);
        dsl.select(SLACK_OUTBOX.STATE, org.jooq.impl.DSL.count())
                .from(SLACK_OUTBOX)
                .groupBy(SLACK_OUTBOX.STATE)
                .fetch()
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    /**
     * The calls whose idempotency key starts with {@code keyPrefix} (e.g. a page's DM, {@code PageKey}): their
     * state and last error, on {@code channel}.
     */
    public List<DeliveryStatus> statuses(DSLContext dsl, String keyPrefix, String channel) {
        return dsl.select(SLACK_OUTBOX.STATE, SLACK_OUTBOX.LAST_ERROR).from(SLACK_OUTBOX)
                .where(SLACK_OUTBOX.IDEMPOTENCY_KEY.startsWith(keyPrefix))
                .fetch(r -> new DeliveryStatus(channel, r.value1(), r.value2()));
    }

    private static OutboxRow toRow(Record r) {
        return new OutboxRow(r.get(SLACK_OUTBOX.ID), r.get(SLACK_OUTBOX.IDEMPOTENCY_KEY), r.get(SLACK_OUTBOX.METHOD),
                r.get(SLACK_OUTBOX.ITEM_ID), r.get(SLACK_OUTBOX.TARGET), r.get(SLACK_OUTBOX.PAYLOAD),
                r.get(SLACK_OUTBOX.STATE), r.get(SLACK_OUTBOX.ATTEMPTS),
                Millis.toInstant(r.get(SLACK_OUTBOX.NEXT_ATTEMPT_AT)), Millis.toInstant(r.get(SLACK_OUTBOX.CREATED_AT)),
                Millis.toInstant(r.get(SLACK_OUTBOX.SENT_AT)), r.get(SLACK_OUTBOX.LAST_ERROR),
                r.get(SLACK_OUTBOX.RESULT_TS), r.get(SLACK_OUTBOX.BACKOFF_FAILURES) == null ? 0
                : r.get(SLACK_OUTBOX.BACKOFF_FAILURES));
    }
}
