package dev.watchkeeper.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one duration grammar of the CLI, Slack and playbooks. */
class DurationsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void everyUnitReads() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("d", "30s"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("d", "90m"));
        assertEquals(Duration.ofHours(2), Durations.parse("d", " 2H "));
        assertEquals(Duration.ofDays(1), Durations.parse("d", "1d"));
        assertEquals(Duration.ofDays(14), Durations.parse("d", "2w"));
    }

    @Test
    void zeroTooManyDigitsAndOtherTextAreRefusedNamingTheField() {
        for (String bad : new String[]{"0h", "1234567m", "2 h", "h", "-1d", "1y", ""}) {
            BadInputException e = assertThrows(BadInputException.class, () -> Durations.parse("snooze", bad), bad);
            assertEquals("snooze", e.errors().getFirst().field());
            assertTrue(e.errors().getFirst().problem().contains("30m, 2h, 1d"), e.errors().getFirst().problem());
        }
    }

    @Test
    void untilTakesADurationFromNowOrAnInstantWithinBounds() {
        assertEquals(NOW.plus(Duration.ofHours(2)), Durations.until("until", "2h", NOW));
        assertEquals(Instant.parse("2026-03-03T10:00:00Z"), Durations.until("until", "2026-03-03T11:00:00+01:00", NOW));
        assertThrows(BadInputException.class, () -> Durations.until("until", "999999w", NOW), "past Bounds.LATEST");
        assertThrows(BadInputException.class, () -> Durations.until("until", "+292278994-08-10T00:00:00Z", NOW));
        assertThrows(BadInputException.class, () -> Durations.until("until", "soon", NOW));
    }
}
