package dev.watchkeeper.rotation;

import dev.watchkeeper.db.rotation.ShadowCopyRow;
import dev.watchkeeper.triage.ActionKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a shadow's guesses compare with the primaries' decisions.
 *
 * @param seen                paged alerts the shadow received a copy of
 * @param guesses             copies they answered "what would you do?" on
 * @param decided             guesses whose item the primary has decided
 * @param agreement           agreed / decided, or null before any
 * @param actionable          decided guesses on items the primary acted on
 * @param actionableAgreement of those, the share the shadow also said act, or null
 */
public record Readiness(String handle, int seen, int guesses, int decided, int agreed, Double agreement,
                        int actionable, int actionableAgreed, Double actionableAgreement) {

    public String describe() {
        return handle + ": " + seen + " alert" + (seen == 1 ? "" : "s") + " seen, " + guesses + " guess"
                + (guesses == 1 ? "" : "es") + ", agreement " + pct(agreed, decided) + ", on actionable alerts "
                + pct(actionableAgreed, actionable);
    }

    /** Readiness per person from the shadow copies they received, in order of first copy. */
    static List<Readiness> of(List<ShadowCopyRow> copies) {
        Map<String, int[]> byHandle = new LinkedHashMap<>();
        for (ShadowCopyRow c : copies) {
            int[] n = byHandle.computeIfAbsent(c.handle(), h -> new int[6]);
            n[0]++;
            if (c.guess() != null) {
                n[1]++;
                if (c.decision() != null) {
                    n[2]++;
                    if (c.guess().equals(c.decision())) {
                        n[3]++;
                    }
                    if (ActionKind.ACTED.is(c.decision())) {
                        n[4]++;
                        if (ActionKind.ACTED.is(c.guess())) {
                            n[5]++;
                        }
                    }
                }
            }
        }
        List<Readiness> out = new ArrayList<>();
        byHandle.forEach((h, n) -> out.add(new Readiness(h, n[0], n[1], n[2], n[3],
                n[2] == 0 ? null : (double) n[3] / n[2], n[4], n[5], n[4] == 0 ? null : (double) n[5] / n[4])));
        return out;
    }

    private static String pct(int n, int d) {
        return d == 0 ? "n/a" : Math.round(100.0 * n / d) + "% (" + n + "/" + d + ")";
    }
}
