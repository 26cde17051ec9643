package dev.watchkeeper.db.report;

import java.time.Instant;

/** One firing episode seen in a report window, with what a report needs to know about its alert and item. */
public record WindowOccurrence(int occurrenceId, int alertId, int itemId, String alertname, String service,
                               Instant startsAt, Instant endsAt) {
}
