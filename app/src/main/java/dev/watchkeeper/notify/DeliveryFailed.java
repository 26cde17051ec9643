package dev.watchkeeper.notify;

/**
 * A delivery (Slack DM, e-mail, webhook) failed for good. Published by the outboxes; paging listens for the
 * keys of pages ({@link PageKey}) to tell when a person cannot be reached on any channel.
 */
public record DeliveryFailed(String idempotencyKey, String channel, String error) {
}
