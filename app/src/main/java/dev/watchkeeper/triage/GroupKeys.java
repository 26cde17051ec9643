package dev.watchkeeper.triage;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Which triage item an alert joins: alerts with the same group key share one item. The default key is
 * {@code alertname} + {@code service}; {@code watchkeeper.grouping.labels} sets another label list.
 */
@Singleton
public class GroupKeys {

    private final List<String> labels;
    private final List<GroupKeyRule> rules;

    public GroupKeys(@Value("${watchkeeper.grouping.labels:alertname,service}") List<String> labels,
                     List<GroupKeyRule> rules) {
        this.labels = List.copyOf(labels);
        this.rules = List.copyOf(rules);
    }

    /** The group key: from the first rule that has one for this alert, else the configured labels. */
    public String of(IncomingAlert alert) {
        for (GroupKeyRule rule : rules) {
            var byLabels = rule.groupBy(alert);
            if (byLabels.isPresent()) {
                return of(alert, byLabels.get());
            }
        }
        return of(alert, labels);
    }

    public static String of(IncomingAlert alert, List<String> byLabels) {
        StringBuilder sb = new StringBuilder();
        for (String label : byLabels) {
            String value = switch (label) {
                case "alertname" -> alert.alertname();
                case "service" -> alert.service() != null ? alert.service() : alert.labels().get("service");
                default -> alert.labels().get(label);
            };
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(value == null || value.isEmpty() ? "-" : value);
        }
        return sb.toString();
    }

    public List<String> labels() {
        return labels;
    }
}
