package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.notify.ContactOutbox;
import dev.watchkeeper.notify.LoopbackWebhook;
import dev.watchkeeper.notify.PeopleDirectory;
import dev.watchkeeper.notify.WebhookSender;
import dev.watchkeeper.rotation.PagingService;
import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pages reach people on every channel they have — Slack DM (linked or found by e-mail), e-mail through a real SMTP
 * server (GreenMail), a webhook on a real loopback server — each once; someone who cannot be reached is named in
 * the rotation's channel and the page escalates at once. Slack's notifier against the fake Slack, test clock.
 */
class PagesReachPeopleTest {

    @TempDir
    Path dir;
    FakeSlack fake;
    GreenMail mail;
    LoopbackWebhook hook;
    TestApp app;
    PeopleDirectory people;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        hook = new LoopbackWebhook();
        Map<String, Object> props = new LinkedHashMap<>(fake.appProperties("pages-secret"));
        props.put("slack.alerts-channel", ""); // only pages and announcements in the outbox
        props.put("watchkeeper.test.record-notifications", "false");
        props.put("watchkeeper.base-url", "https://wk.example.com");
        props.put("watchkeeper.notify.smtp.host", "127.0.0.1");
        props.put("watchkeeper.notify.smtp.port", mail.getSmtp().getPort());
        props.put("watchkeeper.notify.smtp.tls", "none");
        props.put("watchkeeper.notify.smtp.from", "oncall@wk.example.com");
        app = TestApp.start(dir, props);
        people = app.bean(PeopleDirectory.class);
        // The test clock starts on Monday 2026-03-02 09:00 UTC: shift 0, alice is primary, then bob, then carol.
        TestHttp.Response r = app.http().postJson("/api/rotations", """
                {"name": "ml", "members": ["alice", "bob", "carol"], "zone": "UTC",
                 "handoffDay": "monday", "handoffTime": "09:00", "channel": "C_ML"}""");
        assertEquals(201, r.status(), r.body());
        link("alice", "UALICE", null, null, null);
        link("bob", "UBOB", null, null, null);
        send();
        fake.reset();
    }

    @AfterEach
    void stop() {
        app.close();
        fake.close();
        mail.stop();
        hook.close();
    }

    void link(String who, String slack, String email, String webhook, String secret) {
        people.link(who, new PeopleDirectory.Change(slack, email, webhook, secret), who);
    }

    void send() {
        app.bean(AlertPipeline.class).drain();
        app.bean(SlackOutbox.class).sendDue();
        app.bean(ContactOutbox.class).sendDue();
    }

    int alert(String name) {
        TestHttp.Response r = app.http().postJson("/api/alerts",
                "{\"alertname\": \"" + name + "\", \"severity\": \"critical\", \"service\": \"svc\"}");
        assertEquals(201, r.status(), r.body());
        app.bean(AlertPipeline.class).drain();
        return r.json().get("alerts").get(0).get("itemId").asInt();
    }

    List<FakeSlack.Call> postsTo(String channel) {
        return fake.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).toList();
    }

    @Test
    void aPageGoesToEveryChannelOnceWithOneKey() throws Exception {
        link("alice", null, "alice@example.com", hook.url(), "s3cret");
        int id = alert("DiskFull");
        send();
        send();

        List<FakeSlack.Call> dms = postsTo("UALICE");
        assertEquals(1, dms.size(), fake.calls().toString());
        String prefix = "page:" + id + ":0.0:";
        assertTrue(dms.getFirst().param("metadata").contains(prefix), dms.getFirst().param("metadata"));
        assertTrue(dms.getFirst().blocksText().contains("Just acknowledge"), "the DM has the item's buttons");

        MimeMessage[] got = mail.getReceivedMessages();
        assertEquals(1, got.length);
        assertEquals("alice@example.com", got[0].getAllRecipients()[0].toString());
        assertEquals("oncall@wk.example.com", got[0].getFrom()[0].toString());
        assertTrue(got[0].getSubject().contains("#" + id + " "), got[0].getSubject());
        String body = (String) got[0].getContent();
        assertTrue(body.contains("Paged: #" + id) && body.contains("https://wk.example.com/api/items/" + id), body);
        assertTrue(got[0].getHeader("X-Watchkeeper-Key")[0].startsWith(prefix));

        List<LoopbackWebhook.Request> calls = hook.requests();
        assertEquals(1, calls.size());
        LoopbackWebhook.Request call = calls.getFirst();
        assertEquals("sha256=" + WebhookSender.sign("s3cret", call.body()), call.header(WebhookSender.SIGNATURE));
        assertNotEquals("sha256=" + WebhookSender.sign("other", call.body()), call.header(WebhookSender.SIGNATURE));
        JsonNode event = Json.parse(call.body());
        assertEquals(id, event.get("item").get("id").asInt());
        assertEquals("alice", event.get("person").asText());
        assertEquals(event.get("key").asText(), call.header(WebhookSender.KEY));
        assertTrue(event.get("key").asText().startsWith(prefix));

        // Paged again (a retried event): nothing new anywhere.
        app.bean(PagingService.class).pageOnCall(id);
        send();
        assertEquals(1, postsTo("UALICE").size());
        assertEquals(1, mail.getReceivedMessages().length);
        assertEquals(1, hook.requests().size());
        assertFalse(app.bean(ContactOutbox.class).email(event.get("key").asText().replace("webhook", "email"),
                "alice@example.com", "again", "again"), "the same key is one e-mail");
    }

    private static void assertNotEquals(String a, String b) {
        assertFalse(a.equals(b));
    }

    @Test
    void aDmWhoseAnswerWasLostIsNotSentTwice() {
        fake.outage(FakeSlack.Outage.ANSWER_LOST);
        int id = alert("AnswerLost");
        SlackOutbox outbox = app.bean(SlackOutbox.class);
        assertEquals(1, outbox.sendDue().retrying(), "no answer: retried");
        assertEquals(1, postsTo("UALICE").size(), "but Slack had posted it");
        fake.outage(FakeSlack.Outage.NONE);
        app.clock().advance(Duration.ofSeconds(3));
        assertEquals(1, outbox.sendDue().sent());
        assertEquals(1, postsTo("UALICE").size(), "the retry found the message by its key instead of paging again");
        List<FakeSlack.Call> opened = fake.calls("conversations.open");
        assertEquals(1, opened.size(), "the retry opened the DM to look in its history");
        assertEquals("UALICE", opened.getFirst().param("users"));
        assertEquals(Map.of("pending", 0, "sent", 1, "failed", 0), outbox.counts());
        assertTrue(app.bean(Database.class).read(dsl -> new OutboxStore().recent(dsl, null, 5)).stream()
                .anyMatch(r -> r.idempotencyKey().startsWith("page:" + id + ":0.0:") && r.state().equals("sent")));
    }

    @Test
    void oneLostAnswerIsNotRepeatedByTheHttpClient() {
        fake.loseNextAnswer(); // once: the HTTP client must not quietly send the page again on a new connection
        int id = alert("LostOnce");
        SlackOutbox outbox = app.bean(SlackOutbox.class);
        assertEquals(1, outbox.sendDue().retrying(), "the outbox saw the broken connection");
        app.clock().advance(Duration.ofSeconds(3));
        assertEquals(1, outbox.sendDue().sent());
        assertEquals(1, postsTo("UALICE").size(), "one page in alice's DM: " + fake.calls());
        assertTrue(postsTo("UALICE").getFirst().param("text").contains("#" + id));
    }

    @Test
    void someoneOnCallByOverrideWhoNeverUsedSlackIsFoundByEmail() throws Exception {
        link("dave", null, "dave@example.com", null, null);
        fake.user("dave@example.com", "UDAVE");
        TestHttp.Response r = app.http().postJson("/api/rotations/ml/overrides", """
                {"by": "alice", "person": "dave", "from": "2026-03-02T08:00:00Z", "to": "2026-03-02T20:00:00Z"}""");
        assertEquals(201, r.status(), r.body());
        int id = alert("OverrideCover");
        send();
        assertEquals(1, fake.calls("users.lookupByEmail").size());
        List<FakeSlack.Call> dms = postsTo("UDAVE");
        assertEquals(1, dms.size(), fake.calls().toString());
        assertTrue(dms.getFirst().param("text").contains("Paged: #" + id), dms.getFirst().param("text"));
        assertEquals("UDAVE", people.show("dave").slackUserId(), "linked for next time");
        assertEquals(1, mail.getReceivedMessages().length, "and e-mailed");
        assertEquals(0, app.bean(PagingService.class).page(id).orElseThrow().level(), "reached: no escalation");
    }

    @Test
    void someoneWhoCannotBeReachedIsNamedInTheChannelAndTheNextIsPagedAtOnce() {
        TestHttp.Response r = app.http().postJson("/api/rotations/ml/overrides", """
                {"by": "alice", "person": "erin", "from": "2026-03-02T08:00:00Z", "to": "2026-03-02T20:00:00Z"}""");
        assertEquals(201, r.status(), r.body());
        send();
        fake.reset();
        int id = alert("NobodyHome");
        send();
        List<String> channel = postsTo("C_ML").stream().map(c -> c.param("text")).toList();
        assertTrue(channel.stream().anyMatch(t -> t.startsWith("Could not reach erin about #" + id)
                && t.contains("no Slack user, e-mail or webhook")), channel.toString());
        assertTrue(channel.stream().anyMatch(t -> t.startsWith("Escalated to alice: #" + id)), channel.toString());
        List<FakeSlack.Call> dms = postsTo("UALICE");
        assertEquals(1, dms.size());
        assertTrue(dms.getFirst().param("text").startsWith("Escalated to you: #" + id), dms.getFirst().param("text"));
        assertEquals(2, app.bean(PagingService.class).page(id).orElseThrow().level(), "without waiting for the timeout");
    }

    @Test
    void whenEveryChannelFailsForGoodThePageEscalates() {
        link("alice", null, null, hook.url(), null);
        hook.answerAlways(404);
        fake.errorNext("account_inactive");
        int id = alert("AllFail");
        app.bean(SlackOutbox.class).sendDue();
        assertEquals(0, app.bean(PagingService.class).page(id).orElseThrow().level(),
                "Slack failed for good but the webhook is still pending: not yet unreachable");
        assertTrue(postsTo("C_ML").isEmpty());

        app.bean(ContactOutbox.class).sendDue(); // 404: the webhook fails for good too
        assertEquals(2, app.bean(PagingService.class).page(id).orElseThrow().level());
        send();
        List<String> channel = postsTo("C_ML").stream().map(c -> c.param("text")).toList();
        assertTrue(channel.stream().anyMatch(t -> t.startsWith("Could not reach alice about #" + id)
                && t.contains("account_inactive") && t.contains("HTTP 404")), channel.toString());
        assertEquals(1, postsTo("UBOB").size(), "bob is paged at once");
    }

    @Test
    void aWebhookThatFailsIsRetriedWithTheSameKey() {
        link("alice", null, null, hook.url(), "k");
        hook.answerNext(503);
        int id = alert("HookRetry");
        ContactOutbox contacts = app.bean(ContactOutbox.class);
        assertEquals(1, contacts.sendDue().retrying());
        app.clock().advance(Duration.ofSeconds(1));
        assertEquals(0, contacts.sendDue().sent(), "the first retry waits 2 s");
        app.clock().advance(Duration.ofSeconds(1));
        assertEquals(1, contacts.sendDue().sent());
        List<LoopbackWebhook.Request> calls = hook.requests();
        assertEquals(2, calls.size());
        assertEquals(calls.get(0).header(WebhookSender.KEY), calls.get(1).header(WebhookSender.KEY));
        assertTrue(calls.get(1).header(WebhookSender.KEY).startsWith("page:" + id + ":"));
        assertEquals(Map.of("pending", 0, "sent", 1, "failed", 0), contacts.counts());
    }
}
