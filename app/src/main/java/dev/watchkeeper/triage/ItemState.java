package dev.watchkeeper.triage;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where an item is in its life: {@code open} until someone (or a rule) acknowledges, resolves or dismisses
 * it. Rows and the API keep the lower-case name ({@link #wire()}). How an item moves between them is
 * written once, in {@link ItemStates}.
 */
public enum ItemState {
    OPEN, ACKNOWLEDGED, RESOLVED, NOISE;

    /** The problem to report for a value that is not a state. */
    public static final String ONE_OF = "must be one of " + Arrays.stream(values()).map(ItemState::wire)
            .collect(Collectors.joining(", "));

    /** The name stored and shown: {@code open}, {@code acknowledged}, {@code resolved}, {@code noise}. */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** The stored name, so text built from a state reads as it always did. */
    @Override
    public String toString() {
        return wire();
    }

    /** Resolved or dismissed as noise: out of the queue, until an alert of its group key fires again. */
    public boolean closed() {
        return this == RESOLVED || this == NOISE;
    }

    /** Whether {@code wire} names this state (null names none). */
    public boolean is(String wire) {
        return wire().equals(wire);
    }

    /** Exactly one of the stored names; empty otherwise. */
    public static Optional<ItemState> parse(String wire) {
        return WireNames.parse(ItemState.class, wire);
    }

    /** A stored name as a state; an unknown one is a bug (or a foreign row) and is refused, naming it. */
    public static ItemState of(String wire) {
        return parse(wire).orElseThrow(() -> new IllegalArgumentException(
                "unknown item state '" + wire + "': " + ONE_OF));
    }
}
