package dev.watchkeeper.http;

import dev.watchkeeper.db.Database;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: 200 when the database answers, takes a write and is still the file it opened; 503 with
 * the reason otherwise (read-only, full, deleted or replaced file, failing writes).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthController {

    private final Database db;

    public HealthController(Database db) {
        this.db = db;
    }

    @Get("/health")
    public HttpResponse<Map<String, Object>> health() {
        Database.Health h = db.health();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", h.up() ? "UP" : "DOWN");
        body.put("database", h.up() ? "UP" : "DOWN");
        if (h.up()) {
            body.put("schemaVersion", db.schemaVersion());
        } else {
            body.put("problem", h.problem());
        }
        return HttpResponse.status(h.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
