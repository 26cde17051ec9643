package dev.watchkeeper.ranking;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code watchkeeper.ranking.*}.
 *
 * @param recallTarget      share of acted-on alerts the paging threshold must catch on validation
 * @param maxTrainingRows   training uses at most this many of the most recent occurrences
 */
@ConfigurationProperties("watchkeeper.ranking")
public record RankingConfig(@Bindable(defaultValue = "0.95") double recallTarget,
                            @Bindable(defaultValue = "200000") int maxTrainingRows) {

    public RankingConfig {
        if (!(recallTarget > 0 && recallTarget <= 1)) {
            throw new IllegalArgumentException("watchkeeper.ranking.recall-target: must be in (0, 1], was " + recallTarget);
        }
        if (maxTrainingRows < 1000) {
            throw new IllegalArgumentException("watchkeeper.ranking.max-training-rows: must be at least 1000");
        }
    }

    public Trainer.Options trainerOptions() {
        Trainer.Options d = Trainer.Options.defaults();
        return new Trainer.Options(recallTarget, maxTrainingRows, d.labelWaitMillis(), d.holdoutShare(), d.ntrees(),
                d.maxDepth(), d.maxNodes(), d.nodeSize(), d.shrinkage(), d.subsample(), d.seed(), d.kinds(), d.refit(), d.gbtMaxRows());
    }
}
