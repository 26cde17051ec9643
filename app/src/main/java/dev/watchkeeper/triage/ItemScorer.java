package dev.watchkeeper.triage;

import dev.watchkeeper.db.triage.ItemRow;

import java.time.Instant;

/** Scores an item as of an instant. The ranking domain provides the real one. */
public interface ItemScorer {
    Score score(ItemRow item, Instant asOf);
}
