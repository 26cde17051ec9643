package dev.watchkeeper.ingest;

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

/** {@code POST /api/alerts}: one alert in Watchkeeper's generic JSON format (see {@link GenericAlertParser}). */
@Controller("/api/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertController {

    private final GenericAlertParser parser;
    private final IngestService ingest;
    private final Clock clock;

    public AlertController(GenericAlertParser parser, IngestService ingest, Clock clock) {
        this.parser = parser;
        this.ingest = ingest;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<IngestResult> post(@Body String body) {
        IncomingAlert alert = parser.parse(body, clock.instant());
        return HttpResponse.created(ingest.ingest("generic", null, body, List.of(alert)));
    }
}
