package dev.watchkeeper.triage;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/**
 * Which lane the alert pipeline put an item in: {@code paged} (someone is paged) or {@code quiet} (it waits
 * in the queue). An item not scored yet has no lane (a null row value).
 */
public enum Lane {
    PAGED, QUIET;

    /** The problem to report for a value that is not a lane. */
    public static final String ONE_OF = "must be one of paged, quiet";

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** The stored name, so text built from a lane reads as it always did. */
    @Override
    public String toString() {
        return wire();
    }

    /** Whether {@code wire} names this lane (null names none). */
    public boolean is(String wire) {
        return wire().equals(wire);
    }

    /** Exactly one of the names; empty otherwise (and for null: not scored yet). */
    public static Optional<Lane> parse(String wire) {
        return WireNames.parse(Lane.class, wire);
    }

    /** A stored lane; null stays null (not scored yet), an unknown name is refused, naming it. */
    public static Lane of(String wire) {
        if (wire == null) {
            return null;
        }
        return parse(wire).orElseThrow(() -> new IllegalArgumentException("unknown lane '" + wire + "': " + ONE_OF));
    }
}
