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

/** {@code GET /health}: 200 when the database answers, 503 when it does not. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthController {

    private final Database db;

    public HealthController(Database db) {
        this.db = db;
    }

    @Get("/health")
    public HttpResponse<Map<String, Object>> health() {
        boolean up = db.ping();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("database", up ? "UP" : "DOWN");
        if (up) {
            body.put("schemaVersion", db.schemaVersion());
        }
        return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
