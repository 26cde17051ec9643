package dev.watchkeeper.db.notify;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.List;
import java.util.Optional;

import static dev.watchkeeper.db.jooq.Tables.PERSON;

/** The people directory: each person's Slack user, e-mail address and webhook. */
public final class ContactStore {

    public Optional<Contacts> find(DSLContext dsl, String handle) {
        return dsl.selectFrom(PERSON).where(PERSON.HANDLE.eq(handle)).fetchOptional(ContactStore::toContacts);
    }

    public Optional<Contacts> find(DSLContext dsl, int personId) {
        return dsl.selectFrom(PERSON).where(PERSON.ID.eq(personId)).fetchOptional(ContactStore::toContacts);
    }

    public List<Contacts> all(DSLContext dsl, int limit) {
        return dsl.selectFrom(PERSON).orderBy(PERSON.HANDLE).limit(limit).fetch(ContactStore::toContacts);
    }

    /** The handle of the person already linked to this Slack user, if any. */
    public Optional<String> handleOfSlackUser(DSLContext dsl, String slackUserId) {
        return dsl.select(PERSON.HANDLE).from(PERSON).where(PERSON.SLACK_USER_ID.eq(slackUserId)).fetchOptional(PERSON.HANDLE);
    }

    public void setSlackUser(DSLContext tx, int personId, String slackUserId) {
        tx.update(PERSON).set(PERSON.SLACK_USER_ID, slackUserId).where(PERSON.ID.eq(personId)).execute();
    }

    public void setEmail(DSLContext tx, int personId, String email) {
        tx.update(PERSON).set(PERSON.EMAIL, email).where(PERSON.ID.eq(personId)).execute();
    }

    public void setWebhook(DSLContext tx, int personId, String url, String secret) {
        tx.update(PERSON).set(PERSON.WEBHOOK_URL, url).set(PERSON.WEBHOOK_SECRET, secret)
                .where(PERSON.ID.eq(personId)).execute();
    }

    private static Contacts toContacts(Record r) {
        return new Contacts(r.get(PERSON.ID), r.get(PERSON.HANDLE), blankToNull(r.get(PERSON.SLACK_USER_ID)),
                blankToNull(r.get(PERSON.EMAIL)), blankToNull(r.get(PERSON.WEBHOOK_URL)),
                blankToNull(r.get(PERSON.WEBHOOK_SECRET)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
