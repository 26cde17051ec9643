package dev.watchkeeper.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The web pages (the review page and the playbook pages) need a signed-in person: the session cookie set by
 * {@code /signin}, or an {@code Authorization: Bearer} token for scripts. Without one a browser is sent to the
 * sign-in page and back.
 */
@ServerFilter({"/review", "/review/**", "/playbooks", "/playbooks/**"})
public class WebAuthFilter {

    private final ApiTokenService tokens;

    public WebAuthFilter(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        String bearer = Credentials.bearer(request);
        String token = bearer != null ? bearer : Credentials.cookie(request);
        Optional<Caller> caller = token == null ? Optional.empty() : tokens.authenticate(token);
        if (caller.isPresent()) {
            request.setAttribute(Credentials.ATTRIBUTE, caller.get());
            return null;
        }
        if (bearer != null) {
            return Credentials.unauthorized("the API token is unknown or revoked");
        }
        String next = "GET".equals(request.getMethodName()) ? request.getUri().toString() : "/review";
        var response = HttpResponse.seeOther(URI.create("/signin?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
        if (token != null) {
            // A cookie whose token was revoked: forget it.
            response.cookie(Cookie.of(Credentials.COOKIE, "").path("/").maxAge(0).httpOnly(true));
        }
        return response;
    }
}
