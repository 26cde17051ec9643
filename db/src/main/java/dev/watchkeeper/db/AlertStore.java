package dev.watchkeeper.db;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static dev.watchkeeper.db.jooq.Tables.OCCURRENCE;

/** Raw events, alerts by fingerprint, and their occurrences. */
public final class AlertStore {

    /** Appends a payload as received. Events are never updated or deleted. */
    public int appendEvent(DSLContext tx, String source, Integer integrationId, Instant receivedAt, String payload) {
        return tx.insertInto(ALERT_EVENT)
                .set(ALERT_EVENT.SOURCE, source)
                .set(ALERT_EVENT.INTEGRATION_ID, integrationId)
                .set(ALERT_EVENT.RECEIVED_AT, receivedAt.toEpochMilli())
                .set(ALERT_EVENT.PAYLOAD, payload)
                .returning(ALERT_EVENT.ID)
                .fetchOne(ALERT_EVENT.ID);
    }

    public Optional<AlertRow> findByFingerprint(DSLContext dsl, String fingerprint) {
        return dsl.selectFrom(ALERT)
                .where(ALERT.FINGERPRINT.eq(fingerprint))
                .fetchOptional()
                .map(AlertStore::toRow);
    }

    /** Inserts a new alert (fire count 1) and returns its id. */
    public int insert(DSLContext tx, AlertRow a, Integer eventId) {
        return tx.insertInto(ALERT)
                .set(ALERT.FINGERPRINT, a.fingerprint())
                .set(ALERT.ALERTNAME, a.alertname())
                .set(ALERT.SOURCE, a.source())
                .set(ALERT.INTEGRATION_ID, a.integrationId())
                .set(ALERT.ITEM_ID, a.itemId())
                .set(ALERT.SEVERITY, a.severity())
                .set(ALERT.SERVICE, a.service())
                .set(ALERT.SUMMARY, a.summary())
                .set(ALERT.LABELS, a.labelsJson())
                .set(ALERT.ANNOTATIONS, a.annotationsJson())
                .set(ALERT.GENERATOR_URL, a.generatorUrl())
                .set(ALERT.STATUS, a.status())
                .set(ALERT.FIRE_COUNT, a.fireCount())
                .set(ALERT.FIRST_SEEN_AT, Millis.of(a.firstSeenAt()))
                .set(ALERT.LAST_SEEN_AT, Millis.of(a.lastSeenAt()))
                .set(ALERT.STARTS_AT, Millis.of(a.startsAt()))
                .set(ALERT.ENDS_AT, Millis.of(a.endsAt()))
                .set(ALERT.LAST_EVENT_ID, eventId)
                .returning(ALERT.ID)
                .fetchOne(ALERT.ID);
    }

    /**
     * The item's alerts: those attached to it now, and those that fired in it before moving on to a newer item
     * (an alert that fires again after its item was closed joins a new item; the old item keeps its history).
     */
    public List<AlertRow> forItem(DSLContext dsl, int itemId) {
        return dsl.selectFrom(ALERT)
                .where(ALERT.ITEM_ID.eq(itemId)
                        .or(ALERT.ID.in(DSL.select(OCCURRENCE.ALERT_ID).from(OCCURRENCE).where(OCCURRENCE.ITEM_ID.eq(itemId)))))
                .orderBy(ALERT.LAST_SEEN_AT.desc(), ALERT.ID)
                .fetch(AlertStore::toRow);
    }

    /**
     * The item's {@code limit} most recently seen alerts, firing ones first: what the alert path looks at,
     * so that the work per scoring stays bounded when a storm has put thousands of alerts in one item.
     */
    public List<AlertRow> recentForItem(DSLContext dsl, int itemId, int limit) {
        // Firing first, then the rest: each part is a walk down the alert_item_recent index that stops at the limit,
        // however many alerts the item holds (one ORDER BY over both sorted all of them).
        List<AlertRow> out = new ArrayList<>(recentForItem(dsl, itemId, "firing", limit));
        if (out.size() < limit) {
            out.addAll(recentForItem(dsl, itemId, "resolved", limit - out.size()));
        }
        return out;
    }

    private static List<AlertRow> recentForItem(DSLContext dsl, int itemId, String status, int limit) {
        return dsl.selectFrom(ALERT)
                .where(ALERT.ITEM_ID.eq(itemId).and(ALERT.STATUS.eq(status)))
                .orderBy(ALERT.LAST_SEEN_AT.desc(), ALERT.ID.desc())
                .limit(limit)
                .fetch(AlertStore::toRow);
    }

    public int openOccurrence(DSLContext tx, int alertId, int itemId, String externalId, Instant startsAt,
                              Instant endsAt, Instant receivedAt, Integer eventId) {
        return tx.insertInto(OCCURRENCE)
                .set(OCCURRENCE.ALERT_ID, alertId)
                .set(OCCURRENCE.ITEM_ID, itemId)
                .set(OCCURRENCE.EXTERNAL_ID, externalId)
                .set(OCCURRENCE.STARTS_AT, Millis.of(startsAt))
                .set(OCCURRENCE.ENDS_AT, Millis.of(endsAt))
                .set(OCCURRENCE.RECEIVED_AT, Millis.of(receivedAt))
                .set(OCCURRENCE.EVENT_ID, eventId)
                .returning(OCCURRENCE.ID)
                .fetchOne(OCCURRENCE.ID);
    }

    /** Severity and annotations as they were when the occurrence fired (ranking features read them). */
    public void setOccurrenceDetail(DSLContext tx, int occurrenceId, String severity, String annotationsJson) {
        tx.update(OCCURRENCE)
                .set(OCCURRENCE.SEVERITY, severity)
                .set(OCCURRENCE.ANNOTATIONS, annotationsJson)
                .where(OCCURRENCE.ID.eq(occurrenceId))
                .execute();
    }

    public List<OccurrenceRow> occurrencesOf(DSLContext dsl, int alertId) {
        return dsl.selectFrom(OCCURRENCE)
                .where(OCCURRENCE.ALERT_ID.eq(alertId))
                .orderBy(OCCURRENCE.STARTS_AT)
                .fetch(AlertStore::toOccurrence);
    }

    static AlertRow toRow(Record r) {
        return new AlertRow(r.get(ALERT.ID), r.get(ALERT.FINGERPRINT), r.get(ALERT.ALERTNAME), r.get(ALERT.SOURCE),
                r.get(ALERT.INTEGRATION_ID), r.get(ALERT.ITEM_ID), r.get(ALERT.SEVERITY), r.get(ALERT.SERVICE),
                r.get(ALERT.SUMMARY), r.get(ALERT.LABELS), r.get(ALERT.ANNOTATIONS), r.get(ALERT.GENERATOR_URL),
                r.get(ALERT.STATUS), r.get(ALERT.FIRE_COUNT), Millis.toInstant(r.get(ALERT.FIRST_SEEN_AT)),
                Millis.toInstant(r.get(ALERT.LAST_SEEN_AT)), Millis.toInstant(r.get(ALERT.STARTS_AT)),
                Millis.toInstant(r.get(ALERT.ENDS_AT)));
    }

    static OccurrenceRow toOccurrence(Record r) {
        return new OccurrenceRow(r.get(OCCURRENCE.ID), r.get(OCCURRENCE.ALERT_ID), r.get(OCCURRENCE.ITEM_ID),
                r.get(OCCURRENCE.EXTERNAL_ID), Millis.toInstant(r.get(OCCURRENCE.STARTS_AT)),
                Millis.toInstant(r.get(OCCURRENCE.ENDS_AT)), Millis.toInstant(r.get(OCCURRENCE.RECEIVED_AT)));
    }
}
