package dev.watchkeeper.db.notify;

import org.jooq.DSLContext;

import java.time.Duration;
import java.util.Optional;

import static dev.watchkeeper.db.jooq.Tables.ROTATION;
import static dev.watchkeeper.db.jooq.Tables.ROTATION_PAGE;
import static dev.watchkeeper.db.jooq.Tables.SLACK_SENDER;

/** A rotation's escalation policy, the round a page is in, and the Slack sender's marker. */
public final class EscalationStore {

    /** A rotation's own policy: timeout (null: the configured default) and extra rounds. */
    public record Policy(Duration escalateAfter, int repeats) {
    }

    public Policy policy(DSLContext dsl, int rotationId) {
        return dsl.select(ROTATION.ESCALATE_AFTER_MS, ROTATION.ESCALATION_REPEATS).from(ROTATION)
                .where(ROTATION.ID.eq(rotationId))
                .fetchOptional(r -> new Policy(r.value1() == null ? null : Duration.ofMillis(r.value1()),
                        r.value2() == null ? 0 : r.value2()))
                .orElse(new Policy(null, 0));
    }

    public void setPolicy(DSLContext tx, int rotationId, Duration escalateAfter, int repeats) {
        tx.update(ROTATION)
                .set(ROTATION.ESCALATE_AFTER_MS, escalateAfter == null ? null : escalateAfter.toMillis())
                .set(ROTATION.ESCALATION_REPEATS, repeats)
                .where(ROTATION.ID.eq(rotationId))
                .execute();
    }

    public int round(DSLContext dsl, int itemId) {
        Integer r = dsl.select(ROTATION_PAGE.REPEAT_ROUND).from(ROTATION_PAGE).where(ROTATION_PAGE.ITEM_ID.eq(itemId))
                .fetchOne(ROTATION_PAGE.REPEAT_ROUND);
        return r == null ? 0 : r;
    }

    public void setRound(DSLContext tx, int itemId, int round) {
        tx.update(ROTATION_PAGE).set(ROTATION_PAGE.REPEAT_ROUND, round).where(ROTATION_PAGE.ITEM_ID.eq(itemId)).execute();
    }

    /** A server that sends Slack says so (and where alert messages go). */
    public void markSlackSender(DSLContext tx, String alertsChannel, long nowMillis) {
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
    public Optional<String> slackSender(DSLContext dsl) {
        return dsl.select(SLACK_SENDER.ALERTS_CHANNEL).from(SLACK_SENDER).where(SLACK_SENDER.ID.eq(1))
                .fetchOptional(r -> r.value1() == null ? "" : r.value1());
    }

    /** A server without Slack settings: CLIs sharing the database stop enqueueing Slack calls. */
    public void clearSlackSender(DSLContext tx) {
        tx.deleteFrom(SLACK_SENDER).execute();
    }
}
