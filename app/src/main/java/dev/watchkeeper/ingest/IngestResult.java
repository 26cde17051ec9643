package dev.watchkeeper.ingest;

import dev.watchkeeper.triage.ItemEvent;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one ingested request did: the raw event's id and, per alert, where it went. */
public record IngestResult(int eventId, List<Stored> alerts) {

    /**
     * @param newAlert      the fingerprint had not been seen before
     * @param newOccurrence a new firing episode began (a re-sent notification of a known episode is not one)
     * @param newItem       the alert opened a new triage item
     */
    public record Stored(String fingerprint, int alertId, int itemId, boolean newAlert, boolean newOccurrence,
                         boolean newItem, boolean firing) {

        /** For metrics: a new firing episode, a repeat of a known one, or a resolution. */
        String outcome() {
            return !firing ? "resolved" : newOccurrence ? "firing" : "repeat";
        }
    }

    /** Alerts by {@link Stored#outcome()}. */
    Map<String, Integer> outcomes() {
        Map<String, Integer> out = new TreeMap<>();
        for (Stored s : alerts) {
            out.merge(s.outcome(), 1, Integer::sum);
        }
        return out;
    }

    /** What happened to each item the request touched, for triage. */
    Map<Integer, EnumSet<ItemEvent.Kind>> itemEvents() {
        Map<Integer, EnumSet<ItemEvent.Kind>> byItem = new LinkedHashMap<>();
        for (Stored s : alerts) {
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
}
