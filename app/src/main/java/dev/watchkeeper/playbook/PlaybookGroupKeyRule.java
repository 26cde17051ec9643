package dev.watchkeeper.playbook;

import dev.watchkeeper.triage.GroupKeyRule;
import dev.watchkeeper.triage.IncomingAlert;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The matching playbook's {@code group_by}, when it has one. */
@Singleton
public class PlaybookGroupKeyRule implements GroupKeyRule {

    private final PlaybookService playbooks;

    public PlaybookGroupKeyRule(PlaybookService playbooks) {
        this.playbooks = playbooks;
    }

    @Override
    public Optional<List<String>> groupBy(IncomingAlert alert) {
        return playbooks.match(alert.alertname(), labelsOf(alert))
                .map(m -> m.playbook().groupBy())
                .filter(g -> !g.isEmpty());
    }

    static Map<String, String> labelsOf(IncomingAlert a) {
        Map<String, String> labels = new HashMap<>(a.labels());
        labels.putIfAbsent("alertname", a.alertname());
        if (a.service() != null) {
            labels.putIfAbsent("service", a.service());
        }
        if (a.severity() != null) {
            labels.putIfAbsent("severity", a.severity());
        }
        return labels;
    }
}
