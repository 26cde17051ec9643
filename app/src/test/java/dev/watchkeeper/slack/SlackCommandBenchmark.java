package dev.watchkeeper.slack;

import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.SlackRequests;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Slash-command response time under concurrent load: signed {@code /triage} requests (queue, show, why,
 * ack) against the real server, timed at the client. Prints p50/p99; asserts only that every answer was
 * 200. Run with {@code bin/bench-slack} (off in the normal build).
 */
@EnabledIfSystemProperty(named = "watchkeeper.bench", matches = "true")
class SlackCommandBenchmark {

    static final String SECRET = "bench-secret";

    @TempDir
    Path dir;

    @Test
    void slashCommandLatency() throws Exception {
        int items = Integer.getInteger("bench.items", 500);
        int requests = Integer.getInteger("bench.requests", 4000);
        int threads = Integer.getInteger("bench.threads", 16);
        // 0: every client sends its next command as soon as the last is answered (saturation);
        // otherwise commands arrive at this many per second, however fast they are answered.
        int rate = Integer.getInteger("bench.rate", 0);
        try (FakeSlack fake = FakeSlack.start(); TestApp app = TestApp.start(dir, fake.appProperties(SECRET))) {
            for (int i = 0; i < items; i++) {
                app.http().postJson("/api/alerts", "{\"alertname\": \"Bench" + i + "\", \"severity\": \""
                        + (i % 3 == 0 ? "critical" : "warning") + "\", \"service\": \"svc" + (i % 20) + "\"}");
            }
            app.bean(AlertPipeline.class).drain();
            SlackRequests slack = new SlackRequests(app, SECRET, fake);
            String[] texts = {"", "show %d", "why %d", "ack %d benchmark"};
            // Warm-up: JIT, connection pools, the first Slack user.
            for (int i = 0; i < 200; i++) {
                slack.command("/triage", texts[i % 4].formatted(1 + i % items), "UBENCH" + (i % 8), "bench" + (i % 8));
            }
            List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
            List<List<Long>> byKind = List.of(Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int n = i;
                if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                results.add(pool.submit(() -> {
                    String text = texts[n % 4].formatted(1 + (n * 7) % items);
                    long t0 = System.nanoTime();
                    TestHttp.Response r = slack.command("/triage", text, "UBENCH" + (n % 8), "bench" + (n % 8));
                    long took = System.nanoTime() - t0;
                    nanos.add(took);
                    byKind.get(n % 4).add(took);
                    return r.status();
                }));
            }
            int ok = 0;
            for (Future<Integer> f : results) {
                ok += f.get() == 200 ? 1 : 0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            assertEquals(requests, ok, "every command answered 200");
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "%nslash-command benchmark: %d requests (/triage, show, why, ack), %d threads, %s, %d items,"
                            + " %d cores%n  all              p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  throughput %.0f req/s%n",
                    requests, threads, rate > 0 ? rate + " req/s offered" : "saturating", items, Runtime.getRuntime().availableProcessors(),
                    pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.getLast() / 1e6, requests / seconds);
            String[] names = {"/triage (top 5)", "/triage show", "/triage why", "/triage ack"};
            for (int k = 0; k < 4; k++) {
                List<Long> one = new ArrayList<>(byKind.get(k));
                Collections.sort(one);
                System.out.printf(Locale.ROOT, "  %-16s p50 %.1f ms  p99 %.1f ms%n", names[k], pct(one, 50), pct(one, 99));
            }
            System.out.println();
        }
    }

    static double pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1e6;
    }
}
