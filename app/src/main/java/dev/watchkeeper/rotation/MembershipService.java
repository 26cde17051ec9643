package dev.watchkeeper.rotation;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.ForbiddenException;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.db.rotation.RotationStore;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who is in a rotation: creating one with its members, joining, leaving, and the members' secret calendar links.
 * Reading rotations, their schedule and who is on call is {@link RotationService}'s; who covers a shift
 * {@link CoverService}'s, who shadows {@link ShadowingService}'s. Only members and admins may change a rotation;
 * anyone may join one.
 */
@Singleton
public class MembershipService {

    public static final int MAX_SHIFT_DAYS = 56;

    private final Database db;
    private final RotationStore store;
    private final PersonStore people;
    private final RotationService rotations;
    private final RotationSettings settings;
    private final OncallNotifier notifier;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public MembershipService(Database db, RotationStore store, PersonStore people, RotationService rotations,
                             RotationSettings settings, OncallNotifier notifier, Clock clock) {
        this.db = db;
        this.store = store;
        this.people = people;
        this.rotations = rotations;
        this.settings = settings;
        this.notifier = notifier;
        this.clock = clock;
    }

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
            return rotations.view(tx, store.find(tx, id).orElseThrow());
        });
    }

    /** {@code handle} joins (default: the actor) and shadows their first N shifts, the current one included. */
    public MemberView join(String name, String actor, String handle) {
        String who = handle == null || handle.isBlank() ? actor : RotationService.handle(handle);
        RotationService.requireActorOrThrow(actor);
        Instant now = clock.instant();
        MemberView joined = db.write(tx -> {
            RotationRow r = rotations.require(tx, name);
            if (!who.equals(actor)) {
                rotations.requireMayChange(tx, r, actor, "add " + who + " to");
            }
            int personId = people.idForHandle(tx, who, now);
            if (store.members(tx, r.id()).stream().anyMatch(m -> m.personId() == personId)) {
                throw new BadInputException("handle", who + " is already a member of " + name);
            }
            int k = RotationService.shiftClock(r).shiftAt(now);
            store.addMember(tx, r.id(), personId, k, r.shadowShifts(), now);
            return rotations.view(tx, r).members().stream().filter(m -> m.handle().equals(who)).findFirst().orElseThrow();
        });
        RotationRow r = rotations.rotation(name);
        notifier.announce(name, r.channel(), who + " joined " + name + (joined.shadowShiftsLeft() > 0
                ? " and shadows the primary for their first " + joined.shadowShiftsLeft() + " shift"
                + (joined.shadowShiftsLeft() == 1 ? "" : "s") + "." : " as a primary-eligible member."));
        return joined;
    }

    public void leave(String name, String actor, String handle) {
        String who = handle == null || handle.isBlank() ? actor : RotationService.handle(handle);
        RotationService.requireActorOrThrow(actor);
        db.writeVoid(tx -> {
            RotationRow r = rotations.require(tx, name);
            if (!who.equals(actor)) {
                rotations.requireMayChange(tx, r, actor, "remove " + who + " from");
            }
            int personId = store.personId(tx, who).orElse(-1);
            if (!store.removeMember(tx, r.id(), personId)) {
                throw new NotFoundException(who + " is not a member of " + name);
            }
        });
    }

    /** Secret calendar URLs: the rotation's (members and admins only) and the actor's own. */
    public Map<String, String> calendarUrls(String name, String actor) {
        RotationService.requireActorOrThrow(actor);
        Instant now = clock.instant();
        return db.write(tx -> {
            Map<String, String> out = new LinkedHashMap<>();
            if (name != null) {
                RotationRow r = rotations.require(tx, name);
                rotations.requireMayChange(tx, r, actor, "see the calendar link of");
                out.put("rotation", settings.baseUrl() + "/calendar/rotation/" + r.calendarToken() + ".ics");
            }
            String token = store.calendarToken(tx, people.idForHandle(tx, actor, now), token());
            out.put("person", settings.baseUrl() + "/calendar/person/" + token + ".ics");
            return out;
        });
    }

    private static void requireActor(String actor, FieldReader r) {
        if (actor == null || actor.isBlank()) {
            r.fail("by", "is required: who is asking");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private String token() {
        byte[] b = new byte[18];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
