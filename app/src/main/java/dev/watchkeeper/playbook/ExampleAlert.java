package dev.watchkeeper.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert to try matching against the playbooks: Watchkeeper's generic JSON ({@code alertname},
 * {@code service}, {@code severity}, {@code labels}) or an Alertmanager alert (name in {@code labels.alertname}).
 */
public record ExampleAlert(String alertname, Map<String, String> labels) {

    public static ExampleAlert parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new BadInputException("body", "is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        FieldReader r = new FieldReader();
        if (!r.requireObject(root, "")) {
            r.throwIfAny();
        }
        Map<String, String> labels = new LinkedHashMap<>(r.stringMap(root, "", "labels"));
        String name = r.text(root, "", "alertname", false);
        String service = r.text(root, "", "service", false);
        String severity = r.text(root, "", "severity", false);
        r.throwIfAny();
        if (name == null) {
            name = labels.get("alertname");
        }
        if (name == null || name.isBlank()) {
            throw new BadInputException("alertname", "is required (or labels.alertname)");
        }
        if (service != null) {
            labels.putIfAbsent("service", service);
        }
        if (severity != null) {
            labels.putIfAbsent("severity", severity);
        }
        labels.putIfAbsent("alertname", name);
        return new ExampleAlert(name, labels);
    }

    /** From {@code key=value} pairs, as the CLI's {@code --label} gives them. */
    public static ExampleAlert ofLabels(String alertname, List<String> pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--label", "'" + pair + "' is not key=value");
            }
            labels.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        String name = alertname != null ? alertname : labels.get("alertname");
        if (name == null || name.isBlank()) {
            throw new BadInputException("alertname", "is required: give --alertname NAME or --label alertname=NAME");
        }
        labels.putIfAbsent("alertname", name);
        return new ExampleAlert(name, labels);
    }
}
