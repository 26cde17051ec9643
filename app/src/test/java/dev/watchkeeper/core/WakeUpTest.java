package dev.watchkeeper.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An outbox wakes its sender only when a row was added, and says whether it was. */
class WakeUpTest {

    @Test
    void wakesTheSenderOnlyWhenARowWasAdded() {
        WakeUp wakeUp = new WakeUp();
        assertTrue(wakeUp.added(true), "without a sender (a CLI) nothing happens, and the answer stands");
        AtomicInteger woken = new AtomicInteger();
        wakeUp.onEnqueue(woken::incrementAndGet);
        assertFalse(wakeUp.added(false), "the same key twice: nothing added");
        assertEquals(0, woken.get());
        assertTrue(wakeUp.added(true));
        assertEquals(1, woken.get());
    }
}
