package dev.watchkeeper.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.report.ShiftWindow;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path of a page through a rotation, with the test clock: page the primary and copy the
 * shadow, the shadow guesses, nobody acknowledges so it re-pages then escalates, the primary
 * decides and the shadow is told; then the shift ends and is handed off.
 */
class RotationScenarioTest {

    @TempDir
    Path dir;
    TestApp app;
    TestHttp http;
    RecordingNotifier sent;

    @BeforeEach
    void start() {
        app = TestApp.start(dir, Map.of("watchkeeper.admins", "root"));
        http = app.http();
        sent = app.bean(RecordingNotifier.class);
        // The test clock starts on Monday 2026-03-02 09:00 UTC: shift 0 of a Monday 09:00 London rotation.
        TestHttp.Response r = http.postJson("/api/rotations", """
                {"name": "ml", "members": ["alice", "bob"], "zone": "Europe/London",
                 "handoffDay": "monday", "handoffTime": "09:00", "channel": "#ml-oncall"}""");
        assertEquals(201, r.status(), r.body());
        r = http.postJson("/api/rotations/ml/members", "{\"by\": \"carol\"}");
        assertEquals(201, r.status(), r.body());
        assertEquals("shadow", r.json().get("role").asText());
        assertEquals(2, r.json().get("shadowShiftsLeft").asInt());
        sent.clear();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private int page(String alertname) {
        int id = http.postJson("/api/alerts", "{\"alertname\": \"" + alertname
                        + "\", \"service\": \"ranker\", \"severity\": \"critical\"}")
                .json().get("alerts").get(0).get("itemId").asInt();
        app.bean(AlertPipeline.class).drain();
        return id;
    }

    @Test
    void pageShadowCopyGuessEscalationAndDecision() {
        int item = page("FeatureNullRateHigh");
        assertEquals(List.of(new RecordingNotifier.Sent("page", "alice", item, sent.of("page").getFirst().text())), sent.of("page"));
        assertTrue(sent.of("page").getFirst().text().contains("FeatureNullRateHigh"));
        assertEquals(1, sent.of("shadow-copy").size());
        assertEquals("carol", sent.of("shadow-copy").getFirst().to());
        assertTrue(sent.of("shadow-copy").getFirst().text().contains("What would you do?"));
        JsonNode context = http.get("/api/items/" + item).json().get("context");
        assertEquals("On call", context.get(0).get("label").asText());
        assertEquals("ml: alice, shadows: carol — until Mon 9 Mar 2026 09:00 Europe/London", context.get(0).get("text").asText());

        TestHttp.Response g = http.postJson("/api/items/" + item + "/shadow-guess", "{\"by\": \"carol\", \"guess\": \"ack\"}");
        assertEquals(200, g.status(), g.body());
        assertEquals("ack", g.json().get("guess").asText());
        assertEquals(404, http.postJson("/api/items/" + item + "/shadow-guess", "{\"by\": \"dave\", \"guess\": \"ack\"}").status());
        TestHttp.Response bad = http.postJson("/api/items/" + item + "/shadow-guess", "{\"by\": \"carol\", \"guess\": \"panic\"}");
        assertEquals(400, bad.status());
        assertEquals("guess", bad.json().get("errors").get(0).get("field").asText());

        PagingService paging = app.bean(PagingService.class);
        app.clock().advance(Duration.ofMinutes(14));
        assertEquals(0, paging.check(), "nothing escalates before the timeout");
        app.clock().advance(Duration.ofMinutes(1));
        assertEquals(1, paging.check());
        assertEquals(List.of("alice", "alice"), sent.of("page").stream().map(RecordingNotifier.Sent::to).toList());
        assertTrue(sent.of("page").get(1).text().startsWith("Re-page"));
        assertEquals("#ml-oncall", sent.of("announce").getLast().to());
        assertTrue(sent.of("announce").getLast().text().startsWith("Re-paged alice"));

        app.clock().advance(Duration.ofMinutes(15));
        assertEquals(1, paging.check());
        assertEquals("bob", sent.of("page").getLast().to(), "then the next person in the rotation");
        assertTrue(sent.of("announce").getLast().text().startsWith("Escalated to bob"), sent.of("announce").getLast().text());

        app.clock().advance(Duration.ofMinutes(2));
        TestHttp.Response acted = http.postJson("/api/items/" + item + "/actions",
                "{\"action\": \"acted\", \"by\": \"alice\", \"note\": \"upstream join dropped rows\"}");
        assertEquals(200, acted.status(), acted.body());
        List<RecordingNotifier.Sent> told = sent.of("decision");
        assertEquals(1, told.size());
        assertEquals("carol", told.getFirst().to());
        assertEquals("alice decided act on #" + item + ". Your guess was acknowledge. Note: upstream join dropped rows",
                told.getFirst().text());

        app.clock().advance(Duration.ofHours(1));
        int pagesBefore = sent.of("page").size();
        assertEquals(0, paging.check(), "a decided item escalates no further");
        assertEquals(pagesBefore, sent.of("page").size());

        // A second page acknowledged in time never escalates; carol agrees this time.
        int second = page("TrainingJobFailed");
        http.postJson("/api/items/" + second + "/shadow-guess", "{\"by\": \"carol\", \"guess\": \"acknowledge\"}");
        app.clock().advance(Duration.ofMinutes(5));
        http.postJson("/api/items/" + second + "/actions", "{\"action\": \"ack\", \"by\": \"alice\"}");
        app.clock().advance(Duration.ofMinutes(30));
        assertEquals(0, paging.check());
        assertTrue(sent.of("decision").getLast().text().contains("Your guess (acknowledge) agreed."));

        JsonNode readiness = http.get("/api/rotations/ml/readiness").json();
        assertEquals(1, readiness.size());
        JsonNode carol = readiness.get(0);
        assertEquals("carol", carol.get("handle").asText());
        assertEquals(2, carol.get("seen").asInt());
        assertEquals(2, carol.get("guesses").asInt());
        assertEquals(0.5, carol.get("agreement").asDouble(), 1e-9);
        assertEquals(1, carol.get("actionable").asInt());
        assertEquals(0.0, carol.get("actionableAgreement").asDouble(), 1e-9);
    }

    @Test
    void handoffAtShiftChangeDraftsTheShiftReportAndSummarisesTheShift() {
        int acted = page("FeatureNullRateHigh");
        http.postJson("/api/items/" + acted + "/actions", "{\"action\": \"acted\", \"by\": \"alice\", \"note\": \"backfilled\"}");
        int open = page("LabelDelay");
        http.postJson("/api/items/" + open + "/actions", "{\"action\": \"note\", \"by\": \"alice\", \"note\": \"labels lag on Mondays\"}");
        int snoozed = page("DriftHigh");
        http.postJson("/api/items/" + snoozed + "/actions", "{\"action\": \"snooze\", \"by\": \"alice\", \"until\": \"2026-03-20T00:00:00Z\"}");

        HandoffService handoffs = app.bean(HandoffService.class);
        app.clock().set(Instant.parse("2026-03-09T08:59:00Z"));
        assertEquals(List.of(), handoffs.check(), "no handoff before the shift changes");
        app.clock().set(Instant.parse("2026-03-09T09:00:30Z"));
        List<HandoffSummary> done = handoffs.check();
        assertEquals(1, done.size());
        HandoffSummary s = done.getFirst();
        assertEquals("alice", s.outgoing());
        assertEquals("bob", s.incoming());
        assertEquals(List.of("carol"), s.incomingShadows());
        assertEquals(List.of(open), s.open().stream().map(HandoffSummary.ItemLine::itemId).toList());
        assertEquals(List.of(snoozed), s.snoozed().stream().map(HandoffSummary.ItemLine::itemId).toList());
        assertEquals(List.of(acted), s.acted().stream().map(HandoffSummary.ActionLine::itemId).toList());
        assertEquals("labels lag on Mondays", s.notes().getFirst().note());
        // The shift's report was drafted at handoff, once, for the ended shift, and the handoff links to it.
        JsonNode reports = http.get("/api/reports?kind=shift").json();
        assertEquals(1, reports.size(), reports.toString());
        JsonNode report = reports.get(0);
        assertEquals("ml", report.get("rotation").asText());
        assertEquals("alice", report.get("primary").asText());
        assertEquals("watchkeeper", report.get("createdBy").asText());
        assertTrue(s.reportLink().endsWith("/api/reports/" + report.get("id").asInt() + "/report.md"), s.reportLink());
        assertEquals(200, http.get("/api/reports/" + report.get("id").asInt() + "/report.md").status());
        String body = http.get("/api/reports/" + report.get("id").asInt()).json().get("body").asText();
        assertTrue(body.contains("## Shadow readiness"), body);
        assertTrue(body.contains("carol") && body.contains("Answered 0 of 3 paged alerts with a guess"), body);
        assertEquals("bob", sent.of("handoff").getLast().to());
        assertTrue(sent.of("handoff").getLast().text().contains("alice → bob"));

        assertEquals(List.of(), handoffs.check(), "each shift change is handed off once");
        // Drafting the shift that ended again (e.g. a handoff replayed) reuses the draft made at handoff: the same
        // rotation, window, primary and shadows.
        ShiftWindow ended = new ShiftWindow("ml", Instant.parse("2026-03-02T09:00:00Z"),
                Instant.parse("2026-03-09T09:00:00Z"), "alice", List.of("carol"));
        assertEquals(report.get("id").asInt(), app.bean(ShiftReportDrafts.class).draft(ended).orElseThrow().id());
        assertEquals(1, http.get("/api/reports?kind=shift").json().size());
    }

    @Test
    void onlyMembersAndAdminsChangeARotation() {
        TestHttp.Response r = http.postJson("/api/rotations/ml/overrides",
                "{\"by\": \"mallory\", \"person\": \"mallory\", \"from\": \"2026-03-03\", \"to\": \"2026-03-04\"}");
        assertEquals(403, r.status(), r.body());
        assertEquals("mallory may not override rotation ml: only its members and admins may", r.json().get("error").asText());
        assertEquals(403, http.postJson("/api/rotations/ml/members", "{\"by\": \"mallory\", \"handle\": \"eve\"}").status());
        assertEquals(403, http.delete("/api/rotations/ml/members/bob?by=mallory").status());

        r = http.postJson("/api/rotations/ml/overrides",
                "{\"by\": \"root\", \"person\": \"@dave\", \"from\": \"2026-03-03T18:00\", \"to\": \"2026-03-04T06:00\"}");
        assertEquals(201, r.status(), r.body());
        assertEquals("dave", r.json().get("handle").asText());
        assertEquals("2026-03-03T18:00:00Z", r.json().get("startsAt").asText());
        app.clock().set(Instant.parse("2026-03-03T19:00:00Z"));
        assertEquals("dave", http.get("/api/rotations/ml/now").json().get("primary").asText());
        app.clock().set(Instant.parse("2026-03-04T06:00:00Z"));
        assertEquals("alice", http.get("/api/rotations/ml/now").json().get("primary").asText());

        // The primary watch (user-group sync) sees each change once.
        PrimaryWatch watch = app.bean(PrimaryWatch.class);
        assertEquals(List.of(new PrimaryChanged("ml", null, null, "alice")), watch.check());
        assertEquals(List.of(), watch.check());
        app.clock().set(Instant.parse("2026-03-03T20:00:00Z"));
        assertEquals(List.of(new PrimaryChanged("ml", null, "alice", "dave")), watch.check());
    }

    @Test
    void badInputNamesTheFields() {
        TestHttp.Response r = http.postJson("/api/rotations", """
                {"name": "Bad Name", "members": [], "shiftDays": 0, "handoffDay": "someday",
                 "handoffTime": "25:00", "zone": "Mars/Olympus"}""");
        assertEquals(400, r.status());
        assertEquals("[name, members, shiftDays, handoffDay, handoffTime, zone]",
                r.json().get("errors").findValuesAsText("field").toString());
        r = http.postJson("/api/rotations/ml/overrides", "{\"by\": \"alice\", \"person\": \"bob\", \"from\": \"tomorrow\", \"to\": \"never\"}");
        assertEquals(400, r.status());
        assertEquals("[from, to]", r.json().get("errors").findValuesAsText("field").toString());
        assertEquals(404, http.get("/api/rotations/nope").status());
        assertEquals(400, http.postJson("/api/rotations", "{\"name\": \"ml\", \"members\": [\"alice\"]}").status());
        assertEquals(0, http.get("/api/rotations/ml/overrides").json().size(), "nothing half-written");
    }

    @Test
    void swapIsPendingUntilTheOtherConfirmsThenTradesTheShifts() {
        // Shifts: 0 alice, 1 bob, 2 carol (eligible after 2 shadow shifts), 3 alice, 4 bob.
        assertEquals(List.of("alice", "bob", "carol", "alice", "bob"), primaries(5));

        TestHttp.Response r = http.postJson("/api/rotations/ml/swaps",
                "{\"by\": \"alice\", \"with\": \"bob\", \"mine\": \"2026-03-23\", \"theirs\": \"2026-03-09\"}");
        assertEquals(201, r.status(), r.body());
        int swapId = r.json().get("id").asInt();
        assertEquals("pending", r.json().get("state").asText());
        assertEquals("bob", sent.of("swap").getFirst().to());
        assertEquals(List.of("alice", "bob", "carol", "alice", "bob"),
                primaries(5), "pending changes nothing");

        assertEquals(403, http.postJson("/api/swaps/" + swapId + "/confirm", "{\"by\": \"carol\"}").status());
        r = http.postJson("/api/swaps/" + swapId + "/confirm", "{\"by\": \"bob\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("confirmed", r.json().get("state").asText());
        assertEquals(List.of("alice", "alice", "carol", "bob", "bob"),
                primaries(5));
        assertEquals(400, http.postJson("/api/swaps/" + swapId + "/confirm", "{\"by\": \"bob\"}").status());

        r = http.postJson("/api/rotations/ml/swaps",
                "{\"by\": \"alice\", \"with\": \"bob\", \"mine\": \"2026-03-16\", \"theirs\": \"2026-03-09\"}");
        assertEquals(400, r.status());
        assertEquals("[mine, theirs]", r.json().get("errors").findValuesAsText("field").toString());
    }

    /** The primaries of the next {@code n} shifts (the schedule may hold one more across a DST change). */
    private List<String> primaries(int n) {
        return http.get("/api/rotations/ml/schedule?weeks=" + n).json().findValuesAsText("primary").subList(0, n);
    }

    @Test
    void graduateExtendAndVolunteer() {
        assertEquals("[\"carol\"]", http.get("/api/rotations/ml/schedule?weeks=3").json().get(1).get("shadows").toString());
        JsonNode m = http.postJson("/api/rotations/ml/members/carol/graduate", "{\"by\": \"alice\"}").json();
        assertEquals(1, m.get("shadowShiftsLeft").asInt(), "graduates from the next shift");
        assertEquals("[]", http.get("/api/rotations/ml/schedule?weeks=3").json().get(1).get("shadows").toString());
        m = http.postJson("/api/rotations/ml/members/carol/extend", "{\"by\": \"alice\", \"shifts\": 2}").json();
        assertEquals(3, m.get("shadowShiftsLeft").asInt());
        assertEquals(400, http.postJson("/api/rotations/ml/members/carol/extend", "{\"by\": \"alice\", \"shifts\": \"many\"}").status());

        TestHttp.Response v = http.postJson("/api/rotations/ml/shadows", "{\"by\": \"dave\", \"shift\": \"2026-03-16\"}");
        assertEquals(201, v.status(), v.body());
        JsonNode third = http.get("/api/rotations/ml/schedule?weeks=3").json().get(2);
        assertEquals("2026-03-16T09:00:00Z", third.get("start").asText());
        assertEquals("[\"carol\",\"dave\"]", third.get("shadows").toString());

        JsonNode mine = http.get("/api/people/dave/shifts?weeks=3").json();
        assertEquals(1, mine.size(), mine.toString());
        assertEquals("shadow", mine.get(0).get("role").asText());
        assertEquals("2026-03-16T09:00:00Z", mine.get(0).get("start").asText());
        assertEquals(List.of("primary", "primary"), http.get("/api/people/alice/shifts?weeks=3").json().findValuesAsText("role"));
        assertEquals(400, http.get("/api/people/alice/shifts?weeks=0").status());
    }
}
