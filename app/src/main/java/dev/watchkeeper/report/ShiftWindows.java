package dev.watchkeeper.report;

import java.time.Instant;

/** Finds the shift that just ended for a rotation. Rotations provide the real one. */
public interface ShiftWindows {

    /**
     * @param rotation    the rotation asked for, or null for the default one
     * @param requestedBy who asked for the report
     */
    ShiftWindow lastShift(String rotation, String requestedBy, Instant now);
}
