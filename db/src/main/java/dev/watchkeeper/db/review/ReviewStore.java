package dev.watchkeeper.db.review;

import dev.watchkeeper.db.triage.ItemRow;
import dev.watchkeeper.db.triage.ItemRows;
import dev.watchkeeper.db.Millis;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.watchkeeper.db.jooq.Tables.ACTION;
import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.ALERTNAME_DECISION;
import static dev.watchkeeper.db.jooq.Tables.MODEL_VERSION;
import static dev.watchkeeper.db.jooq.Tables.NOTE;
import static dev.watchkeeper.db.jooq.Tables.OCCURRENCE;
import static dev.watchkeeper.db.jooq.Tables.PERSON;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;

/** What the weekly review asks of the record, always for a bounded window of time. */
public final class ReviewStore {

    /** An occurrence with its alert's name and labels (as the alert last reported them). */
    public record LabelledOccurrence(int occurrenceId, int itemId, String alertname, String labelsJson, Instant startsAt) {
    }

    /** A note written in the window. */
    public record NoteAdded(int id, String alertname, String text, String author, Instant at) {
    }

    /** A decision about an alert name. */
    public record NameDecision(int id, String alertname, String kind, String actor, String surface, Instant at,
                               String note) {
    }

    /** An action on an item in the window, with the item's title. */
    public record WindowAction(int id, int itemId, String title, String kind, String actor, String surface, Instant at,
                               String note, String assignee) {
    }

    /** The live model version. */
    public record LiveModel(int id, String kind, Instant createdAt, Instant liveSince, double threshold) {
    }

    /** Items that existed at some point of {@code [from, end)}: created before its end, not closed before its start. */
    public List<ItemRow> itemsAlive(DSLContext dsl, Instant from, Instant end) {
        var assignee = PERSON.as("assignee");
        return dsl.select(TRIAGE_ITEM.fields())
                .select(assignee.HANDLE)
                .from(TRIAGE_ITEM)
                .leftJoin(assignee).on(assignee.ID.eq(TRIAGE_ITEM.ASSIGNEE_ID))
                .where(TRIAGE_ITEM.CREATED_AT.lt(end.toEpochMilli()))
                .and(TRIAGE_ITEM.CLOSED_AT.isNull().or(TRIAGE_ITEM.CLOSED_AT.ge(from.toEpochMilli())))
                .orderBy(TRIAGE_ITEM.ID)
                .fetch(r -> ItemRows.of(r));
    }

    /** For each item, its newest action before {@code end} (items without one are absent). */
    public Map<Integer, Instant> lastActionBefore(DSLContext dsl, Instant end) {
        Map<Integer, Instant> out = new HashMap<>();
        dsl.select(ACTION.ITEM_ID, DSL.max(ACTION.AT))
                .from(ACTION)
                .where(ACTION.AT.lt(end.toEpochMilli()))
                .groupBy(ACTION.ITEM_ID)
                .forEach(r -> out.put(r.value1(), Millis.toInstant(r.value2())));
        return out;
    }

    /** Items with an action of one of these kinds in {@code [from, end)}: item to the first such instant. */
    public Map<Integer, Instant> firstActionIn(DSLContext dsl, Collection<String> kinds, Instant from, Instant end) {
        Map<Integer, Instant> out = new HashMap<>();
        dsl.select(ACTION.ITEM_ID, DSL.min(ACTION.AT))
                .from(ACTION)
                .where(ACTION.KIND.in(kinds))
                .and(ACTION.AT.ge(from.toEpochMilli()))
                .and(ACTION.AT.lt(end.toEpochMilli()))
                .groupBy(ACTION.ITEM_ID)
                .forEach(r -> out.put(r.value1(), Millis.toInstant(r.value2())));
        return out;
    }

    /** Items someone marked acted on before {@code end}, among those alive since {@code from}. */
    public Set<Integer> actedBefore(DSLContext dsl, Instant from, Instant end) {
        return new HashSet<>(dsl.selectDistinct(ACTION.ITEM_ID)
                .from(ACTION)
                .join(TRIAGE_ITEM).on(TRIAGE_ITEM.ID.eq(ACTION.ITEM_ID))
                .where(ACTION.KIND.eq("acted"))
                .and(ACTION.AT.lt(end.toEpochMilli()))
                .and(TRIAGE_ITEM.CLOSED_AT.isNull().or(TRIAGE_ITEM.CLOSED_AT.ge(from.toEpochMilli())))
                .fetch(ACTION.ITEM_ID));
    }

    /** Occurrences that started in {@code [from, end)}, in start order. */
    public List<LabelledOccurrence> occurrences(DSLContext dsl, Instant from, Instant end) {
        return dsl.select(OCCURRENCE.ID, OCCURRENCE.ITEM_ID, ALERT.ALERTNAME, ALERT.LABELS, OCCURRENCE.STARTS_AT)
                .from(OCCURRENCE)
                .join(ALERT).on(ALERT.ID.eq(OCCURRENCE.ALERT_ID))
                .where(OCCURRENCE.STARTS_AT.ge(from.toEpochMilli()))
                .and(OCCURRENCE.STARTS_AT.lt(end.toEpochMilli()))
                .orderBy(OCCURRENCE.STARTS_AT, OCCURRENCE.ID)
                .fetch(r -> new LabelledOccurrence(r.value1(), r.value2(), r.value3(), r.value4(),
                        Millis.toInstant(r.value5())));
    }

    public List<NoteAdded> notesAdded(DSLContext dsl, Instant from, Instant end, int limit) {
        return dsl.select(NOTE.ID, NOTE.ALERTNAME, NOTE.TEXT, PERSON.HANDLE, NOTE.CREATED_AT)
                .from(NOTE)
                .join(PERSON).on(PERSON.ID.eq(NOTE.AUTHOR_ID))
                .where(NOTE.CREATED_AT.ge(from.toEpochMilli()))
                .and(NOTE.CREATED_AT.lt(end.toEpochMilli()))
                .orderBy(NOTE.CREATED_AT, NOTE.ID)
                .limit(limit)
                .fetch(r -> new NoteAdded(r.value1(), r.value2(), r.value3(), r.value4(), Millis.toInstant(r.value5())));
    }

    public int insertDecision(DSLContext tx, String alertname, String kind, int personId, String surface, Instant at,
                              String note) {
        return tx.insertInto(ALERTNAME_DECISION)
                .set(ALERTNAME_DECISION.ALERTNAME, alertname)
                .set(ALERTNAME_DECISION.KIND, kind)
                .set(ALERTNAME_DECISION.PERSON_ID, personId)
                .set(ALERTNAME_DECISION.SURFACE, surface)
                .set(ALERTNAME_DECISION.AT, at.toEpochMilli())
                .set(ALERTNAME_DECISION.NOTE, note)
                .returning(ALERTNAME_DECISION.ID)
                .fetchOne(ALERTNAME_DECISION.ID);
    }

    /** Decisions about alert names taken in {@code [from, end)}, oldest first. */
    public List<NameDecision> decisionsIn(DSLContext dsl, Instant from, Instant end, int limit) {
        return decisions(dsl)
                .where(ALERTNAME_DECISION.AT.ge(from.toEpochMilli()))
                .and(ALERTNAME_DECISION.AT.lt(end.toEpochMilli()))
                .orderBy(ALERTNAME_DECISION.AT, ALERTNAME_DECISION.ID)
                .limit(limit)
                .fetch(r -> decision(r));
    }

    /** The decision in force for each alert name: its newest. */
    public Map<String, NameDecision> decisionsInForce(DSLContext dsl) {
        Map<String, NameDecision> out = new HashMap<>();
        decisions(dsl)
                .orderBy(ALERTNAME_DECISION.ID)
                .forEach(r -> {
                    NameDecision d = decision(r);
                    out.put(d.alertname(), d);
                });
        return out;
    }

    /** Actions of these kinds taken in {@code [from, end)}, oldest first. */
    public List<WindowAction> actionsIn(DSLContext dsl, Collection<String> kinds, Instant from, Instant end, int limit) {
        var actor = PERSON.as("actor");
        var assignee = PERSON.as("action_assignee");
        return dsl.select(ACTION.ID, ACTION.ITEM_ID, TRIAGE_ITEM.TITLE, ACTION.KIND, actor.HANDLE, ACTION.SURFACE,
                        ACTION.AT, ACTION.NOTE, assignee.HANDLE)
                .from(ACTION)
                .join(TRIAGE_ITEM).on(TRIAGE_ITEM.ID.eq(ACTION.ITEM_ID))
                .join(actor).on(actor.ID.eq(ACTION.PERSON_ID))
                .leftJoin(assignee).on(assignee.ID.eq(ACTION.ASSIGNEE_ID))
                .where(ACTION.KIND.in(kinds))
                .and(ACTION.AT.ge(from.toEpochMilli()))
                .and(ACTION.AT.lt(end.toEpochMilli()))
                .orderBy(ACTION.AT, ACTION.ID)
                .limit(limit)
                .fetch(r -> new WindowAction(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        Millis.toInstant(r.value7()), r.value8(), r.value9()));
    }

    public Optional<LiveModel> liveModel(DSLContext dsl) {
        return dsl.select(MODEL_VERSION.ID, MODEL_VERSION.KIND, MODEL_VERSION.CREATED_AT, MODEL_VERSION.STATE_CHANGED_AT,
                        MODEL_VERSION.THRESHOLD)
                .from(MODEL_VERSION)
                .where(MODEL_VERSION.STATE.eq("live"))
                .orderBy(MODEL_VERSION.ID.desc())
                .limit(1)
                .fetchOptional(r -> new LiveModel(r.value1(), r.value2(), Millis.toInstant(r.value3()),
                        Millis.toInstant(r.value4()), r.value5()));
    }

    /** Open items in a stale-rule sense: acknowledged, every alert resolved at the source. */
    public List<ItemRow> acknowledgedSourceResolved(DSLContext dsl, int limit) {
        var assignee = PERSON.as("assignee");
        return dsl.select(TRIAGE_ITEM.fields())
                .select(assignee.HANDLE)
                .from(TRIAGE_ITEM)
                .leftJoin(assignee).on(assignee.ID.eq(TRIAGE_ITEM.ASSIGNEE_ID))
                .where(TRIAGE_ITEM.STATE.eq("acknowledged"))
                .and(TRIAGE_ITEM.SOURCE_RESOLVED.eq(1))
                .orderBy(TRIAGE_ITEM.ID)
                .limit(limit)
                .fetch(r -> ItemRows.of(r));
    }

    /** The newest action on each of these items (items without one are absent). */
    public Map<Integer, Instant> lastActionOf(DSLContext dsl, Collection<Integer> itemIds) {
        Map<Integer, Instant> out = new HashMap<>();
        List<Integer> all = new ArrayList<>(itemIds);
        for (int i = 0; i < all.size(); i += 500) {
            dsl.select(ACTION.ITEM_ID, DSL.max(ACTION.AT))
                    .from(ACTION)
                    .where(ACTION.ITEM_ID.in(all.subList(i, Math.min(all.size(), i + 500))))
                    .groupBy(ACTION.ITEM_ID)
                    .forEach(r -> out.put(r.value1(), Millis.toInstant(r.value2())));
        }
        return out;
    }

    private static org.jooq.SelectOnConditionStep<org.jooq.Record7<Integer, String, String, String, String, Long, String>> decisions(DSLContext dsl) {
        return dsl.select(ALERTNAME_DECISION.ID, ALERTNAME_DECISION.ALERTNAME, ALERTNAME_DECISION.KIND, PERSON.HANDLE,
                        ALERTNAME_DECISION.SURFACE, ALERTNAME_DECISION.AT, ALERTNAME_DECISION.NOTE)
                .from(ALERTNAME_DECISION)
                .join(PERSON).on(PERSON.ID.eq(ALERTNAME_DECISION.PERSON_ID));
    }

    private static NameDecision decision(org.jooq.Record7<Integer, String, String, String, String, Long, String> r) {
        return new NameDecision(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), Millis.toInstant(r.value6()),
                r.value7());
    }
}
