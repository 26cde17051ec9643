package dev.watchkeeper.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The four severities Watchkeeper knows, and the names senders use for them. */
public final class Severity {

    public static final List<String> ALL = List.of("critical", "error", "warning", "info");

    private Severity() {
    }

    /** Normalises a sender's severity name; empty when it is not one we recognise. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "critical", "crit", "page", "p1", "fatal", "emergency", "alert" -> Optional.of("critical");
            case "error", "err", "high", "major", "p2" -> Optional.of("error");
            case "warning", "warn", "medium", "minor", "p3" -> Optional.of("warning");
            case "info", "information", "informational", "low", "none", "p4", "p5", "debug" -> Optional.of("info");
            default -> Optional.empty();
        };
    }

    public static int rank(String severity) {
        int i = ALL.indexOf(severity);
        return i < 0 ? ALL.size() : i;
    }

    /** The more urgent of two severities. */
    public static String worst(String a, String b) {
        return rank(a) <= rank(b) ? a : b;
    }
}
