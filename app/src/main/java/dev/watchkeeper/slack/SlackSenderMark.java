package dev.watchkeeper.slack;

import dev.watchkeeper.core.Environments;
import dev.watchkeeper.db.Database;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;

import java.time.Clock;

/**
 * At start, a server with a bot token marks the database as having a Slack sender (with its alerts channel), so
 * that CLI commands without Slack settings enqueue their Slack calls for it ({@link SlackDelivery}); a server
 * without one removes the mark.
 */
@Context
@Requires(env = Environments.SERVER)
public class SlackSenderMark {

    public SlackSenderMark(SlackConfig config, Database db, SlackSenderStore store, Clock clock) {
        if (config.hasBotToken()) {
            db.writeVoid(tx -> store.mark(tx, config.hasAlertsChannel() ? config.alertsChannel() : null,
                    clock.instant().toEpochMilli()));
        } else {
            db.writeVoid(store::clear);
        }
    }
}
