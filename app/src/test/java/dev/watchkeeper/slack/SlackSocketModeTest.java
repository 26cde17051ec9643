package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.bolt.App;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.TestApp;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Socket Mode: a slash command arriving over the WebSocket is answered by the same Bolt app. */
class SlackSocketModeTest {

    @TempDir
    Path dir;

    @Test
    void aSlashCommandOverTheSocketIsAcknowledgedWithTheAnswer() throws Exception {
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        BlockingQueue<String> fromApp = new LinkedBlockingQueue<>();
        WebSocket[] socket = new WebSocket[1];
        WebSocketServer slackSide = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                socket[0] = conn;
                conn.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A1\"}}");
                opened.countDown();
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
                fromApp.add(message);
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
            }

            @Override
            public void onStart() {
                started.countDown();
            }
        };
        slackSide.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        try (FakeSlack fake = FakeSlack.start()) {
            fake.socketModeUrl("ws://127.0.0.1:" + slackSide.getPort() + "/link");
            Map<String, Object> props = new HashMap<>(fake.appProperties("unused"));
            props.remove("slack.signing-secret");
            props.put("slack.app-token", "xapp-1-test");
            try (TestApp app = TestApp.start(dir, props)) {
                // The runner is server-only; the test starts one by hand against the fake.
                SocketModeRunner runner = new SocketModeRunner(app.bean(SlackConfig.class), app.bean(App.class));
                try {
                    assertTrue(opened.await(20, TimeUnit.SECONDS), "the app connected to the socket URL");
                    String payload = Json.write(Json.object().put("token", "x").put("team_id", "T1")
                            .put("user_id", "USOCK").put("user_name", "sam").put("command", "/triage").put("text", "help")
                            .put("response_url", fake.responseUrl("sock")).put("trigger_id", "1"));
                    socket[0].send("{\"envelope_id\":\"env-1\",\"type\":\"slash_commands\",\"accepts_response_payload\":true,"
                            + "\"payload\":" + payload + "}");
                    String reply = null;
                    for (int i = 0; i < 10 && reply == null; i++) {
                        String m = fromApp.poll(2, TimeUnit.SECONDS);
                        if (m != null && m.contains("env-1")) {
                            reply = m;
                        }
                    }
                    assertNotNull(reply, "the envelope was acknowledged");
                    JsonNode ack = Json.parse(reply);
                    assertEquals("env-1", ack.get("envelope_id").asText());
                    assertTrue(ack.get("payload").get("text").asText().contains("/triage snooze ID 2h"), reply);
                } finally {
                    runner.stop();
                }
            }
        } finally {
            slackSide.stop(1000);
        }
    }
}
