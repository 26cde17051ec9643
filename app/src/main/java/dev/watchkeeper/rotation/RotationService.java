package dev.watchkeeper.rotation;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.ForbiddenException;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.rotation.MemberRow;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.db.rotation.RotationStore;
import dev.watchkeeper.db.rotation.SwapRow;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rotations as every surface reads them: the rotations and their members, who is on call now, the schedule, each
 * person's shifts, readiness; and the checks every change makes (the rotation exists, the actor is a member or an
 * admin). Changes live beside it: {@link MembershipService} creates rotations and changes who is in one,
 * {@link CoverService} who covers a shift (overrides and swaps), {@link ShadowingService} who shadows.
 */
@Singleton
public class RotationService {

    private final Database db;
    private final RotationStore store;
    private final RotationSettings settings;
    private final java.time.Clock clock;

    public RotationService(Database db, RotationStore store, RotationSettings settings, java.time.Clock clock) {
        this.db = db;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public List<RotationRow> rotations() {
        return db.read(store::all);
    }

    public RotationRow rotation(String name) {
        return db.read(dsl -> require(dsl, name));
    }

    /** The rotation named; when {@code name} is null, the only one (a problem with {@code rotation} when there are several or none). */
    public RotationRow rotationOrOnly(String name) {
        if (name != null) {
            return rotation(name);
        }
        List<RotationRow> all = rotations();
        if (all.size() == 1) {
            return all.getFirst();
        }
        throw new BadInputException("rotation", all.isEmpty() ? "there are no rotations yet"
                : "name one of " + all.stream().map(RotationRow::name).toList());
    }

    public RotationView view(String name) {
        return db.read(dsl -> view(dsl, require(dsl, name)));
    }

    public List<RotationView> views() {
        return db.read(dsl -> store.all(dsl).stream().map(r -> view(dsl, r)).toList());
    }

    RotationView view(DSLContext dsl, RotationRow r) {
        RotationPlan plan = plan(dsl, r);
        Instant now = clock.instant();
        int k = plan.clock().shiftAt(now);
        List<MemberView> members = new ArrayList<>();
        for (MemberRow m : store.members(dsl, r.id())) {
            RotationPlan.Member pm = new RotationPlan.Member(m.handle(), m.firstShift(), m.shadowShifts());
            int left = pm.shadowShiftsLeft(k);
            members.add(new MemberView(m.handle(), m.position(), left > 0 ? "shadow" : "primary-eligible", left,
                    m.firstShift(), m.joinedAt()));
        }
        return new RotationView(r.name(), r.shiftDays(), r.handoffDay(), r.handoffTime(), r.zone(), r.channel(),
                r.userGroup(), r.shadowShifts(), members, onCall(r, plan, now), r.createdAt());
    }

    /** The computation inputs of a rotation as stored now. */
    public RotationPlan plan(DSLContext dsl, RotationRow r) {
        return plan(store, dsl, r);
    }

    static RotationPlan plan(RotationStore store, DSLContext dsl, RotationRow r) {
        List<RotationPlan.Member> members = store.members(dsl, r.id()).stream()
                .map(m -> new RotationPlan.Member(m.handle(), m.firstShift(), m.shadowShifts())).toList();
        List<RotationPlan.Override> overrides = store.overrides(dsl, r.id()).stream()
                .map(o -> new RotationPlan.Override(o.handle(), o.startsAt(), o.endsAt())).toList();
        List<RotationPlan.Volunteer> volunteers = store.volunteers(dsl, r.id()).stream()
                .map(v -> new RotationPlan.Volunteer(v.handle(), v.shift())).toList();
        return new RotationPlan(shiftClock(r), members, overrides, volunteers);
    }

    public RotationPlan plan(String name) {
        return db.read(dsl -> plan(dsl, require(dsl, name)));
    }

    public static ShiftClock shiftClock(RotationRow r) {
        return new ShiftClock(r.shiftDays(), LocalTime.parse(r.handoffTime()), ZoneId.of(r.zone()),
                LocalDate.parse(r.anchorDate()));
    }

    static OnCall onCall(RotationRow r, RotationPlan plan, Instant now) {
        RotationPlan.Segment s = plan.isEmpty() ? null : plan.at(now);
        return s == null ? new OnCall(r.name(), plan.clock().shiftAt(now), null, List.of(), null, null, false)
                : OnCall.of(r.name(), s);
    }

    /** Who is on call now in every rotation. */
    public List<OnCall> onCallNow() {
        Instant now = clock.instant();
        return db.read(dsl -> store.all(dsl).stream().map(r -> onCall(r, plan(dsl, r), now)).toList());
    }

    public OnCall onCallNow(String name) {
        Instant now = clock.instant();
        return db.read(dsl -> {
            RotationRow r = require(dsl, name);
            return onCall(r, plan(dsl, r), now);
        });
    }

    /** The segments from now (the one in progress included) for {@code weeks} weeks. */
    public List<RotationPlan.Segment> schedule(String name, int weeks) {
        if (weeks < 1 || weeks > 104) {
            throw new BadInputException("weeks", "must be between 1 and 104, was " + weeks);
        }
        Instant now = clock.instant();
        return schedule(name, now, now.plus(Duration.ofDays(7L * weeks)));
    }

    public List<RotationPlan.Segment> schedule(String name, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new BadInputException("to", "must be after from");
        }
        // Shift 0 is the rotation's first: earlier shifts never happened.
        return plan(name).segments(from, to).stream().filter(s -> s.shift() >= 0).toList();
    }

    /** {@code handle}'s primary and shadow stretches in every rotation from now for {@code weeks} weeks ("my shifts"). */
    public List<PersonShift> shiftsOf(String handle, int weeks) {
        if (weeks < 1 || weeks > 104) {
            throw new BadInputException("weeks", "must be between 1 and 104, was " + weeks);
        }
        String who = handle(handle);
        Instant now = clock.instant();
        Instant to = now.plus(Duration.ofDays(7L * weeks));
        List<PersonShift> out = new ArrayList<>();
        for (RotationRow r : rotations()) {
            for (RotationPlan.Segment s : plan(r.name()).segments(now, to)) {
                if (who.equals(s.primary())) {
                    out.add(new PersonShift(r.name(), "primary", s.start(), s.end(), s.primary()));
                } else if (s.shadows().contains(who)) {
                    out.add(new PersonShift(r.name(), "shadow", s.start(), s.end(), s.primary()));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(PersonShift::start));
        return out;
    }

    public List<SwapRow> swaps(String name, String state) {
        return db.read(dsl -> store.swaps(dsl, require(dsl, name).id(), state));
    }

    public List<dev.watchkeeper.db.rotation.OverrideRow> overrides(String name) {
        return db.read(dsl -> store.overrides(dsl, require(dsl, name).id()));
    }

    /** Readiness of everyone who received shadow copies in this rotation, in order of first copy. */
    public List<Readiness> readiness(String name) {
        return db.read(dsl -> Readiness.of(store.copiesOfRotation(dsl, require(dsl, name).id())));
    }

    // ---- helpers

    RotationRow require(DSLContext dsl, String name) {
        if (name == null || name.isBlank()) {
            throw new BadInputException("rotation", "is required");
        }
        return store.find(dsl, name.strip()).orElseThrow(() -> new NotFoundException("rotation '" + name
                + "' does not exist" + known(dsl)));
    }

    private String known(DSLContext dsl) {
        List<String> names = store.all(dsl).stream().map(RotationRow::name).toList();
        return names.isEmpty() ? " (there are no rotations yet)" : " (known: " + String.join(", ", names) + ")";
    }

    /** Members and admins may change a rotation; anyone else gets a refusal that says who may. */
    void requireMayChange(DSLContext dsl, RotationRow r, String actor, String what) {
        if (settings.isAdmin(actor)) {
            return;
        }
        boolean member = store.members(dsl, r.id()).stream().anyMatch(m -> m.handle().equals(actor));
        if (!member) {
            throw new ForbiddenException(actor + " may not " + what + " rotation " + r.name()
                    + ": only its members and admins may");
        }
    }

    public boolean mayChange(String name, String actor) {
        return db.read(dsl -> {
            try {
                requireMayChange(dsl, require(dsl, name), actor, "change");
                return true;
            } catch (ForbiddenException e) {
                return false;
            }
        });
    }

    static void requireActorOrThrow(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new BadInputException("by", "is required: who is asking");
        }
    }

    /** Handles may be typed with a leading '@'. */
    static String handle(String s) {
        String h = s.strip();
        return h.startsWith("@") ? h.substring(1) : h;
    }

    static String span(ShiftClock c, int k, ZoneId zone) {
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("EEE d MMM HH:mm");
        return f.format(c.start(k).atZone(zone)) + " – " + f.format(c.end(k).atZone(zone));
    }

    public Optional<RotationRow> findRotation(String name) {
        return db.read(dsl -> store.find(dsl, name));
    }
}
