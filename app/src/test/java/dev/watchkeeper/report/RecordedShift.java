package dev.watchkeeper.report;

import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A recorded shift, built through the real ingest and action endpoints with the test clock: the ml rotation,
 * Mon 2 Mar 09:00 to Tue 3 Mar 09:00 UTC, alice primary, bob shadowing.
 */
final class RecordedShift {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant END = Instant.parse("2026-03-03T09:00:00Z");
    static final ShiftWindow WINDOW = new ShiftWindow("ml", START, END, "alice", List.of("bob"));

    final int labelDelay;
    final int trainingJob;
    final int nullRate;
    final int drift;

    private final TestApp app;

    RecordedShift(TestApp app) {
        this.app = app;
        // Left open by the previous shift.
        at("2026-03-01T20:00:00Z");
        labelDelay = fire("{\"alertname\": \"LabelDelay\", \"severity\": \"warning\", \"service\": \"feedback\","
                + " \"summary\": \"labels 6 h late\"}");

        at("2026-03-02T09:05:00Z");
        trainingJob = fire("{\"alertname\": \"TrainingJobFailed\", \"severity\": \"critical\", \"service\": \"trainer\"}");
        at("2026-03-02T09:08:00Z");
        act(trainingJob, "{\"action\": \"ack\", \"by\": \"alice\", \"note\": \"looking at the trainer logs\"}");
        at("2026-03-02T09:40:00Z");
        act(trainingJob, "{\"action\": \"acted\", \"by\": \"alice\", \"note\": \"Restarted the job after fixing the"
                + " bucket permissions. Root cause: the service account lost write access. TODO: alert on bucket"
                + " permission changes.\"}");

        at("2026-03-02T10:00:00Z");
        nullRate = fire("{\"alertname\": \"FeatureNullRateHigh\", \"severity\": \"warning\", \"service\": \"ranker\"}");
        at("2026-03-02T10:10:00Z");
        fire("{\"alertname\": \"FeatureNullRateHigh\", \"severity\": \"warning\", \"service\": \"ranker\", \"status\": \"resolved\"}");
        at("2026-03-02T12:00:00Z");
        fire("{\"alertname\": \"FeatureNullRateHigh\", \"severity\": \"warning\", \"service\": \"ranker\"}");
        at("2026-03-02T12:20:00Z");
        fire("{\"alertname\": \"FeatureNullRateHigh\", \"severity\": \"warning\", \"service\": \"ranker\", \"status\": \"resolved\"}");
        at("2026-03-02T14:00:00Z");
        fire("{\"alertname\": \"FeatureNullRateHigh\", \"severity\": \"warning\", \"service\": \"ranker\"}");
        at("2026-03-02T14:05:00Z");
        act(nullRate, "{\"action\": \"noise\", \"by\": \"alice\", \"note\": \"the upstream export is late on Mondays and clears itself\"}");

        at("2026-03-02T16:00:00Z");
        drift = fire("{\"alertname\": \"PredictionDriftHigh\", \"severity\": \"warning\", \"service\": \"ranker\"}");
        at("2026-03-02T16:30:00Z");
        act(drift, "{\"action\": \"ack\", \"by\": \"bob\"}");

        at("2026-03-03T10:00:00Z");
    }

    private void at(String instant) {
        app.clock().set(Instant.parse(instant));
    }

    private int fire(String json) {
        TestHttp.Response r = app.http().postJson("/api/alerts", json);
        assertEquals(true, r.status() == 200 || r.status() == 201, r.body());
        app.bean(AlertPipeline.class).drain();
        return r.json().get("alerts").get(0).get("itemId").asInt();
    }

    private void act(int item, String json) {
        TestHttp.Response r = app.http().postJson("/api/items/" + item + "/actions", json);
        assertEquals(200, r.status(), r.body());
    }
}
