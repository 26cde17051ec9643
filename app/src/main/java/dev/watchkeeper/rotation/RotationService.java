package dev.watchkeeper.rotation;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.ForbiddenException;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.rotation.MemberRow;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.db.rotation.RotationStore;
import dev.watchkeeper.db.rotation.SwapRow;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;

import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Rotations as every surface uses them: create, join, leave, who is on
 * now, the schedule, readiness ({@link CoverService} changes who covers a shift: overrides and swaps;
 * {@link ShadowingService} who shadows). Only members and admins may change
 * a rotation; anyone may join one or volunteer to shadow a shift.
 */
@Singleton
public class RotationService {

    public static final int MAX_SHIFT_DAYS = 56;

    private final Database db;
    private final RotationStore store;
    private final PersonStore people;
    private final RotationSettings settings;
    private final OncallNotifier notifier;
    private final java.time.Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RotationService(Database db, RotationStore store, PersonStore people, RotationSettings settings,
                           OncallNotifier notifier, java.time.Clock clock) {
        this.db = db;
        this.store = store;
        this.people = people;
        this.settings = settings;
        this.notifier = notifier;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * What a new rotation needs. Null fields take defaults: 7-day shifts, Monday 09:00 UTC,
     * {@code watchkeeper.rotation.shadow-shifts} shadow shifts for joiners.
     */
    public record NewRotation(String name, List<String> members, Integer shiftDays, String handoffDay,
                              String handoffTime, String zone, String channel, String userGroup, Integer shadowShifts) {
    }

    // ---- reading

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

    // ---- changing

    public RotationView create(NewRotation req, String actor) {
        return create(req, actor, null);
    }

    /**
     * The same, with shift 0 starting at the last handoff at or before {@code anchorAt} (now or up to
     * {@link #MAX_SHIFT_DAYS} days earlier):
     * a rotation moved in from another tool keeps that tool's shift boundaries.
     */
    public RotationView create(NewRotation req, String actor, Instant anchorAt) {
        FieldReader r = new FieldReader();
        requireActor(actor, r);
        String name = req.name() == null ? null : req.name().strip();
        if (name == null || name.isEmpty()) {
            r.fail("name", "is required");
        } else if (!name.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            r.fail("name", "must be lower-case letters, digits, '.', '_' or '-' (at most 63), was '" + name + "'");
        }
        List<String> members = req.members() == null ? List.of() : req.members().stream()
                .map(RotationService::handle).filter(h -> !h.isEmpty()).toList();
        if (members.isEmpty()) {
            r.fail("members", "must list at least one person, in rotation order");
        } else if (new LinkedHashSet<>(members).size() != members.size()) {
            r.fail("members", "lists someone twice");
        }
        int shiftDays = req.shiftDays() == null ? 7 : req.shiftDays();
        if (shiftDays < 1 || shiftDays > MAX_SHIFT_DAYS) {
            r.fail("shiftDays", "must be between 1 and " + MAX_SHIFT_DAYS + " days, was " + shiftDays);
        }
        DayOfWeek day = DayOfWeek.MONDAY;
        if (req.handoffDay() != null) {
            try {
                day = DayOfWeek.valueOf(req.handoffDay().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                r.fail("handoffDay", "must be a weekday name such as monday, was '" + req.handoffDay() + "'");
            }
        }
        LocalTime time = LocalTime.of(9, 0);
        if (req.handoffTime() != null) {
            try {
                time = LocalTime.parse(req.handoffTime().strip());
            } catch (DateTimeParseException e) {
                r.fail("handoffTime", "must be a time of day HH:MM, was '" + req.handoffTime() + "'");
            }
        }
        ZoneId zone = ZoneId.of("UTC");
        if (req.zone() != null) {
            try {
                zone = ZoneId.of(req.zone().strip());
            } catch (DateTimeException e) {
                r.fail("zone", "must be an IANA time zone such as Europe/London, was '" + req.zone() + "'");
            }
        }
        int shadowShifts = req.shadowShifts() == null ? settings.shadowShifts() : req.shadowShifts();
        if (shadowShifts < 0 || shadowShifts > 52) {
            r.fail("shadowShifts", "must be between 0 and 52, was " + shadowShifts);
        }
        if (actor != null && !actor.isBlank() && !members.isEmpty() && !settings.isAdmin(actor)
                && !members.contains(actor)) {
            r.throwIfAny();
            throw new ForbiddenException(actor + " may not create rotation " + name
                    + ": only admins, or someone who is one of its members, may create a rotation");
        }
        r.throwIfAny();
        Instant now = clock.instant();
        if (anchorAt != null && (anchorAt.isAfter(now) || anchorAt.isBefore(now.minus(Duration.ofDays(MAX_SHIFT_DAYS))))) {
            throw new BadInputException("anchor", "must lie within the last " + MAX_SHIFT_DAYS + " days, was " + anchorAt);
        }
        ShiftClock shiftClock = ShiftClock.anchoredAt(shiftDays, day, time, zone, anchorAt == null ? now : anchorAt);
        String hhmm = time.toString();
        String zoneId = zone.getId();
        DayOfWeek handoffDay = day;
        return db.write(tx -> {
            if (store.find(tx, name).isPresent()) {
                throw new BadInputException("name", "a rotation named '" + name + "' already exists");
            }
            int id = store.insertRotation(tx, name, shiftDays, handoffDay.name(), hhmm, zoneId,
                    shiftClock.anchorDate().toString(), blankToNull(req.channel()), blankToNull(req.userGroup()),
                    shadowShifts, token(), 0, now);
            for (String m : members) {
                store.addMember(tx, id, people.idForHandle(tx, m, now), 0, 0, now);
            }
            return view(tx, store.find(tx, id).orElseThrow());
        });
    }

    /** {@code handle} joins (default: the actor) and shadows their first N shifts, the current one included. */
    public MemberView join(String name, String actor, String handle) {
        String who = handle == null || handle.isBlank() ? actor : handle(handle);
        requireActorOrThrow(actor);
        Instant now = clock.instant();
        MemberView joined = db.write(tx -> {
            RotationRow r = require(tx, name);
            if (!who.equals(actor)) {
                requireMayChange(tx, r, actor, "add " + who + " to");
            }
            int personId = people.idForHandle(tx, who, now);
            if (store.members(tx, r.id()).stream().anyMatch(m -> m.personId() == personId)) {
                throw new BadInputException("handle", who + " is already a member of " + name);
            }
            int k = shiftClock(r).shiftAt(now);
            store.addMember(tx, r.id(), personId, k, r.shadowShifts(), now);
            return view(tx, r).members().stream().filter(m -> m.handle().equals(who)).findFirst().orElseThrow();
        });
        RotationRow r = rotation(name);
        notifier.announce(name, r.channel(), who + " joined " + name + (joined.shadowShiftsLeft() > 0
                ? " and shadows the primary for their first " + joined.shadowShiftsLeft() + " shift"
                + (joined.shadowShiftsLeft() == 1 ? "" : "s") + "." : " as a primary-eligible member."));
        return joined;
    }

    public void leave(String name, String actor, String handle) {
        String who = handle == null || handle.isBlank() ? actor : handle(handle);
        requireActorOrThrow(actor);
        db.writeVoid(tx -> {
            RotationRow r = require(tx, name);
            if (!who.equals(actor)) {
                requireMayChange(tx, r, actor, "remove " + who + " from");
            }
            int personId = store.personId(tx, who).orElse(-1);
            if (!store.removeMember(tx, r.id(), personId)) {
                throw new NotFoundException(who + " is not a member of " + name);
            }
        });
    }

    /** Secret calendar URLs: the rotation's (members and admins only) and the actor's own. */
    public Map<String, String> calendarUrls(String name, String actor) {
        requireActorOrThrow(actor);
        Instant now = clock.instant();
        return db.write(tx -> {
            Map<String, String> out = new LinkedHashMap<>();
            if (name != null) {
                RotationRow r = require(tx, name);
                requireMayChange(tx, r, actor, "see the calendar link of");
                out.put("rotation", settings.baseUrl() + "/calendar/rotation/" + r.calendarToken() + ".ics");
            }
            String token = store.calendarToken(tx, people.idForHandle(tx, actor, now), token());
            out.put("person", settings.baseUrl() + "/calendar/person/" + token + ".ics");
            return out;
        });
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

    private static void requireActor(String actor, FieldReader r) {
        if (actor == null || actor.isBlank()) {
            r.fail("by", "is required: who is asking");
        }
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private String token() {
        byte[] b = new byte[18];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String span(ShiftClock c, int k, ZoneId zone) {
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("EEE d MMM HH:mm");
        return f.format(c.start(k).atZone(zone)) + " – " + f.format(c.end(k).atZone(zone));
    }

    public Optional<RotationRow> findRotation(String name) {
        return db.read(dsl -> store.find(dsl, name));
    }
}
