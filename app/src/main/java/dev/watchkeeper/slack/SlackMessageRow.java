package dev.watchkeeper.slack;

/** The alert message of an item: where it is, and its ts once posted (null before). */
public record SlackMessageRow(int itemId, String channel, String ts) {

    public boolean posted() {
        return ts != null;
    }
}
