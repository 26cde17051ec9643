package dev.watchkeeper.db.notify;

import java.time.Instant;

/** One e-mail or webhook call as stored in the contact outbox. */
public record ContactOutboxRow(int id, String idempotencyKey, String channel, String target, String payload, String state,
                               int attempts, Instant nextAttemptAt, Instant createdAt, Instant sentAt, String lastError) {
}
