package dev.watchkeeper.rotation;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Bounds;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * Where shift boundaries fall. Shift {@code k} starts on {@code anchorDate + k * shiftDays} at
 * {@code handoffTime} in {@code zone}, so a handoff stays at the same wall-clock time across DST
 * changes (a shift that spans a change is an hour shorter or longer). A handoff time that does not
 * exist on a spring-forward day moves forward by the gap ({@link ZonedDateTime#of}); one that
 * happens twice on a fall-back day takes the first.
 */
public record ShiftClock(int shiftDays, LocalTime handoffTime, ZoneId zone, LocalDate anchorDate) {

    public ShiftClock {
        if (shiftDays < 1) {
            throw new IllegalArgumentException("shiftDays must be at least 1");
        }
    }

    /** The clock of a rotation whose first shift starts at the last handoff at or before {@code now}. */
    public static ShiftClock anchoredAt(int shiftDays, DayOfWeek day, LocalTime time, ZoneId zone, Instant now) {
        LocalDate date = now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(day));
        if (ZonedDateTime.of(date, time, zone).toInstant().isAfter(now)) {
            date = date.minusWeeks(1);
        }
        return new ShiftClock(shiftDays, time, zone, date);
    }

    public Instant start(int shift) {
        return ZonedDateTime.of(anchorDate.plusDays((long) shift * shiftDays), handoffTime, zone).toInstant();
    }

    public Instant end(int shift) {
        return start(shift + 1);
    }

    /**
     * The index of the shift in progress at {@code t}: {@code start(k) <= t < start(k + 1)}. {@code t} must lie
     * within {@link Bounds} (a 400 naming {@code time} otherwise), so the index fits an int and the correction
     * below takes at most a few steps.
     */
    public int shiftAt(Instant t) {
        Bounds.require(t, "time");
        long nominal = Duration.ofDays(shiftDays).toSeconds();
        long estimate = Math.floorDiv(t.getEpochSecond() - start(0).getEpochSecond(), nominal);
        if (estimate < Integer.MIN_VALUE + 2 || estimate > Integer.MAX_VALUE - 2) {
            throw new BadInputException("time", "is too far from the rotation's first shift: " + t);
        }
        int k = (int) estimate;
        // The estimate is off by at most one: DST moves a boundary by hours, a shift lasts days.
        for (int step = 0; start(k).isAfter(t); step++) {
            k--;
            requireFewSteps(step, t);
        }
        for (int step = 0; !start(k + 1).isAfter(t); step++) {
            k++;
            requireFewSteps(step, t);
        }
        return k;
    }

    private static void requireFewSteps(int step, Instant t) {
        if (step > MOST_CORRECTION_STEPS) {
            throw new IllegalStateException("no shift boundary found near " + t);
        }
    }

    /** A DST change moves a boundary by hours; a shift lasts at least a day, so one step is the most needed. */
    private static final int MOST_CORRECTION_STEPS = 4;
}
