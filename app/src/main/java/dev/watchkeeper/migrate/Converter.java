package dev.watchkeeper.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.triage.Severity;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns one tool's saved export into history lines. */
public interface Converter {

    /** Reads every export file under {@code dir}; never throws for bad records (they become problems). */
    Conversion convert(Path dir, DecisionMap decisions, People people, Instant latest);

    static Converter of(Tool tool) {
        return switch (tool) {
            case GRAFANA_ONCALL -> new GrafanaOnCallExport();
            case OPSGENIE -> new OpsgenieExport();
            case PAGERDUTY -> new PagerDutyExport();
        };
    }

    /** String-valued fields of an object (at most 40), e.g. a payload's labels. */
    static Map<String, String> strings(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            var it = n.fields();
            while (it.hasNext() && out.size() < 40) {
                var e = it.next();
                if (e.getValue().isValueNode() && !e.getValue().isNull() && !e.getKey().isBlank()) {
                    out.put(ExportFiles.clip(e.getKey(), 100), e.getValue().asText());
                }
            }
        }
        return out;
    }

    static String severity(String raw, String fallback) {
        if (raw == null) {
            return fallback;
        }
        return Severity.normaliseName(raw).orElse(fallback);
    }

    /**
     * Keeps the first record of each id; a later copy (a page saved twice, overlapping page ranges) is
     * counted, not imported twice.
     */
    final class Dedup<T> {
        private final Map<String, T> seen = new HashMap<>();
        int duplicates;

        boolean first(String id, T value) {
            if (seen.putIfAbsent(id, value) != null) {
                duplicates++;
                return false;
            }
            return true;
        }
    }

    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.indexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }
}
