package dev.watchkeeper.report;

import java.time.Instant;
import java.util.List;

/**
 * The shift a report covers: {@code [start, end)}, who was primary and who shadowed.
 *
 * @param rotation the rotation's name, or null when no rotation is known
 * @param primary  the primary's handle, or null when unknown
 */
public record ShiftWindow(String rotation, Instant start, Instant end, String primary, List<String> shadows) {

    public ShiftWindow {
        shadows = shadows == null ? List.of() : List.copyOf(shadows);
    }
}
