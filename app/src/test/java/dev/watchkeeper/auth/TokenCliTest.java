package dev.watchkeeper.auth;

import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watchkeeper token create|list|revoke} through the real command line on the database file a server uses. */
class TokenCliTest {

    @TempDir
    Path dir;

    @Test
    void theLocalOperatorCreatesListsAndRevokesTokensThatTheServerHonours() {
        Path db = dir.resolve("watchkeeper.db");
        Cli.Result created = Cli.run(db, "token", "create", "alice", "--role", "admin", "--label", "laptop");
        assertEquals(0, created.exitCode(), created.err());
        String secret = created.out().lines().filter(l -> l.strip().startsWith("Token: ")).findFirst().orElseThrow()
                .strip().substring("Token: ".length());
        assertTrue(secret.startsWith("wk_"), created.out());
        assertTrue(created.out().startsWith("Token 1 for alice (admin) created."), created.out());
        Cli.Result quiet = Cli.run(db, "token", "create", "bob", "--quiet");
        assertEquals(0, quiet.exitCode(), quiet.err());
        String bobs = quiet.out().strip();
        assertTrue(bobs.startsWith("wk_") && !bobs.contains(" "), quiet.out());

        Cli.Result list = Cli.run(db, "token", "list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("alice") && list.out().contains("admin") && list.out().contains("laptop"), list.out());
        assertTrue(list.out().contains(secret.substring(0, 9) + "…"), list.out());
        assertFalse(list.out().contains(secret), "the secret is shown only once");
        assertTrue(list.out().contains("bob") && list.out().contains("member"), list.out());

        try (TestApp app = TestApp.start(dir)) {
            TestHttp anon = app.http().anonymous();
            assertEquals("admin", anon.get("/api/me", "Authorization", "Bearer " + secret).json().get("role").asText());
            assertEquals("bob", anon.get("/api/me", "Authorization", "Bearer " + bobs).json().get("handle").asText());

            Cli.Result revoked = Cli.run(db, "token", "revoke", "2");
            assertEquals(0, revoked.exitCode(), revoked.err());
            assertTrue(revoked.out().startsWith("Token 2 of bob revoked at "), revoked.out());
            // Another process revoked it: the server's one-second cache lets it through at most that long.
            long deadline = System.nanoTime() + 5_000_000_000L;
            int status = 200;
            while (status != 401 && System.nanoTime() < deadline) {
                status = anon.get("/api/me", "Authorization", "Bearer " + bobs).status();
            }
            assertEquals(401, status);
            assertEquals(200, anon.get("/api/me", "Authorization", "Bearer " + secret).status());
        }
        Cli.Result json = Cli.run(db, "token", "list", "--json");
        assertTrue(json.out().contains("\"revokedAt\""), json.out());

        Cli.Result bad = Cli.run(db, "token", "create", "alice", "--role", "owner");
        assertEquals(2, bad.exitCode(), "bad input exits 2");
        assertTrue(bad.err().contains("role") && bad.err().contains("member or admin"), bad.err());
        Cli.Result missing = Cli.run(db, "token", "revoke", "99");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("token 99 does not exist"), missing.err());
    }
}
