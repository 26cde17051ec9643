package dev.watchkeeper.db;

import org.jooq.DSLContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of the ingestion hot path, as plain JDBC on the transaction's connection.
 *
 * <p>Every alert a sender posts runs these inside the one writer's transaction, so their cost bounds
 * ingestion throughput. Profiling showed jOOQ's per-execution SQL rendering dominating that thread; these
 * fixed SQL strings skip it. Everything else stays in the jOOQ stores ({@link AlertStore}, {@link TriageStore}).
 */
public final class IngestStore {

    /** Rows per multi-row statement: well under SQLite's limit of bound variables. */
    private static final int CHUNK = 200;

    private static final String ALERT_COLUMNS = "id, fingerprint, alertname, source, integration_id, item_id, severity,"
            + " service, summary, labels, annotations, generator_url, status, fire_count, first_seen_at, last_seen_at,"
            + " starts_at, ends_at";

    @FunctionalInterface
    private interface Jdbc<T> {
        T run(Connection c) throws SQLException;
    }

    private static <T> T jdbc(DSLContext tx, Jdbc<T> work) {
        return tx.connectionResult(work::run);
    }

    /** Appends a payload as received (see {@link AlertStore#appendEvent}). */
    public int appendEvent(DSLContext tx, String source, Integer integrationId, Instant receivedAt, String payload) {
        return jdbc(tx, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO alert_event (source, integration_id, received_at, payload) VALUES (?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, source);
                setInt(ps, 2, integrationId);
                ps.setLong(3, receivedAt.toEpochMilli());
                ps.setString(4, payload);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** The alerts with these fingerprints, by fingerprint. */
    public Map<String, AlertRow> findByFingerprints(DSLContext tx, Collection<String> fingerprints) {
        Map<String, AlertRow> out = new HashMap<>();
        List<String> all = new ArrayList<>(fingerprints);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            jdbc(tx, c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + ALERT_COLUMNS + " FROM alert WHERE fingerprint IN ("
                        + placeholders(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            AlertRow a = alert(rs);
                            out.put(a.fingerprint(), a);
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    /** The occurrences that have not ended of these alerts, by alert id (the newest when several). */
    public Map<Integer, OccurrenceRow> findOpenOccurrences(DSLContext tx, Collection<Integer> alertIds) {
        Map<Integer, OccurrenceRow> out = new HashMap<>();
        List<Integer> all = new ArrayList<>(alertIds);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Integer> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            jdbc(tx, c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id, alert_id, item_id, external_id, starts_at,"
                        + " ends_at, received_at FROM occurrence WHERE ends_at IS NULL AND alert_id IN ("
                        + placeholders(chunk.size()) + ") ORDER BY starts_at")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setInt(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            OccurrenceRow o = new OccurrenceRow(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4),
                                    instant(rs, 5), instant(rs, 6), instant(rs, 7));
                            out.put(o.alertId(), o);
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    /** The id of the item alerts with this group key join now (the newest open or acknowledged one). */
    public Integer activeItemId(DSLContext tx, String groupKey) {
        return jdbc(tx, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM triage_item WHERE group_key = ?"
                    + " AND state IN ('open', 'acknowledged') ORDER BY id DESC LIMIT 1")) {
                ps.setString(1, groupKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : null;
                }
            }
        });
    }

    /** The active item of each of these group keys that has one (see {@link #activeItemId}), by group key. */
    public Map<String, Integer> activeItemIds(DSLContext tx, Collection<String> groupKeys) {
        Map<String, Integer> out = new HashMap<>();
        List<String> all = new ArrayList<>(groupKeys);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            jdbc(tx, c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT group_key, MAX(id) FROM triage_item WHERE group_key IN ("
                        + placeholders(chunk.size()) + ") AND state IN ('open', 'acknowledged') GROUP BY group_key")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), rs.getInt(2));
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    /** Inserts new alerts with multi-row statements and returns their ids by fingerprint. */
    public Map<String, Integer> insertAlerts(DSLContext tx, List<AlertRow> rows, Integer eventId) {
        Map<String, Integer> ids = new HashMap<>();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<AlertRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            jdbc(tx, c -> {
                StringBuilder sql = new StringBuilder("INSERT INTO alert (fingerprint, alertname, source, integration_id,"
                        + " item_id, severity, service, summary, labels, annotations, generator_url, status, fire_count,"
                        + " first_seen_at, last_seen_at, starts_at, ends_at, last_event_id) VALUES ");
                for (int i = 0; i < chunk.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                }
                sql.append(" RETURNING id, fingerprint");
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    int p = 1;
                    for (AlertRow a : chunk) {
                        ps.setString(p++, a.fingerprint());
                        ps.setString(p++, a.alertname());
                        ps.setString(p++, a.source());
                        setInt(ps, p++, a.integrationId());
                        ps.setInt(p++, a.itemId());
                        ps.setString(p++, a.severity());
                        ps.setString(p++, a.service());
                        ps.setString(p++, a.summary());
                        ps.setString(p++, a.labelsJson());
                        ps.setString(p++, a.annotationsJson());
                        ps.setString(p++, a.generatorUrl());
                        ps.setString(p++, a.status());
                        ps.setInt(p++, a.fireCount());
                        setLong(ps, p++, a.firstSeenAt());
                        setLong(ps, p++, a.lastSeenAt());
                        setLong(ps, p++, a.startsAt());
                        setLong(ps, p++, a.endsAt());
                        setInt(ps, p++, eventId);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.put(rs.getString(2), rs.getInt(1));
                        }
                    }
                }
                return null;
            });
        }
        return ids;
    }

    /**
     * Inserts occurrences with multi-row statements (their ids are not returned). {@code firedAs} holds, at the
     * same index, the alert each occurrence belongs to: its severity and annotations as they were when it fired.
     */
    public void insertOccurrences(DSLContext tx, List<OccurrenceRow> rows, List<AlertRow> firedAs, Integer eventId) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            int start = from;
            List<OccurrenceRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            jdbc(tx, c -> {
                StringBuilder sql = new StringBuilder("INSERT INTO occurrence (alert_id, item_id, external_id, starts_at,"
                        + " ends_at, received_at, event_id, severity, annotations) VALUES ");
                for (int i = 0; i < chunk.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
                }
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    int p = 1;
                    for (int i = 0; i < chunk.size(); i++) {
                        OccurrenceRow o = chunk.get(i);
                        AlertRow fired = firedAs.get(start + i);
                        ps.setInt(p++, o.alertId());
                        ps.setInt(p++, o.itemId());
                        ps.setString(p++, o.externalId());
                        setLong(ps, p++, o.startsAt());
                        setLong(ps, p++, o.endsAt());
                        setLong(ps, p++, o.receivedAt());
                        setInt(ps, p++, eventId);
                        ps.setString(p++, fired.severity());
                        ps.setString(p++, fired.annotationsJson());
                    }
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /** Ends occurrences: occurrence id to its end. */
    public void closeOccurrences(DSLContext tx, Map<Integer, Instant> ends) {
        if (ends.isEmpty()) {
            return;
        }
        jdbc(tx, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE occurrence SET ends_at = ? WHERE id = ?")) {
                for (Map.Entry<Integer, Instant> e : ends.entrySet()) {
                    ps.setLong(1, e.getValue().toEpochMilli());
                    ps.setInt(2, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Writes the mutable fields of existing alerts (see {@link AlertStore#update}), as one JDBC batch. */
    public void updateAlerts(DSLContext tx, List<AlertRow> rows, Integer eventId) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc(tx, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert SET item_id = ?, integration_id = ?, severity = ?,"
                    + " service = ?, summary = ?, labels = ?, annotations = ?, generator_url = ?, status = ?, fire_count = ?,"
                    + " last_seen_at = ?, starts_at = ?, ends_at = ?, last_event_id = ? WHERE id = ?")) {
                for (AlertRow a : rows) {
                    ps.setInt(1, a.itemId());
                    setInt(ps, 2, a.integrationId());
                    ps.setString(3, a.severity());
                    ps.setString(4, a.service());
                    ps.setString(5, a.summary());
                    ps.setString(6, a.labelsJson());
                    ps.setString(7, a.annotationsJson());
                    ps.setString(8, a.generatorUrl());
                    ps.setString(9, a.status());
                    ps.setInt(10, a.fireCount());
                    setLong(ps, 11, a.lastSeenAt());
                    setLong(ps, 12, a.startsAt());
                    setLong(ps, 13, a.endsAt());
                    setInt(ps, 14, eventId);
                    ps.setInt(15, a.id());
                    if (rows.size() == 1) {
                        ps.executeUpdate();
                    } else {
                        ps.addBatch();
                    }
                }
                if (rows.size() > 1) {
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    /**
     * Applies what one request's alerts changed on an item, without re-reading its alerts: counts move by
     * the deltas, the severity only gets worse, the last fired time only later, and the item is
     * resolved-by-source exactly when none of its alerts fires any more.
     *
     * @param severity the worst severity among the changed alerts, or null to keep the item's
     */
    public void applyAlertDelta(DSLContext tx, int itemId, int alertDelta, int firingDelta, String severity,
                                Instant lastFiredAt, Instant at) {
        jdbc(tx, c -> {
            try (PreparedStatement ps = c.prepareStatement(APPLY_DELTA)) {
                bindDelta(ps, itemId, alertDelta, firingDelta, severity, lastFiredAt, at);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** What one request changed on one item (see {@link #applyAlertDelta}). */
    public record ItemDelta(int itemId, int alerts, int firing, String severity, Instant lastFiredAt) {
    }

    /** {@link #applyAlertDelta} for several items: one statement prepared once, run as a JDBC batch. */
    public void applyAlertDeltas(DSLContext tx, List<ItemDelta> deltas, Instant at) {
        if (deltas.size() == 1) {
            ItemDelta d = deltas.getFirst();
            applyAlertDelta(tx, d.itemId(), d.alerts(), d.firing(), d.severity(), d.lastFiredAt(), at);
            return;
        }
        if (deltas.isEmpty()) {
            return;
        }
        jdbc(tx, c -> {
            try (PreparedStatement ps = c.prepareStatement(APPLY_DELTA)) {
                for (ItemDelta d : deltas) {
                    bindDelta(ps, d.itemId(), d.alerts(), d.firing(), d.severity(), d.lastFiredAt(), at);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static final String APPLY_DELTA = "UPDATE triage_item SET"
            + " alert_count = alert_count + ?, firing_count = firing_count + ?,"
            + " source_resolved = CASE WHEN firing_count + ? <= 0 AND alert_count + ? > 0 THEN 1 ELSE 0 END,"
            + " severity = CASE WHEN " + rank("?") + " < " + rank("severity") + " THEN ? ELSE severity END,"
            + " last_fired_at = CASE WHEN ? > last_fired_at THEN ? ELSE last_fired_at END,"
            + " updated_at = ? WHERE id = ?";

    private static void bindDelta(PreparedStatement ps, int itemId, int alertDelta, int firingDelta, String severity,
                                  Instant lastFiredAt, Instant at) throws SQLException {
        // A null severity ranks 4 and a null time compares as unknown: both keep the stored value.
        ps.setInt(1, alertDelta);
        ps.setInt(2, firingDelta);
        ps.setInt(3, firingDelta);
        ps.setInt(4, alertDelta);
        ps.setString(5, severity);
        ps.setString(6, severity);
        setLong(ps, 7, lastFiredAt);
        setLong(ps, 8, lastFiredAt);
        ps.setLong(9, at.toEpochMilli());
        ps.setInt(10, itemId);
    }

    private static String rank(String expr) {
        return "(CASE " + expr + " WHEN 'critical' THEN 0 WHEN 'error' THEN 1 WHEN 'warning' THEN 2 WHEN 'info' THEN 3"
                + " ELSE 4 END)";
    }

    private static String placeholders(int n) {
        return "?" + ", ?".repeat(Math.max(0, n - 1));
    }

    private static AlertRow alert(ResultSet rs) throws SQLException {
        return new AlertRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), integer(rs, 5),
                rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getInt(14), instant(rs, 15), instant(rs, 16), instant(rs, 17),
                instant(rs, 18));
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static void setLong(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value.toEpochMilli());
        }
    }
}
