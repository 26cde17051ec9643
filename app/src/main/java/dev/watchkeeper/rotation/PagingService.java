package dev.watchkeeper.rotation;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.observability.ServiceMetrics;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.triage.TriageStore;
import dev.watchkeeper.db.rotation.PageRow;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.db.rotation.RotationStore;
import dev.watchkeeper.db.notify.Contacts;
import dev.watchkeeper.db.notify.DeliveryStatus;
import dev.watchkeeper.db.notify.ContactStore;
import dev.watchkeeper.db.notify.EscalationStore;
import dev.watchkeeper.notify.ContactOutbox;
import dev.watchkeeper.notify.DeliveryFailed;
import dev.watchkeeper.notify.PageDeliveries;
import dev.watchkeeper.notify.PageKey;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.Pager;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Paged items meet the rotation (the {@link Pager} of the alert pipeline): the primary is paged on every channel
 * they have and every shadow gets a copy ({@link ShadowCopies} hears their guesses); an item nobody acknowledges
 * within the rotation's timeout ({@link EscalationPolicies}) is re-paged to the primary, then to the next people in
 * the rotation, each step announced in the channel.
 */
@Singleton
public class PagingService implements Pager {

    private static final Logger LOG = LoggerFactory.getLogger(PagingService.class);

    private final Database db;
    private final RotationStore store;
    private final TriageStore triage;
    private final PersonStore people;
    private final RotationService rotations;
    private final RotationSettings settings;
    private final OncallNotifier notifier;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final ContactStore contacts;
    private final ContactOutbox contactOutbox;
    private final PageDeliveries deliveries;
    private final EscalationStore policies;
    private final ItemRotation itemRotation;

    public PagingService(Database db, RotationStore store, TriageStore triage, PersonStore people,
                         RotationService rotations, RotationSettings settings, OncallNotifier notifier, Clock clock,
                         ServiceMetrics metrics, ContactStore contacts, ContactOutbox contactOutbox,
                         PageDeliveries deliveries, EscalationStore policies, ItemRotation itemRotation) {
        this.db = db;
        this.itemRotation = itemRotation;
        this.contacts = contacts;
        this.contactOutbox = contactOutbox;
        this.deliveries = deliveries;
        this.policies = policies;
        this.metrics = metrics;
        this.store = store;
        this.triage = triage;
        this.people = people;
        this.rotations = rotations;
        this.settings = settings;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Pages the primary and sends each shadow a copy. Does nothing twice for one item. */
    @Override
    public void pageOnCall(int itemId) {
        Instant now = clock.instant();
        Item item = db.read(dsl -> triage.find(dsl, itemId)).map(Item::of).orElse(null);
        if (item == null) {
            return;
        }
        Optional<RotationRow> rot = itemRotation.rotationFor(item.service());
        if (rot.isEmpty()) {
            LOG.debug("item {} paged but no rotation exists; nobody to page", itemId);
            return;
        }
        RotationRow r = rot.get();
        RotationPlan plan = rotations.plan(r.name());
        if (plan.isEmpty() && plan.primaryAt(now) == null) {
            return;
        }
        RotationPlan.Segment seg = plan.at(now);
        String primary = seg == null ? null : seg.primary();
        List<String> shadows = seg == null ? List.of() : seg.shadows();
        Integer[] primaryId = new Integer[1];
        boolean fresh = db.write(tx -> {
            primaryId[0] = primary == null ? null : people.idForHandle(tx, primary, now);
            if (!store.insertPage(tx, itemId, r.id(), primaryId[0], now)) {
                return false;
            }
            for (String s : shadows) {
                store.insertCopy(tx, itemId, people.idForHandle(tx, s, now), r.id(), now);
            }
            return true;
        });
        if (!fresh) {
            return;
        }
        if (primary == null) {
            metrics.page("no_one_on_call");
        } else {
            page(r, primary, new PageKey(itemId, 0, 0, primaryId[0]), item, "Paged: #" + itemId + " [" + item.severity() + "] "
                    + item.title() + (item.laneReason() == null ? "" : " (" + item.laneReason() + ")"));
        }
        for (String s : shadows) {
            notifier.shadowCopy(r.name(), s, itemId, "Shadow copy — " + primary + " was paged: #" + itemId + " ["
                    + item.severity() + "] " + item.title() + ". What would you do? (act / acknowledge / noise)");
        }
    }

    /**
     * Pages one person on every channel they have: a Slack DM (through the notifier), e-mail and webhook (through
     * the contact outbox), all under one {@link PageKey} so that a lost answer never pages twice and the outboxes
     * can tell when every channel failed. A person with no channel at all is announced in the rotation's channel
     * and the page escalates at once. Counted in {@code watchkeeper_pages_total}.
     */
    private void page(RotationRow r, String handle, PageKey key, Item item, String text) {
        int channels = 0;
        try {
            if (notifier.pagePerson(r.name(), handle, item.id(), text, key.key("slack"))) {
                channels++;
            }
            Contacts c = db.read(dsl -> contacts.find(dsl, key.personId())).orElse(null);
            if (c != null && c.email() != null) {
                contactOutbox.email(key.key(ContactOutbox.EMAIL), c.email(),
                        "[Watchkeeper] " + SUBJECT_PREFIX.apply(item) + " #" + item.id() + " " + clip(item.title(), 150),
                        text + "\n\nItem: " + settings.baseUrl() + "/api/items/" + item.id()
                                + "\nRotation: " + r.name() + "\nAcknowledge: ./watchkeeper item ack " + item.id());
                channels++;
            }
            if (c != null && c.webhookUrl() != null) {
                var event = dev.watchkeeper.core.Json.object().put("type", "page").put("rotation", r.name())
                        .put("person", handle).put("text", text).put("level", key.level()).put("round", key.round())
                        .put("pagedAt", clock.instant().toString());
                event.putObject("item").put("id", item.id()).put("title", item.title()).put("severity", item.severity().wire())
                        .put("service", item.service()).put("url", settings.baseUrl() + "/api/items/" + item.id());
                contactOutbox.webhook(key.key(ContactOutbox.WEBHOOK), c.webhookUrl(), key.personId(), event);
                channels++;
            }
            if (channels > 0) {
                metrics.page("sent");
            }
        } catch (RuntimeException e) {
            metrics.page("failed");
            throw e;
        }
        if (channels == 0) {
            unreachable(key, handle, "no Slack user, e-mail or webhook");
        }
    }

    private static final java.util.function.Function<Item, String> SUBJECT_PREFIX = i -> "Paged: [" + i.severity() + "]";

    private static String clip(String s, int max) {
        // One line: alert text must not add header lines to an e-mail subject.
        String line = s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
        return line.length() > max ? line.substring(0, max) + "…" : line;
    }

    /**
     * A delivery failed for good: when it belonged to a page and every channel of that page to that person has
     * failed, the person cannot be reached.
     */
    @EventListener
    void onDeliveryFailed(DeliveryFailed failed) {
        try {
            PageKey.parse(failed.idempotencyKey()).ifPresent(key -> {
                List<DeliveryStatus> all = db.read(dsl -> deliveries.of(dsl, key));
                boolean allFailed = !all.isEmpty() && all.stream().allMatch(d -> "failed".equals(d.state()));
                if (!allFailed) {
                    return;
                }
                String handle = db.read(dsl -> people.handle(dsl, key.personId())).orElse("person " + key.personId());
                String why = String.join("; ", all.stream().map(d -> d.channel() + ": " + d.lastError()).toList());
                unreachable(key, handle, why);
            });
        } catch (RuntimeException e) {
            LOG.error("handling the failed delivery {} failed", failed.idempotencyKey(), e);
        }
    }

    /**
     * Nobody can reach {@code handle} about this page: say so in the rotation's channel and escalate at once to
     * the next level (only if the page is still at that step: a late failure of an older step does nothing).
     */
    void unreachable(PageKey key, String handle, String why) {
        Instant now = clock.instant();
        PageRow p = db.read(dsl -> store.page(dsl, key.itemId())).orElse(null);
        if (p == null || p.doneAt() != null || p.level() != key.level()
                || db.read(dsl -> policies.round(dsl, key.itemId())) != key.round()) {
            return;
        }
        Item item = db.read(dsl -> triage.find(dsl, key.itemId())).map(Item::of).orElse(null);
        RotationRow r = db.read(dsl -> store.find(dsl, p.rotationId())).orElse(null);
        if (item == null || r == null) {
            return;
        }
        metrics.page("unreachable");
        notifier.announce(r.name(), r.channel(), "Could not reach " + handle + " about #" + item.id() + " "
                + item.title() + " (" + why + "); escalating now.");
        if (!item.isClosed()) {
            escalate(p, item, now, true);
        }
    }

    /** Escalates every page left unanswered for the timeout; returns how many pages were sent. */
    public int check() {
        Instant now = clock.instant();
        int sent = 0;
        for (PageRow p : db.read(store::openPages)) {
            Duration own = db.read(dsl -> policies.policy(dsl, p.rotationId())).escalateAfter();
            Duration timeout = own == null ? settings.escalateAfter() : own;
            Item item = db.read(dsl -> triage.find(dsl, p.itemId())).map(Item::of).orElse(null);
            boolean answered = item == null || item.isClosed()
                    || db.read(dsl -> store.firstDecisionSince(dsl, p.itemId(), p.pagedAt())).isPresent();
            if (answered) {
                db.writeVoid(tx -> store.pageDone(tx, p.itemId(), now));
                continue;
            }
            if (now.isBefore(p.lastPagedAt().plus(timeout))) {
                continue;
            }
            sent += escalate(p, item, now, false) ? 1 : 0;
        }
        return sent;
    }

    /**
     * One step of the rotation's escalation policy. A round is: the primary (paged), the primary again
     * (re-paged), then each other eligible member in rotation order; then the channel is told. With
     * {@code repeats} (per rotation) the round starts over from the primary that many more times, then stops
     * (the item stays in the queue). {@code unreachable}: the last person could not be reached, so a re-page of
     * the same person is skipped and a new round waits for the timeout. Every step moves (round, level) forward,
     * so escalation ends.
     */
    private boolean escalate(PageRow p, Item item, Instant now, boolean unreachable) {
        RotationRow r = db.read(dsl -> store.find(dsl, p.rotationId())).orElseThrow();
        RotationPlan plan = rotations.plan(r.name());
        int k = plan.clock().shiftAt(now);
        String primary = plan.primaryAt(now);
        String last = p.lastPagedId() == null ? null : db.read(dsl -> people.handle(dsl, p.lastPagedId())).orElse(null);
        EscalationStore.Policy policy = db.read(dsl -> policies.policy(dsl, r.id()));
        int round = db.read(dsl -> policies.round(dsl, p.itemId()));
        int level = p.level() + 1;
        if (unreachable && level == 1) {
            level = 2;
        }
        long minutes = Duration.between(p.pagedAt(), now).toMinutes();
        String target;
        String text;
        int eligible = plan.eligible(k).size();
        if (level >= 2 && level - 1 >= eligible) {
            // Everyone eligible (after the primary) has been paged in this round.
            if (round < policy.repeats()) {
                if (unreachable) {
                    return false; // the next round starts when the timeout runs out
                }
                int next = round + 1;
                db.writeVoid(tx -> policies.setRound(tx, p.itemId(), next));
                round = next;
                level = 1;
                notifier.announce(r.name(), r.channel(), "Nobody acknowledged #" + item.id() + " " + item.title()
                        + " after " + minutes + " min; starting over from " + primary + " (round " + (next + 1) + " of "
                        + (policy.repeats() + 1) + ").");
            } else {
                db.writeVoid(tx -> store.pageDone(tx, p.itemId(), now));
                notifier.announce(r.name(), r.channel(), "Nobody acknowledged #" + item.id() + " " + item.title()
                        + " after " + minutes + " min and " + (level - 1) + " escalation(s)"
                        + (policy.repeats() > 0 ? " in each of " + (policy.repeats() + 1) + " rounds" : "")
                        + "; it stays at the top of the queue.");
                return false;
            }
        }
        if (level == 1) {
            target = primary;
            text = "Re-page: #" + item.id() + " " + item.title() + " has had no acknowledgment for " + minutes + " min.";
        } else {
            String from = level == 2 ? primary : (last == null ? primary : last);
            target = plan.nextAfter(from, k);
            text = "Escalated to you: #" + item.id() + " " + item.title() + " — " + primary
                    + " has not acknowledged it for " + minutes + " min.";
        }
        if (target == null) {
            return false;
        }
        int lvl = level;
        int rnd = round;
        int targetId = db.write(tx -> {
            int id = people.idForHandle(tx, target, now);
            store.escalated(tx, p.itemId(), lvl, id, now);
            return id;
        });
        notifier.announce(r.name(), r.channel(), (level == 1 ? "Re-paged " : "Escalated to ") + target + ": #"
                + item.id() + " " + item.title() + " unacknowledged for " + minutes + " min.");
        page(r, target, new PageKey(item.id(), rnd, lvl, targetId), item, text);
        return true;
    }

    public Optional<PageRow> page(int itemId) {
        return db.read(dsl -> store.page(dsl, itemId));
    }
}
