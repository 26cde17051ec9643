package dev.watchkeeper.db.ranking;

/** An {@code acted} action on an item: the positive training label, known from {@code at} (epoch millis). */
public record ActedFact(int id, int itemId, long at) {
}
