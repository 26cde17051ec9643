package dev.watchkeeper.ingest;

/** A request without a valid integration token (HTTP 401). */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
