package dev.watchkeeper.ranking;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code watchkeeper.ranking.*}.
 *
 * @param recallTarget      share of acted-on alerts the paging threshold must catch on validation
 * @param maxTrainingRows   training uses at most this many of the most recent occurrences
 * @param pageBudgetPerDay  at most this many pages a day (0: no budget); when it asks for a higher threshold
 *                          than the recall target, the budget wins and the statement says which recall it implies
 */
@ConfigurationProperties("watchkeeper.ranking")
public record RankingConfig(@Bindable(defaultValue = "0.95") double recallTarget,
                            @Bindable(defaultValue = "200000") int maxTrainingRows,
                            @Bindable(defaultValue = "0") double pageBudgetPerDay) {

    public RankingConfig {
        if (!(recallTarget > 0 && recallTarget <= 1)) {
            throw new IllegalArgumentException("watchkeeper.ranking.recall-target: must be in (0, 1], was " + recallTarget);
        }
        if (maxTrainingRows < 1000) {
            throw new IllegalArgumentException("watchkeeper.ranking.max-training-rows: must be at least 1000");
        }
        if (!(pageBudgetPerDay >= 0 && pageBudgetPerDay <= 100_000)) {
            throw new IllegalArgumentException("watchkeeper.ranking.page-budget-per-day: must be between 0 (no budget) "
                    + "and 100000, was " + pageBudgetPerDay);
        }
    }

    public Trainer.Options trainerOptions() {
        Trainer.Options d = Trainer.Options.defaults();
        return new Trainer.Options(recallTarget, maxTrainingRows, d.labelWaitMillis(), d.holdoutShare(), d.ntrees(),
                d.maxDepth(), d.maxNodes(), d.nodeSize(), d.shrinkage(), d.subsample(), d.seed(), d.kinds(), d.refit(), d.gbtMaxRows(),
                pageBudgetPerDay);
    }
}
