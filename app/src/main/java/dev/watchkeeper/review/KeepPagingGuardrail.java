package dev.watchkeeper.review;

import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.review.ReviewStore;
import dev.watchkeeper.triage.Guardrail;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.Score;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Keep paging" from the weekly review: items of an alert name the team decided to keep paging are paged whatever
 * their score. Playbook guardrails come first (a maintenance window still holds the page). The decisions in force are
 * cached and re-read when one is taken here; another instance's decision is picked up on its next restart.
 */
@Singleton
@Order(100)
public class KeepPagingGuardrail implements Guardrail {

    private final Database db;
    private final ReviewStore store;
    private volatile Map<String, ReviewStore.NameDecision> inForce;

    public KeepPagingGuardrail(Database db, ReviewStore store) {
        this.db = db;
        this.store = store;
    }

    @Override
    public Optional<Verdict> apply(Item item, List<AlertRow> alerts, Score score, Instant now) {
        Map<String, ReviewStore.NameDecision> decisions = inForce;
        if (decisions == null) {
            decisions = db.read(store::decisionsInForce);
            inForce = decisions;
        }
        for (AlertRow a : alerts) {
            ReviewStore.NameDecision d = decisions.get(a.alertname());
            if (d != null && "keep_paging".equals(d.kind())) {
                return Optional.of(new Verdict(true, "kept paging by " + d.actor() + " in the weekly review"));
            }
        }
        return Optional.empty();
    }

    /** Forget the cached decisions (a decision was just taken). */
    void refresh() {
        inForce = null;
    }
}
