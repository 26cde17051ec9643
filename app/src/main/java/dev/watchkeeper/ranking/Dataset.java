package dev.watchkeeper.ranking;

import dev.watchkeeper.db.ranking.DecisionFact;
import dev.watchkeeper.db.ranking.OccurrenceFact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A history replayed in time order as the live system saw it: each occurrence's features as of its
 * start (decisions applied only once their time has passed), and when it was acted on (the first
 * decision on its item at or after its start, if that was {@code acted}), so that labels can be taken
 * "as known at" any cutoff.
 */
public record Dataset(List<OccurrenceFact> occurrences, double[][] x, double[] nameRate, long[] startsAt,
                      long[] actedAt) {

    public static Dataset replay(Features features, List<OccurrenceFact> occurrences, List<DecisionFact> decisions) {
        List<OccurrenceFact> occs = new ArrayList<>(occurrences);
        occs.sort(Comparator.comparingLong(OccurrenceFact::startsAt).thenComparingInt(OccurrenceFact::id));
        List<DecisionFact> actions = new ArrayList<>(decisions);
        actions.sort(Comparator.comparingLong(DecisionFact::at).thenComparingInt(DecisionFact::id));
        Map<Integer, List<DecisionFact>> byItem = new HashMap<>();
        for (DecisionFact a : actions) {
            byItem.computeIfAbsent(a.itemId(), k -> new ArrayList<>()).add(a);
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
                DecisionFact a = actions.get(next++);
                state.addDecision(a);
            }
            x[i] = features.compute(state, o);
            rate[i] = Features.nameRate(state, o);
            starts[i] = o.startsAt();
            actedAt[i] = Long.MAX_VALUE;
            for (DecisionFact a : byItem.getOrDefault(o.itemId(), List.of())) {
                if (a.settles(o.id(), o.startsAt())) {
                    actedAt[i] = a.acted() ? a.at() : Long.MAX_VALUE;
                    break;
                }
            }
            state.addOccurrence(o);
        }
        return new Dataset(List.copyOf(occs), x, rate, starts, actedAt);
    }

    /**
     * 1 where the occurrence's item was acted on before {@code cutoff}, by the first decision taken on
     * the item at or after the occurrence started.
     */
    public int label(int row, long cutoff) {
        return actedAt[row] < cutoff ? 1 : 0;
    }

    public int size() {
        return startsAt.length;
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
