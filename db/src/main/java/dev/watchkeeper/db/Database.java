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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
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
    private final LinkedBlockingQueue<GroupedWrite<?>> grouped = new LinkedBlockingQueue<>();
    private Thread committer;
    private volatile boolean closed;

    /** Most requests one shared transaction takes; more wait for the next commit. */
    static final int MAX_GROUP = 512;

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
            migrationsAppliedAtOpen = migrate(ds, dialect);
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

    private static String sqlitePath(String url) {
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

    private static void createParentFolder(String url) {
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

    private static int migrate(DataSource dataSource, SQLDialect dialect) {
        MigrateResult result = flyway(dataSource, dialect).migrate();
        return result.migrationsExecuted;
    }

    /**
     * The same migrations on both engines; PostgreSQL adds the callbacks in {@code db/postgresql} that bridge
     * what SQLite's grammar cannot say portably (auto-numbered {@code id} columns, {@code BLOB}).
     */
    private static Flyway flyway(DataSource dataSource, SQLDialect dialect) {
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
        if (dialect == SQLDialect.POSTGRES) {
            locations.add("classpath:db/postgresql");
        }
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .load();
    }

    /** How many migrations opening applied (0 when the schema was already current). */
    public int migrationsAppliedAtOpen() {
        dsl();
        return migrationsAppliedAtOpen;
    }

    /** The version of the newest applied migration. */
    public String schemaVersion() {
        var info = flyway(dataSource(), dialect).info();
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

    /**
     * Runs {@code work} in a transaction shared with other threads' concurrent grouped writes (group
     * commit): one writer thread takes every waiting request, runs each inside its own savepoint (a
     * request that throws is rolled back alone and gets its exception), commits once, and only then
     * returns to the callers. Durability is the same as {@link #write}; a single fsync covers many
     * requests. {@code work} must not call {@link #write} (it runs on the writer thread).
     */
    public <T> T writeGrouped(Function<DSLContext, T> work) {
        if (writeLock.isHeldByCurrentThread()) {
            // Waiting for the group writer from inside write() would deadlock on the lock this thread holds.
            throw new IllegalStateException("writeGrouped called inside write(): use the transaction at hand");
        }
        try {
            return submitGrouped(work).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The same, without waiting: the future completes after COMMIT (or with the request's failure). */
    public <T> CompletableFuture<T> submitGrouped(Function<DSLContext, T> work) {
        GroupedWrite<T> w = new GroupedWrite<>(work);
        startCommitter();
        if (closed) {
            w.future.completeExceptionally(new IllegalStateException("the database is closed"));
            return w.future;
        }
        grouped.add(w);
        return w.future;
    }

    private synchronized void startCommitter() {
        if (committer == null && !closed) {
            committer = Thread.ofPlatform().name("db-group-commit").daemon(true).start(this::commitLoop);
        }
    }

    private void commitLoop() {
        List<GroupedWrite<?>> batch = new ArrayList<>();
        while (!closed) {
            try {
                batch.add(grouped.take());
            } catch (InterruptedException e) {
                break;
            }
            grouped.drainTo(batch, MAX_GROUP - 1);
            commitGroup(batch);
            batch.clear();
        }
        GroupedWrite<?> left;
        while ((left = grouped.poll()) != null) {
            left.future.completeExceptionally(new IllegalStateException("the database is closed"));
        }
    }

    private void commitGroup(List<GroupedWrite<?>> batch) {
        writeLock.lock();
        try {
            dsl().transaction(configuration -> {
                DSLContext tx = configuration.dsl();
                tx.connection(connection -> {
                    for (GroupedWrite<?> w : batch) {
                        // Each request in its own savepoint: a failing request rolls back only itself.
                        java.sql.Savepoint savepoint = connection.setSavepoint();
                        try {
                            w.runIn(tx);
                            connection.releaseSavepoint(savepoint);
                        } catch (Throwable t) {
                            w.failure = t;
                            connection.rollback(savepoint);
                            connection.releaseSavepoint(savepoint);
                        }
                    }
                });
            });
        } catch (Throwable commitFailure) {
            for (GroupedWrite<?> w : batch) {
                if (w.failure == null) {
                    w.failure = commitFailure;
                }
            }
        } finally {
            writeLock.unlock();
        }
        for (GroupedWrite<?> w : batch) {
            w.complete();
        }
    }

    private static final class GroupedWrite<T> {
        final Function<DSLContext, T> work;
        final CompletableFuture<T> future = new CompletableFuture<>();
        T result;
        Throwable failure;

        GroupedWrite(Function<DSLContext, T> work) {
            this.work = work;
        }

        void runIn(DSLContext tx) {
            result = work.apply(tx);
        }

        void complete() {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
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

    /** True for an embedded SQLite file: one server per file (see the server's instance lock). */
    public boolean isSqlite() {
        return dialect == SQLDialect.SQLITE;
    }

    /**
     * The database file of a {@code jdbc:sqlite:} URL, or null for PostgreSQL and for in-memory SQLite.
     */
    public Path sqliteFile() {
        if (dialect != SQLDialect.SQLITE) {
            return null;
        }
        String path = sqlitePath(url);
        return path == null ? null : Path.of(path).toAbsolutePath().normalize();
    }

    public DataSource dataSource() {
        dsl();
        return dataSource;
    }

    @Override
    public void close() {
        Thread c;
        synchronized (this) {
            closed = true;
            c = committer;
        }
        if (c != null) {
            c.interrupt();
            try {
                c.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }
}
