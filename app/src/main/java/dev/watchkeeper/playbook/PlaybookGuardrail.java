package dev.watchkeeper.playbook;

import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.playbook.GuardrailDecisionStore;
import dev.watchkeeper.triage.Guardrail;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.PagingPolicy;
import dev.watchkeeper.triage.Score;
import dev.watchkeeper.triage.Severity;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The playbook guardrails in the alert path. For each firing alert of the item (all alerts when none is
 * firing; among the item's 100 most recently seen, which the pipeline passes) the alert's playbook is
 * asked, in this order: {@code never_page}, then {@code quiet_during} windows (from the injected clock's
 * instant), then {@code always_page}. If any alert's playbook says page, the item pages (a missed page
 * costs more than an extra one); else the first "quiet" decision holds. Else, when the playbook sets a
 * {@code severity} that changes the paging policy's answer, the policy decides with that severity (the
 * stored item keeps the sender's severity). Else the score decides.
 * Every change of decision is kept in {@code guardrail_decision}.
 */
@Singleton
public class PlaybookGuardrail implements Guardrail {

    private final PlaybookService playbooks;
    private final Database db;
    private final GuardrailDecisionStore decisions;
    private final PagingPolicy policy;

    public PlaybookGuardrail(PlaybookService playbooks, Database db, GuardrailDecisionStore decisions, PagingPolicy policy) {
        this.playbooks = playbooks;
        this.db = db;
        this.decisions = decisions;
        this.policy = policy;
    }

    /** One rule's decision for one alert. */
    public record Decision(String playbook, String rule, boolean page, String reason) {
    }

    @Override
    public Optional<Verdict> apply(Item item, List<AlertRow> alerts, Score score, Instant now) {
        List<AlertRow> members = alerts.stream().filter(AlertRow::firing).toList();
        if (members.isEmpty()) {
            members = alerts;
        }
        List<Decision> found = new ArrayList<>();
        String consulted = null;
        Playbook withSeverity = null;
        for (AlertRow a : members) {
            Map<String, String> labels = PlaybookService.labelsOf(a);
            Optional<PlaybookSet.Match> m = playbooks.match(a.alertname(), labels);
            if (m.isEmpty()) {
                continue;
            }
            consulted = consulted == null ? m.get().playbook().name() : consulted;
            if (withSeverity == null && m.get().playbook().severity() != null) {
                withSeverity = m.get().playbook();
            }
            decide(m.get().playbook(), labels, now).ifPresent(found::add);
        }
        Optional<Decision> chosen = found.stream().filter(Decision::page).findFirst()
                .or(() -> found.stream().findFirst());
        if (chosen.isEmpty() && withSeverity != null) {
            chosen = severity(withSeverity, item, score);
        }
        // The item's last decision is read first, without the write lock: after every ingested request the alert
        // path asks again for each item it touched, and the answer rarely changes. A write transaction each time
        // held the lock the ingestion commits need (a profile of many items growing at once had them waiting there).
        Optional<dev.watchkeeper.db.playbook.GuardrailDecisionRow> last = db.read(dsl -> decisions.latest(dsl, item.id()));
        if (chosen.isPresent()) {
            Decision d = chosen.get();
            if (!last.isPresent() || !GuardrailDecisionStore.same(last.get(), d.rule(), d.page(), d.reason())) {
                db.writeVoid(tx -> decisions.recordIfChanged(tx, item.id(), now, d.playbook(), d.rule(), d.page(),
                        d.reason()));
            }
            return Optional.of(new Verdict(d.page(), d.reason()));
        }
        if (consulted != null && last.isPresent() && !GuardrailDecisionStore.same(last.get(), "none", null,
                "playbook " + consulted + ": no guardrail applies; the score decides")) {
            String name = consulted;
            db.writeVoid(tx -> {
                // "none" is worth a row only after a rule decided before: it says when the rule stopped applying.
                if (decisions.latest(tx, item.id()).isPresent()) {
                    decisions.recordIfChanged(tx, item.id(), now, name, "none", null,
                            "playbook " + name + ": no guardrail applies; the score decides");
                }
            });
        }
        return Optional.empty();
    }

    /** The playbook's severity, when it changes the paging policy's answer for this item. */
    private Optional<Decision> severity(Playbook p, Item item, Score score) {
        // The parser admits only stored names (PlaybookParser), so this parse cannot fail.
        Severity wanted = Severity.parse(p.severity()).orElseThrow();
        if (wanted == item.severity()) {
            return Optional.empty();
        }
        Item as = item.withSeverity(wanted);
        boolean page = policy.shouldPage(as, score);
        if (page == policy.shouldPage(item, score)) {
            return Optional.empty();
        }
        return Optional.of(new Decision(p.name(), "severity", page, "playbook " + p.name() + ": severity "
                + p.severity() + " (alert says " + item.severity() + "); " + policy.describe(as, score, page)));
    }

    /** The rule of {@code p} that decides for an alert with these labels at {@code now}, if any. */
    public static Optional<Decision> decide(Playbook p, Map<String, String> labels, Instant now) {
        Playbook.Guardrails g = p.guardrails();
        if (g.neverPage() != null && g.neverPage().stream().allMatch(m -> m.matches(labels))) {
            return Optional.of(new Decision(p.name(), "never_page", false,
                    "playbook " + p.name() + ": never_page" + when(g.neverPage())));
        }
        for (Playbook.QuietWindow q : g.quietDuring()) {
            if (q.window().contains(now)) {
                return Optional.of(new Decision(p.name(), "quiet_during", false,
                        "playbook " + p.name() + ": quiet_during '" + q.name() + "' (" + q.window().describe() + ")"));
            }
        }
        if (g.alwaysPage() != null && g.alwaysPage().stream().allMatch(m -> m.matches(labels))) {
            return Optional.of(new Decision(p.name(), "always_page", true,
                    "playbook " + p.name() + ": always_page" + when(g.alwaysPage())));
        }
        return Optional.empty();
    }

    private static String when(List<LabelMatcher> matchers) {
        return matchers.isEmpty() ? "" : " (" + String.join(", ", matchers.stream().map(LabelMatcher::toString).toList()) + ")";
    }
}
