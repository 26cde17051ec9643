package dev.watchkeeper.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The promotion gate: candidate and live model judged on the same rows, which neither was fitted on. A
 * retrain on the same data is not sent to shadow by how it is evaluated; a candidate that learnt from
 * shuffled labels never goes live; after a drift the live model is replaced by the nightly retrains.
 */
class PromotionGateTest {

    @TempDir
    Path dir;

    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    private ModelRegistry withHistory(TestApp app, long seed, int days) throws Exception {
        Path file = dir.resolve("h.jsonl");
        Files.write(file, DemoHistory.generate(seed, START, days));
        app.bean(HistoryImporter.class).importFile(file, null);
        return app.bean(ModelRegistry.class);
    }

    @Test
    void aRetrainOnTheSameDataGoesLiveWithBothFiguresPrintedStoredAndShown() throws Exception {
        try (TestApp app = TestApp.start(dir)) {
            ModelRegistry registry = withHistory(app, 7, 50);
            Instant cutoff = START.plus(Duration.ofDays(50));
            ModelRegistry.Outcome first = registry.train(cutoff);
            assertEquals("live", first.version().state());
            assertTrue(first.decision().startsWith("no live model"), first.decision());

            ModelRegistry.Outcome second = registry.train(cutoff);
            assertEquals("live", second.version().state(), second.decision());
            assertEquals("retired", registry.find(first.version().id()).state());
            JsonNode gate = Json.parse(second.version().metrics()).get("gate");
            // Same data, same kind: the same figure on the same rows, so no spurious shadow.
            assertEquals(gate.get("candidate_auc").asDouble(), gate.get("live_auc").asDouble(), 1e-9, gate.toString());
            assertEquals(first.version().name(), gate.get("live_model").asText());
            assertTrue(gate.get("rows").asInt() > 100 && gate.get("acted").asInt() > 5, gate.toString());
            String auc = String.format(java.util.Locale.ROOT, "%.4f", gate.get("candidate_auc").asDouble());
            assertTrue(second.decision().contains("AUC " + auc + " vs live " + first.version().name() + " AUC " + auc)
                    && second.decision().endsWith("goes live"), second.decision());
        }
        Cli.Result show = Cli.run(dir.resolve("watchkeeper.db"), "model", "show", "2");
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().matches("(?s).*promotion gate +candidate AUC 0\\.\\d+ vs live blend-1 AUC 0\\.\\d+ on \\d+ "
                + "occurrences.*: live\\n.*"), show.out());
    }

    @Test
    void aCandidateTrainedOnShuffledLabelsNeverGoesLive() throws Exception {
        try (TestApp app = TestApp.start(dir)) {
            ModelRegistry registry = withHistory(app, 11, 50);
            Instant cutoff = START.plus(Duration.ofDays(50));
            ModelRegistry.Outcome live = registry.train(cutoff);
            Dataset truth = registry.dataset();
            for (long seed = 1; seed <= 3; seed++) {
                long[] acted = truth.actedAt().clone();
                Random rnd = new Random(seed);
                for (int i = acted.length - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    long t = acted[i];
                    acted[i] = acted[j];
                    acted[j] = t;
                }
                Dataset shuffled = new Dataset(truth.occurrences(), truth.x(), truth.nameRate(), truth.startsAt(), acted);
                Trainer.Trained t;
                try {
                    t = Trainer.train(shuffled, cutoff.toEpochMilli(), Trainer.Options.defaults());
                } catch (Trainer.NotEnoughHistory e) {
                    continue;
                }
                ModelRegistry.Outcome o = registry.file(truth, t, cutoff);
                assertEquals("shadow", o.version().state(), o.decision());
                assertTrue(o.decision().endsWith("shadow"), o.decision());
            }
            assertEquals("live", registry.find(live.version().id()).state());
            // The shadow scores new alerts beside the live one, and the record shows it.
            int shadow = registry.list().stream().filter(v -> "shadow".equals(v.state())).findFirst().orElseThrow().id();
            app.clock().advance(Duration.ofMinutes(1));
            app.http().postJson("/api/alerts", "{\"alertname\": \"LabelDelay\", \"severity\": \"info\", "
                    + "\"labels\": {\"service\": \"labeling\"}}");
            app.bean(dev.watchkeeper.triage.AlertPipeline.class).drain();
            assertEquals(1, registry.shadowScores(shadow));
            assertEquals(0, registry.shadowScores(live.version().id()));
        }
    }

    @Test
    void afterADriftTheLiveModelIsReplacedWithinThreeNightlyRetrains() throws Exception {
        try (TestApp app = TestApp.start(dir)) {
            // 60 days: DriftScoreHigh is noise up to day 40 and acted on 70% of the time after.
            ModelRegistry registry = withHistory(app, 21, 60);
            Instant drift = START.plus(Duration.ofDays(40));
            ModelRegistry.Outcome before = registry.train(drift.plus(Duration.ofHours(3)));
            assertEquals("live", before.version().state());
            ModelRegistry.Outcome last = before;
            for (int night = 1; night <= 3; night++) {
                Instant at = drift.plus(Duration.ofDays(night)).plus(Duration.ofHours(3));
                app.clock().set(at);
                last = registry.train(at);
                assertEquals("live", last.version().state(), "night " + night + ": " + last.decision());
            }
            assertEquals("retired", registry.find(before.version().id()).state());
            // The replacement has learnt the drift: the drift alerts of the next days score higher under it.
            Dataset d = registry.dataset();
            RankModel old = RankModel.fromBytes(registry.find(before.version().id()).model());
            RankModel now = RankModel.fromBytes(registry.find(last.version().id()).model());
            double oldSum = 0;
            double newSum = 0;
            int n = 0;
            long from = drift.plus(Duration.ofDays(4)).toEpochMilli();
            long to = drift.plus(Duration.ofDays(8)).toEpochMilli();
            for (int i = d.firstAtOrAfter(from); i < d.firstAtOrAfter(to); i++) {
                if ("DriftScoreHigh".equals(d.occurrences().get(i).alertname())) {
                    oldSum += old.probability(d.x()[i]);
                    newSum += now.probability(d.x()[i]);
                    n++;
                }
            }
            assertTrue(n >= 3, "drift alerts in the days after: " + n);
            assertTrue(newSum / n > oldSum / n, "mean drift-alert score " + newSum / n + " vs " + oldSum / n);
            assertFalse(Double.isNaN(newSum));
        }
    }
}
