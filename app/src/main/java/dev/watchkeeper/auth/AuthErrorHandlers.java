package dev.watchkeeper.auth;

import dev.watchkeeper.http.ApiError;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 401 in the {@link ApiError} shape. */
@Produces
@Singleton
@Requires(classes = {UnauthenticatedException.class, ExceptionHandler.class})
public class AuthErrorHandlers implements ExceptionHandler<UnauthenticatedException, HttpResponse<ApiError>> {
    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, UnauthenticatedException e) {
        return Credentials.unauthorized(e.getMessage());
    }
}
