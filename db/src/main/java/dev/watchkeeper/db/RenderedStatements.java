package dev.watchkeeper.db;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Statements of the ingestion hot path that jOOQ builds and renders once per shape, then JDBC binds and runs each
 * time. Under ingestion load, building and rendering jOOQ queries took about three quarters of the one writer
 * thread's time (JFR, {@code bin/bench-ingest}, single Events v2 requests), SQLite a tenth; the SQL of a shape (a
 * kind of statement and its number of rows) never changes, so it is rendered the first time, with the SQL types
 * of its bind values in order, and kept.
 *
 * <p>A shape's statement is built with placeholder values ({@code DSL.val(null, type)}); the values given when it
 * runs follow the order of those placeholders in the SQL, which is the order jOOQ lists them in
 * ({@link Query#getParams()}, inline constants left out). At most {@value #MAX_SHAPES} shapes are kept; beyond that a
 * statement is rendered each time, as before. Each connection prepares a shape's SQL once ({@link PreparedCache}).
 */
public final class RenderedStatements {

    static final int MAX_SHAPES = 4096;

    private record Key(SQLDialect dialect, String kind, int rows) {
    }

    private final ConcurrentHashMap<Key, Statement> shapes = new ConcurrentHashMap<>();

    /** The statement {@code build} makes for {@code rows} rows, rendered for {@code tx}'s dialect the first time. */
    public Statement of(DSLContext tx, String kind, int rows, IntFunction<Query> build) {
        Key key = new Key(tx.dialect(), kind, rows);
        Statement known = shapes.get(key);
        if (known != null) {
            return known;
        }
        Statement rendered = render(tx, build.apply(rows));
        if (shapes.size() < MAX_SHAPES) {
            shapes.putIfAbsent(key, rendered);
        }
        return rendered;
    }

    /** How many shapes are kept (tests). */
    int size() {
        return shapes.size();
    }

    private static Statement render(DSLContext tx, Query query) {
        String sql = tx.render(query);
        List<Integer> types = new ArrayList<>();
        for (Param<?> p : query.getParams().values()) {
            if (!p.isInline()) {
                types.add(nullType(p.getDataType().getSQLType()));
            }
        }
        long marks = sql.chars().filter(c -> c == '?').count();
        if (marks != types.size()) {
            throw new IllegalStateException("rendered " + marks + " bind markers for " + types.size()
                    + " bind values: " + sql);
        }
        Field<?>[] fields = query instanceof ResultQuery<?> q ? q.fields() : null;
        return new Statement(sql, types.stream().mapToInt(Integer::intValue).toArray(), fields);
    }

    /** A bind value of {@code column}'s type, to build a shape with; its value is given when the statement runs. */
    public static <T> Field<T> bound(Field<T> column) {
        return DSL.val(null, column.getDataType());
    }

    /** {@code n} bind values of a column's type, for an {@code IN} list. */
    public static <T> List<Field<T>> bound(Field<T> column, int n) {
        List<Field<T>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(bound(column));
        }
        return out;
    }

    /** A bind value for a {@code LIMIT}, given when the statement runs. */
    public static Field<Integer> boundLimit() {
        return DSL.val(null, Integer.class);
    }

    /** The type a null is bound as: text columns as VARCHAR (PostgreSQL's driver takes CLOB for a large object). */
    private static int nullType(int sqlType) {
        return switch (sqlType) {
            case Types.CLOB, Types.NCLOB, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.NVARCHAR -> Types.VARCHAR;
            default -> sqlType;
        };
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * One rendered shape: its SQL, the SQL types of its bind values in order, and the fields of its result (null
     * for a statement without one).
     */
    public record Statement(String sql, int[] types, Field<?>[] fields) {

        /**
         * Runs it once with these values and maps every row of its result, as jOOQ's records of the fields it was
         * built with (so a store keeps one mapping from its records to its rows).
         */
        public <T> List<T> fetch(DSLContext tx, RecordMapper<? super Record, T> mapper, Object... values) {
            if (fields == null) {
                throw new IllegalStateException("a statement without a result: " + sql);
            }
            return run(tx, ps -> {
                bind(ps, values);
                try (ResultSet rs = ps.executeQuery()) {
                    return tx.fetch(rs, fields).map(mapper);
                }
            });
        }

        /** Runs it once with these values; returns the number of rows changed. */
        public int update(DSLContext tx, Object... values) {
            return run(tx, ps -> {
                bind(ps, values);
                return ps.executeUpdate();
            });
        }

        /** Runs it once with these values and reads every row of its result. */
        public <T> List<T> query(DSLContext tx, Row<T> row, Object... values) {
            return run(tx, ps -> {
                bind(ps, values);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row.read(rs));
                    }
                }
                return out;
            });
        }

        /** Runs it once per row of values, as one JDBC batch. */
        public void batch(DSLContext tx, List<Object[]> rows) {
            if (rows.isEmpty()) {
                return;
            }
            run(tx, ps -> {
                for (Object[] values : rows) {
                    bind(ps, values);
                    ps.addBatch();
                }
                return ps.executeBatch();
            });
        }

        /** {@code use} with this statement prepared on {@code tx}'s connection; a SQL error names the statement. */
        private <T> T run(DSLContext tx, PreparedCache.Use<T> use) {
            return tx.connectionResult(c -> {
                try {
                    return PreparedCache.with(c, sql, use);
                } catch (SQLException e) {
                    throw failed(e);
                }
            });
        }

        private void bind(PreparedStatement ps, Object[] values) throws SQLException {
            if (values.length != types.length) {
                throw new IllegalArgumentException(values.length + " values for " + types.length + " bind markers: "
                        + sql);
            }
            for (int i = 0; i < values.length; i++) {
                switch (values[i]) {
                    case null -> ps.setNull(i + 1, types[i]);
                    case Integer v -> ps.setInt(i + 1, v);
                    case Long v -> ps.setLong(i + 1, v);
                    case Double v -> ps.setDouble(i + 1, v);
                    case String v -> ps.setString(i + 1, v);
                    default -> throw new IllegalArgumentException("cannot bind a " + values[i].getClass().getName());
                }
            }
        }

        private DataAccessException failed(SQLException e) {
            return new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
        }
    }

    /** An INTEGER column that may be null. */
    public static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** A BIGINT column of epoch milliseconds that may be null, as an instant. */
    public static java.time.Instant instantOrNull(ResultSet rs, int column) throws SQLException {
        return Millis.toInstant(longOrNull(rs, column));
    }

    /** A BIGINT column that may be null. */
    public static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
