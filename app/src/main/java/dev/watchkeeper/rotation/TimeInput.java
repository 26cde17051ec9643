package dev.watchkeeper.rotation;

import dev.watchkeeper.core.Bounds;
import dev.watchkeeper.core.FieldReader;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/** Times typed by people: an RFC 3339 instant, or a local date-time or date in the rotation's zone. */
final class TimeInput {

    private TimeInput() {
    }

    /** A time within {@link Bounds}; anything else is recorded as a problem with {@code field} and gives null. */
    static Instant parse(String text, ZoneId zone, String field, FieldReader errors) {
        Instant t = parseUnbounded(text, zone, field, errors);
        return t == null ? null : Bounds.check(t, field, errors);
    }

    private static Instant parseUnbounded(String text, ZoneId zone, String field, FieldReader errors) {
        if (text == null || text.isBlank()) {
            errors.fail(field, "is required (e.g. 2026-03-09, 2026-03-09T18:00 or 2026-03-09T18:00:00Z)");
            return null;
        }
        String s = text.strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // not an instant with an offset; try local forms
        }
        try {
            return ZonedDateTime.of(LocalDateTime.parse(s), zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(s).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.fail(field, "is not a date or time: '" + Bounds.cut(s, 100) + "' (use 2026-03-09, 2026-03-09T18:00 or "
                    + "2026-03-09T18:00:00Z; local forms are in " + zone.getId() + ")");
            return null;
        }
    }

    /** A day picks the shift in progress at noon that day (the shift that starts that day for a morning handoff). */
    static Instant shiftPick(String text, ZoneId zone, String field, FieldReader errors) {
        if (text != null && text.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return Bounds.check(LocalDate.parse(text.strip()).atTime(12, 0).atZone(zone).toInstant(), field, errors);
            } catch (DateTimeParseException e) {
                errors.fail(field, "is not a date: '" + Bounds.cut(text, 100) + "'");
                return null;
            }
        }
        return parse(text, zone, field, errors);
    }
}
