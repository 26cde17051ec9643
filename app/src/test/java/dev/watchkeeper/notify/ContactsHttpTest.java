package dev.watchkeeper.notify;

import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/people/{handle}/contacts} through the real server: set, show, bad input, refusals. */
class ContactsHttpTest {

    @TempDir
    Path dir;
    TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.start(dir, Map.of("watchkeeper.admins", "root"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void setShowAndRefuse() {
        TestHttp http = app.http();
        TestHttp.Response r = http.postJson("/api/people/alice/contacts", """
                {"by": "alice", "slack": "U0ALICE", "email": "alice@example.com",
                 "webhook": "https://hooks.example.com/a", "webhookSecret": "s3cret"}""");
        assertEquals(200, r.status(), r.body());
        assertEquals("U0ALICE", r.json().get("slackUserId").asText());
        assertTrue(r.json().get("webhookSigned").asBoolean());
        assertFalse(r.body().contains("s3cret"), "the secret is never shown");

        r = http.get("/api/people/alice/contacts");
        assertEquals(200, r.status(), r.body());
        assertEquals("alice@example.com", r.json().get("email").asText());

        r = http.postJson("/api/people/alice/contacts", "{\"by\": \"alice\", \"email\": \"nope\", \"slack\": 7}");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("\"slack\""), r.body());

        r = http.postJson("/api/people/alice/contacts", "{\"by\": \"alice\", \"email\": \"nope\"}");
        assertEquals(400, r.status(), r.body());
        assertEquals("email", r.json().get("errors").get(0).get("field").asText());

        r = http.anonymous().postJson("/api/people/alice/contacts", "{\"email\": \"x@example.com\"}");
        assertEquals(401, r.status(), "no token, no change");
        r = http.as("bob").postJson("/api/people/alice/contacts", "{\"by\": \"alice\", \"email\": \"x@example.com\"}");
        assertEquals(400, r.status(), "the actor is the token's, whatever the body claims");
        assertEquals("by", r.json().get("errors").get(0).get("field").asText());

        r = http.postJson("/api/people/alice/contacts", "{\"by\": \"mallory\", \"email\": \"m@example.com\"}");
        assertEquals(403, r.status(), r.body());
        r = http.postJson("/api/people/alice/contacts", "{\"by\": \"root\", \"email\": \"none\"}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("email").isNull());

        assertEquals(404, http.get("/api/people/nobody/contacts").status());
        r = http.get("/api/people");
        assertEquals(200, r.status());
        assertEquals("alice", r.json().get(0).get("handle").asText());
    }
}
