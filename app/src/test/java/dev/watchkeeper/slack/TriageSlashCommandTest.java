package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /triage}, the "Send to triage" shortcut and App Home, through signed requests to the real server. */
class TriageSlashCommandTest {

    static final String SECRET = "triage-test-secret";

    @TempDir
    Path dir;
    FakeSlack fake;
    TestApp app;
    SlackRequests slack;
    int disk;
    int batch;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        app = TestApp.start(dir, fake.appProperties(SECRET));
        slack = new SlackRequests(app, SECRET, fake);
        disk = fire("{\"alertname\": \"DiskFull\", \"severity\": \"critical\", \"service\": \"feature-store\"}");
        batch = fire("{\"alertname\": \"SlowBatch\", \"severity\": \"warning\", \"service\": \"etl\"}");
    }

    @AfterEach
    void stop() {
        app.close();
        fake.close();
    }

    int fire(String json) {
        TestHttp.Response r = app.http().postJson("/api/alerts", json);
        app.bean(AlertPipeline.class).drain();
        return r.json().get("alerts").get(0).get("itemId").asInt();
    }

    JsonNode triage(String text) {
        TestHttp.Response r = slack.command("/triage", text, "UALICE", "alice");
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals("ephemeral", body.get("response_type").asText(), r.body());
        return body;
    }

    JsonNode item(int id) {
        return app.http().get("/api/items/" + id).json();
    }

    @Test
    void withoutArgumentsTheTopOfTheQueueWithButtons() {
        JsonNode r = triage("");
        assertTrue(r.get("text").asText().contains("2 open"), r.toString());
        String blocks = r.get("blocks").toString();
        assertTrue(blocks.indexOf("#" + disk + " DiskFull") < blocks.indexOf("#" + batch + " SlowBatch"),
                "ranked: the critical item first: " + blocks);
        assertTrue(blocks.contains("wk_item:" + disk) && blocks.contains("Just acknowledge"), blocks);
    }

    @Test
    void ackActNoiseRecordTheSlackUserAndTheNote() {
        JsonNode r = triage("ack " + disk + " looking into it");
        assertTrue(r.get("text").asText().contains("acknowledged"), r.toString());
        JsonNode detail = item(disk);
        assertEquals("acknowledged", detail.get("item").get("state").asText());
        JsonNode action = detail.get("actions").get(0);
        assertEquals("alice", action.get("actor").asText());
        assertEquals("slack", action.get("surface").asText());
        assertEquals("looking into it", action.get("note").asText());
        // The Slack user became a person, known by their Slack ID from now on.
        Database db = app.bean(Database.class);
        assertEquals("UALICE", db.read(dsl -> new PersonStore().slackUserId(dsl,
                new PersonStore().idForHandle(dsl, "alice", app.clock().instant()))).orElseThrow());

        triage("act " + disk);
        assertEquals("resolved", item(disk).get("item").get("state").asText());
        triage("noise #" + batch + " flaky batch");
        assertEquals("noise", item(batch).get("item").get("state").asText());
        assertEquals(List.of("ack", "acted"), item(disk).get("actions").findValuesAsText("kind"));
    }

    @Test
    void snoozeAssignAddAndWhy() {
        triage("snooze " + disk + " 2h");
        assertEquals("2026-03-02T11:00:00Z", item(disk).get("item").get("snoozedUntil").asText());

        JsonNode r = triage("assign " + batch + " <@UBOB|bob>");
        assertTrue(r.get("text").asText().contains("assigned to bob"), r.toString());
        assertEquals("bob", item(batch).get("item").get("assignee").asText());

        r = triage("add checkout page shows stale recommendations\nreported by support");
        String text = r.get("text").asText();
        assertTrue(text.startsWith("Added #"), text);
        int added = Integer.parseInt(text.substring("Added #".length(), text.indexOf(':')));
        JsonNode manual = item(added);
        assertEquals("checkout page shows stale recommendations", manual.get("item").get("title").asText());
        assertTrue(manual.get("item").get("manual").asBoolean());
        assertEquals("alice", manual.get("actions").get(0).get("actor").asText());

        r = triage("why " + disk);
        String why = r.get("text").asText();
        assertTrue(why.contains("Lane: paged — severity critical"), why);
        assertTrue(why.contains("Score: "), why);
    }

    @Test
    void badInputAnswersWithUsageNeverAStackTrace() {
        for (String text : List.of("explode", "show", "show abc", "ack", "snooze " + disk, "snooze " + disk + " soon",
                "assign " + disk, "add", "why -3")) {
            JsonNode r = triage(text);
            String answer = r.get("text").asText();
            assertTrue(answer.contains("/triage help"), text + " → " + answer);
            assertFalse(answer.contains("Exception") || answer.contains("at dev."), answer);
        }
        assertTrue(triage("explode").get("text").asText().contains("Unknown subcommand `explode`"));
        assertTrue(triage("snooze " + disk + " soon").get("text").asText().contains("duration: must be a number"));
        assertTrue(triage("show 9999").get("text").asText().contains("9999 does not exist"));
        assertTrue(triage("help").get("text").asText().contains("/triage assign ID @user"));
        assertEquals(0, item(disk).get("actions").size(), "nothing half-done");
    }

    @Test
    void sendToTriageShortcutMakesAManualItemLinkingBackAndAnswersThroughTheResponseUrl() {
        TestHttp.Response r = slack.messageShortcut(TriageSlack.SHORTCUT, "Search is returning <@U9> nothing for \"shoes\"",
                "1712345678.123456", "UCAROL");
        assertEquals(200, r.status(), r.body());
        app.bean(SlackOutbox.class).sendDue();

        List<FakeSlack.Call> answers = fake.calls().stream().filter(c -> c.method().startsWith("response_url:shortcut")).toList();
        assertEquals(1, answers.size(), fake.calls().toString());
        String answer = answers.getFirst().json().get("text").asText();
        assertTrue(answer.startsWith(":inbox_tray: Sent to triage as #"), answer);
        int id = Integer.parseInt(answer.replaceAll(".*#(\\d+):.*", "$1"));
        JsonNode detail = item(id);
        assertTrue(detail.get("item").get("manual").asBoolean());
        String note = detail.get("actions").get(0).get("note").asText();
        assertTrue(note.contains("https://acme.slack.com/archives/C_SUPPORT/p1712345678123456"), note);
        assertTrue(note.contains("from Slack user U_CUSTOMER"), note);
        assertEquals("ucarol", detail.get("actions").get(0).get("actor").asText());
        assertEquals("slack", detail.get("actions").get(0).get("surface").asText());
    }

    @Test
    void appHomeShowsMyAssignedItemsAndTheTopOfTheQueue() {
        triage("assign " + batch + " <@UALICE|alice>");
        TestHttp.Response r = slack.event(Json.object().put("type", "app_home_opened").put("user", "UALICE")
                .put("channel", "D1").put("tab", "home").put("event_ts", "1700000000.1"));
        assertEquals(200, r.status(), r.body());
        app.bean(SlackOutbox.class).sendDue();

        List<FakeSlack.Call> publishes = fake.calls("views.publish");
        assertEquals(1, publishes.size());
        assertEquals("UALICE", publishes.getFirst().param("user_id"));
        JsonNode view = Json.parse(publishes.getFirst().param("view"));
        assertEquals("home", view.get("type").asText());
        String blocks = view.get("blocks").toString();
        int mine = blocks.indexOf("Assigned to you (1)");
        int top = blocks.indexOf("Top of the queue (2 open)");
        assertTrue(mine >= 0 && top > mine, blocks);
        String mineSection = blocks.substring(mine, top);
        assertTrue(mineSection.contains("#" + batch + " SlowBatch") && !mineSection.contains("#" + disk + " "), mineSection);
        assertTrue(blocks.substring(top).contains("#" + disk + " DiskFull"), blocks);
    }

    @Test
    void aButtonInAppHomeActsAndRepublishesTheTab() {
        TestHttp.Response r = slack.homeButton("wk_noise", batch, "UALICE");
        assertEquals(200, r.status(), r.body());
        assertEquals("noise", item(batch).get("item").get("state").asText());
        app.bean(SlackOutbox.class).sendDue();
        List<FakeSlack.Call> publishes = fake.calls("views.publish");
        assertEquals(1, publishes.size());
        String blocks = publishes.getFirst().param("view");
        assertTrue(blocks.contains("Top of the queue (1 open)") && !blocks.contains("#" + batch + " SlowBatch"), blocks);
    }

    @Test
    void ephemeralCardButtonsAnswerThroughTheResponseUrl() {
        TestHttp.Response r = slack.blockAction("wk_ack", String.valueOf(batch), "wk_item:" + batch, null, null,
                "UDAVE", true);
        assertEquals(200, r.status(), r.body());
        assertEquals("acknowledged", item(batch).get("item").get("state").asText());
        app.bean(SlackOutbox.class).sendDue();
        List<FakeSlack.Call> answers = fake.calls().stream().filter(c -> c.method().startsWith("response_url:action")).toList();
        assertEquals(1, answers.size());
        assertTrue(answers.getFirst().json().get("replace_original").asBoolean());
        assertTrue(answers.getFirst().json().get("text").asText().contains("acknowledged"));

        // A button for an item that does not exist answers with the reason, not an error page.
        r = slack.blockAction("wk_noise", "9999", "wk_item:9999", null, null, "UDAVE", true);
        assertEquals(200, r.status());
        app.bean(SlackOutbox.class).sendDue();
        String last = fake.calls().getLast().json().get("text").asText();
        assertTrue(last.contains("9999 does not exist"), last);
    }
}
