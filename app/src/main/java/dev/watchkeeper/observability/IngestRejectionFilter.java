package dev.watchkeeper.observability;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Counts ingest requests that were refused (any 4xx or 5xx answer: bad payload, wrong token, too large, rate
 * limited, database trouble) as {@code watchkeeper_alerts_ingested_total{outcome="rejected"}}, by integration.
 */
@ServerFilter({"/ingest/**", "/api/alerts", "/v2/enqueue"})
public class IngestRejectionFilter {

    private final ServiceMetrics metrics;

    public IngestRejectionFilter(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @ResponseFilter
    void count(HttpRequest<?> request, HttpResponse<?> response) {
        if (response.code() >= 400 && "POST".equals(request.getMethodName())) {
            metrics.ingested(integrationOf(request.getPath()), "rejected", 1);
        }
    }

    /** The integration a path belongs to, from a fixed list (never the raw path: labels must stay few). */
    static String integrationOf(String path) {
        if (path.startsWith("/v2/enqueue")) {
            return "pagerduty";
        }
        for (String kind : new String[]{"alertmanager", "grafana", "generic"}) {
            if (path.startsWith("/ingest/" + kind)) {
                return kind;
            }
        }
        return path.startsWith("/api/alerts") ? "generic" : "unknown";
    }
}
