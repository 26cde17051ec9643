package dev.watchkeeper.triage;

import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.ingest.AlertStore;
import dev.watchkeeper.db.ingest.IngestStore;
import dev.watchkeeper.db.triage.ItemRow;
import dev.watchkeeper.db.ingest.OccurrenceRow;
import dev.watchkeeper.db.triage.TriageStore;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request's alerts, stored with a few bulk statements: one read of the known alerts and their open
 * occurrences, multi-row inserts of new alerts and their occurrences, one batched update of the known
 * ones, and one update per touched item.
 */
final class IntakeBatch {

    private final AlertIntake intake;
    private final IngestStore fast;
    private final AlertStore alerts;
    private final TriageStore triage;
    private final DSLContext tx;
    private final String source;
    private final Integer integrationId;
    private final int eventId;
    private final Instant now;
    private final Map<String, AlertRow> known = new HashMap<>();
    private final Map<Integer, OccurrenceRow> open = new HashMap<>();
    private final Map<String, Integer> activeItemByKey = new HashMap<>();
    /** Group keys whose active item was looked up (in one query for the whole request): absent means none. */
    private final Set<String> lookedUp = new HashSet<>();
    private final Map<Integer, Delta> deltas = new LinkedHashMap<>();
    private final Map<String, AlertRow> pendingNew = new LinkedHashMap<>();
    private final Map<String, String> pendingExternalIds = new HashMap<>();
    private final List<AlertRow> pendingUpdates = new ArrayList<>();
    private final Map<Integer, Instant> pendingCloses = new LinkedHashMap<>();
    private boolean repeats;
    private final Map<IncomingAlert, String[]> json;

    IntakeBatch(AlertIntake intake, DSLContext tx, String source, Integer integrationId, int eventId, Instant now,
                Map<IncomingAlert, String[]> json) {
        this.intake = intake;
        this.fast = intake.fast;
        this.alerts = intake.alerts;
        this.triage = intake.triage;
        this.json = json;
        this.tx = tx;
        this.source = source;
        this.integrationId = integrationId;
        this.eventId = eventId;
        this.now = now;
    }

    /** What happened to one alert; its id is known only after the inserts. */
    private record Change(String fingerprint, int itemId, boolean newAlert, boolean newOccurrence,
                          boolean newItem, boolean firing) {
    }

    List<AlertIntake.Stored> run(List<IncomingAlert> incoming) {
        if (!incoming.isEmpty()) {
            Set<String> fingerprints = new LinkedHashSet<>();
            incoming.forEach(a -> fingerprints.add(a.fingerprint()));
            repeats = fingerprints.size() < incoming.size();
            known.putAll(fast.findByFingerprints(tx, fingerprints));
            if (!known.isEmpty()) {
                open.putAll(fast.findOpenOccurrences(tx, known.values().stream().map(AlertRow::id).toList()));
            }
            // The items new alerts join, for all of them at once.
            Set<String> keys = new LinkedHashSet<>();
            for (IncomingAlert a : incoming) {
                if (!known.containsKey(a.fingerprint()) && a.alertname() != null) {
                    keys.add(groupKey(a));
                }
            }
            if (!keys.isEmpty()) {
                activeItemByKey.putAll(fast.activeItemIds(tx, keys));
                lookedUp.addAll(keys);
            }
        }
        List<Change> changes = new ArrayList<>(incoming.size());
        for (IncomingAlert a : incoming) {
            if (pendingNew.containsKey(a.fingerprint())) {
                // The same new alert twice in one request: store the first before applying the second.
                flush();
            }
            Change c = upsert(a);
            if (c != null) {
                changes.add(c);
            }
        }
        flush();
        List<IngestStore.ItemDelta> itemDeltas = new ArrayList<>(deltas.size());
        deltas.forEach((itemId, d) -> itemDeltas.add(
                new IngestStore.ItemDelta(itemId, d.alerts, d.firing, d.severity, d.lastFired)));
        fast.applyAlertDeltas(tx, itemDeltas, now);
        if (!intake.keepResolvedVisible) {
            deltas.forEach((itemId, d) -> intake.lifecycle.sourceChanged(tx, Item.of(triage.find(tx, itemId).orElseThrow()),
                    false, now));
        }
        List<AlertIntake.Stored> stored = new ArrayList<>(changes.size());
        for (Change c : changes) {
            stored.add(new AlertIntake.Stored(c.fingerprint(), known.get(c.fingerprint()).id(), c.itemId(),
                    c.newAlert(), c.newOccurrence(), c.newItem(), c.firing()));
        }
        return stored;
    }

    private void flush() {
        if (!pendingNew.isEmpty()) {
            List<AlertRow> rows = new ArrayList<>(pendingNew.values());
            Map<String, Integer> ids = fast.insertAlerts(tx, rows, eventId);
            List<OccurrenceRow> occurrences = new ArrayList<>(rows.size());
            for (AlertRow r : rows) {
                int id = ids.get(r.fingerprint());
                known.put(r.fingerprint(), withId(r, id));
                occurrences.add(new OccurrenceRow(0, id, r.itemId(), pendingExternalIds.get(r.fingerprint()),
                        r.startsAt(), r.endsAt(), now));
            }
            fast.insertOccurrences(tx, occurrences, rows, eventId);
            if (repeats) {
                open.putAll(fast.findOpenOccurrences(tx, ids.values()));
            }
            pendingNew.clear();
            pendingExternalIds.clear();
        }
        fast.closeOccurrences(tx, pendingCloses);
        pendingCloses.clear();
        fast.updateAlerts(tx, pendingUpdates, eventId);
        pendingUpdates.clear();
    }

    private Delta delta(int itemId) {
        return deltas.computeIfAbsent(itemId, id -> new Delta());
    }

    private Change upsert(IncomingAlert a) {
        AlertRow old = known.get(a.fingerprint());
        if (old == null && a.alertname() == null) {
            // A status-only change (Events v2 resolve) for an alert never seen: nothing to update.
            return null;
        }
        Instant startsAt = a.startsAt() != null ? a.startsAt() : now;
        String[] pre = json.get(a);
        String labels = pre != null ? pre[0] : AlertIntake.jsonOf(a.labels());
        String annotations = pre != null ? pre[1] : AlertIntake.jsonOf(a.annotations());
        String status = a.firing() ? "firing" : "resolved";

        if (old == null) {
            boolean[] created = new boolean[1];
            int itemId = itemFor(a, created);
            Instant endsAt = a.firing() ? null : endOf(a);
            pendingNew.put(a.fingerprint(), new AlertRow(0, a.fingerprint(), a.alertname(), source, integrationId,
                    itemId, a.severity(), a.service(), a.summary(), labels, annotations, a.generatorUrl(),
                    status, 1, now, now, startsAt, endsAt));
            if (a.externalId() != null) {
                pendingExternalIds.put(a.fingerprint(), a.externalId());
            }
            Delta d = delta(itemId);
            d.alerts++;
            d.firing += a.firing() ? 1 : 0;
            d.worsen(a.severity());
            d.fired(startsAt);
            return new Change(a.fingerprint(), itemId, true, true, created[0], a.firing());
        }

        OccurrenceRow openOcc = open.get(old.id());
        int itemId = old.itemId();
        boolean newItem = false;
        boolean newOccurrence = false;
        int fireCount = old.fireCount();
        Instant endsAt = null;

        if (a.firing()) {
            boolean sameEpisode = openOcc != null
                    && (a.startsAt() == null || !a.startsAt().isAfter(openOcc.startsAt()));
            if (!sameEpisode) {
                // A new firing episode: close a dangling one (its resolve never reached us) and open another.
                if (openOcc != null) {
                    pendingCloses.put(openOcc.id(), maxOf(openOcc.startsAt(), startsAt));
                }
                ItemRow current = triage.find(tx, itemId).orElseThrow();
                if (current.isClosed()) {
                    boolean[] created = new boolean[1];
                    itemId = itemFor(a, created);
                    newItem = created[0];
                }
                int occId = alerts.openOccurrence(tx, old.id(), itemId, a.externalId(), startsAt, null, now, eventId);
                alerts.setOccurrenceDetail(tx, occId, a.severity(), annotations);
                open.put(old.id(), new OccurrenceRow(occId, old.id(), itemId, a.externalId(), startsAt, null, now));
                fireCount++;
                newOccurrence = true;
            } else {
                startsAt = openOcc.startsAt();
            }
        } else {
            endsAt = endOf(a);
            if (openOcc != null) {
                startsAt = openOcc.startsAt();
                pendingCloses.put(openOcc.id(), maxOf(openOcc.startsAt(), endsAt));
                open.remove(old.id());
            } else {
                startsAt = old.startsAt();
            }
        }

        String severity = a.severity() != null ? a.severity() : old.severity();
        AlertRow updated = new AlertRow(old.id(), old.fingerprint(), old.alertname(), old.source(),
                integrationId != null ? integrationId : old.integrationId(), itemId, severity,
                a.alertname() != null ? a.service() : old.service(),
                a.summary() != null ? a.summary() : old.summary(),
                labels != null ? labels : old.labelsJson(),
                annotations != null ? annotations : old.annotationsJson(),
                a.generatorUrl() != null ? a.generatorUrl() : old.generatorUrl(),
                status, fireCount, old.firstSeenAt(), now, startsAt, endsAt);
        pendingUpdates.add(updated);
        known.put(old.fingerprint(), updated);

        int firingNow = a.firing() ? 1 : 0;
        int firingBefore = old.firing() ? 1 : 0;
        if (itemId != old.itemId()) {
            // The closed item keeps the alert in its history (and in its count); only its firing count drops.
            Delta from = delta(old.itemId());
            from.firing -= firingBefore;
            Delta to = delta(itemId);
            to.alerts++;
            to.firing += firingNow;
            to.worsen(severity);
            to.fired(startsAt);
        } else {
            Delta d = delta(itemId);
            d.firing += firingNow - firingBefore;
            d.worsen(severity);
            if (newOccurrence) {
                d.fired(startsAt);
            }
        }
        return new Change(a.fingerprint(), itemId, false, newOccurrence, newItem, a.firing());
    }

    /** The active item for the alert's group key, or a new one. */
    private int itemFor(IncomingAlert a, boolean[] created) {
        String key = groupKey(a);
        Integer cached = activeItemByKey.get(key);
        if (cached != null) {
            return cached;
        }
        Integer active = lookedUp.contains(key) ? null : fast.activeItemId(tx, key);
        int id;
        if (active != null) {
            id = active;
        } else {
            created[0] = true;
            String title = a.summary() != null && !a.summary().isBlank() ? a.summary() : a.alertname();
            id = triage.insertItem(tx, key, title, a.service(), a.severity(), false, now);
        }
        activeItemByKey.put(key, id);
        return id;
    }

    private String groupKey(IncomingAlert a) {
        String[] pre = json.get(a);
        return pre != null && pre.length > 2 && pre[2] != null ? pre[2] : intake.groupKeys.of(a);
    }

    private Instant endOf(IncomingAlert a) {
        return a.endsAt() != null ? a.endsAt() : now;
    }

    /** What one request changed on one item. */
    private static final class Delta {
        int alerts;
        int firing;
        String severity;
        Instant lastFired;

        void worsen(String s) {
            if (s != null) {
                severity = severity == null ? s : Severity.worst(severity, s);
            }
        }

        void fired(Instant at) {
            if (at != null && (lastFired == null || at.isAfter(lastFired))) {
                lastFired = at;
            }
        }
    }

    private static AlertRow withId(AlertRow r, int id) {
        return new AlertRow(id, r.fingerprint(), r.alertname(), r.source(), r.integrationId(), r.itemId(),
                r.severity(), r.service(), r.summary(), r.labelsJson(), r.annotationsJson(), r.generatorUrl(),
                r.status(), r.fireCount(), r.firstSeenAt(), r.lastSeenAt(), r.startsAt(), r.endsAt());
    }

    private static Instant maxOf(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
