package dev.watchkeeper.core;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations typed by people, the same on every surface (CLI, Slack, playbooks): a whole number and a unit,
 * {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}, {@code 2w}. At most six digits, so no arithmetic on one can
 * overflow; a time reached with one is held to {@link Bounds}.
 */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})([smhdw])");
    private static final String EXAMPLES = "a number and a unit s, m, h, d or w, e.g. 30m, 2h, 1d";

    private Durations() {
    }

    /** The duration {@code text} says, or empty when it is not one (zero is not one). */
    public static Optional<Duration> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
            return Optional.empty();
        }
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        });
    }

    /** The duration, or a 400 naming {@code field}. */
    public static Duration parse(String field, String text) {
        return tryParse(text).orElseThrow(() -> new BadInputException(field, "must be " + EXAMPLES + "; was '" + text + "'"));
    }

    /** A time given as an RFC 3339 instant or as a duration from {@code now}; within {@link Bounds}. */
    public static Instant until(String field, String text, Instant now) {
        Optional<Duration> d = tryParse(text);
        if (d.isPresent()) {
            return Bounds.require(now.plus(d.get()), field);
        }
        try {
            return Bounds.require(OffsetDateTime.parse(text.strip()).toInstant(), field);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new BadInputException(field, "must be an RFC 3339 time (2026-03-02T18:00:00Z) or a duration such as "
                    + "30m, 2h, 1d; was '" + text + "'");
        }
    }
}
