package dev.watchkeeper.ranking;

import dev.watchkeeper.db.ranking.DecisionFact;
import dev.watchkeeper.db.ranking.OccurrenceFact;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Features see only what was known at the instant; labels come from the first decision after an occurrence. */
class FeaturesAsOfTest {

    static final long T0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
    static final long MIN = 60_000;
    final Features features = new Features((name, labels, at) -> false);

    static OccurrenceFact occ(int id, int item, String name, long at, String value) {
        return new OccurrenceFact(id, "o" + id, item, name + "/svc", name, "fp-" + name, "svc", "warning",
                "{\"service\":\"svc\"}", value == null ? "{}" : "{\"value\":\"" + value + "\"}", at);
    }

    double feature(double[] x, String name) {
        return x[Features.NAMES.indexOf(name)];
    }

    @Test
    void aDecisionCountsOnlyFromTheTimeItWasMade() {
        FeatureState s = new FeatureState();
        s.addOccurrence(occ(1, 10, "DiskFull", T0, null));
        s.addDecision(new DecisionFact(1, 10, null, "acted", T0 + 10 * MIN));

        double[] before = features.compute(s, occ(2, 11, "DiskFull", T0 + 5 * MIN, null));
        assertEquals(0.0, feature(before, "name_acted_30d"));
        assertEquals(Math.log1p(1), feature(before, "name_fires_1h"));

        double[] after = features.compute(s, occ(3, 12, "DiskFull", T0 + 20 * MIN, null));
        assertEquals(Math.log1p(1), feature(after, "name_acted_30d"));
        assertEquals(Math.log1p(1), feature(after, "group_acted_7d"));
        // Nothing at or after the instant is counted, even when the state already holds it.
        s.addOccurrence(occ(4, 13, "DiskFull", T0 + 60 * MIN, null));
        assertEquals(feature(after, "name_fires_24h"), feature(features.compute(s, occ(3, 12, "DiskFull", T0 + 20 * MIN, null)), "name_fires_24h"));
    }

    @Test
    void anUnusualValueStandsOutAgainstTheAlertsOwnHistory() {
        FeatureState s = new FeatureState();
        for (int i = 0; i < 10; i++) {
            s.addOccurrence(occ(i + 1, i + 1, "NullRate", T0 + i * MIN, "0.1" + i));
        }
        double[] high = features.compute(s, occ(20, 20, "NullRate", T0 + 30 * MIN, "0.9"));
        double[] usual = features.compute(s, occ(21, 21, "NullRate", T0 + 30 * MIN, "0.145"));
        assertEquals(1.0, feature(high, "value_share_below_30d"));
        assertEquals(0.5, feature(usual, "value_share_below_30d"));
        assertEquals(1.0, feature(high, "has_value"));
    }

    @Test
    void anOccurrenceIsLabelledByTheFirstDecisionOnItsItemAfterItStarted() {
        List<OccurrenceFact> occs = List.of(occ(1, 10, "Lag", T0, null), occ(2, 10, "Lag", T0 + 60 * MIN, null));
        List<DecisionFact> decisions = List.of(new DecisionFact(1, 10, null, "ack", T0 + 5 * MIN),
                new DecisionFact(2, 10, null, "acted", T0 + 120 * MIN));
        Dataset d = Dataset.replay(features, occs, decisions);
        assertEquals(0, d.label(0, Long.MAX_VALUE));
        assertEquals(0, d.label(1, T0 + 90 * MIN));
        assertEquals(1, d.label(1, T0 + 121 * MIN));
        // The acted decision settled only the second occurrence, so the alert was acted on once.
        double[] later = features.compute(stateAfter(occs, decisions), occ(3, 11, "Lag", T0 + 200 * MIN, null));
        assertEquals(Math.log1p(1), feature(later, "name_acted_30d"));
    }

    @Test
    void aDecisionBoundToOneOccurrenceLabelsThatOccurrenceAlone() {
        // A storm: three occurrences in one item; the history file says only the first was acted on,
        // and its decision came after the echoes had fired.
        List<OccurrenceFact> occs = List.of(occ(1, 10, "Upstream", T0, null), occ(2, 10, "Upstream", T0 + MIN, null),
                occ(3, 10, "Upstream", T0 + 2 * MIN, null));
        List<DecisionFact> decisions = List.of(new DecisionFact(1, 10, 1, "acted", T0 + 10 * MIN),
                new DecisionFact(2, 10, 2, "noise", T0 + 12 * MIN));
        Dataset d = Dataset.replay(features, occs, decisions);
        assertEquals(1, d.label(0, Long.MAX_VALUE));
        assertEquals(0, d.label(1, Long.MAX_VALUE));
        assertEquals(0, d.label(2, Long.MAX_VALUE));
        // Only one occurrence became a positive, although the acted decision came after all three fired.
        double[] later = features.compute(stateAfter(occs, decisions), occ(4, 11, "Upstream", T0 + 60 * MIN, null));
        assertEquals(Math.log1p(1), feature(later, "name_acted_30d"));
        // The unbound rule would have settled all three as positives.
        List<DecisionFact> unbound = List.of(new DecisionFact(1, 10, null, "acted", T0 + 10 * MIN));
        Dataset item = Dataset.replay(features, occs, unbound);
        assertEquals(1, item.label(2, Long.MAX_VALUE));
        assertEquals(Math.log1p(3), feature(features.compute(stateAfter(occs, unbound),
                occ(4, 11, "Upstream", T0 + 60 * MIN, null)), "name_acted_30d"));
    }

    private static FeatureState stateAfter(List<OccurrenceFact> occs, List<DecisionFact> decisions) {
        FeatureState s = new FeatureState();
        occs.forEach(s::addOccurrence);
        decisions.forEach(s::addDecision);
        return s;
    }
}
