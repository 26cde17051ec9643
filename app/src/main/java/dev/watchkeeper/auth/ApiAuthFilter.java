package dev.watchkeeper.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Optional;

/**
 * Every {@code /api/...} request needs {@code Authorization: Bearer <API token>}: missing, unknown and revoked
 * tokens are answered 401 before any controller runs. The one exception is {@code POST /api/alerts}, an ingest
 * endpoint that admits senders by their integration token. The web pages' session cookie opens only reads
 * ({@code GET}, so the review page's JSON and Markdown links work); a change always needs the header, so no other
 * site can act on the API through a signed-in browser.
 */
@ServerFilter("/api/**")
public class ApiAuthFilter {

    /** Paths under /api that are ingest endpoints with their own integration tokens. */
    static final String INGEST = "/api/alerts";

    private final ApiTokenService tokens;

    public ApiAuthFilter(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.equals(INGEST) || path.equals(INGEST + "/")) {
            return null;
        }
        String token = Credentials.bearer(request);
        if (token == null && ("GET".equals(request.getMethodName()) || "HEAD".equals(request.getMethodName()))) {
            token = Credentials.cookie(request);
        }
        if (token == null || token.isEmpty()) {
            return Credentials.unauthorized("send 'Authorization: Bearer <token>' with an API token"
                    + " (create one: ./watchkeeper token create HANDLE)");
        }
        Optional<Caller> caller = tokens.authenticate(token);
        if (caller.isEmpty()) {
            return Credentials.unauthorized("the API token is unknown or revoked");
        }
        request.setAttribute(Credentials.ATTRIBUTE, caller.get());
        return null;
    }
}
