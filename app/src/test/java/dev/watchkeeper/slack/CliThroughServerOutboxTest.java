package dev.watchkeeper.slack;

import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CLI without Slack settings acts on the database a Slack-sending server uses: its Slack calls (the item
 * message's update, a rotation announcement) are enqueued in the shared outbox and the server's sender delivers
 * them to the fake Slack. Without such a server, the CLI enqueues nothing.
 */
class CliThroughServerOutboxTest {

    @TempDir
    Path dir;

    @Test
    void cliActionsWithoutSlackSettingsReachSlackThroughTheServersOutbox() {
        try (FakeSlack fake = FakeSlack.start(); TestApp server = TestApp.startServer(dir, fake.appProperties("cli-secret"))) {
            TestHttp.Response r = server.http().postJson("/api/rotations", """
                    {"name": "ml", "members": ["alice", "bob"], "zone": "UTC", "channel": "C_ML"}""");
            assertEquals(201, r.status(), r.body());
            r = server.http().postJson("/api/alerts", "{\"alertname\": \"CliAck\", \"severity\": \"critical\"}");
            server.bean(AlertPipeline.class).drain();
            int id = r.json().get("alerts").get(0).get("itemId").asInt();
            waitFor(() -> posts(fake, "C_ALERTS").size() == 1, "the server posted the alert message");

            // (Tests record rotation notifications instead of sending them; the CLI here uses Slack's notifier.)
            Map<String, Object> noSlack = Map.of("slack.bot-token", "", "slack.signing-secret", "",
                    "watchkeeper.test.record-notifications", "false");
            Cli.Result cli = Cli.run(noSlack, server.dbFile(), "item", "ack", String.valueOf(id), "--by", "alice");
            assertEquals(0, cli.exitCode(), cli.err());
            waitFor(() -> !fake.calls("chat.update").isEmpty(), "the server's sender updated the message");
            assertTrue(fake.calls("chat.update").getLast().blocksText().contains("acknowledged"),
                    fake.calls("chat.update").getLast().blocksText());

            cli = Cli.run(noSlack, server.dbFile(), "rotation", "override", "ml", "bob", "2030-01-01", "2030-01-02",
                    "--as", "alice");
            assertEquals(0, cli.exitCode(), cli.err());
            waitFor(() -> posts(fake, "C_ML").stream().anyMatch(c -> c.param("text").startsWith("bob covers ml")),
                    "the override was announced in the rotation's channel");
        }
    }

    @Test
    void withoutASlackSendingServerTheCliEnqueuesNothing() {
        try (TestApp server = TestApp.startServer(dir, Map.of())) {
            server.http().postJson("/api/alerts", "{\"alertname\": \"Alone\", \"severity\": \"critical\"}");
            server.bean(AlertPipeline.class).drain();
            Cli.Result cli = Cli.run(server.dbFile(), "item", "ack", "1", "--by", "alice");
            assertEquals(0, cli.exitCode(), cli.err());
            assertEquals(Map.of("pending", 0, "sent", 0, "failed", 0), server.bean(SlackOutbox.class).counts());
        }
    }

    private static List<FakeSlack.Call> posts(FakeSlack fake, String channel) {
        return fake.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).toList();
    }

    private static void waitFor(BooleanSupplier done, String what) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
