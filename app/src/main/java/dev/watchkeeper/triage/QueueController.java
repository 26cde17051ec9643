package dev.watchkeeper.triage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.auth.Caller;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.triage.QueueFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The queue over HTTP: {@code GET /api/queue}, {@code GET /api/items/{id}}, {@code POST /api/items/{id}/actions}. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class QueueController {

    private static final List<String> STATES = Arrays.stream(ItemState.values()).map(ItemState::wire).toList();

    private final TriageService triage;

    public QueueController(TriageService triage) {
        this.triage = triage;
    }

    /**
     * @param state    comma-separated states, or {@code all} (default: open,acknowledged)
     * @param snoozed  {@code true} only snoozed, {@code false} hide snoozed (default), {@code any}
     * @param tag      only items with this tag
     */
    @Get("/queue")
    public QueuePage queue(@Nullable @QueryValue String state, @Nullable @QueryValue String lane,
                           @Nullable @QueryValue String service, @Nullable @QueryValue String assignee,
                           @Nullable @QueryValue String text, @Nullable @QueryValue String snoozed,
                           @Nullable @QueryValue String limit, @Nullable @QueryValue String offset,
                           @Nullable @QueryValue String tag) {
        FieldReader r = new FieldReader();
        List<String> states = QueueFilter.ACTIVE;
        if (state != null && !state.isBlank()) {
            states = "all".equals(state) ? STATES : Arrays.stream(state.split(",")).map(String::trim).toList();
            for (String s : states) {
                if (!STATES.contains(s)) {
                    r.fail("state", "must be 'all' or a comma-separated list of " + STATES + "; '" + s + "' is not one");
                }
            }
        }
        Boolean snoozedFilter = false;
        if (snoozed != null) {
            switch (snoozed) {
                case "true" -> snoozedFilter = true;
                case "false" -> snoozedFilter = false;
                case "any" -> snoozedFilter = null;
                default -> r.fail("snoozed", "must be true, false or any");
            }
        }
        int lim = intParam(r, "limit", limit, 50, 1, 1000);
        int off = intParam(r, "offset", offset, 0, 0, Integer.MAX_VALUE);
        if (tag != null && tag.length() > 40) {
            r.fail("tag", "must be at most 40 characters");
        }
        r.throwIfAny();
        return triage.queue(new QueueFilter(states, lane, service, assignee, text, snoozedFilter, triage.now(), lim, off,
                tag == null || tag.isBlank() ? null : tag.strip()));
    }

    @Get("/items/{id}")
    public ItemDetail item(@PathVariable int id) {
        return triage.item(id);
    }

    /**
     * Body: {@code {"action": "ack", "note": "...", "until": "2026-...Z", "assignee": "bob"}}; the actor is the
     * token's person ({@code by}, if sent, must name them).
     */
    @Post("/items/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Item act(Caller caller, @PathVariable int id, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String action = r.text(root, "", "action", false);
        String by = caller.actor(root, r);
        String note = r.text(root, "", "note", false);
        Instant until = r.instant(root, "", "until", false);
        String assignee = r.text(root, "", "assignee", false);
        // The action's name is read here, once; what it names is checked with the rest of the request below.
        ActionKind kind = ActionKind.forAct(action).orElse(null);
        ActionRequest request = new ActionRequest(kind, by, "http", note, until, assignee);
        // One answer with every problem: what could not be read, then what the request lacks (one per field).
        List<FieldError> errors = new ArrayList<>(r.errors());
        if (kind == null && action != null && errors.stream().noneMatch(seen -> seen.field().equals("action"))) {
            errors.add(ActionKind.problem("action", action));
        }
        for (FieldError e : triage.problems(request)) {
            if (errors.stream().noneMatch(seen -> seen.field().equals(e.field()))) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        return triage.act(id, request);
    }

    private static int intParam(FieldReader r, String name, String raw, int dflt, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) {
                r.fail(name, "must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            r.fail(name, "must be a whole number, was '" + raw + "'");
            return dflt;
        }
    }
}
