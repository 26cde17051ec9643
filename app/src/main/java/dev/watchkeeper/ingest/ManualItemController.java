package dev.watchkeeper.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.auth.Caller;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.TriageService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code POST /api/items}: a manual item, something a person noticed (a user complaint).
 * Body: {@code {"text": "...", "service": "ranker", "severity": "warning", "link": "..."}}; the person is the
 * token's ({@code by}, if sent, must name them).
 */
@Controller("/api/items")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ManualItemController {

    private final TriageService triage;

    public ManualItemController(TriageService triage) {
        this.triage = triage;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Item> add(Caller caller, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String text = r.text(root, "", "text", true);
        String by = caller.actor(root, r);
        String service = r.text(root, "", "service", false);
        String severity = r.text(root, "", "severity", false);
        String link = r.text(root, "", "link", false);
        r.throwIfAny();
        return HttpResponse.created(triage.addManual(text, by, "http", service, severity, link));
    }
}
