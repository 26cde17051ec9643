package dev.watchkeeper.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 413 (body over 1 MiB, with a Content-Length or chunked) and 415 (not JSON) on every ingest endpoint, in our
 * error shape ({@code /v2/enqueue}: PagerDuty's), with nothing stored. Each oversized payload is otherwise
 * valid: the same payload just under the limit is accepted, so only the size can be what rejects it.
 */
class OversizedAndWrongMediaHttpTest {

    static final int LIMIT = 1024 * 1024;

    @TempDir
    Path dir;
    TestApp app;
    TestHttp http;
    String am;
    String grafana;
    String generic;
    String pd;

    @BeforeEach
    void start() {
        app = TestApp.start(dir);
        http = app.http();
        IntegrationService integrations = app.bean(IntegrationService.class);
        am = integrations.create("alertmanager", "am").token();
        grafana = integrations.create("grafana", "grafana").token();
        generic = integrations.create("generic", "scripts").token();
        pd = integrations.create("pagerduty", "pd").token();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** An ingest endpoint and a valid payload for it. */
    record Endpoint(String path, String token, String payload) {
    }

    List<Endpoint> endpoints() {
        Payloads.Am alert = new Payloads.Am("fp1", "DiskFull", "db", "critical", "db1", true,
                Instant.parse("2026-03-02T08:50:00Z"), null);
        return List.of(
                new Endpoint("/ingest/alertmanager", am, Payloads.alertmanager(List.of(alert))),
                new Endpoint("/ingest/grafana", grafana, Payloads.grafana("firing", "g1", Instant.parse("2026-03-02T08:50:00Z"), null)),
                new Endpoint("/ingest/generic", generic, "{\"alertname\": \"NullRate\", \"service\": \"ranker\"}"),
                new Endpoint("/api/alerts", generic, "{\"alertname\": \"NullRate\", \"service\": \"ranker\"}"),
                new Endpoint("/api/items", app.tokenFor("alice"), "{\"text\": \"users see stale results\", \"by\": \"alice\"}"),
                new Endpoint("/v2/enqueue", null, Payloads.trigger(pd, "k1", "Disk full")));
    }

    /** The payload with an extra top-level field that brings it to exactly {@code size} bytes. */
    static String padded(String payload, int size) {
        String head = "{\"pad\": \"";
        String tail = "\", " + payload.strip().substring(1);
        int fill = size - head.length() - tail.getBytes(StandardCharsets.UTF_8).length;
        return head + "x".repeat(fill) + tail;
    }

    String[] auth(Endpoint e) {
        return e.token() == null ? new String[0] : new String[]{"Authorization", "Bearer " + e.token()};
    }

    int stored() {
        Database db = app.bean(Database.class);
        return db.read().fetchCount(ALERT_EVENT) + db.read().fetchCount(ALERT) + db.read().fetchCount(TRIAGE_ITEM);
    }

    @Test
    void aBodyOverOneMebibyteIs413InOurShapeOnEveryEndpointAndNothingIsStored() {
        for (Endpoint e : endpoints()) {
            String big = padded(e.payload(), LIMIT + 1);
            TestHttp.Response r = http.postJson(e.path(), big, auth(e));
            assertEquals(413, r.status(), e.path() + ": " + r.body());
            assertTooLarge(e.path(), r.json(), LIMIT + 1);
        }
        assertEquals(0, stored(), "nothing is stored for a rejected request");

        for (Endpoint e : endpoints()) {
            TestHttp.Response ok = http.postJson(e.path(), padded(e.payload(), LIMIT - 64 * 1024), auth(e));
            assertTrue(ok.status() / 100 == 2, e.path() + " accepts the same payload under the limit: " + ok.body());
        }
        assertTrue(stored() > 0);
    }

    @Test
    void aChunkedBodyWithoutContentLengthOverTheLimitIs413Too() throws IOException {
        for (Endpoint e : endpoints()) {
            byte[] big = padded(e.payload(), 2 * LIMIT).getBytes(StandardCharsets.UTF_8);
            String[] answer = postChunked(e, big);
            assertEquals("413", answer[0], e.path() + ": " + answer[1]);
            assertTooLarge(e.path(), Json.parse(answer[1]), -1);
        }
        assertEquals(0, stored());
    }

    /**
     * Posts with {@code Transfer-Encoding: chunked} over a raw socket (a JDK client would add a length) and
     * returns the status code and the body of the answer.
     */
    String[] postChunked(Endpoint e, byte[] body) throws IOException {
        URI base = URI.create(app.url());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + e.path() + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n"
                    + (e.token() == null ? "" : "Authorization: Bearer " + e.token() + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                for (int at = 0; at < body.length; at += 16 * 1024) {
                    int n = Math.min(16 * 1024, body.length - at);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, at, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException stoppedReading) {
                // the server may answer and stop reading before the whole body is sent
            }
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String status = response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4);
            return new String[]{status, response.substring(response.indexOf("\r\n\r\n") + 4)};
        }
    }

    @Test
    void aBodyThatIsNotJsonIs415InOurShapeOnEveryEndpointAndNothingIsStored() {
        for (Endpoint e : endpoints()) {
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
                TestHttp.Response r = http.post(e.path(), type, e.payload(), auth(e));
                assertEquals(415, r.status(), e.path() + " " + type + ": " + r.body());
                JsonNode body = r.json();
                if (e.path().equals("/v2/enqueue")) {
                    assertEquals("invalid event", body.path("status").asText());
                    assertEquals("Content-Type is not supported", body.path("message").asText());
                    assertEquals("'Content-Type' must be application/json; was '" + type + "'",
                            body.path("errors").path(0).asText());
                } else {
                    assertEquals("unsupported Content-Type: send application/json", body.path("error").asText());
                    assertEquals("Content-Type", body.path("errors").path(0).get("field").asText());
                    assertEquals("must be application/json; was '" + type + "'",
                            body.path("errors").path(0).get("problem").asText());
                }
            }
        }
        assertEquals(0, stored(), "nothing is stored for a rejected request");
        for (Endpoint e : endpoints()) {
            TestHttp.Response ok = http.post(e.path(), "application/json; charset=utf-8", e.payload(), auth(e));
            assertTrue(ok.status() / 100 == 2, e.path() + " accepts JSON with a charset: " + ok.body());
            TestHttp.Response untyped = http.post(e.path(), null, e.payload(), auth(e));
            assertTrue(untyped.status() / 100 == 2, e.path() + " reads a body without Content-Type as JSON: " + untyped.body());
        }
    }

    private static void assertTooLarge(String path, JsonNode body, long length) {
        String size = length > 0 ? "is " + length + " bytes, over" : "is over";
        if (path.equals("/v2/enqueue")) {
            assertEquals("invalid event", body.path("status").asText(), body.toString());
            assertEquals("Event object is too large", body.path("message").asText());
            assertEquals("'body' " + size + " the limit of 1048576 bytes (1 MiB)", body.path("errors").path(0).asText());
        } else {
            assertEquals("request body too large: at most 1 MiB is accepted", body.path("error").asText(), path);
            assertEquals("body", body.path("errors").path(0).get("field").asText());
            assertEquals(size + " the limit of 1048576 bytes (1 MiB)", body.path("errors").path(0).get("problem").asText());
        }
    }
}
