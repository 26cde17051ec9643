package dev.watchkeeper.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.FieldReader;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.ingest.IntegrationRow;
import dev.watchkeeper.triage.IncomingAlert;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook endpoints for senders, each authenticated by an integration token:
 * {@code POST /ingest/alertmanager}, {@code /ingest/grafana}, {@code /ingest/generic}, each also with the
 * token as a last path segment for senders that cannot set headers. Each takes only tokens of its own
 * integration kind. Answers 200 after commit.
 */
@Controller("/ingest")
@ExecuteOn(TaskExecutors.BLOCKING)
public class IngestController {

    private final IntegrationService integrations;
    private final AlertmanagerParser alertmanager;
    private final GenericAlertParser generic;
    private final IngestService ingest;
    private final Clock clock;

    public IngestController(IntegrationService integrations, AlertmanagerParser alertmanager,
                            GenericAlertParser generic, IngestService ingest, Clock clock) {
        this.integrations = integrations;
        this.alertmanager = alertmanager;
        this.generic = generic;
        this.ingest = ingest;
        this.clock = clock;
    }

    @Post("/alertmanager{/token}")
    @Consumes(MediaType.APPLICATION_JSON)
    public IngestResult alertmanager(HttpRequest<?> request, @Nullable @PathVariable String token, @Body String body) {
        IntegrationRow from = integrations.admit(Tokens.of(request, token), true, "alertmanager", "/ingest/alertmanager");
        List<IncomingAlert> alerts = alertmanager.parse(body, clock.instant());
        return ingest.ingest(new IngestRequest("alertmanager", from, body, alerts, List.of()));
    }

    @Post("/grafana{/token}")
    @Consumes(MediaType.APPLICATION_JSON)
    public IngestResult grafana(HttpRequest<?> request, @Nullable @PathVariable String token, @Body String body) {
        IntegrationRow from = integrations.admit(Tokens.of(request, token), true, "grafana", "/ingest/grafana");
        List<IncomingAlert> alerts = alertmanager.parse(body, clock.instant());
        return ingest.ingest(new IngestRequest("grafana", from, body, alerts, List.of()));
    }

    /** One alert in the generic format, or an array of them. */
    @Post("/generic{/token}")
    @Consumes(MediaType.APPLICATION_JSON)
    public IngestResult generic(HttpRequest<?> request, @Nullable @PathVariable String token, @Body String body) {
        IntegrationRow from = integrations.admit(Tokens.of(request, token), true, "generic", "/ingest/generic");
        Instant now = clock.instant();
        JsonNode root = Json.parse(body);
        List<IncomingAlert> alerts = new ArrayList<>();
        FieldReader r = new FieldReader();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                String path = "[" + i + "]";
                if (r.requireObject(root.get(i), path)) {
                    IncomingAlert a = generic.parse(root.get(i), path, r, now);
                    if (a != null) {
                        alerts.add(a);
                    }
                }
            }
        } else if (r.requireObject(root, "")) {
            IncomingAlert a = generic.parse(root, "", r, now);
            if (a != null) {
                alerts.add(a);
            }
        }
        r.throwIfAny();
        return ingest.ingest(new IngestRequest("generic", from, body, alerts, List.of()));
    }
}
