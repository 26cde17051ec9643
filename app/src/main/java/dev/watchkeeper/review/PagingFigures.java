package dev.watchkeeper.review;

/**
 * Paging quality for a week: the policy in force (the model, with its guardrails) beside the per-alert-name-rate
 * policy. The review asks only this interface, so a richer source (per-item paging accounting) can replace
 * the figures without touching the review; {@link RankingPagingFigures} reads ranking's own ({@code PagingQuality}).
 */
public interface PagingFigures {

    Review.PagingQuality of(Week week);
}
