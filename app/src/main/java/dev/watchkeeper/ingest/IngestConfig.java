package dev.watchkeeper.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code watchkeeper.ingest.*}.
 *
 * @param requireToken         also require an integration token on {@code POST /api/alerts}
 * @param keepResolvedVisible  an item whose alerts all resolved stays in the queue until a person acts on it;
 *                             when false it is resolved automatically
 * @param rateLimitPerSecond   requests per second each integration token may send (0: no limit)
 * @param rateLimitBurst       requests a token may send at once before the rate applies
 */
@ConfigurationProperties("watchkeeper.ingest")
public record IngestConfig(
        @Bindable(defaultValue = "false") boolean requireToken,
        @Bindable(defaultValue = "true") boolean keepResolvedVisible,
        @Bindable(defaultValue = "100") double rateLimitPerSecond,
        @Bindable(defaultValue = "1000") long rateLimitBurst) {
}
