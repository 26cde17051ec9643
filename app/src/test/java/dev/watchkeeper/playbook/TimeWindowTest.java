package dev.watchkeeper.playbook;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void overnightWindowBelongsToTheDayItStarts() {
        // Saturday 22:00 to Sunday 04:00 UTC.
        TimeWindow w = TimeWindow.recurring(EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0), LocalTime.of(4, 0), ZoneId.of("UTC"));
        assertFalse(w.contains(Instant.parse("2026-03-07T21:59:59Z")));
        assertTrue(w.contains(Instant.parse("2026-03-07T22:00:00Z")));
        assertTrue(w.contains(Instant.parse("2026-03-08T03:59:59Z")));
        assertFalse(w.contains(Instant.parse("2026-03-08T04:00:00Z")));
        assertFalse(w.contains(Instant.parse("2026-03-08T22:30:00Z")), "Sunday night is not in a Saturday window");
        assertFalse(w.contains(Instant.parse("2026-03-07T02:00:00Z")), "Saturday early morning belongs to Friday's window");
    }

    @Test
    void localHoursFollowTheZoneAcrossDaylightSavingTime() {
        TimeWindow w = TimeWindow.recurring(EnumSet.noneOf(DayOfWeek.class), LocalTime.of(1, 0), LocalTime.of(3, 0), BERLIN);
        // Walk a month around the March change in 5-minute steps; inside exactly when Berlin's clock says 01:00–02:59.
        Instant t = Instant.parse("2026-03-15T00:00:00Z");
        int inside = 0;
        while (t.isBefore(Instant.parse("2026-04-15T00:00:00Z"))) {
            LocalTime local = ZonedDateTime.ofInstant(t, BERLIN).toLocalTime();
            boolean expected = !local.isBefore(LocalTime.of(1, 0)) && local.isBefore(LocalTime.of(3, 0));
            assertEquals(expected, w.contains(t), t.toString());
            inside += expected ? 1 : 0;
            t = t.plus(Duration.ofMinutes(5));
        }
        // 31 local days × 24 steps, less the 12 of 02:00–03:00 that do not exist on 29 March, plus 12 of 15 April's window before the walk ends.
        assertEquals(744, inside);
    }

    @Test
    void wholeDaysWhenFromEqualsTo() {
        TimeWindow weekend = TimeWindow.recurring(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, BERLIN);
        assertTrue(weekend.contains(Instant.parse("2026-03-07T12:00:00Z")));
        assertFalse(weekend.contains(Instant.parse("2026-03-06T22:59:00Z")), "Friday 23:59 in Berlin");
        assertTrue(weekend.contains(Instant.parse("2026-03-06T23:00:00Z")), "Saturday 00:00 in Berlin");
        assertEquals("Sat,Sun 00:00–00:00 Europe/Berlin", weekend.describe());
    }

    @Test
    void oneOffWindowIsHalfOpen() {
        TimeWindow w = TimeWindow.oneOff(Instant.parse("2026-03-14T22:00:00Z"), Instant.parse("2026-03-15T06:00:00Z"));
        assertTrue(w.contains(Instant.parse("2026-03-14T22:00:00Z")));
        assertFalse(w.contains(Instant.parse("2026-03-15T06:00:00Z")));
        assertFalse(w.contains(Instant.parse("2026-03-21T23:00:00Z")), "one-off windows do not recur");
    }
}
