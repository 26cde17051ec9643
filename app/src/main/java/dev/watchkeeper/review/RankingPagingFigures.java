package dev.watchkeeper.review;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.review.ReviewStore;
import dev.watchkeeper.ranking.PagingQuality;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * The week's paging figures as ranking measures them ({@link PagingQuality}, the same figures as
 * {@code model show} and {@code GET /api/ranking/quality}): the items first scored in the week, the paging the
 * live model versions applied beside the per-alert-name rate policy of the same versions on the same items,
 * items decided by severity while no model was live apart, each judged by the first decision people took.
 * The review adds only pages per shift and at night (22:00–07:00 in the review's zone).
 */
@Singleton
public class RankingPagingFigures implements PagingFigures {

    private final PagingQuality quality;
    private final Database db;
    private final ReviewStore store;
    private final ReviewConfig config;

    public RankingPagingFigures(PagingQuality quality, Database db, ReviewStore store, ReviewConfig config) {
        this.quality = quality;
        this.db = db;
        this.store = store;
        this.config = config;
    }

    @Override
    public Review.PagingQuality of(Week week) {
        PagingQuality.Report r = quality.measure(week.start(), week.end(), week.zone());
        Review.Policy model = policy("model" + (r.models().isEmpty() ? "" : " (" + String.join(", ", r.models()) + ")"),
                r.modelPolicy());
        Review.Policy byName = policy("alert-name rate, same items", r.alertNameRate());
        Review.Policy bySeverity = r.bySeverity().items() == 0 ? null
                : policy("by severity (no live model)", r.bySeverity());
        var live = db.read(store::liveModel);
        String note = r.modelPolicy().items() == 0 && r.bySeverity().items() == 0
                ? "No alert was scored through the live alert path this week (imported history carries no paging"
                + " record), so there are no paging figures."
                : null;
        return new Review.PagingQuality(model, byName, bySeverity,
                live.map(m -> m.kind() + " #" + m.id() + " (threshold " + String.format(Locale.ROOT, "%.2f",
                        m.threshold()) + ")").orElse("none: the heuristic scorer serves"),
                live.map(ReviewStore.LiveModel::liveSince).orElse(null), note);
    }

    private Review.Policy policy(String name, PagingQuality.Figures f) {
        return new Review.Policy(name, f.items(), f.decided(), f.paged(), f.caught(), f.acted(), f.caught(),
                Double.isNaN(f.noiseKeptQuiet()) ? null : f.noiseKeptQuiet(), perShift(f.paged()), f.nightPages());
    }

    private double perShift(int pages) {
        return Math.round(pages * config.shiftDays() / 7.0 * 10) / 10.0;
    }
}
