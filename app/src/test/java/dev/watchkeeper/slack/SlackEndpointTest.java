package dev.watchkeeper.slack;

import com.slack.api.app_backend.SlackSignature;
import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.SlackRequests;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /slack/events}: signature verification, url_verification, and behaviour when Slack is not set up. */
class SlackEndpointTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    @TempDir
    Path dir;
    TestApp app;
    FakeSlack fake;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private SlackRequests startWithSlack() {
        fake = FakeSlack.start();
        app = TestApp.start(dir, fake.appProperties(SECRET));
        return new SlackRequests(app, SECRET, fake);
    }

    private static final String HELP = "token=x&team_id=T1&user_id=U1&user_name=alice&command=%2Ftriage&text=help"
            + "&response_url=http%3A%2F%2F127.0.0.1%3A1%2Fr&trigger_id=1";

    @Test
    void aCorrectlySignedCommandIsAnswered() {
        SlackRequests slack = startWithSlack();
        TestHttp.Response r = slack.signedForm(HELP);
        assertEquals(200, r.status(), r.body());
        assertEquals("ephemeral", r.json().get("response_type").asText());
        assertTrue(r.json().get("text").asText().contains("/triage snooze ID 2h"), r.body());
    }

    @Test
    void aForgedSignatureIs401() {
        startWithSlack();
        String ts = String.valueOf(app.clock().instant().getEpochSecond());
        String forged = new SlackSignature.Generator("not-the-secret").generate(ts, HELP);
        TestHttp.Response r = app.http().post("/slack/events", "application/x-www-form-urlencoded", HELP,
                "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", forged);
        assertEquals(401, r.status());
        assertTrue(r.json().get("error").asText().contains("does not match"), r.body());
    }

    @Test
    void aBodyChangedAfterSigningIs401() {
        startWithSlack();
        String ts = String.valueOf(app.clock().instant().getEpochSecond());
        String sig = new SlackSignature.Generator(SECRET).generate(ts, HELP);
        TestHttp.Response r = app.http().post("/slack/events", "application/x-www-form-urlencoded",
                HELP.replace("text=help", "text=noise+1"), "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", sig);
        assertEquals(401, r.status());
    }

    @Test
    void aTimestampOlderThanFiveMinutesIs401EvenWhenCorrectlySigned() {
        SlackRequests slack = startWithSlack();
        long sixMinutesAgo = app.clock().instant().getEpochSecond() - 6 * 60;
        TestHttp.Response r = slack.post("application/x-www-form-urlencoded", HELP, sixMinutesAgo);
        assertEquals(401, r.status());
        assertTrue(r.json().get("error").asText().contains("5 minutes"), r.body());
        // Four minutes is still fine.
        assertEquals(200, slack.post("application/x-www-form-urlencoded", HELP,
                app.clock().instant().getEpochSecond() - 4 * 60).status());
    }

    @Test
    void missingHeadersAre401() {
        startWithSlack();
        String ts = String.valueOf(app.clock().instant().getEpochSecond());
        assertEquals(401, app.http().post("/slack/events", "application/x-www-form-urlencoded", HELP).status());
        TestHttp.Response r = app.http().post("/slack/events", "application/x-www-form-urlencoded", HELP,
                "X-Slack-Request-Timestamp", ts);
        assertEquals(401, r.status());
        assertTrue(r.json().get("error").asText().contains("missing"), r.body());
    }

    @Test
    void urlVerificationEchoesTheChallenge() {
        SlackRequests slack = startWithSlack();
        TestHttp.Response r = slack.signedJson("{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"), r.body());
    }

    @Test
    void withoutSlackConfiguredTheEndpointSays503AndTheRestWorks() {
        app = TestApp.start(dir);
        TestHttp.Response r = app.http().post("/slack/events", "application/x-www-form-urlencoded", HELP);
        assertEquals(503, r.status());
        assertTrue(r.json().get("error").asText().contains("SLACK_BOT_TOKEN"), r.body());
        assertEquals(200, app.http().get("/health").status());
        assertEquals(201, app.http().postJson("/api/alerts", "{\"alertname\": \"DiskFull\", \"severity\": \"critical\"}")
                .status());
    }

    @Test
    void inSocketModeHttpRequestsAreRefused() {
        fake = FakeSlack.start();
        Map<String, Object> props = new HashMap<>(fake.appProperties(SECRET));
        props.put("slack.app-token", "xapp-1-test");
        app = TestApp.start(dir, props);
        TestHttp.Response r = new SlackRequests(app, SECRET, fake).signedForm(HELP);
        assertEquals(404, r.status());
        assertTrue(r.json().get("error").asText().contains("Socket Mode"), r.body());
    }
}
