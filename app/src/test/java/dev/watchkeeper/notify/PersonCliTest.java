package dev.watchkeeper.notify;

import dev.watchkeeper.core.Json;
import dev.watchkeeper.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watchkeeper person ...}: linking people to Slack users, e-mail and webhooks, with who may. */
class PersonCliTest {

    @TempDir
    Path dir;

    @Test
    void linkShowListRemoveAndRefusals() {
        Path db = dir.resolve("wk.db");
        Cli.Result r = Cli.run(db, "person", "link", "alice", "--slack", "U0ALICE", "--email", "alice@example.com",
                "--webhook", "https://hooks.example.com/alice", "--webhook-secret", "s3cret", "--as", "alice");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("alice: slack U0ALICE, email alice@example.com, webhook https://hooks.example.com/alice (signed)",
                r.out().strip());

        r = Cli.run(db, "person", "show", "alice", "--json");
        assertEquals(0, r.exitCode(), r.err());
        var json = Json.parse(r.out());
        assertEquals("U0ALICE", json.get("slackUserId").asText());
        assertTrue(json.get("webhookSigned").asBoolean());
        assertFalse(r.out().contains("s3cret"), "the secret is never shown");

        r = Cli.run(db, "person", "link", "alice", "--slack", "none", "--as", "alice");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("alice: email alice@example.com (Slack user looked up by it when paged)"), r.out());

        r = Cli.run(db, "person", "link", "alice", "--email", "not-an-address", "--slack", "alice",
                "--webhook", "ftp://x", "--as", "alice");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("error: email:") && r.err().contains("error: slack:")
                && r.err().contains("error: webhook:"), r.err());

        r = Cli.run(db, "person", "link", "alice", "--email", "evil@example.com", "--as", "mallory");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("mallory may not change how alice is reached"), r.err());

        r = Cli.run(Map.of("watchkeeper.admins", "root"), db, "person", "link", "bob", "--slack", "U0BOB", "--as", "root");
        assertEquals(0, r.exitCode(), r.err());
        r = Cli.run(db, "person", "link", "carol", "--slack", "U0BOB", "--as", "carol");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("U0BOB is already linked to bob"), r.err());

        r = Cli.run(db, "person", "list");
        assertTrue(r.out().contains("bob: slack U0BOB") && r.out().contains("alice: email alice@example.com"), r.out());
        r = Cli.run(db, "person", "show", "nobody");
        assertEquals(1, r.exitCode());
    }
}
