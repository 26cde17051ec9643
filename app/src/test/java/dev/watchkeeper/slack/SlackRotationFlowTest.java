package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.rotation.HandoffService;
import dev.watchkeeper.rotation.PagingService;
import dev.watchkeeper.rotation.ShadowCopies;
import dev.watchkeeper.rotation.PrimaryWatch;
import dev.watchkeeper.rotation.RotationService;
import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.SlackRequests;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotations through Slack end to end: signed requests into the real server, Slack's notifier (not the
 * recording one), the outbox sending to a fake Slack Web API, and the test clock.
 */
class SlackRotationFlowTest {

    static final String SECRET = "rotation-secret";

    @TempDir
    Path dir;
    FakeSlack fake;
    TestApp app;
    SlackRequests slack;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        Map<String, Object> props = new LinkedHashMap<>(fake.appProperties(SECRET));
        props.put("watchkeeper.test.record-notifications", "false");
        props.put("watchkeeper.base-url", "https://wk.example.com");
        app = TestApp.start(dir, props);
        slack = new SlackRequests(app, SECRET, fake);
        // alice and bob have used Watchkeeper in Slack (so their DMs can be reached) before the rotation exists:
        // a person first known by handle and later seen in Slack is a different person (see PersonStore).
        for (String who : List.of("alice", "bob")) {
            assertEquals(200, slack.command("/oncall", "", "U" + who.toUpperCase(), who).status());
        }
        // The test clock starts on Monday 2026-03-02 09:00 UTC: shift 0, alice is primary.
        TestHttp.Response r = app.http().postJson("/api/rotations", """
                {"name": "ml", "members": ["alice", "bob"], "zone": "UTC",
                 "handoffDay": "monday", "handoffTime": "09:00", "channel": "C_ML", "userGroup": "S_ML"}""");
        assertEquals(201, r.status(), r.body());
        r = slack.command("/oncall", "join ml", "UCAROL", "carol");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("text").asText().startsWith("You joined ml. You shadow the primary"), r.body());
        send();
        fake.reset();
    }

    @AfterEach
    void stop() {
        app.close();
        fake.close();
    }

    private void send() {
        app.bean(AlertPipeline.class).drain();
        app.bean(SlackLater.class).drain();
        app.bean(SlackOutbox.class).sendDue();
    }

    private int criticalAlert(String name) {
        TestHttp.Response r = app.http().postJson("/api/alerts",
                "{\"alertname\": \"" + name + "\", \"service\": \"ranker\", \"severity\": \"critical\"}");
        assertTrue(r.status() < 300, r.body());
        send();
        return r.json().get("alerts").get(0).get("itemId").asInt();
    }

    private List<FakeSlack.Call> postsTo(String channel) {
        return fake.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).toList();
    }

    private String lastResponse() {
        List<FakeSlack.Call> answers = fake.calls().stream().filter(c -> c.method().startsWith("response_url:")).toList();
        assertFalse(answers.isEmpty(), "no answer through a response_url");
        return answers.getLast().json().get("text").asText();
    }

    @Test
    void pageShadowCopyGuessDecisionAndTheShadowIsTold() {
        int item = criticalAlert("FeatureNullRateHigh");

        List<FakeSlack.Call> toAlice = postsTo("UALICE");
        assertEquals(1, toAlice.size(), fake.calls().toString());
        assertTrue(toAlice.getFirst().param("text").startsWith("Paged: #" + item), toAlice.getFirst().param("text"));
        assertTrue(toAlice.getFirst().blocksText().contains(ItemBlocks.ACT), "the page has the item's buttons");
        List<FakeSlack.Call> toCarol = postsTo("UCAROL");
        assertEquals(1, toCarol.size());
        assertTrue(toCarol.getFirst().param("text").contains("What would you do?"), toCarol.getFirst().param("text"));
        assertTrue(toCarol.getFirst().blocksText().contains("wk_guess_acted"), toCarol.getFirst().blocksText());
        assertFalse(toCarol.getFirst().blocksText().contains("\"" + ItemBlocks.ACT + "\""),
                "the shadow's copy has guess buttons, not the item's");

        // carol presses "I would act" on her copy.
        TestHttp.Response r = slack.blockAction("wk_guess_acted", item + "|acted", "b1", null, null, "UCAROL", false);
        assertEquals(200, r.status(), r.body());
        send();
        assertTrue(lastResponse().startsWith("Noted: you would act on #" + item), lastResponse());
        assertEquals("acted", app.bean(ShadowCopies.class).copies(item).getFirst().guess());

        // alice decides from Slack with a note; carol hears the decision, her guess and the note.
        fake.reset();
        r = slack.command("/triage", "act " + item + " upstream join dropped rows", "UALICE", "alice");
        assertEquals(200, r.status(), r.body());
        send();
        toCarol = postsTo("UCAROL");
        assertEquals(1, toCarol.size(), fake.calls().toString());
        assertEquals("alice decided act on #" + item + ". Your guess (act) agreed. Note: upstream join dropped rows",
                toCarol.getFirst().param("text"));
        assertEquals("acted", app.bean(ShadowCopies.class).copies(item).getFirst().decision());
    }

    @Test
    void anUnansweredPageRepagesThePrimaryThenEscalatesToTheNextPerson() {
        int item = criticalAlert("TrainingJobFailed");
        fake.reset();
        PagingService paging = app.bean(PagingService.class);

        app.clock().advance(Duration.ofMinutes(14));
        assertEquals(0, paging.check());
        send();
        assertEquals(List.of(), fake.calls("chat.postMessage"), "nothing before the timeout");

        app.clock().advance(Duration.ofMinutes(1));
        assertEquals(1, paging.check());
        send();
        assertTrue(postsTo("UALICE").getLast().param("text").startsWith("Re-page: #" + item), postsTo("UALICE").toString());
        assertTrue(postsTo("C_ML").getLast().param("text").startsWith("Re-paged alice: #" + item));
        assertEquals(List.of(), postsTo("UBOB"));

        app.clock().advance(Duration.ofMinutes(15));
        assertEquals(1, paging.check());
        send();
        assertEquals(1, postsTo("UBOB").size());
        FakeSlack.Call toBob = postsTo("UBOB").getFirst();
        assertTrue(toBob.param("text").startsWith("Escalated to you: #" + item), toBob.param("text"));
        assertTrue(toBob.blocksText().contains(ItemBlocks.ACK), "bob can acknowledge from the DM");
        assertTrue(postsTo("C_ML").getLast().param("text").startsWith("Escalated to bob: #" + item),
                postsTo("C_ML").getLast().param("text"));

        // bob acknowledges with the DM's button: no more escalation.
        TestHttp.Response r = slack.blockAction(ItemBlocks.ACK, String.valueOf(item), "wk_item:" + item, null, null,
                "UBOB", false);
        assertEquals(200, r.status(), r.body());
        send();
        app.clock().advance(Duration.ofHours(1));
        assertEquals(0, paging.check());
    }

    @Test
    void aSwapIsConfirmedWithButtonsAndTheUserGroupFollowsThePrimary() {
        PrimaryWatch primaries = app.bean(PrimaryWatch.class);
        primaries.check();
        send();
        List<FakeSlack.Call> groups = fake.calls("usergroups.users.update");
        assertEquals(1, groups.size());
        assertEquals("S_ML", groups.getFirst().param("usergroup"));
        assertEquals("UALICE", groups.getFirst().param("users"));
        fake.reset();

        // alice offers her current shift for bob's next one.
        TestHttp.Response r = slack.command("/oncall", "swap ml <@UBOB|bob> 2026-03-02 2026-03-09", "UALICE", "alice");
        assertEquals(200, r.status(), r.body());
        send();
        FakeSlack.Call ask = postsTo("UBOB").getFirst();
        assertTrue(ask.param("text").startsWith("alice asks to swap shifts in ml"), ask.param("text"));
        JsonNode buttons = Json.parse(ask.blocksText()).get(1).get("elements");
        assertEquals(RotationSlack.SWAP_CONFIRM, buttons.get(0).get("action_id").asText());
        assertEquals(RotationSlack.SWAP_DECLINE, buttons.get(1).get("action_id").asText());
        String swapId = buttons.get(0).get("value").asText();
        FakeSlack.Call copy = postsTo("UALICE").getFirst();
        assertTrue(copy.param("text").contains("Waiting for them to confirm"), copy.param("text"));
        assertTrue(copy.blocksText().contains(RotationSlack.SWAP_WITHDRAW), copy.blocksText());

        // Only bob (or an admin) may confirm.
        r = slack.blockAction(RotationSlack.SWAP_CONFIRM, swapId, "b1", null, null, "UCAROL", false);
        assertEquals(200, r.status(), r.body());
        send();
        assertEquals("carol may not confirm swap " + swapId + ": only bob (or an admin) may", lastResponse());
        assertEquals("alice", app.bean(RotationService.class).onCallNow("ml").primary());

        fake.reset();
        r = slack.blockAction(RotationSlack.SWAP_CONFIRM, swapId, "b1", null, null, "UBOB", false);
        assertEquals(200, r.status(), r.body());
        send();
        String result = "Swap " + swapId + " between alice and bob was confirmed by bob. The schedule has changed.";
        FakeSlack.Call answer = fake.calls().stream().filter(c -> c.method().startsWith("response_url:")).findFirst().orElseThrow();
        assertEquals(result, answer.json().get("text").asText());
        assertTrue(answer.json().get("replace_original").asBoolean(), "the buttons are replaced by the result");
        assertEquals(result, postsTo("UALICE").getFirst().param("text"));
        assertEquals("Swap " + swapId + " between alice and bob was confirmed by bob.", postsTo("C_ML").getFirst().param("text"));
        assertEquals("bob", app.bean(RotationService.class).onCallNow("ml").primary());
        assertEquals("alice", app.bean(RotationService.class).schedule("ml", Instant.parse("2026-03-09T10:00:00Z"),
                Instant.parse("2026-03-09T11:00:00Z")).getFirst().primary());

        // Pressing again answers with the reason; the user group moves to bob.
        r = slack.blockAction(RotationSlack.SWAP_CONFIRM, swapId, "b1", null, null, "UBOB", false);
        send();
        assertEquals("swap " + swapId + " is already confirmed", lastResponse());
        primaries.check();
        send();
        assertEquals("UBOB", fake.calls("usergroups.users.update").getLast().param("users"));
    }

    @Test
    void aDeclinedOrWithdrawnSwapChangesNothing() {
        slack.command("/oncall", "swap ml <@UBOB|bob> 2026-03-02 2026-03-09", "UALICE", "alice");
        send();
        String swapId = Json.parse(postsTo("UBOB").getFirst().blocksText()).get(1).get("elements").get(0).get("value").asText();
        fake.reset();
        slack.blockAction(RotationSlack.SWAP_WITHDRAW, swapId, "b1", null, null, "UALICE", false);
        send();
        assertEquals("Swap " + swapId + " between alice and bob was declined by alice.", lastResponse());
        assertEquals("Swap " + swapId + " between alice and bob was declined by alice.", postsTo("UBOB").getFirst().param("text"));
        assertEquals("alice", app.bean(RotationService.class).onCallNow("ml").primary());
    }

    @Test
    void handoffDraftsTheShiftReportAndLinksToIt() {
        int item = criticalAlert("LabelDelay");
        slack.blockAction("wk_guess_noise", item + "|noise", "b1", null, null, "UCAROL", false);
        slack.command("/triage", "ack " + item + " labels lag on Mondays", "UALICE", "alice");
        send();
        fake.reset();

        app.clock().set(Instant.parse("2026-03-09T09:00:30Z"));
        assertEquals(1, app.bean(HandoffService.class).check().size());
        send();

        JsonNode reports = app.http().get("/api/reports?kind=shift").json();
        assertEquals(1, reports.size(), reports.toString());
        int id = reports.get(0).get("id").asInt();
        assertEquals("draft", reports.get(0).get("state").asText());
        assertEquals("2026-03-02T09:00:00Z", reports.get(0).get("windowStart").asText());
        assertEquals("2026-03-09T09:00:00Z", reports.get(0).get("windowEnd").asText());
        String body = app.http().get("/api/reports/" + id).json().get("body").asText();
        assertTrue(body.contains("## Shadow readiness"), body);
        assertTrue(body.contains("Answered 1 of 1 paged alert with a guess; agreed with the decision on 0 of 1."), body);

        String link = "https://wk.example.com/api/reports/" + id + "/report.md";
        // bob is the incoming primary; the channel gets the summary too.
        assertTrue(postsTo("UBOB").getFirst().param("text").contains("End-of-shift report draft: " + link),
                postsTo("UBOB").toString());
        assertTrue(postsTo("C_ML").getFirst().param("text").contains(link), postsTo("C_ML").toString());

        // The report's own "last shift" is the same window, from the rotation.
        assertSameWindow(app.http().postJson("/api/reports/shift", "{\"by\": \"alice\", \"rotation\": \"ml\"}"), id);
    }

    private void assertSameWindow(TestHttp.Response drafted, int handoffReport) {
        assertEquals(201, drafted.status(), drafted.body());
        assertEquals("2026-03-02T09:00:00Z", drafted.json().get("windowStart").asText());
        assertEquals("alice", drafted.json().get("primary").asText());
        assertEquals(List.of("carol"), List.of(drafted.json().get("shadows").get(0).asText()));
        assertTrue(drafted.json().get("id").asInt() > handoffReport);
    }

    @Test
    void appHomeListsMyShifts() {
        TestHttp.Response r = slack.event(Json.object().put("type", "app_home_opened").put("user", "UCAROL")
                .put("channel", "D1").put("tab", "home").put("event_ts", "1700000000.1"));
        assertEquals(200, r.status(), r.body());
        send();
        String blocks = Json.parse(fake.calls("views.publish").getLast().param("view")).get("blocks").toString();
        assertTrue(blocks.contains("Your shifts (next 8 weeks)"), blocks);
        assertTrue(blocks.contains("*ml* shadow: Mon 2 Mar 09:00 – Mon 9 Mar 09:00 UTC (shadowing alice)"), blocks);
        assertTrue(blocks.contains("*ml* shadow: Mon 9 Mar 09:00 – Mon 16 Mar 09:00 UTC (shadowing bob)"), blocks);
        assertTrue(blocks.contains("*ml* primary: Mon 16 Mar 09:00"), blocks);
    }
}
