package dev.watchkeeper.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.ingest.Fingerprints;
import dev.watchkeeper.triage.IncomingAlert;
import dev.watchkeeper.triage.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One line of a history file (DESIGN.md, "Interchange: history files"): one alert occurrence and the
 * decision people made about it, if any.
 */
public record HistoryLine(String id, String source, String alertname, String severity, Map<String, String> labels,
                          Map<String, String> annotations, Instant startsAt, Instant endsAt, String action,
                          Instant actionAt, String actor, String note, String raw) {

    static final Set<String> ACTIONS = Set.of("acted", "ack", "noise", "none");

    /** The line, or every problem with it. */
    public static Parsed parse(String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (Exception e) {
            return new Parsed(null, List.of(new FieldError("line", "is not valid JSON")));
        }
        FieldReader r = new FieldReader();
        if (!r.requireObject(node, "")) {
            return new Parsed(null, List.of(new FieldError("line", "must be a JSON object")));
        }
        String id = r.text(node, "", "id", true);
        String source = r.text(node, "", "source", false);
        String alertname = r.text(node, "", "alertname", true);
        String rawSeverity = r.text(node, "", "severity", false);
        String severity = "warning";
        if (rawSeverity != null) {
            severity = Severity.normaliseName(rawSeverity).orElse(null);
            if (severity == null) {
                r.fail("severity", Severity.ONE_OF + "; was '" + rawSeverity + "'");
            }
        }
        Map<String, String> labels = r.stringMap(node, "", "labels");
        Map<String, String> annotations = r.stringMap(node, "", "annotations");
        Instant startsAt = r.instant(node, "", "startsAt", true);
        Instant endsAt = r.instant(node, "", "endsAt", false);
        if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
            r.fail("endsAt", "is before startsAt");
        }
        String action = null;
        Instant actionAt = null;
        String actor = null;
        String note = null;
        JsonNode outcome = node.get("outcome");
        if (outcome != null && !outcome.isNull()) {
            if (!outcome.isObject()) {
                r.fail("outcome", "must be an object or null, was " + FieldReader.kind(outcome));
            } else {
                action = r.text(outcome, "outcome", "action", true);
                if (action != null && !ACTIONS.contains(action)) {
                    r.fail("outcome.action", "must be one of acted, ack, noise, none; was '" + action + "'");
                }
                actionAt = r.instant(outcome, "outcome", "at", action != null && !"none".equals(action));
                actor = r.text(outcome, "outcome", "by", false);
                note = r.text(outcome, "outcome", "note", false);
                if (actionAt != null && startsAt != null && actionAt.isBefore(startsAt)) {
                    r.fail("outcome.at", "is before startsAt");
                }
            }
        }
        if (!r.ok()) {
            return new Parsed(null, r.errors());
        }
        return new Parsed(new HistoryLine(id, source == null ? "import" : source, alertname, severity, labels,
                annotations, startsAt, endsAt, "none".equals(action) ? null : action, actionAt,
                actor == null || actor.isBlank() ? "import" : actor, note, text), List.of());
    }

    public record Parsed(HistoryLine line, List<FieldError> errors) {
    }

    String fingerprint() {
        return Fingerprints.ofLabels(alertname, labels);
    }

    IncomingAlert firing() {
        return new IncomingAlert(fingerprint(), alertname, severity, labels.get("service"), annotations.get("summary"),
                labels, annotations, null, true, startsAt, null, id);
    }

    IncomingAlert resolved() {
        return new IncomingAlert(fingerprint(), alertname, severity, labels.get("service"), annotations.get("summary"),
                labels, annotations, null, false, startsAt, endsAt, id);
    }
}
