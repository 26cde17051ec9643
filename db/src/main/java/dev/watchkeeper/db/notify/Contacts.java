package dev.watchkeeper.db.notify;

/**
 * How one person is reached: each field null when not set. {@code webhookSecret} signs webhook bodies.
 */
public record Contacts(int personId, String handle, String slackUserId, String email, String webhookUrl,
                       String webhookSecret) {

    /** No way to reach the person at all. */
    public boolean none() {
        return slackUserId == null && email == null && webhookUrl == null;
    }
}
