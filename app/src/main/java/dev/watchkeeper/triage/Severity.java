package dev.watchkeeper.triage;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/**
 * The four severities of an item, most urgent first. Rows keep the lower-case name ({@link #wire()}); senders'
 * own words (P1, high, warn, ...) are mapped by {@link #normalise}. Defined once: parsers, playbooks, paging and
 * the CLI all check and rank severities here.
 */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO;

    /** The problem to report for a value that is not a severity. */
    public static final String ONE_OF = "must be one of critical, error, warning, info";

    /** The name stored and shown: {@code critical}, {@code error}, {@code warning}, {@code info}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored name, so text built from a severity reads as it always did. */
    @Override
    public String toString() {
        return wire();
    }

    /** Exactly one of the four stored names; empty otherwise. */
    public static Optional<Severity> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name) {
            case "critical" -> Optional.of(CRITICAL);
            case "error" -> Optional.of(ERROR);
            case "warning" -> Optional.of(WARNING);
            case "info" -> Optional.of(INFO);
            default -> Optional.empty();
        };
    }

    /** A sender's severity word mapped to ours; empty when it is not one we recognise. */
    public static Optional<Severity> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "critical", "crit", "page", "p1", "fatal", "emergency", "alert" -> Optional.of(CRITICAL);
            case "error", "err", "high", "major", "p2" -> Optional.of(ERROR);
            case "warning", "warn", "medium", "minor", "p3" -> Optional.of(WARNING);
            case "info", "information", "informational", "low", "none", "p4", "p5", "debug" -> Optional.of(INFO);
            default -> Optional.empty();
        };
    }

    /** {@link #normalise} to the stored name. */
    public static Optional<String> normaliseName(String raw) {
        return normalise(raw).map(Severity::wire);
    }

    /** Whether this is as urgent as {@code other} or more. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** The more urgent of two stored names; an unknown name counts as least urgent. */
    public static String worst(String a, String b) {
        return rank(a) <= rank(b) ? a : b;
    }

    private static int rank(String name) {
        return parse(name).map(Enum::ordinal).orElse(values().length);
    }
}
