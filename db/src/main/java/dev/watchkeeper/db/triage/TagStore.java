package dev.watchkeeper.db.triage;

import org.jooq.DSLContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.watchkeeper.db.jooq.Tables.ITEM_TAG;
import static dev.watchkeeper.db.jooq.Tables.PERSON;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;

/** Tags on triage items. */
public final class TagStore {

    /** Tags the item; false when it already had the tag. */
    public boolean add(DSLContext tx, int itemId, String tag, int personId, String surface, Instant at) {
        return tx.insertInto(ITEM_TAG)
                .set(ITEM_TAG.ITEM_ID, itemId)
                .set(ITEM_TAG.TAG, tag)
                .set(ITEM_TAG.PERSON_ID, personId)
                .set(ITEM_TAG.SURFACE, surface)
                .set(ITEM_TAG.AT, at.toEpochMilli())
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** Removes a tag; false when the item did not have it. */
    public boolean remove(DSLContext tx, int itemId, String tag) {
        return tx.deleteFrom(ITEM_TAG).where(ITEM_TAG.ITEM_ID.eq(itemId)).and(ITEM_TAG.TAG.eq(tag)).execute() == 1;
    }

    /** The tags of each of these items, sorted; items without tags are absent. */
    public Map<Integer, List<String>> tagsOf(DSLContext dsl, Collection<Integer> itemIds) {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        List<Integer> all = new ArrayList<>(itemIds);
        for (int from = 0; from < all.size(); from += 500) {
            List<Integer> chunk = all.subList(from, Math.min(all.size(), from + 500));
            dsl.select(ITEM_TAG.ITEM_ID, ITEM_TAG.TAG)
                    .from(ITEM_TAG)
                    .where(ITEM_TAG.ITEM_ID.in(chunk))
                    .orderBy(ITEM_TAG.ITEM_ID, ITEM_TAG.TAG)
                    .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        }
        return out;
    }

    /** Items carrying the tag, newest first, at most {@code limit}. */
    public List<ItemRow> itemsTagged(DSLContext dsl, String tag, int limit) {
        var assignee = PERSON.as("assignee");
        return dsl.select(TRIAGE_ITEM.fields())
                .select(assignee.HANDLE)
                .from(TRIAGE_ITEM)
                .leftJoin(assignee).on(assignee.ID.eq(TRIAGE_ITEM.ASSIGNEE_ID))
                .where(TRIAGE_ITEM.ID.in(dsl.select(ITEM_TAG.ITEM_ID).from(ITEM_TAG).where(ITEM_TAG.TAG.eq(tag))))
                .orderBy(TRIAGE_ITEM.ID.desc())
                .limit(limit)
                .fetch(TriageStore::toRow);
    }

    /** Every tag in use and how many items carry it. */
    public Map<String, Integer> counts(DSLContext dsl) {
        Map<String, Integer> out = new TreeMap<>();
        dsl.select(ITEM_TAG.TAG, org.jooq.impl.DSL.count())
                .from(ITEM_TAG)
                .groupBy(ITEM_TAG.TAG)
                .forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }
}
