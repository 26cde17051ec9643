package dev.watchkeeper.db.notify;

import org.jooq.DSLContext;

import java.time.Duration;

import static dev.watchkeeper.db.jooq.Tables.ROTATION;
import static dev.watchkeeper.db.jooq.Tables.ROTATION_PAGE;

/** A rotation's escalation policy and the round a page is in. */
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
}
