package dev.watchkeeper.rotation;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.ActionRow;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.observability.ServiceMetrics;
import dev.watchkeeper.db.ItemRow;
import dev.watchkeeper.db.PersonStore;
import dev.watchkeeper.db.TriageStore;
import dev.watchkeeper.db.rotation.PageRow;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.db.rotation.RotationStore;
import dev.watchkeeper.db.rotation.ShadowCopyRow;
import dev.watchkeeper.triage.ItemEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Paged items meet the rotation: the primary is paged and every shadow gets a copy; an item nobody
 * acknowledges within {@code watchkeeper.rotation.escalate-after} is re-paged to the primary, then to
 * the next people in the rotation, each step announced in the channel; when someone decides, the
 * shadows are told the decision and how their guess compares.
 */
@Singleton
public class PagingService {

    private static final Logger LOG = LoggerFactory.getLogger(PagingService.class);
    public static final Set<String> DECISIONS = Set.of("acted", "ack", "noise");

    private final Database db;
    private final RotationStore store;
    private final TriageStore triage;
    private final PersonStore people;
    private final RotationService rotations;
    private final RotationSettings settings;
    private final OncallNotifier notifier;
    private final Clock clock;
    private final ServiceMetrics metrics;

    public PagingService(Database db, RotationStore store, TriageStore triage, PersonStore people,
                         RotationService rotations, RotationSettings settings, OncallNotifier notifier, Clock clock,
                         ServiceMetrics metrics) {
        this.db = db;
        this.metrics = metrics;
        this.store = store;
        this.triage = triage;
        this.people = people;
        this.rotations = rotations;
        this.settings = settings;
        this.notifier = notifier;
        this.clock = clock;
    }

    @EventListener
    void on(ItemEvent event) {
        try {
            if (event.kind() == ItemEvent.Kind.PAGED) {
                onPaged(event.itemId());
            } else if (event.kind() == ItemEvent.Kind.ACTION && DECISIONS.contains(event.detail())) {
                onDecision(event.itemId());
            }
        } catch (RuntimeException e) {
            LOG.error("rotation handling of {} for item {} failed", event.kind(), event.itemId(), e);
        }
    }

    /** The rotation that answers for an item: by its service when configured, else the first rotation. */
    public Optional<RotationRow> rotationFor(ItemRow item) {
        return db.read(dsl -> {
            Optional<String> configured = settings.rotationForService(item.service());
            if (configured.isPresent()) {
                Optional<RotationRow> r = store.find(dsl, configured.get());
                if (r.isEmpty()) {
                    LOG.warn("watchkeeper.rotation.services maps {} to unknown rotation {}; using the first rotation",
                            item.service(), configured.get());
                } else {
                    return r;
                }
            }
            return store.all(dsl).stream().findFirst();
        });
    }

    /** Pages the primary and sends each shadow a copy. Does nothing twice for one item. */
    public void onPaged(int itemId) {
        Instant now = clock.instant();
        ItemRow item = db.read(dsl -> triage.find(dsl, itemId)).orElse(null);
        if (item == null) {
            return;
        }
        Optional<RotationRow> rot = rotationFor(item);
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
        boolean fresh = db.write(tx -> {
            Integer primaryId = primary == null ? null : people.idForHandle(tx, primary, now);
            if (!store.insertPage(tx, itemId, r.id(), primaryId, now)) {
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
            page(r.name(), primary, itemId, "Paged: #" + itemId + " [" + item.severity() + "] "
                    + item.title() + (item.laneReason() == null ? "" : " (" + item.laneReason() + ")"));
        }
        for (String s : shadows) {
            notifier.shadowCopy(r.name(), s, itemId, "Shadow copy — " + primary + " was paged: #" + itemId + " ["
                    + item.severity() + "] " + item.title() + ". What would you do? (act / acknowledge / noise)");
        }
    }

    /** Hands one page to the notifier, counting it sent or failed ({@code watchkeeper_pages_total}). */
    private void page(String rotation, String handle, int itemId, String text) {
        try {
            notifier.pagePerson(rotation, handle, itemId, text);
            metrics.page("sent");
        } catch (RuntimeException e) {
            metrics.page("failed");
            throw e;
        }
    }

    /** Escalates every page left unanswered for the timeout; returns how many pages were sent. */
    public int check() {
        Instant now = clock.instant();
        Duration timeout = settings.escalateAfter();
        int sent = 0;
        for (PageRow p : db.read(store::openPages)) {
            ItemRow item = db.read(dsl -> triage.find(dsl, p.itemId())).orElse(null);
            boolean answered = item == null || item.isClosed()
                    || db.read(dsl -> store.firstDecisionSince(dsl, p.itemId(), p.pagedAt())).isPresent();
            if (answered) {
                db.writeVoid(tx -> store.pageDone(tx, p.itemId(), now));
                continue;
            }
            if (now.isBefore(p.lastPagedAt().plus(timeout))) {
                continue;
            }
            sent += escalate(p, item, now) ? 1 : 0;
        }
        return sent;
    }

    private boolean escalate(PageRow p, ItemRow item, Instant now) {
        RotationRow r = db.read(dsl -> store.find(dsl, p.rotationId())).orElseThrow();
        RotationPlan plan = rotations.plan(r.name());
        int k = plan.clock().shiftAt(now);
        String primary = plan.primaryAt(now);
        String last = p.lastPagedId() == null ? null : db.read(dsl -> people.handle(dsl, p.lastPagedId())).orElse(null);
        int level = p.level() + 1;
        long minutes = Duration.between(p.pagedAt(), now).toMinutes();
        String target;
        String text;
        if (level == 1) {
            target = primary;
            text = "Re-page: #" + item.id() + " " + item.title() + " has had no acknowledgment for " + minutes + " min.";
        } else {
            int eligible = plan.eligible(k).size();
            // Everyone eligible (after the primary) has been paged once: stop, say so, leave it in the queue.
            if (level - 1 >= eligible) {
                db.writeVoid(tx -> store.pageDone(tx, p.itemId(), now));
                notifier.announce(r.name(), r.channel(), "Nobody acknowledged #" + item.id() + " " + item.title()
                        + " after " + minutes + " min and " + (level - 1) + " escalation(s); it stays at the top of the queue.");
                return false;
            }
            target = plan.nextAfter(last == null ? primary : last, k);
            text = "Escalated to you: #" + item.id() + " " + item.title() + " — " + primary
                    + " has not acknowledged it for " + minutes + " min.";
        }
        if (target == null) {
            return false;
        }
        db.writeVoid(tx -> store.escalated(tx, p.itemId(), level, people.idForHandle(tx, target, now), now));
        page(r.name(), target, item.id(), text);
        notifier.announce(r.name(), r.channel(), (level == 1 ? "Re-paged " : "Escalated to ") + target + ": #"
                + item.id() + " " + item.title() + " unacknowledged for " + minutes + " min.");
        return true;
    }

    /** The primary (or anyone) decided: the page is done and each shadow hears the decision. */
    public void onDecision(int itemId) {
        Instant now = clock.instant();
        List<ActionRow> actions = db.read(dsl -> triage.actions(dsl, itemId));
        ActionRow decision = actions.reversed().stream().filter(a -> DECISIONS.contains(a.kind())).findFirst().orElse(null);
        if (decision == null) {
            return;
        }
        String note = actions.reversed().stream()
                .filter(a -> a.note() != null && !a.note().isBlank() && a.actor().equals(decision.actor()))
                .map(ActionRow::note).findFirst().orElse(null);
        List<ShadowCopyRow> told = db.write(tx -> {
            store.pageDone(tx, itemId, now);
            List<ShadowCopyRow> before = store.copiesOfItem(tx, itemId).stream().filter(c -> c.decision() == null).toList();
            store.setDecision(tx, itemId, decision.kind(), people.idForHandle(tx, decision.actor(), now), now);
            return before;
        });
        for (ShadowCopyRow c : told) {
            if (c.handle().equals(decision.actor())) {
                continue;
            }
            notifier.tellShadowDecision(c.handle(), itemId, decisionText(itemId, c.guess(), decision.kind(),
                    decision.actor(), note));
        }
    }

    static String decisionText(int itemId, String guess, String decision, String decidedBy, String note) {
        StringBuilder sb = new StringBuilder();
        sb.append(decidedBy).append(" decided ").append(word(decision)).append(" on #").append(itemId).append(". ");
        if (guess == null) {
            sb.append("You did not guess.");
        } else if (guess.equals(decision)) {
            sb.append("Your guess (").append(word(guess)).append(") agreed.");
        } else {
            sb.append("Your guess was ").append(word(guess)).append(".");
        }
        if (note != null && !note.isBlank()) {
            sb.append(" Note: ").append(note);
        }
        return sb.toString();
    }

    private static String word(String kind) {
        return switch (kind) {
            case "acted" -> "act";
            case "ack" -> "acknowledge";
            default -> kind;
        };
    }

    /** A shadow answers "what would you do?". Returns their copy afterwards. */
    public ShadowCopyRow guess(int itemId, String handle, String guess) {
        if (handle == null || handle.isBlank()) {
            throw new BadInputException("by", "is required: whose guess");
        }
        String g = guess == null ? null : switch (guess.strip().toLowerCase()) {
            case "act", "acted" -> "acted";
            case "ack", "acknowledge" -> "ack";
            case "noise" -> "noise";
            default -> null;
        };
        if (g == null) {
            throw new BadInputException("guess", "must be act, ack or noise; was "
                    + (guess == null ? "missing" : "'" + guess + "'"));
        }
        String who = RotationService.handle(handle);
        Instant now = clock.instant();
        return db.write(tx -> {
            int personId = store.personId(tx, who).orElse(-1);
            if (!store.setGuess(tx, itemId, personId, g, now)) {
                throw new NotFoundException(who + " has no shadow copy of item " + itemId);
            }
            return store.copiesOfItem(tx, itemId).stream().filter(c -> c.personId() == personId).findFirst().orElseThrow();
        });
    }

    public List<ShadowCopyRow> copies(int itemId) {
        return db.read(dsl -> store.copiesOfItem(dsl, itemId));
    }

    public Optional<PageRow> page(int itemId) {
        return db.read(dsl -> store.page(dsl, itemId));
    }
}
