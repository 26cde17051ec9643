package dev.watchkeeper.triage;

import dev.watchkeeper.triage.ItemStates.Sender;
import dev.watchkeeper.triage.ItemStates.Step;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static dev.watchkeeper.triage.ActionKind.ACK;
import static dev.watchkeeper.triage.ActionKind.ACTED;
import static dev.watchkeeper.triage.ActionKind.ASSIGN;
import static dev.watchkeeper.triage.ActionKind.CLOSE;
import static dev.watchkeeper.triage.ActionKind.NOISE;
import static dev.watchkeeper.triage.ActionKind.NOTE;
import static dev.watchkeeper.triage.ActionKind.SNOOZE;
import static dev.watchkeeper.triage.ItemState.ACKNOWLEDGED;
import static dev.watchkeeper.triage.ItemState.OPEN;
import static dev.watchkeeper.triage.ItemState.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every transition of the item lifecycle, by sender, and every refusal. */
class ItemStatesTest {

    private static final Step UNCHANGED = new Step(false, null);
    private static final Step REFUSED = new Step(true, null);

    private static Step to(ItemState s) {
        return new Step(false, s);
    }

    private static final List<Boolean> BOTH = List.of(false, true);

    @Test
    void aPersonsAckAcknowledgesAnItemInTheQueueAndResolvesOneItsSourceResolved() {
        assertEquals(to(ACKNOWLEDGED), ItemStates.next(OPEN, false, ACK, Sender.PERSON));
        assertEquals(to(ACKNOWLEDGED), ItemStates.next(ACKNOWLEDGED, false, ACK, Sender.PERSON));
        assertEquals(to(RESOLVED), ItemStates.next(OPEN, true, ACK, Sender.PERSON));
        assertEquals(to(RESOLVED), ItemStates.next(ACKNOWLEDGED, true, ACK, Sender.PERSON));
        for (boolean sourceResolved : BOTH) {
            assertEquals(UNCHANGED, ItemStates.next(RESOLVED, sourceResolved, ACK, Sender.PERSON));
            assertEquals(UNCHANGED, ItemStates.next(ItemState.NOISE, sourceResolved, ACK, Sender.PERSON));
        }
    }

    @Test
    void aPersonsVerdictClosesFromAnyStateAndTheOtherActionsLeaveItAlone() {
        for (ItemState from : ItemState.values()) {
            for (boolean sourceResolved : BOTH) {
                assertEquals(to(RESOLVED), ItemStates.next(from, sourceResolved, ACTED, Sender.PERSON), from + " acted");
                assertEquals(to(RESOLVED), ItemStates.next(from, sourceResolved, CLOSE, Sender.PERSON), from + " close");
                assertEquals(to(ItemState.NOISE), ItemStates.next(from, sourceResolved, NOISE, Sender.PERSON));
                for (ActionKind k : EnumSet.of(SNOOZE, ASSIGN, NOTE, ActionKind.TAG, ActionKind.UNTAG)) {
                    assertEquals(UNCHANGED, ItemStates.next(from, sourceResolved, k, Sender.PERSON), from + " " + k);
                }
            }
        }
    }

    @Test
    void theSendersAckOnlyAcknowledgesAnOpenItemEvenOneResolvedAtTheSource() {
        assertEquals(to(ACKNOWLEDGED), ItemStates.next(OPEN, false, ACK, Sender.ALERT_SENDER));
        assertEquals(to(ACKNOWLEDGED), ItemStates.next(OPEN, true, ACK, Sender.ALERT_SENDER),
                "unlike a person's, a sender's ack does not resolve");
        for (ItemState from : EnumSet.of(ACKNOWLEDGED, RESOLVED, ItemState.NOISE)) {
            for (boolean sourceResolved : BOTH) {
                assertEquals(REFUSED, ItemStates.next(from, sourceResolved, ACK, Sender.ALERT_SENDER), from.wire());
            }
        }
        for (ActionKind k : EnumSet.complementOf(EnumSet.of(ACK))) {
            assertThrows(IllegalArgumentException.class, () -> ItemStates.next(OPEN, false, k, Sender.ALERT_SENDER));
        }
    }

    @Test
    void theStaleRuleClosesOnlyAnAcknowledgedItemResolvedAtTheSource() {
        assertEquals(to(RESOLVED), ItemStates.next(ACKNOWLEDGED, true, CLOSE, Sender.STALE_RULE));
        assertEquals(REFUSED, ItemStates.next(ACKNOWLEDGED, false, CLOSE, Sender.STALE_RULE), "it fired again");
        for (ItemState from : EnumSet.of(OPEN, RESOLVED, ItemState.NOISE)) {
            for (boolean sourceResolved : BOTH) {
                assertEquals(REFUSED, ItemStates.next(from, sourceResolved, CLOSE, Sender.STALE_RULE), from.wire());
            }
        }
        for (ActionKind k : EnumSet.complementOf(EnumSet.of(CLOSE))) {
            assertThrows(IllegalArgumentException.class, () -> ItemStates.next(ACKNOWLEDGED, true, k, Sender.STALE_RULE));
        }
    }

    @Test
    void anImportedAckAcknowledgesWhateverTheSourceSaidAndVerdictsClose() {
        for (boolean sourceResolved : BOTH) {
            assertEquals(to(ACKNOWLEDGED), ItemStates.next(OPEN, sourceResolved, ACK, Sender.HISTORY_IMPORT));
            assertEquals(to(ACKNOWLEDGED), ItemStates.next(ACKNOWLEDGED, sourceResolved, ACK, Sender.HISTORY_IMPORT));
            assertEquals(UNCHANGED, ItemStates.next(RESOLVED, sourceResolved, ACK, Sender.HISTORY_IMPORT));
            assertEquals(UNCHANGED, ItemStates.next(ItemState.NOISE, sourceResolved, ACK, Sender.HISTORY_IMPORT));
            for (ItemState from : ItemState.values()) {
                assertEquals(to(RESOLVED), ItemStates.next(from, sourceResolved, ACTED, Sender.HISTORY_IMPORT));
                assertEquals(to(ItemState.NOISE), ItemStates.next(from, sourceResolved, NOISE, Sender.HISTORY_IMPORT));
            }
        }
        for (ActionKind k : EnumSet.of(SNOOZE, ASSIGN, NOTE, CLOSE, ActionKind.TAG)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ItemStates.next(OPEN, false, k, Sender.HISTORY_IMPORT));
            assertTrue(e.getMessage().contains("'" + k.wire() + "'"), e.getMessage());
        }
    }

    @Test
    void resolutionAtTheSourceResolvesOnlyWhenItemsAreNotKeptVisible() {
        for (ItemState from : ItemState.values()) {
            assertEquals(Optional.empty(), ItemStates.whenSourceResolved(from, true, true), "kept visible");
            assertEquals(Optional.empty(), ItemStates.whenSourceResolved(from, false, false), "still firing");
            assertEquals(from.closed() ? Optional.empty() : Optional.of(RESOLVED),
                    ItemStates.whenSourceResolved(from, true, false), from.wire());
        }
    }

    @Test
    void wireNamesAreTheStoredOnesAndUnknownNamesAreRefusedNamingThem() {
        assertEquals(List.of("open", "acknowledged", "resolved", "noise"),
                EnumSet.allOf(ItemState.class).stream().map(ItemState::wire).toList());
        assertEquals("ack, acted, noise, snooze, assign, note, close", ActionKind.NAMES, "what act takes");
        assertEquals(ActionKind.TAG, ActionKind.of("tag"));
        assertFalse(ActionKind.TAG.throughAct() || ActionKind.UNTAG.throughAct());
        assertEquals(List.of("paged", "quiet"), EnumSet.allOf(Lane.class).stream().map(Lane::wire).toList());
        for (ItemState s : ItemState.values()) {
            assertEquals(s, ItemState.of(s.wire()));
        }
        for (ActionKind k : ActionKind.values()) {
            assertEquals(k, ActionKind.of(k.wire()));
        }
        assertTrue(RESOLVED.closed() && ItemState.NOISE.closed() && !OPEN.closed() && !ACKNOWLEDGED.closed());
        IllegalArgumentException state = assertThrows(IllegalArgumentException.class, () -> ItemState.of("Open"));
        assertTrue(state.getMessage().contains("'Open'") && state.getMessage().contains("acknowledged"),
                state.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> ActionKind.of("resolve"));
        assertTrue(kind.getMessage().contains("'resolve'"), kind.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ActionKind.of(null));
        assertThrows(IllegalArgumentException.class, () -> Lane.of("loud"));
        assertEquals(null, Lane.of(null), "not scored yet");
        assertFalse(ActionKind.ACK.is(null));
    }
}
