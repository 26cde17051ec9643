package dev.watchkeeper.triage;

/**
 * The probability that an item will need action, and why, in plain words.
 *
 * @param model which scorer produced it (a model version such as {@code gbt-7}, or {@code fallback})
 */
public record Score(double probability, String reason, String model) {
}
