package dev.watchkeeper.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.auth.Caller;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.report.ReportRow;
import dev.watchkeeper.http.CostlyRequests;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports over HTTP: draft ({@code POST /api/reports/shift}, {@code POST /api/reports/incident}), read
 * ({@code GET /api/reports}, {@code /api/reports/{id}}, {@code /api/reports/{id}/report.md},
 * {@code /api/reports/{id}/chart.png}), edit ({@code PUT /api/reports/{id}/text}) and publish
 * ({@code POST /api/reports/{id}/publish}). The acting person is the API token's; a body's {@code by}, if sent,
 * must name them.
 */
@Controller("/api/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportController {

    private final ReportService reports;
    private final CostlyRequests costly;

    public ReportController(ReportService reports, CostlyRequests costly) {
        this.reports = reports;
        this.costly = costly;
    }

    /** Newest first; {@code ?limit=} (default 20, at most 100) and {@code ?offset=} page through the rest. */
    @Get
    public List<ReportRow> list(@Nullable @QueryValue String kind, @Nullable @QueryValue String state,
                                @Nullable @QueryValue String limit, @Nullable @QueryValue String offset) {
        FieldReader r = new FieldReader();
        int lim = whole(r, "limit", limit, 20);
        int off = whole(r, "offset", offset, 0);
        r.throwIfAny();
        return reports.list(kind, state, lim, off);
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

    /**
     * Body: {@code {"from": "...Z", "to": "...Z", "rotation": "ml", "primary": "alice",
     * "shadows": ["bob"]}}. Without from and to: the last shift of the rotation (the last seven days).
     */
    @Post("/shift")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<ReportRow> shift(Caller caller, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String by = caller.actor(root, r);
        Instant from = r.instant(root, "", "from", false);
        Instant to = r.instant(root, "", "to", false);
        String rotation = r.text(root, "", "rotation", false);
        String primary = r.text(root, "", "primary", false);
        List<String> shadows = new ArrayList<>();
        JsonNode s = root.get("shadows");
        if (s != null && !s.isNull()) {
            if (!s.isArray()) {
                r.fail("shadows", "must be an array of handles");
            } else {
                for (int i = 0; i < s.size(); i++) {
                    if (!s.get(i).isTextual() || s.get(i).asText().isBlank()) {
                        r.fail("shadows[" + i + "]", "must be a handle (a non-empty string)");
                    } else {
                        shadows.add(s.get(i).asText());
                    }
                }
            }
        }
        if ((from == null) != (to == null) && r.ok()) {
            r.fail(from == null ? "from" : "to", "give both from and to, or neither for the last shift");
        }
        r.throwIfAny();
        costly.take(CostlyRequests.Kind.REPORT_DRAFT);
        ShiftWindow w = from == null ? reports.lastShift(rotation, by) : new ShiftWindow(rotation, from, to, null, List.of());
        w = new ShiftWindow(w.rotation(), w.start(), w.end(), primary != null ? primary : w.primary(),
                shadows.isEmpty() ? w.shadows() : shadows);
        return HttpResponse.created(reports.draftShift(w, by));
    }

    /** Body: {@code {"item": 42}}. */
    @Post("/incident")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<ReportRow> incident(Caller caller, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String by = caller.actor(root, r);
        JsonNode item = root.get("item");
        if (item == null || item.isNull()) {
            r.fail("item", "is required: the id of the item");
        } else if (!item.canConvertToInt() || !item.isIntegralNumber()) {
            r.fail("item", "must be an item id (a whole number), was " + FieldReader.kind(item));
        }
        r.throwIfAny();
        costly.take(CostlyRequests.Kind.REPORT_DRAFT);
        return HttpResponse.created(reports.draftIncident(item.asInt(), by));
    }

    @Get("/{id}")
    public ReportRow get(@PathVariable int id) {
        return reports.get(id);
    }

    /** The report's Markdown as a download. */
    @Get(value = "/{id}/report.md", produces = "text/markdown; charset=utf-8")
    public HttpResponse<String> markdown(@PathVariable int id) {
        ReportRow r = reports.get(id);
        return HttpResponse.ok(r.body()).header("Content-Disposition",
                "attachment; filename=\"watchkeeper-" + r.kind() + "-report-" + r.id() + ".md\"");
    }

    @Get(value = "/{id}/chart.png", produces = "image/png")
    public HttpResponse<byte[]> chart(@PathVariable int id) {
        costly.take(CostlyRequests.Kind.REPORT_CHART);
        return HttpResponse.ok(reports.chart(id)).contentType("image/png");
    }

    /** Body: {@code {"text": "# ..."}}. Only drafts can be edited. */
    @Put("/{id}/text")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReportRow edit(Caller caller, @PathVariable int id, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String text = r.text(root, "", "text", true);
        String by = caller.actor(root, r);
        r.throwIfAny();
        return reports.edit(id, text, by);
    }

    /** Publishes a draft as the token's person. */
    @Post("/{id}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReportRow publish(Caller caller, @PathVariable int id, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String by = caller.actor(root, r);
        r.throwIfAny();
        return reports.publish(id, by);
    }
}
