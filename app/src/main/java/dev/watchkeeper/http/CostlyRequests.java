package dev.watchkeeper.http;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.OptionalLong;

/**
 * A rate limit on requests that cost much work or storage (drafting reports, drawing charts, reloading
 * playbooks): {@code watchkeeper.http.costly-per-minute} per kind of request, with bursts of
 * {@code watchkeeper.http.costly-burst}. Over it: 429 with {@code Retry-After}.
 */
@Singleton
public class CostlyRequests {

    /** The kinds of costly request, each with its own bucket. */
    public enum Kind { REPORT_DRAFT, REPORT_CHART, PLAYBOOK_RELOAD }

    private final RateLimiter limiter;

    public CostlyRequests(@Value("${watchkeeper.http.costly-per-minute:60}") double perMinute,
                          @Value("${watchkeeper.http.costly-burst:20}") long burst, Clock clock) {
        this.limiter = new RateLimiter(perMinute / 60.0, burst, clock);
    }

    /** Takes one request of {@code kind}, or throws a 429 saying when to retry. */
    public void take(Kind kind) {
        OptionalLong wait = limiter.tryAcquire(kind.ordinal());
        if (wait.isPresent()) {
            throw new RateLimitedException(wait.getAsLong(), "too many " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + " requests; retry after " + wait.getAsLong() + " s");
        }
    }
}
