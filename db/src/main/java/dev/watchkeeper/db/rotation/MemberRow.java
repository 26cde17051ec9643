package dev.watchkeeper.db.rotation;

import java.time.Instant;

/** A member of a rotation, in {@code position} order. */
public record MemberRow(int personId, String handle, String slackUserId, int position, int firstShift,
                        int shadowShifts, Instant joinedAt) {
}
