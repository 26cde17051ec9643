package dev.watchkeeper.observability;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /metrics}: every meter in Prometheus's text exposition format (0.0.4), for a Prometheus server to
 * scrape. The gauges read the database, so the request runs on the blocking pool.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class MetricsController {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    /** Taking {@link ServiceMetrics} makes sure its gauges are registered before the first scrape. */
    public MetricsController(PrometheusMeterRegistry registry, ServiceMetrics metrics) {
        this.registry = registry;
    }

    @Get(uri = "/metrics", produces = MediaType.TEXT_PLAIN)
    HttpResponse<String> scrape() {
        return HttpResponse.ok(registry.scrape()).contentType(CONTENT_TYPE);
    }
}
