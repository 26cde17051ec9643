package dev.watchkeeper.ranking;

import dev.watchkeeper.db.ranking.RankingStore;
import dev.watchkeeper.triage.NoiseHint;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
public class RankingFactory {

    @Singleton
    RankingStore rankingStore() {
        return new RankingStore();
    }

    @Singleton
    Features features(NoiseHint noise) {
        return new Features(noise);
    }
}
