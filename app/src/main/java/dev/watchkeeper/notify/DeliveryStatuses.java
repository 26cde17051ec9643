package dev.watchkeeper.notify;

import dev.watchkeeper.db.notify.DeliveryStatus;
import org.jooq.DSLContext;

import java.util.List;

/**
 * An outbox besides the contact outbox that delivers pages (Slack's DMs), telling where its deliveries stand, so
 * that {@link PageDeliveries} sees every channel of a page. Declared here, implemented by the surface that owns
 * the outbox; notify knows nothing of it.
 */
public interface DeliveryStatuses {

    /** The deliveries whose idempotency key starts with {@code keyPrefix}, read in the caller's transaction. */
    List<DeliveryStatus> statuses(DSLContext dsl, String keyPrefix);
}
