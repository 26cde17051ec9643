package dev.watchkeeper.triage;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.triage.ActionRow;
import dev.watchkeeper.db.ingest.AlertStore;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.triage.QueueFilter;
import dev.watchkeeper.db.triage.TriageStore;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The queue and the lifecycle of items: every surface (HTTP, CLI, Slack) acts through here. */
@Singleton
public class TriageService {

    /** web: the review page; rule: a rule of Watchkeeper's own, such as the stale rule. */
    public static final Set<String> SURFACES = Set.of("http", "cli", "slack", "import", "web", "rule");

    private final Database db;
    private final TriageStore triage;
    private final AlertStore alerts;
    private final PersonStore people;
    private final ApplicationEventPublisher<ItemEvent> events;
    private final ItemDetails details;
    private final ItemQueue queue;
    private final AlertPipeline pipeline;
    private final ItemLifecycle lifecycle;
    private final Clock clock;

    public TriageService(Database db, TriageStore triage, AlertStore alerts, PersonStore people,
                         ApplicationEventPublisher<ItemEvent> events, ItemDetails details, ItemQueue queue,
                         AlertPipeline pipeline, ItemLifecycle lifecycle, Clock clock) {
        this.events = events;
        this.details = details;
        this.queue = queue;
        this.pipeline = pipeline;
        this.lifecycle = lifecycle;
        this.db = db;
        this.triage = triage;
        this.alerts = alerts;
        this.people = people;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public QueuePage queue(QueueFilter filter) {
        return queue.page(filter);
    }

    public ItemDetail item(int id) {
        return details.item(id);
    }

    /** Records an action and applies it to the item, in one transaction. Returns the item afterwards. */
    public Item act(int itemId, ActionRequest request) {
        validate(request);
        ActionKind kind = request.kind();
        Instant now = clock.instant();
        Item after = db.write(tx -> {
            Item item = triage.find(tx, itemId).map(Item::of)
                    .orElseThrow(() -> new NotFoundException("item " + itemId + " does not exist"));
            int actorId = people.idForHandle(tx, request.actor(), now);
            Integer assigneeId = kind == ActionKind.ASSIGN ? people.idForHandle(tx, request.assignee(), now) : null;
            lifecycle.act(tx, item, kind, ItemStates.Sender.PERSON, () -> actorId, request.surface(), now,
                    request.note(), request.until(), assigneeId);
            return Item.of(triage.find(tx, itemId).orElseThrow());
        });
        events.publishEvent(new ItemEvent(itemId, ItemEvent.Kind.ACTION, kind.wire()));
        return after;
    }

    /**
     * A manual item: something a person noticed (a user complaint, a Slack message sent to triage).
     * The text is kept as the item's first note, with who added it and through which surface.
     *
     * @param link where it came from (a Slack permalink), or null
     */
    public Item addManual(String text, String actor, String surface, String service, String severity, String link) {
        List<FieldError> errors = new ArrayList<>();
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("text", "is required: what happened"));
        } else if (text.length() > dev.watchkeeper.core.Bounds.LONGEST_NOTE) {
            errors.add(new FieldError("text", "must be at most " + dev.watchkeeper.core.Bounds.LONGEST_NOTE
                    + " characters, was " + text.length()));
        }
        if (actor == null || actor.isBlank()) {
            errors.add(new FieldError("by", "is required: who is adding the item"));
        }
        String sev = severity == null ? "warning" : Severity.normaliseName(severity).orElse(null);
        if (sev == null) {
            errors.add(new FieldError("severity", Severity.ONE_OF + "; was '" + severity + "'"));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        Instant now = clock.instant();
        String title = text.strip().lines().findFirst().orElse(text.strip());
        if (title.length() > 200) {
            title = title.substring(0, 199) + "…";
        }
        String itemTitle = title;
        Item created = db.write(tx -> {
            int actorId = people.idForHandle(tx, actor, now);
            String key = "manual/" + now.toEpochMilli() + "/" + actorId;
            int id = triage.insertItem(tx, key, itemTitle, service, sev, true, now);
            String note = link == null ? text.strip() : text.strip() + "\n" + link;
            triage.recordAction(tx, id, ActionKind.NOTE.wire(), actorId, surface, now, note, null, null);
            return Item.of(triage.find(tx, id).orElseThrow());
        });
        pipeline.submit(created.id(), java.util.EnumSet.of(ItemEvent.Kind.CREATED));
        return created;
    }

    public List<ActionRow> actions(int itemId) {
        return db.read(dsl -> triage.actions(dsl, itemId));
    }

    private void validate(ActionRequest r) {
        List<FieldError> errors = problems(r);
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
    }

    /** Everything wrong with an action request, all at once (surfaces add their own parse errors to these). */
    public List<FieldError> problems(ActionRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.kind() == null || !r.kind().throughAct()) {
            errors.add(ActionKind.problem("action", r.kind() == null ? null : r.kind().wire()));
        }
        if (r.actor() == null || r.actor().isBlank()) {
            errors.add(new FieldError("by", "is required: who is acting"));
        }
        if (r.surface() == null || !SURFACES.contains(r.surface())) {
            errors.add(new FieldError("surface", "must be one of " + SURFACES));
        }
        if (r.kind() == ActionKind.SNOOZE) {
            if (r.until() == null) {
                errors.add(new FieldError("until", "is required for snooze"));
            } else if (!r.until().isAfter(clock.instant())) {
                errors.add(new FieldError("until", "must be in the future"));
            } else if (dev.watchkeeper.core.Bounds.problem(r.until()) != null) {
                errors.add(new FieldError("until", dev.watchkeeper.core.Bounds.problem(r.until())));
            }
        }
        if (r.kind() == ActionKind.ASSIGN && (r.assignee() == null || r.assignee().isBlank())) {
            errors.add(new FieldError("assignee", "is required for assign"));
        }
        if (r.kind() == ActionKind.NOTE && (r.note() == null || r.note().isBlank())) {
            errors.add(new FieldError("note", "is required for a note"));
        }
        if (r.note() != null && r.note().length() > dev.watchkeeper.core.Bounds.LONGEST_NOTE) {
            errors.add(new FieldError("note", "must be at most " + dev.watchkeeper.core.Bounds.LONGEST_NOTE
                    + " characters, was " + r.note().length()));
        }
        return errors;
    }
}
