package dev.watchkeeper.ranking;

import dev.watchkeeper.db.ranking.ActedFact;
import dev.watchkeeper.db.ranking.OccurrenceFact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A history replayed in time order as the live system saw it: each occurrence's features as of its
 * start (actions applied only once their time has passed), and when its item was acted on, so that
 * labels can be taken "as known at" any cutoff.
 */
public record Dataset(List<OccurrenceFact> occurrences, double[][] x, double[] nameRate, long[] startsAt,
                      long[] actedAt) {

    public static Dataset replay(Features features, List<OccurrenceFact> occurrences, List<ActedFact> acted) {
        List<OccurrenceFact> occs = new ArrayList<>(occurrences);
        occs.sort(Comparator.comparingLong(OccurrenceFact::startsAt).thenComparingInt(OccurrenceFact::id));
        List<ActedFact> actions = new ArrayList<>(acted);
        actions.sort(Comparator.comparingLong(ActedFact::at).thenComparingInt(ActedFact::id));
        Map<Integer, Long> firstActed = new HashMap<>();
        for (ActedFact a : actions) {
            firstActed.putIfAbsent(a.itemId(), a.at());
        }
        FeatureState state = new FeatureState();
        int n = occs.size();
        double[][] x = new double[n][];
        double[] rate = new double[n];
        long[] starts = new long[n];
        long[] actedAt = new long[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            OccurrenceFact o = occs.get(i);
            while (next < actions.size() && actions.get(next).at() < o.startsAt()) {
                state.addActed(actions.get(next).itemId(), actions.get(next).at());
                next++;
            }
            x[i] = features.compute(state, o);
            rate[i] = Features.nameRate(state, o);
            starts[i] = o.startsAt();
            actedAt[i] = firstActed.getOrDefault(o.itemId(), Long.MAX_VALUE);
            state.addOccurrence(o);
        }
        return new Dataset(List.copyOf(occs), x, rate, starts, actedAt);
    }

    public int size() {
        return startsAt.length;
    }

    /** 1 where the occurrence's item was acted on before {@code cutoff}. */
    public int label(int row, long cutoff) {
        return actedAt[row] < cutoff ? 1 : 0;
    }

    /** The first row starting at or after {@code time} (rows are in time order). */
    public int firstAtOrAfter(long time) {
        int lo = 0;
        int hi = startsAt.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (startsAt[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
