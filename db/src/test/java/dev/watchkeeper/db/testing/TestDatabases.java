package dev.watchkeeper.db.testing;

import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Which engine the store and HTTP tests run on: SQLite files by default, PostgreSQL when the system property
 * {@value #PROPERTY} is {@code postgresql} (the build's second surefire execution). Tests name a SQLite file;
 * on PostgreSQL that file stands for a database of its own, created on first use.
 */
public final class TestDatabases {

    public static final String PROPERTY = "watchkeeper.test.backend";

    private static final Map<Path, String> BY_FILE = new HashMap<>();

    private TestDatabases() {
    }

    public static boolean postgres() {
        return "postgresql".equals(System.getProperty(PROPERTY, "sqlite"));
    }

    /** The JDBC URL of the test database standing for {@code sqliteFile}: always the same for the same file. */
    public static synchronized String url(Path sqliteFile) {
        if (!postgres()) {
            return "jdbc:sqlite:" + sqliteFile;
        }
        return BY_FILE.computeIfAbsent(sqliteFile.toAbsolutePath().normalize(), f -> cluster().newDatabase());
    }

    /**
     * The JVM's PostgreSQL cluster; aborts the test (loudly) only when no PostgreSQL binaries are installed.
     */
    public static PostgresCluster cluster() {
        String reason = PostgresCluster.unavailableReason();
        if (reason != null) {
            String message = "SKIPPED, PostgreSQL tests cannot run: " + reason;
            System.err.println("!!!!!!!! " + message);
            throw new TestAbortedException(message);
        }
        return PostgresCluster.shared();
    }
}
