package dev.watchkeeper.db.notify;

import org.jooq.DSLContext;

import java.time.Instant;
import java.util.Optional;

import static dev.watchkeeper.db.jooq.Tables.PERSON;

/** People who act on items, known by a handle and, once they used Slack, by their Slack user ID. */
public final class PersonStore {

    /** The id of the person with this handle, created on first use. */
    public int idForHandle(DSLContext tx, String handle, Instant now) {
        Integer id = tx.select(PERSON.ID).from(PERSON).where(PERSON.HANDLE.eq(handle)).fetchOne(PERSON.ID);
        if (id != null) {
            return id;
        }
        return tx.insertInto(PERSON)
                .set(PERSON.HANDLE, handle)
                .set(PERSON.CREATED_AT, now.toEpochMilli())
                .returning(PERSON.ID)
                .fetchOne(PERSON.ID);
    }

    /** The id of the person behind a Slack user ID, created on first contact. */
    public int idForSlackUser(DSLContext tx, String slackUserId, String displayName, Instant now) {
        Integer id = tx.select(PERSON.ID).from(PERSON).where(PERSON.SLACK_USER_ID.eq(slackUserId)).fetchOne(PERSON.ID);
        if (id != null) {
            return id;
        }
        String handle = displayName == null || displayName.isBlank() ? slackUserId : displayName;
        // Someone added by handle (CLI, HTTP, a rotation) who now uses Slack under that name is the same person.
        Integer unlinked = tx.select(PERSON.ID).from(PERSON)
                .where(PERSON.HANDLE.eq(handle))
                .and(PERSON.SLACK_USER_ID.isNull())
                .fetchOne(PERSON.ID);
        if (unlinked != null) {
            tx.update(PERSON)
                    .set(PERSON.SLACK_USER_ID, slackUserId)
                    .set(PERSON.DISPLAY_NAME, displayName)
                    .where(PERSON.ID.eq(unlinked))
                    .execute();
            return unlinked;
        }
        if (tx.fetchExists(PERSON, PERSON.HANDLE.eq(handle))) {
            handle = handle + "-" + slackUserId;
        }
        return tx.insertInto(PERSON)
                .set(PERSON.HANDLE, handle)
                .set(PERSON.SLACK_USER_ID, slackUserId)
                .set(PERSON.DISPLAY_NAME, displayName)
                .set(PERSON.CREATED_AT, now.toEpochMilli())
                .returning(PERSON.ID)
                .fetchOne(PERSON.ID);
    }

    public Optional<String> handle(DSLContext dsl, int id) {
        return dsl.select(PERSON.HANDLE).from(PERSON).where(PERSON.ID.eq(id)).fetchOptional(PERSON.HANDLE);
    }

    /** The Slack user ID of the person with this handle, when they have used Slack. */
    public Optional<String> slackUserIdForHandle(DSLContext dsl, String handle) {
        return dsl.select(PERSON.SLACK_USER_ID).from(PERSON).where(PERSON.HANDLE.eq(handle))
                .fetchOptional(PERSON.SLACK_USER_ID);
    }

    /** The handle of the person linked to this Slack user ID, if any. */
    public Optional<String> handleOfSlackUser(DSLContext dsl, String slackUserId) {
        return dsl.select(PERSON.HANDLE).from(PERSON).where(PERSON.SLACK_USER_ID.eq(slackUserId))
                .fetchOptional(PERSON.HANDLE);
    }

    public Optional<String> slackUserId(DSLContext dsl, int id) {
        return dsl.select(PERSON.SLACK_USER_ID).from(PERSON).where(PERSON.ID.eq(id)).fetchOptional(PERSON.SLACK_USER_ID);
    }
}
