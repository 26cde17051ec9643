package dev.watchkeeper.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Signing in to the web pages with an API token: {@code GET /signin} shows a form, {@code POST /signin} checks the
 * token and sets the session cookie ({@code wk_session}: the token itself, HttpOnly, SameSite=Strict, Secure when
 * {@code watchkeeper.base-url} is https, for {@code watchkeeper.web.session-max-age}); {@code POST /signout} clears it.
 * Revoking the token ends every session made with it.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class SignInController {

    private final ApiTokenService tokens;
    private final Duration maxAge;
    private final boolean secure;

    public SignInController(ApiTokenService tokens,
                            @Value("${watchkeeper.web.session-max-age:12h}") Duration maxAge,
                            @Nullable @Value("${watchkeeper.base-url:}") String baseUrl) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("watchkeeper.web.session-max-age: must be positive, was " + maxAge);
        }
        this.tokens = tokens;
        this.maxAge = maxAge;
        this.secure = baseUrl != null && baseUrl.strip().toLowerCase(java.util.Locale.ROOT).startsWith("https:");
    }

    @Get("/signin")
    @Produces(MediaType.TEXT_HTML)
    public String form(@Nullable @QueryValue String next, @Nullable @QueryValue String error) {
        return page(safeNext(next), error);
    }

    @Post("/signin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> signIn(HttpRequest<?> request, @Nullable String token, @Nullable String next) {
        String to = safeNext(next);
        if (!sameOrigin(request)) {
            return HttpResponse.status(io.micronaut.http.HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_HTML_TYPE)
                    .body(page(to, "sign in from this server's own page"));
        }
        Optional<Caller> caller = token == null ? Optional.empty() : tokens.authenticate(token.strip());
        if (caller.isEmpty()) {
            return HttpResponse.status(io.micronaut.http.HttpStatus.UNAUTHORIZED).contentType(MediaType.TEXT_HTML_TYPE)
                    .body(page(to, "that token is unknown or revoked"));
        }
        return HttpResponse.seeOther(URI.create(to)).cookie(Cookie.of(Credentials.COOKIE, token.strip())
                .path("/").httpOnly(true).sameSite(SameSite.Strict).secure(secure).maxAge(maxAge));
    }

    @Post("/signout")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<?> signOut() {
        return HttpResponse.seeOther(URI.create("/signin")).cookie(Cookie.of(Credentials.COOKIE, "")
                .path("/").httpOnly(true).sameSite(SameSite.Strict).secure(secure).maxAge(0));
    }

    /** Only a path on this server: never another site ({@code //evil}, {@code https://...}). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.length() > 500 || next.chars().anyMatch(c -> c < 0x20)) {
            return "/review";
        }
        return next;
    }

    /** A browser names the page a form was sent from (Origin); it must be this server. Clients without one pass. */
    public static boolean sameOrigin(HttpRequest<?> request) {
        String origin = request.getHeaders().get("Origin");
        if (origin == null || origin.isBlank()) {
            return true;
        }
        String host = request.getHeaders().get("Host");
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host != null && (authority.equalsIgnoreCase(host) || o.getHost().equalsIgnoreCase(host));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static String page(String next, String error) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in · Watchkeeper</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}"
                + "input[type=password]{width:100%;padding:.4rem}.error{color:#a00}</style></head><body>"
                + "<h1>Sign in to Watchkeeper</h1>"
                + (error == null ? "" : "<p class=\"error\" id=\"error\">" + esc(error) + "</p>")
                + "<form method=\"post\" action=\"/signin\"><p><label for=\"token\">Your API token</label><br>"
                + "<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" required></p>"
                + "<input type=\"hidden\" name=\"next\" value=\"" + esc(next) + "\">"
                + "<p><button type=\"submit\" id=\"signin\">Sign in</button></p></form>"
                + "<p>No token? Ask an admin, or on the server run <code>./watchkeeper token create YOUR-HANDLE</code>.</p>"
                + "</body></html>";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
