package dev.watchkeeper.rotation;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.rotation.RotationStore;
import dev.watchkeeper.db.rotation.ShadowCopyRow;
import dev.watchkeeper.report.ReadinessSource;
import dev.watchkeeper.report.ShiftWindow;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Shadow readiness for a shift report: for each shadow of the shift, how they answered "what would you
 * do?" on the copies they received during the shift, and how often they agreed with the decision.
 */
@Singleton
public class RotationReadiness implements ReadinessSource {

    private final Database db;
    private final RotationStore store;

    public RotationReadiness(Database db, RotationStore store) {
        this.db = db;
        this.store = store;
    }

    @Override
    public List<ShadowReadiness> readiness(ShiftWindow window) {
        if (window.rotation() == null) {
            return List.of();
        }
        List<ShadowCopyRow> copies = db.read(dsl -> store.find(dsl, window.rotation())
                .map(r -> store.copiesOfRotation(dsl, r.id())).orElse(List.of()));
        List<ShadowCopyRow> inShift = copies.stream()
                .filter(c -> !c.sentAt().isBefore(window.start()) && c.sentAt().isBefore(window.end())).toList();
        List<Readiness> all = Readiness.of(inShift);
        List<ShadowReadiness> out = new ArrayList<>();
        for (String shadow : window.shadows()) {
            Readiness r = all.stream().filter(x -> x.handle().equals(shadow)).findFirst()
                    .orElse(new Readiness(shadow, 0, 0, 0, 0, null, 0, 0, null));
            out.add(new ShadowReadiness(shadow, sentence(r)));
        }
        return out;
    }

    static String sentence(Readiness r) {
        if (r.seen() == 0) {
            return "Received no paged alerts this shift.";
        }
        StringBuilder sb = new StringBuilder("Answered " + r.guesses() + " of " + r.seen() + " paged alert"
                + (r.seen() == 1 ? "" : "s") + " with a guess");
        if (r.decided() > 0) {
            sb.append("; agreed with the decision on ").append(r.agreed()).append(" of ").append(r.decided());
        }
        sb.append('.');
        if (r.actionable() > 0) {
            sb.append(" Said act on ").append(r.actionableAgreed()).append(" of the ").append(r.actionable())
                    .append(" that were acted on.");
        }
        return sb.toString();
    }
}
