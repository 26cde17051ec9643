package dev.watchkeeper.db.ingest;

import dev.watchkeeper.db.Millis;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.watchkeeper.db.jooq.Tables.INTEGRATION;

/** Integrations (alert senders) and their hashed tokens. */
public final class IntegrationStore {

    public int create(DSLContext tx, String kind, String name, String tokenHash, String tokenHint, Instant at) {
        return tx.insertInto(INTEGRATION)
                .set(INTEGRATION.KIND, kind)
                .set(INTEGRATION.NAME, name)
                .set(INTEGRATION.TOKEN_HASH, tokenHash)
                .set(INTEGRATION.TOKEN_HINT, tokenHint)
                .set(INTEGRATION.CREATED_AT, at.toEpochMilli())
                .returning(INTEGRATION.ID)
                .fetchOne(INTEGRATION.ID);
    }

    /** The integration whose token hashes to {@code tokenHash}, revoked or not. */
    public Optional<IntegrationRow> findByTokenHash(DSLContext dsl, String tokenHash) {
        return dsl.selectFrom(INTEGRATION)
                .where(INTEGRATION.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(IntegrationStore::toRow);
    }

    public Optional<IntegrationRow> findByName(DSLContext dsl, String name) {
        return dsl.selectFrom(INTEGRATION)
                .where(INTEGRATION.NAME.eq(name))
                .fetchOptional(IntegrationStore::toRow);
    }

    public List<IntegrationRow> list(DSLContext dsl) {
        return dsl.selectFrom(INTEGRATION).orderBy(INTEGRATION.ID).fetch(IntegrationStore::toRow);
    }

    /** Marks the integration revoked; returns false when it already was. */
    public boolean revoke(DSLContext tx, int id, Instant at) {
        return tx.update(INTEGRATION)
                .set(INTEGRATION.REVOKED_AT, at.toEpochMilli())
                .where(INTEGRATION.ID.eq(id))
                .and(INTEGRATION.REVOKED_AT.isNull())
                .execute() == 1;
    }

    static IntegrationRow toRow(Record r) {
        return new IntegrationRow(r.get(INTEGRATION.ID), r.get(INTEGRATION.KIND), r.get(INTEGRATION.NAME),
                r.get(INTEGRATION.TOKEN_HINT), Millis.toInstant(r.get(INTEGRATION.CREATED_AT)),
                Millis.toInstant(r.get(INTEGRATION.REVOKED_AT)));
    }
}
