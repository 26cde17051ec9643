package dev.watchkeeper.db.rotation;

import java.time.Instant;

/** {@code handle} covers [startsAt, endsAt) as primary. */
public record OverrideRow(int id, int personId, String handle, Instant startsAt, Instant endsAt, String createdBy,
                          Instant createdAt, Integer swapId) {
}
