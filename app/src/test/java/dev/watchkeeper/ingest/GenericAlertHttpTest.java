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

import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static dev.watchkeeper.db.jooq.Tables.OCCURRENCE;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first vertical slice: POST /api/alerts, GET /api/queue, through the real server on loopback. */
class GenericAlertHttpTest {

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

    private int count(org.jooq.Table<?> table) {
        return app.bean(Database.class).read().fetchCount(table);
    }

    @Test
    void healthChecksTheDatabase() {
        TestHttp.Response r = http.get("/health");
        assertEquals(200, r.status());
        assertEquals("UP", r.json().get("database").asText());
    }

    @Test
    void anAlertIsStoredAsEventAlertOccurrenceAndItemAndShowsInTheQueue() {
        TestHttp.Response r = http.postJson("/api/alerts", """
                {"alertname": "FeatureNullRateHigh", "severity": "warning", "service": "ranker",
                 "summary": "null rate of user_age at 31%", "labels": {"feature": "user_age"},
                 "annotations": {"value": "0.31"}, "startsAt": "2026-03-02T08:55:00Z"}""");
        assertEquals(201, r.status(), r.body());
        assertEquals(1, count(ALERT_EVENT));
        assertEquals(1, count(ALERT));
        assertEquals(1, count(OCCURRENCE));
        assertEquals(1, count(TRIAGE_ITEM));

        JsonNode queue = http.get("/api/queue").json();
        assertEquals(1, queue.get("total").asInt());
        JsonNode item = queue.get("items").get(0);
        assertEquals("null rate of user_age at 31%", item.get("title").asText());
        assertEquals("ranker", item.get("service").asText());
        assertEquals("warning", item.get("severity").asText());
        assertEquals("FeatureNullRateHigh/ranker", item.get("groupKey").asText());

        JsonNode detail = http.get("/api/items/" + item.get("id").asInt()).json();
        assertTrue(detail.get("alerts").get(0).get("labelsJson").asText().contains("\"feature\":\"user_age\""));
        assertEquals(0, detail.get("actions").size());
    }

    @Test
    void missingRequiredFieldIsA400NamingItAndNothingIsStored() {
        TestHttp.Response r = http.postJson("/api/alerts", "{\"severity\": \"warning\"}");
        assertEquals(400, r.status());
        assertEquals("alertname", r.json().get("errors").get(0).get("field").asText());
        assertEquals("is required", r.json().get("errors").get(0).get("problem").asText());
        assertEquals(0, count(ALERT_EVENT));
        assertEquals(0, count(TRIAGE_ITEM));
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        TestHttp.Response r = http.postJson("/api/alerts", """
                {"alertname": 5, "severity": "loud", "labels": {"a": {"b": 1}}, "startsAt": "yesterday"}""");
        assertEquals(400, r.status());
        String fields = r.json().get("errors").findValuesAsText("field").toString();
        assertEquals("[alertname, severity, labels.a, startsAt]", fields);
        assertEquals(0, count(ALERT_EVENT));
    }

    @Test
    void malformedJsonIsA400AndNothingIsStored() {
        TestHttp.Response r = http.postJson("/api/alerts", "{\"alertname\": ");
        assertEquals(400, r.status());
        assertEquals("body", r.json().get("errors").get(0).get("field").asText());
        assertTrue(r.json().get("errors").get(0).get("problem").asText().startsWith("is not valid JSON"));
        assertEquals(0, count(ALERT_EVENT));
    }

    @Test
    void wrongContentTypeIs415() {
        TestHttp.Response r = http.post("/api/alerts", "text/plain", "{\"alertname\": \"X\"}");
        assertEquals(415, r.status());
        assertEquals(0, count(ALERT_EVENT));
    }

    @Test
    void badQueueParametersAre400() {
        TestHttp.Response r = http.get("/api/queue?state=bogus&limit=zero");
        assertEquals(400, r.status());
        assertEquals("[state, limit]", r.json().get("errors").findValuesAsText("field").toString());
    }
}
