package dev.watchkeeper.review;

import dev.watchkeeper.core.BadInputException;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A review week: Monday 00:00 to the next Monday 00:00 in the review's zone, named by its ISO week ({@code 2026-W10}).
 */
public record Week(LocalDate monday, ZoneId zone) {

    private static final Pattern ISO = Pattern.compile("(\\d{4})-W(\\d{1,2})");
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 3);

    public Instant start() {
        return monday.atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return monday.plusWeeks(1).atStartOfDay(zone).toInstant();
    }

    public Week minus(int weeks) {
        return new Week(monday.minusWeeks(weeks), zone);
    }

    public Week plus(int weeks) {
        return new Week(monday.plusWeeks(weeks), zone);
    }

    /** {@code 2026-W10}. */
    public String id() {
        return String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** {@code 2 Mar – 8 Mar 2026}. */
    public String label() {
        var f = java.time.format.DateTimeFormatter.ofPattern("d MMM", java.util.Locale.ENGLISH);
        var y = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH);
        return f.format(monday) + " – " + y.format(monday.plusDays(6));
    }

    /** The week containing {@code at}. */
    public static Week containing(Instant at, ZoneId zone) {
        return new Week(at.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), zone);
    }

    /**
     * Parses {@code 2026-W10}, a date inside the week ({@code 2026-03-04}), {@code last} (the last complete week,
     * the default) or {@code current}. Weeks that start in the future or before 2000 are refused.
     */
    public static Week parse(String text, Instant now, ZoneId zone) {
        Week current = containing(now, zone);
        String t = text == null ? "" : text.strip();
        Week w;
        if (t.isEmpty() || t.equalsIgnoreCase("last")) {
            w = current.minus(1);
        } else if (t.equalsIgnoreCase("current")) {
            w = current;
        } else {
            Matcher m = ISO.matcher(t);
            try {
                if (m.matches()) {
                    int year = Integer.parseInt(m.group(1));
                    int week = Integer.parseInt(m.group(2));
                    LocalDate any = LocalDate.of(year, 6, 1).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week);
                    if (week < 1 || any.get(IsoFields.WEEK_BASED_YEAR) != year
                            || week > any.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                        throw new BadInputException("week", "week " + week + " does not exist in " + year);
                    }
                    w = new Week(any.with(DayOfWeek.MONDAY), zone);
                } else {
                    LocalDate d = LocalDate.parse(t);
                    w = new Week(d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), zone);
                }
            } catch (java.time.DateTimeException e) {
                if (e instanceof DateTimeParseException) {
                    throw new BadInputException("week", "must be an ISO week such as 2026-W10, a date such as 2026-03-04,"
                            + " 'last' or 'current'; was '" + t + "'");
                }
                throw new BadInputException("week", "week does not exist: '" + t + "'");
            }
        }
        if (w.monday.isAfter(current.monday)) {
            throw new BadInputException("week", "must not be in the future; " + w.id() + " starts after " + current.id());
        }
        if (w.monday.isBefore(EARLIEST)) {
            throw new BadInputException("week", "must be in the year 2000 or later; was " + w.id());
        }
        return w;
    }

    /** Whole days from {@code from} to {@code to}. */
    static long days(Instant from, Instant to) {
        return Math.max(0, ChronoUnit.DAYS.between(from, to));
    }
}
