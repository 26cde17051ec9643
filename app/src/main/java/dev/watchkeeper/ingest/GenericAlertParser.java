package dev.watchkeeper.ingest;

import dev.watchkeeper.triage.IncomingAlert;
import dev.watchkeeper.triage.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.Json;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;

/**
 * Watchkeeper's own small alert format, for scripts and checks that are not Alertmanager:
 * <pre>{"alertname": "FeatureNullRateHigh", "severity": "warning", "service": "ranker",
 *  "summary": "null rate of user_age at 31%", "labels": {"feature": "user_age"},
 *  "annotations": {"value": "0.31"}, "status": "firing", "startsAt": "2026-03-01T04:12:00Z"}</pre>
 * Only {@code alertname} is required.
 */
@Singleton
public class GenericAlertParser {

    public IncomingAlert parse(String body, Instant receivedAt) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        IncomingAlert alert = parse(root, "", r, receivedAt);
        r.throwIfAny();
        return alert;
    }

    public IncomingAlert parse(JsonNode node, String path, FieldReader r, Instant receivedAt) {
        String alertname = r.text(node, path, "alertname", true);
        String rawSeverity = r.text(node, path, "severity", false);
        String severity = "warning";
        if (rawSeverity != null) {
            severity = Severity.normaliseName(rawSeverity).orElse(null);
            if (severity == null) {
                r.fail(FieldReader.path(path, "severity"), Severity.ONE_OF + "; was '" + rawSeverity + "'");
            }
        }
        Map<String, String> labels = r.stringMap(node, path, "labels");
        Map<String, String> annotations = r.stringMap(node, path, "annotations");
        String service = r.text(node, path, "service", false);
        if (service == null) {
            service = labels.get("service");
        } else {
            labels.putIfAbsent("service", service);
        }
        String summary = r.text(node, path, "summary", false);
        if (summary == null) {
            summary = annotations.get("summary");
        }
        String status = r.text(node, path, "status", false);
        boolean firing = true;
        if (status != null) {
            switch (status) {
                case "firing" -> firing = true;
                case "resolved" -> firing = false;
                default -> r.fail(FieldReader.path(path, "status"), "must be 'firing' or 'resolved'; was '" + status + "'");
            }
        }
        Instant startsAt = r.instant(node, path, "startsAt", false);
        Instant endsAt = r.instant(node, path, "endsAt", false);
        if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
            r.fail(FieldReader.path(path, "endsAt"), "is before startsAt");
        }
        String fingerprint = r.text(node, path, "fingerprint", false);
        String generatorUrl = r.text(node, path, "generatorURL", false);
        if (alertname == null || !r.ok()) {
            return null;
        }
        if (fingerprint == null || fingerprint.isBlank()) {
            fingerprint = Fingerprints.ofLabels(alertname, labels);
        }
        if (!firing && endsAt == null) {
            endsAt = receivedAt;
        }
        return new IncomingAlert(fingerprint, alertname, severity, service, summary, labels, annotations,
                generatorUrl, firing, startsAt == null ? receivedAt : startsAt, endsAt, null);
    }
}
