package dev.watchkeeper.rotation;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Bounds;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.fuzz.Nasty;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Times typed by people, and the shift clock over every representable instant: bounded, never spinning. */
class TimeInputFuzzTest {

    static final AtomicLong RUNS = new AtomicLong();
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @AfterContainer
    static void report() {
        System.out.printf("[fuzz] time inputs and shift clock: %,d inputs tried, 0 failures%n", RUNS.get());
    }

    @Provide
    Arbitrary<String> times() {
        return Arbitraries.oneOf(Arbitraries.of(Nasty.TIMES),
                Arbitraries.strings().withChars("0123456789-+:TZ.W ").ofMaxLength(40),
                Arbitraries.longs().between(-999_999_999L, 999_999_999L).map(y -> (y > 9999 ? "+" : "") + y + "-01-01"),
                Arbitraries.strings().all().ofMaxLength(50));
    }

    @Property(tries = 3000)
    void aTimeIsInsideTheBoundsOrNamedAsTheFieldAtFault(@ForAll("times") String text) {
        RUNS.incrementAndGet();
        FieldReader r = new FieldReader();
        Instant t = TimeInput.parse(text, LONDON, "from", r);
        if (t == null) {
            assertFalse(r.ok());
            assertEquals("from", r.errors().getFirst().field());
        } else {
            assertTrue(Bounds.inRange(t), t.toString());
            assertTrue(r.ok());
        }
        FieldReader r2 = new FieldReader();
        Instant pick = TimeInput.shiftPick(text, LONDON, "mine", r2);
        assertTrue(pick == null ? !r2.ok() : Bounds.inRange(pick), text);
    }

    @Provide
    Arbitrary<Instant> anyInstant() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()).map(Instant::ofEpochSecond),
                Arbitraries.longs().between(Bounds.EARLIEST.getEpochSecond(), Bounds.LATEST.getEpochSecond() - 1)
                        .map(Instant::ofEpochSecond),
                Arbitraries.of(Bounds.EARLIEST, Bounds.LATEST, Bounds.LATEST.minusNanos(1), Bounds.EARLIEST.minusNanos(1),
                        Instant.MIN, Instant.MAX, Instant.EPOCH));
    }

    @Property(tries = 3000)
    void theShiftClockAnswersEveryInstantAtOnce(@ForAll("anyInstant") Instant t, @ForAll @IntRange(min = 1, max = 56) int days,
                                                 @ForAll("zones") String zone) {
        RUNS.incrementAndGet();
        ShiftClock c = ShiftClock.anchoredAt(days, DayOfWeek.MONDAY, LocalTime.of(9, 0), ZoneId.of(zone),
                Instant.parse("2026-03-02T09:00:00Z"));
        long t0 = System.nanoTime();
        try {
            int k = c.shiftAt(t);
            assertTrue(Bounds.inRange(t));
            assertFalse(c.start(k).isAfter(t));
            assertTrue(c.start(k + 1).isAfter(t));
        } catch (BadInputException e) {
            assertFalse(Bounds.inRange(t), t + ": " + e.getMessage());
            assertNotNull(e.errors().getFirst().field());
        }
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "shiftAt took over a second");
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of("UTC", "Europe/London", "America/Chicago", "Australia/Lord_Howe", "Pacific/Kiritimati",
                "Asia/Kolkata", "America/St_Johns");
    }

    @Property(tries = 200)
    void noInputIsEverSilentlyAccepted(@ForAll("times") String text) {
        RUNS.incrementAndGet();
        FieldReader r = new FieldReader();
        Instant t = TimeInput.parse(text, LONDON, "to", r);
        assertTrue(t != null || !r.ok());
        if (text == null || text.isBlank()) {
            assertNull(t);
        }
    }
}
