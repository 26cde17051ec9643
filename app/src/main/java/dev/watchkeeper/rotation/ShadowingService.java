package dev.watchkeeper.rotation;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.rotation.MemberRow;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.db.rotation.RotationStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Who shadows: a newcomer shadows the primary for their first shifts; members and admins may graduate a shadow
 * early or extend their shadowing, and anyone may volunteer to shadow a shift.
 */
@Singleton
public class ShadowingService {

    private final Database db;
    private final RotationStore store;
    private final PersonStore people;
    private final RotationService rotations;
    private final Clock clock;

    public ShadowingService(Database db, RotationStore store, PersonStore people, RotationService rotations, Clock clock) {
        this.db = db;
        this.store = store;
        this.people = people;
        this.rotations = rotations;
        this.clock = clock;
    }

    /** A shadow becomes primary-eligible from the next shift. */
    public MemberView graduate(String name, String actor, String handle) {
        return setShadow(name, actor, handle, "graduate", (m, k) -> Math.min(m.shadowShifts(), k + 1 - m.firstShift()));
    }

    /** A member shadows {@code shifts} more shifts (counted after the ones already due). */
    public MemberView extend(String name, String actor, String handle, int shifts) {
        if (shifts < 1 || shifts > 52) {
            throw new BadInputException("shifts", "must be between 1 and 52, was " + shifts);
        }
        return setShadow(name, actor, handle, "extend",
                (m, k) -> Math.max(m.shadowShifts(), k - m.firstShift()) + shifts);
    }

    private MemberView setShadow(String name, String actor, String handle, String verb,
                                 java.util.function.BiFunction<MemberRow, Integer, Integer> newShadowShifts) {
        RotationService.requireActorOrThrow(actor);
        if (handle == null || RotationService.handle(handle).isEmpty()) {
            throw new BadInputException("person", "is required: whose shadowing to change");
        }
        String who = RotationService.handle(handle);
        return db.write(tx -> {
            RotationRow r = rotations.require(tx, name);
            rotations.requireMayChange(tx, r, actor, verb + " members of");
            MemberRow m = store.members(tx, r.id()).stream().filter(x -> x.handle().equals(who)).findFirst()
                    .orElseThrow(() -> new NotFoundException(who + " is not a member of " + name));
            int k = RotationService.shiftClock(r).shiftAt(clock.instant());
            store.setShadowShifts(tx, r.id(), m.personId(), Math.max(0, newShadowShifts.apply(m, k)));
            return rotations.view(tx, r).members().stream().filter(x -> x.handle().equals(who)).findFirst().orElseThrow();
        });
    }

    /** {@code actor} volunteers to shadow the shift in progress at {@code when} (default: the next shift). */
    public OnCall volunteer(String name, String actor, String when) {
        RotationService.requireActorOrThrow(actor);
        RotationRow r0 = rotations.rotation(name);
        Instant now = clock.instant();
        ShiftClock c = RotationService.shiftClock(r0);
        Instant at;
        if (when == null || when.isBlank()) {
            at = c.end(c.shiftAt(now));
        } else {
            FieldReader f = new FieldReader();
            at = TimeInput.shiftPick(when, c.zone(), "shift", f);
            f.throwIfAny();
        }
        int k = c.shiftAt(at);
        if (!c.end(k).isAfter(now)) {
            throw new BadInputException("shift", "that shift is over");
        }
        db.writeVoid(tx -> {
            RotationRow r = rotations.require(tx, name);
            if (!store.addVolunteer(tx, r.id(), people.idForHandle(tx, actor, now), k, now)) {
                throw new BadInputException("shift", actor + " already shadows that shift");
            }
        });
        Instant from = c.start(k).isBefore(now) ? now : c.start(k);
        RotationPlan.Segment s = rotations.plan(name).at(from);
        return s == null ? new OnCall(name, k, null, List.of(actor), from, c.end(k), false) : OnCall.of(name, s);
    }
}
