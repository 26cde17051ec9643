package dev.watchkeeper.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.auth.Caller;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.TagService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.View;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The review over HTTP: the page for the meeting ({@code GET /review}, decisions as form posts to
 * {@code POST /review/decide}, the chart at {@code /review/chart.png}), JSON ({@code GET /api/review}), Markdown
 * ({@code GET /api/review/review.md}), decisions ({@code POST /api/review/decisions}), export
 * ({@code GET /api/review/export}) and tags ({@code /api/items/{id}/tags}).
 *
 * <p>Every decision is recorded as the signed-in person: the page's session cookie or the API token ({@link Caller}).
 * No form field or body names the actor.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReviewController {

    private final ReviewService reviews;
    private final ReviewDecisions decisions;
    private final ReviewExport export;
    private final TagService tags;
    private final ReviewConfig config;

    public ReviewController(ReviewService reviews, ReviewDecisions decisions, ReviewExport export, TagService tags,
                            ReviewConfig config) {
        this.reviews = reviews;
        this.decisions = decisions;
        this.export = export;
        this.tags = tags;
        this.config = config;
    }

    @Get("/review")
    @Produces(MediaType.TEXT_HTML)
    @View("review")
    public Map<String, Object> page(Caller caller, @Nullable @QueryValue String week, @Nullable @QueryValue String done,
                                    @Nullable @QueryValue String error) {
        Week w = reviews.week(week);
        Review r = reviews.review(w);
        Map<String, Object> model = new HashMap<>();
        model.put("review", Json.MAPPER.convertValue(r, Map.class));
        model.put("markdownUrl", "/api/review/review.md?week=" + w.id());
        model.put("chartUrl", "/review/chart.png?week=" + w.id());
        model.put("previousWeek", w.minus(1).id());
        model.put("nextWeek", w.plus(1).monday().isAfter(Week.containing(reviews.now(), w.zone()).monday()) ? null
                : w.plus(1).id());
        model.put("operator", caller.handle());
        model.put("done", done);
        model.put("error", error);
        Map<String, Integer> tagCounts = tags.counts();
        model.put("tagsInUse", List.copyOf(tagCounts.keySet()));
        model.put("tagCounts", tagCounts);
        model.put("decided", r.decided().stream().map(d -> Map.of("at", ReviewMarkdown.time(d.at(), r.zone()),
                "actor", d.actor(), "surface", d.surface(), "what", d.what())).toList());
        model.put("liveSince", r.paging().liveSince() == null ? null : ReviewMarkdown.time(r.paging().liveSince(), r.zone()));
        return model;
    }

    /** A button on the page. Answers 303 back to the page, saying what was done or what was wrong. */
    @Post("/review/decide")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> decide(io.micronaut.http.HttpRequest<?> request, Caller caller, @Nullable String decision,
                                  @Nullable Integer item, @Nullable String week, @Nullable String assignee,
                                  @Nullable String until, @Nullable String tag, @Nullable String alertname) {
        if (!dev.watchkeeper.auth.SignInController.sameOrigin(request)) {
            // A form on another site must not take decisions in the team's name.
            throw new dev.watchkeeper.core.ForbiddenException("decisions are taken from the review page itself;"
                    + " this request came from " + request.getHeaders().get("Origin"));
        }
        String back = "/review" + (week == null || week.isBlank() ? "?" : "?week=" + enc(week) + "&");
        try {
            String done = decisions.decide(new ReviewDecisions.Request(decision, item, week, assignee, until, tag,
                    alertname), caller.handle(), "web");
            return HttpResponse.seeOther(URI.create(back + "done=" + enc(done)));
        } catch (BadInputException e) {
            String msg = e.errors().stream().map(f -> f.field() + ": " + f.problem()).reduce((a, b) -> a + "; " + b).orElse("");
            return HttpResponse.seeOther(URI.create(back + "error=" + enc(msg)));
        } catch (dev.watchkeeper.core.NotFoundException e) {
            return HttpResponse.seeOther(URI.create(back + "error=" + enc(e.getMessage())));
        }
    }

    @Get(value = "/review/chart.png", produces = "image/png")
    public byte[] chart(@Nullable @QueryValue String week) {
        return reviews.chart(reviews.week(week));
    }

    @Get(value = "/api/review", produces = MediaType.APPLICATION_JSON)
    public String json(@Nullable @QueryValue String week) {
        return Json.write(reviews.review(reviews.week(week)));
    }

    @Get(value = "/api/review/review.md", produces = "text/markdown; charset=utf-8")
    public String markdown(@Nullable @QueryValue String week) {
        Week w = reviews.week(week);
        return ReviewMarkdown.render(reviews.review(w), "/review/chart.png?week=" + w.id());
    }

    /** Body: {@code {"decision": "tag", "item": 42, "tag": "customer-x"}} (fields as on the page). */
    @Post(value = "/api/review/decisions", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public String decideJson(Caller caller, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String kind = r.text(root, "", "decision", true);
        r.throwIfAny();
        Integer item = root.hasNonNull("item") && root.get("item").canConvertToInt() ? root.get("item").asInt() : null;
        String done = decisions.decide(new ReviewDecisions.Request(kind, item, text(root, "week"),
                text(root, "assignee"), text(root, "until"), text(root, "tag"), text(root, "alertname")),
                caller.actor(root), "http");
        return Json.write(Map.of("done", done));
    }

    /** The items of a tag or a cluster ({@code label=value}, in the week's items) as CSV or JSON lines. */
    @Get("/api/review/export")
    public HttpResponse<String> export(@Nullable @QueryValue String tag, @Nullable @QueryValue String cluster,
                                       @Nullable @QueryValue String week, @Nullable @QueryValue String format) {
        ReviewExport.Format f = ReviewExport.Format.parse(format);
        String out = export.export(tag, cluster, week, f);
        String name = "review-" + (tag != null ? "tag-" + TagService.normalise(tag) : "cluster") + "." + f.extension();
        return HttpResponse.ok(out).contentType(f.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    @Post(value = "/api/items/{id}/tags", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public String tag(Caller caller, @PathVariable int id, @Body String body) {
        JsonNode root = Json.parseObject(body);
        FieldReader r = new FieldReader();
        String tag = r.text(root, "", "tag", true);
        r.throwIfAny();
        return Json.write(Map.of("item", id, "tags", tags.tag(id, tag, caller.actor(root), "http")));
    }

    @Delete(value = "/api/items/{id}/tags/{tag}", produces = MediaType.APPLICATION_JSON)
    public String untag(Caller caller, @PathVariable int id, @PathVariable String tag) {
        return Json.write(Map.of("item", id, "tags", tags.untag(id, tag, caller.handle(), "http")));
    }

    /** The items carrying a tag, newest first: the queue filtered by tag ({@code limit} 1 to 1,000, default 100). */
    @Get(value = "/api/tags/{tag}/items", produces = MediaType.APPLICATION_JSON)
    public String tagged(@PathVariable String tag, @Nullable @QueryValue Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 1000) {
            throw new BadInputException("limit", "must be between 1 and 1000, was " + n);
        }
        List<Item> items = tags.itemsTagged(tag, n);
        var tagsOf = tags.tagsOf(items.stream().map(Item::id).toList());
        return Json.write(items.stream().map(i -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("id", i.id());
            m.put("title", i.title());
            m.put("state", i.state());
            m.put("severity", i.severity());
            m.put("score", i.score());
            m.put("assignee", i.assignee());
            m.put("createdAt", i.createdAt());
            m.put("tags", tagsOf.getOrDefault(i.id(), List.of()));
            return m;
        }).toList());
    }

    @Get(value = "/api/tags", produces = MediaType.APPLICATION_JSON)
    public String tagCounts() {
        return Json.write(tags.counts());
    }

    private static String text(JsonNode root, String field) {
        return root.hasNonNull(field) ? root.get(field).asText() : null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
