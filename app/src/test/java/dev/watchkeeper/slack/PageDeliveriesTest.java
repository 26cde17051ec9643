package dev.watchkeeper.slack;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.ContactOutboxStore;
import dev.watchkeeper.db.notify.DeliveryStatus;
import dev.watchkeeper.db.testing.TestDatabases;
import dev.watchkeeper.notify.PageDeliveries;
import dev.watchkeeper.notify.PageKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A page's deliveries on every channel: the contact outbox's, then the Slack outbox's (contributed through
 * {@code notify.DeliveryStatuses}), only those of that page to that person, with their state and last error.
 */
class PageDeliveriesTest {

    @TempDir
    Path dir;

    @Test
    void bothOutboxesAnswerForOnePageToOnePerson() {
        try (Database db = Database.open(TestDatabases.url(dir.resolve("wk.db")))) {
            ContactOutboxStore contacts = new ContactOutboxStore();
            OutboxStore slack = new OutboxStore();
            PageDeliveries deliveries = new PageDeliveries(contacts, List.of(new SlackPageDeliveries(slack)));
            Instant t = Instant.parse("2026-03-02T09:00:00Z");
            PageKey page = new PageKey(7, 0, 1, 3);
            db.writeVoid(tx -> {
                contacts.enqueue(tx, page.key("email"), "email", "a@example.com", "{}", t);
                contacts.enqueue(tx, page.key("webhook"), "webhook", "https://example.com/h", "{}", t);
                slack.enqueue(tx, page.key("slack"), "chat.postMessage", null, "U1", "{}", t);
                // another person, another level, and a key that only an unescaped LIKE wildcard would match
                contacts.enqueue(tx, new PageKey(7, 0, 1, 33).key("email"), "email", "b@example.com", "{}", t);
                slack.enqueue(tx, new PageKey(7, 0, 2, 3).key("slack"), "chat.postMessage", null, "U1", "{}", t);
                contacts.enqueue(tx, "page:7:0x1:3:email", "email", "c@example.com", "{}", t);
            });
            int emailId = db.read(dsl -> contacts.recent(dsl, 10)).stream()
                    .filter(r -> r.idempotencyKey().equals(page.key("email"))).findFirst().orElseThrow().id();
            db.writeVoid(tx -> contacts.markFailed(tx, emailId, 3, "550 no such user"));

            List<DeliveryStatus> all = db.read(dsl -> deliveries.of(dsl, page));
            assertEquals(List.of(
                    new DeliveryStatus("email", ContactOutboxStore.FAILED, "550 no such user"),
                    new DeliveryStatus("webhook", ContactOutboxStore.PENDING, null),
                    new DeliveryStatus("slack", OutboxStore.PENDING, null)), all.stream()
                    .sorted(Comparator.comparing(d -> List.of("email", "webhook", "slack").indexOf(d.channel())))
                    .toList());
            assertEquals("slack", all.getLast().channel(), "the contact outbox answers first, then Slack");

            // LIKE's wildcards in a prefix match only themselves ('_' would match the x of page:7:0x1:3:email)
            assertEquals(List.of(), db.read(dsl -> contacts.statuses(dsl, "page:7:0_1:3:")));
            assertEquals(List.of(), db.read(dsl -> contacts.statuses(dsl, "page:7:0%")));
        }
    }
}
