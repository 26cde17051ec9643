package dev.watchkeeper.triage;

import dev.watchkeeper.db.triage.ItemRow;

import java.time.Instant;

/**
 * A triage item: alerts that share a group key (or something a person noticed), with its state, severity and
 * lane as types. Mapped from the stored row in one place, {@link #of}. Its JSON is the API's item, field for
 * field and in the same order as the row's ({@code ItemActionsHttpTest} pins it): the enums serialise as their
 * stored names, and {@link #isClosed()} still appears as {@code closed}.
 *
 * @param lane null until the pipeline has scored the item
 */
public record Item(int id, String groupKey, String title, String service, Severity severity, ItemState state,
                   boolean sourceResolved, boolean manual, Instant snoozedUntil, Integer assigneeId, String assignee,
                   int alertCount, int firingCount, Instant createdAt, Instant updatedAt, Instant lastFiredAt,
                   Instant closedAt, Double score, String scoreReason, Lane lane, String laneReason, Instant pagedAt) {

    /** The stored row as an item; a state, severity or lane the code does not know is refused, naming it. */
    public static Item of(ItemRow r) {
        Severity severity = Severity.parse(r.severity()).orElseThrow(() -> new IllegalArgumentException(
                "item " + r.id() + " has unknown severity '" + r.severity() + "': " + Severity.ONE_OF));
        return new Item(r.id(), r.groupKey(), r.title(), r.service(), severity, ItemState.of(r.state()),
                r.sourceResolved(), r.manual(), r.snoozedUntil(), r.assigneeId(), r.assignee(), r.alertCount(),
                r.firingCount(), r.createdAt(), r.updatedAt(), r.lastFiredAt(), r.closedAt(), r.score(),
                r.scoreReason(), Lane.of(r.lane()), r.laneReason(), r.pagedAt());
    }

    /** Resolved or dismissed as noise. Named as the row's method was, so the API keeps its {@code closed} field. */
    public boolean isClosed() {
        return state.closed();
    }

    /** The same item with another severity (a playbook's, to ask the paging policy what it would say). */
    public Item withSeverity(Severity other) {
        return new Item(id, groupKey, title, service, other, state, sourceResolved, manual, snoozedUntil, assigneeId,
                assignee, alertCount, firingCount, createdAt, updatedAt, lastFiredAt, closedAt, score, scoreReason, lane,
                laneReason, pagedAt);
    }

    /** Whether the pipeline put it in the paged lane. */
    public boolean paged() {
        return lane == Lane.PAGED;
    }
}
