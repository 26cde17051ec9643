package dev.watchkeeper.db.ingest;

import java.time.Instant;

/** One firing episode of an alert. */
public record OccurrenceRow(int id, int alertId, int itemId, String externalId, Instant startsAt, Instant endsAt,
                            Instant receivedAt) {
}
