package dev.watchkeeper.triage;

/**
 * The probability that an item will need action, and why, in plain words.
 *
 * @param model    which scorer produced it (a model version such as {@code gbt-7}, or {@code fallback})
 * @param nameRate the per-alert-name action rate of the item's latest alert as of its start (NaN: none), so
 *                 paging accounting can tell what that simpler policy would have done on the same alert
 */
public record Score(double probability, String reason, String model, double nameRate) {

    public Score(double probability, String reason, String model) {
        this(probability, reason, model, Double.NaN);
    }
}
