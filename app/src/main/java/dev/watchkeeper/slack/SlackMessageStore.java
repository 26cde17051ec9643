package dev.watchkeeper.slack;

import org.jooq.DSLContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.watchkeeper.db.jooq.Tables.SLACK_MESSAGE;

/** Which items have an alert message in Slack, and where. */
public final class SlackMessageStore {

    /** Records that the item gets a message in {@code channel}; returns false when it already has one. */
    public boolean create(DSLContext tx, int itemId, String channel, Instant now) {
        return tx.insertInto(SLACK_MESSAGE)
                .set(SLACK_MESSAGE.ITEM_ID, itemId)
                .set(SLACK_MESSAGE.CHANNEL, channel)
                .set(SLACK_MESSAGE.CREATED_AT, now.toEpochMilli())
                .set(SLACK_MESSAGE.UPDATED_AT, now.toEpochMilli())
                .onConflict(SLACK_MESSAGE.ITEM_ID)
                .doNothing()
                .execute() == 1;
    }

    /** Stores the ts (and the channel ID Slack answered with) once chat.postMessage went out. */
    public void setPosted(DSLContext tx, int itemId, String channel, String ts, Instant now) {
        tx.update(SLACK_MESSAGE)
                .set(SLACK_MESSAGE.CHANNEL, channel)
                .set(SLACK_MESSAGE.TS, ts)
                .set(SLACK_MESSAGE.UPDATED_AT, now.toEpochMilli())
                .where(SLACK_MESSAGE.ITEM_ID.eq(itemId))
                .execute();
    }

    public Optional<SlackMessageRow> find(DSLContext dsl, int itemId) {
        return dsl.select(SLACK_MESSAGE.ITEM_ID, SLACK_MESSAGE.CHANNEL, SLACK_MESSAGE.TS)
                .from(SLACK_MESSAGE)
                .where(SLACK_MESSAGE.ITEM_ID.eq(itemId))
                .fetchOptional(r -> new SlackMessageRow(r.value1(), r.value2(), r.value3()));
    }

    /** The item whose message this is, e.g. when a button on it was clicked. */
    public Optional<Integer> itemFor(DSLContext dsl, String channel, String ts) {
        return dsl.select(SLACK_MESSAGE.ITEM_ID)
                .from(SLACK_MESSAGE)
                .where(SLACK_MESSAGE.CHANNEL.eq(channel))
                .and(SLACK_MESSAGE.TS.eq(ts))
                .fetchOptional(SLACK_MESSAGE.ITEM_ID);
    }
}
