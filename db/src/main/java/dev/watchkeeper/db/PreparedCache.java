package dev.watchkeeper.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Prepared statements of {@link RenderedStatements} kept per physical connection and used again on the next borrow
 * of that connection from the pool. Preparing is not free: SQLite compiles the statement and the driver reads its
 * column names each time, about a fifth of the ingestion writer's time in a profile of single Events v2 requests.
 *
 * <p>A statement is used only by the thread that holds its connection (the pool hands a connection to one thread at
 * a time), is reset by the driver when its result is closed, and is dropped (and closed) when it fails or when more
 * than {@value #PER_CONNECTION} are kept for one connection. A connection the pool closes takes its statements with
 * it; they are then prepared again if that connection object were ever seen again.
 */
final class PreparedCache {

    static final int PER_CONNECTION = 256;

    /** What a caller does with the statement; it must close any result it opens. */
    @FunctionalInterface
    interface Use<T> {
        T apply(PreparedStatement ps) throws SQLException;
    }

    private static final Map<Connection, Map<String, PreparedStatement>> BY_CONNECTION =
            Collections.synchronizedMap(new WeakHashMap<>());

    private PreparedCache() {
    }

    /** Runs {@code use} with a statement for {@code sql} on {@code c}'s physical connection, prepared once. */
    static <T> T with(Connection c, String sql, Use<T> use) throws SQLException {
        Connection physical = physical(c);
        Map<String, PreparedStatement> kept = BY_CONNECTION.computeIfAbsent(physical, k -> lru());
        PreparedStatement ps = kept.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = physical.prepareStatement(sql);
            kept.put(sql, ps);
        }
        try {
            return use.apply(ps);
        } catch (SQLException | RuntimeException | Error e) {
            kept.remove(sql);
            try {
                ps.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** How many statements are kept for {@code c}'s physical connection (tests). */
    static int kept(Connection c) throws SQLException {
        Map<String, PreparedStatement> kept = BY_CONNECTION.get(physical(c));
        return kept == null ? 0 : kept.size();
    }

    /** The driver's own connection under the pool's and jOOQ's wrappers: the one statements belong to. */
    private static Connection physical(Connection c) throws SQLException {
        return c.isWrapperFor(Connection.class) ? c.unwrap(Connection.class) : c;
    }

    private static Map<String, PreparedStatement> lru() {
        return new LinkedHashMap<>(32, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= PER_CONNECTION) {
                    return false;
                }
                try {
                    eldest.getValue().close();
                } catch (SQLException ignored) {
                    // Closing a statement we no longer keep: nothing depends on it.
                }
                return true;
            }
        };
    }
}
