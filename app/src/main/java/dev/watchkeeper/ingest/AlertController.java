package dev.watchkeeper.ingest;

import dev.watchkeeper.db.ingest.IntegrationRow;
import dev.watchkeeper.triage.IncomingAlert;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.util.List;

/**
 * {@code POST /api/alerts}: one alert in Watchkeeper's generic JSON format (see {@link GenericAlertParser}).
 * A token is optional unless {@code watchkeeper.ingest.require-token} is set; when given it must be a valid
 * {@code generic} integration token (the format is the generic one, as at {@code /ingest/generic}).
 */
@Controller("/api/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertController {

    private final GenericAlertParser parser;
    private final IngestService ingest;
    private final IntegrationService integrations;
    private final IngestConfig config;
    private final Clock clock;

    public AlertController(GenericAlertParser parser, IngestService ingest, IntegrationService integrations,
                           IngestConfig config, Clock clock) {
        this.parser = parser;
        this.ingest = ingest;
        this.integrations = integrations;
        this.config = config;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<IngestResult> post(HttpRequest<?> request, @Body String body) {
        IntegrationRow from = integrations.admit(Tokens.of(request, null), config.requireToken(), "generic", "/api/alerts");
        IncomingAlert alert = parser.parse(body, clock.instant());
        return HttpResponse.created(ingest.ingest(new IngestRequest("generic", from, body, List.of(alert), List.of())));
    }
}
