package dev.watchkeeper.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.slack.ReviewSlackBlocks;
import dev.watchkeeper.slack.ReviewSlackPost;
import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.SlackRequests;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.StaleRule;
import dev.watchkeeper.triage.TriageService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review of a recorded week: figures, suggestions, clusters, ordering, and decisions through Slack and HTTP. */
class ReviewWeekTest {

    static final String SECRET = "review-secret";

    @TempDir
    Path dir;
    FakeSlack fake;
    TestApp app;
    RecordedWeek week;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        Map<String, Object> props = new java.util.HashMap<>(fake.appProperties(SECRET));
        props.put("watchkeeper.playbooks.dir", dir.resolve("playbooks").toString());
        props.put("watchkeeper.review.slack", "C_REVIEW=TUESDAY 08:00 UTC, C_LATE=WEDNESDAY 10:00 Europe/Berlin");
        app = TestApp.start(dir, props);
        week = new RecordedWeek(app);
    }

    @AfterEach
    void stop() {
        app.close();
        fake.close();
    }

    @Test
    void figuresSuggestionsClustersAndOrdering() {
        ReviewService reviews = app.bean(ReviewService.class);
        Review r = reviews.review(reviews.week(null));
        assertEquals(RecordedWeek.WEEK, r.week());

        // A, D and E are open at the end of the week; B, C, D, E are new; B and C closed; D acknowledged.
        assertEquals(3, r.health().open());
        assertEquals(4, r.health().created());
        assertEquals(2, r.health().closed());
        assertEquals(1, r.health().acknowledgedNeverClosed());
        assertEquals(List.of(week.a), r.health().staleItems());
        assertEquals(week.a, r.health().oldestItem());
        assertEquals(12, r.health().oldestDays());
        assertEquals(1, r.previous().open());
        assertEquals(1, r.previous().created());
        assertEquals(0, r.previous().stale());

        // Noisiest by volume; DiskNoise was never acted on.
        assertEquals(List.of("DiskNoise", "FeatureNullRateHigh", "TrainingJobFailed"),
                r.noisiest().stream().map(Review.NoisyName::alertname).toList());
        Review.NoisyName disk = r.noisiest().getFirst();
        assertEquals(5, disk.volume());
        assertEquals(0.8, disk.usualVolume()); // 3 in the four weeks before, per week, to one decimal
        assertEquals("up", disk.trend());
        assertEquals("acted on 0 of 8 times in 30 days — tune the rule, retire it, or mark it known noise in its playbook",
                disk.suggestion());
        Review.NoisyName nulls = r.noisiest().get(1);
        assertEquals(3, nulls.fired());
        assertEquals(2, nulls.acted());
        assertTrue(nulls.suggestion().startsWith("acted on 2 of 3 times in 30 days (67%) — a real signal"), nulls.suggestion());

        // The null-rate alert is acted on where it never was: a possible new failure mode.
        assertEquals(List.of("FeatureNullRateHigh"), r.rising().stream().map(Review.RisingName::alertname).toList());
        // Three items share feature=user_age (team=ml too); no other label value reaches three items.
        assertEquals(List.of("feature=user_age", "team=ml"), r.clusters().stream().map(Review.Cluster::key).toList());
        assertEquals(List.of(week.b, week.c, week.d), r.clusters().getFirst().itemIds());

        // Paging quality is ranking's own figures (PagingQuality) for the items first scored in the week: no model is
        // live, so B, C, D and E (A was first scored the week before) were decided by severity; B and C acted on, D
        // acknowledged; only what severity pages (E, critical) was paged, at 15:00, not at night.
        Review.PagingQuality q = r.paging();
        assertEquals(0, q.model().items());
        Review.Policy sev = q.bySeverity();
        assertEquals(4, sev.items());
        assertEquals(3, sev.decided());
        assertEquals(2, sev.acted());
        int paged = 0;
        int pagedAtNight = 0;
        for (int id : List.of(week.b, week.c, week.d, week.e)) {
            JsonNode item = app.http().get("/api/items/" + id).json().get("item");
            if (!item.get("pagedAt").isNull()) {
                paged++;
                int h = java.time.Instant.parse(item.get("pagedAt").asText()).atZone(java.time.ZoneOffset.UTC).getHour();
                pagedAtNight += h >= 22 || h < 7 ? 1 : 0;
            }
        }
        assertTrue(paged >= 1, "E is critical: severity pages it");
        assertEquals(paged, sev.paged());
        assertEquals(pagedAtNight, sev.night());
        assertEquals(0, sev.actedPaged()); // B and C are warnings: severity left them quiet
        assertEquals(1.0, sev.noiseKeptQuiet(), 1e-9); // D, acknowledged, was not paged
        assertEquals(List.of(q.model(), q.byName(), sev), q.rows());
        // The same figures as model show and GET /api/ranking/quality for the same window.
        Week w = reviews.week(null);
        dev.watchkeeper.ranking.PagingQuality.Figures f = app.bean(dev.watchkeeper.ranking.PagingQuality.class)
                .measure(w.start(), w.end(), w.zone()).bySeverity();
        assertEquals(List.of(f.items(), f.decided(), f.acted(), f.paged(), f.caught(), f.nightPages()),
                List.of(sev.items(), sev.decided(), sev.acted(), sev.paged(), sev.actedPaged(), sev.night()));
        // Items to discuss: the open queue, highest ranked first.
        assertEquals(3, r.discuss().size());
        assertTrue(r.discuss().stream().map(Review.DiscussItem::id).toList().containsAll(List.of(week.a, week.d, week.e)));

        String md = ReviewMarkdown.render(r);
        assertTrue(md.contains("| open at the end of the week | 3 | 1 |"), md);
        assertTrue(md.contains("`feature=user_age`: 3 items (FeatureNullRateHigh)"), md);
        assertTrue(md.contains("| by severity (no live model) | 4 | " + paged + " | 0 (0%) | 0 of 2 (0%) | 100% |"), md);
        // The web page shows the same rows (the model row has no items: n/a).
        String html = app.http().get("/review?week=" + RecordedWeek.WEEK).body();
        assertTrue(html.contains("<td>by severity (no live model)</td><td class=\"n\">4</td>") && html.contains("n/a")
                && html.contains(">100%</td>"), html);
    }

    @Test
    void theTemplateFilterRunsOnTheReviewPageOnly() {
        // The page is rendered from its template (above); Micronaut's own filter for that, which matches every path,
        // is replaced by one on /review, so other requests (ingestion's above all) do not pass through it.
        var definition = app.context().getBeanDefinition(io.micronaut.views.ViewsFilter.class);
        assertEquals(ReviewViewsFilter.class, definition.getBeanType());
        assertEquals(List.of("/review"), List.of(definition.stringValues(io.micronaut.http.annotation.Filter.class)));
        assertEquals(1, app.context().getBeansOfType(io.micronaut.views.ViewsFilter.class).size());
        TestHttp.Response page = app.http().get("/review?week=" + RecordedWeek.WEEK);
        assertEquals(200, page.status(), page.body());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
    }

    @Test
    void jsonApiMarkdownExportAndBadInput() {
        TestHttp.Response r = app.http().get("/api/review?week=2026-W10");
        assertEquals(200, r.status(), r.body());
        assertEquals(3, r.json().get("health").get("open").asInt());
        assertEquals("DiskNoise", r.json().get("noisiest").get(0).get("alertname").asText());

        r = app.http().get("/api/review?week=2026-W99");
        assertEquals(400, r.status(), r.body());
        assertEquals("week", r.json().get("errors").get(0).get("field").asText());
        r = app.http().get("/api/review?week=2027-W01");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("future"), r.body());

        r = app.http().get("/api/review/export?cluster=feature%3Duser_age&week=2026-W10&format=csv");
        assertEquals(200, r.status(), r.body());
        List<String> lines = r.body().lines().toList();
        assertEquals(4, lines.size(), r.body());
        assertTrue(lines.getFirst().startsWith("id,title,service"), lines.getFirst());

        r = app.http().postJson("/api/items/" + week.d + "/tags", "{\"tag\": \"Customer-X\"}");
        assertEquals(200, r.status(), r.body());
        r = app.http().get("/api/review/export?tag=customer-x&format=jsonl");
        assertEquals(200, r.status(), r.body());
        JsonNode line = Json.parse(r.body().lines().findFirst().orElseThrow());
        assertEquals(week.d, line.get("id").asInt());
        assertEquals("customer-x", line.get("tags").get(0).asText());
        r = app.http().get("/api/tags/customer-x/items");
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().size());
        assertEquals(week.d, r.json().get(0).get("id").asInt());
        var tagAction = app.bean(TriageService.class).item(week.d).actions().getLast();
        assertEquals("tag", tagAction.kind());
        assertEquals("operator", tagAction.actor());
        assertEquals("http", tagAction.surface());
        r = app.http().postJson("/api/items/" + week.d + "/tags", "{\"tag\": \"no spaces allowed\"}");
        assertEquals(400, r.status(), r.body());
        assertEquals("tag", r.json().get("errors").get(0).get("field").asText());
    }

    @Test
    void pageFormsAndTheDecisionApi() throws Exception {
        // A form posted from another site is refused and records nothing.
        TestHttp.Response r = app.http().post("/review/decide", "application/x-www-form-urlencoded",
                "decision=close&item=" + week.e, "Origin", "http://elsewhere.example");
        assertEquals(403, r.status(), r.body());
        assertEquals("open", app.bean(TriageService.class).item(week.e).item().state().wire());

        // The page's own form: 303 back to the page, saying what was done.
        r = app.http().post("/review/decide", "application/x-www-form-urlencoded",
                "decision=assign&item=" + week.e + "&assignee=dana&week=2026-W10");
        assertEquals(303, r.status(), r.body());
        assertTrue(r.header("Location").startsWith("/review?week=2026-W10&done=Assigned"), r.header("Location"));
        var assigned = app.bean(TriageService.class).item(week.e);
        assertEquals("dana", assigned.item().assignee());
        assertEquals("operator", assigned.actions().getLast().actor());
        assertEquals("web", assigned.actions().getLast().surface());
        // Bad input comes back to the page as an error naming the field.
        r = app.http().post("/review/decide", "application/x-www-form-urlencoded", "decision=snooze&item=" + week.e
                + "&until=forever");
        assertEquals(303, r.status(), r.body());
        assertTrue(java.net.URLDecoder.decode(r.header("Location"), java.nio.charset.StandardCharsets.UTF_8)
                .contains("error=until: must be one of 1d, 1w, 2w"), r.header("Location"));

        // Known noise: the decision, a note, and the playbook draft in the playbooks folder for review in git.
        r = app.http().postJson("/api/review/decisions", "{\"decision\": \"known-noise\", \"alertname\": \"DiskNoise\"}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("done").asText().contains("DiskNoise.md"), r.body());
        String playbook = java.nio.file.Files.readString(dir.resolve("playbooks").resolve("DiskNoise.md"));
        assertTrue(playbook.startsWith("---\nalerts:\n  - DiskNoise\n---"), playbook);
        assertTrue(playbook.contains("Known noise, decided in the weekly review of 2026-W10 (acted on 0 of 8 times"), playbook);
        ReviewService reviews = app.bean(ReviewService.class);
        assertEquals("known_noise", reviews.review(reviews.week(null)).noisiest().getFirst().decision());
        r = app.http().postJson("/api/review/decisions", "{\"decision\": \"retire\"}");
        assertEquals(400, r.status(), r.body());
        assertEquals("decision", r.json().get("errors").get(0).get("field").asText());
    }

    @Test
    void decisionsThroughSignedSlackRequestsAndTheCommand() {
        SlackRequests slack = new SlackRequests(app, SECRET, fake);
        TestHttp.Response r = slack.command("/triage", "review", "UCAROL", "carol");
        assertEquals(200, r.status(), r.body());
        assertEquals("in_channel", r.json().get("response_type").asText());
        String blocks = r.json().get("blocks").toString();
        assertTrue(blocks.contains(ReviewSlackBlocks.KEEP_PAGING) && blocks.contains("DiskNoise"), blocks);

        r = slack.blockAction(ReviewSlackBlocks.KEEP_PAGING, "DiskNoise", "b1", null, null, "UCAROL", false);
        assertEquals(200, r.status(), r.body());
        r = slack.blockAction(ReviewSlackBlocks.SNOOZE, week.e + "|1w", "review_item_" + week.e, null, null, "UCAROL", false);
        assertEquals(200, r.status(), r.body());
        r = slack.blockAction(ReviewSlackBlocks.CLOSE_STALE, RecordedWeek.WEEK, "review_stale", null, null, "UCAROL", false);
        assertEquals(200, r.status(), r.body());
        r = slack.command("/triage", "tag " + week.d + " model-v7", "UCAROL", "carol");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("text").asText().contains("model-v7"), r.body());

        TriageService triage = app.bean(TriageService.class);
        var snoozed = triage.item(week.e).actions().getLast();
        assertEquals("snooze", snoozed.kind());
        assertEquals("carol", snoozed.actor());
        assertEquals("slack", snoozed.surface());
        assertEquals(RecordedWeek.READ_AT.plus(Duration.ofDays(7)), snoozed.snoozeUntil());
        var closed = triage.item(week.a);
        assertEquals("resolved", closed.item().state().wire());
        assertEquals("close", closed.actions().getLast().kind());
        assertEquals("carol", closed.actions().getLast().actor());

        app.bean(dev.watchkeeper.slack.SlackOutbox.class).sendDue();
        assertTrue(fake.calls().stream().anyMatch(c -> c.json() != null
                && c.json().toString().contains("Kept paging DiskNoise")), fake.calls().toString());

        // A kept alert name pages whatever its score.
        r = app.http().postJson("/api/alerts", "{\"alertname\": \"DiskNoise\", \"severity\": \"info\", \"service\": \"b\"}");
        assertTrue(r.status() == 200 || r.status() == 201, r.body());
        app.bean(dev.watchkeeper.triage.AlertPipeline.class).drain();
        var kept = triage.item(r.json().get("alerts").get(0).get("itemId").asInt()).item();
        assertEquals("paged", kept.lane().wire());
        assertEquals("kept paging by carol in the weekly review", kept.laneReason());

        // This week's review shows what was decided, who decided, and through which surface.
        ReviewService reviews = app.bean(ReviewService.class);
        Review now = reviews.review(reviews.week("current"));
        List<String> decided = now.decided().stream().map(d -> d.actor() + "/" + d.surface() + ": " + d.what()).toList();
        assertTrue(decided.contains("carol/slack: kept paging DiskNoise"), decided.toString());
        assertTrue(decided.stream().anyMatch(d -> d.startsWith("carol/slack: closed #" + week.a)), decided.toString());
        assertTrue(decided.stream().anyMatch(d -> d.startsWith("carol/slack: tagged #" + week.d) && d.endsWith("model-v7")),
                decided.toString());
        assertEquals("keep_paging", now.noisiest().isEmpty() ? "keep_paging"
                : reviews.review(reviews.week(null)).noisiest().getFirst().decision());
    }

    @Test
    void scheduledPostGoesOutOnceWithItsChart() throws Exception {
        ReviewSlackPost posts = app.bean(ReviewSlackPost.class);
        // Tue 10 Mar 09:00 UTC: C_REVIEW's Tuesday 08:00 post is due; C_LATE's Wednesday is not.
        assertEquals(List.of("C_REVIEW"), posts.postDue());
        assertEquals(List.of(), posts.postDue());
        app.bean(dev.watchkeeper.slack.SlackOutbox.class).sendDue();
        List<FakeSlack.Call> posted = fake.calls("chat.postMessage").stream()
                .filter(c -> "C_REVIEW".equals(c.param("channel"))).toList();
        assertEquals(1, posted.size(), fake.calls().toString());
        String blocks = posted.getFirst().blocksText();
        assertTrue(blocks.contains("Weekly triage review 2026-W10"), blocks);
        assertTrue(blocks.contains(ReviewSlackBlocks.CLOSE_STALE), blocks);
        FakeSlack.Call complete = fake.calls("files.completeUploadExternal").getFirst();
        String fileId = Json.parse(complete.param("files")).get(0).get("id").asText();
        var png = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(fake.uploaded(fileId)));
        assertEquals(800, png.getWidth());
        // A week later the next Tuesday's post goes out, once.
        app.clock().advance(Duration.ofDays(7));
        assertEquals(List.of("C_REVIEW"), posts.postDue());
        // A bad schedule names the setting.
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.watchkeeper.core.BadInputException.class,
                () -> ReviewSlackPost.parse("C1=FUNDAY 10:00"));
        assertEquals("watchkeeper.review.slack", e.errors().getFirst().field());
    }

    @Test
    void cliPrintsAndSavesTheReviewAndNamesBadInput() throws Exception {
        Map<String, Object> props = Map.of("watchkeeper.playbooks.dir", dir.resolve("playbooks").toString());
        Path saved = dir.resolve("w10.md");
        dev.watchkeeper.testing.Cli.Result r = dev.watchkeeper.testing.Cli.run(props, app.dbFile(), "review", "--week",
                "2026-W10", "--out", saved.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("| open at the end of the week | 3 | 1 |"), r.out());
        assertTrue(r.out().contains("| DiskNoise | 5 | 0.8 | up | 0% | acted on 0 of 8 times in 30 days"), r.out());
        String md = java.nio.file.Files.readString(saved);
        assertTrue(md.contains("![Alerts per day, paged vs quiet](review-2026-W10.png)"), md);
        assertTrue(java.nio.file.Files.size(dir.resolve("review-2026-W10.png")) > 1000);

        r = dev.watchkeeper.testing.Cli.run(props, app.dbFile(), "review", "--week", "someday");
        assertFalse(r.exitCode() == 0);
        assertTrue(r.err().contains("week") && r.err().contains("someday"), r.err());

        r = dev.watchkeeper.testing.Cli.run(props, app.dbFile(), "review", "export", "--cluster", "feature=user_age",
                "--week", "2026-W10", "--format", "jsonl");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(3, r.out().lines().count(), r.out());
    }

    @Test
    void staleRuleClosesAcknowledgedSourceResolvedItemsWithAnActionSayingSo() {
        // D is acknowledged; its alert resolves at the source on 10 Mar, and nobody touches it for three days.
        TestHttp.Response r = app.http().postJson("/api/alerts", "{\"alertname\": \"FeatureNullRateHigh\", \"severity\":"
                + " \"warning\", \"service\": \"s3\", \"status\": \"resolved\", \"labels\": {\"feature\": \"user_age\", \"team\": \"ml\"}}");
        assertTrue(r.status() == 200 || r.status() == 201, r.body());
        StaleRule rule = app.bean(StaleRule.class);
        app.clock().advance(Duration.ofDays(2));
        assertTrue(rule.apply().isEmpty());
        app.clock().advance(Duration.ofDays(1).plusMinutes(1));
        assertEquals(List.of(week.d), rule.apply());
        var d = app.bean(TriageService.class).item(week.d);
        assertEquals("resolved", d.item().state().wire());
        var last = d.actions().getLast();
        assertEquals("close", last.kind());
        assertEquals(StaleRule.ACTOR, last.actor());
        assertEquals("rule", last.surface());
        assertTrue(last.note().contains("untouched for 3 days"), last.note());
        assertTrue(rule.apply().isEmpty());
    }

    @Test
    void anAlertFiringAgainAfterItsItemClosedLeavesTheOldItemWhole() {
        // B was acted on and closed; its alert fires again and joins a new item.
        app.clock().advance(Duration.ofHours(1));
        TestHttp.Response r = app.http().postJson("/api/alerts", "{\"alertname\": \"FeatureNullRateHigh\", \"severity\":"
                + " \"warning\", \"service\": \"s1\", \"labels\": {\"feature\": \"user_age\", \"team\": \"ml\"}}");
        assertTrue(r.status() == 200 || r.status() == 201, r.body());
        int newItem = r.json().get("alerts").get(0).get("itemId").asInt();
        assertFalse(newItem == week.b);
        var old = app.bean(TriageService.class).item(week.b);
        assertEquals(1, old.item().alertCount());
        assertEquals(1, old.alerts().size());
        assertEquals("FeatureNullRateHigh", old.alerts().getFirst().alertname());
        assertEquals(1, app.bean(TriageService.class).item(newItem).alerts().size());
    }
}
