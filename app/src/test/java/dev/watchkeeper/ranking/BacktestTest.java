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
        List<String> rows = Files.readAllLines(out);
        assertEquals("id,score", rows.get(0));
        Map<String, Double> scores = new HashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] p = row.split(",");
            scores.put(p[0], Double.parseDouble(p[1]));
        }
        return scores;
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
