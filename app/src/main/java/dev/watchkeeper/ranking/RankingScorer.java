package dev.watchkeeper.ranking;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.ranking.DecisionFact;
import dev.watchkeeper.db.ranking.OccurrenceFact;
import dev.watchkeeper.db.ranking.RankingStore;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.ItemScorer;
import dev.watchkeeper.triage.Score;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Live scoring. Features come from an in-memory {@link FeatureState} that catches up with new
 * occurrences and decisions by reading only rows it has not seen (by id), so a score costs no scan of
 * the history. An item is scored by its most recent occurrence, as of that occurrence's start, exactly as
 * training and backtests compute it. Without a loadable live model the per-alert-name action rate is used.
 */
@Singleton
public class RankingScorer implements ItemScorer {

    private static final Logger LOG = LoggerFactory.getLogger(RankingScorer.class);
    public static final String FALLBACK = "fallback";

    private final Database db;
    private final RankingStore store;
    private final Features features;
    private final ModelRegistry registry;

    private final FeatureState state = new FeatureState();
    private int lastOccurrenceId;
    private int lastActedId;

    public RankingScorer(Database db, RankingStore store, Features features, ModelRegistry registry) {
        this.db = db;
        this.store = store;
        this.features = features;
        this.registry = registry;
    }

    /** What a score was computed from, for the benchmark and explanations. */
    public record Prepared(OccurrenceFact occurrence, double[] x, double nameRate, String why) {
    }

    @Override
    public Score score(Item item, Instant asOf) {
        Optional<Prepared> prepared = prepare(item.id());
        if (prepared.isEmpty()) {
            return manual(item, asOf);
        }
        Score score = score(prepared.get());
        registry.shadow().ifPresent(s -> {
            try {
                double p = s.model().probability(prepared.get().x());
                Double live = FALLBACK.equals(score.model()) ? null : score.probability();
                db.writeVoid(tx -> store.recordShadowScore(tx, s.row().id(), item.id(), asOf, p, live));
            } catch (RuntimeException e) {
                LOG.warn("shadow model {} failed to score: {}", s.row().name(), e.toString());
            }
        });
        return score;
    }

    /**
     * An item added by hand has no alert history: it scores as an alert nobody has seen yet (the global
     * action rate of the last 30 days, the prior every fallback rate starts from), weighted by its severity
     * (critical the whole prior, error 3/4, warning 1/2, info 1/4). A fixed severity score (0.15 for a
     * warning) used to rank a manual warning above a critical paged alert whose name is rarely acted on.
     */
    private Score manual(Item item, Instant asOf) {
        double prior;
        synchronized (this) {
            catchUp();
            prior = Features.globalRate(state, asOf.toEpochMilli());
        }
        double weight = (Features.severityRank(item.severity()) + 1) / 4.0;
        return new Score(prior * weight, String.format(java.util.Locale.ROOT, "no alert behind this item (added by "
                + "hand): an unseen alert's prior %.2f (all alerts' action rate in 30 days) × %.2f for severity %s",
                prior, weight, item.severity()), FALLBACK);
    }

    /** Scores prepared features with the live model, or the fallback. */
    public Score score(Prepared f) {
        Optional<ModelRegistry.Loaded> live = registry.live();
        if (live.isPresent()) {
            try {
                return new Score(live.get().model().probability(f.x()), f.why(), live.get().row().name(), f.nameRate());
            } catch (RuntimeException e) {
                LOG.warn("model {} failed to score: {}; falling back", live.get().row().name(), e.toString());
            }
        }
        return new Score(f.nameRate(), f.why(), FALLBACK, f.nameRate());
    }

    /** Catches up with the database and computes the features of the item's latest occurrence. */
    public synchronized Optional<Prepared> prepare(int itemId) {
        catchUp();
        OccurrenceFact o = state.latestOccurrence(itemId);
        if (o == null) {
            return Optional.empty();
        }
        return Optional.of(new Prepared(o, features.compute(state, o), Features.nameRate(state, o),
                features.explain(state, o)));
    }

    private void catchUp() {
        db.read(dsl -> {
            List<OccurrenceFact> occs;
            do {
                occs = store.occurrencesAfter(dsl, lastOccurrenceId, 10_000);
                for (OccurrenceFact o : occs) {
                    state.addOccurrence(o);
                    lastOccurrenceId = o.id();
                }
            } while (occs.size() == 10_000);
            for (DecisionFact a : store.decisionsAfter(dsl, lastActedId)) {
                state.addDecision(a);
                lastActedId = a.id();
            }
            return null;
        });
    }
}
