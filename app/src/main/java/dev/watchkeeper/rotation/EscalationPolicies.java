package dev.watchkeeper.rotation;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.EscalationStore;
import dev.watchkeeper.db.rotation.RotationRow;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Each rotation's escalation policy: how long a page waits for an answer, and how many extra rounds it gets. */
@Singleton
public class EscalationPolicies {

    private final Database db;
    private final RotationService rotations;
    private final RotationSettings settings;
    private final EscalationStore policies;

    public EscalationPolicies(Database db, RotationService rotations, RotationSettings settings, EscalationStore policies) {
        this.db = db;
        this.rotations = rotations;
        this.settings = settings;
        this.policies = policies;
    }

    /** A rotation's escalation policy as in force: its timeout (own or configured) and extra rounds. */
    public record Policy(String rotation, Duration escalateAfter, boolean ownTimeout, int repeats) {
        public String text() {
            long m = escalateAfter.toMinutes();
            return rotation + ": unanswered pages escalate after " + (m > 0 ? m + " min" : escalateAfter.toSeconds() + " s")
                    + (ownTimeout ? "" : " (the configured default)") + ": primary, primary again, then each other "
                    + "member in order, then the channel is told; " + (repeats == 0 ? "no repeats"
                    : "then the round starts over " + repeats + " more time" + (repeats == 1 ? "" : "s")) + ".";
        }
    }

    public static final int MAX_REPEATS = 10;

    public Policy policy(String rotation) {
        RotationRow r = rotations.rotation(rotation);
        EscalationStore.Policy p = db.read(dsl -> policies.policy(dsl, r.id()));
        return new Policy(r.name(), p.escalateAfter() == null ? settings.escalateAfter() : p.escalateAfter(),
                p.escalateAfter() != null, p.repeats());
    }

    /**
     * Sets a rotation's escalation policy (members and admins only). {@code escalateAfter} null keeps it,
     * "default" returns to the configured one; {@code repeats} null keeps it, else 0 to {@value #MAX_REPEATS}.
     */
    public Policy setPolicy(String rotation, String escalateAfter, Integer repeats, String by) {
        if (by == null || by.isBlank()) {
            throw new BadInputException("by", "is required: who is asking");
        }
        java.util.List<dev.watchkeeper.core.FieldError> errors = new java.util.ArrayList<>();
        Duration after = null;
        boolean reset = escalateAfter != null && escalateAfter.strip().equalsIgnoreCase("default");
        if (escalateAfter != null && !reset) {
            after = dev.watchkeeper.core.Durations.tryParse(escalateAfter).orElse(null);
            if (after == null || after.compareTo(Duration.ofMinutes(1)) < 0 || after.compareTo(Duration.ofDays(1)) > 0) {
                errors.add(new dev.watchkeeper.core.FieldError("escalateAfter",
                        "must be a duration from 1m to 1d (e.g. 10m) or 'default'; was '" + escalateAfter + "'"));
            }
        }
        if (repeats != null && (repeats < 0 || repeats > MAX_REPEATS)) {
            errors.add(new dev.watchkeeper.core.FieldError("repeats", "must be 0 to " + MAX_REPEATS + "; was " + repeats));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        RotationRow r = rotations.rotation(rotation);
        String who = RotationService.handle(by);
        if (!rotations.mayChange(r.name(), who)) {
            throw new dev.watchkeeper.core.ForbiddenException(who + " may not change the escalation policy of rotation "
                    + r.name() + ": only its members and admins may");
        }
        Duration newAfter = after;
        db.writeVoid(tx -> {
            EscalationStore.Policy now = policies.policy(tx, r.id());
            policies.setPolicy(tx, r.id(), reset ? null : newAfter != null ? newAfter : now.escalateAfter(),
                    repeats != null ? repeats : now.repeats());
        });
        return policy(r.name());
    }
}
