package dev.watchkeeper.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.watchkeeper.core.Json;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /slack/events}: slash commands, interactivity and the Events API. Verifies Slack's
 * request signature, turns the request into a Bolt request, runs the Bolt app, and turns its answer back.
 */
@Controller("/slack")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SlackController {

    private static final Logger LOG = LoggerFactory.getLogger(SlackController.class);
    /** Slack's signing docs: reject requests whose timestamp is more than five minutes away from now. */
    private static final long MAX_SKEW_MILLIS = 5 * 60 * 1000L;

    private final SlackConfig config;
    private final Optional<App> app;
    private final Optional<SlackRequestParser> parser;
    private final SlackSignature.Verifier verifier;
    private final Clock clock;

    public SlackController(SlackConfig config, Optional<App> app, Optional<AppConfig> appConfig, Clock clock) {
        this.config = config;
        this.app = app;
        this.parser = appConfig.map(SlackRequestParser::new);
        this.verifier = SlackConfig.set(config.signingSecret())
                ? new SlackSignature.Verifier(new SlackSignature.Generator(config.signingSecret())) : null;
        this.clock = clock;
    }

    @Post(uri = "/events", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON},
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> events(HttpRequest<?> request, @Nullable @Body String body) {
        if (app.isEmpty() || parser.isEmpty()) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "Slack is not configured: set SLACK_BOT_TOKEN and "
                    + "SLACK_SIGNING_SECRET (see the README, \"Connect Slack\")");
        }
        if (config.socketMode()) {
            return error(HttpStatus.NOT_FOUND, "Slack uses Socket Mode here (SLACK_APP_TOKEN is set); "
                    + "requests do not come over HTTP");
        }
        String raw = body == null ? "" : body;
        String timestamp = request.getHeaders().get(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
        String signature = request.getHeaders().get(SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return error(HttpStatus.UNAUTHORIZED, "missing X-Slack-Request-Timestamp or X-Slack-Signature header");
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.strip()) * 1000L;
        } catch (NumberFormatException e) {
            return error(HttpStatus.UNAUTHORIZED, "X-Slack-Request-Timestamp is not a number of seconds");
        }
        long now = clock.millis();
        if (Math.abs(now - sentAt) > MAX_SKEW_MILLIS) {
            return error(HttpStatus.UNAUTHORIZED, "X-Slack-Request-Timestamp is more than 5 minutes from now");
        }
        if (!verifier.isValid(timestamp, raw, signature, now)) {
            return error(HttpStatus.UNAUTHORIZED, "X-Slack-Signature does not match the request");
        }
        Map<String, List<String>> headers = new HashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
        Map<String, List<String>> query = new HashMap<>();
        request.getParameters().forEach((name, values) -> query.put(name, values));
        String malformed = malformed(raw, request.getContentType().orElse(null));
        if (malformed != null) {
            return error(HttpStatus.BAD_REQUEST, malformed);
        }
        Request<?> boltRequest;
        try {
            boltRequest = parser.get().parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(request.getPath())
                    .queryString(query)
                    .headers(new RequestHeaders(headers))
                    .requestBody(raw)
                    .remoteAddress(remote(request))
                    .build());
        } catch (RuntimeException e) {
            return error(HttpStatus.BAD_REQUEST, "body: not a Slack request this app understands");
        }
        if (boltRequest == null) {
            return error(HttpStatus.BAD_REQUEST, "body: not a Slack request this app understands");
        }
        try {
            return toMicronaut(app.get().run(boltRequest));
        } catch (dev.watchkeeper.core.BadInputException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (Exception e) {
            LOG.error("Slack request failed", e);
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "the request could not be handled; the error was logged");
        }
    }

    /**
     * What is wrong with a signed body that Bolt would choke on, or null: a form's {@code payload} must be a JSON
     * object, and a slash command or interaction must name the user who sent it.
     */
    static String malformed(String raw, MediaType type) {
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.getName().equals(type.getName())) {
            return null;
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                return "body: not a valid form (bad %-escape)";
            }
        }
        if (form.containsKey("payload")) {
            com.fasterxml.jackson.databind.JsonNode p;
            try {
                p = Json.parse(form.get("payload"));
            } catch (dev.watchkeeper.core.BadInputException e) {
                return "payload: is not valid JSON";
            }
            if (!p.isObject()) {
                return "payload: must be a JSON object";
            }
            com.fasterxml.jackson.databind.JsonNode user = p.get("user");
            if (user != null && (!user.isObject() || !user.path("id").isTextual() || user.path("id").asText().isBlank())) {
                return "payload.user.id: is required";
            }
            return null;
        }
        if (form.containsKey("command") && form.getOrDefault("user_id", "").isBlank()) {
            return "user_id: is required";
        }
        return null;
    }

    private static String remote(HttpRequest<?> request) {
        InetSocketAddress a = request.getRemoteAddress();
        return a == null || a.getAddress() == null ? null : a.getAddress().getHostAddress();
    }

    private static HttpResponse<String> toMicronaut(Response r) {
        MutableHttpResponse<String> out = HttpResponse.status(HttpStatus.valueOf(r.getStatusCode()));
        if (r.getHeaders() != null) {
            r.getHeaders().forEach((name, values) -> values.forEach(v -> out.header(name, v)));
        }
        if (r.getBody() != null) {
            out.body(r.getBody());
            out.contentType(r.getContentType() == null ? MediaType.TEXT_PLAIN : r.getContentType());
        }
        return out;
    }

    private static HttpResponse<String> error(HttpStatus status, String message) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(Json.write(new dev.watchkeeper.http.ApiError(message, List.of())));
    }
}
