package dev.watchkeeper.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A token is accepted only at the endpoints of its integration's kind: every kind of token against every
 * token-checking endpoint. A mismatch is 403, names the token's kind and where it belongs, and stores nothing.
 */
class TokenKindHttpTest {

    @TempDir
    Path dir;
    TestApp app;
    TestHttp http;
    Map<String, String> tokens;

    @BeforeEach
    void start() {
        app = TestApp.start(dir);
        http = app.http();
        IntegrationService integrations = app.bean(IntegrationService.class);
        tokens = Map.of(
                "alertmanager", integrations.create("alertmanager", "am").token(),
                "grafana", integrations.create("grafana", "grafana").token(),
                "generic", integrations.create("generic", "scripts").token(),
                "pagerduty", integrations.create("pagerduty", "pd").token());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    int events() {
        return app.bean(Database.class).read().fetchCount(ALERT_EVENT);
    }

    /** An endpoint, the kind of token it takes, and how to send a valid payload with a given token. */
    record Endpoint(String path, String kind, Function<String, TestHttp.Response> send) {
    }

    List<Endpoint> endpoints() {
        Instant t0 = Instant.parse("2026-03-02T08:50:00Z");
        String am = Payloads.alertmanager(List.of(new Payloads.Am("fp1", "DiskFull", "db", "critical", "db1", true, t0, null)));
        String generic = "{\"alertname\": \"NullRate\", \"service\": \"ranker\"}";
        return List.of(
                new Endpoint("/ingest/alertmanager", "alertmanager",
                        t -> http.postJson("/ingest/alertmanager", am, "Authorization", "Bearer " + t)),
                new Endpoint("/ingest/grafana", "grafana",
                        t -> http.postJson("/ingest/grafana/" + t, Payloads.grafana("firing", "g1", t0, null))),
                new Endpoint("/ingest/generic", "generic", t -> http.postJson("/ingest/generic?token=" + t, generic)),
                new Endpoint("/api/alerts", "generic",
                        t -> http.postJson("/api/alerts", generic, "Authorization", "Bearer " + t)),
                new Endpoint("/v2/enqueue", "pagerduty", t -> http.postJson("/v2/enqueue", Payloads.trigger(t, "k1", "Disk full"))));
    }

    static String pathsOf(String kind) {
        return switch (kind) {
            case "pagerduty" -> "/v2/enqueue";
            case "generic" -> "/ingest/generic or /api/alerts";
            default -> "/ingest/" + kind;
        };
    }

    static String a(String kind) {
        return (kind.equals("alertmanager") ? "an " : "a ") + kind;
    }

    @Test
    void everyEndpointTakesOnlyTokensOfItsOwnKind() {
        int accepted = 0;
        for (Endpoint e : endpoints()) {
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                String kind = token.getKey();
                int before = events();
                TestHttp.Response r = e.send().apply(token.getValue());
                String what = kind + " token at " + e.path() + ": " + r.body();
                if (kind.equals(e.kind())) {
                    assertTrue(r.status() / 100 == 2, what);
                    assertEquals(before + 1, events(), what);
                    accepted++;
                    continue;
                }
                assertEquals(403, r.status(), what);
                assertEquals(before, events(), "nothing is stored: " + what);
                assertFalse(r.body().contains(token.getValue()), "the answer does not echo the token");
                JsonNode body = r.json();
                if (e.path().equals("/v2/enqueue")) {
                    assertEquals("invalid event", body.path("status").asText(), what);
                    assertEquals("Invalid routing key", body.path("message").asText(), what);
                    assertEquals("'routing_key' is " + a(kind) + " token; send it to " + pathsOf(kind)
                            + ", or use a pagerduty integration's token at /v2/enqueue", body.path("errors").path(0).asText());
                } else {
                    String name = app.bean(IntegrationService.class).authenticate(token.getValue()).orElseThrow().name();
                    assertEquals("the token of integration '" + name + "' is " + a(kind) + " token, accepted at "
                            + pathsOf(kind) + "; " + e.path() + " takes " + e.kind() + " tokens", body.path("error").asText());
                    assertEquals("token", body.path("errors").path(0).path("field").asText());
                    assertEquals("is " + a(kind) + " token; send it to " + pathsOf(kind) + ", or use " + a(e.kind())
                            + " integration's token at " + e.path(), body.path("errors").path(0).path("problem").asText());
                }
            }
        }
        assertEquals(5, accepted);
    }

    @Test
    void aRevokedTokenOfTheWrongKindIsStill401NotAHintAboutWhereItBelongs() {
        app.bean(IntegrationService.class).revoke("am");
        TestHttp.Response r = http.postJson("/ingest/grafana/" + tokens.get("alertmanager"),
                Payloads.grafana("firing", "g1", Instant.parse("2026-03-02T08:50:00Z"), null));
        assertEquals(401, r.status(), r.body());
        assertEquals("the integration token is unknown or revoked", r.json().path("error").asText());
        assertEquals(0, app.bean(Database.class).read().fetchCount(ALERT));
    }
}
