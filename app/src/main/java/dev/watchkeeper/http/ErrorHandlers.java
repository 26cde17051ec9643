package dev.watchkeeper.http;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.ForbiddenException;
import dev.watchkeeper.core.NotFoundException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Domain exceptions as JSON answers that say exactly what is wrong. */
public final class ErrorHandlers {

    private ErrorHandlers() {
    }

    @Produces
    @Singleton
    @Requires(classes = {BadInputException.class, ExceptionHandler.class})
    public static class BadInput implements ExceptionHandler<BadInputException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, BadInputException e) {
            return HttpResponse.badRequest(new ApiError("invalid request: " + e.getMessage(), e.errors()));
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {NotFoundException.class, ExceptionHandler.class})
    public static class NotFound implements ExceptionHandler<NotFoundException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, NotFoundException e) {
            return HttpResponse.notFound(ApiError.of(e.getMessage()));
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {ForbiddenException.class, ExceptionHandler.class})
    public static class Forbidden implements ExceptionHandler<ForbiddenException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ForbiddenException e) {
            return HttpResponse.<ApiError>status(io.micronaut.http.HttpStatus.FORBIDDEN).body(ApiError.of(e.getMessage()));
        }
    }
}
