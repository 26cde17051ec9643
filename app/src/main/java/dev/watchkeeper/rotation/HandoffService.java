package dev.watchkeeper.rotation;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.triage.QueueFilter;
import dev.watchkeeper.db.triage.TriageStore;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.db.rotation.RotationStore;
import dev.watchkeeper.db.rotation.ShiftActionRow;
import dev.watchkeeper.report.ShiftWindow;
import dev.watchkeeper.triage.ActionKind;
import dev.watchkeeper.triage.Item;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Handoff at shift change: the end-of-shift report is drafted ({@link ShiftReportDrafts}, which sends the draft
 * to the outgoing primary), then a summary linking to it goes to the channel and the incoming primary.
 * {@link #check()} runs on a schedule in the server; {@link #summary} answers on demand.
 */
@Singleton
public class HandoffService {

    private final Database db;
    private final RotationStore store;
    private final TriageStore triage;
    private final RotationService rotations;
    private final RotationSettings settings;
    private final OncallNotifier notifier;
    private final ShiftReportDrafts drafts;
    private final Clock clock;

    public HandoffService(Database db, RotationStore store, TriageStore triage, RotationService rotations,
                          RotationSettings settings, OncallNotifier notifier, ShiftReportDrafts drafts,
                          Clock clock) {
        this.db = db;
        this.store = store;
        this.triage = triage;
        this.rotations = rotations;
        this.settings = settings;
        this.notifier = notifier;
        this.drafts = drafts;
        this.clock = clock;
    }

    /**
     * Hands off every rotation whose shift changed since its last handoff (once per change; after a
     * downtime spanning several shifts, only the latest change is handed off). Returns the summaries sent.
     */
    public List<HandoffSummary> check() {
        Instant now = clock.instant();
        List<HandoffSummary> sent = new ArrayList<>();
        for (RotationRow r : db.read(store::all)) {
            ShiftClock c = RotationService.shiftClock(r);
            int current = c.shiftAt(now);
            // A rotation starts in shift 0 with nothing handed off yet.
            if (current <= r.lastHandoffShift()) {
                continue;
            }
            if (!db.write(tx -> store.advanceHandoff(tx, r.id(), current))) {
                continue;
            }
            RotationPlan plan = rotations.plan(r.name());
            int ended = current - 1;
            Instant start = c.start(ended);
            Instant end = c.start(current);
            RotationPlan.Segment last = plan.isEmpty() ? null : plan.at(end.minusMillis(1));
            ShiftWindow shift = new ShiftWindow(r.name(), start, end, last == null ? null : last.primary(),
                    last == null ? List.of() : last.shadows());
            // The report is drafted first so that the handoff links to it.
            String link = drafts.draft(shift).map(drafts::link)
                    .orElse("not drafted (run `watchkeeper report shift --rotation " + r.name() + "`)");
            HandoffSummary summary = summary(r, plan, start, end, end.minusMillis(1), now, link);
            notifier.handoff(r.name(), r.channel(), summary.incoming(), summary);
            sent.add(summary);
        }
        return sent;
    }

    /** The handoff summary of the shift in progress so far, sent to the channel and the next primary. */
    public HandoffSummary handoffNow(String name, String actor) {
        RotationRow r = rotations.rotation(name);
        if (!rotations.mayChange(name, actor)) {
            throw new dev.watchkeeper.core.ForbiddenException(actor + " may not hand off rotation " + name
                    + ": only its members and admins may");
        }
        HandoffSummary s = summary(name);
        notifier.handoff(r.name(), r.channel(), s.incoming(), s);
        return s;
    }

    /** The summary of the shift in progress, from its start until now, for the next primary. */
    public HandoffSummary summary(String name) {
        RotationRow r = rotations.rotation(name);
        RotationPlan plan = rotations.plan(name);
        Instant now = clock.instant();
        int k = plan.clock().shiftAt(now);
        return summary(r, plan, plan.clock().start(k), now, now, now, "drafted when the shift ends");
    }

    /** {@code outgoingAt}: an instant of the outgoing shift (its last millisecond at shift change, now on demand). */
    private HandoffSummary summary(RotationRow r, RotationPlan plan, Instant start, Instant end, Instant outgoingAt,
                                   Instant now, String link) {
        RotationPlan.Segment out = plan.isEmpty() ? null : plan.at(outgoingAt);
        int next = plan.clock().shiftAt(outgoingAt) + 1;
        RotationPlan.Segment in = plan.isEmpty() ? null : plan.at(plan.clock().start(next));
        List<Item> open = db.read(dsl -> triage.queue(dsl, QueueFilter.active(now, 200))).stream().map(Item::of).toList();
        List<Item> snoozed = db.read(dsl -> triage.queue(dsl,
                new QueueFilter(QueueFilter.ACTIVE, null, null, null, null, true, now, 200, 0))).stream().map(Item::of).toList();
        List<ShiftActionRow> acted = db.read(dsl -> store.actionsBetween(dsl, start, end, Set.of(ActionKind.ACTED.wire())));
        List<ShiftActionRow> notes = db.read(dsl -> store.actionsBetween(dsl, start, end, Set.of(ActionKind.NOTE.wire())));
        return new HandoffSummary(r.name(), ZoneId.of(r.zone()), start, end,
                out == null ? null : out.primary(), out == null ? List.of() : out.shadows(),
                in == null ? null : in.primary(), in == null ? List.of() : in.shadows(),
                open.stream().map(HandoffService::line).toList(), snoozed.stream().map(HandoffService::line).toList(),
                acted.stream().map(HandoffService::line).toList(), notes.stream().map(HandoffService::line).toList(), link);
    }

    private static HandoffSummary.ItemLine line(Item i) {
        return new HandoffSummary.ItemLine(i.id(), i.title(), i.severity(), i.state(), i.snoozedUntil());
    }

    private static HandoffSummary.ActionLine line(ShiftActionRow a) {
        return new HandoffSummary.ActionLine(a.itemId(), a.title(), a.kind(), a.actor(), a.at(), a.note());
    }
}
