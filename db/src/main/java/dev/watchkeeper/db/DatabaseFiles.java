package dev.watchkeeper.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.SQLDialect;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@link Database} knows of URLs, SQLite files and the schema's migrations, apart from opening and writing. */
final class DatabaseFiles {

    private DatabaseFiles() {
    }

    static void createIfMissing(String url, Path f) {
        if (Files.exists(f)) {
            return;
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            c.createStatement().execute("PRAGMA user_version");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create the database " + f + ": " + e.getMessage(), e);
        }
    }
    static Path sqliteFile(String url) {
        if (!url.startsWith("jdbc:sqlite:")) {
            return null;
        }
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return null;
        }
        return Path.of(path).toAbsolutePath();
    }
    static Object fileKeyOf(Path p) {
        try {
            return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }
    static SQLDialect dialectOf(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLDialect.SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return SQLDialect.POSTGRES;
        }
        throw new IllegalArgumentException("watchkeeper.db.url: unsupported JDBC URL '" + url
                + "' (expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB)");
    }
    static String sqlitePath(String url) {
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return null;
        }
        return path;
    }
    static void createParentFolder(String url) {
        String path = sqlitePath(url);
        if (path == null) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + parent, e);
        }
    }
    /** Whether the newest entry of Flyway's schema history is {@link #Database.NEWEST_MIGRATION}, applied successfully. */
    static boolean schemaIsCurrent(DataSource dataSource) {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history"
                     + " ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() && rs.getBoolean(2) && Database.NEWEST_MIGRATION.equals(rs.getString(1));
        } catch (java.sql.SQLException e) {
            return false; // no history yet (a new database): Flyway creates it
        }
    }
    static int migrate(DataSource dataSource, SQLDialect dialect) {
        MigrateResult result = flyway(dataSource, dialect).migrate();
        return result.migrationsExecuted;
    }
    /**
     * The same migrations on both engines; PostgreSQL adds the callbacks in {@code db/postgresql} that bridge
     * what SQLite's grammar cannot say portably (auto-numbered {@code id} columns, {@code BLOB}).
     */
    static Flyway flyway(DataSource dataSource, SQLDialect dialect) {
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
        if (dialect == SQLDialect.POSTGRES) {
            locations.add("classpath:db/postgresql");
        }
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .load();
    }
}
