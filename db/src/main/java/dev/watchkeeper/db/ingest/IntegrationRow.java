package dev.watchkeeper.db.ingest;

import java.time.Instant;

/**
 * A sender allowed to post alerts. Only the SHA-256 of its token is stored.
 *
 * @param tokenHint the last characters of the token, to recognise it in lists
 */
public record IntegrationRow(int id, String kind, String name, String tokenHint, Instant createdAt,
                             Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
