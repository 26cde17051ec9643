package dev.watchkeeper.triage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The stale rule: an item acknowledged, whose alerts all resolved at the source, and that nobody touched
 * (no action, no change from its alerts: updated_at) for {@code after} is closed as resolved-by-source.
 *
 * @param after      how long untouched; 0 turns the rule off
 * @param checkEvery how often the server applies the rule
 */
@ConfigurationProperties("watchkeeper.triage.stale")
public record StaleConfig(@Bindable(defaultValue = "3d") Duration after,
                          @Bindable(defaultValue = "15m") Duration checkEvery) {
}
