package dev.watchkeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watchkeeper integration ...} and {@code watchkeeper item ...} against a running server's database. */
class IngestCliTest {

    @TempDir
    Path dir;

    @Test
    void integrationCreateListRevokeControlWhatTheServerAccepts() throws InterruptedException {
        try (TestApp app = TestApp.start(dir)) {
            Path db = app.dbFile();
            Cli.Result created = Cli.run(Map.of("watchkeeper.base-url", "https://wk.example.com/"), db,
                    "integration", "create", "--kind", "alertmanager", "--name", "prod");
            assertEquals(0, created.exitCode(), created.err());
            assertTrue(created.out().contains("URL:   https://wk.example.com/ingest/alertmanager"), created.out());
            Matcher m = Pattern.compile("Token: ([0-9a-f]{32})").matcher(created.out());
            assertTrue(m.find(), created.out());
            String token = m.group(1);
            assertFalse(Cli.run(db, "integration", "list").out().contains(token), "the token is shown only once");

            String body = "{\"alerts\": [{\"status\": \"firing\", \"labels\": {\"alertname\": \"A\"}}]}";
            assertEquals(200, app.http().postJson("/ingest/alertmanager/" + token, body).status());

            Cli.Result pd = Cli.run(db, "integration", "create", "--kind", "pagerduty", "--name", "pd");
            assertTrue(pd.out().contains("/v2/enqueue"), pd.out());

            Cli.Result dup = Cli.run(db, "integration", "create", "--kind", "grafana", "--name", "prod");
            assertEquals(2, dup.exitCode());
            assertTrue(dup.err().contains("error: name: an integration named 'prod' already exists"), dup.err());
            Cli.Result badKind = Cli.run(db, "integration", "create", "--kind", "nagios", "--name", "n");
            assertEquals(2, badKind.exitCode());
            assertTrue(badKind.err().contains("error: kind: must be one of alertmanager, pagerduty, grafana, generic"));

            Cli.Result list = Cli.run(db, "integration", "list");
            assertTrue(list.out().contains("prod") && list.out().contains("…" + token.substring(28))
                    && list.out().contains("active"), list.out());

            Cli.Result revoked = Cli.run(db, "integration", "revoke", "prod");
            assertEquals(0, revoked.exitCode(), revoked.err());
            // Revoked in another process: the server's token look-ups are reused for up to a second.
            long deadline = System.nanoTime() + 5_000_000_000L;
            int status = 0;
            while (System.nanoTime() < deadline && (status = app.http().postJson("/ingest/alertmanager/" + token, body).status()) != 401) {
                Thread.sleep(100);
            }
            assertEquals(401, status);
            assertTrue(Cli.run(db, "integration", "list").out().contains("revoked"));
            Cli.Result missing = Cli.run(db, "integration", "revoke", "nope");
            assertEquals(1, missing.exitCode());
            assertTrue(missing.err().contains("integration 'nope' does not exist"));
        }
    }

    @Test
    void itemCommandsAddShowAndActOnItems() {
        Path db = dir.resolve("wk.db");
        Cli.Result add = Cli.run(db, "item", "add", "Users report stale recommendations", "--by", "alice",
                "--service", "ranker", "--severity", "error");
        assertEquals(0, add.exitCode(), add.err());
        assertTrue(add.out().startsWith("Item 1 added: Users report stale recommendations (error, ranker)"), add.out());

        assertEquals(0, Cli.run(db, "item", "assign", "1", "--to", "bob", "--by", "alice").exitCode());
        assertEquals(0, Cli.run(db, "item", "note", "1", "checked the feature store", "--by", "bob").exitCode());
        Cli.Result snooze = Cli.run(db, "item", "snooze", "1", "--until", "2h", "--by", "bob");
        assertEquals(0, snooze.exitCode(), snooze.err());
        assertTrue(snooze.out().contains("snoozed until"), snooze.out());
        Cli.Result ack = Cli.run(db, "item", "ack", "1", "--by", "bob", "--note", "looking");
        assertTrue(ack.out().contains("now acknowledged"), ack.out());
        Cli.Result act = Cli.run(db, "item", "act", "1", "--by", "bob", "--note", "re-ran the join");
        assertTrue(act.out().contains("acted by bob — now resolved"), act.out());

        Cli.Result show = Cli.run(db, "item", "show", "1");
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().contains("assignee: bob"), show.out());
        for (String line : new String[]{"note by alice via cli", "assign by alice", "note by bob via cli: checked the feature store",
                "snooze by bob", "ack by bob via cli: looking", "acted by bob via cli: re-ran the join"}) {
            assertTrue(show.out().contains(line), line + " in\n" + show.out());
        }
        JsonNode json = Json.parse(Cli.run(db, "item", "show", "1", "--json").out());
        assertEquals("resolved", json.get("item").get("state").asText());
        assertEquals(6, json.get("actions").size());
        Instant until = Instant.parse(json.get("actions").get(3).get("snoozeUntil").asText());
        assertEquals(dev.watchkeeper.testing.TestClock.START.plusSeconds(7200), until, "2h from the clock's now");

        Cli.Result noise = Cli.run(db, "item", "add", "flaky check", "--by", "carol");
        assertEquals(0, noise.exitCode());
        assertTrue(Cli.run(db, "item", "noise", "2", "--by", "carol").out().contains("now noise"));
    }

    @Test
    void itemCommandErrorsNameTheProblem() {
        Path db = dir.resolve("wk.db");
        Cli.Result missing = Cli.run(db, "item", "ack", "42", "--by", "bob");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("item 42 does not exist"), missing.err());
        Cli.run(db, "item", "add", "x", "--by", "a");
        Cli.Result badUntil = Cli.run(db, "item", "snooze", "1", "--until", "soon", "--by", "bob");
        assertEquals(2, badUntil.exitCode());
        assertTrue(badUntil.err().contains("error: until: must be an RFC 3339 time"), badUntil.err());
        Cli.Result badSeverity = Cli.run(db, "item", "add", "x", "--by", "a", "--severity", "huge");
        assertEquals(2, badSeverity.exitCode());
        assertTrue(badSeverity.err().contains("error: severity: must be one of"), badSeverity.err());
    }
}
