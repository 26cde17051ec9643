package dev.watchkeeper.db.report;

import dev.watchkeeper.db.Millis;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.watchkeeper.db.jooq.Tables.REPORT;

/** Shift and incident reports and their draft, edit and publish states. */
public final class ReportStore {

    public int insert(DSLContext tx, String kind, String rotation, Integer itemId, Instant windowStart,
                      Instant windowEnd, String primary, List<String> shadows, String title, String body,
                      String createdBy, Instant at) {
        return tx.insertInto(REPORT)
                .set(REPORT.KIND, kind)
                .set(REPORT.STATE, "draft")
                .set(REPORT.ROTATION, rotation)
                .set(REPORT.ITEM_ID, itemId)
                .set(REPORT.WINDOW_START, Millis.of(windowStart))
                .set(REPORT.WINDOW_END, Millis.of(windowEnd))
                .set(REPORT.PRIMARY_HANDLE, primary)
                .set(REPORT.SHADOWS, String.join(",", shadows))
                .set(REPORT.TITLE, title)
                // Stored once: an empty drafted_body means "as body" until the first edit keeps the draft apart.
                .set(REPORT.DRAFTED_BODY, "")
                .set(REPORT.BODY, body)
                .set(REPORT.CREATED_BY, createdBy)
                .set(REPORT.CREATED_AT, Millis.of(at))
                .returning(REPORT.ID)
                .fetchOne(REPORT.ID);
    }

    public Optional<ReportRow> find(DSLContext dsl, int id) {
        return dsl.selectFrom(REPORT).where(REPORT.ID.eq(id)).fetchOptional().map(ReportStore::toRow);
    }

    /** The shift report of exactly this rotation and window, if one was drafted. */
    public Optional<ReportRow> findShift(DSLContext dsl, String rotation, Instant windowStart, Instant windowEnd) {
        return dsl.selectFrom(REPORT)
                .where(REPORT.KIND.eq("shift"))
                .and(REPORT.ROTATION.eq(rotation))
                .and(REPORT.WINDOW_START.eq(Millis.of(windowStart)))
                .and(REPORT.WINDOW_END.eq(Millis.of(windowEnd)))
                .orderBy(REPORT.ID)
                .limit(1)
                .fetchOptional()
                .map(ReportStore::toRow);
    }

    /** Newest first; {@code kind} and {@code state} may be null for any. */
    public List<ReportRow> list(DSLContext dsl, String kind, String state, int limit) {
        return list(dsl, kind, state, limit, 0);
    }

    /** Newest first, {@code limit} from {@code offset}; {@code kind} and {@code state} may be null for any. */
    public List<ReportRow> list(DSLContext dsl, String kind, String state, int limit, int offset) {
        var where = org.jooq.impl.DSL.noCondition();
        if (kind != null) {
            where = where.and(REPORT.KIND.eq(kind));
        }
        if (state != null) {
            where = where.and(REPORT.STATE.eq(state));
        }
        return dsl.selectFrom(REPORT)
                .where(where)
                .orderBy(REPORT.CREATED_AT.desc(), REPORT.ID.desc())
                .limit(limit)
                .offset(offset)
                .fetch(ReportStore::toRow);
    }

    public void edit(DSLContext tx, int id, String body, String by, Instant at) {
        // The first edit keeps the draft as drafted (until then body held it alone).
        tx.update(REPORT)
                .set(REPORT.DRAFTED_BODY, REPORT.BODY)
                .where(REPORT.ID.eq(id))
                .and(REPORT.DRAFTED_BODY.eq(""))
                .execute();
        tx.update(REPORT)
                .set(REPORT.BODY, body)
                .set(REPORT.EDITED_BY, by)
                .set(REPORT.EDITED_AT, Millis.of(at))
                .where(REPORT.ID.eq(id))
                .execute();
    }

    public void publish(DSLContext tx, int id, String by, Instant at) {
        tx.update(REPORT)
                .set(REPORT.STATE, "published")
                .set(REPORT.PUBLISHED_BY, by)
                .set(REPORT.PUBLISHED_AT, Millis.of(at))
                .where(REPORT.ID.eq(id))
                .execute();
    }

    static ReportRow toRow(Record r) {
        String shadows = r.get(REPORT.SHADOWS);
        return new ReportRow(r.get(REPORT.ID), r.get(REPORT.KIND), r.get(REPORT.STATE), r.get(REPORT.ROTATION),
                r.get(REPORT.ITEM_ID), Millis.toInstant(r.get(REPORT.WINDOW_START)),
                Millis.toInstant(r.get(REPORT.WINDOW_END)), r.get(REPORT.PRIMARY_HANDLE),
                shadows == null || shadows.isEmpty() ? List.of() : Arrays.asList(shadows.split(",")),
                r.get(REPORT.TITLE), r.get(REPORT.DRAFTED_BODY).isEmpty() ? r.get(REPORT.BODY) : r.get(REPORT.DRAFTED_BODY),
                r.get(REPORT.BODY), r.get(REPORT.CREATED_BY),
                Millis.toInstant(r.get(REPORT.CREATED_AT)), r.get(REPORT.EDITED_BY),
                Millis.toInstant(r.get(REPORT.EDITED_AT)), r.get(REPORT.PUBLISHED_BY),
                Millis.toInstant(r.get(REPORT.PUBLISHED_AT)));
    }
}
