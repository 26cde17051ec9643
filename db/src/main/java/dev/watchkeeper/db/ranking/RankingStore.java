package dev.watchkeeper.db.ranking;

import dev.watchkeeper.db.Millis;
import dev.watchkeeper.db.RenderedStatements;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.watchkeeper.db.RenderedStatements.bound;
import static dev.watchkeeper.db.jooq.Tables.ACTION;
import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.MODEL_VERSION;
import static dev.watchkeeper.db.jooq.Tables.OCCURRENCE;
import static dev.watchkeeper.db.jooq.Tables.PAGING_DECISION;
import static dev.watchkeeper.db.jooq.Tables.SHADOW_SCORE;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;

/** The history ranking learns from (occurrences, acted actions) and the model registry. */
public final class RankingStore {

    /** The statements the alert path runs for each item it scores, rendered once ({@link RenderedStatements}). */
    private static final RenderedStatements STATEMENTS = new RenderedStatements();

    /** Occurrences with an id above {@code afterId}, in id order, at most {@code limit}. */
    public List<OccurrenceFact> occurrencesAfter(DSLContext dsl, int afterId, int limit) {
        return STATEMENTS.of(dsl, "occurrencesAfter", 1, n -> dsl.select(OCCURRENCE.ID, OCCURRENCE.EXTERNAL_ID,
                                OCCURRENCE.ITEM_ID, TRIAGE_ITEM.GROUP_KEY, ALERT.ALERTNAME, ALERT.FINGERPRINT,
                                ALERT.SERVICE, DSL.coalesce(OCCURRENCE.SEVERITY, ALERT.SEVERITY),
                                ALERT.LABELS, DSL.coalesce(OCCURRENCE.ANNOTATIONS, ALERT.ANNOTATIONS),
                                OCCURRENCE.STARTS_AT)
                        .from(OCCURRENCE)
                        .join(ALERT).on(ALERT.ID.eq(OCCURRENCE.ALERT_ID))
                        .join(TRIAGE_ITEM).on(TRIAGE_ITEM.ID.eq(OCCURRENCE.ITEM_ID))
                        .where(OCCURRENCE.ID.gt(bound(OCCURRENCE.ID)))
                        .orderBy(OCCURRENCE.ID)
                        .limit(RenderedStatements.boundLimit()))
                .query(dsl, rs -> new OccurrenceFact(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getLong(11)), afterId, limit);
    }

    /** Decisions ({@code ack}, {@code acted}, {@code noise}) with an id above {@code afterId}, in id order. */
    public List<DecisionFact> decisionsAfter(DSLContext dsl, int afterId) {
        return STATEMENTS.of(dsl, "decisionsAfter", 1, n -> dsl.select(ACTION.ID, ACTION.ITEM_ID,
                                ACTION.OCCURRENCE_ID, ACTION.KIND, ACTION.AT)
                        .from(ACTION)
                        .where(ACTION.ID.gt(bound(ACTION.ID)))
                        .and(ACTION.KIND.in(DSL.inline("ack"), DSL.inline("acted"), DSL.inline("noise")))
                        .orderBy(ACTION.ID))
                .query(dsl, rs -> new DecisionFact(rs.getInt(1), rs.getInt(2), RenderedStatements.intOrNull(rs, 3),
                        rs.getString(4), rs.getLong(5)), afterId);
    }

    /** Binds a decision to the one occurrence it was about (a history line's outcome). */
    public void bindDecision(DSLContext tx, int actionId, int occurrenceId) {
        tx.update(ACTION).set(ACTION.OCCURRENCE_ID, occurrenceId).where(ACTION.ID.eq(actionId)).execute();
    }

    /** The occurrence stored for a history line (by its external id). */
    public Optional<Integer> occurrenceOf(DSLContext dsl, String externalId) {
        return dsl.select(OCCURRENCE.ID).from(OCCURRENCE)
                .where(OCCURRENCE.EXTERNAL_ID.eq(externalId))
                .fetchOptional(OCCURRENCE.ID);
    }

    /** Every external occurrence id (history-file ids) already stored. */
    public List<String> externalIds(DSLContext dsl) {
        return dsl.select(OCCURRENCE.EXTERNAL_ID).from(OCCURRENCE)
                .where(OCCURRENCE.EXTERNAL_ID.isNotNull())
                .fetch(OCCURRENCE.EXTERNAL_ID);
    }

    public void recordShadowScore(DSLContext tx, int modelId, int itemId, Instant at, double score, Double liveScore) {
        tx.insertInto(SHADOW_SCORE)
                .set(SHADOW_SCORE.MODEL_ID, modelId)
                .set(SHADOW_SCORE.ITEM_ID, itemId)
                .set(SHADOW_SCORE.AT, at.toEpochMilli())
                .set(SHADOW_SCORE.SCORE, score)
                .set(SHADOW_SCORE.LIVE_SCORE, liveScore)
                .execute();
    }

    public int countShadowScores(DSLContext dsl, int modelId) {
        return dsl.fetchCount(SHADOW_SCORE, SHADOW_SCORE.MODEL_ID.eq(modelId));
    }

    public int insertModel(DSLContext tx, ModelVersionRow m) {
        return tx.insertInto(MODEL_VERSION)
                .set(MODEL_VERSION.KIND, m.kind())
                .set(MODEL_VERSION.STATE, m.state())
                .set(MODEL_VERSION.CREATED_AT, m.createdAt().toEpochMilli())
                .set(MODEL_VERSION.TRAIN_FROM, m.trainFrom().toEpochMilli())
                .set(MODEL_VERSION.TRAIN_TO, m.trainTo().toEpochMilli())
                .set(MODEL_VERSION.HOLDOUT_FROM, m.holdoutFrom().toEpochMilli())
                .set(MODEL_VERSION.FEATURES, m.features())
                .set(MODEL_VERSION.PARAMS, m.params())
                .set(MODEL_VERSION.METRICS, m.metrics())
                .set(MODEL_VERSION.THRESHOLD, m.threshold())
                .set(MODEL_VERSION.MODEL, m.model())
                .set(MODEL_VERSION.STATE_CHANGED_AT, m.stateChangedAt().toEpochMilli())
                .set(MODEL_VERSION.NOTE, m.note())
                .returning(MODEL_VERSION.ID)
                .fetchOne(MODEL_VERSION.ID);
    }

    public void setState(DSLContext tx, int id, String state, Instant at, String note) {
        tx.update(MODEL_VERSION)
                .set(MODEL_VERSION.STATE, state)
                .set(MODEL_VERSION.STATE_CHANGED_AT, at.toEpochMilli())
                .set(MODEL_VERSION.NOTE, note)
                .where(MODEL_VERSION.ID.eq(id))
                .execute();
    }

    public Optional<ModelVersionRow> find(DSLContext dsl, int id) {
        return dsl.selectFrom(MODEL_VERSION).where(MODEL_VERSION.ID.eq(id)).fetchOptional(RankingStore::toRow);
    }

    /** The newest model in this state. */
    public Optional<ModelVersionRow> newestIn(DSLContext dsl, String state) {
        return dsl.selectFrom(MODEL_VERSION)
                .where(MODEL_VERSION.STATE.eq(state))
                .orderBy(MODEL_VERSION.STATE_CHANGED_AT.desc(), MODEL_VERSION.ID.desc())
                .limit(1)
                .fetchOptional(RankingStore::toRow);
    }

    /** Every version, newest first, without the serialized models. */
    public List<ModelVersionRow> list(DSLContext dsl) {
        return dsl.select(MODEL_VERSION.fields()).from(MODEL_VERSION)
                .orderBy(MODEL_VERSION.ID.desc())
                .fetch(r -> toRow(r, false));
    }

    private static ModelVersionRow toRow(Record r) {
        return toRow(r, true);
    }

    private static ModelVersionRow toRow(Record r, boolean withModel) {
        return new ModelVersionRow(r.get(MODEL_VERSION.ID), r.get(MODEL_VERSION.KIND), r.get(MODEL_VERSION.STATE),
                Millis.toInstant(r.get(MODEL_VERSION.CREATED_AT)), Millis.toInstant(r.get(MODEL_VERSION.TRAIN_FROM)),
                Millis.toInstant(r.get(MODEL_VERSION.TRAIN_TO)), Millis.toInstant(r.get(MODEL_VERSION.HOLDOUT_FROM)),
                r.get(MODEL_VERSION.FEATURES), r.get(MODEL_VERSION.PARAMS), r.get(MODEL_VERSION.METRICS),
                r.get(MODEL_VERSION.THRESHOLD), withModel ? r.get(MODEL_VERSION.MODEL) : new byte[0],
                Millis.toInstant(r.get(MODEL_VERSION.STATE_CHANGED_AT)), r.get(MODEL_VERSION.NOTE));
    }

    /**
     * Accounts one scoring of an item: the first scoring sets the policy and thresholds in force; later ones
     * raise the highest score and name rate, and a page, once recorded, stays with its time and reason.
     */
    public void accountPaging(DSLContext tx, int itemId, Instant at, String policy, Double threshold,
                              Double rateThreshold, double score, Double nameRate, boolean policyPaged,
                              Boolean ratePaged, boolean paged, String reason) {
        Long pagedAt = paged ? at.toEpochMilli() : null;
        String pagedReason = paged ? reason : null;
        Integer rp = ratePaged == null ? null : ratePaged ? 1 : 0;
        long t = at.toEpochMilli();
        int pp = policyPaged ? 1 : 0;
        // Rendered once, run after each scoring of an item: the values of the insert, then those of the update.
        STATEMENTS.of(tx, "accountPaging", 1, n -> tx.insertInto(PAGING_DECISION, PAGING_DECISION.ITEM_ID,
                                PAGING_DECISION.FIRST_SCORED_AT, PAGING_DECISION.LAST_SCORED_AT, PAGING_DECISION.POLICY,
                                PAGING_DECISION.THRESHOLD, PAGING_DECISION.RATE_THRESHOLD, PAGING_DECISION.MAX_SCORE,
                                PAGING_DECISION.MAX_NAME_RATE, PAGING_DECISION.POLICY_PAGED, PAGING_DECISION.RATE_PAGED,
                                PAGING_DECISION.PAGED_AT, PAGING_DECISION.PAGED_REASON)
                        .values(bound(PAGING_DECISION.ITEM_ID), bound(PAGING_DECISION.FIRST_SCORED_AT),
                                bound(PAGING_DECISION.LAST_SCORED_AT), bound(PAGING_DECISION.POLICY),
                                bound(PAGING_DECISION.THRESHOLD), bound(PAGING_DECISION.RATE_THRESHOLD),
                                bound(PAGING_DECISION.MAX_SCORE), bound(PAGING_DECISION.MAX_NAME_RATE),
                                bound(PAGING_DECISION.POLICY_PAGED), bound(PAGING_DECISION.RATE_PAGED),
                                bound(PAGING_DECISION.PAGED_AT), bound(PAGING_DECISION.PAGED_REASON))
                        .onConflict(PAGING_DECISION.ITEM_ID)
                        .doUpdate()
                        .set(PAGING_DECISION.LAST_SCORED_AT, bound(PAGING_DECISION.LAST_SCORED_AT))
                        .set(PAGING_DECISION.MAX_SCORE, DSL.greatest(PAGING_DECISION.MAX_SCORE,
                                bound(PAGING_DECISION.MAX_SCORE)))
                        .set(PAGING_DECISION.MAX_NAME_RATE, DSL.coalesce(DSL.greatest(PAGING_DECISION.MAX_NAME_RATE,
                                bound(PAGING_DECISION.MAX_NAME_RATE)), bound(PAGING_DECISION.MAX_NAME_RATE)))
                        .set(PAGING_DECISION.POLICY_PAGED, DSL.greatest(PAGING_DECISION.POLICY_PAGED,
                                bound(PAGING_DECISION.POLICY_PAGED)))
                        .set(PAGING_DECISION.RATE_PAGED, DSL.greatest(PAGING_DECISION.RATE_PAGED,
                                bound(PAGING_DECISION.RATE_PAGED)))
                        .set(PAGING_DECISION.PAGED_AT, DSL.coalesce(PAGING_DECISION.PAGED_AT,
                                bound(PAGING_DECISION.PAGED_AT)))
                        .set(PAGING_DECISION.PAGED_REASON, DSL.coalesce(PAGING_DECISION.PAGED_REASON,
                                bound(PAGING_DECISION.PAGED_REASON))))
                .update(tx, itemId, t, t, policy, threshold, rateThreshold, score, nameRate, pp, rp, pagedAt,
                        pagedReason, t, score, nameRate, nameRate, pp, rp, pagedAt, pagedReason);
    }

    /** One item's paging record with its outcome: the first decision people took on it (null: none yet). */
    public record PagingRecord(int itemId, long firstScoredAt, String policy, boolean policyPaged, Integer ratePaged,
                               Long pagedAt, String outcome) {
    }

    /** Paging records of the items first scored in {@code [from, to)}, at most {@code limit}. */
    public List<PagingRecord> pagingRecords(DSLContext dsl, Instant from, Instant to, int limit) {
        var inWindow = PAGING_DECISION.FIRST_SCORED_AT.ge(from.toEpochMilli())
                .and(PAGING_DECISION.FIRST_SCORED_AT.lt(to.toEpochMilli()));
        var first = dsl.select(ACTION.ITEM_ID, DSL.min(ACTION.ID).as("first_id"))
                .from(ACTION)
                .where(ACTION.KIND.in("ack", "acted", "noise"))
                .and(ACTION.ITEM_ID.in(DSL.select(PAGING_DECISION.ITEM_ID).from(PAGING_DECISION).where(inWindow)))
                .groupBy(ACTION.ITEM_ID)
                .asTable("first_decision");
        var a = ACTION.as("outcome");
        return dsl.select(PAGING_DECISION.ITEM_ID, PAGING_DECISION.FIRST_SCORED_AT, PAGING_DECISION.POLICY,
                        PAGING_DECISION.POLICY_PAGED, PAGING_DECISION.RATE_PAGED, PAGING_DECISION.PAGED_AT, a.KIND)
                .from(PAGING_DECISION)
                .leftJoin(first).on(first.field(ACTION.ITEM_ID).eq(PAGING_DECISION.ITEM_ID))
                .leftJoin(a).on(a.ID.eq(first.field("first_id", Integer.class)))
                .where(inWindow)
                .orderBy(PAGING_DECISION.FIRST_SCORED_AT)
                .limit(limit)
                .fetch(r -> new PagingRecord(r.value1(), r.value2(), r.value3(), r.value4() == 1, r.value5(),
                        r.value6(), r.value7()));
    }
}
