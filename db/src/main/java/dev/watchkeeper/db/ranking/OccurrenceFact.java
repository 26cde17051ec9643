package dev.watchkeeper.db.ranking;

/** What ranking knows about one occurrence as it fired. Instants are epoch millis. */
public record OccurrenceFact(int id, String externalId, int itemId, String groupKey, String alertname,
                             String fingerprint, String service, String severity, String labels,
                             String annotations, long startsAt) {
}
