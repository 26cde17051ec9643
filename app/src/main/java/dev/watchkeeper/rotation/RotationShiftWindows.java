package dev.watchkeeper.rotation;

import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.report.LastWeekShiftWindows;
import dev.watchkeeper.report.ShiftWindow;
import dev.watchkeeper.report.ShiftWindows;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * "The last shift" of a rotation for reports: its last completed shift, with the primary and shadows at
 * its end. Without a rotation name the first rotation answers; with no such rotation, the last seven days.
 */
@Singleton
public class RotationShiftWindows implements ShiftWindows {

    private final RotationService rotations;
    private final LastWeekShiftWindows fallback = new LastWeekShiftWindows();

    public RotationShiftWindows(RotationService rotations) {
        this.rotations = rotations;
    }

    @Override
    public ShiftWindow lastShift(String rotation, String requestedBy, Instant now) {
        // A name that is not a rotation is only a label for the report: the last seven days then.
        Optional<RotationRow> r = rotation == null || rotation.isBlank()
                ? rotations.rotations().stream().findFirst()
                : rotations.findRotation(rotation);
        if (r.isEmpty()) {
            return fallback.lastShift(rotation, requestedBy, now);
        }
        RotationPlan plan = rotations.plan(r.get().name());
        ShiftClock c = plan.clock();
        int current = c.shiftAt(now);
        Instant start;
        Instant end;
        if (current <= 0) {
            // Nothing completed yet: the first shift so far.
            start = c.start(Math.min(current, 0));
            end = now.isAfter(start) ? now : start.plusMillis(1);
        } else {
            start = c.start(current - 1);
            end = c.start(current);
        }
        RotationPlan.Segment last = plan.isEmpty() ? null : plan.at(end.minusMillis(1));
        return new ShiftWindow(r.get().name(), start, end, last == null ? null : last.primary(),
                last == null ? List.of() : last.shadows());
    }
}
