package dev.watchkeeper.triage;

import java.time.Instant;

/** Scores an item as of an instant. The ranking domain provides the real one. */
public interface ItemScorer {
    Score score(Item item, Instant asOf);
}
