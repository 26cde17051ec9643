package dev.watchkeeper.db.auth;

import dev.watchkeeper.db.Millis;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.watchkeeper.db.jooq.Tables.API_TOKEN;
import static dev.watchkeeper.db.jooq.Tables.PERSON;

/** API tokens of people, by the SHA-256 of their secret. */
public final class ApiTokenStore {

    public int create(DSLContext tx, int personId, String role, String tokenHash, String tokenHint, String label,
                      String createdBy, Instant at) {
        return tx.insertInto(API_TOKEN)
                .set(API_TOKEN.PERSON_ID, personId)
                .set(API_TOKEN.ROLE, role)
                .set(API_TOKEN.TOKEN_HASH, tokenHash)
                .set(API_TOKEN.TOKEN_HINT, tokenHint)
                .set(API_TOKEN.LABEL, label)
                .set(API_TOKEN.CREATED_BY, createdBy)
                .set(API_TOKEN.CREATED_AT, at.toEpochMilli())
                .returning(API_TOKEN.ID)
                .fetchOne(API_TOKEN.ID);
    }

    /** The token whose secret hashes to {@code tokenHash}, revoked or not. */
    public Optional<ApiTokenRow> findByHash(DSLContext dsl, String tokenHash) {
        return select(dsl).where(API_TOKEN.TOKEN_HASH.eq(tokenHash)).fetchOptional(ApiTokenStore::toRow);
    }

    public Optional<ApiTokenRow> find(DSLContext dsl, int id) {
        return select(dsl).where(API_TOKEN.ID.eq(id)).fetchOptional(ApiTokenStore::toRow);
    }

    /** Every token, oldest first (at most {@code limit}). */
    public List<ApiTokenRow> list(DSLContext dsl, int limit) {
        return select(dsl).orderBy(API_TOKEN.ID).limit(limit).fetch(ApiTokenStore::toRow);
    }

    /** Whether the person with this handle holds an unrevoked token of this role. */
    public boolean holdsActive(DSLContext dsl, String handle, String role) {
        return dsl.fetchExists(dsl.selectOne().from(API_TOKEN).join(PERSON).on(PERSON.ID.eq(API_TOKEN.PERSON_ID))
                .where(PERSON.HANDLE.eq(handle))
                .and(API_TOKEN.ROLE.eq(role))
                .and(API_TOKEN.REVOKED_AT.isNull()));
    }

    /** Marks the token revoked; returns false when it already was. */
    public boolean revoke(DSLContext tx, int id, Instant at) {
        return tx.update(API_TOKEN)
                .set(API_TOKEN.REVOKED_AT, at.toEpochMilli())
                .where(API_TOKEN.ID.eq(id))
                .and(API_TOKEN.REVOKED_AT.isNull())
                .execute() == 1;
    }

    public void touch(DSLContext tx, int id, Instant at) {
        tx.update(API_TOKEN).set(API_TOKEN.LAST_USED_AT, at.toEpochMilli()).where(API_TOKEN.ID.eq(id)).execute();
    }

    private static org.jooq.SelectOnConditionStep<Record> select(DSLContext dsl) {
        return dsl.select(API_TOKEN.fields()).select(PERSON.HANDLE).from(API_TOKEN)
                .join(PERSON).on(PERSON.ID.eq(API_TOKEN.PERSON_ID));
    }

    static ApiTokenRow toRow(Record r) {
        return new ApiTokenRow(r.get(API_TOKEN.ID), r.get(API_TOKEN.PERSON_ID), r.get(PERSON.HANDLE),
                r.get(API_TOKEN.ROLE), r.get(API_TOKEN.TOKEN_HINT), r.get(API_TOKEN.LABEL), r.get(API_TOKEN.CREATED_BY),
                Millis.toInstant(r.get(API_TOKEN.CREATED_AT)), Millis.toInstant(r.get(API_TOKEN.LAST_USED_AT)),
                Millis.toInstant(r.get(API_TOKEN.REVOKED_AT)));
    }
}
