package dev.watchkeeper.ranking;

import dev.watchkeeper.db.ItemRow;
import dev.watchkeeper.triage.PagingPolicy;
import dev.watchkeeper.triage.Score;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;

/**
 * Pages an item when its score reaches the live model's threshold, which was chosen on the model's
 * validation window to catch the recall target of acted-on alerts. Scores from the fallback use
 * {@code watchkeeper.ranking.fallback-threshold}.
 */
@Singleton
public class ThresholdPagingPolicy implements PagingPolicy {

    private final ModelRegistry registry;
    private final RankingConfig config;

    public ThresholdPagingPolicy(ModelRegistry registry, RankingConfig config) {
        this.registry = registry;
        this.config = config;
    }

    @Override
    public boolean shouldPage(ItemRow item, Score score) {
        return score.probability() >= threshold(score);
    }

    @Override
    public String describe(ItemRow item, Score score, boolean paged) {
        double t = threshold(score);
        Optional<ModelRegistry.Loaded> live = liveFor(score);
        String why = live.isPresent()
                ? String.format(Locale.ROOT, " (%s, chosen to catch %.0f%% of acted-on alerts on validation)",
                live.get().row().name(), config.recallTarget() * 100)
                : " (fallback: per-alert-name action rate)";
        return String.format(Locale.ROOT, "score %.3f %s threshold %.3f", score.probability(), paged ? "≥" : "<", t)
                + why;
    }

    private double threshold(Score score) {
        return liveFor(score).map(l -> l.row().threshold()).orElse(config.fallbackThreshold());
    }

    private Optional<ModelRegistry.Loaded> liveFor(Score score) {
        return registry.live().filter(l -> l.row().name().equals(score.model()));
    }
}
