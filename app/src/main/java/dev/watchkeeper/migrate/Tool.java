package dev.watchkeeper.migrate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The paging tools a team can move in from, by the name the command line uses. */
public enum Tool {
    OPSGENIE("opsgenie", "Opsgenie"),
    GRAFANA_ONCALL("grafana-oncall", "Grafana OnCall"),
    PAGERDUTY("pagerduty", "PagerDuty");

    private final String id;
    private final String title;

    Tool(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public static Optional<Tool> of(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.id.equals(n) || t.name().toLowerCase(Locale.ROOT).equals(n))
                .findFirst();
    }
}
