package dev.watchkeeper.db.notify;

/** Where one outbox delivery stands: its channel (email, webhook, slack ...), state and last error (or null). */
public record DeliveryStatus(String channel, String state, String lastError) {
}
