package dev.watchkeeper.slack;

import com.slack.api.Slack;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.testing.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file goes out through the SDK's files.uploadV2, which makes the three calls of Slack's external upload
 * flow against the fake: an upload URL (on the fake's loopback port), the bytes POSTed there, the completion
 * into the channel. Each failing step maps to what the outbox should do next.
 */
class SlackUploadTest {

    FakeSlack fake;
    Slack sdk;
    SlackCalls calls;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        com.slack.api.SlackConfig config = new com.slack.api.SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        config.setStatsEnabled(false);
        sdk = Slack.getInstance(config);
        calls = new SlackCalls(SlackSdk.of(sdk), new SlackConfig("xoxb-test", null, null, fake.apiUrl(), null));
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        fake.close();
    }

    @Test
    void filesUploadV2ReachesTheThreeEndpointsInOrder() {
        byte[] bytes = "not really a png, but bytes".getBytes(StandardCharsets.UTF_8);
        SlackCalls.Outcome outcome = calls.uploadFile("C_ML", "chart.png", "Alerts this week", "paged vs quiet", bytes);

        assertEquals(new SlackCalls.Outcome.Sent(null, "C_ML"), outcome);
        List<String> order = fake.calls().stream().map(FakeSlack.Call::method).toList();
        FakeSlack.Call getUrl = fake.calls("files.getUploadURLExternal").getFirst();
        FakeSlack.Call complete = fake.calls("files.completeUploadExternal").getFirst();
        String fileId = Json.parse(complete.param("files")).get(0).get("id").asText();
        assertEquals(List.of("files.getUploadURLExternal", "upload:" + fileId, "files.completeUploadExternal"), order);
        assertEquals("chart.png", getUrl.param("filename"));
        assertEquals(String.valueOf(bytes.length), getUrl.param("length"));
        assertArrayEquals(bytes, fake.uploaded(fileId), "the bytes reached the upload URL on the loopback server");
        assertEquals("C_ML", complete.param("channel_id"));
        assertEquals("paged vs quiet", complete.param("initial_comment"));
        assertEquals("Alerts this week", Json.parse(complete.param("files")).get(0).get("title").asText());
    }

    @Test
    void eachFailingStepSaysWhetherToTryAgain() {
        byte[] bytes = new byte[100];
        Arrays.fill(bytes, (byte) 7);

        fake.errorNext("invalid_auth");
        assertEquals(new SlackCalls.Outcome.Permanent("invalid_auth"), calls.uploadFile("C1", "a.png", "a", null, bytes));

        fake.uploadStatus(503);
        SlackCalls.Outcome retry = calls.uploadFile("C1", "a.png", "a", null, bytes);
        assertInstanceOf(SlackCalls.Outcome.Retry.class, retry);
        assertTrue(((SlackCalls.Outcome.Retry) retry).error().contains("503"), retry.toString());

        fake.uploadStatus(413);
        SlackCalls.Outcome refused = calls.uploadFile("C1", "a.png", "a", null, bytes);
        assertInstanceOf(SlackCalls.Outcome.Permanent.class, refused);
        assertTrue(((SlackCalls.Outcome.Permanent) refused).error().contains("413"), refused.toString());
        assertEquals(0, fake.calls("files.completeUploadExternal").size(), "nothing is completed after a failed upload");

        fake.uploadStatus(200);
        assertEquals(new SlackCalls.Outcome.Sent(null, "C1"), calls.uploadFile("C1", "a.png", "a", null, bytes));
        assertEquals(1, fake.calls("files.completeUploadExternal").size());
    }
}
