package dev.watchkeeper.ranking;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How much noise a paging threshold can keep quiet at a recall target <em>at best</em>: the figures the
 * paging decision is measured against.
 *
 * <ul>
 *   <li>{@link #hindsightQuiet}: one threshold over a whole window of scores, chosen knowing the outcomes,
 *       that catches exactly the target share of the acted-on rows (rows tied at the threshold paged in part,
 *       counted by their expectation). No threshold chosen beforehand can do better on the same scores.</li>
 *   <li>{@link #expectedQuiet}: the same for the best scorer there can be, one that knows every row's own
 *       probability of being acted on (a synthetic history's generator knows it): it pages the most probable
 *       rows first until the expected acted-on rows reach the target. No score computed from the data can
 *       keep more noise quiet in expectation (paging a row costs its 1 - p of noise for its p of recall,
 *       so the cheapest recall is bought in order of p).</li>
 * </ul>
 */
public final class PagingCeiling {

    private PagingCeiling() {
    }

    /**
     * Share of the non-acted rows kept quiet by the one threshold on {@code score} that catches exactly
     * {@code target} of the acted-on rows ({@code y = 1}); NaN without acted-on or non-acted rows.
     */
    public static double hindsightQuiet(double[] score, int[] y, double target) {
        double[] acted = new double[score.length];
        for (int i = 0; i < y.length; i++) {
            acted[i] = y[i];
        }
        return quiet(score, acted, target);
    }

    /**
     * Expected share of the non-acted rows kept quiet by the best scorer there can be, at {@code target}
     * recall in expectation, given each row's own probability {@code p} of being acted on.
     */
    public static double expectedQuiet(double[] p, double target) {
        return quiet(p, p, target);
    }

    /**
     * Rows in decreasing {@code score}, each bringing {@code acted[i]} acted-on and {@code 1 - acted[i]}
     * non-acted (0/1 for outcomes, a probability for expectations); pages whole tie groups until the next
     * one would pass the target, then that group in part.
     */
    private static double quiet(double[] score, double[] acted, double target) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
        double totalActed = 0;
        for (double a : acted) {
            totalActed += a;
        }
        double totalNoise = score.length - totalActed;
        if (totalActed <= 0 || totalNoise <= 0) {
            return Double.NaN;
        }
        double need = target * totalActed;
        double caught = 0;
        double noisePaged = 0;
        int i = 0;
        while (i < idx.length && caught < need - 1e-12) {
            int j = i;
            double groupActed = 0;
            double groupNoise = 0;
            while (j < idx.length && score[idx[j]] == score[idx[i]]) {
                groupActed += acted[idx[j]];
                groupNoise += 1 - acted[idx[j]];
                j++;
            }
            if (caught + groupActed >= need) {
                double part = groupActed == 0 ? 0 : (need - caught) / groupActed;
                noisePaged += part * groupNoise;
                caught = need;
            } else {
                caught += groupActed;
                noisePaged += groupNoise;
            }
            i = j;
        }
        return 1 - noisePaged / totalNoise;
    }
}
