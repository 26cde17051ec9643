package dev.watchkeeper.triage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ItemActionsHttpTest {

    @TempDir
    Path dir;
    TestApp app;
    TestHttp http;
    int itemId;

    @BeforeEach
    void start() {
        app = TestApp.start(dir);
        http = app.http();
        itemId = http.postJson("/api/alerts", "{\"alertname\": \"TrainingJobFailed\", \"service\": \"trainer\"}")
                .json().get("alerts").get(0).get("itemId").asInt();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void actionsRecordWhoWhenAndSurfaceAndChangeTheItem() {
        app.clock().advance(Duration.ofMinutes(3));
        TestHttp.Response r = http.postJson("/api/items/" + itemId + "/actions",
                "{\"action\": \"ack\", \"by\": \"alice\", \"note\": \"looking\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("acknowledged", r.json().get("state").asText());

        http.postJson("/api/items/" + itemId + "/actions", "{\"action\": \"assign\", \"by\": \"alice\", \"assignee\": \"bob\"}");
        r = http.postJson("/api/items/" + itemId + "/actions", "{\"action\": \"acted\", \"by\": \"bob\", \"note\": \"restarted the job\"}");
        assertEquals("resolved", r.json().get("state").asText());
        assertEquals("bob", r.json().get("assignee").asText());

        JsonNode actions = http.get("/api/items/" + itemId).json().get("actions");
        assertEquals(3, actions.size());
        assertEquals("ack", actions.get(0).get("kind").asText());
        assertEquals("alice", actions.get(0).get("actor").asText());
        assertEquals("http", actions.get(0).get("surface").asText());
        assertEquals("2026-03-02T09:03:00Z", actions.get(0).get("at").asText());
        assertEquals("restarted the job", actions.get(2).get("note").asText());

        // Resolved items leave the default queue but stay reachable.
        assertEquals(0, http.get("/api/queue").json().get("total").asInt());
        assertEquals(1, http.get("/api/queue?state=all").json().get("total").asInt());
    }

    @Test
    void snoozeHidesTheItemUntilTheTimeThenItReturns() {
        TestHttp.Response r = http.postJson("/api/items/" + itemId + "/actions",
                "{\"action\": \"snooze\", \"by\": \"alice\", \"until\": \"2026-03-02T11:00:00Z\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals(0, http.get("/api/queue").json().get("total").asInt());
        assertEquals(1, http.get("/api/queue?snoozed=true").json().get("total").asInt());
        app.clock().advance(Duration.ofHours(3));
        assertEquals(1, http.get("/api/queue").json().get("total").asInt());
    }

    @Test
    void theQueueFiltersByTag() {
        int other = http.postJson("/api/alerts", "{\"alertname\": \"DiskFull\", \"service\": \"db\"}")
                .json().get("alerts").get(0).get("itemId").asInt();
        assertEquals(200, http.postJson("/api/items/" + itemId + "/tags", "{\"tag\": \"customer-x\"}").status());
        TestHttp.Response tagged = http.get("/api/queue?tag=customer-x");
        assertEquals(200, tagged.status());
        assertEquals(1, tagged.json().get("total").asInt(), tagged.body());
        assertEquals(itemId, tagged.json().get("items").get(0).get("id").asInt());
        assertEquals(2, http.get("/api/queue").json().get("total").asInt(), "no tag: both items, " + other);
        assertEquals(0, http.get("/api/queue?tag=nobody-has-it").json().get("total").asInt());
        assertEquals("tag", http.get("/api/queue?tag=" + "x".repeat(41)).json().get("errors").get(0).get("field").asText());
    }

    @Test
    void badActionsAre400WithTheFieldsNamed() {
        TestHttp.Response r = http.as("alice").postJson("/api/items/" + itemId + "/actions",
                "{\"action\": \"explode\", \"by\": \"bob\"}");
        assertEquals(400, r.status());
        // One pass: claiming to be someone else (the actor is the token's person) does not hide the bad "action".
        assertEquals("[by, action]", r.json().get("errors").findValuesAsText("field").toString());

        r = http.postJson("/api/items/" + itemId + "/actions", "{\"action\": \"explode\", \"by\": \"alice\"}");
        assertEquals("[action]", r.json().get("errors").findValuesAsText("field").toString());

        r = http.postJson("/api/items/" + itemId + "/actions",
                "{\"action\": \"snooze\", \"by\": \"alice\", \"until\": \"2020-01-01T00:00:00Z\"}");
        assertEquals(400, r.status());
        assertEquals("until", r.json().get("errors").get(0).get("field").asText());

        assertEquals(0, http.get("/api/items/" + itemId).json().get("actions").size(), "nothing recorded");
        assertEquals(404, http.postJson("/api/items/999/actions", "{\"action\": \"ack\", \"by\": \"a\"}").status());
    }

    /** The item's JSON is the API's: the same fields in the same order, states and lanes by their stored names. */
    @Test
    void anItemKeepsItsJsonShapeEverywhereTheApiShowsIt() {
        String fields = "[id, groupKey, title, service, severity, state, sourceResolved, manual, snoozedUntil, "
                + "assigneeId, assignee, alertCount, firingCount, createdAt, updatedAt, lastFiredAt, closedAt, score, "
                + "scoreReason, lane, laneReason, pagedAt, closed]";
        JsonNode fromItem = http.get("/api/items/" + itemId).json().get("item");
        JsonNode fromQueue = http.get("/api/queue").json().get("items").get(0);
        JsonNode fromAction = http.postJson("/api/items/" + itemId + "/actions",
                "{\"action\": \"note\", \"by\": \"alice\", \"note\": \"looking\"}").json();
        for (JsonNode item : java.util.List.of(fromItem, fromQueue, fromAction)) {
            java.util.List<String> names = new java.util.ArrayList<>();
            item.fieldNames().forEachRemaining(names::add);
            assertEquals(fields, names.toString(), item.toString());
            assertEquals("open", item.get("state").asText());
            assertEquals("warning", item.get("severity").asText());
            assertEquals(false, item.get("closed").asBoolean());
        }
        JsonNode created = http.postJson("/api/items", "{\"text\": \"users cannot log in\", \"severity\": \"P1\"}").json();
        assertEquals("critical", created.get("severity").asText(), created.toString());
        assertEquals("open", created.get("state").asText());
    }
}
