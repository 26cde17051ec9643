package dev.watchkeeper.ingest;

import dev.watchkeeper.http.ApiError;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 401 and 429 answers as JSON. */
public final class IngestErrorHandlers {

    private IngestErrorHandlers() {
    }

    @Produces
    @Singleton
    @Requires(classes = {UnauthorizedException.class, ExceptionHandler.class})
    public static class Unauthorized implements ExceptionHandler<UnauthorizedException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, UnauthorizedException e) {
            return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
                    .header("WWW-Authenticate", "Bearer")
                    .body(ApiError.of(e.getMessage()));
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {RateLimitedException.class, ExceptionHandler.class})
    public static class RateLimited implements ExceptionHandler<RateLimitedException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, RateLimitedException e) {
            return HttpResponse.<ApiError>status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                    .body(ApiError.of(e.getMessage()));
        }
    }
}
