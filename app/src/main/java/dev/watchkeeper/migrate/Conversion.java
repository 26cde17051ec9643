package dev.watchkeeper.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.ranking.HistoryLine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one export turned into: history lines (DESIGN.md, "Interchange: history files") in time order,
 * and the account of it: records read by kind, occurrences mapped by state, records skipped by reason,
 * problems by {@code file:line}.
 */
public final class Conversion {

    /**
     * One occurrence as the converter understood it. The decision's time and actor follow from the
     * mapped decision: {@code acted} at the resolution, {@code ack} at the acknowledgement, {@code noise}
     * at the silencing (each falling back to the others when the export lacks it).
     */
    public record Occurrence(String id, String alertname, String severity, Map<String, String> labels,
                             Map<String, String> annotations, Instant startsAt, Instant endsAt, String state,
                             Instant ackAt, String ackBy, Instant resolveAt, String resolveBy, Instant silenceAt,
                             String silenceBy, String note) {
    }

    private final Tool tool;
    private final DecisionMap decisions;
    private final People people;
    private final Problems problems = new Problems();
    private final Map<String, Integer> read = new TreeMap<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final Map<String, String> lines = new LinkedHashMap<>();
    private final Map<String, Instant> starts = new HashMap<>();
    private final Map<String, Integer> decided = new TreeMap<>();

    public Conversion(Tool tool, DecisionMap decisions, People people) {
        this.tool = tool;
        this.decisions = decisions;
        this.people = people;
    }

    public Problems problems() {
        return problems;
    }

    public void read(String kind) {
        read.merge(kind, 1, Integer::sum);
    }

    public void skip(String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    /** Maps one occurrence; {@code r} says where it came from for problems. */
    public void add(ExportFiles.Rec r, Occurrence o) {
        String decision = decisions.decide(o.state());
        Instant at = null;
        String by = null;
        switch (decision) {
            case "acted" -> {
                at = first(o.resolveAt(), o.ackAt(), o.silenceAt());
                by = at == o.resolveAt() ? o.resolveBy() : at == o.ackAt() ? o.ackBy() : o.silenceBy();
            }
            case "ack" -> {
                at = first(o.ackAt(), o.resolveAt(), o.silenceAt());
                by = at == o.ackAt() ? o.ackBy() : at == o.resolveAt() ? o.resolveBy() : o.silenceBy();
            }
            case "noise" -> {
                at = first(o.silenceAt(), o.resolveAt(), o.ackAt());
                by = at == o.silenceAt() ? o.silenceBy() : at == o.resolveAt() ? o.resolveBy() : o.ackBy();
            }
            default -> {
            }
        }
        ObjectNode line = Json.object();
        line.put("id", tool.id() + ":" + o.id());
        line.put("source", tool.id());
        line.put("alertname", ExportFiles.clip(o.alertname(), 200));
        line.put("severity", o.severity());
        ObjectNode labels = line.putObject("labels");
        o.labels().forEach((k, v) -> labels.put(k, ExportFiles.clip(v, 500)));
        ObjectNode ann = line.putObject("annotations");
        o.annotations().forEach((k, v) -> ann.put(k, ExportFiles.clip(v, 2000)));
        line.put("startsAt", o.startsAt().toString());
        Instant ends = o.endsAt() != null && o.endsAt().isBefore(o.startsAt()) ? o.startsAt() : o.endsAt();
        line.put("endsAt", ends == null ? null : ends.toString());
        if (!"none".equals(decision) && at == null) {
            problems.add(r.file(), r.line(), "state " + o.state() + " maps to " + decision
                    + " but the export holds no time for it; imported without a decision");
            decision = "none";
        }
        if (!"none".equals(decision)) {
            if (at.isBefore(o.startsAt())) {
                at = o.startsAt();
            }
            ObjectNode out = line.putObject("outcome");
            out.put("action", decision);
            out.put("at", at.toString());
            String handle = people.handleOf(by);
            if (handle != null) {
                out.put("by", handle);
            }
            if (o.note() != null) {
                out.put("note", ExportFiles.clip(o.note(), Limits.MAX_NOTE));
            }
        } else {
            line.putNull("outcome");
        }
        String text = Json.write(line);
        HistoryLine.Parsed parsed = HistoryLine.parse(text);
        if (parsed.line() == null) {
            for (FieldError e : parsed.errors()) {
                problems.add(r.file(), r.line(), e.field() + ": " + e.problem());
            }
            skip("invalid after conversion");
            return;
        }
        decided.merge(decision, 1, Integer::sum);
        lines.put(parsed.line().id(), text);
        starts.put(parsed.line().id(), o.startsAt());
    }

    private static Instant first(Instant... ts) {
        for (Instant t : ts) {
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** History lines, oldest first. */
    public List<String> lines() {
        List<String> ids = new ArrayList<>(lines.keySet());
        ids.sort(java.util.Comparator.comparing(starts::get));
        return ids.stream().map(lines::get).toList();
    }

    /** Records read by kind, in name order. */
    public Map<String, Integer> read() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(read));
    }

    /** Records skipped by reason, in name order. */
    public Map<String, Integer> skipped() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(skipped));
    }

    public Map<String, Integer> decided() {
        return Map.copyOf(decided);
    }

    public DecisionMap decisions() {
        return decisions;
    }

    public People people() {
        return people;
    }

    public Tool tool() {
        return tool;
    }

    public int mapped() {
        return lines.size();
    }
}
