package dev.watchkeeper.slack;

import dev.watchkeeper.db.Database;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/slack/outbox}: pending, sent and failed counts and the recent permanent failures. */
@Controller("/api/slack/outbox")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SlackOutboxController {

    private final Database db;
    private final OutboxStore store;

    public SlackOutboxController(Database db, OutboxStore store) {
        this.db = db;
        this.store = store;
    }

    @Get
    public Map<String, Object> outbox() {
        Map<String, Object> body = new LinkedHashMap<>(db.read(store::counts));
        List<OutboxRow> failed = db.read(dsl -> store.recent(dsl, OutboxStore.FAILED, 20));
        body.put("recentFailures", failed.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("method", r.method());
            m.put("key", r.idempotencyKey());
            m.put("itemId", r.itemId());
            m.put("attempts", r.attempts());
            m.put("error", r.lastError());
            return m;
        }).toList());
        return body;
    }
}
