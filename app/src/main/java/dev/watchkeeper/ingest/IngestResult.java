package dev.watchkeeper.ingest;

import java.util.List;

/** What one ingested request did: the raw event's id and, per alert, where it went. */
public record IngestResult(int eventId, List<Stored> alerts) {

    /**
     * @param newAlert      the fingerprint had not been seen before
     * @param newOccurrence a new firing episode began (a re-sent notification of a known episode is not one)
     * @param newItem       the alert opened a new triage item
     */
    public record Stored(String fingerprint, int alertId, int itemId, boolean newAlert, boolean newOccurrence,
                         boolean newItem, boolean firing) {
    }
}
