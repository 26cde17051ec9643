package dev.watchkeeper.playbook;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A window of time: either recurring ({@code from}–{@code to} local time on some days, in a time zone; a
 * window whose end is before its start runs past midnight and belongs to the day it starts on) or one-off
 * ({@code start}–{@code end} instants). Half-open: the start is inside, the end is not.
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone, Instant start, Instant end) {

    public static TimeWindow recurring(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
        return new TimeWindow(days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days), from, to, zone,
                null, null);
    }

    public static TimeWindow oneOff(Instant start, Instant end) {
        return new TimeWindow(Set.of(), null, null, null, start, end);
    }

    public boolean isOneOff() {
        return start != null;
    }

    public boolean contains(Instant at) {
        if (isOneOff()) {
            return !at.isBefore(start) && at.isBefore(end);
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime t = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (from.equals(to)) {
            return days.contains(day);
        }
        if (from.isBefore(to)) {
            return days.contains(day) && !t.isBefore(from) && t.isBefore(to);
        }
        return days.contains(day) && !t.isBefore(from) || days.contains(day.minus(1)) && t.isBefore(to);
    }

    /** E.g. "Sun 02:00–04:00 Europe/Berlin" or "2026-03-14T22:00:00Z–2026-03-15T06:00:00Z". */
    public String describe() {
        if (isOneOff()) {
            return start + "–" + end;
        }
        String d = days.size() == 7 ? "daily" : days.stream().sorted()
                .map(x -> x.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).collect(Collectors.joining(","));
        return d + " " + from + "–" + to + " " + zone.getId();
    }
}
