package dev.watchkeeper.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.core.WakeUp;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.ContactOutboxRow;
import dev.watchkeeper.db.notify.ContactOutboxStore;
import dev.watchkeeper.db.notify.ContactStore;
import dev.watchkeeper.db.notify.Contacts;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * E-mail and webhook deliveries: each a row in {@code contact_outbox} keyed by its idempotency key (the same key
 * enqueued twice is one delivery), sent by {@link #sendDue()} with retries (2 s, 4 s … capped at 5 minutes) until
 * sent or failed for good. A permanent failure is published as {@link DeliveryFailed}.
 */
@Singleton
public class ContactOutbox {

    public static final String EMAIL = "email";
    public static final String WEBHOOK = "webhook";
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(ContactOutbox.class);

    private final Database db;
    private final ContactOutboxStore store;
    private final ContactStore contacts;
    private final MailSender mail;
    private final WebhookSender webhooks;
    private final Clock clock;
    private final ApplicationEventPublisher<DeliveryFailed> failures;
    private final WakeUp wakeUp = new WakeUp();

    public ContactOutbox(Database db, ContactOutboxStore store, ContactStore contacts, MailSender mail,
                         WebhookSender webhooks, Clock clock, ApplicationEventPublisher<DeliveryFailed> failures) {
        this.db = db;
        this.store = store;
        this.contacts = contacts;
        this.mail = mail;
        this.webhooks = webhooks;
        this.clock = clock;
        this.failures = failures;
    }

    /** A message to a person's e-mail address; false when it was enqueued before under this key. */
    public boolean email(String key, String to, String subject, String text) {
        ObjectNode p = Json.object().put("subject", subject).put("text", text);
        return enqueue(key, EMAIL, to, Json.write(p));
    }

    /**
     * A JSON event to a person's webhook. The secret is not copied into the outbox: it is read from the person
     * when sending ({@code personId}).
     */
    public boolean webhook(String key, String url, int personId, ObjectNode event) {
        ObjectNode p = Json.object().put("personId", personId);
        p.set("event", event);
        return enqueue(key, WEBHOOK, url, Json.write(p));
    }

    private boolean enqueue(String key, String channel, String target, String payload) {
        return wakeUp.added(db.write(tx -> store.enqueue(tx, key, channel, target, payload, clock.instant())));
    }

    void onEnqueue(Runnable r) {
        wakeUp.onEnqueue(r);
    }

    public Map<String, Integer> counts() {
        return db.read(store::counts);
    }

    public List<ContactOutboxRow> recent(int limit) {
        return db.read(dsl -> store.recent(dsl, Math.max(1, Math.min(limit, 200))));
    }

    public int pruneSent(Instant before) {
        return db.write(tx -> store.deleteSentBefore(tx, before));
    }

    /** What one run did. */
    public record Run(int sent, int retrying, int failed) {
    }

    /** Sends every delivery due now, oldest first. The worker calls this; tests call it after moving the clock. */
    public synchronized Run sendDue() {
        Instant now = clock.instant();
        int sent = 0;
        int retrying = 0;
        int failed = 0;
        for (ContactOutboxRow row : db.read(dsl -> store.due(dsl, now, 100))) {
            Outcome outcome;
            try {
                outcome = attempt(row);
            } catch (RuntimeException e) {
                LOG.error("contact outbox row {} could not be prepared", row.id(), e);
                outcome = new Outcome.Permanent("internal error: " + e);
            }
            int attempts = row.attempts() + 1;
            switch (outcome) {
                case Outcome.Sent s -> {
                    db.writeVoid(tx -> store.markSent(tx, row.id(), attempts, clock.instant()));
                    sent++;
                }
                case Outcome.Retry r -> {
                    Instant next = clock.instant().plus(backoff(attempts));
                    LOG.warn("{} to {} (outbox {}) failed, attempt {}: {}; next try at {}", row.channel(), row.target(),
                            row.id(), attempts, r.error(), next);
                    db.writeVoid(tx -> store.retryLater(tx, row.id(), attempts, next, r.error()));
                    retrying++;
                }
                case Outcome.Permanent p -> {
                    LOG.error("{} to {} (outbox {}, key {}) failed for good: {}", row.channel(), row.target(), row.id(),
                            row.idempotencyKey(), p.error());
                    db.writeVoid(tx -> store.markFailed(tx, row.id(), attempts, p.error()));
                    failed++;
                    failures.publishEvent(new DeliveryFailed(row.idempotencyKey(), row.channel(), p.error()));
                }
            }
        }
        return new Run(sent, retrying, failed);
    }

    static Duration backoff(int attempts) {
        long seconds = FIRST_BACKOFF.toSeconds() << Math.min(Math.max(attempts - 1, 0), 20);
        return seconds > MAX_BACKOFF.toSeconds() ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }

    private Outcome attempt(ContactOutboxRow row) {
        JsonNode p = Json.parse(row.payload());
        return switch (row.channel()) {
            case EMAIL -> mail.send(row.idempotencyKey(), row.target(), p.path("subject").asText(), p.path("text").asText());
            case WEBHOOK -> {
                String secret = db.read(dsl -> contacts.find(dsl, p.path("personId").asInt()))
                        .map(Contacts::webhookSecret).orElse(null);
                ObjectNode event = (ObjectNode) p.get("event");
                event.put("key", row.idempotencyKey());
                yield webhooks.send(row.idempotencyKey(), row.target(), secret, Json.write(event));
            }
            default -> new Outcome.Permanent("unknown channel " + row.channel());
        };
    }
}
