package dev.watchkeeper.ranking;

import dev.watchkeeper.core.StatusLine;
import dev.watchkeeper.db.ranking.ModelVersionRow;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Says at start which model ranks the queue, or that the fallback does and how to train one. */
@Singleton
public class RankingStatusLine implements StatusLine {

    private final ModelRegistry registry;

    public RankingStatusLine(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String describe() {
        Optional<ModelVersionRow> live = registry.list().stream().filter(v -> "live".equals(v.state())).findFirst();
        return live.map(v -> "Ranking: model " + v.name() + " is live" + PagingStatement.fromMetrics(v.metrics())
                        .map(st -> "; it " + st.inPeopleTerms()).orElse(""))
                .orElse("Ranking: no live model yet — the per-alert-name action rate ranks the queue and severity pages;"
                        + " load history (watchkeeper history import FILE) and run watchkeeper model train");
    }

    @Override
    public int getOrder() {
        return 15;
    }
}
