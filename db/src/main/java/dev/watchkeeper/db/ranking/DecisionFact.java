package dev.watchkeeper.db.ranking;

/**
 * A decision on an item ({@code ack}, {@code acted} or {@code noise}), known from {@code at} (epoch
 * millis). Without {@code occurrenceId} it labels the item's occurrences that fired since the item's
 * previous decision; with it (a decision imported from a history line) it labels that occurrence only.
 */
public record DecisionFact(int id, int itemId, Integer occurrenceId, String kind, long at) {

    public boolean acted() {
        return "acted".equals(kind);
    }

    /**
     * Whether this decision settles an occurrence of its item: the one it is bound to, or, unbound, any
     * that started by the time it was made.
     */
    public boolean settles(int occurrenceId, long startsAt) {
        return this.occurrenceId != null ? this.occurrenceId == occurrenceId : startsAt <= at;
    }
}
