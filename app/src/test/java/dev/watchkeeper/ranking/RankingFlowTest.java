package dev.watchkeeper.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.db.ranking.ModelVersionRow;
import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From imported history to a live model that ranks and explains new alerts; registry states. */
class RankingFlowTest {

    @TempDir
    Path dir;

    @Test
    void historyTrainsAModelThatScoresAndExplainsNewAlerts() throws Exception {
        try (TestApp app = TestApp.start(dir)) {
            Instant now = app.clock().instant();
            Path file = dir.resolve("demo.jsonl");
            Files.write(file, DemoHistory.generate(5, now.minus(Duration.ofDays(40)), 40, now));

            // Before any model: the fallback ranks by the alert name's action rate.
            int early = postAlert(app, "DiskUsageHigh", "training", "warning");
            JsonNode e = item(app, early);
            assertTrue(e.get("scoreReason").asText().contains("never fired in the previous 30 days"), e.toString());

            HistoryImporter.Report report = app.bean(HistoryImporter.class).importFile(file, null);
            assertTrue(report.imported() > 1000, "imported " + report.imported());

            ModelRegistry registry = app.bean(ModelRegistry.class);
            ModelRegistry.Outcome first = registry.train(now);
            assertEquals("live", first.version().state());
            assertTrue(first.version().threshold() > 0 && first.version().threshold() < 1);
            assertTrue(first.version().metrics().contains("holdout_auc"), first.version().metrics());

            int item = postAlert(app, "BatchJobLate", "etl", "warning");
            JsonNode scored = item(app, item);
            String reason = scored.get("scoreReason").asText();
            assertTrue(reason.matches(".*acted on \\d+ of \\d+ times in 30 days.*"), reason);
            assertTrue(scored.get("laneReason").asText().contains(first.version().name()), scored.toString());
            assertTrue(scored.get("laneReason").asText().contains("threshold"), scored.toString());
            double batch = scored.get("score").asDouble();
            // An alert acted on far more often ranks above nightly batch noise.
            double accuracy = item(app, postAlert(app, "ModelAccuracyBelowSLO", "serving", "critical")).get("score").asDouble();
            assertTrue(accuracy > batch, accuracy + " vs " + batch);

            // Same data, same seed: the same figure on the same rows, so the retrain goes live (PromotionGateTest).
            ModelRegistry.Outcome second = registry.train(now);
            assertEquals("live", second.version().state(), second.decision());
            assertEquals("retired", registry.find(first.version().id()).state());

            ModelVersionRow back = registry.rollback();
            assertEquals(first.version().id(), back.id());
            assertEquals("live", registry.find(first.version().id()).state());
            assertNotEquals("live", registry.find(second.version().id()).state());
            registry.promote(second.version().id());
            assertEquals("live", registry.find(second.version().id()).state());
            assertEquals("retired", registry.find(first.version().id()).state());
        }

        Cli.Result list = Cli.run(dir.resolve("watchkeeper.db"), "model", "list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("live") && list.out().contains("retired"), list.out());
        Cli.Result missing = Cli.run(dir.resolve("watchkeeper.db"), "model", "show", "999");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("model version 999 does not exist"), missing.err());
    }

    @Test
    void trainingWithoutHistoryIsRefusedAndTheFallbackKeepsRanking() {
        try (TestApp app = TestApp.start(dir)) {
            Cli.Result r = Cli.run(app.dbFile(), "model", "train");
            assertEquals(2, r.exitCode());
            assertTrue(r.err().contains("history: too little history"), r.err());
            int id = postAlert(app, "ServingErrors", "serving", "critical");
            JsonNode item = item(app, id);
            assertEquals("paged", item.get("lane").asText());
            assertTrue(item.get("laneReason").asText().contains("no live model yet"), item.toString());
        }
    }

    private static int postAlert(TestApp app, String name, String service, String severity) {
        app.clock().advance(Duration.ofMinutes(1));
        int id = app.http().postJson("/api/alerts", "{\"alertname\": \"" + name + "\", \"severity\": \"" + severity
                + "\", \"labels\": {\"service\": \"" + service + "\"}}").json().get("alerts").get(0).get("itemId").asInt();
        app.bean(AlertPipeline.class).drain();
        return id;
    }

    private static JsonNode item(TestApp app, int id) {
        return app.http().get("/api/items/" + id).json().get("item");
    }
}
