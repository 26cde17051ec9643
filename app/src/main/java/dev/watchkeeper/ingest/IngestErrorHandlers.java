package dev.watchkeeper.ingest;

import dev.watchkeeper.http.RateLimitedException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.http.ApiError;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.UnsupportedMediaException;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * 401, 403, 413, 415 and 429 answers as JSON in our {@link ApiError} shape. 413 and 415 are raised by Micronaut
 * for any endpoint, some before routing; on {@code /v2/enqueue} they answer in PagerDuty's error shape, as the
 * endpoint's own rejections do, so PagerDuty clients can read them.
 */
public final class IngestErrorHandlers {

    private IngestErrorHandlers() {
    }

    static boolean isEventsV2(HttpRequest<?> request) {
        return request.getPath().startsWith("/v2/enqueue");
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
    @Requires(classes = {WrongTokenKindException.class, ExceptionHandler.class})
    public static class WrongKind implements ExceptionHandler<WrongTokenKindException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, WrongTokenKindException e) {
            return HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN)
                    .body(new ApiError(e.getMessage(), List.of(new FieldError("token", e.problem()))));
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

    /** 413: the body is over {@code micronaut.server.max-request-size}. */
    @Produces
    @Singleton
    @Replaces(ContentLengthExceededHandler.class)
    @Requires(classes = {ContentLengthExceededException.class, ExceptionHandler.class})
    public static class TooLarge implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {

        private final long limit;

        public TooLarge(HttpServerConfiguration server) {
            this.limit = server.getMaxRequestSize();
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException e) {
            long length = request.getHeaders().contentLength().orElse(-1);
            String problem = (length > 0 ? "is " + length + " bytes, over" : "is over") + " the limit of " + limit
                    + " bytes (" + readable(limit) + ")";
            Object body = isEventsV2(request)
                    ? new EventsV2Controller.Rejected("invalid event", "Event object is too large",
                    List.of("'body' " + problem))
                    : new ApiError("request body too large: at most " + readable(limit) + " is accepted",
                    List.of(new FieldError("body", problem)));
            return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(body);
        }

        private static String readable(long bytes) {
            if (bytes % (1024 * 1024) == 0) {
                return bytes / (1024 * 1024) + " MiB";
            }
            return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
        }
    }

    /** 415: the {@code Content-Type} is not one the endpoint reads. */
    @Produces
    @Singleton
    @Requires(classes = {UnsupportedMediaException.class, ExceptionHandler.class})
    public static class UnsupportedMedia implements ExceptionHandler<UnsupportedMediaException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, UnsupportedMediaException e) {
            String sent = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
            String accepted = String.join(", ", e.getAcceptableContentTypes());
            String problem = "must be " + accepted + "; was " + (sent == null ? "missing" : "'" + sent + "'");
            Object body = isEventsV2(request)
                    ? new EventsV2Controller.Rejected("invalid event", "Content-Type is not supported",
                    List.of("'Content-Type' " + problem))
                    : new ApiError("unsupported Content-Type: send " + accepted,
                    List.of(new FieldError("Content-Type", problem)));
            return HttpResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(body);
        }
    }
}
