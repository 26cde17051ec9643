package dev.watchkeeper.rotation;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.ForbiddenException;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.rotation.OverrideRow;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.db.rotation.RotationStore;
import dev.watchkeeper.db.rotation.SwapRow;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Who covers a shift: overrides (someone covers a stretch as primary) and swaps (two primaries trade shifts, once
 * the other confirms; a confirmed swap becomes two overrides). Members and admins only; each change is announced
 * in the rotation's channel.
 */
@Singleton
public class CoverService {

    private final Database db;
    private final RotationStore store;
    private final PersonStore people;
    private final RotationSettings settings;
    private final RotationService rotations;
    private final OncallNotifier notifier;
    private final Clock clock;

    public CoverService(Database db, RotationStore store, PersonStore people, RotationSettings settings,
                        RotationService rotations, OncallNotifier notifier, Clock clock) {
        this.db = db;
        this.store = store;
        this.people = people;
        this.settings = settings;
        this.rotations = rotations;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** {@code handle} covers [from, to) as primary. */
    public OverrideRow override(String name, String actor, String handle, String from, String to) {
        RotationService.requireActorOrThrow(actor);
        RotationRow r0 = rotations.rotation(name);
        FieldReader f = new FieldReader();
        if (handle == null || RotationService.handle(handle).isEmpty()) {
            f.fail("person", "is required: who covers");
        }
        ZoneId zone = ZoneId.of(r0.zone());
        Instant start = TimeInput.parse(from, zone, "from", f);
        Instant end = TimeInput.parse(to, zone, "to", f);
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                f.fail("to", "must be after from");
            } else if (Duration.between(start, end).toDays() > 366) {
                f.fail("to", "an override may last at most a year");
            } else if (!end.isAfter(clock.instant())) {
                f.fail("to", "is in the past: an override must end in the future");
            }
        }
        f.throwIfAny();
        String who = RotationService.handle(handle);
        Instant now = clock.instant();
        int id = db.write(tx -> {
            RotationRow r = rotations.require(tx, name);
            rotations.requireMayChange(tx, r, actor, "override");
            return store.addOverride(tx, r.id(), people.idForHandle(tx, who, now), start, end,
                    people.idForHandle(tx, actor, now), now, null);
        });
        notifier.announce(name, r0.channel(), who + " covers " + name + " from " + start + " to " + end
                + " (override by " + actor + ").");
        return rotations.overrides(name).stream().filter(o -> o.id() == id).findFirst().orElseThrow();
    }

    /** {@code actor} offers their shift at {@code mine} for {@code other}'s shift at {@code theirs}. */
    public SwapRow requestSwap(String name, String actor, String other, String mine, String theirs) {
        RotationService.requireActorOrThrow(actor);
        RotationRow r0 = rotations.rotation(name);
        FieldReader f = new FieldReader();
        if (other == null || RotationService.handle(other).isEmpty()) {
            f.fail("with", "is required: who you trade with");
        }
        ZoneId zone = ZoneId.of(r0.zone());
        Instant a = TimeInput.shiftPick(mine, zone, "mine", f);
        Instant b = TimeInput.shiftPick(theirs, zone, "theirs", f);
        f.throwIfAny();
        String with = RotationService.handle(other);
        Instant now = clock.instant();
        int id = db.write(tx -> {
            RotationRow r = rotations.require(tx, name);
            rotations.requireMayChange(tx, r, actor, "swap shifts in");
            RotationPlan plan = rotations.plan(tx, r);
            int ka = plan.clock().shiftAt(a);
            int kb = plan.clock().shiftAt(b);
            List<FieldError> errors = new ArrayList<>();
            if (ka == kb) {
                errors.add(new FieldError("theirs", "is the same shift as mine"));
            }
            checkShift(plan, ka, actor, "mine", now, errors);
            checkShift(plan, kb, with, "theirs", now, errors);
            if (!errors.isEmpty()) {
                throw new BadInputException(errors);
            }
            return store.insertSwap(tx, r.id(), people.idForHandle(tx, actor, now), people.idForHandle(tx, with, now),
                    ka, kb, now);
        });
        SwapRow swap = db.read(dsl -> store.swap(dsl, id).orElseThrow());
        ShiftClock c = RotationService.shiftClock(r0);
        notifier.askSwapConfirmation(name, with, swap.requester(), id, actor + " asks to swap shifts in " + name + ": you take "
                + RotationService.span(c, swap.requesterShift(), zone) + ", " + actor + " takes "
                + RotationService.span(c, swap.otherShift(), zone) + ". Confirm or decline (swap " + id + ").");
        return swap;
    }

    private static void checkShift(RotationPlan plan, int k, String who, String field, Instant now,
                                   List<FieldError> errors) {
        Instant start = plan.clock().start(k);
        if (!plan.clock().end(k).isAfter(now)) {
            errors.add(new FieldError(field, "that shift is over"));
            return;
        }
        String primary = plan.primaryAt(start.isBefore(now) ? now : start);
        if (!who.equals(primary)) {
            errors.add(new FieldError(field, who + " is not the primary of the shift starting " + start
                    + " (" + (primary == null ? "nobody" : primary) + " is)"));
        }
    }

    /** The other member confirms (or declines) a swap; confirmed swaps become two overrides. */
    public SwapRow decideSwap(int swapId, String actor, boolean confirm) {
        RotationService.requireActorOrThrow(actor);
        Instant now = clock.instant();
        SwapRow decided = db.write(tx -> {
            SwapRow s = store.swap(tx, swapId).orElseThrow(() -> new NotFoundException("swap " + swapId + " does not exist"));
            RotationRow r = store.find(tx, s.rotationId()).orElseThrow();
            boolean requesterWithdraws = !confirm && actor.equals(s.requester());
            if (!actor.equals(s.other()) && !requesterWithdraws && !settings.isAdmin(actor)) {
                throw new ForbiddenException(actor + " may not " + (confirm ? "confirm" : "decline") + " swap " + swapId
                        + ": only " + s.other() + " (or an admin) may");
            }
            if (!"pending".equals(s.state())) {
                throw new BadInputException("swap", "swap " + swapId + " is already " + s.state());
            }
            store.decideSwap(tx, swapId, confirm ? "confirmed" : "declined", now);
            if (confirm) {
                ShiftClock c = RotationService.shiftClock(r);
                int actorId = people.idForHandle(tx, actor, now);
                cover(tx, r, c, s.requesterShift(), people.idForHandle(tx, s.other(), now), actorId, now, swapId);
                cover(tx, r, c, s.otherShift(), people.idForHandle(tx, s.requester(), now), actorId, now, swapId);
            }
            return store.swap(tx, swapId).orElseThrow();
        });
        RotationRow r = db.read(dsl -> store.find(dsl, decided.rotationId()).orElseThrow());
        notifier.announce(r.name(), r.channel(), "Swap " + swapId + " between " + decided.requester() + " and "
                + decided.other() + " was " + decided.state() + " by " + actor + ".");
        return decided;
    }

    private void cover(DSLContext tx, RotationRow r, ShiftClock c, int shift, int personId, int by, Instant now,
                       int swapId) {
        Instant start = c.start(shift).isBefore(now) ? now : c.start(shift);
        Instant end = c.end(shift);
        if (end.isAfter(start)) {
            store.addOverride(tx, r.id(), personId, start, end, by, now, swapId);
        }
    }
}
