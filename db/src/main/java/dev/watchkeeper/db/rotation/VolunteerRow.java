package dev.watchkeeper.db.rotation;

/** {@code handle} shadows shift {@code shift}. */
public record VolunteerRow(int personId, String handle, int shift) {
}
