package dev.watchkeeper.ingest;

import dev.watchkeeper.triage.IncomingAlert;
import dev.watchkeeper.triage.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.Json;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook notification ({@code version "4"}) and Grafana's webhook contact point (Grafana 9+
 * unified alerting, {@code version "1"}), which extends it:
 * <pre>{"version": "4", "status": "firing", "receiver": "watchkeeper", "groupKey": "...",
 *  "alerts": [{"status": "firing", "labels": {"alertname": "...", ...}, "annotations": {...},
 *              "startsAt": "...", "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "...", "fingerprint": "..."}],
 *  "groupLabels": {...}, "commonLabels": {...}, "commonAnnotations": {...}, "externalURL": "..."}</pre>
 * An alert's {@code fingerprint} identifies it; {@code status} resolved closes its occurrence.
 */
@Singleton
public class AlertmanagerParser {

    /** Alertmanager and Grafana send this (Go's zero time) as the end of an alert still firing. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /** Grafana's extra per-alert links and values, kept as annotations when present. */
    private static final List<String> GRAFANA_EXTRAS = List.of("dashboardURL", "panelURL", "silenceURL", "valueString");

    public List<IncomingAlert> parse(String body, Instant receivedAt) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        JsonNode list = root.get("alerts");
        if (list == null || list.isNull()) {
            r.fail("alerts", "is required: the list of alerts in the notification");
            r.throwIfAny();
        }
        if (!list.isArray()) {
            r.fail("alerts", "must be an array, was " + FieldReader.kind(list));
            r.throwIfAny();
        }
        String groupStatus = r.text(root, "", "status", false);
        List<IncomingAlert> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String path = "alerts[" + i + "]";
            JsonNode node = list.get(i);
            if (!r.requireObject(node, path)) {
                continue;
            }
            IncomingAlert a = parseAlert(node, path, groupStatus, r, receivedAt);
            if (a != null) {
                out.add(a);
            }
        }
        r.throwIfAny();
        return out;
    }

    private IncomingAlert parseAlert(JsonNode node, String path, String groupStatus, FieldReader r, Instant receivedAt) {
        JsonNode labelsNode = node.get("labels");
        if (labelsNode == null || labelsNode.isNull()) {
            r.fail(FieldReader.path(path, "labels"), "is required");
        }
        Map<String, String> labels = r.stringMap(node, path, "labels");
        Map<String, String> annotations = r.stringMap(node, path, "annotations");
        String status = r.text(node, path, "status", false);
        if (status == null) {
            status = groupStatus;
        }
        boolean firing = true;
        if (status == null) {
            r.fail(FieldReader.path(path, "status"), "is required: 'firing' or 'resolved'");
        } else if ("resolved".equals(status)) {
            firing = false;
        } else if (!"firing".equals(status)) {
            r.fail(FieldReader.path(path, "status"), "must be 'firing' or 'resolved'; was '" + status + "'");
        }
        Instant startsAt = zeroToNull(r.instant(node, path, "startsAt", false, GO_ZERO_TIME));
        Instant endsAt = zeroToNull(r.instant(node, path, "endsAt", false, GO_ZERO_TIME));
        String generatorUrl = r.text(node, path, "generatorURL", false);
        String fingerprint = r.text(node, path, "fingerprint", false);
        for (String extra : GRAFANA_EXTRAS) {
            JsonNode v = node.get(extra);
            if (v != null && v.isTextual() && !v.asText().isBlank()) {
                annotations.putIfAbsent(extra, v.asText());
            }
        }
        if (!r.ok()) {
            return null;
        }
        String alertname = labels.getOrDefault("alertname", "");
        if (alertname.isBlank()) {
            // Nothing is dropped for lack of a name: Alertmanager itself does not require one.
            alertname = "(no alertname)";
        }
        String severity = Severity.normaliseName(labels.get("severity")).orElse("warning");
        String summary = firstOf(annotations, "summary", "description", "message");
        if (fingerprint == null || fingerprint.isBlank()) {
            fingerprint = Fingerprints.ofLabels(alertname, labels);
        }
        if (firing) {
            // A firing alert's endsAt is only Alertmanager's guess of when it times out.
            endsAt = null;
        } else if (endsAt == null) {
            endsAt = receivedAt;
        }
        return new IncomingAlert(fingerprint, alertname, severity, labels.get("service"), summary, labels, annotations,
                generatorUrl, firing, startsAt == null ? receivedAt : startsAt, endsAt, null);
    }

    private static Instant zeroToNull(Instant t) {
        return t == null || !t.isAfter(GO_ZERO_TIME) ? null : t;
    }

    private static String firstOf(Map<String, String> m, String... keys) {
        for (String k : keys) {
            String v = m.get(k);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
