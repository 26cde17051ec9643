package dev.watchkeeper.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.ingest.IngestStore;
import dev.watchkeeper.db.triage.ActionRow;
import dev.watchkeeper.testing.RecordedEvents;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.triage.AlertPipeline;
import dev.watchkeeper.triage.ItemDetail;
import dev.watchkeeper.triage.ItemEvent;
import dev.watchkeeper.triage.TriageService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * PagerDuty's official JavaScript client, {@code @pagerduty/pdjs}, unchanged but for its {@code server} option,
 * sends trigger, acknowledge and resolve to Watchkeeper. The library always builds {@code https://SERVER/v2/enqueue},
 * so Watchkeeper serves TLS here with a throwaway certificate that node is told to trust. The library is
 * installed from {@code src/test/resources/pdjs} (package.json and lock) into {@code target/pdjs} with
 * {@code npm ci}. Without node and npm the test fails: it must not pass silently in CI.
 */
class PagerDutyJsClientTest {

    static Path work;

    @TempDir
    Path dir;

    @BeforeAll
    static void installLibrary() throws Exception {
        Path resources = Path.of(resource("pdjs/package.json")).getParent();
        work = resources.getParent().getParent().resolve("pdjs");
        Files.createDirectories(work);
        for (String f : List.of("package.json", "package-lock.json", "send-events.js")) {
            Files.copy(resources.resolve(f), work.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        for (String tool : List.of("node", "npm")) {
            try {
                run(work, Map.of(), 60, tool, "--version");
            } catch (IOException e) {
                fail(tool + " is missing (" + e.getMessage() + "): this test needs node and npm to run PagerDuty's"
                        + " JavaScript client; install Debian's nodejs and npm (.ci/run does)");
            }
        }
        run(work, Map.of(), 300, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
    }

    @Test
    void triggerAcknowledgeAndResolveThroughPagerDutysJsLibrary() throws Exception {
        Path keystore = dir.resolve("watchkeeper.p12");
        Path cert = dir.resolve("watchkeeper.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(dir, Map.of(), 60, keytool, "-genkeypair", "-alias", "watchkeeper", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        run(dir, Map.of(), 60, keytool, "-exportcert", "-rfc", "-alias", "watchkeeper", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", cert.toString());

        try (TestApp app = TestApp.start(dir, Map.of(
                "micronaut.server.ssl.enabled", true,
                "micronaut.server.ssl.port", -1,
                "micronaut.server.ssl.key-store.path", "file:" + keystore,
                "micronaut.server.ssl.key-store.password", "changeit",
                "micronaut.server.ssl.key-store.type", "PKCS12"))) {
            URI base = URI.create(app.url());
            assertEquals("https", base.getScheme());
            String routingKey = app.bean(IntegrationService.class).create("pagerduty", "pdjs").token();

            String out = run(work, Map.of("NODE_EXTRA_CA_CERTS", cert.toString()), 120,
                    "node", "send-events.js", "127.0.0.1:" + base.getPort(), routingKey, "srv01/mysql");
            List<JsonNode> reported = new ArrayList<>();
            out.lines().filter(l -> l.startsWith("{")).forEach(l -> reported.add(Json.parse(l)));
            assertEquals(4, reported.size(), out);

            for (int i = 0; i < 3; i++) {
                JsonNode r = reported.get(i);
                assertTrue(r.path("ok").asBoolean(), r.toString());
                assertEquals(202, r.path("status").asInt(), r.toString());
                assertEquals("success", r.path("data").path("status").asText(), r.toString());
                assertEquals("Event processed", r.path("data").path("message").asText(), r.toString());
                assertEquals("srv01/mysql", r.path("data").path("dedup_key").asText(), r.toString());
            }
            JsonNode stranger = reported.get(3);
            assertFalse(stranger.path("ok").asBoolean(), stranger.toString());
            assertEquals(401, stranger.path("status").asInt());
            assertEquals("invalid event", stranger.path("data").path("status").asText());
            assertEquals("Invalid routing key", stranger.path("data").path("message").asText());

            app.bean(AlertPipeline.class).drain();
            Database db = app.bean(Database.class);
            assertEquals(1, db.read().fetchCount(ALERT));
            assertEquals(3, db.read().fetchCount(ALERT_EVENT), "three events stored; the stranger's is not");
            AlertRow alert = Objects.requireNonNull(app.bean(IngestStore.class).findByFingerprints(db.read(), List.of("srv01/mysql"))
                    .get("srv01/mysql"));
            assertEquals("pagerduty", alert.source());
            assertEquals("resolved", alert.status());
            assertEquals("disk", alert.alertname());
            assertEquals("mysql", alert.service());
            assertEquals("critical", alert.severity());
            assertEquals("Disk full on prod-datapipe-01", alert.summary());
            assertTrue(alert.annotationsJson().contains("runbook"), alert.annotationsJson());
            assertEquals(app.bean(IntegrationService.class).authenticate(routingKey).orElseThrow().id(),
                    alert.integrationId());

            ItemDetail item = app.bean(TriageService.class).item(alert.itemId());
            assertTrue(item.item().sourceResolved(), "resolved by the source: " + item.item());
            List<ActionRow> acks = item.actions().stream().filter(a -> a.kind().equals("ack")).toList();
            assertEquals(1, acks.size(), item.actions().toString());
            assertEquals("integration:pdjs", acks.get(0).actor());
            List<ItemEvent.Kind> kinds = app.bean(RecordedEvents.class).kindsFor(alert.itemId());
            assertTrue(kinds.containsAll(List.of(ItemEvent.Kind.CREATED, ItemEvent.Kind.ACTION,
                    ItemEvent.Kind.RESOLVED_BY_SOURCE)), kinds.toString());
            assertEquals("acknowledged", item.item().state().wire(), item.item().toString());
        }
    }

    static URI resource(String name) throws URISyntaxException {
        return PagerDutyJsClientTest.class.getClassLoader().getResource(name).toURI();
    }

    /** Runs a command in {@code dir}; returns its output, or fails the test with it. */
    static String run(Path dir, Map<String, String> env, int timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        String out = new String(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + out);
        }
        return out;
    }
}
