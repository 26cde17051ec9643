package dev.watchkeeper.report;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Without rotations, "the last shift" is the last seven days, and who was primary is not known. */
@Singleton
@Secondary
public class LastWeekShiftWindows implements ShiftWindows {

    public static final Duration LENGTH = Duration.ofDays(7);

    @Override
    public ShiftWindow lastShift(String rotation, String requestedBy, Instant now) {
        return new ShiftWindow(rotation, now.minus(LENGTH), now, null, List.of());
    }
}
