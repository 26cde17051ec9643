package dev.watchkeeper.db.triage;

import dev.watchkeeper.db.RenderedStatements;
import dev.watchkeeper.db.Millis;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.watchkeeper.db.RenderedStatements.bound;
import static dev.watchkeeper.db.jooq.Tables.ACTION;
import static dev.watchkeeper.db.jooq.Tables.ITEM_TAG;
import static dev.watchkeeper.db.jooq.Tables.PERSON;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;

/** Triage items and the actions people take on them. */
public final class TriageStore {

    private static final dev.watchkeeper.db.jooq.tables.Person ASSIGNEE = PERSON.as("assignee");
    private static final dev.watchkeeper.db.jooq.tables.Person ACTOR = PERSON.as("actor");
    private static final dev.watchkeeper.db.jooq.tables.Person ACTION_ASSIGNEE = PERSON.as("action_assignee");

    /** Ordering of severities, most urgent first. */
    public static final Field<Integer> SEVERITY_RANK = DSL.case_(TRIAGE_ITEM.SEVERITY)
            .when("critical", 0)
            .when("error", 1)
            .when("warning", 2)
            .when("info", 3)
            .else_(4);

    /** The statements the alert path runs for each item it scores, rendered once ({@link RenderedStatements}). */
    private static final RenderedStatements STATEMENTS = new RenderedStatements();

    public Optional<ItemRow> find(DSLContext dsl, int id) {
        return STATEMENTS.of(dsl, "find", 1, n -> select(dsl).where(TRIAGE_ITEM.ID.eq(bound(TRIAGE_ITEM.ID))))
                .fetch(dsl, TriageStore::toRow, id).stream().findFirst();
    }

    /** Creates an open item and returns its id. */
    public int insertItem(DSLContext tx, String groupKey, String title, String service, String severity,
                          boolean manual, Instant at) {
        long t = at.toEpochMilli();
        return STATEMENTS.of(tx, "insertItem", 1, n -> tx.resultQuery("{0} returning {1}",
                        tx.insertInto(TRIAGE_ITEM, TRIAGE_ITEM.GROUP_KEY, TRIAGE_ITEM.TITLE, TRIAGE_ITEM.SERVICE,
                                        TRIAGE_ITEM.SEVERITY, TRIAGE_ITEM.STATE, TRIAGE_ITEM.MANUAL,
                                        TRIAGE_ITEM.CREATED_AT, TRIAGE_ITEM.UPDATED_AT, TRIAGE_ITEM.LAST_FIRED_AT)
                                .values(bound(TRIAGE_ITEM.GROUP_KEY), bound(TRIAGE_ITEM.TITLE),
                                        bound(TRIAGE_ITEM.SERVICE), bound(TRIAGE_ITEM.SEVERITY),
                                        DSL.inline("open"), bound(TRIAGE_ITEM.MANUAL), bound(TRIAGE_ITEM.CREATED_AT),
                                        bound(TRIAGE_ITEM.UPDATED_AT), bound(TRIAGE_ITEM.LAST_FIRED_AT)),
                        TRIAGE_ITEM.ID.getUnqualifiedName()))
                .query(tx, rs -> rs.getInt(1), groupKey, title, service, severity, manual ? 1 : 0, t, t, t)
                .getFirst();
    }

    public void setState(DSLContext tx, int itemId, String state, Instant at) {
        boolean closing = "resolved".equals(state) || "noise".equals(state);
        tx.update(TRIAGE_ITEM)
                .set(TRIAGE_ITEM.STATE, state)
                .set(TRIAGE_ITEM.CLOSED_AT, closing ? at.toEpochMilli() : null)
                .set(TRIAGE_ITEM.UPDATED_AT, at.toEpochMilli())
                .where(TRIAGE_ITEM.ID.eq(itemId))
                .execute();
    }

    public void setSnooze(DSLContext tx, int itemId, Instant until, Instant at) {
        tx.update(TRIAGE_ITEM)
                .set(TRIAGE_ITEM.SNOOZED_UNTIL, Millis.of(until))
                .set(TRIAGE_ITEM.UPDATED_AT, at.toEpochMilli())
                .where(TRIAGE_ITEM.ID.eq(itemId))
                .execute();
    }

    public void setAssignee(DSLContext tx, int itemId, Integer personId, Instant at) {
        tx.update(TRIAGE_ITEM)
                .set(TRIAGE_ITEM.ASSIGNEE_ID, personId)
                .set(TRIAGE_ITEM.UPDATED_AT, at.toEpochMilli())
                .where(TRIAGE_ITEM.ID.eq(itemId))
                .execute();
    }

    /** Stores the outcome of scoring and guardrails; {@code pagedAt} is kept once set. */
    public void setDecision(DSLContext tx, int itemId, Double score, String reason, String lane, String laneReason,
                            Instant pagedAt) {
        STATEMENTS.of(tx, "setDecision", 1, n -> tx.update(TRIAGE_ITEM)
                        .set(TRIAGE_ITEM.SCORE, bound(TRIAGE_ITEM.SCORE))
                        .set(TRIAGE_ITEM.SCORE_REASON, bound(TRIAGE_ITEM.SCORE_REASON))
                        .set(TRIAGE_ITEM.LANE, bound(TRIAGE_ITEM.LANE))
                        .set(TRIAGE_ITEM.LANE_REASON, bound(TRIAGE_ITEM.LANE_REASON))
                        .set(TRIAGE_ITEM.PAGED_AT, DSL.coalesce(TRIAGE_ITEM.PAGED_AT, bound(TRIAGE_ITEM.PAGED_AT)))
                        .where(TRIAGE_ITEM.ID.eq(bound(TRIAGE_ITEM.ID))))
                .update(tx, score, reason, lane, laneReason, Millis.of(pagedAt), itemId);
    }

    /** The queue: by score (highest first) when scored, then severity, then age (oldest first). */
    public List<ItemRow> queue(DSLContext dsl, QueueFilter f) {
        return select(dsl)
                .where(conditions(f))
                .orderBy(TRIAGE_ITEM.SCORE.desc().nullsLast(), SEVERITY_RANK.asc(), TRIAGE_ITEM.CREATED_AT.asc(),
                        TRIAGE_ITEM.ID.asc())
                .limit(f.limit())
                .offset(f.offset())
                .fetch(TriageStore::toRow);
    }

    public int count(DSLContext dsl, QueueFilter f) {
        return dsl.fetchCount(dsl.select(TRIAGE_ITEM.ID)
                .from(TRIAGE_ITEM)
                .leftJoin(ASSIGNEE).on(ASSIGNEE.ID.eq(TRIAGE_ITEM.ASSIGNEE_ID))
                .where(conditions(f)));
    }

    private static List<Condition> conditions(QueueFilter f) {
        List<Condition> where = new ArrayList<>();
        if (f.states() != null && !f.states().isEmpty()) {
            where.add(TRIAGE_ITEM.STATE.in(f.states()));
        }
        if (f.lane() != null) {
            where.add(TRIAGE_ITEM.LANE.eq(f.lane()));
        }
        if (f.service() != null) {
            where.add(TRIAGE_ITEM.SERVICE.eq(f.service()));
        }
        if (f.assignee() != null) {
            where.add(ASSIGNEE.HANDLE.eq(f.assignee()));
        }
        if (f.text() != null && !f.text().isBlank()) {
            String pattern = "%" + f.text().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.add(DSL.lower(TRIAGE_ITEM.TITLE).like(pattern, '\\')
                    .or(DSL.lower(TRIAGE_ITEM.GROUP_KEY).like(pattern, '\\')));
        }
        if (f.tag() != null && !f.tag().isBlank()) {
            where.add(TRIAGE_ITEM.ID.in(DSL.select(ITEM_TAG.ITEM_ID).from(ITEM_TAG).where(ITEM_TAG.TAG.eq(f.tag()))));
        }
        if (f.snoozed() != null && f.now() != null) {
            Condition snoozedNow = TRIAGE_ITEM.SNOOZED_UNTIL.gt(f.now().toEpochMilli());
            where.add(f.snoozed() ? snoozedNow : DSL.not(snoozedNow).or(TRIAGE_ITEM.SNOOZED_UNTIL.isNull()));
        }
        return where;
    }

    public int recordAction(DSLContext tx, int itemId, String kind, int personId, String surface, Instant at,
                            String note, Instant snoozeUntil, Integer assigneeId) {
        return tx.insertInto(ACTION)
                .set(ACTION.ITEM_ID, itemId)
                .set(ACTION.KIND, kind)
                .set(ACTION.PERSON_ID, personId)
                .set(ACTION.SURFACE, surface)
                .set(ACTION.AT, at.toEpochMilli())
                .set(ACTION.NOTE, note)
                .set(ACTION.SNOOZE_UNTIL, Millis.of(snoozeUntil))
                .set(ACTION.ASSIGNEE_ID, assigneeId)
                .returning(ACTION.ID)
                .fetchOne(ACTION.ID);
    }

    public List<ActionRow> actions(DSLContext dsl, int itemId) {
        return dsl.select(ACTION.ID, ACTION.ITEM_ID, ACTION.KIND, ACTOR.HANDLE, ACTION.SURFACE, ACTION.AT, ACTION.NOTE,
                        ACTION.SNOOZE_UNTIL, ACTION_ASSIGNEE.HANDLE)
                .from(ACTION)
                .join(ACTOR).on(ACTOR.ID.eq(ACTION.PERSON_ID))
                .leftJoin(ACTION_ASSIGNEE).on(ACTION_ASSIGNEE.ID.eq(ACTION.ASSIGNEE_ID))
                .where(ACTION.ITEM_ID.eq(itemId))
                .orderBy(ACTION.AT, ACTION.ID)
                .fetch(r -> new ActionRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        Millis.toInstant(r.value6()), r.value7(), Millis.toInstant(r.value8()), r.value9()));
    }

    private static SelectOnConditionStep<Record> select(DSLContext dsl) {
        return dsl.select(TRIAGE_ITEM.fields())
                .select(ASSIGNEE.HANDLE)
                .from(TRIAGE_ITEM)
                .leftJoin(ASSIGNEE).on(ASSIGNEE.ID.eq(TRIAGE_ITEM.ASSIGNEE_ID));
    }

    public static ItemRow toRow(Record r) {
        return new ItemRow(r.get(TRIAGE_ITEM.ID), r.get(TRIAGE_ITEM.GROUP_KEY), r.get(TRIAGE_ITEM.TITLE),
                r.get(TRIAGE_ITEM.SERVICE), r.get(TRIAGE_ITEM.SEVERITY), r.get(TRIAGE_ITEM.STATE),
                r.get(TRIAGE_ITEM.SOURCE_RESOLVED) != 0, r.get(TRIAGE_ITEM.MANUAL) != 0,
                Millis.toInstant(r.get(TRIAGE_ITEM.SNOOZED_UNTIL)), r.get(TRIAGE_ITEM.ASSIGNEE_ID),
                r.get(ASSIGNEE.HANDLE), r.get(TRIAGE_ITEM.ALERT_COUNT), r.get(TRIAGE_ITEM.FIRING_COUNT),
                Millis.toInstant(r.get(TRIAGE_ITEM.CREATED_AT)), Millis.toInstant(r.get(TRIAGE_ITEM.UPDATED_AT)),
                Millis.toInstant(r.get(TRIAGE_ITEM.LAST_FIRED_AT)), Millis.toInstant(r.get(TRIAGE_ITEM.CLOSED_AT)),
                r.get(TRIAGE_ITEM.SCORE), r.get(TRIAGE_ITEM.SCORE_REASON), r.get(TRIAGE_ITEM.LANE),
                r.get(TRIAGE_ITEM.LANE_REASON), Millis.toInstant(r.get(TRIAGE_ITEM.PAGED_AT)));
    }
}
