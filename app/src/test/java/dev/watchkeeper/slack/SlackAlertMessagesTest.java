package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paged items get one message in the alerts channel, kept true in place; buttons act on the item. */
class SlackAlertMessagesTest {

    static final String SECRET = "alerts-test-secret";

    @TempDir
    Path dir;
    FakeSlack fake;
    TestApp app;
    SlackRequests slack;
    SlackOutbox outbox;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        app = TestApp.start(dir, fake.appProperties(SECRET));
        slack = new SlackRequests(app, SECRET, fake);
        outbox = app.bean(SlackOutbox.class);
    }

    @AfterEach
    void stop() {
        app.close();
        fake.close();
    }

    int fire(String json) {
        TestHttp.Response r = app.http().postJson("/api/alerts", json);
        assertEquals(201, r.status(), r.body());
        app.bean(AlertPipeline.class).drain();
        return r.json().get("alerts").get(0).get("itemId").asInt();
    }

    @Test
    void aPagedItemIsPostedOnceWithItsFactsLinksAndButtons() {
        int id = fire("{\"alertname\": \"DiskFull\", \"severity\": \"critical\", \"service\": \"feature-store\","
                + " \"summary\": \"disk at 97%\", \"generatorURL\": \"http://prometheus:9090/graph?g0.expr=disk\"}");
        int quiet = fire("{\"alertname\": \"SlowBatch\", \"severity\": \"warning\", \"service\": \"etl\"}");
        assertEquals(0, fake.calls().size(), "nothing leaves before the outbox sends");
        assertEquals(1, outbox.sendDue().sent());

        List<FakeSlack.Call> posts = fake.calls("chat.postMessage");
        assertEquals(1, posts.size(), "the warning is not paged");
        FakeSlack.Call post = posts.getFirst();
        assertEquals("C_ALERTS", post.param("channel"));
        String blocks = post.blocksText();
        assertTrue(blocks.contains("#" + id), blocks);
        assertTrue(blocks.contains("Severity *critical*"), blocks);
        assertTrue(blocks.contains("Service *feature-store*"), blocks);
        assertTrue(blocks.contains("Fired 1×"), blocks);
        assertTrue(blocks.contains("<http://prometheus:9090/graph?g0.expr=disk|Source: DiskFull>"), blocks);
        for (String button : List.of("Acted on it", "Just acknowledge", "Noise", "Snooze ▾", "Assign ▾", "users_select",
                "static_select")) {
            assertTrue(blocks.contains(button), button + " in " + blocks);
        }
        assertFalse(blocks.contains("#" + quiet + " "), blocks);
        assertTrue(post.param("text").contains("[CRITICAL]"), post.param("text"));

        // Sending again sends nothing: the message went out exactly once.
        assertEquals(0, outbox.sendDue().sent());
        assertEquals(1, fake.calls().size());
    }

    @Test
    void buttonsActAsTheSlackUserAndTheMessageIsUpdatedInPlace() {
        int id = fire("{\"alertname\": \"ModelDrift\", \"severity\": \"error\", \"service\": \"ranker\"}");
        outbox.sendDue();
        String ts = "1800000000.000001"; // the fake's first ts

        TestHttp.Response r = slack.blockAction("wk_ack", String.valueOf(id), "wk_item:" + id, null, null, "UALICE", false);
        assertEquals(200, r.status(), r.body());
        JsonNode detail = app.http().get("/api/items/" + id).json();
        assertEquals("acknowledged", detail.get("item").get("state").asText());
        JsonNode action = detail.get("actions").get(0);
        assertEquals("ack", action.get("kind").asText());
        assertEquals("slack", action.get("surface").asText());
        assertEquals("ualice", action.get("actor").asText());

        assertEquals(1, outbox.sendDue().sent());
        List<FakeSlack.Call> updates = fake.calls("chat.update");
        assertEquals(1, updates.size());
        assertEquals(ts, updates.getFirst().param("ts"));
        assertEquals("C_ALERTS", updates.getFirst().param("channel"));
        assertTrue(updates.getFirst().blocksText().contains("State: *acknowledged*"), updates.getFirst().blocksText());

        slack.blockAction("wk_snooze", null, "wk_item:" + id, id + "|4h", null, "UALICE", false);
        slack.blockAction("wk_assign", null, "wk_item:" + id, null, "UBOB", "UALICE", false);
        detail = app.http().get("/api/items/" + id).json();
        assertEquals("2026-03-02T13:00:00Z", detail.get("item").get("snoozedUntil").asText());
        assertEquals("UBOB", detail.get("item").get("assignee").asText());
        outbox.sendDue();
        String last = fake.calls("chat.update").getLast().blocksText();
        assertTrue(last.contains("assigned to <@UBOB>"), last);
        assertTrue(last.contains("snoozed until 2026-03-02 13:00 UTC"), last);

        slack.blockAction("wk_acted", String.valueOf(id), "wk_item:" + id, null, null, "UBOB", false);
        assertEquals("resolved", app.http().get("/api/items/" + id).json().get("item").get("state").asText());
        outbox.sendDue();
        String closed = fake.calls("chat.update").getLast().blocksText();
        assertTrue(closed.contains("State: *resolved*"), closed);
        assertFalse(closed.contains("Just acknowledge"), "a closed item has no buttons: " + closed);
        assertEquals(1, fake.calls("chat.postMessage").size(), "updates never post new messages");
    }

    @Test
    void refiresAndResolutionsGoIntoTheThread() {
        String firing = "{\"alertname\": \"QueueBacklog\", \"severity\": \"critical\", \"service\": \"ingest\","
                + " \"startsAt\": \"2026-03-02T08:50:00Z\"}";
        int id = fire(firing);
        outbox.sendDue();
        String ts = "1800000000.000001";
        assertEquals(ts, app.bean(dev.watchkeeper.db.Database.class).read(dsl ->
                new dev.watchkeeper.slack.SlackMessageStore().find(dsl, id)).orElseThrow().ts());

        app.clock().advance(Duration.ofMinutes(5));
        fire("{\"alertname\": \"QueueBacklog\", \"severity\": \"critical\", \"service\": \"ingest\","
                + " \"status\": \"resolved\", \"startsAt\": \"2026-03-02T08:50:00Z\", \"endsAt\": \"2026-03-02T09:04:00Z\"}");
        outbox.sendDue();
        app.clock().advance(Duration.ofMinutes(5));
        fire("{\"alertname\": \"QueueBacklog\", \"severity\": \"critical\", \"service\": \"ingest\","
                + " \"startsAt\": \"2026-03-02T09:09:00Z\"}");
        outbox.sendDue();

        List<FakeSlack.Call> posts = fake.calls("chat.postMessage");
        List<FakeSlack.Call> topLevel = posts.stream().filter(c -> c.param("thread_ts") == null).toList();
        List<FakeSlack.Call> replies = posts.stream().filter(c -> ts.equals(c.param("thread_ts"))).toList();
        assertEquals(1, topLevel.size(), "one top-level message per item");
        assertEquals(2, replies.size(), posts.toString());
        assertTrue(replies.get(0).param("text").contains("Resolved at the source"), replies.get(0).param("text"));
        assertTrue(replies.get(1).param("text").contains("Fired again"), replies.get(1).param("text"));
        assertTrue(fake.calls("chat.update").getLast().blocksText().contains("Fired 2×"),
                fake.calls("chat.update").getLast().blocksText());
    }

    @Test
    void alertTextCannotPingMentionOrInjectLinks() {
        int id = fire("{\"alertname\": \"Evil\", \"severity\": \"critical\", \"service\": \"<!here>\","
                + " \"summary\": \"<!channel> wake up <@U123> see <https://evil.example|docs> & more\"}");
        outbox.sendDue();
        FakeSlack.Call post = fake.calls("chat.postMessage").getFirst();
        String everything = post.blocksText() + post.param("text");
        for (String forbidden : List.of("<!channel>", "<@U123>", "<!here>", "<https://evil.example")) {
            assertFalse(everything.contains(forbidden), forbidden + " leaked into " + everything);
        }
        assertTrue(everything.contains("&lt;!channel&gt; wake up &lt;@U123&gt;"), everything);
        assertTrue(everything.contains("&amp; more"), everything);

        // The same holds for what /triage shows.
        TestHttp.Response r = slack.command("/triage", "show " + id, "UALICE", "alice");
        assertFalse(r.body().contains("<!channel>"), r.body());
        assertTrue(r.body().contains("&lt;!channel&gt;"), r.body());
    }
}
