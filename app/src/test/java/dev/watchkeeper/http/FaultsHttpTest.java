package dev.watchkeeper.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.ingest.IntegrationService;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The faults found by trying the running server as an attacker and an operator would (issue 15, "Must be
 * fixed"), each reproduced through the real server on a loopback port.
 */
class FaultsHttpTest {

    @TempDir
    Path dir;
    TestApp app;
    TestHttp http;

    static final String FAR = "+292278994-08-10T00:00:00Z";
    static final String FAR_PAST = "-292275055-05-16T16:47:04.192Z";

    @BeforeEach
    void start() {
        app = TestApp.start(dir, Map.of("watchkeeper.admins", "root", "test.boom", "true"));
        http = app.http();
        TestHttp.Response r = http.postJson("/api/rotations", """
                {"name": "ml", "members": ["alice", "bob"], "zone": "Europe/London",
                 "handoffDay": "monday", "handoffTime": "09:00", "channel": "#ml-oncall"}""");
        assertEquals(201, r.status(), r.body());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    static void assertOurShape(TestHttp.Response r) {
        JsonNode j = r.json();
        assertTrue(j.has("error") && j.get("error").isTextual(), r.body());
        assertTrue(j.has("errors") && j.get("errors").isArray(), r.body());
    }

    static void assertNamesField(TestHttp.Response r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        assertOurShape(r);
        boolean named = false;
        for (JsonNode e : r.json().get("errors")) {
            named |= field.equals(e.get("field").asText());
        }
        assertTrue(named, field + " not named in " + r.body());
        assertFalse(r.body().contains("overflow"), r.body());
    }

    @Test
    void farDatesInSwapsSchedulesAndOverridesAre400sNotAWedgedServer() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertNamesField(http.postJson("/api/rotations/ml/swaps",
                    "{\"by\": \"alice\", \"with\": \"bob\", \"mine\": \"" + FAR + "\", \"theirs\": \"2026-03-09\"}"),
                    400, "mine");
            assertNamesField(http.postJson("/api/rotations/ml/swaps",
                    "{\"by\": \"alice\", \"with\": \"bob\", \"mine\": \"2026-03-09\", \"theirs\": \"" + FAR_PAST + "\"}"),
                    400, "theirs");
            assertNamesField(http.postJson("/api/rotations/ml/swaps",
                    "{\"by\": \"alice\", \"with\": \"bob\", \"mine\": \"2026-03-09\", \"theirs\": \"9999-01-01\"}"),
                    400, "theirs");
            assertNamesField(http.get("/api/rotations/ml/schedule?from=" + FAR.replace("+", "%2B")
                    + "&to=%2B292278994-08-20T00:00:00Z"), 400, "from");
            assertNamesField(http.get("/api/rotations/ml/schedule?from=2026-03-02&to=2031-01-01"), 400, "to");
            assertNamesField(http.postJson("/api/rotations/ml/overrides",
                    "{\"by\": \"alice\", \"person\": \"bob\", \"from\": \"2026-03-03\", \"to\": \"" + FAR + "\"}"),
                    400, "to");
            assertNamesField(http.postJson("/api/rotations/ml/shadows", "{\"by\": \"bob\", \"shift\": \"" + FAR + "\"}"),
                    400, "shift");
            // The server still answers at once: nothing holds the write lock.
            assertEquals(201, http.postJson("/api/rotations/ml/swaps",
                    "{\"by\": \"alice\", \"with\": \"bob\", \"mine\": \"2026-03-02\", \"theirs\": \"2026-03-09\"}").status());
        });
    }

    @Test
    void extremeTimestampsInEveryIngestPathAre400sNamingTheField() {
        String pd = app.bean(IntegrationService.class).create("pagerduty", "pd").token();
        assertNamesField(http.postJson("/api/alerts",
                "{\"alertname\": \"A\", \"startsAt\": \"" + FAR + "\"}"), 400, "startsAt");
        assertNamesField(http.postJson("/api/alerts",
                "{\"alertname\": \"A\", \"endsAt\": \"1900-01-01T00:00:00Z\"}"), 400, "endsAt");
        String am = app.bean(IntegrationService.class).create("alertmanager", "am").token();
        assertNamesField(http.postJson("/ingest/alertmanager", "{\"version\": \"4\", \"status\": \"firing\", \"alerts\": ["
                + "{\"status\": \"firing\", \"labels\": {\"alertname\": \"A\"}, \"startsAt\": \"" + FAR_PAST + "\"}]}",
                "Authorization", "Bearer " + am), 400, "alerts[0].startsAt");
        TestHttp.Response r = http.postJson("/v2/enqueue", "{\"routing_key\": \"" + pd + "\", \"event_action\": \"trigger\","
                + "\"payload\": {\"summary\": \"s\", \"source\": \"x\", \"severity\": \"info\", \"timestamp\": \"" + FAR + "\"}}");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("payload.timestamp"), r.body());
        assertNamesField(http.postJson("/api/items/1/actions",
                "{\"action\": \"snooze\", \"by\": \"alice\", \"until\": \"" + FAR + "\"}"), 400, "until");
        assertNamesField(http.postJson("/api/reports/shift",
                "{\"by\": \"alice\", \"from\": \"" + FAR_PAST + "\", \"to\": \"2026-03-01T00:00:00Z\"}"), 400, "from");
        // Go's zero time stays what Alertmanager means by it: no end yet.
        assertEquals(200, http.postJson("/ingest/alertmanager", "{\"version\": \"4\", \"status\": \"firing\", \"alerts\": ["
                + "{\"status\": \"firing\", \"labels\": {\"alertname\": \"A\"}, \"startsAt\": \"2026-03-02T08:00:00Z\","
                + " \"endsAt\": \"0001-01-01T00:00:00Z\"}]}", "Authorization", "Bearer " + am).status());
    }

    @Test
    void aBodyWithHalfAMillionBadElementsGetsABoundedAnswer() {
        StringBuilder sb = new StringBuilder("{\"alerts\": [");
        for (int i = 0; i < 499_000; i++) {
            sb.append(i == 0 ? "1" : ",1");
        }
        sb.append("]}");
        assertTrue(sb.length() < 1024 * 1024);
        String am = app.bean(IntegrationService.class).create("alertmanager", "am").token();
        TestHttp.Response r = http.postJson("/ingest/alertmanager", sb.toString(), "Authorization", "Bearer " + am);
        assertEquals(400, r.status());
        assertOurShape(r);
        JsonNode errors = r.json().get("errors");
        assertEquals(21, errors.size(), "20 listed and one line for the rest");
        assertEquals("and 498,980 more", errors.get(20).get("problem").asText());
        assertTrue(r.body().length() < 10_000, "answer of " + r.body().length() + " characters");
    }

    @Test
    void badInputNeverAnswers500() {
        // A bogus charset is an unsupported media type.
        TestHttp.Response r = http.post("/api/alerts", "application/json; charset=bogus-42", "{\"alertname\": \"A\"}");
        assertEquals(415, r.status(), r.body());
        assertOurShape(r);
        // Lone surrogates in the identifiers of alerts.
        r = http.postJson("/api/alerts", "{\"alertname\": \"A\", \"fingerprint\": \"\\ud800x\"}");
        assertTrue(r.status() < 500, r.status() + " " + r.body());
        String pd = app.bean(IntegrationService.class).create("pagerduty", "pd").token();
        r = http.postJson("/v2/enqueue", "{\"routing_key\": \"" + pd + "\", \"event_action\": \"trigger\", \"dedup_key\": \"\\udfff\","
                + "\"payload\": {\"summary\": \"s\", \"source\": \"x\", \"severity\": \"info\"}}");
        assertEquals(202, r.status(), r.body());
        // Huge ids in the path and in bodies.
        r = http.get("/api/items/99999999999999999999");
        assertEquals(400, r.status(), r.body());
        assertOurShape(r);
        r = http.postJson("/api/reports/incident", "{\"by\": \"alice\", \"item\": 99999999999999999999}");
        assertNamesField(r, 400, "item");
        r = http.postJson("/api/notes", "{\"by\": \"alice\", \"target\": 99999999999999999999, \"text\": \"t\"}");
        assertNamesField(r, 400, "target");
        // Framework errors in our shape.
        r = http.get("/no/such/path");
        assertEquals(404, r.status());
        assertOurShape(r);
        r = http.delete("/api/alerts");
        assertEquals(405, r.status(), r.body());
        assertOurShape(r);
        r = http.get("/api/rotations/ml/shifts/abc");
        assertTrue(r.status() == 404 || r.status() == 400, r.body());
        assertOurShape(r);
    }

    @Test
    void a500NeverCarriesTheInternalMessage() {
        TestHttp.Response r = http.get("/test/boom");
        assertEquals(500, r.status(), r.body());
        assertOurShape(r);
        assertFalse(r.body().contains("secret") || r.body().contains("hunter2") || r.body().contains("Exception"), r.body());
        assertTrue(r.json().get("error").asText().startsWith("internal error (reference "), r.body());
    }

    @Test
    void theListOfNotesIsPaged() {
        for (int i = 0; i < 5; i++) {
            assertEquals(201, http.postJson("/api/notes", "{\"target\": \"Alert" + i + "\", \"text\": \"check the join\","
                    + " \"by\": \"alice\"}").status());
        }
        assertEquals(5, http.get("/api/notes").json().size());
        assertEquals(2, http.get("/api/notes?limit=2").json().size());
        assertEquals("Alert4", http.get("/api/notes?limit=2&offset=4").json().get(0).get("alertname").asText());
        assertNamesField(http.get("/api/notes?limit=100000"), 400, "limit");
        assertNamesField(http.get("/api/notes?offset=x"), 400, "offset");
    }

    @Test
    void malformedFramingIsAnsweredInOurShape() throws IOException {
        String[] bad = raw("POST /api/alerts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: abc\r\nConnection: close\r\n\r\n{}");
        assertTrue(bad[0].startsWith("4"), bad[0] + " " + bad[1]);
        assertTrue(bad[1].startsWith("{\"error\":") && bad[1].contains("\"errors\":["), bad[1]);
        bad = raw("POST /api/alerts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        assertTrue(bad[0].startsWith("4"), bad[0] + " " + bad[1]);
        assertTrue(bad[1].startsWith("{\"error\":") && bad[1].contains("\"errors\":["), bad[1]);
    }

    @Test
    void aConnectionThatPromisesMoreBodyThanItSendsIsClosed() throws IOException {
        app.close();
        app = TestApp.start(dir, Map.of("micronaut.server.idle-timeout", "2s"));
        URI base = URI.create(app.url());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/alerts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"alertname\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long t0 = System.nanoTime();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // whatever the server says before it closes
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 15, "closed after " + seconds + " s");
        }
    }

    @Test
    void theStoredEventsV2PayloadKeepsOnlyTheRoutingKeysHash() {
        String pd = app.bean(IntegrationService.class).create("pagerduty", "pd").token();
        TestHttp.Response r = http.postJson("/v2/enqueue", "{\"routing_key\": \"" + pd + "\", \"event_action\": \"trigger\","
                + "\"payload\": {\"summary\": \"s\", \"source\": \"x\", \"severity\": \"info\"}}");
        assertEquals(202, r.status(), r.body());
        String stored = app.bean(Database.class).read().select(ALERT_EVENT.PAYLOAD).from(ALERT_EVENT).fetchOne().value1();
        assertFalse(stored.contains(pd), stored);
        assertTrue(stored.contains("\"routing_key\":\"sha256:" + dev.watchkeeper.ingest.Fingerprints.sha256(pd) + "\""), stored);
    }

    @Test
    void aMovedDatabaseFileAnswers503WithRetryAfterAndHealthSaysDownThenRecovers() throws IOException {
        assertEquals(200, http.get("/health").status());
        Path db = app.dbFile();
        Path away = db.resolveSibling("moved.db");
        Files.move(db, away);
        TestHttp.Response r = http.postJson("/api/alerts", "{\"alertname\": \"A\"}");
        assertEquals(503, r.status(), r.body());
        assertNotNull(r.header("Retry-After"));
        assertOurShape(r);
        assertFalse(r.body().contains("SQLITE"), r.body());
        TestHttp.Response h = http.get("/health");
        assertEquals(503, h.status(), h.body());
        assertEquals("DOWN", h.json().get("status").asText());
        assertTrue(h.json().get("problem").asText().contains("gone"), h.body());
        assertFalse(Files.exists(db), "nothing creates a new empty database in its place");

        Files.move(away, db);
        r = http.postJson("/api/alerts", "{\"alertname\": \"A\"}");
        assertTrue(r.status() / 100 == 2, r.status() + " " + r.body());
        assertEquals(200, http.get("/health").status());
    }

    @Test
    void aFullDatabaseAnswers503AndRecoversByItself() throws Exception {
        Database db = app.bean(Database.class);
        setMaxPageCountOnEveryConnection(db, true);
        try {
            TestHttp.Response r = null;
            for (int i = 0; i < 50 && (r == null || r.status() != 503); i++) {
                r = http.postJson("/api/alerts", "{\"alertname\": \"A" + i + "\", \"summary\": \"" + "x".repeat(20_000) + "\"}");
            }
            assertEquals(503, r.status(), r.body());
            assertNotNull(r.header("Retry-After"));
            assertTrue(r.json().get("error").asText().contains("full"), r.body());
            TestHttp.Response h = http.get("/health");
            assertEquals(503, h.status(), h.body());
        } finally {
            setMaxPageCountOnEveryConnection(db, false);
        }
        TestHttp.Response r = http.postJson("/api/alerts", "{\"alertname\": \"after\"}");
        assertTrue(r.status() / 100 == 2, r.status() + " " + r.body());
        assertEquals(200, http.get("/health").status());
    }

    /** SQLite's max_page_count is per connection: take every pooled connection at once and set it on each. */
    static void setMaxPageCountOnEveryConnection(Database db, boolean full) throws Exception {
        java.util.List<java.sql.Connection> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                java.sql.Connection c = db.dataSource().getConnection();
                held.add(c);
                try (var st = c.createStatement()) {
                    if (full) {
                        long pages;
                        try (var rs = st.executeQuery("PRAGMA page_count")) {
                            rs.next();
                            pages = rs.getLong(1);
                        }
                        st.execute("PRAGMA max_page_count = " + pages);
                    } else {
                        st.execute("PRAGMA max_page_count = 1073741823");
                    }
                }
            }
        } finally {
            for (var c : held) {
                c.close();
            }
        }
    }

    String[] raw(String request) throws IOException {
        URI base = URI.create(app.url());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (response.isEmpty()) {
                return new String[]{"closed", ""};
            }
            String status = response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4);
            return new String[]{status, response.substring(response.indexOf("\r\n\r\n") + 4)};
        }
    }
}
