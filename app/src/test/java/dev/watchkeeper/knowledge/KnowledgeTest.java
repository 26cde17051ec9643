package dev.watchkeeper.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.db.knowledge.NoteRow;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notes from each source, merged when they say the same thing, and shown with the next item of that alert. */
class KnowledgeTest {

    @TempDir
    Path dir;
    TestApp app;
    TestHttp http;
    KnowledgeService knowledge;

    @BeforeEach
    void start() {
        app = TestApp.start(dir);
        http = app.http();
        knowledge = app.bean(KnowledgeService.class);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    int fire(String alertname, String service) {
        int id = http.postJson("/api/alerts", "{\"alertname\": \"" + alertname + "\", \"service\": \"" + service + "\"}")
                .json().get("alerts").get(0).get("itemId").asInt();
        app.bean(AlertPipeline.class).drain();
        return id;
    }

    @Test
    void actionNotesBecomeKnowledgeButShortOnesDoNot() {
        int item = fire("TrainingJobFailed", "trainer");
        http.postJson("/api/items/" + item + "/actions", "{\"action\": \"ack\", \"by\": \"alice\", \"note\": \"looking\"}");
        http.postJson("/api/items/" + item + "/actions",
                "{\"action\": \"acted\", \"by\": \"alice\", \"note\": \"bucket permissions were reset; re-grant the trainer service account\"}");
        List<NoteRow> notes = knowledge.notesFor(List.of("TrainingJobFailed"));
        assertEquals(1, notes.size());
        assertEquals("bucket permissions were reset; re-grant the trainer service account", notes.get(0).text());
        assertEquals(0, knowledge.captureFromActions(), "each action is captured once");
        assertEquals(1, knowledge.all().size());
    }

    @Test
    void threadRepliesAreCapturedWhenSlackPassesThemOn() {
        int item = fire("PredictionDriftHigh", "ranker");
        assertTrue(knowledge.captureThreadReply(item, "bob", "ok", Instant.parse("2026-03-02T09:10:00Z")).isEmpty());
        var r = knowledge.captureThreadReply(item, "bob", "drift follows the weekly catalogue refresh, safe to ack",
                Instant.parse("2026-03-02T09:10:00Z")).orElseThrow();
        assertEquals("PredictionDriftHigh", r.note().alertname());
        assertEquals(Instant.parse("2026-03-02T09:10:00Z"), r.note().createdAt());
    }

    @Test
    void notesShowWithTheNextItemOfThatAlert() {
        int first = fire("FeatureNullRateHigh", "ranker");
        http.postJson("/api/items/" + first + "/actions",
                "{\"action\": \"noise\", \"by\": \"alice\", \"note\": \"the upstream export is late on Mondays; it clears by noon\"}");
        app.clock().advance(Duration.ofDays(7));
        int next = fire("FeatureNullRateHigh", "ranker");
        assertTrue(next != first, "a new item, since the first was closed");
        List<JsonNode> context = notes(next);
        assertEquals(1, context.size());
        assertEquals(NoteContext.LABEL, context.get(0).get("label").asText());
        assertEquals("the upstream export is late on Mondays; it clears by noon (alice, 2 Mar 2026)",
                context.get(0).get("text").asText());
        int other = fire("TrainingJobFailed", "trainer");
        assertEquals(0, notes(other).size(), "only notes about its own alerts");
    }

    @Test
    void notesOverHttp() {
        TestHttp.Response r = http.postJson("/api/notes",
                "{\"target\": \"LabelDelay\", \"text\": \"labels arrive late when the annotation vendor batches\", \"by\": \"dan\"}");
        assertEquals(201, r.status(), r.body());
        assertEquals(false, r.json().get("merged").asBoolean());
        r = http.postJson("/api/notes",
                "{\"target\": \"LabelDelay\", \"text\": \"Labels arrive late when the annotation vendor batches.\", \"by\": \"erin\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals(true, r.json().get("merged").asBoolean());
        assertEquals(2, r.json().get("note").get("seenCount").asInt());

        r = http.postJson("/api/notes", "{\"target\": \"bad name!\", \"text\": \" \"}");
        assertEquals(400, r.status());
        // The author is the API token's person: never missing.
        assertEquals("[target, text]", r.json().get("errors").findValuesAsText("field").toString());
        assertEquals(1, http.get("/api/notes?alertname=LabelDelay").json().size());
    }

    @Test
    void similarityRule() {
        assertTrue(NoteSimilarity.same("Restart the feature job", "restart the feature jobs."));
        assertFalse(NoteSimilarity.same("Restart the feature job", "check the feature store latency"));
    }

    /** The item's context lines that are notes (playbook lines may stand beside them). */
    private List<JsonNode> notes(int itemId) {
        List<JsonNode> out = new java.util.ArrayList<>();
        http.get("/api/items/" + itemId).json().get("context").forEach(l -> {
            if (NoteContext.LABEL.equals(l.get("label").asText())) {
                out.add(l);
            }
        });
        return out;
    }
}
