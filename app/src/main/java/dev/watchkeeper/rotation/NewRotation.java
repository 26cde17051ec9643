package dev.watchkeeper.rotation;

import java.util.List;

/**
 * What a new rotation needs ({@link MembershipService#create}). Null fields take defaults: 7-day shifts, Monday
 * 09:00 UTC, {@code watchkeeper.rotation.shadow-shifts} shadow shifts for joiners.
 */
public record NewRotation(String name, List<String> members, Integer shiftDays, String handoffDay,
                          String handoffTime, String zone, String channel, String userGroup, Integer shadowShifts) {
}
