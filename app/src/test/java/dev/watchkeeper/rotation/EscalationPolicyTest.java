package dev.watchkeeper.rotation;

import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Escalation policies per rotation: their own timeout, rounds that repeat a set number of times, then stop. */
class EscalationPolicyTest {

    @TempDir
    Path dir;
    TestApp app;
    RecordingNotifier sent;

    @BeforeEach
    void start() {
        app = TestApp.start(dir, Map.of("watchkeeper.admins", "root"));
        sent = app.bean(RecordingNotifier.class);
        TestHttp.Response r = app.http().postJson("/api/rotations", """
                {"name": "ml", "members": ["alice", "bob"], "zone": "UTC",
                 "handoffDay": "monday", "handoffTime": "09:00", "channel": "#ml-oncall"}""");
        assertEquals(201, r.status(), r.body());
        sent.clear();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void roundsRepeatTheConfiguredNumberOfTimesThenStop() {
        PagingService paging = app.bean(PagingService.class);
        EscalationPolicies.Policy p = app.bean(EscalationPolicies.class).setPolicy("ml", "10m", 2, "alice");
        assertEquals(Duration.ofMinutes(10), p.escalateAfter());
        assertEquals(2, p.repeats());
        int id = app.http().postJson("/api/alerts", "{\"alertname\": \"Loop\", \"severity\": \"critical\"}")
                .json().get("alerts").get(0).get("itemId").asInt();
        app.bean(AlertPipeline.class).drain();

        app.clock().advance(Duration.ofMinutes(9));
        assertEquals(0, paging.check(), "the rotation's own timeout: 10 min, not the default 15");
        // Walk a day in one-minute steps: every loop over time ends.
        int steps = 0;
        for (int minute = 0; minute < 24 * 60; minute++) {
            app.clock().advance(Duration.ofMinutes(1));
            steps += paging.check();
        }
        // Round 1: alice, alice again, bob; rounds 2 and 3: alice, bob. Then the channel is told and it stops.
        assertEquals(List.of("alice", "alice", "bob", "alice", "bob", "alice", "bob"),
                sent.of("page").stream().map(RecordingNotifier.Sent::to).toList());
        assertEquals(6, steps);
        List<String> channel = sent.of("announce").stream().map(RecordingNotifier.Sent::text).toList();
        assertTrue(channel.stream().anyMatch(t -> t.contains("starting over from alice (round 2 of 3)")), channel.toString());
        assertTrue(channel.stream().anyMatch(t -> t.contains("starting over from alice (round 3 of 3)")), channel.toString());
        assertTrue(channel.getLast().startsWith("Nobody acknowledged #" + id) && channel.getLast().contains("in each of 3 rounds"),
                channel.getLast());
        assertTrue(paging.page(id).orElseThrow().doneAt() != null);
    }

    @Test
    void anAnswerStopsTheRoundsAndTheDefaultIsNoRepeat() {
        PagingService paging = app.bean(PagingService.class);
        EscalationPolicies policies = app.bean(EscalationPolicies.class);
        assertEquals(0, policies.policy("ml").repeats());
        assertTrue(policies.policy("ml").text().contains("(the configured default)"), policies.policy("ml").text());
        policies.setPolicy("ml", null, 3, "alice");
        int id = app.http().postJson("/api/alerts", "{\"alertname\": \"Answered\", \"severity\": \"critical\"}")
                .json().get("alerts").get(0).get("itemId").asInt();
        app.bean(AlertPipeline.class).drain();
        app.clock().advance(Duration.ofMinutes(15));
        assertEquals(1, paging.check());
        app.http().postJson("/api/items/" + id + "/actions", "{\"action\": \"ack\", \"by\": \"alice\"}");
        for (int i = 0; i < 20; i++) {
            app.clock().advance(Duration.ofMinutes(15));
            assertEquals(0, paging.check());
        }
        assertEquals(2, sent.of("page").size());
    }

    @Test
    void theHttpApiShowsAndSetsThePolicy() {
        TestHttp http = app.http();
        TestHttp.Response r = http.get("/api/rotations/ml/escalation-policy");
        assertEquals(200, r.status(), r.body());
        assertEquals(15, r.json().get("escalateAfterMinutes").asInt());
        r = http.postJson("/api/rotations/ml/escalation-policy", "{\"by\": \"bob\", \"escalateAfter\": \"20m\", \"repeats\": 1}");
        assertEquals(200, r.status(), r.body());
        assertEquals(20, r.json().get("escalateAfterMinutes").asInt());
        assertEquals(1, r.json().get("repeats").asInt());
        r = http.postJson("/api/rotations/ml/escalation-policy", "{\"by\": \"bob\", \"repeats\": \"lots\"}");
        assertEquals(400, r.status(), r.body());
        assertEquals("repeats", r.json().get("errors").get(0).get("field").asText());
        r = http.postJson("/api/rotations/ml/escalation-policy", "{\"by\": \"bob\", \"escalateAfter\": \"0m\"}");
        assertEquals(400, r.status(), r.body());
        assertEquals("escalateAfter", r.json().get("errors").get(0).get("field").asText());
        assertEquals(403, http.postJson("/api/rotations/ml/escalation-policy", "{\"by\": \"mallory\", \"repeats\": 0}").status());
        assertEquals(404, http.get("/api/rotations/nope/escalation-policy").status());
    }

    @Test
    void theCliShowsAndSetsThePolicyAndRefusesBadInputAndStrangers() {
        Path db = app.dbFile();
        app.close();
        Cli.Result r = Cli.run(db, "rotation", "policy", "ml");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("ml: unanswered pages escalate after 15 min (the configured default)"), r.out());
        r = Cli.run(db, "rotation", "policy", "ml", "--escalate-after", "5m", "--repeat", "1", "--as", "bob");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("after 5 min:") && r.out().contains("starts over 1 more time."), r.out());
        r = Cli.run(db, "rotation", "policy", "ml", "--escalate-after", "soon", "--repeat", "11", "--as", "bob");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("escalateAfter") && r.err().contains("repeats"), r.err());
        r = Cli.run(db, "rotation", "policy", "ml", "--repeat", "2", "--as", "mallory");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("mallory may not change the escalation policy of rotation ml"), r.err());
        r = Cli.run(Map.of("watchkeeper.admins", "root"), db, "rotation", "policy", "ml", "--escalate-after", "default",
                "--as", "root");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("after 15 min (the configured default)") && r.out().contains("1 more time"), r.out());
        app = TestApp.start(dir, Map.of());
    }
}
