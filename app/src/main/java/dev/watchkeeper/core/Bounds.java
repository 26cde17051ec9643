package dev.watchkeeper.core;

import java.time.Duration;
import java.time.Instant;

/**
 * The one set of bounds every input is held to (documented in {@code docs/reliability.md}). A time outside
 * [{@link #EARLIEST}, {@link #LATEST}) is refused where it is parsed, so no arithmetic on it can overflow and no
 * loop over shifts or hours can run for long.
 */
public final class Bounds {

    /** The earliest absolute instant accepted anywhere (ingestion, rotations, reports, history). */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** The first instant no longer accepted. */
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    /** The longest range of time one request may ask about (a schedule, an export). */
    public static final Duration LONGEST_RANGE = Duration.ofDays(800);
    /** The longest note, action note or manual item text, in characters. */
    public static final int LONGEST_NOTE = 10_000;
    /** How much of a note a report quotes, in characters. */
    public static final int LONGEST_QUOTE = 500;
    /** How many problems one error answer lists; the rest are counted. */
    public static final int MOST_ERRORS_LISTED = 20;

    private Bounds() {
    }

    public static boolean inRange(Instant t) {
        return !t.isBefore(EARLIEST) && t.isBefore(LATEST);
    }

    /** The problem with {@code t}, or null when it is inside the bounds. */
    public static String problem(Instant t) {
        if (t == null || inRange(t)) {
            return null;
        }
        return "must be between " + EARLIEST + " and " + LATEST + ", was " + t;
    }

    /** {@code t} when it is inside the bounds; otherwise records a problem for {@code field} and gives null. */
    public static Instant check(Instant t, String field, FieldReader errors) {
        String p = problem(t);
        if (p != null) {
            errors.fail(field, p);
            return null;
        }
        return t;
    }

    /** {@code t}, or a 400 naming {@code field} when it is outside the bounds. */
    public static Instant require(Instant t, String field) {
        String p = problem(t);
        if (p != null) {
            throw new BadInputException(field, p);
        }
        return t;
    }

    /** The first {@code max} characters of {@code s} and an ellipsis when it is longer. */
    public static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
