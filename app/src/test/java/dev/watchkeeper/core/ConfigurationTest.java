package dev.watchkeeper.core;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** watchkeeper-defaults.yml reads the documented environment variables; defaults apply when they are absent. */
class ConfigurationTest {

    @Test
    void defaultsPointAtTheEmbeddedDatabaseAndPort8080() {
        try (ApplicationContext ctx = ApplicationContext.builder(Environment.TEST).propertySources(DefaultSettings.source()).start()) {
            assertEquals("jdbc:sqlite:./data/watchkeeper.db", ctx.getBean(DbConfig.class).url());
            assertEquals(8080, ctx.getProperty("micronaut.server.port", Integer.class).orElseThrow());
            assertEquals("https://slack.com/api/", ctx.getProperty("slack.api-url", String.class).orElseThrow());
            assertEquals("", ctx.getProperty("slack.bot-token", String.class).orElse(""));
        }
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        // The placeholders in watchkeeper-defaults.yml resolve from any property source; a map stands in for the environment.
        Map<String, Object> env = Map.of(
                "WATCHKEEPER_DB_URL", "jdbc:sqlite:/tmp/elsewhere.db",
                "WATCHKEEPER_PORT", "9191",
                "SLACK_BOT_TOKEN", "xoxb-test",
                "SLACK_SIGNING_SECRET", "s3cret",
                "SLACK_APP_TOKEN", "xapp-test");
        try (ApplicationContext ctx = ApplicationContext.builder(Environment.TEST).propertySources(DefaultSettings.source()).properties(env).start()) {
            assertEquals("jdbc:sqlite:/tmp/elsewhere.db", ctx.getBean(DbConfig.class).url());
            assertEquals(9191, ctx.getProperty("micronaut.server.port", Integer.class).orElseThrow());
            assertEquals("xoxb-test", ctx.getProperty("slack.bot-token", String.class).orElseThrow());
            assertEquals("s3cret", ctx.getProperty("slack.signing-secret", String.class).orElseThrow());
            assertEquals("xapp-test", ctx.getProperty("slack.app-token", String.class).orElseThrow());
        }
    }

    @Test
    void theServerListensOnTheConfiguredPort() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        java.nio.file.Path db = java.nio.file.Files.createTempDirectory("wk").resolve("wk.db");
        try (ApplicationContext ctx = ApplicationContext.builder(Environment.TEST).propertySources(DefaultSettings.source())
                .properties(Map.of("WATCHKEEPER_PORT", String.valueOf(port), "WATCHKEEPER_DB_URL", "jdbc:sqlite:" + db))
                .start()) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            assertEquals(port, server.getPort());
        }
    }
}
