package dev.watchkeeper.notify;

import dev.watchkeeper.db.notify.ContactOutboxStore;
import dev.watchkeeper.db.notify.DeliveryStatus;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The deliveries of one page to one person on every channel ({@link PageKey#prefix()}): the contact outbox's
 * e-mails and webhook calls, then those of every other outbox ({@link DeliveryStatuses}). Used to tell when every
 * channel failed for good.
 */
@Singleton
public class PageDeliveries {

    private final ContactOutboxStore contacts;
    private final List<DeliveryStatuses> others;

    public PageDeliveries(ContactOutboxStore contacts, List<DeliveryStatuses> others) {
        this.contacts = contacts;
        this.others = others;
    }

    public List<DeliveryStatus> of(DSLContext dsl, PageKey key) {
        List<DeliveryStatus> all = new ArrayList<>(contacts.statuses(dsl, key.prefix()));
        for (DeliveryStatuses other : others) {
            all.addAll(other.statuses(dsl, key.prefix()));
        }
        return all;
    }
}
