package dev.watchkeeper.observability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** GET /metrics in Prometheus format, and a real Prometheus (Debian's package) scraping it. */
class PrometheusScrapeTest {

    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    @TempDir
    Path dir;

    @Test
    void metricsAreServedAndARealPrometheusScrapesThem() throws Exception {
        try (TestApp app = TestApp.start(dir)) {
            TestHttp http = app.http();
            for (String name : new String[]{"DiskFull", "QueueStuck"}) {
                assertEquals(201, http.postJson("/api/alerts",
                        "{\"alertname\": \"" + name + "\", \"severity\": \"critical\", \"service\": \"svc\"}").status());
            }
            assertEquals(400, http.postJson("/api/alerts", "{\"severity\": \"critical\"}").status());
            app.bean(AlertPipeline.class).drain();

            TestHttp.Response r = http.get("/metrics");
            assertEquals(200, r.status());
            assertTrue(r.header("Content-Type").startsWith("text/plain"), r.header("Content-Type"));
            String body = r.body();
            assertTrue(body.contains("watchkeeper_alerts_ingested_total{integration=\"generic\",outcome=\"firing\"} 2.0"), body);
            assertTrue(body.contains("watchkeeper_alerts_ingested_total{integration=\"generic\",outcome=\"rejected\"} 1.0"), body);
            assertTrue(body.contains("watchkeeper_scoring_seconds_count 2"), body);
            assertTrue(body.contains("watchkeeper_model_live_version 0.0"), body);
            assertTrue(body.contains("watchkeeper_slack_outbox_messages{state=\"pending\"} 0.0"), body);
            int queued = app.bean(ServiceMetrics.class).queueByLane().values().stream().mapToInt(Integer::intValue).sum();
            assertEquals(2, queued);
            assertTrue(body.matches("(?s).*watchkeeper_queue_items\\{lane=\"(paged|quiet)\"} 2\\.0.*"), body);

            if (!Files.isExecutable(PROMETHEUS)) {
                String message = "SKIPPED the Prometheus scrape: no " + PROMETHEUS + " (apt-get install prometheus; .ci/run does)";
                System.err.println("!!!!!!!! " + message);
                Assumptions.abort(message);
            }
            scrapeWithPrometheus(app);
        }
    }

    private void scrapeWithPrometheus(TestApp app) throws Exception {
        URI target = URI.create(app.url());
        int port = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: watchkeeper
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['%s:%d']
                """.formatted(target.getHost(), target.getPort()));
        Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String query = "watchkeeper_alerts_ingested_total{job=\"watchkeeper\",integration=\"generic\",outcome=\"firing\"}";
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (true) {
                JsonNode result = query(client, port, query);
                if (result != null && result.size() == 1) {
                    assertEquals("2", result.get(0).get("value").get(1).asText(), result.toString());
                    break;
                }
                if (System.nanoTime() > deadline || !prometheus.isAlive()) {
                    fail("Prometheus did not scrape /metrics: " + Files.readString(dir.resolve("prometheus.log")));
                }
                Thread.sleep(250);
            }
            JsonNode up = query(client, port, "up{job=\"watchkeeper\"}");
            assertEquals("1", up.get(0).get("value").get(1).asText(), "the target is up: " + up);
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    /** The result vector of an instant query, or null while Prometheus is not ready. */
    private static JsonNode query(HttpClient client, int port, String promql) throws InterruptedException {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            return Json.parse(r.body()).get("data").get("result");
        } catch (IOException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
