package dev.watchkeeper.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ranking metrics. Ties are scored by their expectation under random tie-breaking, so an ordering
 * with many ties (severity) is neither flattered nor punished by the order rows happen to be in.
 */
public final class Metrics {

    private Metrics() {
    }

    /** Area under the ROC curve (Mann–Whitney with mid-ranks); NaN without both classes. */
    public static double auc(double[] score, int[] y) {
        int n = score.length;
        Integer[] idx = order(score);
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[idx[j + 1]] == score[idx[i]]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[idx[k]] = mid;
            }
            i = j + 1;
        }
        long pos = Arrays.stream(y).filter(v -> v == 1).count();
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            if (y[k] == 1) {
                sum += rank[k];
            }
        }
        return (sum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }

    /** Expected positives among the top {@code k} rows by score (ties split evenly). */
    public static double positivesInTop(double[] score, int[] y, int k) {
        int n = score.length;
        Integer[] idx = order(score);
        // descending
        double taken = 0;
        int i = n - 1;
        int remaining = Math.min(k, n);
        while (remaining > 0 && i >= 0) {
            int j = i;
            while (j - 1 >= 0 && score[idx[j - 1]] == score[idx[i]]) {
                j--;
            }
            int size = i - j + 1;
            int pos = 0;
            for (int m = j; m <= i; m++) {
                pos += y[idx[m]];
            }
            int take = Math.min(size, remaining);
            taken += pos * (take / (double) size);
            remaining -= take;
            i = j - 1;
        }
        return taken;
    }

    /** Share of all positives caught when paging the top {@code fraction} of rows. */
    public static double recallAtTop(double[] score, int[] y, double fraction) {
        int pos = Arrays.stream(y).sum();
        if (pos == 0) {
            return Double.NaN;
        }
        int k = (int) Math.ceil(fraction * score.length);
        return positivesInTop(score, y, k) / pos;
    }

    /** Mean over UTC days of the precision of the day's 10 highest-scored rows. */
    public static double dailyPrecisionAt10(double[] score, int[] y, long[] startsAt) {
        Map<Long, List<Integer>> byDay = new TreeMap<>();
        for (int i = 0; i < score.length; i++) {
            byDay.computeIfAbsent(Math.floorDiv(startsAt[i], Features.DAY), d -> new ArrayList<>()).add(i);
        }
        double sum = 0;
        int days = 0;
        for (List<Integer> rows : byDay.values()) {
            double[] s = new double[rows.size()];
            int[] l = new int[rows.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = score[rows.get(i)];
                l[i] = y[rows.get(i)];
            }
            int k = Math.min(10, s.length);
            sum += positivesInTop(s, l, k) / k;
            days++;
        }
        return days == 0 ? Double.NaN : sum / days;
    }

    /** Mean log-loss of probabilities. */
    public static double logLoss(double[] p, int[] y) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(1 - 1e-9, Math.max(1e-9, p[i]));
            sum -= y[i] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        return sum / p.length;
    }

    /** The highest threshold whose "score ≥ threshold" still catches {@code recall} of the positives. */
    public static double thresholdForRecall(double[] p, int[] y, double recall) {
        double[] pos = new double[Arrays.stream(y).sum()];
        int j = 0;
        for (int i = 0; i < p.length; i++) {
            if (y[i] == 1) {
                pos[j++] = p[i];
            }
        }
        if (pos.length == 0) {
            return 0;
        }
        Arrays.sort(pos);
        int need = (int) Math.ceil(recall * pos.length);
        if (need <= 0) {
            // A recall of 0 (e.g. a policy that paged none of the few acted-on rows): nothing needs paging.
            return Double.POSITIVE_INFINITY;
        }
        return pos[pos.length - Math.min(need, pos.length)];
    }

    private static Integer[] order(double[] score) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> score[i]));
        return idx;
    }
}
