package dev.watchkeeper.db.observability;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.watchkeeper.db.jooq.Tables.MODEL_VERSION;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;

/** The few counts the metrics endpoint reads from the database at each scrape (each one indexed query). */
public final class GaugeStore {

    /** Items still in the queue (open or acknowledged), by lane; items not scored yet count as "unscored". */
    public Map<String, Integer> queueByLane(DSLContext dsl) {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("paged", 0);
        out.put("quiet", 0);
        out.put("unscored", 0);
        dsl.select(TRIAGE_ITEM.LANE, DSL.count())
                .from(TRIAGE_ITEM)
                .where(TRIAGE_ITEM.STATE.in("open", "acknowledged"))
                .groupBy(TRIAGE_ITEM.LANE)
                .fetch()
                .forEach(r -> out.merge(r.value1() == null ? "unscored" : r.value1(), r.value2(), Integer::sum));
        return out;
    }

    /** The id of the live model version, or 0 when the heuristic fallback scores. */
    public int liveModelId(DSLContext dsl) {
        Integer id = dsl.select(DSL.max(MODEL_VERSION.ID))
                .from(MODEL_VERSION)
                .where(MODEL_VERSION.STATE.eq("live"))
                .fetchOne(0, Integer.class);
        return id == null ? 0 : id;
    }
}
