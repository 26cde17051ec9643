package dev.watchkeeper.db.ranking;

/**
 * A decision on an item ({@code ack}, {@code acted} or {@code noise}), known from {@code at} (epoch
 * millis). It labels the item's occurrences that fired since the item's previous decision.
 */
public record DecisionFact(int id, int itemId, String kind, long at) {

    public boolean acted() {
        return "acted".equals(kind);
    }
}
