package dev.watchkeeper.testing;

import dev.watchkeeper.core.Environments;
import dev.watchkeeper.db.testing.TestDatabases;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole application on a loopback port with its own database and a {@link TestClock}: the harness for
 * HTTP, Slack and scenario tests. The database is a SQLite file, or a PostgreSQL database standing for that
 * file when the tests run on PostgreSQL ({@link TestDatabases}). Close it after the test.
 */
public final class TestApp implements AutoCloseable {

    private final ApplicationContext ctx;
    private final EmbeddedServer server;
    private final Path dbFile;
    private final TestHttp http;

    private TestApp(ApplicationContext ctx, EmbeddedServer server, Path dbFile) {
        this.ctx = ctx;
        this.server = server;
        this.dbFile = dbFile;
        this.http = new TestHttp(server.getURI(), this::tokenFor, null);
    }

    /** Starts the server on a free port with the database at {@code dir/watchkeeper.db}. */
    public static TestApp start(Path dir) {
        return start(dir, Map.of());
    }

    public static TestApp start(Path dir, Map<String, Object> properties) {
        return start(dir, properties, Environment.TEST);
    }

    /**
     * The same in the server's environment too ({@code server}): scheduled jobs, the outbox sender and the
     * single-server guard run as in {@code watchkeeper serve}.
     */
    public static TestApp startServer(Path dir, Map<String, Object> properties) {
        return start(dir, properties, Environment.TEST, Environments.SERVER);
    }

    private static TestApp start(Path dir, Map<String, Object> properties, String... environments) {
        Path db = dir.resolve("watchkeeper.db");
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("watchkeeper.db.url", TestDatabases.url(db));
        props.put("watchkeeper.db.synchronous", "NORMAL");
        props.putAll(properties);
        ApplicationContext ctx = ApplicationContext.builder()
                .propertySources(dev.watchkeeper.core.DefaultSettings.source())
                .environments(environments)
                .properties(props)
                .start();
        EmbeddedServer server = ctx.getBean(EmbeddedServer.class);
        server.start();
        return new TestApp(ctx, server, db);
    }

    /**
     * HTTP to the server, each request signed with an API token of the person it names (see {@link TestHttp});
     * {@code http().as("alice")} signs as alice, {@code http().anonymous()} sends no token.
     */
    public TestHttp http() {
        return http;
    }

    private final java.util.Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The secret of an API token for {@code handle}, created on first use: a member's, except for
     * {@link TestHttp#DEFAULT_PERSON} (an admin). People in {@code watchkeeper.admins} are admins with any token.
     */
    public String tokenFor(String handle) {
        return tokens.computeIfAbsent(handle, h -> ctx.getBean(dev.watchkeeper.auth.ApiTokenService.class)
                .create(h, TestHttp.DEFAULT_PERSON.equals(h) ? "admin" : "member", "test", "test").secret());
    }

    /** A new token of this role for {@code handle} (not cached). */
    public String newToken(String handle, String role) {
        return ctx.getBean(dev.watchkeeper.auth.ApiTokenService.class).create(handle, role, "test", "test").secret();
    }

    public TestClock clock() {
        return ctx.getBean(TestClock.class);
    }

    public <T> T bean(Class<T> type) {
        return ctx.getBean(type);
    }

    public ApplicationContext context() {
        return ctx;
    }

    public String url() {
        return server.getURL().toString();
    }

    public Path dbFile() {
        return dbFile;
    }

    @Override
    public void close() {
        ctx.close();
    }
}
