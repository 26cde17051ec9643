package dev.watchkeeper.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live accounting of the paging decision on a recorded fortnight driven by the test clock: alerts arrive,
 * the live model pages some, people decide, and {@code GET /api/ranking/quality} and {@code model show}
 * report the figures computed here independently from the items and the decisions taken.
 */
class PagingQualityTest {

    @TempDir
    Path dir;

    /** Alert names, and whether people act on them in this recording. */
    static final String[][] ALERTS = {
            {"ModelAccuracyBelowSLO", "critical", "acted"}, {"BatchJobLate", "warning", "noise"},
            {"FeatureNullRateHigh", "warning", "noise"}, {"PodCrashLooping", "error", "acted"},
            {"LabelDelay", "info", "noise"}, {"CertificateExpiresSoon", "warning", "acted"},
            {"GPUUtilizationLow", "info", "noise"}, {"PredictionLatencyHigh", "warning", "none"}};

    record Posted(int item, String outcome, Instant at) {
    }

    @Test
    void qualityOfTheLastWeekIsWhatWasPagedAndDecided() throws Exception {
        List<Posted> posted = new ArrayList<>();
        try (TestApp app = TestApp.start(dir)) {
            Instant t0 = app.clock().instant();
            Path file = dir.resolve("demo.jsonl");
            Files.write(file, DemoHistory.generate(5, t0.minus(Duration.ofDays(40)), 40, t0));
            app.bean(HistoryImporter.class).importFile(file, null);
            ModelRegistry registry = app.bean(ModelRegistry.class);
            ModelRegistry.Outcome live = registry.train(t0);
            PagingStatement st = PagingStatement.fromMetrics(live.version().metrics()).orElseThrow();

            // Ten days of alerts, one of each name a day on its own service (one item each), decided an hour later.
            for (int day = 0; day < 10; day++) {
                for (int i = 0; i < ALERTS.length; i++) {
                    app.clock().advance(Duration.ofMinutes(70));
                    String[] a = ALERTS[i];
                    int id = app.http().postJson("/api/alerts", "{\"alertname\": \"" + a[0] + "\", \"severity\": \""
                            + a[1] + "\", \"labels\": {\"service\": \"svc-" + day + "-" + i + "\"}}")
                            .json().get("alerts").get(0).get("itemId").asInt();
                    app.bean(AlertPipeline.class).drain();
                    posted.add(new Posted(id, a[2], app.clock().instant()));
                }
                for (Posted p : posted.subList(posted.size() - ALERTS.length, posted.size())) {
                    if (!"none".equals(p.outcome())) {
                        app.clock().advance(Duration.ofMinutes(5));
                        TestHttp.Response r = app.http().postJson("/api/items/" + p.item() + "/actions",
                                "{\"action\": \"" + p.outcome() + "\", \"by\": \"alice\"}");
                        assertEquals(200, r.status(), r.body());
                    }
                }
                app.clock().advance(Duration.ofHours(24 - ALERTS.length * 75 / 60));
            }
            Instant end = app.clock().instant();

            // Expected figures, from the items as the queue shows them and the decisions taken above.
            RankingScorer scorer = app.bean(RankingScorer.class);
            int items = 0;
            int paged = 0;
            int acted = 0;
            int caught = 0;
            int noise = 0;
            int quiet = 0;
            int ratePaged = 0;
            int rateCaught = 0;
            int rateQuiet = 0;
            int night = 0;
            for (Posted p : posted) {
                if (p.at().isBefore(end.minus(Duration.ofDays(7)))) {
                    continue;
                }
                items++;
                JsonNode item = app.http().get("/api/items/" + p.item()).json().get("item");
                boolean pg = !item.get("pagedAt").isNull();
                boolean rp = scorer.prepare(p.item()).orElseThrow().nameRate() >= st.rateThreshold();
                paged += pg ? 1 : 0;
                ratePaged += rp ? 1 : 0;
                if (pg) {
                    int h = Instant.parse(item.get("pagedAt").asText()).atZone(java.time.ZoneOffset.UTC).getHour();
                    night += h >= 22 || h < 7 ? 1 : 0;
                }
                if ("acted".equals(p.outcome())) {
                    acted++;
                    caught += pg ? 1 : 0;
                    rateCaught += rp ? 1 : 0;
                } else if ("noise".equals(p.outcome())) {
                    noise++;
                    quiet += pg ? 0 : 1;
                    rateQuiet += rp ? 0 : 1;
                }
            }
            assertTrue(paged > 0 && paged < items, paged + " of " + items + " paged: the decision filters");

            JsonNode q = app.http().get("/api/ranking/quality").json();
            JsonNode week = q.get("last7Days");
            JsonNode m = week.get("modelPolicy");
            assertEquals(items, m.get("items").asInt(), week.toString());
            assertEquals(acted + noise, m.get("decided").asInt());
            assertEquals(acted, m.get("acted").asInt());
            assertEquals(paged, m.get("paged").asInt());
            assertEquals(round(paged / (double) items), m.get("pagedShare").asDouble(), 1e-9);
            assertEquals(round(caught / (double) acted), m.get("recallOfActed").asDouble(), 1e-9);
            assertEquals(round(quiet / (double) noise), m.get("noiseKeptQuiet").asDouble(), 1e-9);
            assertEquals(round(paged / 7.0), m.get("pagesPerDay").asDouble(), 1e-9);
            JsonNode r = week.get("alertNameRatePolicy");
            assertEquals(items, r.get("items").asInt());
            assertEquals(ratePaged, r.get("paged").asInt());
            assertEquals(round(rateCaught / (double) acted), r.get("recallOfActed").asDouble(), 1e-9);
            assertEquals(round(rateQuiet / (double) noise), r.get("noiseKeptQuiet").asDouble(), 1e-9);
            assertEquals(live.version().name(), week.get("models").get(0).asText());
            // The domain service the weekly review reads: the same figures, with the caught and night pages counted.
            PagingQuality.Report rep = app.bean(PagingQuality.class).measure(end.minus(Duration.ofDays(7)), end);
            assertEquals(List.of(items, paged, caught, night), List.of(rep.modelPolicy().items(), rep.modelPolicy().paged(),
                    rep.modelPolicy().caught(), rep.modelPolicy().nightPages()));
            assertEquals(rateCaught, rep.alertNameRate().caught());
            // The 30-day window holds all ten days.
            assertEquals(posted.size(), q.get("last30Days").get("modelPolicy").get("items").asInt());

            // Bad windows are refused by name.
            TestHttp.Response bad = app.http().get("/api/ranking/quality?days=0");
            assertEquals(400, bad.status());
            assertTrue(bad.body().contains("\"days\"") && bad.body().contains("between 1 and 90"), bad.body());
            TestHttp.Response text = app.http().get("/api/ranking/quality?days=week");
            assertEquals(400, text.status());
            assertTrue(text.body().contains("whole number of days"), text.body());
            assertEquals(items, app.http().get("/api/ranking/quality?days=7").json().get("last7Days")
                    .get("modelPolicy").get("items").asInt());

            // model show reports the same figures, at the same (test) clock.
            java.io.StringWriter sw = new java.io.StringWriter();
            picocli.CommandLine cl = new picocli.CommandLine(app.bean(ModelCommand.Show.class));
            cl.setOut(new java.io.PrintWriter(sw, true));
            assertEquals(0, cl.execute(String.valueOf(live.version().id())));
            String show = sw.toString();
            assertTrue(show.contains("live paging quality") && show.contains("  " + week.get("text").asText() + "\n")
                    && show.contains("  " + q.get("last30Days").get("text").asText() + "\n"), show + "\n" + week);
            assertTrue(show.contains("  paging           " + st.inPeopleTerms() + "\n")
                    && show.contains("  alert-name rate  same recall target, same rows: threshold"), show);
            assertTrue(week.get("text").asText().startsWith("last 7 days: model paging " + live.version().name() + ": "
                    + items + " items (" + (acted + noise) + " decided, " + acted + " acted on)"), week.toString());
        }
        // Outside the recording (the real clock of the command line), show still works.
        Cli.Result show = Cli.run(dir.resolve("watchkeeper.db"), "model", "show", "1");
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().contains("live paging quality") && show.out().contains("last 7 days:"), show.out());
    }

    @Test
    void theReportTextNamesBothPolicies() {
        PagingQuality.Figures model = new PagingQuality.Figures("model", 40, 30, 10, 20, 0.5, 0.9, 0.55, 2.9, 9, 3);
        PagingQuality.Figures rate = new PagingQuality.Figures("alert-name rate", 40, 30, 10, 30, 0.75, 0.9, 0.2, 4.3, 9, 5);
        PagingQuality.Figures none = new PagingQuality.Figures("severity", 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0);
        String text = new PagingQuality.Report(Instant.EPOCH, Instant.EPOCH.plus(Duration.ofDays(7)), 7, model, rate,
                none, List.of("blend-3")).text();
        assertEquals("last 7 days: model paging blend-3: 40 items (30 decided, 10 acted on), paged 50%, recall of acted "
                + "90%, noise kept quiet 55%, 2.9 pages a day; per-alert-name rate on the same items: 40 items (30 decided, "
                + "10 acted on), paged 75%, recall of acted 90%, noise kept quiet 20%, 4.3 pages a day", text);
    }

    private static double round(double v) {
        return Trainer.round(v);
    }
}
