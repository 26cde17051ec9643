package dev.watchkeeper.ranking;

import dev.watchkeeper.db.ranking.ModelVersionRow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a trained candidate replaces the live model. Both are judged on the same rows, which neither was
 * fitted on: the candidate's hold-out (the latest part of its window). The candidate is scored there by its
 * model as fitted before the hold-out; the live version is fitted again, with its own kind and stored
 * hyper-parameters, on exactly the same earlier rows. Scoring the live model as it stands would flatter it:
 * it was fitted on those rows (a nightly retrain's hold-out is last night's training data), so every
 * retrain used to lose to it ("AUC 0.79 ≤ 0.87") and waited in shadow.
 *
 * <p>Rule: the candidate goes live unless its hold-out AUC is more than {@link #TOLERANCE} below the live
 * version's. A retrain of the same kind on the same data scores the same and goes live (it has learnt the
 * latest days); a candidate that learnt nothing (labels shuffled: AUC near 0.5) never does.
 */
public final class PromotionGate {

    /**
     * AUC differences within this band are noise on a hold-out of a few hundred rows; it is the margin by
     * which the trainer already prefers the blend over a single model, so a change of kind alone cannot
     * send a retrain to shadow.
     */
    static final double TOLERANCE = Trainer.BLEND_MARGIN;

    private PromotionGate() {
    }

    /** The decision with both figures, as printed by {@code model train} and stored with the version. */
    public record Verdict(boolean promote, Instant from, Instant to, int rows, int acted, String candidateKind,
                          double candidateAuc, String liveModel, Double liveAuc, String text) {

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", "goes live unless its AUC on the gate rows is more than " + TOLERANCE + " below the live model's");
            m.put("from", from.toString());
            m.put("to", to.toString());
            m.put("rows", rows);
            m.put("acted", acted);
            m.put("candidate_kind", candidateKind);
            m.put("candidate_auc", Trainer.round(candidateAuc));
            m.put("live_model", liveModel);
            m.put("live_auc", liveAuc == null ? null : Trainer.round(liveAuc));
            m.put("tolerance", TOLERANCE);
            m.put("decision", promote ? "live" : "shadow");
            return m;
        }
    }

    public static Verdict judge(Dataset truth, Trainer.Trained t, Optional<ModelVersionRow> live) {
        int a = t.holdoutStart();
        int b = t.holdoutEnd();
        int[] y = Trainer.labels(truth, a, b, t.cutoff());
        int acted = java.util.Arrays.stream(y).sum();
        double cand = Metrics.auc(t.holdoutRaw(), y);
        Instant from = Instant.ofEpochMilli(truth.startsAt()[a]);
        Instant to = Instant.ofEpochMilli(truth.startsAt()[b - 1]);
        String where = String.format(Locale.ROOT, "on the %d latest occurrences (%s .. %s, %d acted on), which neither "
                + "model was fitted on", b - a, ModelCommand.day(from), ModelCommand.day(to), acted);
        if (live.isEmpty()) {
            return new Verdict(true, from, to, b - a, acted, t.model().kind(), cand, null, null, String.format(Locale.ROOT,
                    "no live model: the candidate goes live (AUC %.4f %s)", cand, where));
        }
        ModelVersionRow l = live.get();
        int start = truth.firstAtOrAfter(t.trainFrom());
        double liveAuc;
        try {
            Trainer.Options opt = Trainer.Options.fromParams(l.params());
            RankModel refit = Trainer.fit(l.kind(), java.util.Arrays.copyOfRange(truth.x(), start, a),
                    Trainer.labels(truth, start, a, t.cutoff()), opt);
            double[] s = new double[b - a];
            for (int i = a; i < b; i++) {
                s[i - a] = refit.raw(truth.x()[i]);
            }
            liveAuc = Metrics.auc(s, y);
        } catch (RuntimeException e) {
            return new Verdict(true, from, to, b - a, acted, t.model().kind(), cand, l.name(), null,
                    String.format(Locale.ROOT, "live %s cannot be fitted again for comparison (%s): the candidate "
                            + "goes live (AUC %.4f %s)", l.name(), e.getMessage(), cand, where));
        }
        boolean promote = Double.isNaN(liveAuc) || cand >= liveAuc - TOLERANCE;
        String text = String.format(Locale.ROOT, "candidate %s AUC %.4f vs live %s AUC %.4f (its kind and parameters "
                        + "fitted on the same earlier rows) %s; rule: goes live unless more than %.2f below the live: %s",
                t.model().kind(), cand, l.name(), liveAuc, where, TOLERANCE,
                promote ? "goes live" : "shadow");
        return new Verdict(promote, from, to, b - a, acted, t.model().kind(), cand, l.name(), liveAuc, text);
    }
}
