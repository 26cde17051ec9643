package dev.watchkeeper.migrate;

import java.time.Duration;
import java.time.Instant;

/** How much of an export one run reads: every input is bounded. */
public final class Limits {

    /** Largest export file read (a page of a REST API answer is far smaller). */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** Files read from one export directory. */
    public static final int MAX_FILES = 20_000;
    /** Records (alert groups, alerts, incidents, log entries, notes) read in one run. */
    public static final int MAX_RECORDS = 2_000_000;
    /** Largest iCalendar feed, from a file or a URL. */
    public static final long MAX_CALENDAR_BYTES = 8L * 1024 * 1024;
    /** Events read from one feed, and shifts expanded from its recurrences. */
    public static final int MAX_EVENTS = 20_000;
    /** Shifts (event occurrences) within the window; sixteen weeks of hourly shifts is 2,688. */
    public static final int MAX_SHIFTS = 5_000;
    /** How far around now a feed is expanded to infer a rotation. */
    public static final Duration SCHEDULE_WINDOW = Duration.ofDays(7L * 16);
    /** A timestamp outside [2000-01-01, now + 1 day] is rejected as a field error. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Notes kept per occurrence, in characters. */
    public static final int MAX_NOTE = 500;

    private Limits() {
    }
}
