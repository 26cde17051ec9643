package dev.watchkeeper.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;

/** The Slack SDK client, the Bolt app built from {@code slack.*}, and the Slack stores. */
@Factory
public class SlackFactory {

    /** The Web API client, for Bolt (the server builds it when it starts its Slack app). */
    @Singleton
    @Requires(condition = SlackConfigured.class)
    Slack slack(SlackSdk sdk) {
        return sdk.get();
    }

    @Singleton
    @Requires(condition = SlackConfigured.class)
    AppConfig appConfig(SlackConfig config, Slack slack) {
        return AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(config.botToken())
                .signingSecret(SlackConfig.set(config.signingSecret()) ? config.signingSecret() : null)
                // The controller verifies signatures itself against the injected Clock (Bolt's
                // middleware reads the system clock, which tests cannot move).
                .requestVerificationEnabled(false)
                .build();
    }

    /** The Bolt app with every domain's handlers ({@link SlackHandlers} beans) registered. */
    @Singleton
    @Requires(condition = SlackConfigured.class)
    App app(AppConfig appConfig, List<SlackHandlers> handlers) {
        List<Middleware> middleware = List.of(new SSLCheck(null), new BotTokenMiddleware(appConfig.getSingleTeamBotToken()));
        App app = new App(appConfig, new java.util.ArrayList<>(middleware));
        for (SlackHandlers h : handlers) {
            h.register(app);
        }
        return app;
    }

    @Singleton
    OutboxStore outboxStore() {
        return new OutboxStore();
    }

    @Singleton
    SlackMessageStore slackMessageStore() {
        return new SlackMessageStore();
    }
}
