package dev.watchkeeper.slack;

import com.slack.api.Slack;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.function.Supplier;

/**
 * The Slack SDK's client, built on its first call. Building it starts an HTTP client with TLS, which a command
 * that only records Slack calls in the outbox (most writes) never needs; the server's first send builds it.
 */
@Singleton
public class SlackSdk implements AutoCloseable {

    private final Supplier<Slack> build;
    private Slack slack;

    /** The Web API client; its URL prefix is {@code SLACK_API_URL} so tests and staging can use a local server. */
    public SlackSdk(SlackConfig config) {
        this(() -> {
            com.slack.api.SlackConfig sdk = new com.slack.api.SlackConfig();
            sdk.setMethodsEndpointUrlPrefix(config.methodsUrlPrefix());
            sdk.setPrettyResponseLoggingEnabled(false);
            sdk.setStatsEnabled(false);
            return Slack.getInstance(sdk);
        });
    }

    private SlackSdk(Supplier<Slack> build) {
        this.build = build;
    }

    /** A client built elsewhere (tests). */
    static SlackSdk of(Slack slack) {
        return new SlackSdk(() -> slack);
    }

    public synchronized Slack get() {
        if (slack == null) {
            slack = build.get();
        }
        return slack;
    }

    @Override
    @PreDestroy
    public synchronized void close() throws Exception {
        if (slack != null) {
            slack.close();
            slack = null;
        }
    }
}
