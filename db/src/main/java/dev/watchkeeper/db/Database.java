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
    public static final String NEWEST_MIGRATION = "16";

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

    /**
     * Opening skips Flyway (which scans the jar for migrations and validates each one: a fifth of a short
     * command's time) when the newest migration applied, successfully, is {@link #NEWEST_MIGRATION}. Commands
     * of the command line use this; the server always runs Flyway's checks. Call before the first use.
     */
    public Database quickOpen() {
        this.quickOpen = true;
        return this;
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
            Path f = sqliteFile(url);
            if (f != null) {
                createIfMissing(url, f);
                // Open read-write, never create: a pooled connection opened after the file was deleted or moved
                // must fail rather than start an empty database in its place (SQLITE_OPEN_READWRITE only).
                config.addDataSourceProperty("open_mode", "2");
            }
        } else {
            config.setMaximumPoolSize(options.poolSize());
        }
        HikariDataSource ds = new HikariDataSource(config);
        try {
            migrationsAppliedAtOpen = quickOpen && schemaIsCurrent(ds) ? 0 : migrate(ds, dialect);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        dataSource = ds;
        dsl = DSL.using(ds, dialect, new Settings().withExecuteLogging(false));
        file = sqliteFile(url);
        fileKey = file == null ? null : fileKeyOf(file);
    }

    private static void createIfMissing(String url, Path f) {
        if (Files.exists(f)) {
            return;
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            c.createStatement().execute("PRAGMA user_version");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create the database " + f + ": " + e.getMessage(), e);
        }
    }

    private static Path sqliteFile(String url) {
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

    private static Object fileKeyOf(Path p) {
        try {
            return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
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
            Object now = fileKeyOf(file);
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
    private void requireSameFile() {
        Path f = file;
        if (f == null) {
            return;
        }
        Object now = fileKeyOf(f);
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

    private void noteWrite(Throwable failure) {
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

    /** Whether the newest entry of Flyway's schema history is {@link #NEWEST_MIGRATION}, applied successfully. */
    static boolean schemaIsCurrent(DataSource dataSource) {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history"
                     + " ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() && rs.getBoolean(2) && NEWEST_MIGRATION.equals(rs.getString(1));
        } catch (java.sql.SQLException e) {
            return false; // no history yet (a new database): Flyway creates it
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
        Throwable[] storeFailure = new Throwable[1];
        try {
            requireSameFile();
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
                            if (Unavailable.reason(t) != null) {
                                storeFailure[0] = t;
                            }
                            connection.rollback(savepoint);
                            connection.releaseSavepoint(savepoint);
                        }
                    }
                });
            });
            noteWrite(storeFailure[0]);
        } catch (Throwable commitFailure) {
            // A full SQLite file may roll the whole transaction back itself, so the savepoint's rollback fails too:
            // the store failure that started it is the one to remember.
            noteWrite(storeFailure[0] != null ? storeFailure[0] : commitFailure);
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
