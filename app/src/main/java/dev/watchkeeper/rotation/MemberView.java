package dev.watchkeeper.rotation;

import java.time.Instant;

/**
 * A member as shown: {@code role} is {@code shadow} while onboarding, else {@code primary-eligible}.
 *
 * @param shadowShiftsLeft shadow shifts left counting the current one
 */
public record MemberView(String handle, int position, String role, int shadowShiftsLeft, int firstShift,
                         Instant joinedAt) {
}
