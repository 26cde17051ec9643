package dev.watchkeeper.triage;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeverityTest {

    @Test
    void sendersWordsMapToTheFourSeverities() {
        assertEquals(Optional.of(Severity.CRITICAL), Severity.normalise(" P1 "));
        assertEquals(Optional.of(Severity.ERROR), Severity.normalise("High"));
        assertEquals(Optional.of(Severity.WARNING), Severity.normalise("warn"));
        assertEquals(Optional.of(Severity.INFO), Severity.normalise("debug"));
        assertEquals(Optional.empty(), Severity.normalise("urgent-ish"));
        assertEquals(Optional.of("error"), Severity.normaliseName("major"));
    }

    @Test
    void storedNamesAreExact() {
        for (Severity s : Severity.values()) {
            assertEquals(Optional.of(s), Severity.parse(s.wire()));
        }
        assertTrue(Severity.parse("Critical").isEmpty(), "stored names are lower case");
        assertTrue(Severity.parse("p1").isEmpty(), "senders' words are not stored names");
        assertTrue(Severity.parse(null).isEmpty());
    }

    @Test
    void rankingPutsTheMostUrgentFirst() {
        assertEquals("critical", Severity.worst("warning", "critical"));
        assertEquals("error", Severity.worst("error", "info"));
        assertEquals("info", Severity.worst("nonsense", "info"), "an unknown name is least urgent");
        assertTrue(Severity.CRITICAL.atLeast(Severity.ERROR));
        assertTrue(Severity.ERROR.atLeast(Severity.ERROR));
        assertFalse(Severity.WARNING.atLeast(Severity.ERROR));
    }
}
