package dev.watchkeeper.db.rotation;

import java.time.Instant;

/** Two members trade shifts (by shift index). */
public record SwapRow(int id, int rotationId, String requester, String other, int requesterShift, int otherShift,
                      String state, Instant createdAt, Instant decidedAt) {
}
