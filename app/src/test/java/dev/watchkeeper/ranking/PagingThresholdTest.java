package dev.watchkeeper.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paging threshold is chosen on scores the model was not trained on, and what it states in people's
 * terms (share of alerts paged, pages a day) is what happens on the next days of the history.
 */
class PagingThresholdTest {

    @TempDir
    Path dir;

    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    /** Stated and actual paged shares may differ by this much over the next week (a few hundred alerts). */
    static final double TOLERANCE = 0.12;

    private Dataset history(TestApp app, long seed, int days) throws Exception {
        Path file = dir.resolve("h" + seed + ".jsonl");
        Files.write(file, DemoHistory.generate(seed, START, days));
        app.bean(HistoryImporter.class).importFile(file, null);
        return app.bean(ModelRegistry.class).dataset();
    }

    /** {paged share, pages a day, recall} of the model's decision on the rows in [from, to). */
    private static double[] actual(Trainer.Trained t, Dataset d, long from, long to) {
        int a = d.firstAtOrAfter(from);
        int b = d.firstAtOrAfter(to);
        int paged = 0;
        int acted = 0;
        int caught = 0;
        for (int i = a; i < b; i++) {
            boolean p = t.model().probability(d.x()[i]) >= t.threshold();
            paged += p ? 1 : 0;
            if (d.actedAt()[i] != Long.MAX_VALUE) {
                acted++;
                caught += p ? 1 : 0;
            }
        }
        return new double[]{paged / (double) (b - a), paged / ((to - from) / (double) Features.DAY), caught / (double) acted};
    }

    @Test
    void theStatedPagedShareIsWhatTheNextWeekGets() throws Exception {
        try (TestApp app = TestApp.start(dir)) {
            Dataset d = history(app, 23, 60);
            StringBuilder seen = new StringBuilder();
            for (int day : new int[]{35, 45}) {
                long cutoff = START.plus(Duration.ofDays(day)).toEpochMilli();
                Trainer.Trained t = Trainer.train(d, cutoff, Trainer.Options.defaults());
                PagingStatement st = t.paging();
                assertEquals(t.threshold(), st.threshold());
                // Chosen on more out-of-sample rows than the hold-out alone (two folds).
                assertTrue(st.rows() > t.holdoutRows(), st.rows() + " vs " + t.holdoutRows());
                assertTrue(st.recall() >= 0.95, "meets the target on the rows it was chosen on: " + st.recall());
                double[] next = actual(t, d, cutoff, cutoff + 7 * Features.DAY);
                seen.append(String.format("day %d: stated %.3f actual %.3f; recall next week %.3f%n", day,
                        st.pagedShare(), next[0], next[2]));
                assertEquals(st.pagedShare(), next[0], TOLERANCE, seen.toString());
                assertTrue(next[2] >= 0.85, "recall on the next week: " + seen);
            }
        }
    }

    @Test
    void aPageBudgetWinsOverTheRecallTargetAndSaysSoPlainly() throws Exception {
        try (TestApp app = TestApp.start(dir)) {
            Dataset d = history(app, 7, 50);
            long cutoff = START.plus(Duration.ofDays(45)).toEpochMilli();
            Trainer.Options o = Trainer.Options.defaults();
            Trainer.Options budget = new Trainer.Options(o.recallTarget(), o.maxRows(), o.labelWaitMillis(),
                    o.holdoutShare(), o.ntrees(), o.maxDepth(), o.maxNodes(), o.nodeSize(), o.shrinkage(),
                    o.subsample(), o.seed(), o.kinds(), o.refit(), o.gbtMaxRows(), 5);
            PagingStatement free = Trainer.train(d, cutoff, o).paging();
            Trainer.Trained t = Trainer.train(d, cutoff, budget);
            PagingStatement st = t.paging();
            assertFalse(free.budgetBinds());
            assertTrue(free.pagesPerDay() > 5, "the recall target alone pages more than the budget: " + free);
            assertTrue(st.budgetBinds());
            assertTrue(st.pagesPerDay() <= 5, st.toString());
            assertTrue(st.threshold() > free.threshold());
            assertTrue(st.recall() < 0.95, "the recall the budget implies: " + st.recall());
            String text = st.inPeopleTerms();
            assertTrue(text.contains("the page budget of 5 a day wins over the 95% recall target")
                    && text.contains(String.format(java.util.Locale.ROOT, "catches %.0f%% of acted-on alerts instead of 95%%",
                    st.recall() * 100)) && text.contains("quiet lane"), text);
            double[] next = actual(t, d, cutoff, cutoff + 5 * Features.DAY);
            assertTrue(next[1] <= 5 * 1.5, "pages a day on the next days: " + next[1]);
        }
    }

    @Test
    void theBannerTheLaneReasonAndTheManualItemSayWhatPagingMeans() throws Exception {
        try (TestApp app = TestApp.start(dir)) {
            Instant now = app.clock().instant();
            Path file = dir.resolve("demo.jsonl");
            Files.write(file, DemoHistory.generate(5, now.minus(Duration.ofDays(40)), 40, now));
            app.bean(HistoryImporter.class).importFile(file, null);
            ModelRegistry.Outcome o = app.bean(ModelRegistry.class).train(now);
            PagingStatement st = PagingStatement.fromMetrics(o.version().metrics()).orElseThrow();

            String banner = app.bean(RankingStatusLine.class).describe();
            assertTrue(banner.startsWith("Ranking: model " + o.version().name() + " is live; it pages about "
                    + Math.round(st.pagedShare() * 100) + "% of alerts"), banner);
            assertTrue(banner.contains("quiet") && banner.contains("not trained on"), banner);

            app.clock().advance(Duration.ofMinutes(1));
            int item = app.http().postJson("/api/alerts", "{\"alertname\": \"BatchJobLate\", \"severity\": \"warning\", "
                    + "\"labels\": {\"service\": \"etl\"}}").json().get("alerts").get(0).get("itemId").asInt();
            app.bean(AlertPipeline.class).drain();
            JsonNode scored = app.http().get("/api/items/" + item).json().get("item");
            String lane = scored.get("laneReason").asText();
            assertTrue(lane.contains(o.version().name() + ", chosen on scores it was not trained on: pages about "
                    + Math.round(st.pagedShare() * 100) + "% of alerts, keeps " + Math.round(st.quietNoiseShare() * 100)
                    + "% of the alerts nobody acts on quiet"), lane);

            // A manual item is not scored by the model; its lane reason must not claim there is none.
            int manual = app.http().postJson("/api/items", "{\"text\": \"Users say recommendations are stale\", "
                    + "\"by\": \"alice\", \"severity\": \"warning\"}").json().get("id").asInt();
            app.bean(AlertPipeline.class).drain();
            String manualLane = app.http().get("/api/items/" + manual).json().get("item").get("laneReason").asText();
            assertFalse(manualLane.contains("no live model yet"), manualLane);
            assertTrue(manualLane.contains("added by hand, so no alert for " + o.version().name() + " to score"), manualLane);
        }
    }

    @Test
    void withoutAModelAManualWarningRanksBelowACriticalAlert() throws Exception {
        try (TestApp app = TestApp.start(dir, Map.of())) {
            Instant now = app.clock().instant();
            Path file = dir.resolve("demo.jsonl");
            Files.write(file, DemoHistory.generate(5, now.minus(Duration.ofDays(40)), 40, now));
            app.bean(HistoryImporter.class).importFile(file, null);
            // No model trained: the fallback ranks by the alert name's action rate. QueueBacklog, an outage
            // echo, is acted on about one time in ten; paged here because it is critical.
            app.clock().advance(Duration.ofMinutes(1));
            int alert = app.http().postJson("/api/alerts", "{\"alertname\": \"QueueBacklog\", \"severity\": \"critical\", "
                    + "\"labels\": {\"service\": \"serving\"}}").json().get("alerts").get(0).get("itemId").asInt();
            int manual = app.http().postJson("/api/items", "{\"text\": \"Dashboard looks odd\", \"by\": \"alice\", "
                    + "\"severity\": \"warning\"}").json().get("id").asInt();
            app.bean(AlertPipeline.class).drain();
            JsonNode a = app.http().get("/api/items/" + alert).json().get("item");
            JsonNode m = app.http().get("/api/items/" + manual).json().get("item");
            assertEquals("paged", a.get("lane").asText());
            assertEquals("quiet", m.get("lane").asText());
            // The old fixed score of a manual warning (0.15) ranked it above this paged alert.
            assertTrue(a.get("score").asDouble() < 0.15, a.toString());
            assertTrue(m.get("score").asDouble() < a.get("score").asDouble(), m + " vs " + a);
            assertTrue(m.get("scoreReason").asText().contains("added by hand"), m.toString());
        }
    }
}
