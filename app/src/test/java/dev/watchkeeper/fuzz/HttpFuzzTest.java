package dev.watchkeeper.fuzz;

import dev.watchkeeper.ingest.IntegrationService;
import dev.watchkeeper.testing.TestApp;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every JSON endpoint through the real server on a loopback port, fed mutated valid bodies, unusual path segments
 * and query values: no answer is a 5xx, every answer comes within {@link #HANG} and is JSON in our error shape when
 * it is an error.
 */
class HttpFuzzTest {

    static final Duration HANG = Duration.ofSeconds(10);
    static TestApp app;
    static Path dir;
    static HttpClient client;
    static String amToken;
    static String grafanaToken;
    static String genericToken;
    static String pdToken;
    static final AtomicLong REQUESTS = new AtomicLong();
    static final Map<Integer, AtomicLong> STATUSES = new ConcurrentHashMap<>();

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("wk-fuzz");
        app = TestApp.start(dir, Map.of("watchkeeper.admins", "root", "watchkeeper.ingest.rate-limit-per-second", "0"));
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        IntegrationService integrations = app.bean(IntegrationService.class);
        amToken = integrations.create("alertmanager", "am").token();
        grafanaToken = integrations.create("grafana", "gf").token();
        genericToken = integrations.create("generic", "gen").token();
        pdToken = integrations.create("pagerduty", "pd").token();
        // Something to act on: a rotation, an item, a report.
        send("POST", "/api/rotations", """
                {"name": "ml", "members": ["alice", "bob"], "zone": "Europe/London",
                 "handoffDay": "monday", "handoffTime": "09:00", "channel": "#ml-oncall"}""", null);
        send("POST", "/api/alerts", Samples.GENERIC, null);
        send("POST", "/api/reports/shift", "{\"by\": \"alice\", \"from\": \"2026-03-01T00:00:00Z\", \"to\": \"2026-03-02T00:00:00Z\"}", null);
        REQUESTS.set(0);
        STATUSES.clear();
    }

    @AfterContainer
    static void stop() throws IOException {
        System.out.printf("[fuzz] HTTP: %,d requests through the real server, answers by status %s, 0 5xx, 0 hangs%n",
                REQUESTS.get(), new java.util.TreeMap<>(STATUSES));
        app.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One endpoint: method, path, the seeds of its body, and the bearer token it needs. */
    record Endpoint(String method, String path, List<String> seeds, String token) {
    }

    static List<Endpoint> endpoints() {
        String rot = """
                {"name": "r2", "members": ["alice", "bob"], "zone": "Europe/London", "shiftDays": 7,
                 "handoffDay": "monday", "handoffTime": "09:00", "channel": "#ml", "userGroup": "S1"}""";
        return List.of(
                new Endpoint("POST", "/api/alerts", List.of(Samples.GENERIC), null),
                new Endpoint("POST", "/ingest/alertmanager", List.of(Samples.ALERTMANAGER), amToken),
                new Endpoint("POST", "/ingest/grafana", List.of(Samples.GRAFANA), grafanaToken),
                new Endpoint("POST", "/ingest/generic", List.of(Samples.GENERIC), genericToken),
                new Endpoint("POST", "/v2/enqueue", Samples.eventsV2(pdToken), null),
                new Endpoint("POST", "/api/items", List.of("{\"text\": \"users see errors\", \"by\": \"alice\", \"service\": \"web\","
                        + " \"severity\": \"error\", \"link\": \"https://x\"}"), null),
                new Endpoint("POST", "/api/items/1/actions", List.of(
                        "{\"action\": \"snooze\", \"by\": \"alice\", \"until\": \"2026-03-03T00:00:00Z\", \"note\": \"n\"}",
                        "{\"action\": \"assign\", \"by\": \"alice\", \"assignee\": \"bob\"}",
                        "{\"action\": \"note\", \"by\": \"alice\", \"note\": \"restarted the job\"}"), null),
                new Endpoint("POST", "/api/notes", List.of("{\"target\": \"FeatureNullRateHigh\", \"text\": \"check the join\", \"by\": \"alice\"}",
                        "{\"target\": 1, \"text\": \"t\", \"by\": \"bob\"}"), null),
                new Endpoint("POST", "/api/rotations", List.of(rot), null),
                new Endpoint("POST", "/api/rotations/ml/members", List.of("{\"by\": \"carol\"}", "{\"by\": \"alice\", \"handle\": \"dave\"}"), null),
                new Endpoint("POST", "/api/rotations/ml/overrides", List.of(
                        "{\"by\": \"alice\", \"person\": \"bob\", \"from\": \"2026-03-03T09:00\", \"to\": \"2026-03-04\"}"), null),
                new Endpoint("POST", "/api/rotations/ml/swaps", List.of(
                        "{\"by\": \"alice\", \"with\": \"bob\", \"mine\": \"2026-03-02\", \"theirs\": \"2026-03-09\"}"), null),
                new Endpoint("POST", "/api/rotations/ml/shadows", List.of("{\"by\": \"carol\", \"shift\": \"2026-03-09\"}"), null),
                new Endpoint("POST", "/api/rotations/ml/handoff", List.of("{\"by\": \"alice\"}"), null),
                new Endpoint("POST", "/api/rotations/ml/members/bob/extend", List.of("{\"by\": \"alice\", \"shifts\": 2}"), null),
                new Endpoint("POST", "/api/swaps/1/confirm", List.of("{\"by\": \"bob\"}"), null),
                new Endpoint("POST", "/api/swaps/1/decline", List.of("{\"by\": \"bob\"}"), null),
                new Endpoint("POST", "/api/items/1/shadow-guess", List.of("{\"by\": \"carol\", \"guess\": \"ack\"}"), null),
                new Endpoint("POST", "/api/reports/shift", List.of("{\"by\": \"alice\", \"from\": \"2026-03-01T00:00:00Z\","
                        + " \"to\": \"2026-03-02T00:00:00Z\", \"rotation\": \"ml\", \"primary\": \"alice\", \"shadows\": [\"bob\"]}"), null),
                new Endpoint("POST", "/api/reports/incident", List.of("{\"item\": 1, \"by\": \"alice\"}"), null),
                new Endpoint("PUT", "/api/reports/1/text", List.of("{\"text\": \"# Report\\n\\nQuiet.\", \"by\": \"alice\"}"), null),
                new Endpoint("POST", "/api/playbooks/match", List.of("{\"alertname\": \"FeatureNullRateHigh\", \"labels\": {\"service\": \"ranker\"}}"), null));
    }

    @Provide
    Arbitrary<String[]> bodies() {
        return Arbitraries.of(endpoints()).flatMap(e -> Nasty.mutated(e.seeds())
                .map(body -> new String[]{e.method(), e.path(), body, e.token()}));
    }

    @Property(tries = 2500)
    void everyJsonEndpointAnswersBadBodiesWithA4xx(@ForAll("bodies") String[] r) {
        send(r[0], r[1], r[2], r[3]);
    }

    static final List<String> GETS = List.of("/api/queue?state=%s&lane=%s&limit=%s&offset=%s&text=%s",
            "/api/items/%s", "/api/rotations/ml/schedule?from=%s&to=%s", "/api/rotations/ml/schedule?weeks=%s",
            "/api/people/%s/shifts?weeks=%s", "/api/reports?kind=%s&state=%s&limit=%s&offset=%s", "/api/reports/%s",
            "/api/reports/%s/report.md", "/api/notes?alertname=%s", "/api/notes?limit=%s&offset=%s",
            "/api/reports/%s/chart.png", "/api/playbooks/%s", "/api/rotations/%s",
            "/api/rotations/ml/swaps?state=%s", "/api/oncall", "/api/items/%s/shadows", "/calendar/rotation/%s",
            "/api/rotations/%s/now", "/api/rotations/ml/readiness");

    static final List<String> PARAMS = List.of("1", "0", "-1", "2147483648", "99999999999999999999", "abc", "", " ",
            "all", "open", "quiet", "paged", "draft", "shift", "any", "true", "ml", "alice", "%", "..", "../..", "a/b",
            "\ud800", "\u001b[2J", "é", "x".repeat(3000), "+292278994-08-10T00:00:00Z", "-292275055-05-16T16:47:04Z",
            "2026-03-02", "2026-03-02T09:00", "9999-01-01", "1e10", "null", "{}", "[]", "<script>", "' OR 1=1 --");

    @Provide
    Arbitrary<String> gets() {
        Arbitrary<String> param = Arbitraries.oneOf(Arbitraries.of(PARAMS), Arbitraries.of(Nasty.TIMES),
                Arbitraries.strings().all().ofMaxLength(30));
        return Combinators.combine(Arbitraries.of(GETS), param.list().ofSize(5)).as((template, ps) -> {
            Object[] enc = ps.stream().map(p -> URLEncoder.encode(p, StandardCharsets.UTF_8).replace("+", "%20")).toArray();
            Nasty.TRIED.incrementAndGet();
            return String.format(template, enc);
        });
    }

    @Property(tries = 1500)
    void everyReadAnswersBadParametersWithA4xx(@ForAll("gets") String pathAndQuery) {
        send("GET", pathAndQuery, null, null);
    }

    static void send(String method, String path, String body, String token) {
        REQUESTS.incrementAndGet();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url().replaceAll("/$", "") + path)).timeout(HANG);
        if (token == null && path.startsWith("/api/") && !path.startsWith("/api/alerts")) {
            // The management API needs a person's token: the one the request names, as TestHttp signs.
            token = app.tokenFor(dev.watchkeeper.testing.TestHttp.named(path, body));
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            fail("no answer within " + HANG + ": " + method + " " + path + " " + cut(body));
            return;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        STATUSES.computeIfAbsent(r.statusCode(), k -> new AtomicLong()).incrementAndGet();
        assertTrue(r.statusCode() < 500, r.statusCode() + " for " + method + " " + path + " " + cut(body) + " → " + cut(r.body()));
        if (r.statusCode() >= 400 && !path.startsWith("/v2/")) {
            assertTrue(r.body().startsWith("{\"error\":") && r.body().contains("\"errors\":"),
                    "not our error shape: " + method + " " + path + " → " + cut(r.body()));
        }
    }

    static String cut(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
