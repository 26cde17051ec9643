package dev.watchkeeper.db.auth;

import java.time.Instant;

/**
 * An API token of a person. Only the SHA-256 of its secret is stored.
 *
 * @param tokenHint the first characters of the token ({@code wk_} and six more), to recognise it in lists
 */
public record ApiTokenRow(int id, int personId, String handle, String role, String tokenHint, String label,
                          String createdBy, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
