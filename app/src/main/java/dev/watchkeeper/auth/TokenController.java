package dev.watchkeeper.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.ForbiddenException;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.auth.ApiTokenRow;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/me} (who this token is), and token management: {@code GET /api/tokens},
 * {@code POST /api/tokens} (admins), {@code DELETE /api/tokens/{id}} (admins, or the token's own person).
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TokenController {

    private final ApiTokenService tokens;

    public TokenController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @Get("/me")
    public Map<String, Object> me(Caller caller) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("handle", caller.handle());
        m.put("role", caller.role().id());
        m.put("token", caller.tokenId());
        return m;
    }

    /** Admins see every token; a member sees their own. Secrets are never shown again. */
    @Get("/tokens")
    public List<ApiTokenRow> list(Caller caller) {
        return tokens.list().stream().filter(t -> caller.isAdmin() || t.handle().equals(caller.handle())).toList();
    }

    /** Body: {@code {"person": "alice", "role": "member", "label": "laptop"}}; answers the secret, once. */
    @Post("/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> create(Caller caller, @Body String body) {
        caller.requireAdmin("create API tokens");
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String person = r.text(root, "", "person", true);
        String role = r.text(root, "", "role", false);
        String label = r.text(root, "", "label", false);
        r.throwIfAny();
        ApiTokenService.Created c = tokens.create(person, role, label, caller.handle());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", c.token());
        m.put("secret", c.secret());
        return HttpResponse.created(m);
    }

    @Delete("/tokens/{id}")
    public ApiTokenRow revoke(Caller caller, @PathVariable int id) {
        ApiTokenRow t = tokens.find(id).orElseThrow(() -> new NotFoundException("token " + id + " does not exist"));
        if (!caller.isAdmin() && !t.handle().equals(caller.handle())) {
            throw new ForbiddenException(caller.handle() + " may not revoke token " + id
                    + ": only its own person and admins may");
        }
        return tokens.revoke(id);
    }
}
