package dev.watchkeeper.slack;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.testing.Cli;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox delivers every message exactly once through rate limits, errors and outages. */
class SlackOutboxTest {

    static final String SECRET = "outbox-test-secret";

    @TempDir
    Path dir;
    FakeSlack fake;
    TestApp app;
    SlackOutbox outbox;
    SlackRequests slack;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        app = TestApp.start(dir, fake.appProperties(SECRET));
        outbox = app.bean(SlackOutbox.class);
        slack = new SlackRequests(app, SECRET, fake);
    }

    @AfterEach
    void stop() {
        app.close();
        fake.close();
    }

    int page(String alertname) {
        TestHttp.Response r = app.http().postJson("/api/alerts",
                "{\"alertname\": \"" + alertname + "\", \"severity\": \"critical\", \"service\": \"svc\"}");
        assertEquals(201, r.status(), r.body());
        app.bean(AlertPipeline.class).drain();
        return r.json().get("alerts").get(0).get("itemId").asInt();
    }

    long topLevelPostsFor(int itemId) {
        return fake.calls("chat.postMessage").stream()
                .filter(c -> c.param("thread_ts") == null && c.param("text").contains("#" + itemId + " ")).count();
    }

    @Test
    void a429WaitsForRetryAfterAndPausesEveryCall() {
        fake.retryAfter(120);
        fake.failNext(429);
        int a = page("First");
        int b = page("Second");
        SlackOutbox.Run run = outbox.sendDue();
        assertEquals(1, run.retrying());
        assertEquals(0, run.sent());
        assertEquals(1, fake.attempts());

        app.clock().advance(Duration.ofSeconds(119));
        assertEquals(0, outbox.sendDue().sent());
        assertEquals(1, fake.attempts(), "nothing is sent while Slack asked us to wait, not even the other item");

        app.clock().advance(Duration.ofSeconds(1));
        assertEquals(2, outbox.sendDue().sent());
        assertEquals(1, topLevelPostsFor(a));
        assertEquals(1, topLevelPostsFor(b));
        assertEquals(Map.of("pending", 0, "sent", 2, "failed", 0), outbox.counts());
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackoff() {
        fake.failNext(500, 502, 503);
        int id = page("Flaky");
        assertEquals(1, outbox.sendDue().retrying());
        app.clock().advance(Duration.ofSeconds(1));
        outbox.sendDue();
        assertEquals(1, fake.attempts(), "the first retry waits 2 s");
        app.clock().advance(Duration.ofSeconds(1));
        outbox.sendDue();
        assertEquals(2, fake.attempts());
        app.clock().advance(Duration.ofSeconds(3));
        outbox.sendDue();
        assertEquals(2, fake.attempts(), "the second retry waits 4 s");
        app.clock().advance(Duration.ofSeconds(1));
        outbox.sendDue();
        assertEquals(3, fake.attempts());
        app.clock().advance(Duration.ofSeconds(8));
        assertEquals(1, outbox.sendDue().sent());
        assertEquals(1, topLevelPostsFor(id));
        assertEquals(Duration.ofMinutes(5), SlackOutbox.backoff(30), "backoff is capped");
    }

    @Test
    void aTenMinuteOutageDelaysMessagesAndLosesNoneAndKeepsPerItemOrder() {
        fake.outage(FakeSlack.Outage.HTTP_503);
        int a = page("OutageA");
        int b = page("OutageB");
        // While Slack is down, someone acknowledges A from the HTTP API and clicks a button in an ephemeral card.
        app.http().postJson("/api/items/" + a + "/actions", "{\"action\": \"ack\", \"by\": \"alice\"}");
        slack.blockAction("wk_noise", String.valueOf(b), "wk_item:" + b, null, null, "UCAROL", true);
        int c = page("OutageC");

        for (int second = 0; second < 600; second += 10) {
            if (second == 300) {
                fake.outage(FakeSlack.Outage.DROP); // the second half: connections cut, no HTTP answer at all
            }
            app.clock().advance(Duration.ofSeconds(10));
            SlackOutbox.Run run = outbox.sendDue();
            assertEquals(0, run.sent());
            assertEquals(0, run.failed(), "an outage is never a permanent failure");
        }
        int attemptsDuringOutage = fake.attempts();
        assertTrue(attemptsDuringOutage < 60, "backoff keeps retries sparse: " + attemptsDuringOutage);
        assertTrue(fake.calls().isEmpty());

        fake.outage(FakeSlack.Outage.NONE);
        app.clock().advance(Duration.ofMinutes(5));
        outbox.sendDue();
        app.clock().advance(Duration.ofMinutes(5));
        outbox.sendDue();

        assertEquals(Map.of("pending", 0, "sent", 6, "failed", 0), outbox.counts());
        for (int id : List.of(a, b, c)) {
            assertEquals(1, topLevelPostsFor(id), "item " + id + " posted exactly once");
        }
        // A's update went after A's post and carried the ts that post got.
        List<FakeSlack.Call> calls = fake.calls();
        int postA = -1;
        int updateA = -1;
        for (int i = 0; i < calls.size(); i++) {
            FakeSlack.Call call = calls.get(i);
            if (call.method().equals("chat.postMessage") && call.param("text").contains("#" + a + " ")) {
                postA = i;
            }
            if (call.method().equals("chat.update") && call.blocksText().contains("#" + a + " ")) {
                updateA = i;
                assertTrue(call.blocksText().contains("State: *acknowledged*"), call.blocksText());
            }
        }
        assertTrue(postA >= 0 && updateA > postA, "post " + postA + " then update " + updateA + ": " + calls);
        // B was posted after it was marked noise: its one message already shows the truth.
        String postB = fake.calls("chat.postMessage").stream().filter(x -> x.param("text").contains("#" + b + " "))
                .findFirst().orElseThrow().blocksText();
        assertTrue(postB.contains("State: *noise*"), postB);
        // The ephemeral answer to the button reached its response_url too, once.
        assertEquals(1, fake.calls().stream().filter(x -> x.method().startsWith("response_url:")).count());
    }

    @Test
    void aPostWhoseAnswerWasLostIsFoundByItsKeyAndNotPostedAgain() {
        fake.outage(FakeSlack.Outage.ANSWER_LOST);
        int id = page("AnswerLost");
        SlackOutbox.Run run = outbox.sendDue();
        assertEquals(1, run.retrying(), "no answer: the outbox cannot know it was posted");
        assertEquals(1, topLevelPostsFor(id), "but Slack did post it");
        assertTrue(fake.calls("chat.postMessage").getFirst().param("metadata").contains("item:" + id + ":post"));

        fake.outage(FakeSlack.Outage.NONE);
        app.http().postJson("/api/items/" + id + "/actions", "{\"action\": \"noise\", \"by\": \"alice\"}");
        app.clock().advance(Duration.ofSeconds(2));
        outbox.sendDue();
        assertEquals(1, topLevelPostsFor(id), "the retry found the message by its key instead of posting again");
        assertEquals(1, fake.calls("chat.update").size());
        assertEquals("1800000000.000001", fake.calls("chat.update").getFirst().param("ts"));
        assertEquals(Map.of("pending", 0, "sent", 2, "failed", 0), outbox.counts());
    }

    @Test
    void aPermanentErrorGivesUpVisiblyAndCanBeRetriedAfterTheFix() {
        fake.errorNext("channel_not_found");
        int id = page("WrongChannel");
        app.http().postJson("/api/items/" + id + "/actions", "{\"action\": \"ack\", \"by\": \"alice\"}");
        SlackOutbox.Run run = outbox.sendDue();
        assertEquals(1, run.failed());
        assertEquals(0, fake.calls().size());
        // The update cannot go without the message; it fails too rather than wait for ever.
        outbox.sendDue();
        assertEquals(Map.of("pending", 0, "sent", 0, "failed", 2), outbox.counts());

        TestHttp.Response api = app.http().get("/api/slack/outbox");
        assertEquals(2, api.json().get("failed").asInt(), api.body());
        assertEquals("channel_not_found", api.json().get("recentFailures").get(1).get("error").asText(), api.body());

        Cli.Result cli = Cli.run(app.dbFile(), "slack", "outbox");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("failed 2"), cli.out());
        assertTrue(cli.out().contains("channel_not_found"), cli.out());

        cli = Cli.run(app.dbFile(), "slack", "outbox", "--retry-failed");
        assertTrue(cli.out().contains("Re-queued 2"), cli.out());
        outbox.sendDue();
        assertEquals(1, topLevelPostsFor(id));
        assertEquals(1, fake.calls("chat.update").size());
        assertEquals(Map.of("pending", 0, "sent", 2, "failed", 0), outbox.counts());
    }

    @Test
    void responseUrlsOutsideSlackAreNotCalledAndOldSentCallsArePruned() {
        assertTrue(outbox.allowedResponseUrl("https://hooks.slack.com/commands/T1/2/abc"));
        assertTrue(outbox.allowedResponseUrl(fake.responseUrl("ok")), "the configured API host (a proxy or fake)");
        assertFalse(outbox.allowedResponseUrl("https://evil.example/hooks.slack.com"));
        assertFalse(outbox.allowedResponseUrl("http://hooks.slack.com/commands/x"));
        assertFalse(outbox.allowedResponseUrl("https://slack.com.evil.example/x"));
        outbox.respond("https://evil.example/collect", dev.watchkeeper.core.Json.object().put("text", "secret"));
        assertEquals(0, outbox.counts().get("pending"));

        int id = page("Prune");
        outbox.sendDue();
        app.clock().advance(Duration.ofDays(15));
        assertEquals(1, outbox.pruneSent(app.clock().instant().minus(Duration.ofDays(14))));
        assertEquals(0, outbox.counts().get("sent"));
        // The item keeps its message: a later change still updates it, never posts a second one.
        app.http().postJson("/api/items/" + id + "/actions", "{\"action\": \"ack\", \"by\": \"alice\"}");
        outbox.sendDue();
        assertEquals(1, topLevelPostsFor(id));
        assertEquals(1, fake.calls("chat.update").size());
    }

    @Test
    void enqueueingTwiceKeepsOneCall() {
        int id = page("Twice");
        Database db = app.bean(Database.class);
        assertFalse(db.<Boolean>write(tx -> outbox.postItemMessage(tx, id, "C_ALERTS")), "the item already has its message");
        assertTrue(db.<Boolean>write(tx -> outbox.enqueue(tx, "custom:1", SlackOutbox.RESPOND, null, fake.responseUrl("x"), "{}")));
        assertFalse(db.<Boolean>write(tx -> outbox.enqueue(tx, "custom:1", SlackOutbox.RESPOND, null, fake.responseUrl("x"), "{}")));
        outbox.sendDue();
        outbox.sendDue();
        assertEquals(1, topLevelPostsFor(id));
        assertEquals(1, fake.calls("response_url:x").size());
        assertEquals(2, db.read(new OutboxStore()::counts).get("sent"));
    }
}
