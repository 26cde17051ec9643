package dev.watchkeeper.db.rotation;

import java.time.Instant;

/** A shadow's copy of a paged item, their guess and the primary's decision. */
public record ShadowCopyRow(int itemId, int personId, String handle, int rotationId, Instant sentAt, String guess,
                            Instant guessedAt, String decision, String decidedBy, Instant decidedAt) {
}
