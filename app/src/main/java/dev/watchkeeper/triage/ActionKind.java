package dev.watchkeeper.triage;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.watchkeeper.core.FieldError;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an action on an item does. Stored, sent and typed by its lower-case name ({@link #wire()}):
 * {@code ack} (aware, nothing to do now), {@code acted} (a person had to act: a true positive),
 * {@code noise} (a false positive), {@code snooze}, {@code assign}, {@code note}, and {@code close}
 * (closed without a verdict on the alert, e.g. stale: not a training label), all taken through
 * {@link TriageService#act}; and {@code tag}, {@code untag}, recorded by {@link TagService}. What each does to
 * the item's state is {@link ItemStates}'.
 */
public enum ActionKind {
    ACK, ACTED, NOISE, SNOOZE, ASSIGN, NOTE, CLOSE, TAG, UNTAG;

    /** The names {@link TriageService#act} takes, in this order, as error messages list them. */
    public static final String NAMES = Arrays.stream(values()).filter(ActionKind::throughAct).map(ActionKind::wire)
            .collect(Collectors.joining(", "));

    /** The problem to report for a value that is not an action {@link TriageService#act} takes. */
    public static final String ONE_OF = "must be one of " + NAMES;

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** A decision on the alert itself, which ranking learns from: {@code ack}, {@code acted}, {@code noise}. */
    public boolean isVerdict() {
        return this == ACK || this == ACTED || this == NOISE;
    }

    /** Taken through {@link TriageService#act} (tags have their own service). */
    public boolean throughAct() {
        return this != TAG && this != UNTAG;
    }

    /** Whether {@code wire} names this action (null names none). */
    public boolean is(String wire) {
        return wire().equals(wire);
    }

    /** Exactly one of the names; empty otherwise. */
    public static Optional<ActionKind> parse(String wire) {
        return WireNames.parse(ActionKind.class, wire);
    }

    /** The action {@link TriageService#act} takes by this name; empty for null, an unknown name or a tag action. */
    public static Optional<ActionKind> forAct(String wire) {
        return parse(wire).filter(ActionKind::throughAct);
    }

    /** The error for a name {@link #forAct} refuses (null: none was given), on the request's field {@code field}. */
    public static FieldError problem(String field, String wire) {
        return new FieldError(field, ONE_OF + "; was " + (wire == null ? "missing" : "'" + wire + "'"));
    }

    /** A name as an action; an unknown one is refused, naming it. */
    public static ActionKind of(String wire) {
        return parse(wire).orElseThrow(() -> new IllegalArgumentException(
                "unknown action '" + wire + "': " + ONE_OF));
    }
}
