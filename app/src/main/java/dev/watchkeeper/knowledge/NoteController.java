package dev.watchkeeper.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.auth.Caller;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.knowledge.NoteRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/** Notes over HTTP: {@code POST /api/notes}, {@code GET /api/notes[?alertname=X]}. */
@Controller("/api/notes")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NoteController {

    private final KnowledgeService knowledge;

    public NoteController(KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    /** Body: {@code {"target": "FeatureNullRateHigh" | "42", "text": "..."}}; the author is the token's person. */
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<KnowledgeService.NoteResult> add(Caller caller, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        JsonNode targetNode = root.get("target");
        String target = targetNode != null && targetNode.isIntegralNumber() ? targetNode.asText()
                : r.text(root, "", "target", false);
        String text = r.text(root, "", "text", false);
        String by = caller.actor(root, r);
        r.throwIfAny();
        // Missing and malformed fields are reported together by the service.
        KnowledgeService.NoteResult result = knowledge.addNote(target, text, by, "http");
        return result.merged() ? HttpResponse.ok(result) : HttpResponse.created(result);
    }

    /** Notes about one alert name, or all notes a page at a time ({@code ?limit=}, default 100, and {@code ?offset=}). */
    @Get
    public List<NoteRow> list(@Nullable @QueryValue String alertname, @Nullable @QueryValue String limit,
                              @Nullable @QueryValue String offset) {
        if (alertname != null) {
            return knowledge.notesFor(List.of(alertname));
        }
        FieldReader r = new FieldReader();
        int lim = whole(r, "limit", limit, 100);
        int off = whole(r, "offset", offset, 0);
        r.throwIfAny();
        return knowledge.page(lim, off);
    }

    private static int whole(FieldReader r, String name, String raw, int dflt) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            r.fail(name, "must be a whole number, was '" + dev.watchkeeper.core.Bounds.cut(raw, 30) + "'");
            return dflt;
        }
    }
}
