package dev.watchkeeper.db.rotation;

import dev.watchkeeper.db.Millis;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static dev.watchkeeper.db.jooq.Tables.ACTION;
import static dev.watchkeeper.db.jooq.Tables.PERSON;
import static dev.watchkeeper.db.jooq.Tables.PERSON_CALENDAR;
import static dev.watchkeeper.db.jooq.Tables.ROTATION;
import static dev.watchkeeper.db.jooq.Tables.ROTATION_MEMBER;
import static dev.watchkeeper.db.jooq.Tables.ROTATION_OVERRIDE;
import static dev.watchkeeper.db.jooq.Tables.ROTATION_PAGE;
import static dev.watchkeeper.db.jooq.Tables.ROTATION_SWAP;
import static dev.watchkeeper.db.jooq.Tables.SHADOW_COPY;
import static dev.watchkeeper.db.jooq.Tables.SHADOW_VOLUNTEER;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;

/** Rotations, members, overrides, swaps, shadow volunteers, pages and shadow copies. */
public final class RotationStore {

    private static final dev.watchkeeper.db.jooq.tables.Person CREATOR = PERSON.as("creator");
    private static final dev.watchkeeper.db.jooq.tables.Person OTHER = PERSON.as("other");
    private static final dev.watchkeeper.db.jooq.tables.Person DECIDER = PERSON.as("decider");

    // ---- rotations

    public int insertRotation(DSLContext tx, String name, int shiftDays, String handoffDay, String handoffTime,
                              String zone, String anchorDate, String channel, String userGroup, int shadowShifts,
                              String calendarToken, int lastHandoffShift, Instant at) {
        return tx.insertInto(ROTATION)
                .set(ROTATION.NAME, name)
                .set(ROTATION.SHIFT_DAYS, shiftDays)
                .set(ROTATION.HANDOFF_DAY, handoffDay)
                .set(ROTATION.HANDOFF_TIME, handoffTime)
                .set(ROTATION.ZONE, zone)
                .set(ROTATION.ANCHOR_DATE, anchorDate)
                .set(ROTATION.CHANNEL, channel)
                .set(ROTATION.USER_GROUP, userGroup)
                .set(ROTATION.SHADOW_SHIFTS, shadowShifts)
                .set(ROTATION.CALENDAR_TOKEN, calendarToken)
                .set(ROTATION.LAST_HANDOFF_SHIFT, lastHandoffShift)
                .set(ROTATION.CREATED_AT, at.toEpochMilli())
                .returning(ROTATION.ID)
                .fetchOne(ROTATION.ID);
    }

    public Optional<RotationRow> find(DSLContext dsl, String name) {
        return dsl.selectFrom(ROTATION).where(ROTATION.NAME.eq(name)).fetchOptional(RotationStore::toRotation);
    }

    public Optional<RotationRow> find(DSLContext dsl, int id) {
        return dsl.selectFrom(ROTATION).where(ROTATION.ID.eq(id)).fetchOptional(RotationStore::toRotation);
    }

    public Optional<RotationRow> findByCalendarToken(DSLContext dsl, String token) {
        return dsl.selectFrom(ROTATION).where(ROTATION.CALENDAR_TOKEN.eq(token)).fetchOptional(RotationStore::toRotation);
    }

    public List<RotationRow> all(DSLContext dsl) {
        return dsl.selectFrom(ROTATION).orderBy(ROTATION.ID).fetch(RotationStore::toRotation);
    }

    /** Sets the newest shift handed off to, only moving forward; true when this call moved it. */
    public boolean advanceHandoff(DSLContext tx, int rotationId, int shift) {
        return tx.update(ROTATION)
                .set(ROTATION.LAST_HANDOFF_SHIFT, shift)
                .where(ROTATION.ID.eq(rotationId))
                .and(ROTATION.LAST_HANDOFF_SHIFT.lt(shift))
                .execute() == 1;
    }

    private static RotationRow toRotation(dev.watchkeeper.db.jooq.tables.records.RotationRecord r) {
        return new RotationRow(r.getId(), r.getName(), r.getShiftDays(), r.getHandoffDay(), r.getHandoffTime(),
                r.getZone(), r.getAnchorDate(), r.getChannel(), r.getUserGroup(), r.getShadowShifts(),
                r.getCalendarToken(), r.getLastHandoffShift(), Millis.toInstant(r.getCreatedAt()));
    }

    // ---- members

    public List<MemberRow> members(DSLContext dsl, int rotationId) {
        return dsl.select(ROTATION_MEMBER.PERSON_ID, PERSON.HANDLE, PERSON.SLACK_USER_ID, ROTATION_MEMBER.POSITION,
                        ROTATION_MEMBER.FIRST_SHIFT, ROTATION_MEMBER.SHADOW_SHIFTS, ROTATION_MEMBER.JOINED_AT)
                .from(ROTATION_MEMBER)
                .join(PERSON).on(PERSON.ID.eq(ROTATION_MEMBER.PERSON_ID))
                .where(ROTATION_MEMBER.ROTATION_ID.eq(rotationId))
                .orderBy(ROTATION_MEMBER.POSITION)
                .fetch(r -> new MemberRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        Millis.toInstant(r.value7())));
    }

    /** Adds a member at the end of the order. */
    public void addMember(DSLContext tx, int rotationId, int personId, int firstShift, int shadowShifts, Instant at) {
        Integer last = tx.select(DSL.max(ROTATION_MEMBER.POSITION)).from(ROTATION_MEMBER)
                .where(ROTATION_MEMBER.ROTATION_ID.eq(rotationId)).fetchOne(0, Integer.class);
        tx.insertInto(ROTATION_MEMBER)
                .set(ROTATION_MEMBER.ROTATION_ID, rotationId)
                .set(ROTATION_MEMBER.PERSON_ID, personId)
                .set(ROTATION_MEMBER.POSITION, last == null ? 0 : last + 1)
                .set(ROTATION_MEMBER.FIRST_SHIFT, firstShift)
                .set(ROTATION_MEMBER.SHADOW_SHIFTS, shadowShifts)
                .set(ROTATION_MEMBER.JOINED_AT, at.toEpochMilli())
                .execute();
    }

    public boolean removeMember(DSLContext tx, int rotationId, int personId) {
        return tx.deleteFrom(ROTATION_MEMBER)
                .where(ROTATION_MEMBER.ROTATION_ID.eq(rotationId))
                .and(ROTATION_MEMBER.PERSON_ID.eq(personId))
                .execute() == 1;
    }

    public void setShadowShifts(DSLContext tx, int rotationId, int personId, int shadowShifts) {
        tx.update(ROTATION_MEMBER)
                .set(ROTATION_MEMBER.SHADOW_SHIFTS, shadowShifts)
                .where(ROTATION_MEMBER.ROTATION_ID.eq(rotationId))
                .and(ROTATION_MEMBER.PERSON_ID.eq(personId))
                .execute();
    }

    // ---- overrides

    public int addOverride(DSLContext tx, int rotationId, int personId, Instant from, Instant to, int createdBy,
                           Instant at, Integer swapId) {
        return tx.insertInto(ROTATION_OVERRIDE)
                .set(ROTATION_OVERRIDE.ROTATION_ID, rotationId)
                .set(ROTATION_OVERRIDE.PERSON_ID, personId)
                .set(ROTATION_OVERRIDE.STARTS_AT, from.toEpochMilli())
                .set(ROTATION_OVERRIDE.ENDS_AT, to.toEpochMilli())
                .set(ROTATION_OVERRIDE.CREATED_BY, createdBy)
                .set(ROTATION_OVERRIDE.CREATED_AT, at.toEpochMilli())
                .set(ROTATION_OVERRIDE.SWAP_ID, swapId)
                .returning(ROTATION_OVERRIDE.ID)
                .fetchOne(ROTATION_OVERRIDE.ID);
    }

    /** Every override of the rotation, oldest first (the newest covering an instant wins). */
    public List<OverrideRow> overrides(DSLContext dsl, int rotationId) {
        return dsl.select(ROTATION_OVERRIDE.ID, ROTATION_OVERRIDE.PERSON_ID, PERSON.HANDLE, ROTATION_OVERRIDE.STARTS_AT,
                        ROTATION_OVERRIDE.ENDS_AT, CREATOR.HANDLE, ROTATION_OVERRIDE.CREATED_AT, ROTATION_OVERRIDE.SWAP_ID)
                .from(ROTATION_OVERRIDE)
                .join(PERSON).on(PERSON.ID.eq(ROTATION_OVERRIDE.PERSON_ID))
                .join(CREATOR).on(CREATOR.ID.eq(ROTATION_OVERRIDE.CREATED_BY))
                .where(ROTATION_OVERRIDE.ROTATION_ID.eq(rotationId))
                .orderBy(ROTATION_OVERRIDE.ID)
                .fetch(r -> new OverrideRow(r.value1(), r.value2(), r.value3(), Millis.toInstant(r.value4()),
                        Millis.toInstant(r.value5()), r.value6(), Millis.toInstant(r.value7()), r.value8()));
    }

    // ---- swaps

    public int insertSwap(DSLContext tx, int rotationId, int requesterId, int otherId, int requesterShift,
                          int otherShift, Instant at) {
        return tx.insertInto(ROTATION_SWAP)
                .set(ROTATION_SWAP.ROTATION_ID, rotationId)
                .set(ROTATION_SWAP.REQUESTER_ID, requesterId)
                .set(ROTATION_SWAP.OTHER_ID, otherId)
                .set(ROTATION_SWAP.REQUESTER_SHIFT, requesterShift)
                .set(ROTATION_SWAP.OTHER_SHIFT, otherShift)
                .set(ROTATION_SWAP.STATE, "pending")
                .set(ROTATION_SWAP.CREATED_AT, at.toEpochMilli())
                .returning(ROTATION_SWAP.ID)
                .fetchOne(ROTATION_SWAP.ID);
    }

    public Optional<SwapRow> swap(DSLContext dsl, int id) {
        return swaps(dsl).where(ROTATION_SWAP.ID.eq(id)).fetchOptional(RotationStore::toSwap);
    }

    public List<SwapRow> swaps(DSLContext dsl, int rotationId, String state) {
        var q = swaps(dsl).where(ROTATION_SWAP.ROTATION_ID.eq(rotationId));
        if (state != null) {
            q = q.and(ROTATION_SWAP.STATE.eq(state));
        }
        return q.orderBy(ROTATION_SWAP.ID).fetch(RotationStore::toSwap);
    }

    /** Moves a pending swap to {@code state}; false when it was no longer pending. */
    public boolean decideSwap(DSLContext tx, int id, String state, Instant at) {
        return tx.update(ROTATION_SWAP)
                .set(ROTATION_SWAP.STATE, state)
                .set(ROTATION_SWAP.DECIDED_AT, at.toEpochMilli())
                .where(ROTATION_SWAP.ID.eq(id))
                .and(ROTATION_SWAP.STATE.eq("pending"))
                .execute() == 1;
    }

    private static org.jooq.SelectOnConditionStep<Record> swaps(DSLContext dsl) {
        return dsl.select(ROTATION_SWAP.fields())
                .select(PERSON.HANDLE, OTHER.HANDLE)
                .from(ROTATION_SWAP)
                .join(PERSON).on(PERSON.ID.eq(ROTATION_SWAP.REQUESTER_ID))
                .join(OTHER).on(OTHER.ID.eq(ROTATION_SWAP.OTHER_ID));
    }

    private static SwapRow toSwap(Record r) {
        return new SwapRow(r.get(ROTATION_SWAP.ID), r.get(ROTATION_SWAP.ROTATION_ID), r.get(PERSON.HANDLE),
                r.get(OTHER.HANDLE), r.get(ROTATION_SWAP.REQUESTER_SHIFT), r.get(ROTATION_SWAP.OTHER_SHIFT),
                r.get(ROTATION_SWAP.STATE), Millis.toInstant(r.get(ROTATION_SWAP.CREATED_AT)),
                Millis.toInstant(r.get(ROTATION_SWAP.DECIDED_AT)));
    }

    // ---- shadow volunteers

    /** False when the person already volunteered for that shift. */
    public boolean addVolunteer(DSLContext tx, int rotationId, int personId, int shift, Instant at) {
        return tx.insertInto(SHADOW_VOLUNTEER)
                .set(SHADOW_VOLUNTEER.ROTATION_ID, rotationId)
                .set(SHADOW_VOLUNTEER.PERSON_ID, personId)
                .set(SHADOW_VOLUNTEER.SHIFT, shift)
                .set(SHADOW_VOLUNTEER.CREATED_AT, at.toEpochMilli())
                .onConflictDoNothing()
                .execute() == 1;
    }

    public List<VolunteerRow> volunteers(DSLContext dsl, int rotationId) {
        return dsl.select(SHADOW_VOLUNTEER.PERSON_ID, PERSON.HANDLE, SHADOW_VOLUNTEER.SHIFT)
                .from(SHADOW_VOLUNTEER)
                .join(PERSON).on(PERSON.ID.eq(SHADOW_VOLUNTEER.PERSON_ID))
                .where(SHADOW_VOLUNTEER.ROTATION_ID.eq(rotationId))
                .orderBy(SHADOW_VOLUNTEER.SHIFT, SHADOW_VOLUNTEER.CREATED_AT)
                .fetch(r -> new VolunteerRow(r.value1(), r.value2(), r.value3()));
    }

    // ---- pages and escalation

    /** False when the item was already paged through a rotation. */
    public boolean insertPage(DSLContext tx, int itemId, int rotationId, Integer primaryId, Instant at) {
        return tx.insertInto(ROTATION_PAGE)
                .set(ROTATION_PAGE.ITEM_ID, itemId)
                .set(ROTATION_PAGE.ROTATION_ID, rotationId)
                .set(ROTATION_PAGE.PRIMARY_ID, primaryId)
                .set(ROTATION_PAGE.PAGED_AT, at.toEpochMilli())
                .set(ROTATION_PAGE.LEVEL, 0)
                .set(ROTATION_PAGE.LAST_PAGED_AT, at.toEpochMilli())
                .set(ROTATION_PAGE.LAST_PAGED_ID, primaryId)
                .onConflictDoNothing()
                .execute() == 1;
    }

    public Optional<PageRow> page(DSLContext dsl, int itemId) {
        return dsl.selectFrom(ROTATION_PAGE).where(ROTATION_PAGE.ITEM_ID.eq(itemId)).fetchOptional(RotationStore::toPage);
    }

    /** Pages nobody has answered yet. */
    public List<PageRow> openPages(DSLContext dsl) {
        return dsl.selectFrom(ROTATION_PAGE).where(ROTATION_PAGE.DONE_AT.isNull()).orderBy(ROTATION_PAGE.ITEM_ID)
                .fetch(RotationStore::toPage);
    }

    public void escalated(DSLContext tx, int itemId, int level, Integer pagedPersonId, Instant at) {
        tx.update(ROTATION_PAGE)
                .set(ROTATION_PAGE.LEVEL, level)
                .set(ROTATION_PAGE.LAST_PAGED_AT, at.toEpochMilli())
                .set(ROTATION_PAGE.LAST_PAGED_ID, pagedPersonId)
                .where(ROTATION_PAGE.ITEM_ID.eq(itemId))
                .execute();
    }

    public void pageDone(DSLContext tx, int itemId, Instant at) {
        tx.update(ROTATION_PAGE)
                .set(ROTATION_PAGE.DONE_AT, at.toEpochMilli())
                .where(ROTATION_PAGE.ITEM_ID.eq(itemId))
                .and(ROTATION_PAGE.DONE_AT.isNull())
                .execute();
    }

    private static PageRow toPage(dev.watchkeeper.db.jooq.tables.records.RotationPageRecord r) {
        return new PageRow(r.getItemId(), r.getRotationId(), r.getPrimaryId(), Millis.toInstant(r.getPagedAt()),
                r.getLevel(), Millis.toInstant(r.getLastPagedAt()), r.getLastPagedId(), Millis.toInstant(r.getDoneAt()));
    }

    /** The first ack, acted or noise action on the item at or after {@code since}, if any. */
    public Optional<Instant> firstDecisionSince(DSLContext dsl, int itemId, Instant since) {
        return dsl.select(DSL.min(ACTION.AT)).from(ACTION)
                .where(ACTION.ITEM_ID.eq(itemId))
                .and(ACTION.KIND.in("ack", "acted", "noise"))
                .and(ACTION.AT.ge(since.toEpochMilli()))
                .fetchOptional(0, Long.class)
                .map(Instant::ofEpochMilli);
    }

    /** Actions of these kinds taken in [from, to), oldest first, with their item's title. */
    public List<ShiftActionRow> actionsBetween(DSLContext dsl, Instant from, Instant to, Collection<String> kinds) {
        return dsl.select(ACTION.ITEM_ID, TRIAGE_ITEM.TITLE, ACTION.KIND, PERSON.HANDLE, ACTION.AT, ACTION.NOTE)
                .from(ACTION)
                .join(TRIAGE_ITEM).on(TRIAGE_ITEM.ID.eq(ACTION.ITEM_ID))
                .join(PERSON).on(PERSON.ID.eq(ACTION.PERSON_ID))
                .where(ACTION.AT.ge(from.toEpochMilli()))
                .and(ACTION.AT.lt(to.toEpochMilli()))
                .and(ACTION.KIND.in(kinds))
                .orderBy(ACTION.AT, ACTION.ID)
                .fetch(r -> new ShiftActionRow(r.value1(), r.value2(), r.value3(), r.value4(),
                        Millis.toInstant(r.value5()), r.value6()));
    }

    // ---- shadow copies

    public boolean insertCopy(DSLContext tx, int itemId, int personId, int rotationId, Instant at) {
        return tx.insertInto(SHADOW_COPY)
                .set(SHADOW_COPY.ITEM_ID, itemId)
                .set(SHADOW_COPY.PERSON_ID, personId)
                .set(SHADOW_COPY.ROTATION_ID, rotationId)
                .set(SHADOW_COPY.SENT_AT, at.toEpochMilli())
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** Records a guess; false when the person has no copy of the item. */
    public boolean setGuess(DSLContext tx, int itemId, int personId, String guess, Instant at) {
        return tx.update(SHADOW_COPY)
                .set(SHADOW_COPY.GUESS, guess)
                .set(SHADOW_COPY.GUESSED_AT, at.toEpochMilli())
                .where(SHADOW_COPY.ITEM_ID.eq(itemId))
                .and(SHADOW_COPY.PERSON_ID.eq(personId))
                .execute() == 1;
    }

    /** Stores the primary's decision on every copy of the item not yet decided; returns how many. */
    public int setDecision(DSLContext tx, int itemId, String decision, int decidedBy, Instant at) {
        return tx.update(SHADOW_COPY)
                .set(SHADOW_COPY.DECISION, decision)
                .set(SHADOW_COPY.DECIDED_BY, decidedBy)
                .set(SHADOW_COPY.DECIDED_AT, at.toEpochMilli())
                .where(SHADOW_COPY.ITEM_ID.eq(itemId))
                .and(SHADOW_COPY.DECISION.isNull())
                .execute();
    }

    public List<ShadowCopyRow> copiesOfItem(DSLContext dsl, int itemId) {
        return copies(dsl).where(SHADOW_COPY.ITEM_ID.eq(itemId)).orderBy(SHADOW_COPY.PERSON_ID)
                .fetch(RotationStore::toCopy);
    }

    public List<ShadowCopyRow> copiesOfRotation(DSLContext dsl, int rotationId) {
        return copies(dsl).where(SHADOW_COPY.ROTATION_ID.eq(rotationId)).orderBy(SHADOW_COPY.SENT_AT)
                .fetch(RotationStore::toCopy);
    }

    private static org.jooq.SelectOnConditionStep<Record> copies(DSLContext dsl) {
        return dsl.select(SHADOW_COPY.fields())
                .select(PERSON.HANDLE, DECIDER.HANDLE)
                .from(SHADOW_COPY)
                .join(PERSON).on(PERSON.ID.eq(SHADOW_COPY.PERSON_ID))
                .leftJoin(DECIDER).on(DECIDER.ID.eq(SHADOW_COPY.DECIDED_BY));
    }

    private static ShadowCopyRow toCopy(Record r) {
        return new ShadowCopyRow(r.get(SHADOW_COPY.ITEM_ID), r.get(SHADOW_COPY.PERSON_ID), r.get(PERSON.HANDLE),
                r.get(SHADOW_COPY.ROTATION_ID), Millis.toInstant(r.get(SHADOW_COPY.SENT_AT)), r.get(SHADOW_COPY.GUESS),
                Millis.toInstant(r.get(SHADOW_COPY.GUESSED_AT)), r.get(SHADOW_COPY.DECISION), r.get(DECIDER.HANDLE),
                Millis.toInstant(r.get(SHADOW_COPY.DECIDED_AT)));
    }

    // ---- calendar tokens of people

    /** The person's calendar token, stored on first use. */
    public String calendarToken(DSLContext tx, int personId, String fresh) {
        String token = tx.select(PERSON_CALENDAR.TOKEN).from(PERSON_CALENDAR)
                .where(PERSON_CALENDAR.PERSON_ID.eq(personId)).fetchOne(PERSON_CALENDAR.TOKEN);
        if (token != null) {
            return token;
        }
        tx.insertInto(PERSON_CALENDAR).set(PERSON_CALENDAR.PERSON_ID, personId).set(PERSON_CALENDAR.TOKEN, fresh).execute();
        return fresh;
    }

    /** The handle whose calendar token this is. */
    public Optional<String> personByCalendarToken(DSLContext dsl, String token) {
        return dsl.select(PERSON.HANDLE).from(PERSON_CALENDAR).join(PERSON).on(PERSON.ID.eq(PERSON_CALENDAR.PERSON_ID))
                .where(PERSON_CALENDAR.TOKEN.eq(token)).fetchOptional(PERSON.HANDLE);
    }

    public Optional<Integer> personId(DSLContext dsl, String handle) {
        return dsl.select(PERSON.ID).from(PERSON).where(PERSON.HANDLE.eq(handle)).fetchOptional(PERSON.ID);
    }
}
