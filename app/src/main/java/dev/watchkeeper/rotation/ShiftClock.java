package dev.watchkeeper.rotation;

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

    /** The index of the shift in progress at {@code t}: {@code start(k) <= t < start(k + 1)}. */
    public int shiftAt(Instant t) {
        long nominal = Duration.ofDays(shiftDays).toMillis();
        int k = (int) Math.floorDiv(t.toEpochMilli() - start(0).toEpochMilli(), nominal);
        // The estimate is off by at most one: DST moves a boundary by hours, a shift lasts days.
        while (start(k).isAfter(t)) {
            k--;
        }
        while (!start(k + 1).isAfter(t)) {
            k++;
        }
        return k;
    }
}
