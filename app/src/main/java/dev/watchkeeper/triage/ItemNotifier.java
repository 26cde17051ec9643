package dev.watchkeeper.triage;

/**
 * Keeps an item's message on a channel true. {@link AlertPipeline} calls every implementation after scoring an
 * item; Slack implements it ({@code slack.AlertMessages}: one message in the alerts channel per paged item, updated
 * in place, with re-fires and resolutions in its thread). Implementations only enqueue: they must not wait for the
 * channel.
 */
public interface ItemNotifier {

    /** The item was put in the paged lane for the first time: give it its message. */
    void paged(int itemId);

    /**
     * Something shown about the item changed: {@code what} is {@link ItemEvent.Kind#CREATED},
     * {@link ItemEvent.Kind#REFIRED}, {@link ItemEvent.Kind#RESOLVED_BY_SOURCE}, {@link ItemEvent.Kind#UPDATED}
     * (re-scored) or {@link ItemEvent.Kind#ACTION} (a person acted).
     */
    void changed(int itemId, ItemEvent.Kind what);
}
