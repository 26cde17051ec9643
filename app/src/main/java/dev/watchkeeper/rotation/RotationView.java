package dev.watchkeeper.rotation;

import java.time.Instant;
import java.util.List;

/** A rotation with its members and who is on call now. */
public record RotationView(String name, int shiftDays, String handoffDay, String handoffTime, String zone,
                           String channel, String userGroup, int shadowShifts, List<MemberView> members,
                           OnCall now, Instant createdAt) {
}
