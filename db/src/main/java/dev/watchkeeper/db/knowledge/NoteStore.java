package dev.watchkeeper.db.knowledge;

import dev.watchkeeper.db.Millis;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static dev.watchkeeper.db.jooq.Tables.ACTION;
import static dev.watchkeeper.db.jooq.Tables.NOTE;
import static dev.watchkeeper.db.jooq.Tables.NOTE_SOURCE;
import static dev.watchkeeper.db.jooq.Tables.PERSON;

/** Tribal-knowledge notes and every capture that fed them. */
public final class NoteStore {

    private static final dev.watchkeeper.db.jooq.tables.Person AUTHOR = PERSON.as("author");

    public int insert(DSLContext tx, String alertname, String groupKey, String text, int authorId, Integer itemId,
                      Instant at) {
        return tx.insertInto(NOTE)
                .set(NOTE.ALERTNAME, alertname)
                .set(NOTE.GROUP_KEY, groupKey)
                .set(NOTE.TEXT, text)
                .set(NOTE.AUTHOR_ID, authorId)
                .set(NOTE.ITEM_ID, itemId)
                .set(NOTE.CREATED_AT, Millis.of(at))
                .set(NOTE.LAST_SEEN_AT, Millis.of(at))
                .set(NOTE.SEEN_COUNT, 1)
                .returning(NOTE.ID)
                .fetchOne(NOTE.ID);
    }

    /** A near-duplicate was merged into the note. */
    public void seenAgain(DSLContext tx, int noteId, Instant at) {
        tx.update(NOTE)
                .set(NOTE.SEEN_COUNT, NOTE.SEEN_COUNT.plus(1))
                .set(NOTE.LAST_SEEN_AT, Millis.of(at))
                .where(NOTE.ID.eq(noteId))
                .execute();
    }

    public void addSource(DSLContext tx, int noteId, String source, int authorId, Integer itemId, Integer actionId,
                          String text, Instant at) {
        tx.insertInto(NOTE_SOURCE)
                .set(NOTE_SOURCE.NOTE_ID, noteId)
                .set(NOTE_SOURCE.SOURCE, source)
                .set(NOTE_SOURCE.AUTHOR_ID, authorId)
                .set(NOTE_SOURCE.ITEM_ID, itemId)
                .set(NOTE_SOURCE.ACTION_ID, actionId)
                .set(NOTE_SOURCE.TEXT, text)
                .set(NOTE_SOURCE.AT, Millis.of(at))
                .execute();
    }

    public boolean actionCaptured(DSLContext dsl, int actionId) {
        return dsl.fetchExists(NOTE_SOURCE, NOTE_SOURCE.ACTION_ID.eq(actionId));
    }

    /** Items with actions that carry a note not looked at as knowledge yet. */
    public List<Integer> itemsWithUncapturedNotes(DSLContext dsl) {
        return dsl.selectDistinct(ACTION.ITEM_ID)
                .from(ACTION)
                .where(ACTION.NOTE.isNotNull())
                .and(ACTION.ID.notIn(dsl.select(NOTE_SOURCE.ACTION_ID).from(NOTE_SOURCE)
                        .where(NOTE_SOURCE.ACTION_ID.isNotNull())))
                .orderBy(ACTION.ITEM_ID)
                .fetch(ACTION.ITEM_ID);
    }

    public Optional<NoteRow> find(DSLContext dsl, int id) {
        return select(dsl).where(NOTE.ID.eq(id)).fetchOptional(NoteStore::toRow);
    }

    /** Notes about these alert names, the most often seen first. */
    public List<NoteRow> forAlertnames(DSLContext dsl, Collection<String> alertnames) {
        return select(dsl)
                .where(NOTE.ALERTNAME.in(alertnames))
                .orderBy(NOTE.SEEN_COUNT.desc(), NOTE.LAST_SEEN_AT.desc(), NOTE.ID)
                .fetch(NoteStore::toRow);
    }

    public List<NoteRow> all(DSLContext dsl) {
        return select(dsl).orderBy(NOTE.ALERTNAME, NOTE.ID).fetch(NoteStore::toRow);
    }

    /** One page of {@link #all}: {@code limit} notes from {@code offset}. */
    public List<NoteRow> page(DSLContext dsl, int limit, int offset) {
        return select(dsl).orderBy(NOTE.ALERTNAME, NOTE.ID).limit(limit).offset(offset).fetch(NoteStore::toRow);
    }

    private static SelectOnConditionStep<Record> select(DSLContext dsl) {
        return dsl.select(NOTE.fields())
                .select(AUTHOR.HANDLE)
                .from(NOTE)
                .join(AUTHOR).on(AUTHOR.ID.eq(NOTE.AUTHOR_ID));
    }

    static NoteRow toRow(Record r) {
        return new NoteRow(r.get(NOTE.ID), r.get(NOTE.ALERTNAME), r.get(NOTE.GROUP_KEY), r.get(NOTE.TEXT),
                r.get(AUTHOR.HANDLE), r.get(NOTE.ITEM_ID), Millis.toInstant(r.get(NOTE.CREATED_AT)),
                Millis.toInstant(r.get(NOTE.LAST_SEEN_AT)), r.get(NOTE.SEEN_COUNT));
    }
}
