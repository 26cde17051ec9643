package dev.watchkeeper.slack;

import dev.watchkeeper.db.notify.DeliveryStatus;
import dev.watchkeeper.notify.DeliveryStatuses;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;

import java.util.List;

/** The Slack outbox's part in where a page's deliveries stand: its DMs, on the channel {@code slack}. */
@Singleton
public class SlackPageDeliveries implements DeliveryStatuses {

    static final String CHANNEL = "slack";

    private final OutboxStore store;

    public SlackPageDeliveries(OutboxStore store) {
        this.store = store;
    }

    @Override
    public List<DeliveryStatus> statuses(DSLContext dsl, String keyPrefix) {
        return store.statuses(dsl, keyPrefix, CHANNEL);
    }
}
