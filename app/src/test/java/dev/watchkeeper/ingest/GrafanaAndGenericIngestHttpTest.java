package dev.watchkeeper.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.ingest.IngestStore;
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
import java.util.Objects;

import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grafana's webhook contact point, the generic endpoints and manual items, through the real server. */
class GrafanaAndGenericIngestHttpTest {

    @TempDir
    Path dir;
    TestApp app;
    TestHttp http;

    @BeforeEach
    void start() {
        app = TestApp.start(dir);
        http = app.http();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    int count(org.jooq.Table<?> table) {
        return app.bean(Database.class).read().fetchCount(table);
    }

    AlertRow alert(String fingerprint) {
        return Objects.requireNonNull(app.bean(IngestStore.class).findByFingerprints(app.bean(Database.class).read(),
                List.of(fingerprint)).get(fingerprint), fingerprint);
    }

    @Test
    void grafanaFiringThenResolved() {
        String t = app.bean(IntegrationService.class).create("grafana", "grafana-prod").token();
        Instant start = Instant.parse("2026-03-02T08:40:00Z");
        TestHttp.Response r = http.postJson("/ingest/grafana", Payloads.grafana("firing", "7d3a", start, null),
                "Authorization", "Bearer " + t);
        assertEquals(200, r.status(), r.body());
        AlertRow a = alert("7d3a");
        assertEquals("HighMemory", a.alertname());
        assertEquals("grafana", a.source());
        assertEquals("critical", a.severity());
        assertEquals("trainer", a.service());
        assertEquals("memory above 90%", a.summary());
        assertTrue(a.annotationsJson().contains("\"dashboardURL\":\"http://grafana:3000/d/xyz\""), a.annotationsJson());
        assertNull(a.endsAt());

        Instant end = Instant.parse("2026-03-02T08:55:00Z");
        assertEquals(200, http.postJson("/ingest/grafana/" + t, Payloads.grafana("resolved", "7d3a", start, end)).status());
        a = alert("7d3a");
        assertEquals("resolved", a.status());
        assertEquals(end, a.endsAt());
        JsonNode item = http.get("/api/queue").json().get("items").get(0);
        assertTrue(item.get("sourceResolved").asBoolean());
    }

    @Test
    void grafanaErrorsAndAuth() {
        String t = app.bean(IntegrationService.class).create("grafana", "g").token();
        assertEquals(401, http.postJson("/ingest/grafana", Payloads.grafana("firing", "x", Instant.EPOCH, null)).status());
        TestHttp.Response bad = http.postJson("/ingest/grafana/" + t, "{\"alerts\": [{\"labels\": {}, \"status\": \"pending\"}]}");
        assertEquals(400, bad.status());
        assertEquals("alerts[0].status", bad.json().get("errors").get(0).get("field").asText());
        assertEquals(0, count(ALERT_EVENT));
    }

    @Test
    void genericEndpointTakesOneAlertOrAnArrayWithAToken() {
        String t = app.bean(IntegrationService.class).create("generic", "scripts").token();
        TestHttp.Response one = http.postJson("/ingest/generic?token=" + t,
                "{\"alertname\": \"NullRate\", \"service\": \"ranker\", \"severity\": \"warning\"}");
        assertEquals(200, one.status(), one.body());
        TestHttp.Response many = http.postJson("/ingest/generic/" + t, """
                [{"alertname": "NullRate", "service": "ranker", "labels": {"feature": "age"}},
                 {"alertname": "NullRate", "service": "ranker", "labels": {"feature": "country"}}]""");
        assertEquals(200, many.status(), many.body());
        assertEquals(3, count(ALERT));
        assertEquals(1, count(TRIAGE_ITEM));

        TestHttp.Response bad = http.postJson("/ingest/generic/" + t, "[{\"alertname\": \"A\"}, {\"severity\": \"huge\"}]");
        assertEquals(400, bad.status());
        assertEquals("[1].alertname", bad.json().get("errors").get(0).get("field").asText());
        assertEquals("[1].severity", bad.json().get("errors").get(1).get("field").asText());
        assertEquals(401, http.postJson("/ingest/generic", "{\"alertname\": \"A\"}").status());
        assertEquals(2, count(ALERT_EVENT));
    }

    @Test
    void apiAlertsTakesAnOptionalTokenAndRecordsItsIntegration() {
        IntegrationService.Created c = app.bean(IntegrationService.class).create("generic", "scripts");
        assertEquals(201, http.postJson("/api/alerts", "{\"alertname\": \"A\", \"fingerprint\": \"anon\"}").status());
        assertNull(alert("anon").integrationId());
        assertEquals(201, http.postJson("/api/alerts", "{\"alertname\": \"B\", \"fingerprint\": \"signed\"}",
                "Authorization", "Bearer " + c.token()).status());
        assertEquals(c.integration().id(), alert("signed").integrationId());
        assertEquals(401, http.postJson("/api/alerts", "{\"alertname\": \"C\"}", "Authorization", "Bearer wrong").status());
    }

    @Test
    void requireTokenMakesApiAlertsRefuseAnonymousRequests(@TempDir Path other) {
        try (TestApp strict = TestApp.start(other, Map.of("watchkeeper.ingest.require-token", true))) {
            TestHttp.Response r = strict.http().postJson("/api/alerts", "{\"alertname\": \"A\"}");
            assertEquals(401, r.status());
            assertTrue(r.json().get("error").asText().contains("token is required"));
            String t = strict.bean(IntegrationService.class).create("generic", "g").token();
            assertEquals(201, strict.http().postJson("/api/alerts", "{\"alertname\": \"A\"}",
                    "Authorization", "Bearer " + t).status());
        }
    }

    @Test
    void manualItemsOverHttp() {
        TestHttp.Response r = http.postJson("/api/items", """
                {"text": "Users say recommendations are all the same\\nseen on the home page",
                 "by": "alice", "service": "ranker", "severity": "error", "link": "https://tickets/123"}""");
        assertEquals(201, r.status(), r.body());
        assertEquals("Users say recommendations are all the same", r.json().get("title").asText());
        assertTrue(r.json().get("manual").asBoolean());
        assertEquals("error", r.json().get("severity").asText());
        JsonNode detail = http.get("/api/items/" + r.json().get("id").asInt()).json();
        JsonNode note = detail.get("actions").get(0);
        assertEquals("note", note.get("kind").asText());
        assertEquals("alice", note.get("actor").asText());
        assertTrue(note.get("note").asText().contains("https://tickets/123"));

        TestHttp.Response bad = http.postJson("/api/items", "{\"text\": \"\", \"severity\": \"whatever\"}");
        assertEquals(400, bad.status());
        assertEquals("text", bad.json().get("errors").get(0).get("field").asText());
        TestHttp.Response badSeverity = http.postJson("/api/items", "{\"text\": \"x\", \"by\": \"bob\", \"severity\": \"whatever\"}");
        assertEquals(400, badSeverity.status());
        assertEquals("severity", badSeverity.json().get("errors").get(0).get("field").asText());
        assertEquals(1, count(TRIAGE_ITEM));
    }
}
