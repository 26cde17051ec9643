package dev.watchkeeper.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The database: a connection pool, Flyway migrations and jOOQ.
 *
 * <p>SQLite allows one writer at a time. Rather than let concurrent requests collide on the
 * file lock (SQLITE_BUSY), every write goes through {@link #write}, which serialises writers in
 * this process; readers run concurrently thanks to WAL mode. {@code busy_timeout} covers a second
 * process (the CLI) writing while the server runs.
 */
public final class Database implements AutoCloseable {

    private final String url;
    private final SQLDialect dialect;
    private final DatabaseOptions options;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile HikariDataSource dataSource;
    private volatile DSLContext dsl;
    private int migrationsAppliedAtOpen;

    private Database(DatabaseOptions options) {
        this.url = options.url();
        this.dialect = dialectOf(url);
        this.options = options;
    }

    /** Opens (creating the file and its folder when needed) and migrates the database at {@code url}. */
    public static Database open(DatabaseOptions options) {
        Database db = lazy(options);
        db.dsl();
        return db;
    }

    /**
     * A database that connects and migrates on first use. Commands that never touch it ({@code --help},
     * {@code version}) then work even when the database cannot be opened.
     */
    public static Database lazy(DatabaseOptions options) {
        return new Database(options);
    }

    private DSLContext dsl() {
        DSLContext d = dsl;
        if (d == null) {
            synchronized (this) {
                if (dsl == null) {
                    connect();
                }
                d = dsl;
            }
        }
        return d;
    }

    private void connect() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("watchkeeper");
        if (options.username() != null) {
            config.setUsername(options.username());
            config.setPassword(options.password());
        }
        if (dialect == SQLDialect.SQLITE) {
            createParentFolder(url);
            config.setMaximumPoolSize(options.poolSize());
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("busy_timeout", String.valueOf(options.busyTimeoutMillis()));
            config.addDataSourceProperty("synchronous", options.synchronous());
            // Take the write lock when the transaction starts, so busy_timeout applies to it.
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            config.setMaximumPoolSize(options.poolSize());
        }
        HikariDataSource ds = new HikariDataSource(config);
        try {
            migrationsAppliedAtOpen = migrate(ds);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        dataSource = ds;
        dsl = DSL.using(ds, dialect, new Settings().withExecuteLogging(false));
    }

    public static Database open(String url) {
        return open(DatabaseOptions.of(url));
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

    private static void createParentFolder(String url) {
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + parent, e);
        }
    }

    private static int migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    /** How many migrations opening applied (0 when the schema was already current). */
    public int migrationsAppliedAtOpen() {
        dsl();
        return migrationsAppliedAtOpen;
    }

    /** The version of the newest applied migration. */
    public String schemaVersion() {
        var info = Flyway.configure().dataSource(dataSource()).locations("classpath:db/migration").load().info();
        return info.current() == null ? "none" : info.current().getVersion().getVersion();
    }

    /** For queries that read only. Readers never wait for writers. */
    public DSLContext read() {
        return dsl();
    }

    public <T> T read(Function<DSLContext, T> work) {
        return work.apply(dsl());
    }

    /** Runs {@code work} in one transaction, one writer at a time; commits when it returns. */
    public <T> T write(Function<DSLContext, T> work) {
        writeLock.lock();
        try {
            return dsl().transactionResult(configuration -> work.apply(configuration.dsl()));
        } finally {
            writeLock.unlock();
        }
    }

    public void writeVoid(Consumer<DSLContext> work) {
        write(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** True when a trivial query answers. */
    public boolean ping() {
        try {
            return dsl().selectOne().fetchOne(0, Integer.class) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String url() {
        return url;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        dsl();
        return dataSource;
    }

    @Override
    public synchronized void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
