package dev.watchkeeper.db.testing;

import dev.watchkeeper.db.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster for the tests: Debian's real binaries ({@code /usr/lib/postgresql/N/bin}),
 * {@code initdb} into {@code target/}, listening on a free loopback port only, stopped and deleted when the JVM
 * exits. One per test JVM; each test gets its own database, copied from a template migrated once.
 *
 * <p>PostgreSQL refuses to run as root, so under root the cluster belongs to the {@code postgres} user
 * (through {@code runuser}).
 */
public final class PostgresCluster {

    private static final String USER = "wk";
    private static volatile PostgresCluster shared;
    private static volatile String unavailable;

    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();
    private volatile boolean templateReady;

    private PostgresCluster(Path bin, Path data, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The newest installed PostgreSQL's bin folder, or null when none is installed. */
    public static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> versionOf(b.getParent())))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Why the cluster cannot start (no binaries), or null when it can. */
    public static String unavailableReason() {
        if (binaries() == null) {
            return "no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql; .ci/run does)";
        }
        return unavailable;
    }

    /** The JVM's cluster, started on first use. */
    public static PostgresCluster shared() {
        PostgresCluster c = shared;
        if (c == null) {
            synchronized (PostgresCluster.class) {
                if (shared == null) {
                    shared = start();
                }
                c = shared;
            }
        }
        return c;
    }

    private static PostgresCluster start() {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException(unavailableReason());
        }
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path base = Path.of("target").toAbsolutePath();
            Files.createDirectories(base);
            Path data = Files.createTempDirectory(base, "pg-");
            if (root) {
                UserPrincipal postgres = data.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(data, postgres);
            }
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            PostgresCluster cluster = new PostgresCluster(bin, data, port, root);
            cluster.run(120, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                    "-E", "UTF8", "--no-locale", "--no-sync");
            cluster.run(120, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    data.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -h 127.0.0.1 -c unix_socket_directories= -c fsync=off -c synchronous_commit=off"
                            + " -c full_page_writes=off -c max_connections=400 -c shared_buffers=32MB", "start");
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "test-postgres-stop"));
            System.err.println("[test-postgres] PostgreSQL " + versionOf(bin.getParent()) + " running on 127.0.0.1:"
                    + port + " with data in " + data);
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL", e);
        }
    }

    private void run(int timeoutSeconds, String... command) {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        try {
            Path log = Files.createTempFile("pg-cmd", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(Path.of("/").toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", cmd));
            }
            String output = Files.readString(log);
            Files.deleteIfExists(log);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", cmd) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JDBC URL of database {@code name} in this cluster (the user is in the URL). */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER;
    }

    public int port() {
        return port;
    }

    /**
     * A new, empty database migrated to the current schema, copied from a template migrated once per JVM (the
     * copy keeps Flyway's history, so opening it applies nothing).
     */
    public synchronized String newDatabase() {
        if (!templateReady) {
            sql("CREATE DATABASE wk_template");
            try (Database template = Database.open(url("wk_template"))) {
                template.ping();
            }
            templateReady = true;
        }
        String name = "wk_" + databases.incrementAndGet();
        sql("CREATE DATABASE " + name + " TEMPLATE wk_template");
        return url(name);
    }

    /** A new database with nothing in it (not even the schema). */
    public synchronized String newEmptyDatabase() {
        String name = "wk_empty_" + databases.incrementAndGet();
        sql("CREATE DATABASE " + name);
        return url(name);
    }

    private void sql(String statement) {
        try (Connection c = DriverManager.getConnection(url("postgres"));
             Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    private void stop() {
        try {
            run(30, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            System.err.println("[test-postgres] stop failed: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // Left for mvn clean.
        }
    }
}
