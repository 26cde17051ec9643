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
                         long[] startsAt, String[] ids, List<String> notes, int trainings, double trainSeconds) {

        public Summary summary(long fromMillis, long toMillis) {
            int a = 0;
            while (a < startsAt.length && startsAt[a] < fromMillis) {
                a++;
            }
            int b = a;
            while (b < startsAt.length && startsAt[b] < toMillis) {
                b++;
            }
            return new Summary(b - a, sum(truth, a, b), row(model, a, b), row(severity, a, b), row(nameRate, a, b));
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

    /** AUC, recall of acted occurrences in the top 20%, mean daily precision@10 — per scorer. */
    public record Summary(int occurrences, int acted, double[] model, double[] severity, double[] nameRate) {

        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-28s %8s %14s %16s%n", "scorer", "AUC", "recall@top20%",
                    "daily prec@10"));
            line(sb, "model", model);
            line(sb, "severity ordering", severity);
            line(sb, "alert-name action rate", nameRate);
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
            try {
                long t0 = System.nanoTime();
                m = Trainer.train(d, cutoff, opt).model();
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
                starts[k] = d.startsAt()[i];
                ids[k] = o.externalId() != null ? o.externalId() : String.valueOf(o.id());
            }
            cutoff = next;
        }
        return new Result(first, d.size(), model, severity, rate, truth, starts, ids, notes, trainings, trainSeconds);
    }
}
