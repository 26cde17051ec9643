package dev.watchkeeper.db.triage;

import java.time.Instant;

/** A human decision on an item: who, when, through which surface. */
public record ActionRow(int id, int itemId, String kind, String actor, String surface, Instant at, String note,
                        Instant snoozeUntil, String assignee) {
}
