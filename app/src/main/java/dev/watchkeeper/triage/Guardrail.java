package dev.watchkeeper.triage;

import dev.watchkeeper.db.ingest.AlertRow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A rule beside the model (always page, never page, quiet during a window), applied after scoring.
 * The first guardrail that decides wins; its reason is recorded on the item.
 */
public interface Guardrail {

    Optional<Verdict> apply(Item item, List<AlertRow> alerts, Score score, Instant now);

    /** @param page whether to page; {@code reason} is shown to people ("playbook X: quiet during deploys"). */
    record Verdict(boolean page, String reason) {
    }
}
