package dev.watchkeeper.slack;

import dev.watchkeeper.db.AlertRow;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.ItemRow;
import dev.watchkeeper.db.TriageStore;
import dev.watchkeeper.db.AlertStore;
import dev.watchkeeper.db.slack.SlackMessageStore;
import dev.watchkeeper.triage.ItemEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the alerts channel true: a paged item gets one message; later changes update it in place and
 * re-fires and resolutions go into its thread. Only enqueues; the outbox delivers.
 */
@Singleton
public class AlertMessages {

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

    @EventListener
    void on(ItemEvent event) {
        // Without Slack settings here (the CLI), calls are still enqueued when a Slack-sending server shares the database.
        int id = event.itemId();
        if (event.kind() == ItemEvent.Kind.PAGED ? delivery.alertsChannel() == null : !delivery.enabled()) {
            return;
        }
        // Most events concern items without a message; do not take the write lock for those.
        if (event.kind() != ItemEvent.Kind.PAGED && db.read(dsl -> messages.find(dsl, id)).isEmpty()) {
            return;
        }
        db.writeVoid(tx -> {
            switch (event.kind()) {
                case PAGED -> outbox.postItemMessage(tx, id, delivery.alertsChannel());
                case UPDATED, ACTION -> outbox.updateItemMessage(tx, id);
                case REFIRED -> {
                    Optional<ItemRow> item = triage.find(tx, id);
                    int fires = alerts.forItem(tx, id).stream().mapToInt(AlertRow::fireCount).sum();
                    if (item.isPresent() && outbox.threadReply(tx, id, "refired:" + fires,
                            ":repeat: Fired again (" + fires + " fires in all).")) {
                        outbox.updateItemMessage(tx, id);
                    }
                }
                case RESOLVED_BY_SOURCE -> {
                    List<AlertRow> members = alerts.forItem(tx, id);
                    String key = "resolved:" + members.stream().mapToLong(a -> a.lastSeenAt().toEpochMilli()).max().orElse(0);
                    if (outbox.threadReply(tx, id, key, ":white_check_mark: Resolved at the source.")) {
                        outbox.updateItemMessage(tx, id);
                    }
                }
                case CREATED -> {
                }
            }
        });
    }
}
