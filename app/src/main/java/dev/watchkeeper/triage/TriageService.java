package dev.watchkeeper.triage;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.ActionRow;
import dev.watchkeeper.db.AlertStore;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.ItemRow;
import dev.watchkeeper.db.PersonStore;
import dev.watchkeeper.db.QueueFilter;
import dev.watchkeeper.db.TriageStore;
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

    public static final Set<String> ACTION_KINDS = Set.of("ack", "acted", "noise", "snooze", "assign", "note");
    public static final Set<String> SURFACES = Set.of("http", "cli", "slack", "import");

    private final Database db;
    private final TriageStore triage;
    private final AlertStore alerts;
    private final PersonStore people;
    private final ApplicationEventPublisher<ItemEvent> events;
    private final Clock clock;

    public TriageService(Database db, TriageStore triage, AlertStore alerts, PersonStore people,
                         ApplicationEventPublisher<ItemEvent> events, Clock clock) {
        this.events = events;
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
        return db.read(dsl -> new QueuePage(triage.queue(dsl, filter), triage.count(dsl, filter), filter.limit(),
                filter.offset()));
    }

    public ItemDetail item(int id) {
        return db.read(dsl -> {
            ItemRow item = triage.find(dsl, id).orElseThrow(() -> new NotFoundException("item " + id + " does not exist"));
            return new ItemDetail(item, alerts.forItem(dsl, id), triage.actions(dsl, id));
        });
    }

    /** Records an action and applies it to the item, in one transaction. Returns the item afterwards. */
    public ItemRow act(int itemId, ActionRequest request) {
        validate(request);
        Instant now = clock.instant();
        ItemRow after = db.write(tx -> {
            ItemRow item = triage.find(tx, itemId)
                    .orElseThrow(() -> new NotFoundException("item " + itemId + " does not exist"));
            int actorId = people.idForHandle(tx, request.actor(), now);
            Integer assigneeId = null;
            switch (request.kind()) {
                case "ack" -> {
                    if (!item.isClosed()) {
                        triage.setState(tx, itemId, "acknowledged", now);
                    }
                }
                case "acted" -> triage.setState(tx, itemId, "resolved", now);
                case "noise" -> triage.setState(tx, itemId, "noise", now);
                case "snooze" -> triage.setSnooze(tx, itemId, request.until(), now);
                case "assign" -> {
                    assigneeId = people.idForHandle(tx, request.assignee(), now);
                    triage.setAssignee(tx, itemId, assigneeId, now);
                }
                case "note" -> {
                }
                default -> throw new IllegalStateException(request.kind());
            }
            triage.recordAction(tx, itemId, request.kind(), actorId, request.surface(), now, request.note(),
                    request.until(), assigneeId);
            return triage.find(tx, itemId).orElseThrow();
        });
        events.publishEvent(new ItemEvent(itemId, ItemEvent.Kind.ACTION, request.kind()));
        return after;
    }

    public List<ActionRow> actions(int itemId) {
        return db.read(dsl -> triage.actions(dsl, itemId));
    }

    private void validate(ActionRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.kind() == null || !ACTION_KINDS.contains(r.kind())) {
            errors.add(new FieldError("action", "must be one of ack, acted, noise, snooze, assign, note; was "
                    + (r.kind() == null ? "missing" : "'" + r.kind() + "'")));
        }
        if (r.actor() == null || r.actor().isBlank()) {
            errors.add(new FieldError("by", "is required: who is acting"));
        }
        if (r.surface() == null || !SURFACES.contains(r.surface())) {
            errors.add(new FieldError("surface", "must be one of " + SURFACES));
        }
        if ("snooze".equals(r.kind())) {
            if (r.until() == null) {
                errors.add(new FieldError("until", "is required for snooze"));
            } else if (!r.until().isAfter(clock.instant())) {
                errors.add(new FieldError("until", "must be in the future"));
            }
        }
        if ("assign".equals(r.kind()) && (r.assignee() == null || r.assignee().isBlank())) {
            errors.add(new FieldError("assignee", "is required for assign"));
        }
        if ("note".equals(r.kind()) && (r.note() == null || r.note().isBlank())) {
            errors.add(new FieldError("note", "is required for a note"));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
    }
}
