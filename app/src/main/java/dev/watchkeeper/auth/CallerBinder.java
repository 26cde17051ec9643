package dev.watchkeeper.auth;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Gives controllers the authenticated {@link Caller}; a route that takes one without a filter in front answers 401. */
@Singleton
public class CallerBinder implements TypedRequestArgumentBinder<Caller> {

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Optional<Caller> caller = source.getAttribute(Credentials.ATTRIBUTE, Caller.class);
        if (caller.isEmpty()) {
            throw new UnauthenticatedException("this endpoint needs a signed-in caller");
        }
        return () -> caller;
    }
}
