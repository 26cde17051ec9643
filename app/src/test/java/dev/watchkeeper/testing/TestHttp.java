package dev.watchkeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain JDK HTTP client against the test server: every status comes back, 4xx included.
 *
 * <p>Requests carry an API token ({@code Authorization: Bearer}) unless the test passes its own Authorization
 * header or uses {@link #anonymous()}. {@link #as(String)} signs as one person. {@link TestApp#http()} signs each
 * request as the person it names, as the API took them before tokens: the JSON body's {@code "by"}, else the query's
 * {@code by=}, else {@code operator} (an admin). So a test written as "bob acks" is bob's token acking; the tests of
 * the credential itself ({@code auth.ApiAuthHttpTest}) use {@link #as} and {@link #anonymous()}.
 */
public final class TestHttp {

    /** Who a request is signed as when it names nobody: an admin (the web operator of old). */
    public static final String DEFAULT_PERSON = "operator";

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** A person's token secret; null: requests go without a token. */
    private final java.util.function.Function<String, String> tokens;
    /** The person every request is signed as; null: the person the request names. */
    private final String person;

    public TestHttp(URI base) {
        this(base, null, null);
    }

    public TestHttp(URI base, java.util.function.Function<String, String> tokens, String person) {
        this.base = base;
        this.tokens = tokens;
        this.person = person;
    }

    /** The same server, every request signed as {@code handle}. */
    public TestHttp as(String handle) {
        return new TestHttp(base, tokens, handle);
    }

    /** The same server without any credential. */
    public TestHttp anonymous() {
        return new TestHttp(base, null, null);
    }

    private String[] signed(String path, String body, String... headers) {
        if (tokens == null || !needsToken(path)) {
            return headers;
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Authorization")) {
                return headers;
            }
        }
        String who = person != null ? person : named(path, body);
        String[] out = java.util.Arrays.copyOf(headers, headers.length + 2);
        out[headers.length] = "Authorization";
        out[headers.length + 1] = "Bearer " + tokens.apply(who);
        return out;
    }

    /** Ingest endpoints, Slack and the open endpoints take no person's token (a sender's goes in the test's headers). */
    static boolean needsToken(String path) {
        return !(path.startsWith("/api/alerts") || path.startsWith("/ingest/") || path.startsWith("/v2/")
                || path.startsWith("/slack/") || path.startsWith("/health") || path.startsWith("/metrics")
                || path.startsWith("/calendar/") || path.startsWith("/signin") || path.startsWith("/signout"));
    }

    /** The person a request names, as {@code by} in its JSON body or query; else {@link #DEFAULT_PERSON}. */
    public static String named(String path, String body) {
        if (body != null && body.strip().startsWith("{")) {
            try {
                JsonNode by = Json.MAPPER.readTree(body).get("by");
                if (by != null && by.isTextual() && handle(by.asText().strip().replaceFirst("^@", ""))) {
                    return by.asText().strip().replaceFirst("^@", "");
                }
            } catch (IOException | RuntimeException e) {
                // Not JSON (a test of bad input): the default person sends it.
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]by=([^&#]+)").matcher(path);
        if (m.find()) {
            try {
                String by = java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
                if (handle(by)) {
                    return by;
                }
            } catch (IllegalArgumentException e) {
                // A malformed query (a test of bad input): the default person sends it.
            }
        }
        return DEFAULT_PERSON;
    }

    private static boolean handle(String s) {
        return s.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    }

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return Json.parse(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path, String... headers) {
        return send(request(path, signed(path, null, headers)).GET().build());
    }

    public Response postJson(String path, String json, String... headers) {
        return post(path, "application/json", json, headers);
    }

    public Response post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = request(path, signed(path, body, headers)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    public Response delete(String path, String... headers) {
        return send(request(path, signed(path, null, headers)).DELETE().build());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
