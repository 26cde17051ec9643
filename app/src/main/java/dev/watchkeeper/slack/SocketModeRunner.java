package dev.watchkeeper.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Socket Mode, for teams that cannot expose a public URL: when {@code SLACK_APP_TOKEN} is set the server
 * opens a WebSocket to Slack and the same Bolt app handles what arrives. Connecting happens in the
 * background and is retried, so an unreachable Slack never stops the server from starting.
 */
@Context
@Requires(env = "server")
@Requires(condition = SlackConfigured.class)
@Requires(property = "slack.app-token", pattern = ".+")
public class SocketModeRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SocketModeRunner.class);

    private final String appToken;
    private final App app;
    private final Thread connector;
    private volatile SocketModeApp socketMode;
    private volatile boolean stopped;

    public SocketModeRunner(SlackConfig config, App app) {
        this.appToken = config.appToken();
        this.app = app;
        this.connector = Thread.ofVirtual().name("slack-socket-mode").start(this::connect);
    }

    private void connect() {
        for (int attempt = 1; !stopped; attempt++) {
            try {
                SocketModeApp s = new SocketModeApp(appToken, app, SocketModeClient.Backend.JavaWebSocket);
                s.startAsync();
                socketMode = s;
                LOG.info("Slack Socket Mode connected");
                return;
            } catch (Exception e) {
                Duration wait = SlackOutbox.backoff(attempt);
                LOG.warn("Slack Socket Mode could not connect ({}); retrying in {} s", e.toString(), wait.toSeconds());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** True once the WebSocket session is open. */
    public boolean connected() {
        return socketMode != null && socketMode.getClient() != null && socketMode.getClient().verifyConnection();
    }

    @PreDestroy
    void stop() throws Exception {
        stopped = true;
        connector.interrupt();
        if (socketMode != null) {
            socketMode.stop();
        }
    }
}
