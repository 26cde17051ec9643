package dev.watchkeeper.ingest;

import dev.watchkeeper.db.ingest.IngestStore;
import dev.watchkeeper.db.ingest.IntegrationStore;
import dev.watchkeeper.http.RateLimiter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The ingest package's stores and its rate limit. */
@Factory
public class IngestFactory {

    @Singleton
    IntegrationStore integrationStore() {
        return new IntegrationStore();
    }

    @Singleton
    IngestStore ingestStore() {
        return new IngestStore();
    }

    /** A token bucket per integration: {@code rate-limit-burst} requests at once, refilled at {@code rate-limit-per-second}. */
    @Singleton
    RateLimiter integrationRateLimiter(IngestConfig config, Clock clock) {
        return new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst(), clock);
    }
}
