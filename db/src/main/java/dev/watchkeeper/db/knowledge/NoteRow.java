package dev.watchkeeper.db.knowledge;

import java.time.Instant;

/**
 * A tribal-knowledge note about an alert name.
 *
 * @param groupKey  the group key of the item it came from, or null for a note about the alert name in general
 * @param seenCount how many captures (the first and every near-duplicate merged into it)
 */
public record NoteRow(int id, String alertname, String groupKey, String text, String author, Integer itemId,
                      Instant createdAt, Instant lastSeenAt, int seenCount) {
}
