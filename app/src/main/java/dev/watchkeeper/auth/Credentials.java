package dev.watchkeeper.auth;

import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.http.ApiError;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;

import java.util.List;

/** Where a request carries its credential, and the 401 answer when it carries none that is valid. */
final class Credentials {

    /** The request attribute holding the authenticated {@link Caller}. */
    static final String ATTRIBUTE = "watchkeeper.caller";
    /** The web pages' session cookie: the token itself, HttpOnly and SameSite=Strict. */
    static final String COOKIE = "wk_session";

    private Credentials() {
    }

    /** The token after {@code Authorization: Bearer}, or null. */
    static String bearer(HttpRequest<?> request) {
        String auth = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).strip();
        }
        return null;
    }

    static String cookie(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null);
    }

    static MutableHttpResponse<ApiError> unauthorized(String problem) {
        return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"watchkeeper\"")
                .body(new ApiError("authentication required: " + problem,
                        List.of(new FieldError("Authorization", problem))));
    }
}
