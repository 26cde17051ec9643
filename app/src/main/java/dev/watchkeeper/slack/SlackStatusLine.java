package dev.watchkeeper.slack;

import dev.watchkeeper.core.StatusLine;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Says at start whether Slack is connected, and how to connect it when it is not. */
@Singleton
public class SlackStatusLine implements StatusLine {

    private final String botToken;
    private final String signingSecret;
    private final String appToken;
    private final String alertsChannel;

    public SlackStatusLine(@Value("${slack.bot-token:}") String botToken,
                           @Value("${slack.signing-secret:}") String signingSecret,
                           @Value("${slack.app-token:}") String appToken,
                           @Value("${slack.alerts-channel:}") String alertsChannel) {
        this.botToken = botToken;
        this.alertsChannel = alertsChannel;
        this.signingSecret = signingSecret;
        this.appToken = appToken;
    }

    @Override
    public String describe() {
        if (botToken.isBlank() || (signingSecret.isBlank() && appToken.isBlank())) {
            return "Slack: not configured — set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)";
        }
        String mode = appToken.isBlank() ? "Slack: HTTP mode, requests at /slack/events" : "Slack: Socket Mode";
        return mode + (alertsChannel.isBlank() ? "; alert messages off (set SLACK_ALERTS_CHANNEL)"
                : "; paged items go to " + alertsChannel);
    }

    @Override
    public int getOrder() {
        return 10;
    }
}
