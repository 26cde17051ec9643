package dev.watchkeeper.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the running server, taken from its router (so a new endpoint is walked without editing this test):
 * the management API refuses an anonymous, unknown or revoked caller with 401, a member on an admin-only endpoint with
 * 403, and lets a valid token through; web pages send an anonymous browser to the sign-in page; the few open
 * endpoints are listed here by name.
 */
class ApiAuthHttpTest {

    /** Endpoints that answer without an API token, each with its own scheme (or none, by design). */
    static final Set<String> OPEN = Set.of(
            "GET /health", "GET /metrics",                              // probes and Prometheus scrapes
            "POST /slack/events",                                       // Slack's request signature
            "POST /ingest/alertmanager{/token}", "POST /ingest/grafana{/token}", "POST /ingest/generic{/token}",
            "POST /v2/enqueue", "POST /api/alerts",                     // integration tokens
            "GET /calendar/rotation/{file}", "GET /calendar/person/{file}", // secret links
            "GET /signin", "POST /signin", "POST /signout");            // signing in to the web pages

    /** Web pages: a signed-in session (or a Bearer token). */
    static final Pattern WEB = Pattern.compile("/(review|playbooks)(/.*)?");

    /** Only admins: token management, playbook reload, creating rotations. */
    static final Set<String> ADMIN_ONLY = Set.of("POST /api/tokens", "POST /api/playbooks/reload", "POST /api/rotations");
    /** Routes about one person (filled in here with someone else): a member is refused by the domain, an admin is not. */
    static final Set<String> SELF_OR_ADMIN = Set.of("POST /api/people/{handle}/contacts");

    @TempDir
    Path dir;
    TestApp app;
    final HttpClient client = HttpClient.newBuilder().build();

    @BeforeEach
    void start() {
        app = TestApp.start(dir, Map.of("watchkeeper.admins", "root"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    record Route(String method, String template) {
        String key() {
            return method + " " + template;
        }

        /** A path for the template: ids that name nothing, so a request reaches its handler but changes nothing. */
        String path() {
            return template.replaceAll("\\{/[^}]+}", "").replace("{file}", "nothing.ics").replace("{name}", "nope")
                    .replace("{handle}", "nobody").replace("{tag}", "nothing").replaceAll("\\{[^}]+}", "999999");
        }
    }

    List<Route> routes() {
        List<Route> out = new ArrayList<>();
        app.bean(Router.class).uriRoutes().forEach((UriRouteInfo<?, ?> r) -> {
            if (r.getHttpMethod() != HttpMethod.HEAD && r.getHttpMethod() != HttpMethod.OPTIONS) {
                out.add(new Route(r.getHttpMethodName(), r.getUriMatchTemplate().toString()));
            }
        });
        out.sort(java.util.Comparator.comparing(Route::key));
        return out;
    }

    HttpResponse<String> send(Route r, String token) throws Exception {
        return send(r.method(), r.path(), token);
    }

    HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url()).resolve(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (method.equals("GET") || method.equals("DELETE")) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", path.startsWith("/review") || path.startsWith("/sign") ? "application/x-www-form-urlencoded"
                    : "application/json").method(method, HttpRequest.BodyPublishers.ofString(path.startsWith("/api") ? "{}" : ""));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRouteRefusesAnonymousAndWrongRoleCallersAndLetsAValidTokenThrough() throws Exception {
        String member = app.newToken("mia", "member");
        String admin = app.newToken("ada", "admin");
        String revoked = app.newToken("rex", "admin");
        int revokedId = app.bean(ApiTokenService.class).authenticate(revoked).orElseThrow().tokenId();
        app.bean(ApiTokenService.class).revoke(revokedId);

        List<Route> routes = routes();
        Set<String> seen = new TreeSet<>();
        int api = 0;
        int web = 0;
        for (Route r : routes) {
            if (!seen.add(r.key())) {
                continue; // the router may list a route more than once
            }
            if (OPEN.contains(r.key())) {
                continue;
            }
            if (WEB.matcher(r.template()).matches()) {
                web++;
                HttpResponse<String> anon = send(r, null);
                assertEquals(303, anon.statusCode(), r.key() + " anonymous: " + anon.body());
                assertTrue(anon.headers().firstValue("Location").orElse("").startsWith("/signin?next="), r.key());
                assertEquals(401, send(r, "wk_not-a-token").statusCode(), r.key() + " with an unknown token");
                int ok = send(r, member).statusCode();
                assertTrue(ok != 401 && ok != 403 && ok < 500, r.key() + " as a member: " + ok);
                continue;
            }
            assertTrue(r.template().startsWith("/api/"), r.key() + " is neither open, a web page nor under /api: "
                    + "add it to ApiAuthFilter's reach, or to OPEN here with its own scheme");
            api++;
            for (String bad : new String[]{null, "", "wk_not-a-token", revoked}) {
                HttpResponse<String> x = send(r, bad);
                assertEquals(401, x.statusCode(), r.key() + " with " + (bad == null ? "no token" : "token '" + bad + "'")
                        + ": " + x.body());
                JsonNode body = dev.watchkeeper.core.Json.parse(x.body());
                assertTrue(body.get("error").asText().startsWith("authentication required"), x.body());
                assertEquals("Authorization", body.get("errors").get(0).get("field").asText(), x.body());
                assertTrue(x.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), r.key());
            }
            HttpResponse<String> asMember = send(r, member);
            HttpResponse<String> asAdmin = send(r, admin);
            if (ADMIN_ONLY.contains(r.key()) || SELF_OR_ADMIN.contains(r.key())) {
                assertEquals(403, asMember.statusCode(), r.key() + " as a member: " + asMember.body());
                assertTrue(asMember.body().contains(ADMIN_ONLY.contains(r.key()) ? "only admins may" : "and the admins may"),
                        asMember.body());
            } else {
                assertTrue(asMember.statusCode() != 401 && asMember.statusCode() != 403 && asMember.statusCode() < 500,
                        r.key() + " as a member: " + asMember.statusCode() + " " + asMember.body());
            }
            assertTrue(asAdmin.statusCode() != 401 && asAdmin.statusCode() != 403 && asAdmin.statusCode() < 500,
                    r.key() + " as an admin: " + asAdmin.statusCode() + " " + asAdmin.body());
        }
        System.out.printf("[auth] walked %d routes: %d under /api (401 x4, member and admin), %d web pages, %d open%n",
                seen.size(), api, web, seen.size() - api - web);
        assertTrue(seen.containsAll(OPEN), "every open endpoint exists: " + seen);
        assertTrue(seen.containsAll(ADMIN_ONLY), "every admin-only endpoint exists");
        assertTrue(api >= 45, "the walk covered " + api + " API routes");
        assertTrue(web >= 4, "the walk covered " + web + " web routes");
    }

    @Test
    void aValidTokenReadsAndItsPersonActs() throws Exception {
        TestHttp alice = app.http().as("alice");
        assertEquals(200, alice.get("/api/queue").status());
        JsonNode me = alice.get("/api/me").json();
        assertEquals("alice", me.get("handle").asText());
        assertEquals("member", me.get("role").asText());

        // A manual item and an action without any "by": the token's person.
        TestHttp.Response created = alice.postJson("/api/items", "{\"text\": \"users see errors\"}");
        assertEquals(201, created.status(), created.body());
        int id = created.json().get("id").asInt();
        TestHttp.Response acked = alice.postJson("/api/items/" + id + "/actions", "{\"action\": \"ack\"}");
        assertEquals(200, acked.status(), acked.body());
        var actions = app.bean(dev.watchkeeper.triage.TriageService.class).item(id).actions();
        assertEquals("alice", actions.getLast().actor());
        assertEquals("http", actions.getLast().surface());

        // A body naming the same person is fine; naming someone else is refused, naming the field.
        assertEquals(200, alice.postJson("/api/items/" + id + "/actions", "{\"action\": \"note\", \"by\": \"alice\", \"note\": \"n\"}").status());
        TestHttp.Response claim = alice.postJson("/api/items/" + id + "/actions", "{\"action\": \"ack\", \"by\": \"bob\"}");
        assertEquals(400, claim.status());
        assertEquals("by", claim.json().get("errors").get(0).get("field").asText());
        assertTrue(claim.json().get("errors").get(0).get("problem").asText().contains("alice"), claim.body());
        assertEquals(400, alice.postJson("/api/notes", "{\"target\": \"X\", \"text\": \"t\", \"as\": \"bob\"}").status());
        assertEquals(400, alice.delete("/api/rotations/nope/members/alice?by=bob").status());
        assertEquals(400, alice.postJson("/api/reports/incident", "{\"item\": " + id + ", \"by\": \"root\"}").status());
        assertEquals("alice", actions.getLast().actor(), "nothing recorded as bob");

        // A note and a tag: recorded as alice too.
        TestHttp.Response note = alice.postJson("/api/notes", "{\"target\": \"FeatureNullRateHigh\", \"text\": \"check the join\"}");
        assertEquals(201, note.status(), note.body());
        assertTrue(note.body().contains("alice"), note.body());
        assertEquals(200, alice.postJson("/api/items/" + id + "/tags", "{\"tag\": \"customer-x\"}").status());
        assertEquals("alice", app.bean(dev.watchkeeper.triage.TriageService.class).item(id).actions().getLast().actor());
    }

    @Test
    void adminsAreTheAdminTokensAndTheConfiguredAdmins() {
        // root is in watchkeeper.admins: an admin with any token.
        TestHttp root = app.http().as("root");
        assertEquals("admin", root.get("/api/me").json().get("role").asText());
        assertEquals(200, root.postJson("/api/playbooks/reload", "").status());
        assertEquals(403, app.http().as("mia").postJson("/api/playbooks/reload", "").status());

        // An admin token makes its person an admin of every rotation too (RotationSettings.isAdmin).
        assertFalse(app.bean(dev.watchkeeper.rotation.RotationSettings.class).isAdmin("carol"));
        String carol = app.newToken("carol", "admin");
        assertTrue(app.bean(dev.watchkeeper.rotation.RotationSettings.class).isAdmin("carol"));
        TestHttp.Response r = app.http().postJson("/api/rotations", """
                {"name": "ml", "members": ["alice", "bob"], "zone": "UTC", "handoffDay": "monday", "handoffTime": "09:00"}""",
                "Authorization", "Bearer " + carol);
        assertEquals(201, r.status(), r.body());
        r = app.http().postJson("/api/rotations/ml/overrides",
                "{\"person\": \"dave\", \"from\": \"2026-03-03\", \"to\": \"2026-03-04\"}", "Authorization", "Bearer " + carol);
        assertEquals(201, r.status(), "an admin overrides a rotation they are not in: " + r.body());
        TestHttp.Response mallory = app.http().as("mallory").postJson("/api/rotations/ml/overrides",
                "{\"person\": \"mallory\", \"from\": \"2026-03-03\", \"to\": \"2026-03-04\"}");
        assertEquals(403, mallory.status(), "a member who is not in the rotation: " + mallory.body());
        // Revoked, the admin token no longer makes carol an admin.
        app.bean(ApiTokenService.class).revoke(app.bean(ApiTokenService.class).authenticate(carol).orElseThrow().tokenId());
        assertFalse(app.bean(dev.watchkeeper.rotation.RotationSettings.class).isAdmin("carol"));
    }

    @Test
    void adminsManageTokensOverHttpAndSecretsAreShownOnce() {
        TestHttp admin = app.http().as(TestHttp.DEFAULT_PERSON);
        TestHttp.Response created = admin.postJson("/api/tokens", "{\"person\": \"dave\", \"role\": \"member\", \"label\": \"laptop\"}");
        assertEquals(201, created.status(), created.body());
        String secret = created.json().get("secret").asText();
        assertTrue(secret.startsWith("wk_") && secret.length() >= 40, secret);
        int id = created.json().get("token").get("id").asInt();
        assertEquals("operator", created.json().get("token").get("createdBy").asText());
        assertEquals(secret.substring(0, 9), created.json().get("token").get("tokenHint").asText());

        // Only its SHA-256 is stored.
        TestHttp dave = app.http().anonymous();
        assertEquals("dave", dave.get("/api/me", "Authorization", "Bearer " + secret).json().get("handle").asText());
        assertFalse(admin.get("/api/tokens").body().contains(secret), "a list never shows a secret");
        String stored = app.bean(dev.watchkeeper.db.Database.class).read(dsl -> dsl.fetch("SELECT * FROM api_token").formatCSV());
        assertFalse(stored.contains(secret), stored);
        assertTrue(stored.contains(ApiTokenService.sha256(secret)), stored);
        // Last use is recorded.
        assertTrue(admin.get("/api/tokens").json().findValues("lastUsedAt").stream().anyMatch(n -> !n.isNull()));

        // A member lists only their own tokens and cannot create any; bad input names the field.
        TestHttp.Response list = dave.get("/api/tokens", "Authorization", "Bearer " + secret);
        assertEquals(1, list.json().size(), list.body());
        assertEquals(403, dave.postJson("/api/tokens", "{\"person\": \"dave\", \"role\": \"admin\"}", "Authorization", "Bearer " + secret).status());
        TestHttp.Response bad = admin.postJson("/api/tokens", "{\"person\": \"d a v e\", \"role\": \"owner\"}");
        assertEquals(400, bad.status());
        assertEquals("[person, role]", bad.json().get("errors").findValuesAsText("field").toString());

        // Someone else's token: only admins revoke it; its own person may.
        assertEquals(403, app.http().as("mia").delete("/api/tokens/" + id).status());
        assertEquals(200, dave.delete("/api/tokens/" + id, "Authorization", "Bearer " + secret).status());
        assertEquals(401, dave.get("/api/me", "Authorization", "Bearer " + secret).status(), "revoked at once");
    }

    @Test
    void theWebPagesSignInWithATokenIntoAStrictHttpOnlyCookie() throws Exception {
        String token = app.newToken("erin", "member");
        HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        URI base = URI.create(app.url());
        HttpResponse<String> wrong = noRedirects.send(HttpRequest.newBuilder(base.resolve("/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=wk_nope&next=%2Freview")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("unknown or revoked"));

        HttpResponse<String> in = noRedirects.send(HttpRequest.newBuilder(base.resolve("/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&next=%2Fplaybooks")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, in.statusCode());
        assertEquals("/playbooks", in.headers().firstValue("Location").orElseThrow());
        String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith("wk_session=" + token), setCookie);
        assertTrue(setCookie.toLowerCase(java.util.Locale.ROOT).contains("httponly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"), setCookie);
        String cookie = "wk_session=" + token;

        // The cookie opens the pages and API reads, never API changes.
        assertEquals(200, get(noRedirects, "/playbooks", cookie).statusCode());
        assertEquals(200, get(noRedirects, "/review", cookie).statusCode());
        assertEquals(200, get(noRedirects, "/api/review", cookie).statusCode());
        HttpResponse<String> change = noRedirects.send(HttpRequest.newBuilder(base.resolve("/api/items"))
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, change.statusCode());
        // A form posted from another site is refused even with the cookie (were SameSite not honoured).
        HttpResponse<String> foreign = noRedirects.send(HttpRequest.newBuilder(base.resolve("/review/decide"))
                .header("Cookie", cookie).header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("decision=close-stale")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, foreign.statusCode());

        // next never leaves the server.
        assertEquals("/review", SignInController.safeNext("//evil.example/x"));
        assertEquals("/review", SignInController.safeNext("https://evil.example"));
        assertEquals("/review?week=2026-W10", SignInController.safeNext("/review?week=2026-W10"));

        // Signing out clears the cookie.
        HttpResponse<String> out = noRedirects.send(HttpRequest.newBuilder(base.resolve("/signout")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(""))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, out.statusCode(), out.body());
        assertTrue(out.headers().firstValue("Set-Cookie").orElse("").matches("wk_session=;.*Max-Age=0.*"),
                out.headers().firstValue("Set-Cookie").orElse(""));

        // Revoking the token ends the session.
        app.bean(ApiTokenService.class).revoke(app.bean(ApiTokenService.class).authenticate(token).orElseThrow().tokenId());
        HttpResponse<String> after = get(noRedirects, "/review", cookie);
        assertEquals(303, after.statusCode());
        assertNotEquals(-1, after.headers().firstValue("Set-Cookie").orElse("").indexOf("Max-Age=0"));
    }

    private HttpResponse<String> get(HttpClient c, String path, String cookie) throws Exception {
        return c.send(HttpRequest.newBuilder(URI.create(app.url()).resolve(path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
