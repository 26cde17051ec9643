package dev.watchkeeper.triage;

import dev.watchkeeper.db.triage.TriageStore;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * The one writer of item states: takes an action on an item as {@link ItemStates} decides, whoever sends it
 * (a person through {@link TriageService#act}, a sender's acknowledgement, the {@link StaleRule}, a history
 * import), and applies the keep-resolved-visible rule. Runs in a transaction the caller owns; the caller
 * publishes the {@link ItemEvent} after commit.
 */
@Singleton
public class ItemLifecycle {

    private final TriageStore triage;

    public ItemLifecycle(TriageStore triage) {
        this.triage = triage;
    }

    /**
     * One action: the item's state (and snooze or assignee) as the action says, and the action recorded.
     *
     * @param actor      the actor's person id, asked for only when the action is taken
     * @param assigneeId for {@code assign}: the new assignee's person id
     * @return the recorded action's id; empty when the rules refused it (nothing written)
     */
    public OptionalInt act(DSLContext tx, Item item, ActionKind kind, ItemStates.Sender sender, IntSupplier actor,
                           String surface, Instant at, String note, Instant until, Integer assigneeId) {
        ItemStates.Step step = ItemStates.next(item.state(), item.sourceResolved(), kind, sender);
        if (step.refused()) {
            return OptionalInt.empty();
        }
        int actorId = actor.getAsInt();
        step.target().ifPresent(state -> triage.setState(tx, item.id(), state.wire(), at));
        switch (kind) {
            case SNOOZE -> triage.setSnooze(tx, item.id(), until, at);
            case ASSIGN -> triage.setAssignee(tx, item.id(), assigneeId, at);
            default -> {
            }
        }
        return OptionalInt.of(triage.recordAction(tx, item.id(), kind.wire(), actorId, surface, at, note, until,
                kind == ActionKind.ASSIGN ? assigneeId : null));
    }

    /**
     * The keep-resolved-visible rule for an item whose alerts a request has just changed (see
     * {@link ItemStates#whenSourceResolved}). Records no action: nobody decided anything.
     *
     * @return whether it resolved the item
     */
    public boolean sourceChanged(DSLContext tx, Item item, boolean keepVisible, Instant at) {
        var to = ItemStates.whenSourceResolved(item.state(), item.sourceResolved(), keepVisible);
        to.ifPresent(state -> triage.setState(tx, item.id(), state.wire(), at));
        return to.isPresent();
    }
}
