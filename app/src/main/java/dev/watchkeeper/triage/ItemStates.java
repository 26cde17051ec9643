package dev.watchkeeper.triage;

import java.util.Optional;

/**
 * How an item's state changes: the one statement of the rules, whoever sends the action. Pure; the
 * {@link ItemLifecycle} writes what it decides.
 *
 * <p>The rules differ by sender, on purpose:
 * <ul>
 *   <li>A <b>person</b> (HTTP, CLI, Slack, the review page): {@code acted} and {@code close} resolve,
 *   {@code noise} dismisses, from any state (acting on a closed item closes it again, now). {@code ack}
 *   acknowledges an item still in the queue; but when every alert of it has already resolved at its source,
 *   a person having seen it is all that was left to do, so it resolves. {@code ack} on a closed item is
 *   recorded and changes nothing. {@code snooze}, {@code assign}, {@code note} and the tags never change the state.</li>
 *   <li>The <b>sender</b> (PagerDuty Events v2 {@code acknowledge}): only an {@code open} item becomes
 *   {@code acknowledged}, whether or not its alerts have resolved: a machine's acknowledgement says nobody
 *   looked at it, so it must not close it. Any other state refuses it, and nothing is recorded (senders
 *   repeat themselves).</li>
 *   <li>The <b>stale rule</b> ({@link StaleRule}) closes only an {@code acknowledged} item whose alerts all
 *   resolved at the source, as {@code resolved}; anything else (someone acted, the alert fired again) refuses
 *   it.</li>
 *   <li>A <b>history import</b> replays what another tool recorded: {@code ack} acknowledges any item not
 *   closed (the other tool's verdict, not ours: an imported acknowledgement does not resolve), {@code acted}
 *   resolves, {@code noise} dismisses.</li>
 * </ul>
 * Resolution at the source is not an action: {@link #whenSourceResolved} says what it does.
 */
public final class ItemStates {

    private ItemStates() {
    }

    /** Who sends an action; the rules differ by sender (see the class comment). */
    public enum Sender {
        PERSON, ALERT_SENDER, STALE_RULE, HISTORY_IMPORT
    }

    /**
     * What one action does: refused (nothing is recorded), or taken, leaving the item in {@code to}
     * (written, and its closing time set or cleared, even when it is the same state) or, when {@code to} is
     * null, with its state untouched.
     */
    public record Step(boolean refused, ItemState to) {

        static final Step REFUSED = new Step(true, null);
        static final Step UNCHANGED = new Step(false, null);

        static Step to(ItemState state) {
            return new Step(false, state);
        }

        /** The state to write, when the action takes and changes (or rewrites) it. */
        public Optional<ItemState> target() {
            return Optional.ofNullable(to);
        }
    }

    /**
     * What {@code kind} sent by {@code sender} does to an item in {@code state}.
     *
     * @param sourceResolved every alert of the item has resolved at its source
     * @throws IllegalArgumentException for an action that sender never sends (a bug, not input)
     */
    public static Step next(ItemState state, boolean sourceResolved, ActionKind kind, Sender sender) {
        return switch (sender) {
            case PERSON -> switch (kind) {
                case ACK -> state.closed() ? Step.UNCHANGED
                        : Step.to(sourceResolved ? ItemState.RESOLVED : ItemState.ACKNOWLEDGED);
                case ACTED, CLOSE -> Step.to(ItemState.RESOLVED);
                case NOISE -> Step.to(ItemState.NOISE);
                case SNOOZE, ASSIGN, NOTE, TAG, UNTAG -> Step.UNCHANGED;
            };
            case ALERT_SENDER -> {
                if (kind != ActionKind.ACK) {
                    throw never(kind, sender);
                }
                yield state == ItemState.OPEN ? Step.to(ItemState.ACKNOWLEDGED) : Step.REFUSED;
            }
            case STALE_RULE -> {
                if (kind != ActionKind.CLOSE) {
                    throw never(kind, sender);
                }
                yield state == ItemState.ACKNOWLEDGED && sourceResolved ? Step.to(ItemState.RESOLVED) : Step.REFUSED;
            }
            case HISTORY_IMPORT -> switch (kind) {
                case ACK -> state.closed() ? Step.UNCHANGED : Step.to(ItemState.ACKNOWLEDGED);
                case ACTED -> Step.to(ItemState.RESOLVED);
                case NOISE -> Step.to(ItemState.NOISE);
                default -> throw never(kind, sender);
            };
        };
    }

    /**
     * The keep-resolved-visible rule: when every alert of an item has resolved at its source, the item stays
     * in the queue for a person to see ({@code keepVisible}, the default), or resolves by itself. A closed
     * item, or one still firing, is left as it is.
     *
     * @return the state to write, or empty to leave it
     */
    public static Optional<ItemState> whenSourceResolved(ItemState state, boolean sourceResolved,
                                                         boolean keepVisible) {
        return !keepVisible && sourceResolved && !state.closed() ? Optional.of(ItemState.RESOLVED) : Optional.empty();
    }

    private static IllegalArgumentException never(ActionKind kind, Sender sender) {
        return new IllegalArgumentException(sender + " never sends '" + kind.wire() + "'");
    }
}
