package dev.watchkeeper.http;

import dev.watchkeeper.core.Bounds;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.db.Unavailable;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every answer that no domain handler shaped: framework errors (404, 405, bad path or query parameters,
 * malformed requests) in our {@link ApiError} shape; storage failures as 503 with {@code Retry-After}; anything
 * else as a 500 that names a reference to the server log and never an internal message.
 */
public final class FallbackErrors {

    /** Seconds a client is asked to wait after a storage failure. */
    public static final int RETRY_AFTER_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(FallbackErrors.class);

    private FallbackErrors() {
    }

    /** Micronaut's own error answers (routing, binding, conversion) in our shape. */
    @Singleton
    @Replaces(ErrorResponseProcessor.class)
    public static class ApiErrorResponses implements ErrorResponseProcessor<ApiError> {
        @Override
        public MutableHttpResponse<ApiError> processResponse(ErrorContext ctx, MutableHttpResponse<?> response) {
            int code = response.code();
            ApiError body;
            if (code >= 500) {
                body = internal(ctx.getRootCause().orElse(null), ctx.getRequest());
            } else {
                List<FieldError> errors = new ArrayList<>();
                for (Error e : ctx.getErrors()) {
                    if (errors.size() >= Bounds.MOST_ERRORS_LISTED) {
                        break;
                    }
                    errors.add(new FieldError(Bounds.cut(e.getPath().orElse(where(code)), 200),
                            Bounds.cut(e.getMessage(), 300)));
                }
                body = new ApiError(sentence(code, ctx.getRequest()), errors);
            }
            return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
        }

        private static String where(int code) {
            return code == 404 || code == 405 ? "path" : "request";
        }

        private static String sentence(int code, HttpRequest<?> request) {
            String target = request.getMethodName() + " " + Bounds.cut(request.getPath(), 200);
            return switch (code) {
                case 404 -> "not found: " + target;
                case 405 -> "method not allowed: " + target;
                case 406 -> "not acceptable: " + target;
                case 413 -> "request too large";
                case 415 -> "unsupported Content-Type";
                default -> HttpStatus.valueOf(code).getReason().toLowerCase(java.util.Locale.ROOT) + ": " + target;
            };
        }
    }

    /** The last resort: storage failures (503) and bugs (500); and a bogus charset (415). */
    @Produces
    @Singleton
    @Requires(classes = {ExceptionHandler.class})
    public static class Unexpected implements ExceptionHandler<Throwable, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, Throwable e) {
            return answer(request, e);
        }
    }

    /** The answer for an exception no domain handler took. */
    public static HttpResponse<ApiError> answer(HttpRequest<?> request, Throwable e) {
        String unavailable = Unavailable.reason(e);
        if (unavailable != null) {
            LOG.warn("{} {}: storage unavailable: {}", request.getMethodName(), request.getPath(), unavailable);
            return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
                    .body(new ApiError("service unavailable: " + unavailable + "; nothing was stored, retry in "
                            + RETRY_AFTER_SECONDS + " s", List.of(new FieldError("database", unavailable))));
        }
        String charset = badCharset(e);
        if (charset != null) {
            return HttpResponse.<ApiError>status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .body(new ApiError("unsupported Content-Type: send application/json; charset=utf-8",
                            List.of(new FieldError("Content-Type", "names an unknown charset '"
                                    + Bounds.cut(charset, 100) + "'"))));
        }
        return HttpResponse.<ApiError>status(HttpStatus.INTERNAL_SERVER_ERROR).body(internal(e, request));
    }

    private static String badCharset(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnsupportedCharsetException u) {
                return u.getCharsetName();
            }
            if (c instanceof IllegalCharsetNameException i) {
                return i.getCharsetName();
            }
        }
        return null;
    }

    static ApiError internal(Throwable e, HttpRequest<?> request) {
        String ref = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("internal error {} on {} {}", ref, request.getMethodName(), request.getPath(), e);
        return ApiError.of("internal error (reference " + ref + " in the server log)");
    }
}
