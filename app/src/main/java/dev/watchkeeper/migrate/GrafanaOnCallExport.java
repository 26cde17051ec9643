package dev.watchkeeper.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.watchkeeper.migrate.ExportFiles.path;
import static dev.watchkeeper.migrate.ExportFiles.text;
import static dev.watchkeeper.migrate.ExportFiles.time;

/**
 * Grafana OnCall's public API pages ({@code GET /api/v1/alert_groups/} and {@code GET /api/v1/alerts/},
 * each answer {@code {"count", "next", "previous", "results": [...]}}) saved as JSON files. One alert
 * group is one occurrence; its payload (the {@code last_alert}'s, or the newest alert of the group in
 * the alerts pages) gives the alert name and labels.
 */
final class GrafanaOnCallExport implements Converter {

    static final Set<String> STATES = Set.of("new", "acknowledged", "resolved", "silenced");

    @Override
    public Conversion convert(Path dir, DecisionMap decisions, People people, Instant latest) {
        Conversion c = new Conversion(Tool.GRAFANA_ONCALL, decisions, people);
        Problems problems = c.problems();
        int[] budget = {Limits.MAX_RECORDS};
        Dedup<Boolean> groupIds = new Dedup<>();
        Dedup<Boolean> alertIds = new Dedup<>();
        List<ExportFiles.Rec> groups = new ArrayList<>();
        Map<String, ExportFiles.Rec> newestAlert = new HashMap<>();
        for (Path file : ExportFiles.list(dir, "json")) {
            for (ExportFiles.Rec r : ExportFiles.read(file, problems, budget).records()) {
                ObjectNode n = r.node();
                String id = text(n, "id");
                if (id == null) {
                    problems.add(r.file(), r.line(), "id: is required");
                    c.skip("no id");
                } else if (n.has("alert_group_id") && n.has("payload")) {
                    c.read("alerts");
                    if (alertIds.first(id, true)) {
                        String group = text(n, "alert_group_id");
                        ExportFiles.Rec prev = newestAlert.get(group);
                        if (prev == null || String.valueOf(text(n, "created_at")).compareTo(String.valueOf(text(prev.node(), "created_at"))) > 0) {
                            newestAlert.put(group, r);
                        }
                    }
                } else if (n.has("state") || n.has("alerts_count")) {
                    c.read("alert groups");
                    if (groupIds.first(id, true)) {
                        groups.add(r);
                    }
                } else {
                    problems.add(r.file(), r.line(), "neither an alert group (state, alerts_count) nor an alert (alert_group_id, payload)");
                    c.skip("unknown record");
                }
            }
        }
        for (int i = 0; i < groupIds.duplicates + alertIds.duplicates; i++) {
            c.skip("duplicate (same id in another page)");
        }
        for (ExportFiles.Rec r : groups) {
            convert(c, r, newestAlert.get(text(r.node(), "id")), latest);
        }
        return c;
    }

    private void convert(Conversion c, ExportFiles.Rec r, ExportFiles.Rec alert, Instant latest) {
        Problems problems = c.problems();
        ObjectNode g = r.node();
        String id = text(g, "id");
        String state = text(g, "state");
        Instant created = time(r, g, "created_at", problems, latest);
        if (created == null) {
            if (text(g, "created_at") == null) {
                problems.add(r.file(), r.line(), "created_at: is required");
            }
            c.skip("no usable created_at");
            return;
        }
        if (state == null || !STATES.contains(state)) {
            problems.add(r.file(), r.line(), "state: must be one of new, acknowledged, resolved, silenced; was '" + state + "'");
            c.skip("unknown state");
            return;
        }
        Instant ackAt = time(r, g, "acknowledged_at", problems, latest);
        Instant resolvedAt = time(r, g, "resolved_at", problems, latest);
        Instant silencedAt = time(r, g, "silenced_at", problems, latest);
        String ackBy = text(g, "acknowledged_by");
        String resolvedBy = text(g, "resolved_by");
        String key;
        if ("silenced".equals(state) || silencedAt != null) {
            key = "silenced";
        } else if ("resolved".equals(state)) {
            key = resolvedBy != null ? "resolved-by-user" : ackAt != null ? "resolved-after-ack" : "resolved";
        } else {
            key = state;
        }
        JsonNode payload = g.path("last_alert").path("payload");
        if ((payload.isMissingNode() || payload.isNull()) && alert != null) {
            payload = alert.node().path("payload");
        }
        Map<String, String> labels = Converter.strings(first(payload.get("labels"), payload.get("commonLabels"),
                payload.path("alerts").path(0).get("labels")));
        Map<String, String> annotations = new LinkedHashMap<>(Converter.strings(first(payload.get("annotations"),
                payload.get("commonAnnotations"), payload.path("alerts").path(0).get("annotations"))));
        String title = text(g, "title");
        String alertname = labels.get("alertname");
        if (alertname == null) {
            alertname = text(payload, "ruleName");
        }
        if (alertname == null) {
            alertname = title;
        }
        if (alertname == null) {
            problems.add(r.file(), r.line(), "no alert name: neither the payload's labels.alertname, ruleName nor title");
            c.skip("no alert name");
            return;
        }
        labels.remove("alertname");
        if (labels.isEmpty() && text(g, "integration_id") != null) {
            labels.put("integration", text(g, "integration_id"));
        }
        if (title != null) {
            annotations.putIfAbsent("summary", title);
        }
        if (g.hasNonNull("alerts_count")) {
            annotations.put("alerts_count", g.get("alerts_count").asText());
        }
        String permalink = path(g, "permalinks", "web");
        if (permalink != null) {
            annotations.put("oncall_url", permalink);
        }
        c.add(r, new Conversion.Occurrence(id, alertname, Converter.severity(labels.get("severity"), "warning"),
                labels, annotations, created, "resolved".equals(state) ? resolvedAt : null, key,
                ackAt, ackBy, resolvedAt, resolvedBy, silencedAt, null, null));
    }

    private static JsonNode first(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n != null && n.isObject() && !n.isEmpty()) {
                return n;
            }
        }
        return null;
    }
}
