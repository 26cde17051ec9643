package dev.watchkeeper.ingest;

import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.AlertRow;
import dev.watchkeeper.db.AlertStore;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.ItemRow;
import dev.watchkeeper.db.OccurrenceRow;
import dev.watchkeeper.db.TriageStore;
import dev.watchkeeper.triage.AlertPipeline;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The path of an alert, step 2: in one transaction the raw event is appended, each alert is upserted
 * by fingerprint, its occurrence opened or closed, and the alert attached to its triage item. The
 * caller answers the sender only after this returns, i.e. after commit.
 */
@Singleton
public class IngestService {

    private final Database db;
    private final AlertStore alerts;
    private final TriageStore triage;
    private final GroupKeys groupKeys;
    private final AlertPipeline pipeline;
    private final Clock clock;

    public IngestService(Database db, AlertStore alerts, TriageStore triage, GroupKeys groupKeys,
                         AlertPipeline pipeline, Clock clock) {
        this.db = db;
        this.pipeline = pipeline;
        this.alerts = alerts;
        this.triage = triage;
        this.groupKeys = groupKeys;
        this.clock = clock;
    }

    /**
     * Stores one request: {@code payload} exactly as received, and the alerts parsed from it. After
     * commit the touched items go to the {@link AlertPipeline} to be scored; this does not wait for that.
     */
    public IngestResult ingest(String source, Integer integrationId, String payload, List<IncomingAlert> incoming) {
        Instant now = clock.instant();
        IngestResult result = db.write(tx -> ingest(tx, source, integrationId, payload, incoming, now));
        pipeline.submit(result);
        return result;
    }

    /** The same, inside a transaction the caller owns (history import replays with original timestamps). */
    public IngestResult ingest(DSLContext tx, String source, Integer integrationId, String payload,
                               List<IncomingAlert> incoming, Instant receivedAt) {
        int eventId = alerts.appendEvent(tx, source, integrationId, receivedAt, payload);
        List<IngestResult.Stored> stored = new ArrayList<>(incoming.size());
        for (IncomingAlert a : incoming) {
            stored.add(upsert(tx, source, integrationId, eventId, a, receivedAt));
        }
        return new IngestResult(eventId, stored);
    }

    private IngestResult.Stored upsert(DSLContext tx, String source, Integer integrationId, int eventId,
                                       IncomingAlert a, Instant now) {
        Optional<AlertRow> existing = alerts.findByFingerprint(tx, a.fingerprint());
        Instant startsAt = a.startsAt() != null ? a.startsAt() : now;
        String labels = Json.write(new java.util.TreeMap<>(a.labels()));
        String annotations = Json.write(new java.util.TreeMap<>(a.annotations()));

        if (existing.isEmpty()) {
            boolean[] created = new boolean[1];
            int itemId = itemFor(tx, a, now, created);
            AlertRow row = new AlertRow(0, a.fingerprint(), a.alertname(), source, integrationId, itemId,
                    a.severity(), a.service(), a.summary(), labels, annotations, a.generatorUrl(),
                    a.firing() ? "firing" : "resolved", 1, now, now, startsAt, a.firing() ? null : a.endsAt());
            int alertId = alerts.insert(tx, row, eventId);
            int occurrenceId = alerts.openOccurrence(tx, alertId, itemId, a.externalId(), startsAt,
                    a.firing() ? null : endOf(a, now), now, eventId);
            alerts.setOccurrenceDetail(tx, occurrenceId, a.severity(), annotations);
            refreshItem(tx, itemId, now);
            return new IngestResult.Stored(a.fingerprint(), alertId, itemId, true, true, created[0], a.firing());
        }

        AlertRow old = existing.get();
        Optional<OccurrenceRow> open = alerts.findOpenOccurrence(tx, old.id());
        int itemId = old.itemId();
        boolean newItem = false;
        boolean newOccurrence = false;
        int fireCount = old.fireCount();
        Instant endsAt = null;

        if (a.firing()) {
            boolean sameEpisode = open.isPresent()
                    && (a.startsAt() == null || !a.startsAt().isAfter(open.get().startsAt()));
            if (!sameEpisode) {
                // A new firing episode: close a dangling one (its resolve never reached us) and open another.
                if (open.isPresent()) {
                    alerts.closeOccurrence(tx, open.get().id(), maxOf(open.get().startsAt(), startsAt));
                }
                ItemRow current = triage.find(tx, itemId).orElseThrow();
                if (current.isClosed()) {
                    boolean[] created = new boolean[1];
                    itemId = itemFor(tx, a, now, created);
                    newItem = created[0];
                }
                int occurrenceId = alerts.openOccurrence(tx, old.id(), itemId, a.externalId(), startsAt, null, now,
                        eventId);
                alerts.setOccurrenceDetail(tx, occurrenceId, a.severity(), annotations);
                fireCount++;
                newOccurrence = true;
            } else {
                startsAt = open.get().startsAt();
            }
        } else {
            endsAt = endOf(a, now);
            if (open.isPresent()) {
                startsAt = open.get().startsAt();
                alerts.closeOccurrence(tx, open.get().id(), maxOf(open.get().startsAt(), endsAt));
            } else {
                startsAt = old.startsAt();
            }
        }

        AlertRow updated = new AlertRow(old.id(), old.fingerprint(), old.alertname(), old.source(),
                integrationId != null ? integrationId : old.integrationId(), itemId, a.severity(),
                a.service(), a.summary(), labels, annotations,
                a.generatorUrl() != null ? a.generatorUrl() : old.generatorUrl(),
                a.firing() ? "firing" : "resolved", fireCount, old.firstSeenAt(), now, startsAt, endsAt);
        alerts.update(tx, updated, eventId);
        refreshItem(tx, itemId, now);
        if (itemId != old.itemId()) {
            refreshItem(tx, old.itemId(), now);
        }
        return new IngestResult.Stored(a.fingerprint(), old.id(), itemId, false, newOccurrence, newItem, a.firing());
    }

    /** The active item for the alert's group key, or a new one. */
    private int itemFor(DSLContext tx, IncomingAlert a, Instant now, boolean[] created) {
        String key = groupKeys.of(a);
        Optional<ItemRow> active = triage.findActiveByGroupKey(tx, key);
        if (active.isPresent()) {
            return active.get().id();
        }
        created[0] = true;
        String title = a.summary() != null && !a.summary().isBlank() ? a.summary() : a.alertname();
        return triage.insertItem(tx, key, title, a.service(), a.severity(), false, now);
    }

    /** Recomputes the item's counts, worst firing severity and resolved-by-source flag from its alerts. */
    private void refreshItem(DSLContext tx, int itemId, Instant now) {
        List<AlertRow> members = alerts.forItem(tx, itemId);
        int firing = 0;
        String severity = null;
        Instant lastFired = null;
        for (AlertRow m : members) {
            if (m.firing()) {
                firing++;
            }
            severity = severity == null ? m.severity() : Severity.worst(severity, m.severity());
            lastFired = lastFired == null || m.startsAt().isAfter(lastFired) ? m.startsAt() : lastFired;
        }
        ItemRow item = triage.find(tx, itemId).orElseThrow();
        triage.updateAfterAlerts(tx, itemId, members.size(), firing,
                severity == null ? item.severity() : severity,
                lastFired == null ? item.lastFiredAt() : maxOf(lastFired, item.lastFiredAt()),
                !members.isEmpty() && firing == 0, now);
    }

    private static Instant endOf(IncomingAlert a, Instant now) {
        return a.endsAt() != null ? a.endsAt() : now;
    }

    private static Instant maxOf(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
