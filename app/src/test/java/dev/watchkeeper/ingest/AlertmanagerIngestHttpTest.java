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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static dev.watchkeeper.db.jooq.Tables.OCCURRENCE;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /ingest/alertmanager} through the real server: auth, dedup, grouping, resolve, every error. */
class AlertmanagerIngestHttpTest {

    static final Instant T0 = Instant.parse("2026-03-02T08:50:00Z");

    @TempDir
    Path dir;
    TestApp app;
    TestHttp http;
    String token;
    int integrationId;

    @BeforeEach
    void start() {
        app = TestApp.start(dir, Map.of("watchkeeper.ingest.rate-limit-per-second", 0));
        http = app.http();
        IntegrationService.Created c = app.bean(IntegrationService.class).create("alertmanager", "prod");
        token = c.token();
        integrationId = c.integration().id();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    int count(org.jooq.Table<?> table) {
        return app.bean(Database.class).read().fetchCount(table);
    }

    static Payloads.Am firing(String fp, String instance) {
        return new Payloads.Am(fp, "ModelLatencyHigh", "ranker", "critical", instance, true, T0, null);
    }

    TestHttp.Response post(String body) {
        return http.postJson("/ingest/alertmanager", body, "Authorization", "Bearer " + token);
    }

    AlertRow alert(String fingerprint) {
        return Objects.requireNonNull(app.bean(IngestStore.class).findByFingerprints(app.bean(Database.class).read(),
                List.of(fingerprint)).get(fingerprint), fingerprint);
    }

    @Test
    void aNotificationIsStoredWithItsIntegrationAndGroupedIntoOneItem() {
        TestHttp.Response r = post(Payloads.alertmanager(List.of(firing("fp1", "a"), firing("fp2", "b"))));
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().get("alerts").size());
        assertEquals(1, count(ALERT_EVENT));
        assertEquals(2, count(ALERT));
        assertEquals(2, count(OCCURRENCE));
        assertEquals(1, count(TRIAGE_ITEM));

        AlertRow a = alert("fp1");
        assertEquals(integrationId, a.integrationId());
        assertEquals("alertmanager", a.source());
        assertEquals("critical", a.severity());
        assertEquals("ModelLatencyHigh on a", a.summary());
        assertEquals(T0, a.startsAt());
        assertNull(a.endsAt(), "Go's zero time is not an end");
        int eventIntegration = app.bean(Database.class).read().select(ALERT_EVENT.INTEGRATION_ID).from(ALERT_EVENT)
                .fetchOne(ALERT_EVENT.INTEGRATION_ID);
        assertEquals(integrationId, eventIntegration);

        JsonNode item = http.get("/api/queue").json().get("items").get(0);
        assertEquals("ModelLatencyHigh/ranker", item.get("groupKey").asText());
        assertEquals(2, item.get("alertCount").asInt());
        assertEquals(2, item.get("firingCount").asInt());
    }

    @Test
    void alertmanagerRetriesOfTheSameNotificationAreIdempotent() {
        String body = Payloads.alertmanager(List.of(firing("fp1", "a")));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, post(body).status());
            app.clock().advance(Duration.ofSeconds(30));
        }
        assertEquals(3, count(ALERT_EVENT), "every payload is kept as received");
        assertEquals(1, count(ALERT));
        assertEquals(1, count(OCCURRENCE));
        AlertRow a = alert("fp1");
        assertEquals(1, a.fireCount());
        assertEquals(app.clock().instant().minusSeconds(30), a.lastSeenAt());
        JsonNode item = http.get("/api/queue").json().get("items").get(0);
        assertEquals(1, item.get("alertCount").asInt());
        assertEquals(1, item.get("firingCount").asInt());
    }

    @Test
    void resolvedClosesTheOccurrenceAndTheItemStaysVisibleUntilSomeoneActs() {
        post(Payloads.alertmanager(List.of(firing("fp1", "a"), firing("fp2", "b"))));
        Instant end = T0.plus(Duration.ofMinutes(20));
        var resolved1 = new Payloads.Am("fp1", "ModelLatencyHigh", "ranker", "critical", "a", false, T0, end);
        assertEquals(200, post(Payloads.alertmanager(List.of(resolved1))).status());

        JsonNode item = http.get("/api/queue").json().get("items").get(0);
        assertEquals(1, item.get("firingCount").asInt());
        assertFalse(item.get("sourceResolved").asBoolean());
        assertEquals(end.toEpochMilli(), app.bean(Database.class).read().select(OCCURRENCE.ENDS_AT).from(OCCURRENCE)
                .where(OCCURRENCE.ALERT_ID.eq(alert("fp1").id())).orderBy(OCCURRENCE.STARTS_AT).limit(1).fetchOne(OCCURRENCE.ENDS_AT));

        var resolved2 = new Payloads.Am("fp2", "ModelLatencyHigh", "ranker", "critical", "b", false, T0, end);
        post(Payloads.alertmanager(List.of(resolved2)));
        post(Payloads.alertmanager(List.of(resolved2)));   // a retry changes nothing
        JsonNode queue = http.get("/api/queue").json();
        assertEquals(1, queue.get("total").asInt(), "resolved by the source, still visible");
        item = queue.get("items").get(0);
        assertEquals("open", item.get("state").asText());
        assertTrue(item.get("sourceResolved").asBoolean());
        assertEquals(0, item.get("firingCount").asInt());
        assertEquals(2, count(OCCURRENCE));

        int id = item.get("id").asInt();
        TestHttp.Response ack = http.postJson("/api/items/" + id + "/actions", "{\"action\": \"ack\", \"by\": \"alice\"}");
        assertEquals(200, ack.status(), ack.body());
        assertEquals("resolved", ack.json().get("state").asText(), "seen by a person: done");
        assertEquals(0, http.get("/api/queue").json().get("total").asInt());
    }

    @Test
    void aRefiringAlertCountsAnotherEpisodeAndReopensTheItem() {
        post(Payloads.alertmanager(List.of(firing("fp1", "a"))));
        Instant end = T0.plus(Duration.ofMinutes(5));
        post(Payloads.alertmanager(List.of(new Payloads.Am("fp1", "ModelLatencyHigh", "ranker", "critical", "a",
                false, T0, end))));
        Instant again = T0.plus(Duration.ofMinutes(30));
        post(Payloads.alertmanager(List.of(new Payloads.Am("fp1", "ModelLatencyHigh", "ranker", "critical", "a",
                true, again, null))));
        AlertRow a = alert("fp1");
        assertEquals(2, a.fireCount());
        assertEquals("firing", a.status());
        assertEquals(2, count(OCCURRENCE));
        JsonNode item = http.get("/api/queue").json().get("items").get(0);
        assertFalse(item.get("sourceResolved").asBoolean());
        assertEquals(1, item.get("firingCount").asInt());
        assertEquals(1, item.get("alertCount").asInt());
    }

    @Test
    void aStormOf500AlertsFromOneFailureIsOneItemWith500Alerts() {
        List<Payloads.Am> all = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            all.add(firing("storm-" + i, "host-" + i));
        }
        for (int batch = 0; batch < 10; batch++) {
            TestHttp.Response r = post(Payloads.alertmanager(all.subList(batch * 50, batch * 50 + 50)));
            assertEquals(200, r.status(), r.body());
        }
        JsonNode queue = http.get("/api/queue").json();
        assertEquals(1, queue.get("total").asInt());
        JsonNode item = queue.get("items").get(0);
        assertEquals(500, item.get("alertCount").asInt());
        assertEquals(500, item.get("firingCount").asInt());
        assertEquals(500, http.get("/api/items/" + item.get("id").asInt()).json().get("alerts").size());
        assertEquals(500, count(ALERT));

        List<Payloads.Am> resolved = all.stream().map(a -> new Payloads.Am(a.fingerprint(), a.alertname(), a.service(),
                a.severity(), a.instance(), false, T0, T0.plusSeconds(600))).toList();
        for (int batch = 0; batch < 10; batch++) {
            post(Payloads.alertmanager(resolved.subList(batch * 50, batch * 50 + 50)));
        }
        item = http.get("/api/queue").json().get("items").get(0);
        assertEquals(500, item.get("alertCount").asInt());
        assertEquals(0, item.get("firingCount").asInt());
        assertTrue(item.get("sourceResolved").asBoolean());
    }

    @Test
    void theTokenMayComeInThePathOrTheQuery() {
        String body = Payloads.alertmanager(List.of(firing("fp1", "a")));
        assertEquals(200, http.postJson("/ingest/alertmanager/" + token, body).status());
        assertEquals(200, http.postJson("/ingest/alertmanager?token=" + token, body).status());
        assertEquals(2, count(ALERT_EVENT));
    }

    @Test
    void missingUnknownOrRevokedTokensAre401AndNothingIsStored() {
        String body = Payloads.alertmanager(List.of(firing("fp1", "a")));
        TestHttp.Response none = http.postJson("/ingest/alertmanager", body);
        assertEquals(401, none.status());
        assertTrue(none.json().get("error").asText().contains("token is required"), none.body());

        TestHttp.Response unknown = http.postJson("/ingest/alertmanager", body, "Authorization", "Bearer 0123456789abcdef0123456789abcdef");
        assertEquals(401, unknown.status());
        assertTrue(unknown.json().get("error").asText().contains("unknown or revoked"));
        assertEquals(401, http.postJson("/ingest/alertmanager/nope", body).status());

        app.bean(IntegrationService.class).revoke("prod");
        assertEquals(401, post(body).status());
        assertEquals(0, count(ALERT_EVENT));
        assertEquals(0, count(ALERT));
    }

    @Test
    void malformedPayloadsAre400NamingEachFieldAndNothingIsStored() {
        TestHttp.Response notJson = post("{\"alerts\": [");
        assertEquals(400, notJson.status());
        assertEquals("body", notJson.json().get("errors").get(0).get("field").asText());

        TestHttp.Response noAlerts = post("{\"version\": \"4\", \"status\": \"firing\"}");
        assertEquals(400, noAlerts.status());
        assertEquals("alerts", noAlerts.json().get("errors").get(0).get("field").asText());

        TestHttp.Response notArray = post("{\"alerts\": {}}");
        assertEquals(400, notArray.status());
        assertTrue(notArray.json().get("errors").get(0).get("problem").asText().contains("must be an array"));

        TestHttp.Response bad = post("""
                {"version": "4", "status": "firing", "alerts": [
                  {"status": "firing", "labels": {"alertname": "Ok"}, "startsAt": "2026-03-02T08:00:00Z"},
                  {"status": "burning", "labels": {"alertname": "A"}, "startsAt": "yesterday"},
                  {"status": "firing", "labels": "x"}]}""");
        assertEquals(400, bad.status(), bad.body());
        List<String> fields = new ArrayList<>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(List.of("alerts[1].status", "alerts[1].startsAt", "alerts[2].labels"), fields);
        assertEquals(0, count(ALERT_EVENT));
        assertEquals(0, count(ALERT));
        assertEquals(0, count(TRIAGE_ITEM));
    }

    @Test
    void wrongContentTypeIs415AndOversizedIs413AndNothingIsStored() {
        String body = Payloads.alertmanager(List.of(firing("fp1", "a")));
        TestHttp.Response text = http.post("/ingest/alertmanager", "text/plain", body, "Authorization", "Bearer " + token);
        assertEquals(415, text.status());
        assertEquals("Content-Type", text.json().get("errors").get(0).get("field").asText());

        String big = "{\"alerts\": [], \"pad\": \"" + "x".repeat(1024 * 1024) + "\"}";
        TestHttp.Response tooBig = post(big);
        assertEquals(413, tooBig.status());
        assertEquals("body", tooBig.json().get("errors").get(0).get("field").asText());
        assertEquals(0, count(ALERT_EVENT));
    }

    @Test
    void aTokenOverItsRateLimitGets429WithRetryAfter(@TempDir Path other) {
        try (TestApp limited = TestApp.start(other, Map.of("watchkeeper.ingest.rate-limit-per-second", 1,
                "watchkeeper.ingest.rate-limit-burst", 2))) {
            String t = limited.bean(IntegrationService.class).create("alertmanager", "prod").token();
            String body = Payloads.alertmanager(List.of(firing("fp1", "a")));
            assertEquals(200, limited.http().postJson("/ingest/alertmanager/" + t, body).status());
            assertEquals(200, limited.http().postJson("/ingest/alertmanager/" + t, body).status());
            TestHttp.Response over = limited.http().postJson("/ingest/alertmanager/" + t, body);
            assertEquals(429, over.status());
            assertEquals("1", over.header("Retry-After"));
            assertTrue(over.json().get("error").asText().contains("rate limit"));
            assertEquals(2, limited.bean(Database.class).read().fetchCount(ALERT_EVENT), "the rejected one is not stored");

            limited.clock().advance(Duration.ofSeconds(1));
            assertEquals(200, limited.http().postJson("/ingest/alertmanager/" + t, body).status());
        }
    }

    @Test
    void withKeepResolvedVisibleOffAResolvedItemIsResolvedAutomatically(@TempDir Path other) {
        try (TestApp auto = TestApp.start(other, Map.of("watchkeeper.ingest.keep-resolved-visible", false))) {
            String t = auto.bean(IntegrationService.class).create("alertmanager", "prod").token();
            auto.http().postJson("/ingest/alertmanager/" + t, Payloads.alertmanager(List.of(firing("fp1", "a"))));
            assertEquals(1, auto.http().get("/api/queue").json().get("total").asInt());
            auto.http().postJson("/ingest/alertmanager/" + t, Payloads.alertmanager(List.of(new Payloads.Am("fp1",
                    "ModelLatencyHigh", "ranker", "critical", "a", false, T0, T0.plusSeconds(60)))));
            assertEquals(0, auto.http().get("/api/queue").json().get("total").asInt());
            JsonNode all = auto.http().get("/api/queue?state=all").json().get("items").get(0);
            assertEquals("resolved", all.get("state").asText());
        }
    }
}
