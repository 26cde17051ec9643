package dev.watchkeeper.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.watchkeeper.migrate.ExportFiles.path;
import static dev.watchkeeper.migrate.ExportFiles.text;
import static dev.watchkeeper.migrate.ExportFiles.time;

/**
 * PagerDuty REST API v2 pages saved as JSON: {@code GET /incidents} ({@code {"incidents": [...],
 * "limit", "offset", "total", "more"}}), {@code GET /log_entries} or {@code /incidents/{id}/log_entries}
 * ({@code "log_entries"}) and {@code GET /incidents/{id}/alerts} ({@code "alerts"}). One incident is one
 * occurrence; its log entries say who acknowledged and resolved it and how, annotations become its
 * note, and its first alert names it. Without log entries, {@code acknowledgements} and
 * {@code last_status_change_by} stand in.
 */
final class PagerDutyExport implements Converter {

    static final Set<String> STATUSES = Set.of("triggered", "acknowledged", "resolved");

    private record Entry(Instant at, String type, JsonNode agent, String note) {
    }

    @Override
    public Conversion convert(Path dir, DecisionMap decisions, People people, Instant latest) {
        Conversion c = new Conversion(Tool.PAGERDUTY, decisions, people);
        Problems problems = c.problems();
        int[] budget = {Limits.MAX_RECORDS};
        Dedup<Boolean> incidentIds = new Dedup<>();
        Dedup<Boolean> entryIds = new Dedup<>();
        Dedup<Boolean> alertIds = new Dedup<>();
        List<ExportFiles.Rec> incidents = new ArrayList<>();
        Map<String, List<Entry>> entries = new HashMap<>();
        Map<String, ExportFiles.Rec> firstAlert = new HashMap<>();
        Map<String, Integer> alertCount = new HashMap<>();
        for (Path file : ExportFiles.list(dir, "json")) {
            ExportFiles.Page page = ExportFiles.read(file, problems, budget);
            for (ExportFiles.Rec r : page.records()) {
                ObjectNode n = r.node();
                String id = text(n, "id");
                String type = text(n, "type");
                String wrapper = page.wrapper() == null ? "" : page.wrapper();
                if (id == null) {
                    problems.add(r.file(), r.line(), "id: is required");
                    c.skip("no id");
                } else if (wrapper.equals("incidents") || "incident".equals(type)) {
                    c.read("incidents");
                    if (incidentIds.first(id, true)) {
                        incidents.add(r);
                    }
                } else if (wrapper.equals("log_entries") || (type != null && type.endsWith("_log_entry"))) {
                    c.read("log entries");
                    if (!entryIds.first(id, true)) {
                        continue;
                    }
                    String incident = path(n, "incident", "id");
                    if (incident == null) {
                        incident = Converter.stem(file);
                    }
                    Instant at = time(r, n, "created_at", problems, latest);
                    if (at != null && type != null) {
                        String note = "annotate_log_entry".equals(type) ? path(n, "channel", "summary") : null;
                        entries.computeIfAbsent(incident, k -> new ArrayList<>()).add(new Entry(at, type, n.get("agent"), note));
                    }
                } else if (wrapper.equals("alerts") || "alert".equals(type)) {
                    c.read("alerts");
                    if (!alertIds.first(id, true)) {
                        continue;
                    }
                    String incident = path(n, "incident", "id");
                    if (incident == null) {
                        problems.add(r.file(), r.line(), "incident.id: is required on an alert");
                        c.skip("alert without incident");
                        continue;
                    }
                    alertCount.merge(incident, 1, Integer::sum);
                    ExportFiles.Rec prev = firstAlert.get(incident);
                    if (prev == null || String.valueOf(text(n, "created_at")).compareTo(String.valueOf(text(prev.node(), "created_at"))) < 0) {
                        firstAlert.put(incident, r);
                    }
                } else {
                    problems.add(r.file(), r.line(), "neither an incident, a log entry nor an alert");
                    c.skip("unknown record");
                }
            }
        }
        for (int i = 0; i < incidentIds.duplicates + entryIds.duplicates + alertIds.duplicates; i++) {
            c.skip("duplicate (same id in another page)");
        }
        for (ExportFiles.Rec r : incidents) {
            String id = text(r.node(), "id");
            convert(c, r, entries.getOrDefault(id, List.of()), firstAlert.get(id), alertCount.getOrDefault(id, 0), latest);
        }
        return c;
    }

    private void convert(Conversion c, ExportFiles.Rec r, List<Entry> log, ExportFiles.Rec alert, int alerts, Instant latest) {
        Problems problems = c.problems();
        ObjectNode inc = r.node();
        String id = text(inc, "id");
        Instant created = time(r, inc, "created_at", problems, latest);
        if (created == null) {
            if (text(inc, "created_at") == null) {
                problems.add(r.file(), r.line(), "created_at: is required");
            }
            c.skip("no usable created_at");
            return;
        }
        String status = text(inc, "status");
        if (status == null || !STATUSES.contains(status)) {
            problems.add(r.file(), r.line(), "status: must be one of triggered, acknowledged, resolved; was '" + status + "'");
            c.skip("unknown status");
            return;
        }
        Instant ackAt = null;
        String ackBy = null;
        Instant resolvedAt = null;
        String resolvedBy = null;
        boolean resolvedByUser = false;
        List<String> notes = new ArrayList<>();
        List<Entry> sorted = new ArrayList<>(log);
        sorted.sort(Comparator.comparing(Entry::at));
        for (Entry e : sorted) {
            switch (e.type()) {
                case "acknowledge_log_entry" -> {
                    if (ackAt == null) {
                        ackAt = e.at();
                        ackBy = who(e.agent(), c.people());
                    }
                }
                case "resolve_log_entry" -> {
                    resolvedAt = e.at();
                    resolvedByUser = "user_reference".equals(text(e.agent(), "type"));
                    resolvedBy = resolvedByUser ? who(e.agent(), c.people()) : null;
                }
                case "annotate_log_entry" -> {
                    if (e.note() != null && notes.size() < 10) {
                        notes.add(e.note());
                    }
                }
                default -> {
                }
            }
        }
        if (log.isEmpty()) {
            JsonNode first = inc.path("acknowledgements").path(0);
            if (first.isObject()) {
                ackAt = time(r, first, "at", problems, latest);
                ackBy = who(first.get("acknowledger"), c.people());
            }
            if ("resolved".equals(status)) {
                resolvedAt = time(r, inc, inc.hasNonNull("resolved_at") ? "resolved_at" : "last_status_change_at", problems, latest);
                JsonNode by = inc.get("last_status_change_by");
                resolvedByUser = "user_reference".equals(text(by, "type"));
                resolvedBy = resolvedByUser ? who(by, c.people()) : null;
            } else if ("acknowledged".equals(status) && ackAt == null) {
                ackAt = time(r, inc, "last_status_change_at", problems, latest);
            }
        }
        String key = switch (status) {
            case "resolved" -> resolvedByUser ? "resolved-by-user" : ackAt != null ? "resolved-after-ack" : "resolved";
            default -> status;
        };
        JsonNode a = alert == null ? null : alert.node();
        JsonNode details = a == null ? null : firstObject(a.path("body").get("details"),
                a.path("body").path("cef_details").get("details"));
        String alertname = details == null ? null : text(details, "alertname");
        if (alertname == null && details != null) {
            alertname = path(details, "labels", "alertname");
        }
        String title = text(inc, "title");
        if (alertname == null) {
            alertname = title;
        }
        if (alertname == null) {
            problems.add(r.file(), r.line(), "title: is required (no alert with details.alertname either)");
            c.skip("no alert name");
            return;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        String service = path(inc, "service", "summary");
        if (service != null) {
            labels.put("service", service);
        }
        if (details != null && details.path("labels").isObject()) {
            Converter.strings(details.get("labels")).forEach(labels::putIfAbsent);
            labels.remove("alertname");
        }
        String urgency = text(inc, "urgency");
        if (urgency != null) {
            labels.put("urgency", urgency);
        }
        String priority = path(inc, "priority", "summary");
        if (priority != null) {
            labels.put("priority", priority);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        if (title != null) {
            annotations.put("summary", title);
        }
        if (text(inc, "incident_number") != null) {
            annotations.put("incident_number", text(inc, "incident_number"));
        }
        if (text(inc, "html_url") != null) {
            annotations.put("pagerduty_url", text(inc, "html_url"));
        }
        if (alerts > 0) {
            annotations.put("alerts", String.valueOf(alerts));
        }
        String fallback = "high".equals(urgency) ? "error" : "warning";
        String severity = Converter.severity(a == null ? null : text(a, "severity"), fallback);
        c.add(r, new Conversion.Occurrence(id, alertname, severity, labels, annotations, created,
                "resolved".equals(status) ? resolvedAt : null, key, ackAt, ackBy, resolvedAt, resolvedBy, null, null,
                notes.isEmpty() ? null : String.join(" / ", notes)));
    }

    /** The mapping key of an agent: its user id, or its name (summary) when only that is mapped. */
    private static String who(JsonNode agent, People people) {
        if (agent == null || !agent.isObject()) {
            return null;
        }
        String id = text(agent, "id");
        String name = text(agent, "summary");
        if (id != null && people.find(id).isPresent()) {
            return id;
        }
        if (name != null && people.find(name).isPresent()) {
            return name;
        }
        return id != null ? id : name;
    }

    private static JsonNode firstObject(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n != null && n.isObject() && !n.isEmpty()) {
                return n;
            }
        }
        return null;
    }
}
