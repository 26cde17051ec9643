package dev.watchkeeper.slack;

import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.SlackRequests;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Correctly signed Slack requests whose content is malformed: 400 in our shape, never 500. */
class SlackMalformedPayloadTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    @TempDir
    Path dir;
    TestApp app;
    FakeSlack fake;
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

    static void assertBadRequest(TestHttp.Response r, String field) {
        assertEquals(400, r.status(), r.body());
        assertTrue(r.json().get("error").asText().startsWith(field), r.body());
        assertTrue(r.json().get("errors").isArray(), r.body());
    }

    @Test
    void aSlashCommandWithAnEmptyUserIdIs400() {
        assertBadRequest(slack.command("/triage", "queue", "", "alice"), "user_id");
        assertBadRequest(slack.command("/oncall", "swap ml with bob +292278994-08-10 2026-03-09", "", "x"), "user_id");
    }

    @Test
    void aPayloadThatIsNotAnObjectIs400() {
        for (String payload : new String[]{"[]", "\"x\"", "42", "null", "{", "{\"type\": \"block_actions\", \"user\": {\"id\": \"\"}}"}) {
            TestHttp.Response r = slack.signedForm("payload=" + java.net.URLEncoder.encode(payload,
                    java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(400, r.status(), payload + " → " + r.body());
        }
    }

    @Test
    void aFarDateInOncallSwapIsAnsweredAtOnce() {
        TestHttp.Response r = slack.command("/oncall", "swap ml with bob +292278994-08-10T00:00:00Z 2026-03-09", "U1", "alice");
        assertTrue(r.status() < 500, r.status() + " " + r.body());
    }
}
