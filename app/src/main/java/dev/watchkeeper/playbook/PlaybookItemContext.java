package dev.watchkeeper.playbook;

import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.playbook.GuardrailDecisionRow;
import dev.watchkeeper.db.playbook.GuardrailDecisionStore;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.ItemContext;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the playbooks say about an item, wherever it is shown: the playbook (with a link to its page), its
 * mitigation summary, whether the alert is known noise right now, and the guardrail decisions taken.
 */
@Singleton
public class PlaybookItemContext implements ItemContext {

    private static final int HISTORY = 5;

    private final PlaybookService playbooks;
    private final Database db;
    private final GuardrailDecisionStore decisions;
    private final Clock clock;
    private final String baseUrl;

    public PlaybookItemContext(PlaybookService playbooks, Database db, GuardrailDecisionStore decisions, Clock clock,
                               @Value("${watchkeeper.base-url:}") String baseUrl) {
        this.playbooks = playbooks;
        this.db = db;
        this.decisions = decisions;
        this.clock = clock;
        this.baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
    }

    /** Where a playbook's page is: absolute when {@code watchkeeper.base-url} is set, else a path. */
    public String url(String playbook) {
        return baseUrl + "/playbooks/" + playbook;
    }

    @Override
    public List<Line> linesFor(Item item, List<AlertRow> alerts) {
        List<Line> lines = new ArrayList<>();
        Map<String, Playbook> found = new LinkedHashMap<>();
        Instant now = clock.instant();
        String noise = null;
        for (AlertRow a : alerts) {
            Optional<PlaybookSet.Match> m = playbooks.forAlert(a);
            if (m.isPresent()) {
                Playbook p = m.get().playbook();
                found.putIfAbsent(p.name(), p);
                if (noise == null) {
                    noise = p.noiseAt(PlaybookService.labelsOf(a), now).map(Playbook.NoiseRule::reason).orElse(null);
                }
            }
        }
        if (found.isEmpty() && !alerts.isEmpty()) {
            lines.add(new Line("Playbook", "no playbook matches " + alerts.getFirst().alertname()
                    + "; add one to " + playbooks.dir(), null));
        }
        for (Playbook p : found.values()) {
            String text = p.name() + " — owner " + p.owner()
                    + (p.severity() != null ? "; playbook severity " + p.severity() : "");
            lines.add(new Line("Playbook", text, url(p.name())));
            if (!p.mitigationSummary().isEmpty()) {
                lines.add(new Line("Mitigation", "• " + String.join("\n• ", p.mitigationSummary()), url(p.name()) + "#mitigation"));
            }
        }
        if (noise != null) {
            lines.add(new Line("Known noise", noise, null));
        }
        List<GuardrailDecisionRow> history = db.read(dsl -> decisions.forItem(dsl, item.id()));
        for (GuardrailDecisionRow d : history.subList(Math.max(0, history.size() - HISTORY), history.size())) {
            String what = d.page() == null ? "score decides" : d.page() ? "paged" : "held quiet";
            lines.add(new Line("Guardrail", d.decidedAt() + " " + what + " — " + d.reason(), null));
        }
        return lines;
    }

    @Override
    public int getOrder() {
        return 20;
    }
}
