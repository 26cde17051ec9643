package dev.watchkeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.watchkeeper.core.Json;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Slack Web API for tests: answers {@code /api/<method>} like Slack does for the methods
 * Watchkeeper calls, and {@code /response/<id>} like a response_url. Records every call it
 * accepted, and can fail on purpose: scripted statuses (429 with Retry-After, 500), an outage
 * (every call 503 or a dropped connection) and Slack-level errors ({@code ok: false}). Message ts
 * values count up from 1800000000.000001 (later than any test clock), one per posted message.
 */
public final class FakeSlack implements AutoCloseable {

    /** One accepted call. {@code params} are the form fields (Web API) or the JSON body (response_url). */
    public record Call(String method, Map<String, String> params, JsonNode json) {
        public String param(String name) {
            return params.get(name);
        }

        /** The blocks (or view) of the call, as JSON text, or "" when none. */
        public String blocksText() {
            if (params.containsKey("blocks")) {
                return params.get("blocks");
            }
            if (params.containsKey("view")) {
                return params.get("view");
            }
            return json == null ? "" : json.toString();
        }
    }

    /**
     * NONE: normal service. HTTP_503: every call answers 503. DROP: connections are cut before anything
     * happens. ANSWER_LOST: chat.postMessage is carried out, then the connection is cut before the answer.
     */
    public enum Outage { NONE, HTTP_503, DROP, ANSWER_LOST }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger tsCounter = new AtomicInteger();
    private final Deque<Integer> scriptedStatuses = new ArrayDeque<>();
    private final Deque<String> scriptedErrors = new ArrayDeque<>();
    /** Top-level messages posted per channel, for conversations.history. */
    private final Map<String, List<com.fasterxml.jackson.databind.node.ObjectNode>> history =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Bytes POSTed to upload URLs handed out by files.getUploadURLExternal, by file id. */
    private final Map<String, byte[]> uploads = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger fileCounter = new AtomicInteger();
    /** Slack users by e-mail address, for users.lookupByEmail. */
    private final Map<String, String> usersByEmail = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Outage outage = Outage.NONE;
    /** What the upload URLs answer (200 unless a test says otherwise). */
    private volatile int uploadStatus = 200;
    private volatile int retryAfterSeconds = 30;
    private volatile String socketModeUrl;

    private FakeSlack(HttpServer server) {
        this.server = server;
    }

    public static FakeSlack start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeSlack fake = new FakeSlack(server);
            server.createContext("/", fake::handle);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
            return fake;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** For {@code slack.api-url}. */
    public String apiUrl() {
        return base() + "/api/";
    }

    /** A response_url on this server. */
    public String responseUrl(String id) {
        return base() + "/response/" + id;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Properties that point a {@link TestApp} at this fake, with a signing secret and an alerts channel. */
    public Map<String, Object> appProperties(String signingSecret) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("slack.bot-token", "xoxb-test");
        p.put("slack.signing-secret", signingSecret);
        p.put("slack.api-url", apiUrl());
        p.put("slack.alerts-channel", "C_ALERTS");
        return p;
    }

    /** The next calls answer with these HTTP statuses (429 carries Retry-After), then normal service resumes. */
    public synchronized void failNext(int... statuses) {
        for (int s : statuses) {
            scriptedStatuses.add(s);
        }
    }

    /** The next Web API calls answer {@code ok: false} with these errors. */
    public synchronized void errorNext(String... errors) {
        scriptedErrors.addAll(List.of(errors));
    }

    /** The WebSocket URL {@code apps.connections.open} hands out (Socket Mode tests). */
    public void socketModeUrl(String url) {
        socketModeUrl = url;
    }

    /** users.lookupByEmail finds {@code userId} for {@code email}. */
    public void user(String email, String userId) {
        usersByEmail.put(email.toLowerCase(java.util.Locale.ROOT), userId);
    }

    /** The upload URLs answer {@code status} from now on (e.g. 503, or 413 for a refused upload). */
    public void uploadStatus(int status) {
        uploadStatus = status;
    }

    public void retryAfter(int seconds) {
        retryAfterSeconds = seconds;
    }

    public void outage(Outage o) {
        outage = o;
    }

    /** Calls accepted (answered ok), in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** The bytes uploaded for a file id (from files.getUploadURLExternal), or null. */
    public byte[] uploaded(String fileId) {
        return uploads.get(fileId);
    }

    /** Every request that reached the server, failed ones included. */
    public int attempts() {
        return attempts.get();
    }

    public void reset() {
        calls.clear();
        attempts.set(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        attempts.incrementAndGet();
        byte[] raw = ex.getRequestBody().readAllBytes();
        String body = new String(raw, StandardCharsets.UTF_8);
        if (outage == Outage.DROP) {
            ex.close();
            return;
        }
        if (outage == Outage.HTTP_503) {
            send(ex, 503, "{\"ok\":false,\"error\":\"service_unavailable\"}");
            return;
        }
        Integer scripted;
        synchronized (this) {
            scripted = scriptedStatuses.poll();
        }
        if (scripted != null) {
            if (scripted == 429) {
                ex.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
                send(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            } else {
                send(ex, scripted, "{\"ok\":false,\"error\":\"internal_error\"}");
            }
            return;
        }
        String path = ex.getRequestURI().getPath();
        if (path.startsWith("/response/")) {
            calls.add(new Call("response_url:" + path.substring("/response/".length()), Map.of(), Json.parse(body)));
            send(ex, 200, "ok");
            return;
        }
        if (path.startsWith("/upload/") && uploadStatus != 200) {
            send(ex, uploadStatus, "upload refused");
            return;
        }
        if (path.startsWith("/upload/")) {
            String fileId = path.substring("/upload/".length());
            uploads.put(fileId, raw);
            calls.add(new Call("upload:" + fileId, Map.of("length", String.valueOf(raw.length)), null));
            send(ex, 200, "OK - " + raw.length);
            return;
        }
        String method = path.startsWith("/api/") ? path.substring("/api/".length()) : path;
        Map<String, String> params = form(body);
        String error;
        synchronized (this) {
            error = method.equals("auth.test") ? null : scriptedErrors.poll();
        }
        if (error != null) {
            send(ex, 200, "{\"ok\":false,\"error\":\"" + error + "\"}");
            return;
        }
        if (method.equals("conversations.history")) {
            var out = Json.object().put("ok", true);
            var list = out.putArray("messages");
            double oldest = Double.parseDouble(params.getOrDefault("oldest", "0"));
            for (var m : history.getOrDefault(params.get("channel"), List.of()).reversed()) {
                if (Double.parseDouble(m.get("ts").asText()) >= oldest) {
                    var copy = m.deepCopy();
                    if (!List.of("true", "1").contains(params.get("include_all_metadata"))) {
                        copy.remove("metadata");
                    }
                    list.add(copy);
                }
            }
            send(ex, 200, Json.write(out));
            return;
        }
        String answer = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user\":\"watchkeeper\","
                    + "\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}";
            case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"1800000000."
                    + String.format("%06d", tsCounter.incrementAndGet()) + "\"}";
            case "chat.update" -> "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"" + params.get("ts") + "\"}";
            case "views.publish" -> "{\"ok\":true}";
            case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"" + dmChannel(params.get("users")) + "\"}}";
            case "users.lookupByEmail" -> {
                String user = usersByEmail.get(params.getOrDefault("email", "").toLowerCase(java.util.Locale.ROOT));
                yield user == null ? "{\"ok\":false,\"error\":\"users_not_found\"}"
                        : "{\"ok\":true,\"user\":{\"id\":\"" + user + "\"}}";
            }
            case "views.open" -> "{\"ok\":true,\"view\":{\"id\":\"VMODAL\"}}";
            case "files.getUploadURLExternal" -> {
                String fileId = "F" + fileCounter.incrementAndGet();
                yield "{\"ok\":true,\"upload_url\":\"" + base() + "/upload/" + fileId + "\",\"file_id\":\"" + fileId + "\"}";
            }
            case "files.completeUploadExternal" -> "{\"ok\":true,\"files\":" + params.getOrDefault("files", "[]") + "}";
            case "usergroups.users.update" -> "{\"ok\":true,\"usergroup\":{\"id\":\"" + params.get("usergroup") + "\"}}";
            case "apps.connections.open" -> socketModeUrl == null ? "{\"ok\":false,\"error\":\"not_allowed\"}"
                    : "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
        if (!method.equals("auth.test") && !method.equals("apps.connections.open")) {
            calls.add(new Call(method, params, null));
        }
        if (method.equals("chat.postMessage") && params.get("thread_ts") == null) {
            var m = Json.object().put("type", "message").put("ts", Json.parse(answer).get("ts").asText())
                    .put("text", params.get("text"));
            if (params.containsKey("metadata")) {
                m.set("metadata", Json.parse(params.get("metadata")));
            }
            history.computeIfAbsent(params.get("channel"), k -> new CopyOnWriteArrayList<>()).add(m);
            if (params.get("channel").startsWith("U")) {
                // A message to a user ID lands in the DM channel conversations.open names, as in Slack.
                history.computeIfAbsent(dmChannel(params.get("channel")), k -> new CopyOnWriteArrayList<>()).add(m);
            }
        }
        if ((outage == Outage.ANSWER_LOST || (method.equals("chat.postMessage") && answerLostOnce.getAndSet(false)))
                && method.equals("chat.postMessage")) {
            ex.close();
            return;
        }
        send(ex, 200, answer);
    }

    /** The DM channel of a user: D followed by the user ID. */
    public static String dmChannel(String userId) {
        return "D" + userId;
    }

    private final java.util.concurrent.atomic.AtomicBoolean answerLostOnce = new java.util.concurrent.atomic.AtomicBoolean();

    /** The next chat.postMessage is carried out, then its connection is cut before the answer (once). */
    public void loseNextAnswer() {
        answerLostOnce.set(true);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        if (body.isBlank() || body.startsWith("{")) {
            return m;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
