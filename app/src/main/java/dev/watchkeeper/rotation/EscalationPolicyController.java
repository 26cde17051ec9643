package dev.watchkeeper.rotation;

import dev.watchkeeper.auth.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.Json;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * A rotation's escalation policy over HTTP. The acting person is the API token's (members of the
 * rotation and admins may change it).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class EscalationPolicyController {

    /** The policy as JSON: the timeout in minutes, whether it is the rotation's own, the extra rounds, a sentence. */
    public record View(String rotation, long escalateAfterMinutes, boolean ownTimeout, int repeats, String text) {
        static View of(EscalationPolicies.Policy p) {
            return new View(p.rotation(), p.escalateAfter().toMinutes(), p.ownTimeout(), p.repeats(), p.text());
        }
    }

    private final EscalationPolicies policies;

    public EscalationPolicyController(EscalationPolicies policies) {
        this.policies = policies;
    }

    @Get("/api/rotations/{name}/escalation-policy")
    public View show(@PathVariable String name) {
        return View.of(policies.policy(name));
    }

    /** Body {@code {"escalateAfter": "10m", "repeats": 2}}; absent fields stay as they are. */
    @Post("/api/rotations/{name}/escalation-policy")
    @Consumes(MediaType.APPLICATION_JSON)
    public View set(Caller caller, @PathVariable String name, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String by = caller.actor(root, r);
        String after = r.text(root, "", "escalateAfter", false, 20);
        Integer repeats = null;
        JsonNode rep = root.get("repeats");
        if (rep != null && !rep.isNull()) {
            if (rep.canConvertToInt() && rep.isIntegralNumber()) {
                repeats = rep.asInt();
            } else {
                r.fail("repeats", "must be a whole number from 0 to " + EscalationPolicies.MAX_REPEATS);
            }
        }
        r.throwIfAny();
        return View.of(policies.setPolicy(name, after, repeats, by));
    }
}
