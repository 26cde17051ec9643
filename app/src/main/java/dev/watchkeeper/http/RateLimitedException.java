package dev.watchkeeper.http;

/** An integration sent more than its rate limit allows (HTTP 429 with {@code Retry-After}). */
public class RateLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    public RateLimitedException(String integration, long retryAfterSeconds) {
        super("integration '" + integration + "' is over its rate limit; retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Any caller over a limit, with the whole sentence to answer. */
    public RateLimitedException(long retryAfterSeconds, String message) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
