package dev.watchkeeper.slack;

import dev.watchkeeper.db.Database;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Whether Slack calls are enqueued in this process, and where alert messages go. A process with a bot token
 * enqueues (and the server sends). A process without Slack settings — typically the CLI — still enqueues when a
 * server with Slack settings shares the database (it leaves a mark in {@code slack_sender}); that server's outbox
 * sender delivers the calls. Without either, nothing is enqueued (nothing would ever send it).
 */
@Singleton
public class SlackDelivery {

    private static final long RECHECK_NANOS = 30_000_000_000L;

    private final SlackConfig config;
    private final Database db;
    private final SlackSenderStore store;
    private volatile Optional<String> marker;
    private volatile long checkedAt;

    public SlackDelivery(SlackConfig config, Database db, SlackSenderStore store) {
        this.config = config;
        this.db = db;
        this.store = store;
    }

    public boolean enabled() {
        return config.hasBotToken() || sender().isPresent();
    }

    /** The alerts channel: configured here, else the one of the Slack-sending server; null when none. */
    public String alertsChannel() {
        if (config.hasAlertsChannel()) {
            return config.alertsChannel();
        }
        if (config.hasBotToken()) {
            return null;
        }
        return sender().filter(c -> !c.isBlank()).orElse(null);
    }

    private Optional<String> sender() {
        long now = System.nanoTime();
        Optional<String> m = marker;
        if (m == null || now - checkedAt > RECHECK_NANOS) {
            m = db.read(store::find);
            marker = m;
            checkedAt = now;
        }
        return m;
    }
}
