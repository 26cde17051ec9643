package dev.watchkeeper.ingest;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.ingest.IngestStore;
import dev.watchkeeper.observability.ServiceMetrics;
import dev.watchkeeper.triage.AlertIntake;
import dev.watchkeeper.triage.IncomingAlert;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The path of an alert, step 2: in one transaction the raw event is appended and the parsed alerts are
 * handed to triage ({@link AlertIntake}), which deduplicates them, groups them into items and takes the
 * sender's acknowledgements. The caller answers the sender only after this returns, i.e. after commit.
 *
 * <p>Concurrent requests share commits ({@link Database#writeGrouped}); each request runs in its own
 * savepoint, so a failing one cannot spoil the others. What can be done before the transaction (labels to
 * JSON, group keys) is done on the request's thread, so the one writer thread does less.
 */
@Singleton
public class IngestService {

    private final Database db;
    private final IngestStore fast;
    private final AlertIntake intake;
    private final Clock clock;
    private final ServiceMetrics metrics;

    public IngestService(Database db, IngestStore fast, AlertIntake intake, Clock clock, ServiceMetrics metrics) {
        this.db = db;
        this.fast = fast;
        this.intake = intake;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Stores one request: {@code payload} exactly as received, and the alerts parsed from it. After
     * commit the touched items go to triage to be scored; this does not wait for that.
     */
    public IngestResult ingest(String source, Integer integrationId, String payload, List<IncomingAlert> incoming) {
        Instant now = clock.instant();
        IngestResult result = db.writeGrouped(tx -> ingest(tx, source, integrationId, payload, incoming, now));
        afterCommit(source, result, Set.of());
        return result;
    }

    /** Stores one request, its acknowledgements included, and returns after commit. */
    public IngestResult ingest(IngestRequest request) {
        Instant now = clock.instant();
        AlertIntake.Prepared prepared = intake.prepare(request.alerts());
        Outcome outcome = db.writeGrouped(tx -> {
            int eventId = fast.appendEvent(tx, request.source(), request.integrationId(), now, request.payload());
            IngestResult result = new IngestResult(eventId, intake.take(tx, request.source(),
                    request.integrationId(), eventId, now, request.alerts(), prepared));
            return new Outcome(result, intake.acknowledge(tx, request.acknowledge(), request.actor(),
                    request.source(), now));
        });
        afterCommit(request.source(), outcome.result, outcome.acknowledged);
        return outcome.result;
    }

    /** The same, inside a transaction the caller owns (history import replays with original timestamps). */
    public IngestResult ingest(DSLContext tx, String source, Integer integrationId, String payload,
                               List<IncomingAlert> incoming, Instant receivedAt) {
        int eventId = fast.appendEvent(tx, source, integrationId, receivedAt, payload);
        return new IngestResult(eventId, intake.take(tx, source, integrationId, eventId, receivedAt, incoming, null));
    }

    private record Outcome(IngestResult result, Set<Integer> acknowledged) {
    }

    /** Counts what a committed request did and hands the items it touched to triage, which scores them. */
    private void afterCommit(String source, IngestResult result, Set<Integer> acknowledged) {
        result.outcomes().forEach((outcome, n) -> metrics.ingested(source, outcome, n));
        intake.committed(result.alerts(), acknowledged);
    }
}
