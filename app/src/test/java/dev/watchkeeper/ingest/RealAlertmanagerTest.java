package dev.watchkeeper.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.ingest.AlertStore;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.OCCURRENCE;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real sender: Debian's {@code prometheus-alertmanager} on loopback, with a webhook receiver and a
 * {@code pagerduty_configs} receiver both pointing at a running Watchkeeper. Alerts posted to Alertmanager's
 * API must arrive grouped, deduplicated, and resolved when Alertmanager resolves them, through both.
 * Without the binary the test is skipped locally and fails in CI (env {@code CI} set).
 */
class RealAlertmanagerTest {

    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    @TempDir
    Path dir;
    TestApp app;
    Process alertmanager;
    URI amUrl;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            String why = BINARY + " is missing: install Debian's prometheus-alertmanager (see .ci/run)";
            if (System.getenv("CI") != null) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        app = TestApp.start(dir, Map.of("watchkeeper.ingest.rate-limit-per-second", 0));
        IntegrationService integrations = app.bean(IntegrationService.class);
        String webhookToken = integrations.create("alertmanager", "am-webhook").token();
        String routingKey = integrations.create("pagerduty", "am-pagerduty").token();
        String base = app.url().replace("localhost", "127.0.0.1");

        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: watchkeeper
                  group_by: ['alertname', 'service']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: watchkeeper
                    webhook_configs:
                      - url: %1$s/ingest/alertmanager
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %2$s
                    pagerduty_configs:
                      - routing_key: %3$s
                        url: %1$s/v2/enqueue
                        send_resolved: true
                        class: '{{ .CommonLabels.alertname }}'
                        component: '{{ .CommonLabels.service }}'
                        severity: '{{ if .CommonLabels.severity }}{{ .CommonLabels.severity }}{{ else }}error{{ end }}'
                """.formatted(base, webhookToken, routingKey));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        amUrl = URI.create("http://127.0.0.1:" + port);
        alertmanager = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        waitFor("Alertmanager ready", Duration.ofSeconds(30), () -> get("/-/ready") == 200);
    }

    @AfterEach
    void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly();
            }
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void alertsArriveGroupedDeduplicatedAndResolvedThroughBothReceivers() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        List<String> firing = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            firing.add(alert("host-" + i, start, null));
        }
        // The same alerts posted twice, as Prometheus re-sends them every evaluation.
        postToAlertmanager(firing);
        postToAlertmanager(firing);

        Database db = app.bean(Database.class);
        waitFor("5 webhook alerts and 1 Events v2 alert", Duration.ofSeconds(30), () ->
                countAlerts(db, "alertmanager", "firing") == 5 && countAlerts(db, "pagerduty", "firing") == 1);
        postToAlertmanager(firing);
        Thread.sleep(2500);   // a few more group intervals: nothing new may appear

        assertEquals(6, db.read().fetchCount(ALERT), "deduplicated by fingerprint and dedup_key");
        assertEquals(1, db.read().fetchCount(TRIAGE_ITEM), "both receivers' alerts join one item");
        JsonNode item = app.http().get("/api/queue").json().get("items").get(0);
        assertEquals("DiskFull/db", item.get("groupKey").asText());
        assertEquals(6, item.get("alertCount").asInt());
        assertEquals(6, item.get("firingCount").asInt());
        for (AlertRow a : app.bean(AlertStore.class).forItem(db.read(), item.get("id").asInt())) {
            assertEquals(1, a.fireCount(), a.fingerprint());
            assertEquals("critical", a.severity());
            if (a.source().equals("alertmanager")) {
                assertEquals(start, a.startsAt());
                assertTrue(a.labelsJson().contains("\"instance\":\"host-"), a.labelsJson());
            } else {
                assertEquals("DiskFull", a.alertname());
                assertEquals("db", a.service());
            }
        }
        int integrations = db.read().fetchCount(db.read().selectDistinct(ALERT.INTEGRATION_ID).from(ALERT));
        assertEquals(2, integrations, "each alert records the integration that sent it");

        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        List<String> resolved = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            resolved.add(alert("host-" + i, start, end));
        }
        postToAlertmanager(resolved);
        waitFor("every alert resolved", Duration.ofSeconds(30), () ->
                countAlerts(db, "alertmanager", "resolved") == 5 && countAlerts(db, "pagerduty", "resolved") == 1);

        item = app.http().get("/api/queue").json().get("items").get(0);
        assertEquals(0, item.get("firingCount").asInt());
        assertTrue(item.get("sourceResolved").asBoolean(), "resolved by the source, still visible");
        assertEquals(6, db.read().fetchCount(ALERT));
        AlertRow one = app.bean(AlertStore.class).forItem(db.read(), item.get("id").asInt()).stream()
                .filter(a -> a.source().equals("alertmanager")).findFirst().orElseThrow();
        assertEquals(end, one.endsAt(), "Alertmanager's endsAt closes the occurrence");
        assertEquals(end.toEpochMilli(), db.read().select(OCCURRENCE.ENDS_AT).from(OCCURRENCE).where(OCCURRENCE.ALERT_ID.eq(one.id()))
                .orderBy(OCCURRENCE.STARTS_AT).limit(1).fetchOne(OCCURRENCE.ENDS_AT));
    }

    private static String alert(String instance, Instant startsAt, Instant endsAt) {
        return """
                {"labels": {"alertname": "DiskFull", "service": "db", "severity": "critical", "instance": "%s"},
                 "annotations": {"summary": "disk full on %s"}, "startsAt": "%s", %s
                 "generatorURL": "http://prometheus:9090/graph"}"""
                .formatted(instance, instance, startsAt, endsAt == null ? "" : "\"endsAt\": \"" + endsAt + "\",");
    }

    private static int countAlerts(Database db, String source, String status) {
        return db.read().fetchCount(ALERT, ALERT.SOURCE.eq(source).and(ALERT.STATUS.eq(status)));
    }

    private void postToAlertmanager(List<String> alerts) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(amUrl.resolve("/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", alerts) + "]")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private int get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(amUrl.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void waitFor(String what, Duration timeout, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (alertmanager != null && !alertmanager.isAlive()) {
                fail("Alertmanager exited: " + Files.readString(dir.resolve("alertmanager.log")));
            }
            Thread.sleep(100);
        }
        fail("timed out waiting for " + what + "; Alertmanager log:\n" + Files.readString(dir.resolve("alertmanager.log")));
    }
}
