package dev.watchkeeper.ranking;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Json;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/ranking/quality}: live paging quality for the last 7 and 30 days (or {@code ?days=N},
 * 1 to 90), the model policy beside the per-alert-name rate policy on the same items.
 */
@Controller("/api/ranking")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RankingController {

    private final PagingQuality quality;

    public RankingController(PagingQuality quality) {
        this.quality = quality;
    }

    @Get(value = "/quality", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> quality(@Nullable @QueryValue String days) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (days == null) {
            body.put("last7Days", toMap(quality.lastDays(7)));
            body.put("last30Days", toMap(quality.lastDays(30)));
        } else {
            int n;
            try {
                n = Integer.parseInt(days.strip());
            } catch (NumberFormatException e) {
                throw new BadInputException("days", "must be a whole number of days between 1 and "
                        + PagingQuality.MAX_DAYS + ", was '" + days + "'");
            }
            body.put("last" + n + "Days", toMap(quality.lastDays(n)));
        }
        return HttpResponse.ok(Json.write(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    static Map<String, Object> toMap(PagingQuality.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", r.from().toString());
        m.put("to", r.to().toString());
        m.put("models", r.models());
        m.put("modelPolicy", toMap(r.modelPolicy()));
        m.put("alertNameRatePolicy", toMap(r.alertNameRate()));
        m.put("bySeverityWithoutModel", toMap(r.bySeverity()));
        m.put("text", r.text());
        return m;
    }

    private static Map<String, Object> toMap(PagingQuality.Figures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", f.items());
        m.put("decided", f.decided());
        m.put("acted", f.acted());
        m.put("paged", f.paged());
        m.put("pagedShare", num(f.pagedShare()));
        m.put("recallOfActed", num(f.recallOfActed()));
        m.put("noiseKeptQuiet", num(f.noiseKeptQuiet()));
        m.put("pagesPerDay", num(f.pagesPerDay()));
        return m;
    }

    /** JSON has no NaN: a figure without rows to measure is null. */
    private static Double num(double v) {
        return Double.isNaN(v) ? null : Trainer.round(v);
    }
}
