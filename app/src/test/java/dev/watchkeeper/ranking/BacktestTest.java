package dev.watchkeeper.ranking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Walk-forward backtest: a score for every occurrence from --from, and no look into the future. */
class BacktestTest {

    @TempDir
    Path dir;

    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant FROM = Instant.parse("2026-03-15T00:00:00Z");
    static final Instant T = Instant.parse("2026-03-19T12:00:00Z");

    @Test
    void outcomesKnownOnlyAfterAnInstantDoNotChangeAnyScoreBeforeIt() throws Exception {
        List<String> lines = DemoHistory.generate(11, START, 24);
        Path original = dir.resolve("history.jsonl");
        Files.write(original, lines);
        // The same history, except that every decision made at or after T went the other way.
        List<String> flipped = lines.stream().map(l -> {
            ObjectNode o = (ObjectNode) Json.parse(l);
            if (o.hasNonNull("outcome") && !Instant.parse(o.get("outcome").get("at").asText()).isBefore(T)) {
                ObjectNode out = (ObjectNode) o.get("outcome");
                out.put("action", "acted".equals(out.get("action").asText()) ? "noise" : "acted");
            }
            return Json.write(o);
        }).toList();
        Path changed = dir.resolve("changed.jsonl");
        Files.write(changed, flipped);

        Map<String, Double> a = backtest(original, "a.csv");
        Map<String, Double> b = backtest(changed, "b.csv");

        Map<String, Instant> startsAt = new HashMap<>();
        for (String l : lines) {
            var o = Json.parse(l);
            startsAt.put(o.get("id").asText(), Instant.parse(o.get("startsAt").asText()));
        }
        long expected = startsAt.values().stream().filter(s -> !s.isBefore(FROM)).count();
        assertEquals(expected, a.size(), "one score per occurrence starting at or after --from");
        int before = 0;
        int differentAfter = 0;
        for (var e : a.entrySet()) {
            if (startsAt.get(e.getKey()).isBefore(T)) {
                before++;
                assertEquals(e.getValue(), b.get(e.getKey()), "score of " + e.getKey() + " changed");
            } else if (!e.getValue().equals(b.get(e.getKey()))) {
                differentAfter++;
            }
        }
        assertTrue(before > 100, "enough occurrences before T to mean something: " + before);
        // The flipped outcomes do matter afterwards, so the check above could have failed.
        assertTrue(differentAfter > 0);
    }

    private Map<String, Double> backtest(Path file, String csv) throws Exception {
        Path out = dir.resolve(csv);
        Cli.Result r = Cli.run(dir.resolve("wk.db"), "model", "backtest", file.toString(), "--from", FROM.toString(),
                "--retrain", "daily", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("alert-name action rate") && r.out().contains("severity ordering")
                && r.out().contains("recall@top20%"), r.out());
        assertTrue(r.out().matches("(?s).*\\nmodel policy +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+\\n"
                + "alert-name rate policy +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+\\n"
                + "alert-name rate, hindsight +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+\\n.*"), r.out());
        List<String> rows = Files.readAllLines(out);
        assertEquals("id,score,paged", rows.get(0));
        Map<String, Double> scores = new HashMap<>();
        Map<String, Integer> paged = new HashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] p = row.split(",");
            scores.put(p[0], Double.parseDouble(p[1]));
            paged.put(p[0], Integer.parseInt(p[2]));
        }
        pagedAgreesWithScores(scores, paged, file);
        return scores;
    }

    /**
     * Within a day one model and one threshold are in force, so whatever pages has a score at least as
     * high as whatever stays quiet; and the decision filters (some of each).
     */
    private static void pagedAgreesWithScores(Map<String, Double> scores, Map<String, Integer> paged, Path file)
            throws Exception {
        Map<String, String> day = new HashMap<>();
        for (String l : Files.readAllLines(file)) {
            var o = Json.parse(l);
            day.put(o.get("id").asText(), o.get("startsAt").asText().substring(0, 10));
        }
        Map<String, double[]> bounds = new HashMap<>(); // day -> {lowest paged, highest quiet}
        for (var e : scores.entrySet()) {
            int p = paged.get(e.getKey());
            assertTrue(p == 0 || p == 1);
            double[] b = bounds.computeIfAbsent(day.get(e.getKey()), k -> new double[]{Double.MAX_VALUE, -1});
            if (p == 1) {
                b[0] = Math.min(b[0], e.getValue());
            } else {
                b[1] = Math.max(b[1], e.getValue());
            }
        }
        for (var e : bounds.entrySet()) {
            assertTrue(e.getValue()[1] < e.getValue()[0], "day " + e.getKey() + ": a quiet score "
                    + e.getValue()[1] + " above a paged one " + e.getValue()[0]);
        }
        long pagedCount = paged.values().stream().filter(v -> v == 1).count();
        assertTrue(pagedCount > 0 && pagedCount < paged.size(), pagedCount + " of " + paged.size() + " paged");
    }

    @Test
    void thePagedColumnIsTheDecisionOfTheModelAndThresholdInForce() throws Exception {
        try (var app = dev.watchkeeper.testing.TestApp.start(dir)) {
            Path file = dir.resolve("h.jsonl");
            Files.write(file, DemoHistory.generate(7, START, 30));
            app.bean(HistoryImporter.class).importFile(file, null);
            Dataset d = app.bean(ModelRegistry.class).dataset();
            long from = FROM.plus(java.time.Duration.ofDays(7)).toEpochMilli();
            // Trained once at --from: one model and one threshold in force for every row after it.
            Backtest.Result r = Backtest.run(d, from, 0, Trainer.Options.defaults());
            Trainer.Trained t = Trainer.train(d, from, Trainer.Options.defaults());
            int pagedCount = 0;
            for (int k = 0; k < r.paged().length; k++) {
                assertEquals(r.model()[k] >= t.threshold() ? 1 : 0, r.paged()[k], "row " + r.ids()[k]);
                assertEquals(r.nameRate()[k] >= t.paging().rateThreshold() ? 1 : 0, r.ratePaged()[k], "row " + r.ids()[k]);
                pagedCount += r.paged()[k];
            }
            assertTrue(pagedCount > 0 && pagedCount < r.paged().length);
            Backtest.Summary s = r.summary(from, Long.MAX_VALUE);
            Backtest.Policy model = s.policies()[0];
            assertEquals(pagedCount / (double) r.paged().length, model.pagedShare(), 1e-9);
            // The rate at the model's own recall, with hindsight, pages at least the same share of acted-on rows.
            assertTrue(s.policies()[2].recall() >= model.recall() - 1e-9, s.policyTable());
        }
    }

    @Test
    void aBadFromIsRejectedByName() throws Exception {
        Path file = dir.resolve("h.jsonl");
        Files.write(file, List.of("{\"id\":\"x\",\"alertname\":\"A\",\"startsAt\":\"2026-03-01T00:00:00Z\"}"));
        Cli.Result r = Cli.run(dir.resolve("wk.db"), "model", "backtest", file.toString(), "--from", "yesterday");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--from: is not an RFC 3339 instant"), r.err());
    }
}
