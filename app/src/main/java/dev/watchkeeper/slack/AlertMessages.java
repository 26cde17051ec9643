package dev.watchkeeper.slack;

import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.triage.TriageStore;
import dev.watchkeeper.db.ingest.AlertStore;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.ItemEvent;
import dev.watchkeeper.triage.ItemNotifier;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the alerts channel true: a paged item gets one message; later changes update it in place and
 * re-fires and resolutions go into its thread. Called by {@code triage.AlertPipeline} after scoring, and on each
 * committed action. Only enqueues; the outbox delivers.
 */
@Singleton
public class AlertMessages implements ItemNotifier {

    private final SlackConfig config;
    private final Database db;
    private final SlackOutbox outbox;
    private final TriageStore triage;
    private final AlertStore alerts;
    private final SlackMessageStore messages;
    private final SlackDelivery delivery;

    public AlertMessages(SlackConfig config, Database db, SlackOutbox outbox, TriageStore triage, AlertStore alerts,
                         SlackMessageStore messages, SlackDelivery delivery) {
        this.delivery = delivery;
        this.messages = messages;
        this.config = config;
        this.db = db;
        this.outbox = outbox;
        this.triage = triage;
        this.alerts = alerts;
    }

    /** The pipeline put the item in the paged lane: one message in the alerts channel (if one is set). */
    @Override
    public void paged(int itemId) {
        if (delivery.alertsChannel() == null) {
            return;
        }
        db.writeVoid(tx -> outbox.postItemMessage(tx, itemId, delivery.alertsChannel()));
    }

    @Override
    public void changed(int itemId, ItemEvent.Kind what) {
        // Without Slack settings here (the CLI), calls are still enqueued when a Slack-sending server shares the database.
        if (!delivery.enabled()) {
            return;
        }
        // Most changes concern items without a message; do not take the write lock for those.
        if (db.read(dsl -> messages.find(dsl, itemId)).isEmpty()) {
            return;
        }
        db.writeVoid(tx -> {
            switch (what) {
                case UPDATED, ACTION -> outbox.updateItemMessage(tx, itemId);
                case REFIRED -> {
                    Optional<Item> item = triage.find(tx, itemId).map(Item::of);
                    int fires = alerts.forItem(tx, itemId).stream().mapToInt(AlertRow::fireCount).sum();
                    if (item.isPresent() && outbox.threadReply(tx, itemId, "refired:" + fires,
                            ":repeat: Fired again (" + fires + " fires in all).")) {
                        outbox.updateItemMessage(tx, itemId);
                    }
                }
                case RESOLVED_BY_SOURCE -> {
                    List<AlertRow> members = alerts.forItem(tx, itemId);
                    String key = "resolved:" + members.stream().mapToLong(a -> a.lastSeenAt().toEpochMilli()).max().orElse(0);
                    if (outbox.threadReply(tx, itemId, key, ":white_check_mark: Resolved at the source.")) {
                        outbox.updateItemMessage(tx, itemId);
                    }
                }
                case CREATED, PAGED -> {
                }
            }
        });
    }

    /** A person acted on the item (an action is committed): its message shows the new state. */
    @EventListener
    void on(ItemEvent event) {
        if (event.kind() == ItemEvent.Kind.ACTION) {
            changed(event.itemId(), event.kind());
        }
    }
}
