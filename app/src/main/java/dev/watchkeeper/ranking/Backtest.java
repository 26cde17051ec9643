package dev.watchkeeper.ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Walk-forward replay: at each cutoff a model is trained on what was known before it (features as of
 * each occurrence's start, labels from decisions made before the cutoff) and scores the occurrences
 * until the next cutoff. Severity ordering and the per-alert-name action rate are scored beside it.
 */
public final class Backtest {

    public record Result(int from, int to, double[] model, double[] severity, double[] nameRate, int[] truth,
                         long[] startsAt, String[] ids, List<String> notes, int trainings, double trainSeconds,
                         int[] paged, int[] ratePaged, double recallTarget) {

        public Summary summary(long fromMillis, long toMillis) {
            int a = 0;
            while (a < startsAt.length && startsAt[a] < fromMillis) {
                a++;
            }
            int b = a;
            while (b < startsAt.length && startsAt[b] < toMillis) {
                b++;
            }
            return new Summary(b - a, sum(truth, a, b), row(model, a, b), row(severity, a, b), row(nameRate, a, b),
                    policies(a, b));
        }

        /**
         * The paging decisions in {@code [a, b)}: the model policy in force each day, the per-alert-name rate
         * policy with its own threshold chosen the same way for the same recall target, and the rate with the
         * one threshold (in hindsight) that reaches the model policy's own recall on these rows.
         */
        private Policy[] policies(int a, int b) {
            int[] y = java.util.Arrays.copyOfRange(truth, a, b);
            long[] t = java.util.Arrays.copyOfRange(startsAt, a, b);
            Policy m = Policy.of("model policy", java.util.Arrays.copyOfRange(paged, a, b), y, t);
            Policy r = Policy.of("alert-name rate policy", java.util.Arrays.copyOfRange(ratePaged, a, b), y, t);
            double[] rate = java.util.Arrays.copyOfRange(nameRate, a, b);
            double th = Double.isNaN(m.recall()) ? Double.POSITIVE_INFINITY : Metrics.thresholdForRecall(rate, y, m.recall());
            int[] hind = new int[rate.length];
            for (int i = 0; i < rate.length; i++) {
                hind[i] = rate[i] >= th ? 1 : 0;
            }
            Policy h = Policy.of("alert-name rate, hindsight", hind, y, t);
            // The best one threshold in hindsight at exactly the recall target, for each score: how much of
            // the gap to a target is the scores' and how much the choice of the threshold before the day.
            double[] sm = java.util.Arrays.copyOfRange(model, a, b);
            Policy mh = new Policy("model scores, hindsight at target", recallTarget,
                    PagingCeiling.hindsightQuiet(sm, y, recallTarget), Double.NaN, Double.NaN);
            Policy rh = new Policy("name rate, hindsight at target", recallTarget,
                    PagingCeiling.hindsightQuiet(rate, y, recallTarget), Double.NaN, Double.NaN);
            return new Policy[]{m, r, h, mh, rh};
        }

        private double[] row(double[] s, int a, int b) {
            double[] part = java.util.Arrays.copyOfRange(s, a, b);
            int[] y = java.util.Arrays.copyOfRange(truth, a, b);
            long[] t = java.util.Arrays.copyOfRange(startsAt, a, b);
            return new double[]{Metrics.auc(part, y), Metrics.recallAtTop(part, y, 0.2),
                    Metrics.dailyPrecisionAt10(part, y, t)};
        }

        private static int sum(int[] v, int a, int b) {
            int s = 0;
            for (int i = a; i < b; i++) {
                s += v[i];
            }
            return s;
        }
    }

    /** What a paging policy did on a window: recall of acted, share of non-acted kept quiet, paged share, pages a day. */
    public record Policy(String name, double recall, double quietNoise, double pagedShare, double pagesPerDay) {

        static Policy of(String name, int[] paged, int[] y, long[] t) {
            double[] p = new double[paged.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = paged[i];
            }
            double days = PagingStatement.days(t);
            return new Policy(name, PagingStatement.recall(p, y, 1), PagingStatement.quietNoise(p, y, 1),
                    PagingStatement.share(p, 1), PagingStatement.count(p, 1) / days);
        }
    }

    /** AUC, recall of acted occurrences in the top 20%, mean daily precision@10 — per scorer; and the paging policies. */
    public record Summary(int occurrences, int acted, double[] model, double[] severity, double[] nameRate,
                          Policy[] policies) {

        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-28s %8s %14s %16s%n", "scorer", "AUC", "recall@top20%",
                    "daily prec@10"));
            line(sb, "model", model);
            line(sb, "severity ordering", severity);
            line(sb, "alert-name action rate", nameRate);
            return sb.toString();
        }

        /** The paging decision: recall of acted among the paged, non-acted kept quiet, paged share, pages a day. */
        public String policyTable() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-33s %11s %12s %12s %12s%n", "paging", "recall acted",
                    "noise quiet", "paged share", "pages/day"));
            for (Policy p : policies) {
                sb.append(String.format(Locale.ROOT, "%-33s %11.4f %12.4f %12s %12s%n", p.name(), p.recall(),
                        p.quietNoise(), Double.isNaN(p.pagedShare()) ? "-" : String.format(Locale.ROOT, "%.4f", p.pagedShare()),
                        Double.isNaN(p.pagesPerDay()) ? "-" : String.format(Locale.ROOT, "%.1f", p.pagesPerDay())));
            }
            return sb.toString();
        }

        private static void line(StringBuilder sb, String name, double[] m) {
            sb.append(String.format(Locale.ROOT, "%-28s %8.4f %14.4f %16.4f%n", name, m[0], m[1], m[2]));
        }

        public boolean modelBeatsRate() {
            return model[0] > nameRate[0] && model[1] > nameRate[1] && model[2] > nameRate[2];
        }
    }

    private Backtest() {
    }

    /**
     * @param retrainEvery millis between cutoffs, or 0 to train once at {@code from}
     */
    public static Result run(Dataset d, long from, long retrainEvery, Trainer.Options opt) {
        int first = d.firstAtOrAfter(from);
        int n = d.size() - first;
        double[] model = new double[n];
        double[] severity = new double[n];
        double[] rate = new double[n];
        int[] truth = new int[n];
        int[] paged = new int[n];
        int[] ratePaged = new int[n];
        long[] starts = new long[n];
        String[] ids = new String[n];
        List<String> notes = new ArrayList<>();
        int trainings = 0;
        double trainSeconds = 0;
        long cutoff = from;
        int i = first;
        while (i < d.size()) {
            long next = retrainEvery > 0 ? cutoff + retrainEvery : Long.MAX_VALUE;
            int end = d.firstAtOrAfter(next);
            RankModel m = null;
            double threshold = Double.NaN;
            double rateThreshold = Double.NaN;
            try {
                long t0 = System.nanoTime();
                Trainer.Trained tr = Trainer.train(d, cutoff, opt);
                m = tr.model();
                threshold = tr.threshold();
                rateThreshold = tr.paging().rateThreshold();
                trainSeconds += (System.nanoTime() - t0) / 1e9;
                trainings++;
            } catch (Trainer.NotEnoughHistory e) {
                notes.add(java.time.Instant.ofEpochMilli(cutoff) + ": " + e.getMessage() + "; scored by the fallback");
            }
            for (; i < end; i++) {
                int k = i - first;
                var o = d.occurrences().get(i);
                model[k] = m == null ? d.nameRate()[i] : m.probability(d.x()[i]);
                severity[k] = Features.severityRank(o.severity());
                rate[k] = d.nameRate()[i];
                truth[k] = d.actedAt()[i] == Long.MAX_VALUE ? 0 : 1;
                // The policy in force: the day's model and threshold; before any model, severity pages (error and up).
                paged[k] = m == null ? (severity[k] >= Features.severityRank("error") ? 1 : 0)
                        : model[k] >= threshold ? 1 : 0;
                ratePaged[k] = m == null ? paged[k] : rate[k] >= rateThreshold ? 1 : 0;
                starts[k] = d.startsAt()[i];
                ids[k] = o.externalId() != null ? o.externalId() : String.valueOf(o.id());
            }
            cutoff = next;
        }
        return new Result(first, d.size(), model, severity, rate, truth, starts, ids, notes, trainings, trainSeconds,
                paged, ratePaged, opt.recallTarget());
    }
}
