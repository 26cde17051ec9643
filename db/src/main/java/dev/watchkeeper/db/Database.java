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
    final ReentrantLock writeLock = new ReentrantLock();
    private volatile HikariDataSource dataSource;
    private volatile DSLContext dsl;
    private int migrationsAppliedAtOpen;
    private final GroupCommit groupCommit = new GroupCommit(this);
    /** The SQLite file's identity (device and inode) when it was opened; null for other databases. */
    private volatile Object fileKey;
    private volatile Path file;
    /** When set, opening skips Flyway if the schema's newest applied migration is {@link #NEWEST_MIGRATION}. */
    private volatile boolean quickOpen;
    /** The last write that failed because of the store (see {@link Unavailable}), and when. */
    private volatile String lastWriteFailure;
    private volatile long lastWriteFailureNanos;

    /** How long a failed write keeps {@link #health} DOWN when no write has succeeded since. */
    static final long FAILURE_MEMORY_NANOS = 60_000_000_000L;

    /**
     * The version of the newest migration in {@code db/migration}; a test keeps it equal to the files. Commands
     * compare it with the database's schema history instead of having Flyway scan the jar for migrations.
     */
    public static final String NEWEST_MIGRATION = "17";

    /** Most requests one shared transaction takes; more wait for the next commit. */
    static final int MAX_GROUP = 512;

    private Database(DatabaseOptions options) {
        this.url = options.url();
        this.dialect = DatabaseFiles.dialectOf(url);
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

    /**
     * Opening skips Flyway (which scans the jar for migrations and validates each one: a fifth of a short
     * command's time) when the newest migration applied, successfully, is {@link #NEWEST_MIGRATION}. Commands
     * of the command line use this; the server always runs Flyway's checks. Call before the first use.
     */
    public Database quickOpen() {
        this.quickOpen = true;
        return this;
    }

    DSLContext dsl() {
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
            DatabaseFiles.createParentFolder(url);
            config.setMaximumPoolSize(options.poolSize());
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("busy_timeout", String.valueOf(options.busyTimeoutMillis()));
            config.addDataSourceProperty("synchronous", options.synchronous());
            // Take the write lock when the transaction starts, so busy_timeout applies to it.
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            // Each request of a group commit runs in its own savepoint, and SQLite keeps the pages a savepoint
            // changes in a statement journal, which goes to a temporary file once it passes 64 KiB: a batch of 50
            // alerts did, and that file took more than half of the writer's write calls (strace, groups shape).
            // In memory it holds at most one request's pages, and is gone when the savepoint is released.
            config.addDataSourceProperty("temp_store", "MEMORY");
            Path f = DatabaseFiles.sqliteFile(url);
            if (f != null) {
                DatabaseFiles.createIfMissing(url, f);
                // Open read-write, never create: a pooled connection opened after the file was deleted or moved
                // must fail rather than start an empty database in its place (SQLITE_OPEN_READWRITE only).
                config.addDataSourceProperty("open_mode", "2");
            }
        } else {
            config.setMaximumPoolSize(options.poolSize());
        }
        HikariDataSource ds = new HikariDataSource(config);
        try {
            migrationsAppliedAtOpen = quickOpen && DatabaseFiles.schemaIsCurrent(ds) ? 0 : DatabaseFiles.migrate(ds, dialect);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        dataSource = ds;
        dsl = DSL.using(ds, dialect, new Settings().withExecuteLogging(false));
        file = DatabaseFiles.sqliteFile(url);
        fileKey = file == null ? null : DatabaseFiles.fileKeyOf(file);
    }




    /** What {@link #health} found: {@code problem} is null when the database answers, is writable and is the file opened. */
    public record Health(boolean up, String problem) {
    }

    /**
     * Checks that the database answers, that a SQLite file is still the one opened (same device and inode: not
     * deleted or replaced), and that it takes a write (its header is rewritten in a transaction). A write that
     * failed for want of space or permission in the last minute, with none succeeding since, also counts.
     */
    public Health health() {
        if (!ping()) {
            return new Health(false, "the database does not answer");
        }
        if (file != null) {
            Object now = DatabaseFiles.fileKeyOf(file);
            if (now == null) {
                return new Health(false, "the database file is gone (deleted or moved while running)");
            }
            if (fileKey != null && !fileKey.equals(now)) {
                return new Health(false, "the database file was replaced while running");
            }
        }
        // The probe does not count as a write that succeeded: it needs no new space, real writes may.
        writeLock.lock();
        try {
            dsl().transaction(configuration -> {
                DSLContext tx = configuration.dsl();
                if (dialect == SQLDialect.SQLITE) {
                    Object v = tx.fetchValue("PRAGMA user_version");
                    tx.execute("PRAGMA user_version = " + Integer.parseInt(String.valueOf(v)));
                    // A full file is remembered until there is room again (below): a small update that fits in
                    // the pages it has succeeds in a full file and says nothing about the next insert.
                    if (FULL.equals(lastWriteFailure)) {
                        long pages = ((Number) tx.fetchValue("PRAGMA page_count")).longValue();
                        long max = ((Number) tx.fetchValue("PRAGMA max_page_count")).longValue();
                        if (pages < max && roomOnDisk()) {
                            lastWriteFailure = null;
                        }
                    }
                } else {
                    tx.fetchValue("SELECT 1");
                }
            });
        } catch (RuntimeException e) {
            String reason = Unavailable.reason(e);
            return new Health(false, reason != null ? reason : "the database does not take writes");
        } finally {
            writeLock.unlock();
        }
        String failure = lastWriteFailure;
        if (failure != null && System.nanoTime() - lastWriteFailureNanos < FAILURE_MEMORY_NANOS) {
            return new Health(false, "writes are failing: " + failure);
        }
        return new Health(true, null);
    }

    /**
     * Refuses to write into a SQLite file that is no longer at its path (deleted or moved) or was replaced: such
     * writes would be acknowledged and then lost at the next start. Moving the file back makes writes work again.
     */
    void requireSameFile() {
        Path f = file;
        if (f == null) {
            return;
        }
        Object now = DatabaseFiles.fileKeyOf(f);
        if (now == null) {
            throw Unavailable.because("the database file is gone (deleted or moved while running)");
        }
        if (fileKey != null && !fileKey.equals(now)) {
            throw Unavailable.because("the database file was replaced while running");
        }
    }

    /** Whether the disk holding the file has room for a few more pages (16 MB); true when it cannot be told. */
    private boolean roomOnDisk() {
        try {
            return file == null || java.nio.file.Files.getFileStore(file).getUsableSpace() > 16L << 20;
        } catch (java.io.IOException | RuntimeException e) {
            return true;
        }
    }

    /** What {@link Unavailable#reason} says of SQLITE_FULL. */
    private static final String FULL = "the database or disk is full";

    void noteWrite(Throwable failure) {
        if (failure == null) {
            if (!FULL.equals(lastWriteFailure)) {
                lastWriteFailure = null;
            }
            return;
        }
        String reason = Unavailable.reason(failure);
        if (reason != null) {
            lastWriteFailure = reason;
            lastWriteFailureNanos = System.nanoTime();
        }
    }

    public static Database open(String url) {
        return open(DatabaseOptions.of(url));
    }







    /** How many migrations opening applied (0 when the schema was already current). */
    public int migrationsAppliedAtOpen() {
        dsl();
        return migrationsAppliedAtOpen;
    }

    /** The version of the newest applied migration. */
    public String schemaVersion() {
        var info = DatabaseFiles.flyway(dataSource(), dialect).info();
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
            requireSameFile();
            T result = dsl().transactionResult(configuration -> work.apply(configuration.dsl()));
            noteWrite(null);
            return result;
        } catch (RuntimeException | Error e) {
            noteWrite(e);
            throw e;
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
        return groupCommit.submit(work);
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
        String path = DatabaseFiles.sqlitePath(url);
        return path == null ? null : Path.of(path).toAbsolutePath().normalize();
    }

    public DataSource dataSource() {
        dsl();
        return dataSource;
    }

    @Override
    public void close() {
        groupCommit.close();
        synchronized (this) {
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }
}
