package dev.watchkeeper.db.ingest;

import dev.watchkeeper.db.Millis;
import dev.watchkeeper.db.RenderedStatements;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.watchkeeper.db.RenderedStatements.bound;
import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static dev.watchkeeper.db.jooq.Tables.OCCURRENCE;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;

/**
 * The statements of the ingestion hot path, in jOOQ like every other store, each built to do a whole request's
 * rows at once: reads take every fingerprint, alert or group key of the request in one {@code IN} list,
 * inserts are multi-row statements ({@code INSERT ... VALUES (...), (...) RETURNING ...}), and updates are one
 * statement bound per row, run as a JDBC batch.
 *
 * <p>Every alert a sender posts runs these inside the one writer's transaction, so their cost bounds
 * ingestion throughput; no statement is run once per alert. jOOQ builds and renders each shape of statement (kind
 * and number of rows) once ({@link RenderedStatements}); later requests only bind their values. Rendering every
 * time took three quarters of the writer thread under load (JFR, single Events v2 requests).
 */
public final class IngestStore {

    /** Rows per multi-row statement: well under SQLite's limit of bound variables. */
    private static final int CHUNK = 200;

    /** The open and acknowledged states: the item alerts of its group key join. */
    private static final List<String> ACTIVE = List.of("open", "acknowledged");

    private final RenderedStatements statements = new RenderedStatements();

    /** Appends a payload as received. Events are never updated or deleted. */
    public int appendEvent(DSLContext tx, String source, Integer integrationId, Instant receivedAt, String payload) {
        return statements.of(tx, "appendEvent", 1, n -> tx.resultQuery("{0} returning {1}",
                        tx.insertInto(ALERT_EVENT, ALERT_EVENT.SOURCE, ALERT_EVENT.INTEGRATION_ID,
                                        ALERT_EVENT.RECEIVED_AT, ALERT_EVENT.PAYLOAD)
                                .values(bound(ALERT_EVENT.SOURCE), bound(ALERT_EVENT.INTEGRATION_ID),
                                        bound(ALERT_EVENT.RECEIVED_AT), bound(ALERT_EVENT.PAYLOAD)),
                        ALERT_EVENT.ID.getUnqualifiedName()))
                .query(tx, rs -> rs.getInt(1), source, integrationId, receivedAt.toEpochMilli(), payload)
                .getFirst();
    }

    /** The alerts with these fingerprints, by fingerprint. */
    public Map<String, AlertRow> findByFingerprints(DSLContext tx, Collection<String> fingerprints) {
        Map<String, AlertRow> out = new HashMap<>();
        for (List<String> chunk : chunks(fingerprints)) {
            statements.of(tx, "findByFingerprints", chunk.size(), n -> tx.select(AlertStore.ROW_COLUMNS)
                            .from(ALERT)
                            .where(ALERT.FINGERPRINT.in(bound(ALERT.FINGERPRINT, n))))
                    .query(tx, AlertStore::readRow, chunk.toArray())
                    .forEach(a -> out.put(a.fingerprint(), a));
        }
        return out;
    }

    /** The occurrences that have not ended of these alerts, by alert id (the newest when several). */
    public Map<Integer, OccurrenceRow> findOpenOccurrences(DSLContext tx, Collection<Integer> alertIds) {
        Map<Integer, OccurrenceRow> out = new HashMap<>();
        for (List<Integer> chunk : chunks(alertIds)) {
            statements.of(tx, "findOpenOccurrences", chunk.size(), n -> tx.select(OCCURRENCE.ID,
                                    OCCURRENCE.ALERT_ID, OCCURRENCE.ITEM_ID, OCCURRENCE.EXTERNAL_ID,
                                    OCCURRENCE.STARTS_AT, OCCURRENCE.ENDS_AT, OCCURRENCE.RECEIVED_AT)
                            .from(OCCURRENCE)
                            .where(OCCURRENCE.ENDS_AT.isNull().and(OCCURRENCE.ALERT_ID.in(bound(OCCURRENCE.ALERT_ID, n))))
                            .orderBy(OCCURRENCE.STARTS_AT))
                    .query(tx, rs -> new OccurrenceRow(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4),
                            RenderedStatements.instantOrNull(rs, 5), RenderedStatements.instantOrNull(rs, 6), RenderedStatements.instantOrNull(rs, 7)), chunk.toArray())
                    .forEach(o -> out.put(o.alertId(), o));
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
            statements.of(tx, "activeItemIds", chunk.size(), n -> tx.select(TRIAGE_ITEM.GROUP_KEY, DSL.max(TRIAGE_ITEM.ID))
                            .from(TRIAGE_ITEM)
                            .where(TRIAGE_ITEM.GROUP_KEY.in(bound(TRIAGE_ITEM.GROUP_KEY, n))
                                    .and(TRIAGE_ITEM.STATE.in(ACTIVE.stream().map(DSL::inline).toList())))
                            .groupBy(TRIAGE_ITEM.GROUP_KEY))
                    .query(tx, rs -> Map.entry(rs.getString(1), rs.getInt(2)), chunk.toArray())
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** The columns an alert is inserted with, in the order {@link #insertAlerts} gives their values. */
    private static final List<Field<?>> ALERT_COLUMNS = List.of(ALERT.FINGERPRINT, ALERT.ALERTNAME, ALERT.SOURCE,
            ALERT.INTEGRATION_ID, ALERT.ITEM_ID, ALERT.SEVERITY, ALERT.SERVICE, ALERT.SUMMARY, ALERT.LABELS,
            ALERT.ANNOTATIONS, ALERT.GENERATOR_URL, ALERT.STATUS, ALERT.FIRE_COUNT, ALERT.FIRST_SEEN_AT,
            ALERT.LAST_SEEN_AT, ALERT.STARTS_AT, ALERT.ENDS_AT, ALERT.LAST_EVENT_ID);

    /** The columns an occurrence is inserted with, in the order {@link #insertOccurrences} gives their values. */
    private static final List<Field<?>> OCCURRENCE_COLUMNS = List.of(OCCURRENCE.ALERT_ID, OCCURRENCE.ITEM_ID,
            OCCURRENCE.EXTERNAL_ID, OCCURRENCE.STARTS_AT, OCCURRENCE.ENDS_AT, OCCURRENCE.RECEIVED_AT,
            OCCURRENCE.EVENT_ID, OCCURRENCE.SEVERITY, OCCURRENCE.ANNOTATIONS);

    /** Inserts new alerts with multi-row statements and returns their ids by fingerprint. */
    public Map<String, Integer> insertAlerts(DSLContext tx, List<AlertRow> rows, Integer eventId) {
        Map<String, Integer> ids = new HashMap<>();
        for (List<AlertRow> chunk : chunks(rows)) {
            List<Object> values = new ArrayList<>(chunk.size() * ALERT_COLUMNS.size());
            for (AlertRow a : chunk) {
                Collections.addAll(values, a.fingerprint(), a.alertname(), a.source(), a.integrationId(), a.itemId(),
                        a.severity(), a.service(), a.summary(), a.labelsJson(), a.annotationsJson(), a.generatorUrl(),
                        a.status(), a.fireCount(), Millis.of(a.firstSeenAt()), Millis.of(a.lastSeenAt()),
                        Millis.of(a.startsAt()), Millis.of(a.endsAt()), eventId);
            }
            // RETURNING written out: jOOQ emulates it on SQLite with the JDBC generated keys, one row's only.
            statements.of(tx, "insertAlerts", chunk.size(), n -> tx.resultQuery("{0} returning {1}, {2}",
                            multiRowInsert(tx, ALERT, ALERT_COLUMNS, n), ALERT.ID.getUnqualifiedName(),
                            ALERT.FINGERPRINT.getUnqualifiedName()))
                    .query(tx, rs -> Map.entry(rs.getString(2), rs.getInt(1)), values.toArray())
                    .forEach(e -> ids.put(e.getKey(), e.getValue()));
        }
        return ids;
    }

    /**
     * Inserts occurrences with multi-row statements (their ids are not returned). {@code firedAs} holds, at the
     * same index, the alert each occurrence belongs to: its severity and annotations as they were when it fired.
     */
    public void insertOccurrences(DSLContext tx, List<OccurrenceRow> rows, List<AlertRow> firedAs, Integer eventId) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            int to = Math.min(rows.size(), from + CHUNK);
            List<Object> values = new ArrayList<>((to - from) * OCCURRENCE_COLUMNS.size());
            for (int i = from; i < to; i++) {
                OccurrenceRow o = rows.get(i);
                AlertRow fired = firedAs.get(i);
                Collections.addAll(values, o.alertId(), o.itemId(), o.externalId(), Millis.of(o.startsAt()),
                        Millis.of(o.endsAt()), Millis.of(o.receivedAt()), eventId, fired.severity(),
                        fired.annotationsJson());
            }
            statements.of(tx, "insertOccurrences", to - from, n -> multiRowInsert(tx, OCCURRENCE, OCCURRENCE_COLUMNS, n))
                    .update(tx, values.toArray());
        }
    }

    /** {@code INSERT INTO table (columns) VALUES (...), ...} with {@code rows} rows of bind variables. */
    private static InsertValuesStepN<?> multiRowInsert(DSLContext tx, Table<?> table, List<Field<?>> columns, int rows) {
        InsertValuesStepN<?> insert = tx.insertInto(table, columns);
        List<Field<?>> row = columns.stream().<Field<?>>map(RenderedStatements::bound).toList();
        for (int i = 0; i < rows; i++) {
            insert = insert.values(row);
        }
        return insert;
    }

    /** Ends occurrences: occurrence id to its end (one statement, bound per occurrence). */
    public void closeOccurrences(DSLContext tx, Map<Integer, Instant> ends) {
        if (ends.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(ends.size());
        ends.forEach((id, end) -> rows.add(new Object[]{end.toEpochMilli(), id}));
        statements.of(tx, "closeOccurrences", 1, n -> tx.update(OCCURRENCE)
                        .set(OCCURRENCE.ENDS_AT, bound(OCCURRENCE.ENDS_AT))
                        .where(OCCURRENCE.ID.eq(bound(OCCURRENCE.ID))))
                .batch(tx, rows);
    }

    /** Writes the mutable fields of existing alerts: one statement, bound per alert. */
    public void updateAlerts(DSLContext tx, List<AlertRow> rows, Integer eventId) {
        if (rows.isEmpty()) {
            return;
        }
        List<Object[]> values = new ArrayList<>(rows.size());
        for (AlertRow a : rows) {
            values.add(new Object[]{a.itemId(), a.integrationId(), a.severity(), a.service(), a.summary(),
                    a.labelsJson(), a.annotationsJson(), a.generatorUrl(), a.status(), a.fireCount(),
                    Millis.of(a.lastSeenAt()), Millis.of(a.startsAt()), Millis.of(a.endsAt()), eventId, a.id()});
        }
        // The values above follow the order of the bound fields here.
        statements.of(tx, "updateAlerts", 1, n -> tx.update(ALERT)
                        .set(ALERT.ITEM_ID, bound(ALERT.ITEM_ID))
                        .set(ALERT.INTEGRATION_ID, bound(ALERT.INTEGRATION_ID))
                        .set(ALERT.SEVERITY, bound(ALERT.SEVERITY))
                        .set(ALERT.SERVICE, bound(ALERT.SERVICE))
                        .set(ALERT.SUMMARY, bound(ALERT.SUMMARY))
                        .set(ALERT.LABELS, bound(ALERT.LABELS))
                        .set(ALERT.ANNOTATIONS, bound(ALERT.ANNOTATIONS))
                        .set(ALERT.GENERATOR_URL, bound(ALERT.GENERATOR_URL))
                        .set(ALERT.STATUS, bound(ALERT.STATUS))
                        .set(ALERT.FIRE_COUNT, bound(ALERT.FIRE_COUNT))
                        .set(ALERT.LAST_SEEN_AT, bound(ALERT.LAST_SEEN_AT))
                        .set(ALERT.STARTS_AT, bound(ALERT.STARTS_AT))
                        .set(ALERT.ENDS_AT, bound(ALERT.ENDS_AT))
                        .set(ALERT.LAST_EVENT_ID, bound(ALERT.LAST_EVENT_ID))
                        .where(ALERT.ID.eq(bound(ALERT.ID))))
                .batch(tx, values);
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
        // The values below follow the order in which the bound fields are rendered.
        List<Object[]> values = new ArrayList<>(deltas.size());
        for (ItemDelta d : deltas) {
            Long lastFired = Millis.of(d.lastFiredAt());
            values.add(new Object[]{d.alerts(), d.firing(), d.firing(), d.alerts(), d.severity(), d.severity(),
                    lastFired, lastFired, at.toEpochMilli(), d.itemId()});
        }
        statements.of(tx, "applyAlertDeltas", 1, n -> {
            Field<Integer> alerts = bound(TRIAGE_ITEM.ALERT_COUNT);
            Field<Integer> firing = bound(TRIAGE_ITEM.FIRING_COUNT);
            Field<Integer> firingAgain = bound(TRIAGE_ITEM.FIRING_COUNT);
            Field<Integer> alertsAgain = bound(TRIAGE_ITEM.ALERT_COUNT);
            Field<String> severityRanked = bound(TRIAGE_ITEM.SEVERITY);
            Field<String> severity = bound(TRIAGE_ITEM.SEVERITY);
            Field<Long> firedCompared = bound(TRIAGE_ITEM.LAST_FIRED_AT);
            Field<Long> fired = bound(TRIAGE_ITEM.LAST_FIRED_AT);
            return tx.update(TRIAGE_ITEM)
                    .set(TRIAGE_ITEM.ALERT_COUNT, TRIAGE_ITEM.ALERT_COUNT.plus(alerts))
                    .set(TRIAGE_ITEM.FIRING_COUNT, TRIAGE_ITEM.FIRING_COUNT.plus(firing))
                    .set(TRIAGE_ITEM.SOURCE_RESOLVED, DSL.when(TRIAGE_ITEM.FIRING_COUNT.plus(firingAgain)
                            .le(DSL.inline(0)).and(TRIAGE_ITEM.ALERT_COUNT.plus(alertsAgain).gt(DSL.inline(0))),
                            DSL.inline(1)).else_(DSL.inline(0)))
                    .set(TRIAGE_ITEM.SEVERITY, DSL.when(rank(severityRanked).lt(rank(TRIAGE_ITEM.SEVERITY)), severity)
                            .else_(TRIAGE_ITEM.SEVERITY))
                    .set(TRIAGE_ITEM.LAST_FIRED_AT, DSL.when(firedCompared.gt(TRIAGE_ITEM.LAST_FIRED_AT), fired)
                            .else_(TRIAGE_ITEM.LAST_FIRED_AT))
                    .set(TRIAGE_ITEM.UPDATED_AT, bound(TRIAGE_ITEM.UPDATED_AT))
                    .where(TRIAGE_ITEM.ID.eq(bound(TRIAGE_ITEM.ID)));
        }).batch(tx, values);
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

    private static <T> List<List<T>> chunks(Collection<T> all) {
        List<T> list = all instanceof List<T> l ? l : new ArrayList<>(all);
        List<List<T>> out = new ArrayList<>((list.size() + CHUNK - 1) / CHUNK);
        for (int from = 0; from < list.size(); from += CHUNK) {
            out.add(list.subList(from, Math.min(list.size(), from + CHUNK)));
        }
        return out;
    }
}
