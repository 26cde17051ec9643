package dev.watchkeeper.notify;

import dev.watchkeeper.db.notify.ContactOutboxStore;
import dev.watchkeeper.db.notify.ContactStore;
import dev.watchkeeper.db.notify.EscalationStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The stores of the people directory, the contact outbox and escalation policies. */
@Factory
public class NotifyFactory {

    @Singleton
    ContactStore contactStore() {
        return new ContactStore();
    }

    @Singleton
    ContactOutboxStore contactOutboxStore() {
        return new ContactOutboxStore();
    }

    @Singleton
    EscalationStore escalationStore() {
        return new EscalationStore();
    }
}
