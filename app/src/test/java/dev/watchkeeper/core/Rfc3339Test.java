package dev.watchkeeper.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class Rfc3339Test {

    /** What java.time makes of {@code s}, or null when it refuses it. */
    private static Instant javaTime(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void commonFormsGiveTheSameInstantAsJavaTime() {
        for (String s : List.of("2026-03-01T04:12:00Z", "0001-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z",
                "2026-12-02T15:15:00.5+01:00", "2026-12-02T15:15:00.123-07:30", "1999-12-31T23:59:59+18:00",
                "2000-01-01T00:00:00-18:00", "2026-06-30T12:00:00.000001Z", "9999-12-31T23:59:59Z")) {
            assertEquals(javaTime(s), Rfc3339.parseCommon(s), s);
        }
    }

    @Test
    void anythingElseIsLeftToJavaTime() {
        // Malformed, out of range, or valid but uncommon (lower-case t, seconds in the offset, no seconds):
        // null, so the caller's usual parse accepts or refuses it with its message.
        for (String s : List.of("2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:60Z",
                "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z", "2026-01-01T00:00:00+19:00",
                "2026-01-01T00:00:00+18:01", "2026-01-01T00:00:00+01:60", "2026-01-01T00:00:00", "2026-01-01t00:00:00Z",
                "2026-01-01T00:00:00+01:00:30", "2026-01-01T00:00Z", "2026-1-01T00:00:00Z", "+2026-01-01T00:00:00Z",
                "2026-01-01T00:00:00ZZ", "2026-01-01T00:00:00+0100", "2026-01-01T0a:00:00Z", "２０２６-01-01T00:00:00Z")) {
            assertNull(Rfc3339.parseCommon(s), s);
        }
    }

    @Test
    void randomTextsNeverDisagreeWithJavaTime() {
        Random random = new Random(42);
        String alphabet = "0123456789-:T.Z+t ";
        int common = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62)));
            if (random.nextBoolean()) {
                b.append('.').append(String.valueOf(random.nextLong() & Long.MAX_VALUE), 0, 1 + random.nextInt(11));
            }
            switch (random.nextInt(3)) {
                case 0 -> b.append('Z');
                case 1 -> b.append(String.format("%c%02d:%02d", random.nextBoolean() ? '+' : '-', random.nextInt(20),
                        random.nextInt(62)));
                default -> b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(10) == 0) {
                b.setCharAt(random.nextInt(b.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString();
            Instant fast = Rfc3339.parseCommon(s);
            if (fast != null) {
                common++;
                assertEquals(javaTime(s), fast, s);
            }
        }
        // The generator must reach the fast path often, or the comparison says little.
        assertEquals(true, common > 20_000, "common forms generated: " + common);
    }
}
