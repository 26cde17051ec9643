package dev.watchkeeper.migrate;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How each tool's states become Watchkeeper decisions (acted / ack / noise / none). The defaults are
 * the table in docs/migrating.md; {@code --map state=decision} changes one row. Counts what it mapped.
 */
public final class DecisionMap {

    public static final Set<String> DECISIONS = Set.of("acted", "ack", "noise", "none");

    public record Row(String state, String decision, String meaning) {
    }

    private final Tool tool;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();

    public DecisionMap(Tool tool, List<String> overrides) {
        this.tool = tool;
        for (Row r : defaults(tool)) {
            rows.put(r.state(), r);
        }
        List<FieldError> errors = new ArrayList<>();
        for (String o : overrides == null ? List.<String>of() : overrides) {
            int eq = o.indexOf('=');
            String state = eq < 0 ? o.strip() : o.substring(0, eq).strip();
            String decision = eq < 0 ? "" : o.substring(eq + 1).strip();
            Row old = rows.get(state);
            if (old == null) {
                errors.add(new FieldError("--map", "unknown " + tool.id() + " state '" + state + "'; known: "
                        + String.join(", ", rows.keySet())));
            } else if (!DECISIONS.contains(decision)) {
                errors.add(new FieldError("--map", state + ": decision must be one of acted, ack, noise, none; was '"
                        + decision + "'"));
            } else {
                rows.put(state, new Row(state, decision, old.meaning()));
            }
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
    }

    public static List<Row> defaults(Tool tool) {
        return switch (tool) {
            case GRAFANA_ONCALL -> List.of(
                    new Row("resolved-by-user", "acted", "state resolved, resolved_by a user"),
                    new Row("resolved-after-ack", "ack", "resolved by its source after someone acknowledged it"),
                    new Row("resolved", "none", "resolved by its source, never acknowledged"),
                    new Row("acknowledged", "ack", "state acknowledged"),
                    new Row("silenced", "noise", "state silenced (or silenced_at set)"),
                    new Row("new", "none", "state new (still firing, nobody touched it)"));
            case OPSGENIE -> List.of(
                    new Row("closed-by-user", "acted", "status closed, closed by a user (report.closedBy or a log entry)"),
                    new Row("closed-after-ack", "ack", "closed by its source or a rule after someone acknowledged it"),
                    new Row("closed", "none", "closed by its source or a rule, never acknowledged"),
                    new Row("acknowledged", "ack", "status open, acknowledged true"),
                    new Row("snoozed", "ack", "status open, snoozed true"),
                    new Row("open", "none", "status open, not acknowledged"));
            case PAGERDUTY -> List.of(
                    new Row("resolved-by-user", "acted", "resolve_log_entry whose agent is a user_reference"),
                    new Row("resolved-after-ack", "ack", "resolved by a service, integration or timeout after an acknowledge_log_entry"),
                    new Row("resolved", "none", "resolved by a service, integration or timeout, never acknowledged"),
                    new Row("acknowledged", "ack", "status acknowledged"),
                    new Row("triggered", "none", "status triggered"));
        };
    }

    public Tool tool() {
        return tool;
    }

    /** The decision for {@code state}, counted. */
    public String decide(String state) {
        Row r = rows.get(state);
        if (r == null) {
            throw new IllegalArgumentException(tool.id() + " has no state " + state);
        }
        counts.merge(state, 1, Integer::sum);
        return r.decision();
    }

    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    /** "silenced → noise: 1,204" for every row, in table order. */
    public List<String> summary() {
        List<String> out = new ArrayList<>();
        for (Row r : rows.values()) {
            out.add(String.format(java.util.Locale.ROOT, "%s → %s: %,d", r.state(), r.decision(),
                    counts.getOrDefault(r.state(), 0)));
        }
        return out;
    }

    public int count(String state) {
        return counts.getOrDefault(state, 0);
    }
}
