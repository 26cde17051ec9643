package dev.watchkeeper.ranking;

import dev.watchkeeper.db.ItemRow;
import dev.watchkeeper.triage.PagingPolicy;
import dev.watchkeeper.triage.Score;
import dev.watchkeeper.triage.SeverityPagingPolicy;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;

/**
 * Pages an item when its score reaches the live model's threshold, which was chosen on the model's
 * validation window to catch the recall target of acted-on alerts. While no live model exists (fallback
 * scores) no threshold has been validated, so paging goes by severity as before.
 */
@Singleton
public class ThresholdPagingPolicy implements PagingPolicy {

    private final ModelRegistry registry;
    private final RankingConfig config;
    private final SeverityPagingPolicy bySeverity;

    public ThresholdPagingPolicy(ModelRegistry registry, RankingConfig config, SeverityPagingPolicy bySeverity) {
        this.registry = registry;
        this.config = config;
        this.bySeverity = bySeverity;
    }

    @Override
    public boolean shouldPage(ItemRow item, Score score) {
        Optional<ModelRegistry.Loaded> live = liveFor(score);
        return live.isPresent() ? score.probability() >= live.get().row().threshold() : bySeverity.shouldPage(item, score);
    }

    @Override
    public String describe(ItemRow item, Score score, boolean paged) {
        Optional<ModelRegistry.Loaded> live = liveFor(score);
        if (live.isEmpty()) {
            return bySeverity.describe(item, score, paged) + "; no live model yet";
        }
        return String.format(Locale.ROOT, "score %.3f %s threshold %.3f (%s, chosen to catch %.0f%% of acted-on "
                        + "alerts on validation)", score.probability(), paged ? "≥" : "<", live.get().row().threshold(),
                live.get().row().name(), config.recallTarget() * 100);
    }

    private Optional<ModelRegistry.Loaded> liveFor(Score score) {
        return registry.live().filter(l -> l.row().name().equals(score.model()));
    }
}
