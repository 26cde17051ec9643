package dev.watchkeeper.db.ingest;

import dev.watchkeeper.db.RenderedStatements;
import dev.watchkeeper.db.Millis;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.Record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.watchkeeper.db.RenderedStatements.bound;
import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static dev.watchkeeper.db.jooq.Tables.OCCURRENCE;

/** Raw events, alerts by fingerprint, and their occurrences. */
public final class AlertStore {

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
        return STATEMENTS.of(dsl, "recentForItem", 1, n -> dsl.select(ROW_COLUMNS).from(ALERT)
                        .where(ALERT.ITEM_ID.eq(bound(ALERT.ITEM_ID)).and(ALERT.STATUS.eq(bound(ALERT.STATUS))))
                        .orderBy(ALERT.LAST_SEEN_AT.desc(), ALERT.ID.desc())
                        .limit(RenderedStatements.boundLimit()))
                .query(dsl, AlertStore::readRow, itemId, status, limit);
    }

    /** The columns {@link #readRow} reads, in its order. */
    static final List<Field<?>> ROW_COLUMNS = List.of(ALERT.ID, ALERT.FINGERPRINT, ALERT.ALERTNAME, ALERT.SOURCE,
            ALERT.INTEGRATION_ID, ALERT.ITEM_ID, ALERT.SEVERITY, ALERT.SERVICE, ALERT.SUMMARY, ALERT.LABELS,
            ALERT.ANNOTATIONS, ALERT.GENERATOR_URL, ALERT.STATUS, ALERT.FIRE_COUNT, ALERT.FIRST_SEEN_AT,
            ALERT.LAST_SEEN_AT, ALERT.STARTS_AT, ALERT.ENDS_AT);

    /**
     * An alert from a row of {@link #ROW_COLUMNS}, read by position: on the hot paths (ingestion's lookups, the alert
     * path's 100 alerts per scoring) looking each column up by field in a jOOQ record cost more than the query.
     */
    static AlertRow readRow(ResultSet rs) throws SQLException {
        return new AlertRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                RenderedStatements.intOrNull(rs, 5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getInt(14),
                RenderedStatements.instantOrNull(rs, 15), RenderedStatements.instantOrNull(rs, 16), RenderedStatements.instantOrNull(rs, 17), RenderedStatements.instantOrNull(rs, 18));
    }

    /** The statements the alert path runs for each item it scores, rendered once ({@link RenderedStatements}). */
    private static final RenderedStatements STATEMENTS = new RenderedStatements();

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

    static AlertRow toRow(Record r) {
        return new AlertRow(r.get(ALERT.ID), r.get(ALERT.FINGERPRINT), r.get(ALERT.ALERTNAME), r.get(ALERT.SOURCE),
                r.get(ALERT.INTEGRATION_ID), r.get(ALERT.ITEM_ID), r.get(ALERT.SEVERITY), r.get(ALERT.SERVICE),
                r.get(ALERT.SUMMARY), r.get(ALERT.LABELS), r.get(ALERT.ANNOTATIONS), r.get(ALERT.GENERATOR_URL),
                r.get(ALERT.STATUS), r.get(ALERT.FIRE_COUNT), Millis.toInstant(r.get(ALERT.FIRST_SEEN_AT)),
                Millis.toInstant(r.get(ALERT.LAST_SEEN_AT)), Millis.toInstant(r.get(ALERT.STARTS_AT)),
                Millis.toInstant(r.get(ALERT.ENDS_AT)));
    }

}
