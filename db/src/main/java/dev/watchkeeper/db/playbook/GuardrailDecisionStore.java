package dev.watchkeeper.db.playbook;

import dev.watchkeeper.db.RenderedStatements;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static dev.watchkeeper.db.jooq.Tables.GUARDRAIL_DECISION;

/** The history of playbook guardrail decisions per item. */
public final class GuardrailDecisionStore {

    /** The statements the alert path runs for each item it scores, rendered once ({@link RenderedStatements}). */
    private static final RenderedStatements STATEMENTS = new RenderedStatements();

    /** Appends a decision unless it repeats the item's latest one; returns whether a row was written. */
    public boolean recordIfChanged(DSLContext tx, int itemId, Instant at, String playbook, String rule, Boolean page,
                                   String reason) {
        Optional<GuardrailDecisionRow> last = latest(tx, itemId);
        if (last.isPresent() && same(last.get(), rule, page, reason)) {
            return false;
        }
        tx.insertInto(GUARDRAIL_DECISION)
                .set(GUARDRAIL_DECISION.ITEM_ID, itemId)
                .set(GUARDRAIL_DECISION.DECIDED_AT, at.toEpochMilli())
                .set(GUARDRAIL_DECISION.PLAYBOOK, playbook)
                .set(GUARDRAIL_DECISION.RULE, rule)
                .set(GUARDRAIL_DECISION.PAGE, page == null ? null : page ? 1 : 0)
                .set(GUARDRAIL_DECISION.REASON, reason)
                .execute();
        return true;
    }

    /** True when {@code last} already says this (recording it again would change nothing). */
    public static boolean same(GuardrailDecisionRow last, String rule, Boolean page, String reason) {
        return last.rule().equals(rule) && Objects.equals(last.page(), page) && last.reason().equals(reason);
    }

    public Optional<GuardrailDecisionRow> latest(DSLContext dsl, int itemId) {
        return STATEMENTS.of(dsl, "latest", 1, n -> dsl.selectFrom(GUARDRAIL_DECISION)
                        .where(GUARDRAIL_DECISION.ITEM_ID.eq(RenderedStatements.bound(GUARDRAIL_DECISION.ITEM_ID)))
                        .orderBy(GUARDRAIL_DECISION.ID.desc())
                        .limit(DSL.inline(1)))
                .fetch(dsl, GuardrailDecisionStore::toRow, itemId).stream().findFirst();
    }

    /** Oldest first. */
    public List<GuardrailDecisionRow> forItem(DSLContext dsl, int itemId) {
        return dsl.selectFrom(GUARDRAIL_DECISION)
                .where(GUARDRAIL_DECISION.ITEM_ID.eq(itemId))
                .orderBy(GUARDRAIL_DECISION.ID)
                .fetch(GuardrailDecisionStore::toRow);
    }

    private static GuardrailDecisionRow toRow(Record r) {
        Integer page = r.get(GUARDRAIL_DECISION.PAGE);
        return new GuardrailDecisionRow(r.get(GUARDRAIL_DECISION.ID), r.get(GUARDRAIL_DECISION.ITEM_ID),
                Instant.ofEpochMilli(r.get(GUARDRAIL_DECISION.DECIDED_AT)), r.get(GUARDRAIL_DECISION.PLAYBOOK),
                r.get(GUARDRAIL_DECISION.RULE), page == null ? null : page != 0, r.get(GUARDRAIL_DECISION.REASON));
    }
}
