package dev.watchkeeper.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.triage.AlertPipeline;
import dev.watchkeeper.triage.NoiseHint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Playbooks in the path of an alert, through the real server: guardrails, grouping, noise, item context. */
class PlaybookAlertPathTest {

    @TempDir
    Path dir;
    Path books;

    @BeforeEach
    void writePlaybooks() throws IOException {
        books = Files.createDirectory(dir.resolve("playbooks"));
        Files.writeString(books.resolve("ServingErrors.md"), """
                ---
                alerts: [ServingErrorRateHigh]
                owner: serving
                guardrails:
                  always_page: [env=prod]
                  never_page: [env=staging]
                ---
                """ + PlaybookParserTest.body("ServingErrors").replace("- fix it", "- Roll back the deploy.\n- Switch to the fallback model."));
        // TestClock starts on Monday 2026-03-02 at 09:00 UTC, inside this window.
        Files.writeString(books.resolve("Training.md"), """
                ---
                alerts: [TrainingJobFailed]
                owner: ml-platform
                guardrails:
                  quiet_during:
                    - name: GPU maintenance
                      days: [mon]
                      from: "08:00"
                      to: "10:00"
                      zone: UTC
                ---
                """ + PlaybookParserTest.body("Training"));
        Files.writeString(books.resolve("Drift.md"), """
                ---
                alerts: [FeatureDrift]
                owner: models
                group_by: [alertname, service, feature]
                guardrails:
                  never_page: true
                known_noise:
                  - reason: shadow traffic is not real
                    match: [env=shadow]
                ---
                """ + PlaybookParserTest.body("Drift"));
    }

    @Test
    void aPlaybookSeverityDecidesWhenItChangesThePolicysAnswer() throws IOException {
        Files.writeString(books.resolve("DiskNoise.md"), "---\nalerts: [DiskAlmostFull]\nowner: infra\nseverity: info\n---\n"
                + PlaybookParserTest.body("DiskNoise"));
        Files.writeString(books.resolve("Fallback.md"), "---\nalerts: [FallbackModelServing]\nowner: serving\nseverity: critical\n---\n"
                + PlaybookParserTest.body("Fallback"));
        try (TestApp app = start()) {
            int disk = post(app, "{\"alertname\": \"DiskAlmostFull\", \"severity\": \"critical\", \"service\": \"db\"}");
            int fallback = post(app, "{\"alertname\": \"FallbackModelServing\", \"severity\": \"warning\", \"service\": \"ranker\"}");
            int same = post(app, "{\"alertname\": \"FallbackModelServing\", \"severity\": \"error\", \"service\": \"search\"}");
            app.bean(AlertPipeline.class).drain();
            JsonNode d = app.http().get("/api/items/" + disk).json().get("item");
            assertEquals("quiet", d.get("lane").asText());
            assertEquals("playbook DiskNoise: severity info (alert says critical); severity info < error; no live model yet", d.get("laneReason").asText());
            assertEquals("critical", d.get("severity").asText(), "the stored item keeps the sender's severity");
            JsonNode f = app.http().get("/api/items/" + fallback).json().get("item");
            assertEquals("paged", f.get("lane").asText());
            assertEquals("playbook Fallback: severity critical (alert says warning); severity critical ≥ error; no live model yet", f.get("laneReason").asText());
            JsonNode s = app.http().get("/api/items/" + same).json().get("item");
            assertEquals("severity error ≥ error; no live model yet", s.get("laneReason").asText(), "no change of answer: the policy's own reason");
        }
    }

    private TestApp start() {
        return TestApp.start(dir, Map.of("watchkeeper.playbooks.dir", books.toString()));
    }

    private static int post(TestApp app, String json) {
        var r = app.http().postJson("/api/alerts", json);
        assertEquals(201, r.status(), r.body());
        return r.json().get("alerts").get(0).get("itemId").asInt();
    }

    @Test
    void alwaysAndNeverPageDecideTheLaneAndNameThePlaybookAndRule() {
        try (TestApp app = start()) {
            int prod = post(app, "{\"alertname\": \"ServingErrorRateHigh\", \"severity\": \"warning\", \"service\": \"api\", \"labels\": {\"env\": \"prod\"}}");
            int staging = post(app, "{\"alertname\": \"ServingErrorRateHigh\", \"severity\": \"critical\", \"service\": \"api-staging\", \"labels\": {\"env\": \"staging\"}}");
            int other = post(app, "{\"alertname\": \"ServingErrorRateHigh\", \"severity\": \"critical\", \"service\": \"api-dev\", \"labels\": {\"env\": \"dev\"}}");
            app.bean(AlertPipeline.class).drain();

            JsonNode p = app.http().get("/api/items/" + prod).json();
            assertEquals("paged", p.get("item").get("lane").asText(), "a warning pages because the playbook says always_page");
            assertEquals("playbook ServingErrors: always_page (env=prod)", p.get("item").get("laneReason").asText());
            JsonNode s = app.http().get("/api/items/" + staging).json().get("item");
            assertEquals("quiet", s.get("lane").asText(), "a critical alert is held quiet by never_page");
            assertEquals("playbook ServingErrors: never_page (env=staging)", s.get("laneReason").asText());
            JsonNode o = app.http().get("/api/items/" + other).json().get("item");
            assertEquals("paged", o.get("lane").asText());
            assertEquals("severity critical ≥ error; no live model yet", o.get("laneReason").asText(), "no rule applies: the policy decides");

            List<String> context = contextLines(p);
            assertTrue(context.contains("Playbook|ServingErrors — owner serving|/playbooks/ServingErrors"), context.toString());
            assertTrue(context.contains("Mitigation|• Roll back the deploy.\n• Switch to the fallback model.|/playbooks/ServingErrors#mitigation"), context.toString());
            assertTrue(context.stream().anyMatch(l -> l.startsWith("Guardrail|2026-03-02T09:00:00Z paged — playbook ServingErrors: always_page (env=prod)")), context.toString());
        }
    }

    @Test
    void quietDuringHoldsAnItemQuietInsideTheWindowAndTheHistoryShowsWhenItStopped() {
        try (TestApp app = start()) {
            int item = post(app, "{\"alertname\": \"TrainingJobFailed\", \"severity\": \"critical\", \"service\": \"trainer\"}");
            app.bean(AlertPipeline.class).drain();
            JsonNode during = app.http().get("/api/items/" + item).json().get("item");
            assertEquals("quiet", during.get("lane").asText());
            assertEquals("playbook Training: quiet_during 'GPU maintenance' (Mon 08:00–10:00 UTC)", during.get("laneReason").asText());

            app.clock().advance(Duration.ofMinutes(90));
            post(app, "{\"alertname\": \"TrainingJobFailed\", \"severity\": \"critical\", \"service\": \"trainer\", \"status\": \"resolved\"}");
            post(app, "{\"alertname\": \"TrainingJobFailed\", \"severity\": \"critical\", \"service\": \"trainer\", \"startsAt\": \"2026-03-02T10:30:00Z\"}");
            app.bean(AlertPipeline.class).drain();
            JsonNode detail = app.http().get("/api/items/" + item).json();
            assertEquals("paged", detail.get("item").get("lane").asText(), "after the window the critical alert pages");
            assertEquals("severity critical ≥ error; no live model yet", detail.get("item").get("laneReason").asText());

            List<String> guardrail = contextLines(detail).stream().filter(l -> l.startsWith("Guardrail|")).toList();
            assertEquals(List.of(
                    "Guardrail|2026-03-02T09:00:00Z held quiet — playbook Training: quiet_during 'GPU maintenance' (Mon 08:00–10:00 UTC)|",
                    "Guardrail|2026-03-02T10:30:00Z score decides — playbook Training: no guardrail applies; the score decides|"),
                    guardrail);
        }
    }

    @Test
    void groupByKnownNoiseAndTheMissingPlaybookLine() {
        try (TestApp app = start()) {
            int a = post(app, "{\"alertname\": \"FeatureDrift\", \"service\": \"ranker\", \"labels\": {\"feature\": \"user_age\"}}");
            int b = post(app, "{\"alertname\": \"FeatureDrift\", \"service\": \"ranker\", \"labels\": {\"feature\": \"country\"}}");
            int a2 = post(app, "{\"alertname\": \"FeatureDrift\", \"service\": \"ranker\", \"labels\": {\"feature\": \"user_age\", \"env\": \"shadow\"}}");
            assertNotEquals(a, b, "group_by includes feature, so each feature is its own item");
            assertEquals(a, a2);
            app.bean(AlertPipeline.class).drain();
            JsonNode item = app.http().get("/api/items/" + a).json();
            assertEquals("FeatureDrift/ranker/user_age", item.get("item").get("groupKey").asText());
            assertTrue(contextLines(item).contains("Known noise|shadow traffic is not real|"), contextLines(item).toString());

            NoiseHint hint = app.bean(NoiseHint.class);
            assertTrue(hint.knownNoise("FeatureDrift", Map.of("env", "shadow"), app.clock().instant()));
            assertFalse(hint.knownNoise("FeatureDrift", Map.of("env", "prod"), app.clock().instant()));
            assertFalse(hint.knownNoise("ServingErrorRateHigh", Map.of("env", "shadow"), app.clock().instant()));

            int unknown = post(app, "{\"alertname\": \"DiskFull\", \"service\": \"db\"}");
            List<String> lines = contextLines(app.http().get("/api/items/" + unknown).json());
            assertEquals(List.of("Playbook|no playbook matches DiskFull; add one to " + books + "|"), lines);
        }
    }

    static List<String> contextLines(JsonNode detail) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : detail.get("context")) {
            out.add(l.get("label").asText() + "|" + l.get("text").asText() + "|" + (l.get("url").isNull() ? "" : l.get("url").asText()));
        }
        return out;
    }
}
