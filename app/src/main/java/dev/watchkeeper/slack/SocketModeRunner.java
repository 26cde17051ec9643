package dev.watchkeeper.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode, for teams that cannot expose a public URL: when {@code SLACK_APP_TOKEN} is set the server
 * opens a WebSocket to Slack and the same Bolt app handles what arrives. Server only.
 */
@Context
@Requires(env = "server")
@Requires(condition = SlackConfigured.class)
@Requires(property = "slack.app-token", pattern = ".+")
public class SocketModeRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SocketModeRunner.class);

    private final SocketModeApp socketMode;

    public SocketModeRunner(SlackConfig config, App app) throws Exception {
        this.socketMode = new SocketModeApp(config.appToken(), app, SocketModeClient.Backend.JavaWebSocket);
        socketMode.startAsync();
        LOG.info("Slack Socket Mode started");
    }

    @PreDestroy
    void stop() throws Exception {
        socketMode.stop();
    }
}
