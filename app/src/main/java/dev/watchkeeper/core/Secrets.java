package dev.watchkeeper.core;

import java.time.Instant;

/** What the commands that hand out secrets (API tokens, integration tokens) say about them. */
public final class Secrets {

    /** Printed under a secret the moment it is created. */
    public static final String SHOWN_ONCE = "The token is shown only this once; Watchkeeper keeps only its SHA-256.";

    private Secrets() {
    }

    /** A listing's STATE of a credential: {@code active}, or {@code revoked} and when. */
    public static String state(Instant revokedAt) {
        return revokedAt == null ? "active" : "revoked " + revokedAt;
    }
}
