package dev.watchkeeper.db.rotation;

import java.time.Instant;

/** A paged item and how far it escalated. */
public record PageRow(int itemId, int rotationId, Integer primaryId, Instant pagedAt, int level, Instant lastPagedAt,
                      Integer lastPagedId, Instant doneAt) {
}
