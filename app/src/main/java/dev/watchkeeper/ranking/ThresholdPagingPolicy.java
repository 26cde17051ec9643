package dev.watchkeeper.ranking;

import dev.watchkeeper.db.ranking.ModelVersionRow;
import dev.watchkeeper.db.ranking.RankingStore;
import org.jooq.DSLContext;

import java.time.Instant;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.PagingPolicy;
import dev.watchkeeper.triage.Score;
import dev.watchkeeper.triage.SeverityPagingPolicy;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;

/**
 * Pages an item when its score reaches the live model's threshold, which was chosen on scores the model
 * was not trained on to catch the recall target of acted-on alerts (within the page budget, if any). While no live model exists (fallback
 * scores) no threshold has been validated, so paging goes by severity as before.
 */
@Singleton
public class ThresholdPagingPolicy implements PagingPolicy {

    private final ModelRegistry registry;
    private final RankingConfig config;
    private final SeverityPagingPolicy bySeverity;
    private final RankingStore store;

    public ThresholdPagingPolicy(ModelRegistry registry, RankingConfig config, SeverityPagingPolicy bySeverity,
                                 RankingStore store) {
        this.registry = registry;
        this.config = config;
        this.bySeverity = bySeverity;
        this.store = store;
    }

    /**
     * Accounts the decision ({@link PagingQuality} reads it): under a live model, also whether the
     * per-alert-name rate policy of that model version (its threshold for the same recall target, chosen on
     * the same out-of-sample rows) would have paged the same alert.
     */
    @Override
    public void account(DSLContext tx, Item item, Score score, boolean policyPaged, boolean paged, String reason,
                        Instant at) {
        Optional<ModelRegistry.Loaded> live = liveFor(score);
        String policy = live.map(l -> l.row().name()).orElse(SEVERITY);
        Double threshold = live.map(l -> l.row().threshold()).orElse(null);
        Double rateTh = live.flatMap(l -> PagingStatement.fromMetrics(l.row().metrics()))
                .map(PagingStatement::rateThreshold).orElse(null);
        Double rate = Double.isNaN(score.nameRate()) ? null : score.nameRate();
        Boolean ratePaged = rateTh == null || rate == null ? null : rate >= rateTh;
        store.accountPaging(tx, item.id(), at, policy, threshold, rateTh, score.probability(), rate, policyPaged,
                ratePaged, paged, reason);
    }

    /** The policy name accounted while no live model decides. */
    public static final String SEVERITY = "severity";

    @Override
    public boolean shouldPage(Item item, Score score) {
        Optional<ModelRegistry.Loaded> live = liveFor(score);
        return live.isPresent() ? score.probability() >= live.get().row().threshold() : bySeverity.shouldPage(item, score);
    }

    @Override
    public String describe(Item item, Score score, boolean paged) {
        Optional<ModelRegistry.Loaded> live = liveFor(score);
        if (live.isEmpty()) {
            Optional<ModelRegistry.Loaded> any = registry.live();
            if (any.isPresent()) {
                // A model is live but did not score this item: say why instead of "no live model yet".
                return bySeverity.describe(item, score, paged) + (item.manual()
                        ? "; added by hand, so no alert for " + any.get().row().name() + " to score"
                        : "; " + any.get().row().name() + " did not score it (" + score.model() + " did)");
            }
            return bySeverity.describe(item, score, paged) + "; no live model yet";
        }
        ModelVersionRow row = live.get().row();
        String base = String.format(Locale.ROOT, "score %.3f %s threshold %.3f (%s", score.probability(),
                paged ? "≥" : "<", row.threshold(), row.name());
        return base + PagingStatement.fromMetrics(row.metrics())
                .map(st -> String.format(Locale.ROOT, ", chosen on scores it was not trained on: pages about %.0f%% of "
                                + "alerts, keeps %.0f%% of the alerts nobody acts on quiet, catches %.0f%% of acted-on ones%s)",
                        st.pagedShare() * 100, st.quietNoiseShare() * 100, st.recall() * 100,
                        st.budgetBinds() ? "; page budget " + st.budgetPerDay() + " a day" : ""))
                .orElse(String.format(Locale.ROOT, ", chosen to catch %.0f%% of acted-on alerts on validation)",
                        config.recallTarget() * 100));
    }

    /** The live model's paging decision in people's terms, or empty while the fallback decides. */
    public Optional<String> statement() {
        return registry.live().flatMap(l -> PagingStatement.fromMetrics(l.row().metrics())
                .map(st -> l.row().name() + " " + st.inPeopleTerms()));
    }

    private Optional<ModelRegistry.Loaded> liveFor(Score score) {
        return registry.live().filter(l -> l.row().name().equals(score.model()));
    }
}
