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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static dev.watchkeeper.db.jooq.Tables.OCCURRENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PagerDuty Events API v2 at {@code POST /v2/enqueue}, answering in PagerDuty's shapes. */
class EventsV2HttpTest {

    @TempDir
    Path dir;
    TestApp app;
    TestHttp http;
    String key;

    @BeforeEach
    void start() {
        app = TestApp.start(dir);
        http = app.http();
        key = app.bean(IntegrationService.class).create("pagerduty", "pd").token();
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

    TestHttp.Response enqueue(String body) {
        return http.postJson("/v2/enqueue", body);
    }

    @Test
    void triggerIsAcceptedLikePagerDutyAndStoredWithEveryField() {
        TestHttp.Response r = enqueue(Payloads.trigger(key, "srv01/mysql", "Disk full on prod-datapipe-01"));
        assertEquals(202, r.status(), r.body());
        assertEquals("success", r.json().get("status").asText());
        assertEquals("Event processed", r.json().get("message").asText());
        assertEquals("srv01/mysql", r.json().get("dedup_key").asText());

        AlertRow a = alert("srv01/mysql");
        assertEquals("pagerduty", a.source());
        assertEquals("disk", a.alertname(), "payload.class names the alert");
        assertEquals("mysql", a.service(), "payload.component is the service");
        assertEquals("critical", a.severity());
        assertEquals("Disk full on prod-datapipe-01", a.summary());
        assertEquals("https://monitoring.example.com", a.generatorUrl());
        assertTrue(a.labelsJson().contains("\"source\":\"prod-datapipe-01\""), a.labelsJson());
        assertTrue(a.labelsJson().contains("\"group\":\"prod-datapipe\""), a.labelsJson());
        assertTrue(a.annotationsJson().contains("\"free space\":\"1%\""), a.annotationsJson());
        assertTrue(a.annotationsJson().contains("runbook"), a.annotationsJson());
        assertTrue(a.annotationsJson().contains("graph.png"), a.annotationsJson());
        assertTrue(a.annotationsJson().contains("\"timestamp\":\"2026-03-02T08:59:00Z\""), a.annotationsJson());
    }

    @Test
    void aTriggerWithoutDedupKeyGetsAGeneratedOne() {
        TestHttp.Response r1 = enqueue(Payloads.trigger(key, null, "one"));
        TestHttp.Response r2 = enqueue(Payloads.trigger(key, null, "one"));
        String k1 = r1.json().get("dedup_key").asText();
        String k2 = r2.json().get("dedup_key").asText();
        assertTrue(k1.matches("[0-9a-f]{32}"), k1);
        assertTrue(!k1.equals(k2), "each trigger without a key is a new alert, as in PagerDuty");
        assertEquals(2, count(ALERT));
    }

    @Test
    void repeatedTriggersDeduplicateAndAcknowledgeAndResolveFollow() {
        enqueue(Payloads.trigger(key, "k1", "Disk full"));
        app.clock().advance(Duration.ofMinutes(1));
        enqueue(Payloads.trigger(key, "k1", "Disk full"));
        AlertRow a = alert("k1");
        assertEquals(1, a.fireCount());
        assertEquals(1, count(OCCURRENCE));

        TestHttp.Response ack = enqueue(Payloads.followUp(key, "acknowledge", "k1"));
        assertEquals(202, ack.status(), ack.body());
        JsonNode detail = http.get("/api/items/" + a.itemId()).json();
        assertEquals("acknowledged", detail.get("item").get("state").asText());
        JsonNode action = detail.get("actions").get(0);
        assertEquals("ack", action.get("kind").asText());
        assertEquals("integration:pd", action.get("actor").asText());

        TestHttp.Response resolve = enqueue(Payloads.followUp(key, "resolve", "k1"));
        assertEquals(202, resolve.status());
        a = alert("k1");
        assertEquals("resolved", a.status());
        assertEquals("disk", a.alertname(), "a resolve keeps what the trigger said");
        assertEquals("critical", a.severity());
        assertTrue(http.get("/api/items/" + a.itemId()).json().get("item").get("sourceResolved").asBoolean());

        app.clock().advance(Duration.ofMinutes(10));
        enqueue(Payloads.trigger(key, "k1", "Disk full"));
        assertEquals(2, alert("k1").fireCount(), "a trigger after a resolve is a new episode");
    }

    /** The sender's rule (triage.ItemStates): only an open item, and it is acknowledged even when resolved at the source. */
    @Test
    void aSendersAcknowledgeTakesOnlyAnOpenItemAndNeverResolvesIt() {
        enqueue(Payloads.trigger(key, "k2", "Queue stuck"));
        enqueue(Payloads.followUp(key, "resolve", "k2"));
        int item = alert("k2").itemId();
        assertTrue(http.get("/api/items/" + item).json().get("item").get("sourceResolved").asBoolean());

        assertEquals(202, enqueue(Payloads.followUp(key, "acknowledge", "k2")).status());
        JsonNode detail = http.get("/api/items/" + item).json();
        assertEquals("acknowledged", detail.get("item").get("state").asText(), "a person's ack would resolve it");
        assertEquals(1, detail.get("actions").size());

        assertEquals(202, enqueue(Payloads.followUp(key, "acknowledge", "k2")).status());
        assertEquals(1, http.get("/api/items/" + item).json().get("actions").size(), "not open any more: nothing recorded");
    }

    @Test
    void followUpsForUnknownKeysAreAcceptedAndChangeNothing() {
        assertEquals(202, enqueue(Payloads.followUp(key, "resolve", "never-seen")).status());
        assertEquals(202, enqueue(Payloads.followUp(key, "acknowledge", "never-seen")).status());
        assertEquals(0, count(ALERT));
        assertEquals(2, count(ALERT_EVENT));
    }

    @Test
    void invalidEventsAre400InPagerDutysShapeNamingEachField() {
        List<String> errors = errorsOf(enqueue("{\"routing_key\": \"" + key + "\", \"event_action\": \"trigger\","
                + " \"payload\": {\"summary\": \"\", \"severity\": \"fatal\", \"timestamp\": \"last tuesday\"},"
                + " \"links\": \"x\"}"), 400);
        assertEquals(List.of("'payload.summary' must not be empty", "'payload.source' is required",
                "'payload.severity' must be one of critical, error, warning, info; was 'fatal'",
                "'payload.timestamp' is not an ISO 8601 time with an offset (e.g. 2026-03-01T04:12:00.000+0000): 'last tuesday'",
                "'links' must be an array of objects, was a string"), errors);

        assertEquals(List.of("'event_action' must be one of trigger, acknowledge, resolve; was 'escalate'"),
                errorsOf(enqueue("{\"routing_key\": \"" + key + "\", \"event_action\": \"escalate\"}"), 400));
        assertEquals(List.of("'dedup_key' is required for resolve"),
                errorsOf(enqueue("{\"routing_key\": \"" + key + "\", \"event_action\": \"resolve\"}"), 400));
        assertEquals(List.of("'payload' is required for trigger"),
                errorsOf(enqueue("{\"routing_key\": \"" + key + "\", \"event_action\": \"trigger\"}"), 400));
        assertEquals(List.of("'routing_key' is required"),
                errorsOf(enqueue("{\"event_action\": \"trigger\"}"), 400));
        assertTrue(errorsOf(enqueue("{nope"), 400).get(0).startsWith("'body' is not valid JSON"));
        assertEquals(0, count(ALERT_EVENT));
    }

    @Test
    void unknownOrRevokedRoutingKeysAre401() {
        TestHttp.Response r = enqueue(Payloads.trigger("0123456789abcdef0123456789abcdef", "k", "x"));
        assertEquals(401, r.status());
        assertEquals("Invalid routing key", r.json().get("message").asText());
        app.bean(IntegrationService.class).revoke("pd");
        assertEquals(401, enqueue(Payloads.trigger(key, "k", "x")).status());
        assertEquals(0, count(ALERT_EVENT));
    }

    @Test
    void pagerDutyStatusTagsAreNotPartOfTheAlertName() {
        String body = """
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "group-1",
                 "payload": {"summary": "[FIRING:2] HighLatency api", "source": "alertmanager", "severity": "error"}}"""
                .formatted(key);
        assertEquals(202, enqueue(body).status());
        assertEquals("HighLatency api", alert("group-1").alertname());
    }

    private static List<String> errorsOf(TestHttp.Response r, int status) {
        assertEquals(status, r.status(), r.body());
        assertEquals("invalid event", r.json().get("status").asText());
        assertEquals("Event object is invalid", r.json().get("message").asText());
        List<String> out = new ArrayList<>();
        r.json().get("errors").forEach(e -> out.add(e.asText()));
        return out;
    }
}
