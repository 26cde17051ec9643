package dev.watchkeeper.db.report;

import dev.watchkeeper.db.Millis;
import dev.watchkeeper.db.triage.ItemRow;
import dev.watchkeeper.db.triage.TriageStore;

import org.jooq.DSLContext;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.HashSet;

import static dev.watchkeeper.db.jooq.Tables.ACTION;
import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.OCCURRENCE;
import static dev.watchkeeper.db.jooq.Tables.PERSON;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;

/** Read-only questions that reports ask of the record for a window of time. */
public final class RecordStore {

    /** Occurrences that started in {@code [start, end)}, in start order. */
    public List<WindowOccurrence> occurrencesBetween(DSLContext dsl, Instant start, Instant end) {
        return dsl.select(OCCURRENCE.ID, OCCURRENCE.ALERT_ID, OCCURRENCE.ITEM_ID, ALERT.ALERTNAME, ALERT.SERVICE,
                        OCCURRENCE.STARTS_AT, OCCURRENCE.ENDS_AT)
                .from(OCCURRENCE)
                .join(ALERT).on(ALERT.ID.eq(OCCURRENCE.ALERT_ID))
                .where(OCCURRENCE.STARTS_AT.ge(start.toEpochMilli()))
                .and(OCCURRENCE.STARTS_AT.lt(end.toEpochMilli()))
                .orderBy(OCCURRENCE.STARTS_AT, OCCURRENCE.ID)
                .fetch(r -> new WindowOccurrence(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        Millis.toInstant(r.value6()), Millis.toInstant(r.value7())));
    }

    /** Occurrences of one item, in start order. */
    public List<WindowOccurrence> occurrencesOfItem(DSLContext dsl, int itemId) {
        return dsl.select(OCCURRENCE.ID, OCCURRENCE.ALERT_ID, OCCURRENCE.ITEM_ID, ALERT.ALERTNAME, ALERT.SERVICE,
                        OCCURRENCE.STARTS_AT, OCCURRENCE.ENDS_AT)
                .from(OCCURRENCE)
                .join(ALERT).on(ALERT.ID.eq(OCCURRENCE.ALERT_ID))
                .where(OCCURRENCE.ITEM_ID.eq(itemId))
                .orderBy(OCCURRENCE.STARTS_AT, OCCURRENCE.ID)
                .fetch(r -> new WindowOccurrence(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        Millis.toInstant(r.value6()), Millis.toInstant(r.value7())));
    }

    /**
     * Items the window touched: an occurrence started in it, the item was created in it, or someone acted on
     * it during it. In order of creation.
     */
    public List<ItemRow> itemsTouched(DSLContext dsl, Instant start, Instant end) {
        long s = start.toEpochMilli();
        long e = end.toEpochMilli();
        var byOccurrence = dsl.select(OCCURRENCE.ITEM_ID).from(OCCURRENCE)
                .where(OCCURRENCE.STARTS_AT.ge(s)).and(OCCURRENCE.STARTS_AT.lt(e));
        var byAction = dsl.select(ACTION.ITEM_ID).from(ACTION).where(ACTION.AT.ge(s)).and(ACTION.AT.lt(e));
        return items(dsl)
                .where(TRIAGE_ITEM.CREATED_AT.ge(s).and(TRIAGE_ITEM.CREATED_AT.lt(e))
                        .or(TRIAGE_ITEM.ID.in(byOccurrence))
                        .or(TRIAGE_ITEM.ID.in(byAction)))
                .orderBy(TRIAGE_ITEM.CREATED_AT, TRIAGE_ITEM.ID)
                .fetch(TriageStore::toRow);
    }

    /** Items that existed and were not closed at {@code at}: what one shift hands to the next. */
    public List<ItemRow> itemsOpenAt(DSLContext dsl, Instant at) {
        long t = at.toEpochMilli();
        return items(dsl)
                .where(TRIAGE_ITEM.CREATED_AT.lt(t))
                .and(TRIAGE_ITEM.CLOSED_AT.isNull().or(TRIAGE_ITEM.CLOSED_AT.ge(t)))
                .orderBy(TRIAGE_ITEM.SCORE.desc().nullsLast(), TriageStore.SEVERITY_RANK.asc(), TRIAGE_ITEM.CREATED_AT,
                        TRIAGE_ITEM.ID)
                .fetch(TriageStore::toRow);
    }

    /** Of these items, the ones someone marked {@code acted}. */
    public Set<Integer> actedItems(DSLContext dsl, Collection<Integer> itemIds) {
        return new HashSet<>(dsl.selectDistinct(ACTION.ITEM_ID)
                .from(ACTION)
                .where(ACTION.KIND.eq("acted"))
                .and(ACTION.ITEM_ID.in(itemIds))
                .fetch(ACTION.ITEM_ID));
    }

    private static org.jooq.SelectOnConditionStep<org.jooq.Record> items(DSLContext dsl) {
        var assignee = PERSON.as("assignee");
        return dsl.select(TRIAGE_ITEM.fields())
                .select(assignee.HANDLE)
                .from(TRIAGE_ITEM)
                .leftJoin(assignee).on(assignee.ID.eq(TRIAGE_ITEM.ASSIGNEE_ID));
    }
}
