package dev.watchkeeper.ingest;

import dev.watchkeeper.http.RateLimitedException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.ingest.IntegrationRow;
import dev.watchkeeper.triage.IncomingAlert;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * PagerDuty Events API v2 at PagerDuty's own path, {@code POST /v2/enqueue}, answering as PagerDuty does,
 * so Alertmanager's {@code pagerduty_configs}, PagerDuty client libraries and any tool that pages PagerDuty
 * work by changing one URL. The body's {@code routing_key} is the integration token.
 */
@Controller("/v2/enqueue")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventsV2Controller {

    /** PagerDuty's answer shapes. */
    public record Accepted(String status, String message, String dedup_key) {
    }

    public record Rejected(String status, String message, List<String> errors) {
    }

    private final IntegrationService integrations;
    private final EventsV2Parser parser;
    private final IngestService ingest;
    private final Clock clock;

    public EventsV2Controller(IntegrationService integrations, EventsV2Parser parser, IngestService ingest, Clock clock) {
        this.integrations = integrations;
        this.parser = parser;
        this.ingest = ingest;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> enqueue(@Body String body) {
        Instant now = clock.instant();
        IntegrationRow from;
        EventsV2Parser.Event event;
        JsonNode root;
        try {
            root = Json.parse(body);
            from = integrations.admit(parser.routingKey(root), true, "pagerduty", "/v2/enqueue");
            event = parser.parse(root, now);
        } catch (BadInputException e) {
            return HttpResponse.badRequest(new Rejected("invalid event", "Event object is invalid",
                    e.errors().stream().map(f -> "'" + f.field() + "' " + f.problem()).toList()));
        } catch (UnauthorizedException e) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(new Rejected("invalid event",
                    "Invalid routing key", List.of("'routing_key' is not the token of an active integration (unknown or revoked)")));
        } catch (WrongTokenKindException e) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(new Rejected("invalid event",
                    "Invalid routing key", List.of("'routing_key' " + e.problem())));
        } catch (RateLimitedException e) {
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                    .body(new Rejected("throttle event", "Requests for this service are arriving too quickly."
                            + " Please retry later.", List.of(e.getMessage())));
        }
        List<IncomingAlert> alerts = event.alert() == null ? List.of() : List.of(event.alert());
        List<String> acks = "acknowledge".equals(event.action()) ? List.of(event.dedupKey()) : List.of();
        ingest.ingest(new IngestRequest("pagerduty", from, redacted(root, body), alerts, acks));
        return HttpResponse.accepted().body(new Accepted("success", "Event processed", event.dedupKey()));
    }

    /**
     * The payload as stored: the {@code routing_key} (the integration's secret token) replaced by its SHA-256, the
     * only form of it Watchkeeper keeps. {@code root} is {@code body} parsed (read once per request); it is changed.
     */
    static String redacted(JsonNode root, String body) {
        if (root instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.hasNonNull("routing_key")) {
            o.put("routing_key", "sha256:" + Fingerprints.sha256(o.get("routing_key").asText().strip()));
            return Json.write(o);
        }
        return body;
    }
}
