package dev.watchkeeper.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (an integration, a kind of costly request): {@code burst} requests at once, refilled at
 * {@code perSecond}. Time comes from the injected clock, so tests control refills.
 */
public class RateLimiter {

    private final Map<Integer, Bucket> buckets = new ConcurrentHashMap<>();
    private final double perSecond;
    private final long burst;
    private final TimeMeter time;

    /** Buckets of {@code burst} requests refilled at {@code perSecond} (0: no limit), keyed by any int. */
    public RateLimiter(double perSecond, long burst, Clock clock) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Takes one request from the integration's bucket; empty when allowed, else the seconds to wait. */
    public OptionalLong tryAcquire(int integrationId) {
        if (perSecond <= 0) {
            return OptionalLong.empty();
        }
        Bucket bucket = buckets.computeIfAbsent(integrationId, id -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        long nanos = probe.getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    private Bucket newBucket() {
        // Refill one token every 1/rate seconds, so fractional rates (0.5/s) work too.
        long nanosPerToken = Math.max(1, Math.round(1_000_000_000d / perSecond));
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(1, Duration.ofNanos(nanosPerToken)))
                .withCustomTimePrecision(time)
                .build();
    }
}
