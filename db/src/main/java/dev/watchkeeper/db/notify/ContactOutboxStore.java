package dev.watchkeeper.db.notify;

import dev.watchkeeper.db.Millis;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.watchkeeper.db.jooq.Tables.CONTACT_OUTBOX;

/** E-mails and webhook calls: pending, sent (kept for idempotency) and failed for good. */
public final class ContactOutboxStore {

    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    /** Adds a call unless one with the same idempotency key exists; true when a row was added. */
    public boolean enqueue(DSLContext tx, String key, String channel, String target, String payload, Instant now) {
        return tx.insertInto(CONTACT_OUTBOX)
                .set(CONTACT_OUTBOX.IDEMPOTENCY_KEY, key)
                .set(CONTACT_OUTBOX.CHANNEL, channel)
                .set(CONTACT_OUTBOX.TARGET, target)
                .set(CONTACT_OUTBOX.PAYLOAD, payload)
                .set(CONTACT_OUTBOX.STATE, PENDING)
                .set(CONTACT_OUTBOX.ATTEMPTS, 0)
                .set(CONTACT_OUTBOX.NEXT_ATTEMPT_AT, now.toEpochMilli())
                .set(CONTACT_OUTBOX.CREATED_AT, now.toEpochMilli())
                .onConflict(CONTACT_OUTBOX.IDEMPOTENCY_KEY)
                .doNothing()
                .execute() == 1;
    }

    /** Pending calls due at {@code now}, oldest first. */
    public List<ContactOutboxRow> due(DSLContext dsl, Instant now, int limit) {
        return dsl.selectFrom(CONTACT_OUTBOX)
                .where(CONTACT_OUTBOX.STATE.eq(PENDING))
                .and(CONTACT_OUTBOX.NEXT_ATTEMPT_AT.le(now.toEpochMilli()))
                .orderBy(CONTACT_OUTBOX.ID)
                .limit(limit)
                .fetch(ContactOutboxStore::toRow);
    }

    public List<ContactOutboxRow> recent(DSLContext dsl, int limit) {
        return dsl.selectFrom(CONTACT_OUTBOX).orderBy(CONTACT_OUTBOX.ID.desc()).limit(limit).fetch(ContactOutboxStore::toRow);
    }

    public void markSent(DSLContext tx, int id, int attempts, Instant now) {
        tx.update(CONTACT_OUTBOX).set(CONTACT_OUTBOX.STATE, SENT).set(CONTACT_OUTBOX.ATTEMPTS, attempts)
                .set(CONTACT_OUTBOX.SENT_AT, now.toEpochMilli()).where(CONTACT_OUTBOX.ID.eq(id)).execute();
    }

    public void retryLater(DSLContext tx, int id, int attempts, Instant next, String error) {
        tx.update(CONTACT_OUTBOX).set(CONTACT_OUTBOX.ATTEMPTS, attempts)
                .set(CONTACT_OUTBOX.NEXT_ATTEMPT_AT, next.toEpochMilli())
                .set(CONTACT_OUTBOX.LAST_ERROR, error).where(CONTACT_OUTBOX.ID.eq(id)).execute();
    }

    public void markFailed(DSLContext tx, int id, int attempts, String error) {
        tx.update(CONTACT_OUTBOX).set(CONTACT_OUTBOX.STATE, FAILED).set(CONTACT_OUTBOX.ATTEMPTS, attempts)
                .set(CONTACT_OUTBOX.LAST_ERROR, error).where(CONTACT_OUTBOX.ID.eq(id)).execute();
    }

    public int deleteSentBefore(DSLContext tx, Instant before) {
        return tx.deleteFrom(CONTACT_OUTBOX).where(CONTACT_OUTBOX.STATE.eq(SENT))
                .and(CONTACT_OUTBOX.SENT_AT.lt(before.toEpochMilli())).execute();
    }

    public Map<String, Integer> counts(DSLContext dsl) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(PENDING, 0);
        counts.put(SENT, 0);
        counts.put(FAILED, 0);
        dsl.select(CONTACT_OUTBOX.STATE, org.jooq.impl.DSL.count()).from(CONTACT_OUTBOX).groupBy(CONTACT_OUTBOX.STATE)
                .fetch().forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    /**
     * The deliveries whose idempotency key starts with {@code keyPrefix} (e.g. every channel of one page to one
     * person, {@code notify.PageKey}): their channel, state and last error.
     */
    public List<DeliveryStatus> statuses(DSLContext dsl, String keyPrefix) {
        return dsl.select(CONTACT_OUTBOX.CHANNEL, CONTACT_OUTBOX.STATE, CONTACT_OUTBOX.LAST_ERROR).from(CONTACT_OUTBOX)
                .where(CONTACT_OUTBOX.IDEMPOTENCY_KEY.startsWith(keyPrefix))
                .fetch(r -> new DeliveryStatus(r.value1(), r.value2(), r.value3()));
    }

    private static ContactOutboxRow toRow(Record r) {
        return new ContactOutboxRow(r.get(CONTACT_OUTBOX.ID), r.get(CONTACT_OUTBOX.IDEMPOTENCY_KEY),
                r.get(CONTACT_OUTBOX.CHANNEL), r.get(CONTACT_OUTBOX.TARGET), r.get(CONTACT_OUTBOX.PAYLOAD),
                r.get(CONTACT_OUTBOX.STATE), r.get(CONTACT_OUTBOX.ATTEMPTS),
                Millis.toInstant(r.get(CONTACT_OUTBOX.NEXT_ATTEMPT_AT)), Millis.toInstant(r.get(CONTACT_OUTBOX.CREATED_AT)),
                Millis.toInstant(r.get(CONTACT_OUTBOX.SENT_AT)), r.get(CONTACT_OUTBOX.LAST_ERROR));
    }
}
