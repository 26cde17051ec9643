package dev.watchkeeper.ingest;

import dev.watchkeeper.triage.IncomingAlert;
import dev.watchkeeper.triage.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.Bounds;
import dev.watchkeeper.core.FieldReader;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * PagerDuty Events API v2 alert events ({@code POST /v2/enqueue}):
 * <pre>{"routing_key": "...", "event_action": "trigger", "dedup_key": "...", "client": "...", "client_url": "...",
 *  "payload": {"summary": "...", "source": "...", "severity": "critical|error|warning|info", "timestamp": "...",
 *              "component": "...", "group": "...", "class": "...", "custom_details": {...}},
 *  "links": [{"href": "...", "text": "..."}], "images": [{"src": "...", "href": "...", "alt": "..."}]}</pre>
 * The {@code dedup_key} is the alert's fingerprint. Alert name: {@code payload.class}, else the summary
 * without a leading status tag such as Alertmanager's {@code [FIRING:2]}. Service: {@code component}, else
 * {@code group}.
 */
@Singleton
public class EventsV2Parser {

    public static final List<String> ACTIONS = List.of("trigger", "acknowledge", "resolve");
    private static final Pattern STATUS_TAG = Pattern.compile("^\\[[A-Z]+(:\\d+)?]\\s*");

    /** One parsed event. {@code alert} is the alert to store (null for acknowledge). */
    public record Event(String action, String dedupKey, IncomingAlert alert) {
    }

    /** The routing key alone, read before anything else so the sender can be authenticated first. */
    public String routingKey(JsonNode root) {
        FieldReader r = new FieldReader();
        if (!r.requireObject(root, "")) {
            r.throwIfAny();
        }
        String key = r.text(root, "", "routing_key", true);
        r.throwIfAny();
        return key;
    }

    public Event parse(JsonNode root, Instant receivedAt) {
        FieldReader r = new FieldReader();
        String action = r.text(root, "", "event_action", true);
        if (action != null && !ACTIONS.contains(action)) {
            r.fail("event_action", "must be one of trigger, acknowledge, resolve; was '" + action + "'");
        }
        String dedupKey = r.text(root, "", "dedup_key", false);
        if (dedupKey != null && dedupKey.length() > 255) {
            r.fail("dedup_key", "must be at most 255 characters, was " + dedupKey.length());
        }
        if (("acknowledge".equals(action) || "resolve".equals(action)) && (dedupKey == null || dedupKey.isBlank())) {
            r.fail("dedup_key", "is required for " + action);
        }
        if (!"trigger".equals(action)) {
            r.throwIfAny();
            return new Event(action, dedupKey,
                    "resolve".equals(action) ? IncomingAlert.resolved(dedupKey, receivedAt) : null);
        }

        JsonNode payload = root.get("payload");
        if (payload == null || payload.isNull()) {
            r.fail("payload", "is required for trigger");
            r.throwIfAny();
        }
        if (!r.requireObject(payload, "payload")) {
            r.throwIfAny();
        }
        String summary = r.text(payload, "payload", "summary", true);
        if (summary != null && summary.length() > 1024) {
            r.fail("payload.summary", "must be at most 1024 characters, was " + summary.length());
        }
        String source = r.text(payload, "payload", "source", true);
        String rawSeverity = r.text(payload, "payload", "severity", true);
        if (rawSeverity != null && Severity.parse(rawSeverity).isEmpty()) {
            r.fail("payload.severity", Severity.ONE_OF + "; was '" + rawSeverity + "'");
        }
        Instant timestamp = timestamp(r.text(payload, "payload", "timestamp", false), r);
        String component = r.text(payload, "payload", "component", false);
        String group = r.text(payload, "payload", "group", false);
        String cls = r.text(payload, "payload", "class", false);
        String client = r.text(root, "", "client", false);
        String clientUrl = r.text(root, "", "client_url", false);
        JsonNode details = payload.get("custom_details");
        JsonNode links = arrayOfObjects(root, "links", r);
        JsonNode images = arrayOfObjects(root, "images", r);
        r.throwIfAny();

        Map<String, String> labels = new LinkedHashMap<>();
        putIfPresent(labels, "source", source);
        putIfPresent(labels, "component", component);
        putIfPresent(labels, "group", group);
        putIfPresent(labels, "class", cls);
        putIfPresent(labels, "severity", rawSeverity);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        putIfPresent(annotations, "client", client);
        putIfPresent(annotations, "client_url", clientUrl);
        if (details != null && !details.isNull()) {
            if (details.isObject()) {
                details.properties().forEach(e -> annotations.putIfAbsent(e.getKey(),
                        e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
            } else {
                annotations.put("custom_details", details.isValueNode() ? details.asText() : details.toString());
            }
        }
        if (links != null && !links.isEmpty()) {
            annotations.put("links", links.toString());
        }
        if (images != null && !images.isEmpty()) {
            annotations.put("images", images.toString());
        }
        String alertname = cls != null && !cls.isBlank() ? cls : STATUS_TAG.matcher(summary).replaceFirst("");
        if (alertname.length() > 200) {
            alertname = alertname.substring(0, 200);
        }
        String service = component != null && !component.isBlank() ? component : group;
        if (dedupKey == null || dedupKey.isBlank()) {
            // Like PagerDuty: a trigger without a dedup_key is a new alert with a generated key.
            dedupKey = UUID.randomUUID().toString().replace("-", "");
        }
        String generatorUrl = clientUrl;
        if (generatorUrl == null && links != null && !links.isEmpty() && links.get(0).hasNonNull("href")) {
            generatorUrl = links.get(0).get("href").asText();
        }
        if (timestamp != null) {
            annotations.put("timestamp", timestamp.toString());
        }
        // No start time: a trigger for a dedup_key that is still open is the same alert again (PagerDuty
        // appends it to the alert's log), whatever its timestamp; only a trigger after a resolve re-fires.
        IncomingAlert alert = new IncomingAlert(dedupKey, alertname, rawSeverity, service, summary, labels,
                annotations, generatorUrl, true, null, null, null);
        return new Event(action, dedupKey, alert);
    }

    /** ISO 8601 with an offset, as PagerDuty takes it: {@code 2015-07-17T08:42:58.315+0000} or RFC 3339. */
    private static final DateTimeFormatter ISO_8601 = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private static Instant timestamp(String raw, FieldReader r) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Bounds.check(OffsetDateTime.parse(raw.strip(), ISO_8601).toInstant(), "payload.timestamp", r);
        } catch (DateTimeParseException e) {
            r.fail("payload.timestamp", "is not an ISO 8601 time with an offset (e.g. 2026-03-01T04:12:00.000+0000): '"
                    + Bounds.cut(raw, 100) + "'");
            return null;
        }
    }

    private static JsonNode arrayOfObjects(JsonNode root, String name, FieldReader r) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            r.fail(name, "must be an array of objects, was " + FieldReader.kind(v));
            return null;
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                r.fail(name + "[" + i + "]", "must be an object, was " + FieldReader.kind(v.get(i)));
            }
        }
        return v;
    }

    private static void putIfPresent(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }
}
