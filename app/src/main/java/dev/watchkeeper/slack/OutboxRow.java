package dev.watchkeeper.slack;

import java.time.Instant;

/** One outgoing Slack call as stored in the outbox; {@code backoffFailures}: consecutive transient failures. */
public record OutboxRow(int id, String idempotencyKey, String method, Integer itemId, String target, String payload,
                        String state, int attempts, Instant nextAttemptAt, Instant createdAt, Instant sentAt,
                        String lastError, String resultTs, int backoffFailures) {
}
