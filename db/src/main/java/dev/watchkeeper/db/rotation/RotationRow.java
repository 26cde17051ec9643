package dev.watchkeeper.db.rotation;

import java.time.Instant;

/** A rotation as stored; {@code handoffDay} is a {@link java.time.DayOfWeek} name, {@code handoffTime} HH:MM. */
public record RotationRow(int id, String name, int shiftDays, String handoffDay, String handoffTime, String zone,
                          String anchorDate, String channel, String userGroup, int shadowShifts,
                          String calendarToken, int lastHandoffShift, Instant createdAt) {
}
