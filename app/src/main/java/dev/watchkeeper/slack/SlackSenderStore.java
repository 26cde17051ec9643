package dev.watchkeeper.slack;

import jakarta.inject.Singleton;
import org.jooq.DSLContext;

import java.util.Optional;

import static dev.watchkeeper.db.jooq.Tables.SLACK_SENDER;

/** The mark of a server that sends Slack ({@code slack_sender}, one row), with its alerts channel. */
@Singleton
public final class SlackSenderStore {

    /** A server that sends Slack says so (and where alert messages go). */
    public void mark(DSLContext tx, String alertsChannel, long nowMillis) {
        tx.insertInto(SLACK_SENDER)
                .set(SLACK_SENDER.ID, 1)
                .set(SLACK_SENDER.ALERTS_CHANNEL, alertsChannel)
                .set(SLACK_SENDER.UPDATED_AT, nowMillis)
                .onConflict(SLACK_SENDER.ID)
                .doUpdate()
                .set(SLACK_SENDER.ALERTS_CHANNEL, alertsChannel)
                .set(SLACK_SENDER.UPDATED_AT, nowMillis)
                .execute();
    }

    /** Present when a server with Slack settings uses this database: its alerts channel (may be empty). */
    public Optional<String> find(DSLContext dsl) {
        return dsl.select(SLACK_SENDER.ALERTS_CHANNEL).from(SLACK_SENDER).where(SLACK_SENDER.ID.eq(1))
                .fetchOptional(r -> r.value1() == null ? "" : r.value1());
    }

    /** A server without Slack settings: CLIs sharing the database stop enqueueing Slack calls. */
    public void clear(DSLContext tx) {
        tx.deleteFrom(SLACK_SENDER).execute();
    }
}
