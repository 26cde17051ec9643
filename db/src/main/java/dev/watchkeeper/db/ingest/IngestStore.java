package dev.watchkeeper.db.ingest;

import dev.watchkeeper.db.Millis;

import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.InsertValuesStep18;
import org.jooq.InsertValuesStep9;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static dev.watchkeeper.db.jooq.Tables.OCCURRENCE;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;

/**
 * The statements of the ingestion hot path, in jOOQ like every other store, each built to do a whole request's
 * rows at once: reads take every fingerprint, alert or group key of the request in one {@code IN} list,
 * inserts are multi-row statements ({@code INSERT ... VALUES (...), (...) RETURNING ...}), and updates are one
 * statement rendered once and bound per row, run as a JDBC batch ({@link DSLContext#batch(Query)}).
 *
 * <p>Every alert a sender posts runs these inside the one writer's transaction, so their cost bounds
 * ingestion throughput; no statement is run once per alert.
 *
 * <p>Measured against the plain-JDBC version this replaced (2026-12-02, 2 cores shared with other builds, load
 * average 7-14; the store calls alone on a SQLite file, 1,500 requests of 50 new alerts over 140 groups, one in
 * four resolving an earlier request's alerts): jOOQ's building, rendering and binding add about 1 ms of writer
 * CPU per request, 3.1-4.2 ms against 4.0-5.7 ms once warm. Through HTTP ({@code bin/bench-ingest}, groups
 * and storm shapes, 10 s warm) the difference was lost in the noise of the shared machine: groups 885 and
 * 1,925 alerts/s against 1,209 and 1,458 before. If it shows on a quiet machine, the multi-row inserts are
 * where to start: render each shape (rows per statement) once and bind it again.
 */
public final class IngestStore {

    /** Rows per multi-row statement: well under SQLite's limit of bound variables. */
    private static final int CHUNK = 200;

    /** The open and acknowledged states: the item alerts of its group key join. */
    private static final List<String> ACTIVE = List.of("open", "acknowledged");

    /** Appends a payload as received. Events are never updated or deleted. */
    public int appendEvent(DSLContext tx, String source, Integer integrationId, Instant receivedAt, String payload) {
        return tx.insertInto(ALERT_EVENT, ALERT_EVENT.SOURCE, ALERT_EVENT.INTEGRATION_ID, ALERT_EVENT.RECEIVED_AT,
                        ALERT_EVENT.PAYLOAD)
                .values(source, integrationId, receivedAt.toEpochMilli(), payload)
                .returning(ALERT_EVENT.ID)
                .fetchOne(ALERT_EVENT.ID);
    }

    /** The alerts with these fingerprints, by fingerprint. */
    public Map<String, AlertRow> findByFingerprints(DSLContext tx, Collection<String> fingerprints) {
        Map<String, AlertRow> out = new HashMap<>();
        for (List<String> chunk : chunks(fingerprints)) {
            tx.select(ALERT.ID, ALERT.FINGERPRINT, ALERT.ALERTNAME, ALERT.SOURCE, ALERT.INTEGRATION_ID, ALERT.ITEM_ID,
                            ALERT.SEVERITY, ALERT.SERVICE, ALERT.SUMMARY, ALERT.LABELS, ALERT.ANNOTATIONS,
                            ALERT.GENERATOR_URL, ALERT.STATUS, ALERT.FIRE_COUNT, ALERT.FIRST_SEEN_AT, ALERT.LAST_SEEN_AT,
                            ALERT.STARTS_AT, ALERT.ENDS_AT)
                    .from(ALERT)
                    .where(ALERT.FINGERPRINT.in(chunk))
                    .forEach(r -> out.put(r.value2(), new AlertRow(r.value1(), r.value2(), r.value3(), r.value4(),
                            r.value5(), r.value6(), r.value7(), r.value8(), r.value9(), r.value10(), r.value11(),
                            r.value12(), r.value13(), r.value14(), Millis.toInstant(r.value15()),
                            Millis.toInstant(r.value16()), Millis.toInstant(r.value17()), Millis.toInstant(r.value18()))));
        }
        return out;
    }

    /** The occurrences that have not ended of these alerts, by alert id (the newest when several). */
    public Map<Integer, OccurrenceRow> findOpenOccurrences(DSLContext tx, Collection<Integer> alertIds) {
        Map<Integer, OccurrenceRow> out = new HashMap<>();
        for (List<Integer> chunk : chunks(alertIds)) {
            tx.select(OCCURRENCE.ID, OCCURRENCE.ALERT_ID, OCCURRENCE.ITEM_ID, OCCURRENCE.EXTERNAL_ID,
                            OCCURRENCE.STARTS_AT, OCCURRENCE.ENDS_AT, OCCURRENCE.RECEIVED_AT)
                    .from(OCCURRENCE)
                    .where(OCCURRENCE.ENDS_AT.isNull().and(OCCURRENCE.ALERT_ID.in(chunk)))
                    .orderBy(OCCURRENCE.STARTS_AT)
                    .forEach(r -> out.put(r.value2(), new OccurrenceRow(r.value1(), r.value2(), r.value3(), r.value4(),
                            Millis.toInstant(r.value5()), Millis.toInstant(r.value6()), Millis.toInstant(r.value7()))));
        }
        return out;
    }

    /** The id of the item alerts with this group key join now (the newest open or acknowledged one). */
    public Integer activeItemId(DSLContext tx, String groupKey) {
        return tx.select(TRIAGE_ITEM.ID)
                .from(TRIAGE_ITEM)
                .where(TRIAGE_ITEM.GROUP_KEY.eq(groupKey).and(TRIAGE_ITEM.STATE.in(ACTIVE)))
                .orderBy(TRIAGE_ITEM.ID.desc())
                .limit(1)
                .fetchOne(TRIAGE_ITEM.ID);
    }

    /** The active item of each of these group keys that has one (see {@link #activeItemId}), by group key. */
    public Map<String, Integer> activeItemIds(DSLContext tx, Collection<String> groupKeys) {
        Map<String, Integer> out = new HashMap<>();
        for (List<String> chunk : chunks(groupKeys)) {
            tx.select(TRIAGE_ITEM.GROUP_KEY, DSL.max(TRIAGE_ITEM.ID))
                    .from(TRIAGE_ITEM)
                    .where(TRIAGE_ITEM.GROUP_KEY.in(chunk).and(TRIAGE_ITEM.STATE.in(ACTIVE)))
                    .groupBy(TRIAGE_ITEM.GROUP_KEY)
                    .forEach(r -> out.put(r.value1(), r.value2()));
        }
        return out;
    }

    /** Inserts new alerts with multi-row statements and returns their ids by fingerprint. */
    public Map<String, Integer> insertAlerts(DSLContext tx, List<AlertRow> rows, Integer eventId) {
        Map<String, Integer> ids = new HashMap<>();
        for (List<AlertRow> chunk : chunks(rows)) {
            InsertValuesStep18<?, String, String, String, Integer, Integer, String, String, String, String, String,
                    String, String, Integer, Long, Long, Long, Long, Integer> insert = tx.insertInto(ALERT,
                    ALERT.FINGERPRINT, ALERT.ALERTNAME, ALERT.SOURCE, ALERT.INTEGRATION_ID, ALERT.ITEM_ID,
                    ALERT.SEVERITY, ALERT.SERVICE, ALERT.SUMMARY, ALERT.LABELS, ALERT.ANNOTATIONS, ALERT.GENERATOR_URL,
                    ALERT.STATUS, ALERT.FIRE_COUNT, ALERT.FIRST_SEEN_AT, ALERT.LAST_SEEN_AT, ALERT.STARTS_AT,
                    ALERT.ENDS_AT, ALERT.LAST_EVENT_ID);
            for (AlertRow a : chunk) {
                insert = insert.values(a.fingerprint(), a.alertname(), a.source(), a.integrationId(), a.itemId(),
                        a.severity(), a.service(), a.summary(), a.labelsJson(), a.annotationsJson(), a.generatorUrl(),
                        a.status(), a.fireCount(), Millis.of(a.firstSeenAt()), Millis.of(a.lastSeenAt()),
                        Millis.of(a.startsAt()), Millis.of(a.endsAt()), eventId);
            }
            // RETURNING written out: jOOQ emulates it on SQLite with the JDBC generated keys, one row's only.
            tx.resultQuery("{0} returning {1}, {2}", insert, ALERT.ID.getUnqualifiedName(),
                            ALERT.FINGERPRINT.getUnqualifiedName())
                    .coerce(ALERT.ID, ALERT.FINGERPRINT)
                    .forEach(r -> ids.put(r.value2(), r.value1()));
        }
        return ids;
    }

    /**
     * Inserts occurrences with multi-row statements (their ids are not returned). {@code firedAs} holds, at the
     * same index, the alert each occurrence belongs to: its severity and annotations as they were when it fired.
     */
    public void insertOccurrences(DSLContext tx, List<OccurrenceRow> rows, List<AlertRow> firedAs, Integer eventId) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            InsertValuesStep9<?, Integer, Integer, String, Long, Long, Long, Integer, String, String> insert =
                    tx.insertInto(OCCURRENCE, OCCURRENCE.ALERT_ID, OCCURRENCE.ITEM_ID, OCCURRENCE.EXTERNAL_ID,
                            OCCURRENCE.STARTS_AT, OCCURRENCE.ENDS_AT, OCCURRENCE.RECEIVED_AT, OCCURRENCE.EVENT_ID,
                            OCCURRENCE.SEVERITY, OCCURRENCE.ANNOTATIONS);
            for (int i = from; i < Math.min(rows.size(), from + CHUNK); i++) {
                OccurrenceRow o = rows.get(i);
                AlertRow fired = firedAs.get(i);
                insert = insert.values(o.alertId(), o.itemId(), o.externalId(), Millis.of(o.startsAt()),
                        Millis.of(o.endsAt()), Millis.of(o.receivedAt()), eventId, fired.severity(),
                        fired.annotationsJson());
            }
            insert.execute();
        }
    }

    /** Ends occurrences: occurrence id to its end (one statement, bound per occurrence). */
    public void closeOccurrences(DSLContext tx, Map<Integer, Instant> ends) {
        if (ends.isEmpty()) {
            return;
        }
        BatchBindStep batch = tx.batch(tx.update(OCCURRENCE)
                .set(OCCURRENCE.ENDS_AT, bound(SQLDataType.BIGINT))
                .where(OCCURRENCE.ID.eq(bound(SQLDataType.INTEGER))));
        ends.forEach((id, end) -> batch.bind(end.toEpochMilli(), id));
        batch.execute();
    }

    /** Writes the mutable fields of existing alerts: one statement, bound per alert. */
    public void updateAlerts(DSLContext tx, List<AlertRow> rows, Integer eventId) {
        if (rows.isEmpty()) {
            return;
        }
        // The bind values below follow the order of the bound fields here.
        BatchBindStep batch = tx.batch(tx.update(ALERT)
                .set(ALERT.ITEM_ID, bound(SQLDataType.INTEGER))
                .set(ALERT.INTEGRATION_ID, bound(SQLDataType.INTEGER))
                .set(ALERT.SEVERITY, bound(SQLDataType.VARCHAR))
                .set(ALERT.SERVICE, bound(SQLDataType.VARCHAR))
                .set(ALERT.SUMMARY, bound(SQLDataType.VARCHAR))
                .set(ALERT.LABELS, bound(SQLDataType.VARCHAR))
                .set(ALERT.ANNOTATIONS, bound(SQLDataType.VARCHAR))
                .set(ALERT.GENERATOR_URL, bound(SQLDataType.VARCHAR))
                .set(ALERT.STATUS, bound(SQLDataType.VARCHAR))
                .set(ALERT.FIRE_COUNT, bound(SQLDataType.INTEGER))
                .set(ALERT.LAST_SEEN_AT, bound(SQLDataType.BIGINT))
                .set(ALERT.STARTS_AT, bound(SQLDataType.BIGINT))
                .set(ALERT.ENDS_AT, bound(SQLDataType.BIGINT))
                .set(ALERT.LAST_EVENT_ID, bound(SQLDataType.INTEGER))
                .where(ALERT.ID.eq(bound(SQLDataType.INTEGER))));
        for (AlertRow a : rows) {
            batch.bind(a.itemId(), a.integrationId(), a.severity(), a.service(), a.summary(), a.labelsJson(),
                    a.annotationsJson(), a.generatorUrl(), a.status(), a.fireCount(), Millis.of(a.lastSeenAt()),
                    Millis.of(a.startsAt()), Millis.of(a.endsAt()), eventId, a.id());
        }
        batch.execute();
    }

    /**
     * What one request changed on one item: counts move by the deltas, the severity only gets worse
     * ({@code severity} null keeps the item's), the last fired time only later, and the item is
     * resolved-by-source exactly when none of its alerts fires any more.
     */
    public record ItemDelta(int itemId, int alerts, int firing, String severity, Instant lastFiredAt) {
    }

    /**
     * Applies what one request's alerts changed on its items, without re-reading their alerts: one statement,
     * bound per item.
     */
    public void applyAlertDeltas(DSLContext tx, List<ItemDelta> deltas, Instant at) {
        if (deltas.isEmpty()) {
            return;
        }
        // A null severity ranks 4 and a null time compares as unknown: both keep the stored value.
        // The bind values below follow the order in which these fields are rendered.
        Field<Integer> alerts = bound(SQLDataType.INTEGER);
        Field<Integer> firing = bound(SQLDataType.INTEGER);
        Field<Integer> firingAgain = bound(SQLDataType.INTEGER);
        Field<Integer> alertsAgain = bound(SQLDataType.INTEGER);
        Field<String> severityRanked = bound(SQLDataType.VARCHAR);
        Field<String> severity = bound(SQLDataType.VARCHAR);
        Field<Long> firedCompared = bound(SQLDataType.BIGINT);
        Field<Long> fired = bound(SQLDataType.BIGINT);
        BatchBindStep batch = tx.batch(tx.update(TRIAGE_ITEM)
                .set(TRIAGE_ITEM.ALERT_COUNT, TRIAGE_ITEM.ALERT_COUNT.plus(alerts))
                .set(TRIAGE_ITEM.FIRING_COUNT, TRIAGE_ITEM.FIRING_COUNT.plus(firing))
                .set(TRIAGE_ITEM.SOURCE_RESOLVED, DSL.when(TRIAGE_ITEM.FIRING_COUNT.plus(firingAgain).le(DSL.inline(0))
                        .and(TRIAGE_ITEM.ALERT_COUNT.plus(alertsAgain).gt(DSL.inline(0))), DSL.inline(1)).else_(DSL.inline(0)))
                .set(TRIAGE_ITEM.SEVERITY, DSL.when(rank(severityRanked).lt(rank(TRIAGE_ITEM.SEVERITY)), severity)
                        .else_(TRIAGE_ITEM.SEVERITY))
                .set(TRIAGE_ITEM.LAST_FIRED_AT, DSL.when(firedCompared.gt(TRIAGE_ITEM.LAST_FIRED_AT), fired)
                        .else_(TRIAGE_ITEM.LAST_FIRED_AT))
                .set(TRIAGE_ITEM.UPDATED_AT, bound(SQLDataType.BIGINT))
                .where(TRIAGE_ITEM.ID.eq(bound(SQLDataType.INTEGER))));
        for (ItemDelta d : deltas) {
            Long lastFired = Millis.of(d.lastFiredAt());
            batch.bind(d.alerts(), d.firing(), d.firing(), d.alerts(), d.severity(), d.severity(), lastFired, lastFired,
                    at.toEpochMilli(), d.itemId());
        }
        batch.execute();
    }

    /** Severities most urgent first, with inlined constants so that the only bind values are the statement's own. */
    private static Field<Integer> rank(Field<String> severity) {
        return DSL.case_(severity)
                .when(DSL.inline("critical"), DSL.inline(0))
                .when(DSL.inline("error"), DSL.inline(1))
                .when(DSL.inline("warning"), DSL.inline(2))
                .when(DSL.inline("info"), DSL.inline(3))
                .else_(DSL.inline(4));
    }

    /** A bind variable of a statement run as a batch: each {@link BatchBindStep#bind} gives its value. */
    private static <T> Field<T> bound(DataType<T> type) {
        return DSL.val(null, type);
    }

    private static <T> List<List<T>> chunks(Collection<T> all) {
        List<T> list = all instanceof List<T> l ? l : new ArrayList<>(all);
        List<List<T>> out = new ArrayList<>((list.size() + CHUNK - 1) / CHUNK);
        for (int from = 0; from < list.size(); from += CHUNK) {
            out.add(list.subList(from, Math.min(list.size(), from + CHUNK)));
        }
        return out;
    }
}
