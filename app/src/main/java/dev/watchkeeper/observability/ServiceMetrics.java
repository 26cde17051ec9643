package dev.watchkeeper.observability;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.observability.GaugeStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Watchkeeper's own metrics, served by {@code GET /metrics} in Prometheus format. Counters and timers are kept
 * in memory per instance; the gauges (queue, outbox, live model) read the shared database at each scrape, so
 * every instance reports the same values for them. Names are listed in docs/deploy.md.
 */
@Singleton
public class ServiceMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMetrics.class);

    private final MeterRegistry registry;
    private final Database db;
    private final GaugeStore gauges = new GaugeStore();
    private final Timer scoring;

    public ServiceMetrics(MeterRegistry registry, Database db) {
        this.registry = registry;
        this.db = db;
        this.scoring = Timer.builder("watchkeeper.scoring")
                .description("Time to score one triage item (features, model, paging decision)")
                .serviceLevelObjectives(ms(1), ms(5), ms(25), ms(100), ms(250), ms(1_000), ms(5_000))
                .register(registry);
        for (String lane : new String[]{"paged", "quiet", "unscored"}) {
            gauge("watchkeeper.queue.items", "Items in the triage queue (open or acknowledged), by lane",
                    () -> fromDb(d -> gauges.queueByLane(d).get(lane)), "lane", lane);
        }
        gauge("watchkeeper.model.live.version", "Id of the live ranking model version (0: the heuristic fallback scores)",
                () -> fromDb(gauges::liveModelId));
    }

    private static java.time.Duration ms(long millis) {
        return java.time.Duration.ofMillis(millis);
    }

    /** A gauge read from the database at each scrape (other domains add theirs, e.g. the Slack outbox's backlog). */
    public void databaseGauge(String name, String description, Function<org.jooq.DSLContext, Integer> query,
                              String... tags) {
        gauge(name, description, () -> fromDb(query), tags);
    }

    private void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value)
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    /** NaN when the database does not answer: the scrape still works and shows the gap. */
    private Number fromDb(Function<org.jooq.DSLContext, Integer> query) {
        try {
            Integer v = db.read(query);
            return v == null ? 0 : v;
        } catch (RuntimeException e) {
            LOG.warn("metrics: the database did not answer: {}", e.getMessage());
            return Double.NaN;
        }
    }

    /** Counts {@code n} alerts (or refused requests) of {@code integration} with this outcome. */
    public void ingested(String integration, String outcome, int n) {
        Counter.builder("watchkeeper.alerts.ingested")
                .description("Alerts received, by integration and outcome (firing, repeat, resolved; rejected counts"
                        + " refused requests)")
                .tag("integration", integration)
                .tag("outcome", outcome)
                .register(registry)
                .increment(n);
    }

    /** A page to a person was handed to the notifier (sent), could not be (failed), or had nobody to go to. */
    public void page(String outcome) {
        Counter.builder("watchkeeper.pages")
                .description("Pages to people: sent (handed to at least one notification channel), failed, unreachable (no channel, or every channel failed for good), no_one_on_call")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** One Slack Web API call of the outbox finished with this outcome (sent, retrying, failed). */
    public void slackCall(String outcome) {
        Counter.builder("watchkeeper.slack.calls")
                .description("Slack calls made by the outbox sender, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public Timer scoring() {
        return scoring;
    }

    public Map<String, Integer> queueByLane() {
        return db.read(gauges::queueByLane);
    }
}
