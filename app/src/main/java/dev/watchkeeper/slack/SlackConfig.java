package dev.watchkeeper.slack;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code slack.*}: tokens and where things go. Empty values mean "not set" (the placeholders in
 * watchkeeper-defaults.yml default to empty strings).
 *
 * @param botToken       xoxb-… ({@code SLACK_BOT_TOKEN})
 * @param signingSecret  verifies requests to {@code /slack/events} ({@code SLACK_SIGNING_SECRET})
 * @param appToken       xapp-…: Socket Mode instead of HTTP ({@code SLACK_APP_TOKEN})
 * @param apiUrl         the Web API prefix ({@code SLACK_API_URL}), e.g. a local fake in tests
 * @param alertsChannel  where paged items are posted ({@code SLACK_ALERTS_CHANNEL})
 */
@ConfigurationProperties("slack")
public record SlackConfig(@Nullable String botToken,
                          @Nullable String signingSecret,
                          @Nullable String appToken,
                          @Bindable(defaultValue = "https://slack.com/api/") String apiUrl,
                          @Nullable String alertsChannel) {

    public boolean hasBotToken() {
        return set(botToken);
    }

    public boolean socketMode() {
        return hasBotToken() && set(appToken);
    }

    /** Requests can be taken: over HTTP (signing secret) or over Socket Mode (app token). */
    public boolean configured() {
        return hasBotToken() && (set(signingSecret) || set(appToken));
    }

    public boolean hasAlertsChannel() {
        return set(alertsChannel);
    }

    public String methodsUrlPrefix() {
        return apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    static boolean set(String s) {
        return s != null && !s.isBlank();
    }
}
