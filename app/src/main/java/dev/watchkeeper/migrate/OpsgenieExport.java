package dev.watchkeeper.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.Json;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.watchkeeper.migrate.ExportFiles.text;
import static dev.watchkeeper.migrate.ExportFiles.time;

/**
 * Opsgenie's Alert API pages saved as JSON: {@code GET /v2/alerts} answers ({@code {"data": [...],
 * "paging": {...}, "took", "requestId"}}), and optionally, per alert, {@code GET /v2/alerts/{id}/logs}
 * and {@code /notes} answers saved as {@code logs/<alert id>[.<page>].json} and
 * {@code notes/<alert id>[.<page>].json}. A CSV export with the same field names as columns (header
 * matched ignoring case, spaces and underscores) is read too. Without logs, the acknowledgement and
 * closing times come from each alert's {@code report} ({@code ackTime}, {@code closeTime} in
 * milliseconds after {@code createdAt}, {@code acknowledgedBy}, {@code closedBy}).
 */
final class OpsgenieExport implements Converter {

    private record Log(Instant at, String text, String owner) {
    }

    @Override
    public Conversion convert(Path dir, DecisionMap decisions, People people, Instant latest) {
        Conversion c = new Conversion(Tool.OPSGENIE, decisions, people);
        Problems problems = c.problems();
        int[] budget = {Limits.MAX_RECORDS};
        Dedup<Boolean> alertIds = new Dedup<>();
        Dedup<Boolean> logIds = new Dedup<>();
        List<ExportFiles.Rec> alerts = new ArrayList<>();
        Map<String, List<Log>> logs = new HashMap<>();
        Map<String, List<Log>> notes = new HashMap<>();
        for (Path file : ExportFiles.list(dir, "json", "csv")) {
            String folder = file.getParent() == null || file.getParent().getFileName() == null ? ""
                    : file.getParent().getFileName().toString();
            List<ExportFiles.Rec> records = file.toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                    ? readCsv(file, problems, budget) : ExportFiles.read(file, problems, budget).records();
            for (ExportFiles.Rec r : records) {
                ObjectNode n = r.node();
                if (n.has("log") || n.has("note")) {
                    boolean isLog = n.has("log");
                    c.read(isLog ? "alert logs" : "alert notes");
                    String alertId = Converter.stem(file);
                    if (!folder.equals("logs") && !folder.equals("notes")) {
                        problems.add(r.file(), r.line(), (isLog ? "log" : "note") + " outside logs/ or notes/: save it as "
                                + (isLog ? "logs" : "notes") + "/<alert id>.json");
                        c.skip("log or note without its alert");
                        continue;
                    }
                    if (!logIds.first(alertId + "/" + folder + "/" + text(n, "offset") + "/" + text(n, "createdAt"), true)) {
                        continue;
                    }
                    Instant at = time(r, n, "createdAt", problems, latest);
                    if (at != null) {
                        (isLog ? logs : notes).computeIfAbsent(alertId, k -> new ArrayList<>())
                                .add(new Log(at, text(n, isLog ? "log" : "note"), text(n, "owner")));
                    }
                } else if (n.has("message") || n.has("tinyId")) {
                    c.read("alerts");
                    String id = text(n, "id");
                    if (id == null) {
                        problems.add(r.file(), r.line(), "id: is required");
                        c.skip("no id");
                    } else if (alertIds.first(id, true)) {
                        alerts.add(r);
                    }
                } else {
                    problems.add(r.file(), r.line(), "neither an alert (id, message) nor a log (log) nor a note (note)");
                    c.skip("unknown record");
                }
            }
        }
        for (int i = 0; i < alertIds.duplicates + logIds.duplicates; i++) {
            c.skip("duplicate (same id in another page)");
        }
        for (ExportFiles.Rec r : alerts) {
            String id = text(r.node(), "id");
            convert(c, r, logs.getOrDefault(id, List.of()), notes.getOrDefault(id, List.of()), latest);
        }
        return c;
    }

    private void convert(Conversion c, ExportFiles.Rec r, List<Log> logs, List<Log> notes, Instant latest) {
        Problems problems = c.problems();
        ObjectNode a = r.node();
        String id = text(a, "id");
        Instant created = time(r, a, "createdAt", problems, latest);
        if (created == null) {
            if (text(a, "createdAt") == null) {
                problems.add(r.file(), r.line(), "createdAt: is required");
            }
            c.skip("no usable createdAt");
            return;
        }
        String status = text(a, "status");
        if (!"open".equals(status) && !"closed".equals(status)) {
            problems.add(r.file(), r.line(), "status: must be open or closed; was '" + status + "'");
            c.skip("unknown status");
            return;
        }
        String message = text(a, "message");
        Map<String, String> labels = new LinkedHashMap<>();
        List<String> plainTags = new ArrayList<>();
        String alertname = null;
        for (JsonNode t : a.path("tags")) {
            String tag = t.asText().strip();
            int sep = Math.max(tag.indexOf(':'), tag.indexOf('='));
            if (sep > 0 && labels.size() < 20) {
                String k = tag.substring(0, sep).strip();
                String v = tag.substring(sep + 1).strip();
                if (k.equals("alertname")) {
                    alertname = v;
                } else {
                    labels.put(k, v);
                }
            } else if (!tag.isEmpty()) {
                plainTags.add(tag);
            }
        }
        if (alertname == null) {
            alertname = message;
        }
        if (alertname == null) {
            problems.add(r.file(), r.line(), "message: is required (no alertname: tag either)");
            c.skip("no alert name");
            return;
        }
        if (!plainTags.isEmpty()) {
            labels.put("tags", String.join(",", plainTags));
        }
        String alias = text(a, "alias");
        if (alias != null) {
            labels.put("alias", alias);
        }
        String priority = text(a, "priority");
        if (priority != null) {
            labels.put("priority", priority);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        if (message != null) {
            annotations.put("summary", message);
        }
        for (String f : List.of("tinyId", "count", "owner", "source")) {
            if (text(a, f) != null) {
                annotations.put(f, text(a, f));
            }
        }
        JsonNode report = a.path("report");
        Instant ackAt = null;
        String ackBy = null;
        Instant closedAt = null;
        String closedBy = null;
        List<Log> sorted = new ArrayList<>(logs);
        sorted.sort(java.util.Comparator.comparing(Log::at));
        for (Log l : sorted) {
            String t = l.text() == null ? "" : l.text().toLowerCase(Locale.ROOT);
            if (ackAt == null && t.contains("acknowledged") && !t.contains("unacknowledged")) {
                ackAt = l.at();
                ackBy = l.owner();
            } else if (closedAt == null && t.contains("closed")) {
                closedAt = l.at();
                closedBy = l.owner();
            }
        }
        if (ackAt == null && report.hasNonNull("ackTime")) {
            ackAt = created.plusMillis(report.get("ackTime").asLong());
            ackBy = text(report, "acknowledgedBy");
        }
        if (closedAt == null && report.hasNonNull("closeTime")) {
            closedAt = created.plusMillis(report.get("closeTime").asLong());
            closedBy = text(report, "closedBy");
        }
        boolean acknowledged = a.path("acknowledged").asBoolean(false) || ackAt != null;
        String key;
        if ("closed".equals(status)) {
            if (closedAt == null) {
                closedAt = time(r, a, "updatedAt", problems, latest);
            }
            key = isUser(closedBy, c.people()) ? "closed-by-user" : acknowledged ? "closed-after-ack" : "closed";
        } else if (a.path("snoozed").asBoolean(false)) {
            key = "snoozed";
        } else {
            key = acknowledged ? "acknowledged" : "open";
        }
        Instant snoozedAt = "snoozed".equals(key) ? time(r, a, "updatedAt", problems, latest) : null;
        if (ackAt == null && acknowledged) {
            ackAt = time(r, a, "updatedAt", problems, latest);
        }
        String note = notes.isEmpty() ? null : String.join(" / ", notes.stream()
                .sorted(java.util.Comparator.comparing(Log::at)).map(Log::text).filter(java.util.Objects::nonNull).toList());
        c.add(r, new Conversion.Occurrence(id, alertname, severity(priority), labels, annotations, created,
                "closed".equals(status) ? closedAt : null, key, ackAt == null ? snoozedAt : ackAt, ackBy, closedAt, closedBy,
                null, null, note));
    }

    /** Opsgenie names users by their login email; integrations and rules by a name without '@'. */
    private static boolean isUser(String who, People people) {
        return who != null && (who.contains("@") || people.find(who).isPresent());
    }

    static String severity(String priority) {
        if (priority == null) {
            return "warning";
        }
        return switch (priority.toUpperCase(Locale.ROOT)) {
            case "P1" -> "critical";
            case "P2" -> "error";
            case "P4", "P5" -> "info";
            default -> "warning";
        };
    }

    // ---- CSV export

    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("id", "id"), Map.entry("alertid", "id"), Map.entry("tinyid", "tinyId"),
            Map.entry("alias", "alias"), Map.entry("message", "message"), Map.entry("status", "status"),
            Map.entry("acknowledged", "acknowledged"), Map.entry("snoozed", "snoozed"), Map.entry("count", "count"),
            Map.entry("owner", "owner"), Map.entry("priority", "priority"), Map.entry("tags", "tags"),
            Map.entry("source", "source"), Map.entry("createdat", "createdAt"), Map.entry("updatedat", "updatedAt"),
            Map.entry("acknowledgedby", "report.acknowledgedBy"), Map.entry("closedby", "report.closedBy"),
            Map.entry("acktime", "report.ackTime"), Map.entry("closetime", "report.closeTime"));

    private static List<ExportFiles.Rec> readCsv(Path file, Problems problems, int[] budget) {
        List<ExportFiles.Rec> out = new ArrayList<>();
        try {
            if (Files.size(file) > Limits.MAX_FILE_BYTES) {
                problems.add(file, 1, "file is larger than " + Limits.MAX_FILE_BYTES / (1024 * 1024) + " MiB");
                return out;
            }
        } catch (IOException e) {
            problems.add(file, 1, "cannot read: " + e.getMessage());
            return out;
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (Reader in = Files.newBufferedReader(file); CSVParser csv = CSVParser.parse(in, format)) {
            Map<String, String> fieldOf = new LinkedHashMap<>();
            for (String h : csv.getHeaderNames()) {
                String norm = h.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
                if (COLUMNS.containsKey(norm)) {
                    fieldOf.put(h, COLUMNS.get(norm));
                }
            }
            for (String need : List.of("id", "message", "status", "createdAt")) {
                if (!fieldOf.containsValue(need)) {
                    problems.add(file, 1, "header: no column for " + need + " (columns: " + String.join(",", csv.getHeaderNames()) + ")");
                    return out;
                }
            }
            for (CSVRecord rec : csv) {
                int line = (int) rec.getParser().getCurrentLineNumber();
                if (--budget[0] < 0) {
                    throw new dev.watchkeeper.core.BadInputException("--alerts", "holds more than " + Limits.MAX_RECORDS + " records");
                }
                ObjectNode n = Json.object();
                for (var e : fieldOf.entrySet()) {
                    String v = rec.isMapped(e.getKey()) && rec.isSet(e.getKey()) ? rec.get(e.getKey()) : "";
                    if (v.isEmpty()) {
                        continue;
                    }
                    String f = e.getValue();
                    switch (f) {
                        case "tags" -> {
                            ArrayNode tags = n.putArray("tags");
                            for (String t : v.split(",")) {
                                if (!t.isBlank()) {
                                    tags.add(t.strip());
                                }
                            }
                        }
                        case "acknowledged", "snoozed" -> n.put(f, Boolean.parseBoolean(v));
                        case "createdAt", "updatedAt" -> n.put(f, csvTime(v));
                        default -> {
                            if (f.startsWith("report.")) {
                                ObjectNode rep = n.has("report") ? (ObjectNode) n.get("report") : n.putObject("report");
                                String k = f.substring(7);
                                if (k.endsWith("Time")) {
                                    try {
                                        rep.put(k, Long.parseLong(v));
                                    } catch (NumberFormatException ex) {
                                        problems.add(file, line, k + ": must be milliseconds, was '" + v + "'");
                                    }
                                } else {
                                    rep.put(k, v);
                                }
                            } else {
                                n.put(f, v);
                            }
                        }
                    }
                }
                out.add(new ExportFiles.Rec(file, line, n));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof dev.watchkeeper.core.BadInputException b) {
                throw b;
            }
            problems.add(file, 1, "is not valid CSV: " + e.getMessage());
        }
        return out;
    }

    /** CSV cells hold RFC 3339 times or epoch milliseconds; both become RFC 3339. */
    private static String csvTime(String v) {
        if (v.matches("\\d{10,13}")) {
            long n = Long.parseLong(v);
            return Instant.ofEpochMilli(v.length() == 10 ? n * 1000 : n).toString();
        }
        return v;
    }
}
