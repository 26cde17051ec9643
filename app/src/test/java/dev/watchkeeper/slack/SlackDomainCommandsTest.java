package dev.watchkeeper.slack;

import dev.watchkeeper.rotation.OncallNotifier;
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

/** {@code /oncall}, {@code /report} and rotation notifications delivered through Slack. */
class SlackDomainCommandsTest {

    static final String SECRET = "domains-secret";

    @TempDir
    Path dir;
    FakeSlack fake;
    TestApp app;
    SlackRequests slack;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        app = TestApp.start(dir, fake.appProperties(SECRET));
        slack = new SlackRequests(app, SECRET, fake);
    }

    @AfterEach
    void stop() {
        app.close();
        fake.close();
    }

    @Test
    void oncallAndReportAnswerInSlack() {
        TestHttp.Response r = slack.command("/oncall", "help", "UALICE", "alice");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("text").asText().contains("/oncall schedule"), r.body());

        r = slack.command("/report", "help", "UALICE", "alice");
        assertEquals("Working on it…", r.json().get("text").asText());
        app.bean(SlackLater.class).drain();
        app.bean(SlackOutbox.class).sendDue();
        List<FakeSlack.Call> answers = fake.calls().stream().filter(c -> c.method().startsWith("response_url:")).toList();
        assertEquals(1, answers.size());
        assertTrue(answers.getFirst().json().get("text").asText().contains("/report shift"), answers.toString());
    }

    @Test
    void pagesGoToThePersonsDmWithButtonsAndStrangersAreNotGuessed() {
        slack.command("/triage", "help", "UALICE", "alice"); // alice has now used Slack
        TestHttp.Response alert = app.http().postJson("/api/alerts", "{\"alertname\": \"Disk\", \"severity\": \"critical\"}");
        app.bean(AlertPipeline.class).drain();
        int id = alert.json().get("alerts").get(0).get("itemId").asInt();
        app.bean(SlackOutbox.class).sendDue();
        fake.reset();

        // Tests of rotations record notifications (a @Primary bean); in the server Slack's is the notifier.
        OncallNotifier notifier = app.bean(SlackOncallNotifier.class);
        notifier.pagePerson("core", "alice", id, "You are paged for <!channel> #" + id, "page:" + id + ":0.0:1:slack");
        notifier.pagePerson("core", "nobody", id, "never delivered", "page:" + id + ":0.0:2:slack");
        notifier.announce("core", "C_CORE", "alice is paged");
        notifier.shadowCopy("core", "alice", id, "What would you do?");
        app.bean(SlackOutbox.class).sendDue();

        List<FakeSlack.Call> posts = fake.calls("chat.postMessage");
        assertEquals(3, posts.size(), posts.toString());
        FakeSlack.Call page = posts.get(0);
        assertEquals("UALICE", page.param("channel"));
        assertTrue(page.param("text").contains("&lt;!channel&gt;"), page.param("text"));
        assertTrue(page.blocksText().contains("Just acknowledge"), page.blocksText());
        assertEquals("C_CORE", posts.get(1).param("channel"));
        assertTrue(posts.get(2).blocksText().contains("wk_guess_noise"), posts.get(2).blocksText());
        assertFalse(fake.calls().stream().anyMatch(c -> "never delivered".equals(c.param("text"))));

        // A guess without a shadow copy is answered with the reason, privately.
        TestHttp.Response r = slack.blockAction("wk_guess_noise", id + "|noise", "b1", null, null, "UALICE", false);
        assertEquals(200, r.status(), r.body());
        app.bean(SlackOutbox.class).sendDue();
        String answer = fake.calls().getLast().json().get("text").asText();
        assertTrue(answer.contains("no shadow copy"), answer);
    }
}
