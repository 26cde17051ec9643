package dev.watchkeeper.rotation;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.triage.ActionRow;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.triage.TriageStore;
import dev.watchkeeper.db.rotation.RotationStore;
import dev.watchkeeper.db.rotation.ShadowCopyRow;
import dev.watchkeeper.triage.ActionKind;
import dev.watchkeeper.triage.ItemEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The shadows' side of a page: each shadow got a copy asking "what would you do?" ({@link PagingService}); here
 * their guess is kept and, when someone decides, the page is done and each shadow hears the decision and how
 * their guess compares.
 */
@Singleton
public class ShadowCopies {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowCopies.class);
    /** Whether an action of this stored kind is a verdict that ends a page (ack, acted, noise). */
    static boolean isVerdict(String kind) {
        return ActionKind.parse(kind).filter(ActionKind::isVerdict).isPresent();
    }

    private final Database db;
    private final RotationStore store;
    private final TriageStore triage;
    private final PersonStore people;
    private final OncallNotifier notifier;
    private final Clock clock;

    public ShadowCopies(Database db, RotationStore store, TriageStore triage, PersonStore people,
                        OncallNotifier notifier, Clock clock) {
        this.db = db;
        this.store = store;
        this.triage = triage;
        this.people = people;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** A side effect of a committed action: a decision (act, acknowledge, noise) ends the page and tells the shadows. */
    @EventListener
    void on(ItemEvent event) {
        if (event.kind() != ItemEvent.Kind.ACTION || !isVerdict(event.detail())) {
            return;
        }
        try {
            onDecision(event.itemId());
        } catch (RuntimeException e) {
            LOG.error("telling the shadows of item {} about its decision failed", event.itemId(), e);
        }
    }

    /** The primary (or anyone) decided: the page is done and each shadow hears the decision. */
    public void onDecision(int itemId) {
        Instant now = clock.instant();
        List<ActionRow> actions = db.read(dsl -> triage.actions(dsl, itemId));
        ActionRow decision = actions.reversed().stream().filter(a -> isVerdict(a.kind())).findFirst().orElse(null);
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
}
