package dev.watchkeeper.triage;

import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.ingest.AlertStore;
import dev.watchkeeper.db.ingest.IngestStore;
import dev.watchkeeper.db.ingest.OccurrenceRow;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.triage.TriageStore;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Takes parsed alerts into triage items, in a transaction the caller owns (ingestion's, shared by group
 * commit): each alert is deduplicated by fingerprint, its occurrence opened or closed, and the alert grouped
 * into the active item of its group key ({@link GroupKeys}), or a new item. Senders' acknowledgements and the
 * keep-resolved-visible rule go through {@link ItemLifecycle}. After commit, {@link #committed} hands the
 * touched items to the {@link AlertPipeline}.
 *
 * <p>A request's alerts cost a few bulk statements, not a few per alert: one read of the known alerts and
 * their open occurrences, one read of the active items of the new alerts' group keys, multi-row inserts of
 * new alerts and their occurrences, one batched update of the known ones. Items are updated by deltas, once
 * per item per request, so an item with 500 alerts costs no more to update than one with a single alert.
 */
@Singleton
public class AlertIntake {

    final AlertStore alerts;
    final IngestStore fast;
    final TriageStore triage;
    private final PersonStore people;
    final GroupKeys groupKeys;
    final ItemLifecycle lifecycle;
    private final AlertPipeline pipeline;
    private final ApplicationEventPublisher<ItemEvent> events;
    final boolean keepResolvedVisible;

    public AlertIntake(AlertStore alerts, IngestStore fast, TriageStore triage, PersonStore people,
                       GroupKeys groupKeys, ItemLifecycle lifecycle, AlertPipeline pipeline,
                       ApplicationEventPublisher<ItemEvent> events,
                       @Value("${watchkeeper.ingest.keep-resolved-visible:true}") boolean keepResolvedVisible) {
        this.alerts = alerts;
        this.fast = fast;
        this.triage = triage;
        this.people = people;
        this.groupKeys = groupKeys;
        this.lifecycle = lifecycle;
        this.pipeline = pipeline;
        this.events = events;
        this.keepResolvedVisible = keepResolvedVisible;
    }

    /**
     * Where one alert went.
     *
     * @param newAlert      the fingerprint had not been seen before
     * @param newOccurrence a new firing episode began (a re-sent notification of a known episode is not one)
     * @param newItem       the alert opened a new triage item
     */
    public record Stored(String fingerprint, int alertId, int itemId, boolean newAlert, boolean newOccurrence,
                         boolean newItem, boolean firing) {

        /** For metrics: a new firing episode, a repeat of a known one, or a resolution. */
        public String outcome() {
            return !firing ? "resolved" : newOccurrence ? "firing" : "repeat";
        }
    }

    /** Alerts made ready off the writer's thread: their labels as JSON and their group keys. */
    public static final class Prepared {
        static final Prepared NONE = new Prepared(Map.of());
        private final Map<IncomingAlert, String[]> json;

        private Prepared(Map<IncomingAlert, String[]> json) {
            this.json = json;
        }
    }

    /**
     * Serialises and groups {@code incoming} on the caller's thread (many requests run at once), so the one
     * writer thread does less: its time bounds ingestion, the request threads' does not.
     */
    public Prepared prepare(List<IncomingAlert> incoming) {
        Map<IncomingAlert, String[]> json = new IdentityHashMap<>();
        for (IncomingAlert a : incoming) {
            // A follow-up that only changes status (Events v2 acknowledge or resolve) has no name and joins no item.
            json.put(a, new String[]{jsonOf(a.labels()), jsonOf(a.annotations()),
                    a.alertname() == null ? null : groupKeys.of(a)});
        }
        return new Prepared(json);
    }

    /** Takes one request's alerts into items, inside {@code tx}; {@code eventId} is its raw event. */
    public List<Stored> take(DSLContext tx, String source, Integer integrationId, int eventId, Instant now,
                             List<IncomingAlert> incoming, Prepared prepared) {
        return new IntakeBatch(this, tx, source, integrationId, eventId, now,
                (prepared == null ? Prepared.NONE : prepared).json).run(incoming);
    }

    /**
     * A sender's acknowledgements (Events v2 {@code acknowledge}) of the items its alerts joined, recorded
     * as {@code actor} through {@code http}; the rules ({@link ItemStates.Sender#ALERT_SENDER}) take only
     * open items. Returns the items acknowledged.
     */
    public Set<Integer> acknowledge(DSLContext tx, List<String> fingerprints, String actor, String source,
                                    Instant now) {
        Set<Integer> acked = new LinkedHashSet<>();
        if (fingerprints.isEmpty()) {
            return acked;
        }
        Map<String, AlertRow> known = fast.findByFingerprints(tx, fingerprints);
        int[] actorId = {0};
        // The sender's person is created only when one of its acknowledgements is taken.
        IntSupplier actorOnce = () -> actorId[0] != 0 ? actorId[0] : (actorId[0] = people.idForHandle(tx, actor, now));
        for (String fingerprint : fingerprints) {
            AlertRow a = known.get(fingerprint);
            if (a == null) {
                continue;
            }
            Item item = Item.of(triage.find(tx, a.itemId()).orElseThrow());
            if (lifecycle.act(tx, item, ActionKind.ACK, ItemStates.Sender.ALERT_SENDER, actorOnce, "http", now,
                    "acknowledged by the sender (" + source + " " + fingerprint + ")", null, null).isPresent()) {
                acked.add(item.id());
            }
        }
        return acked;
    }

    /** After commit: the touched items go to the pipeline to be scored (this does not wait), acks are announced. */
    public void committed(List<Stored> stored, Set<Integer> acknowledged) {
        itemEvents(stored).forEach(pipeline::submit);
        for (int itemId : acknowledged) {
            events.publishEvent(new ItemEvent(itemId, ItemEvent.Kind.ACTION, ActionKind.ACK.wire()));
        }
    }

    /** What happened to each item the request touched. */
    static Map<Integer, EnumSet<ItemEvent.Kind>> itemEvents(List<Stored> stored) {
        Map<Integer, EnumSet<ItemEvent.Kind>> byItem = new LinkedHashMap<>();
        for (Stored s : stored) {
            EnumSet<ItemEvent.Kind> kinds = byItem.computeIfAbsent(s.itemId(), id -> EnumSet.noneOf(ItemEvent.Kind.class));
            if (s.newItem()) {
                kinds.add(ItemEvent.Kind.CREATED);
            } else if (s.newOccurrence() && s.firing()) {
                kinds.add(ItemEvent.Kind.REFIRED);
            } else if (!s.firing()) {
                kinds.add(ItemEvent.Kind.RESOLVED_BY_SOURCE);
            }
            kinds.add(ItemEvent.Kind.UPDATED);
        }
        return byItem;
    }

    static String jsonOf(Map<String, String> m) {
        return m == null ? null : Json.writeStringMap(m);
    }
}
