package dev.watchkeeper.db;

import java.time.Instant;

/** Instants are stored as epoch milliseconds. */
public final class Millis {
    private Millis() {
    }

    public static Long of(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    public static Instant toInstant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
