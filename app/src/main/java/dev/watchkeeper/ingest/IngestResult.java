package dev.watchkeeper.ingest;

import dev.watchkeeper.triage.AlertIntake;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one ingested request did: the raw event's id and, per alert, where triage put it. */
public record IngestResult(int eventId, List<AlertIntake.Stored> alerts) {

    /** Alerts by {@link AlertIntake.Stored#outcome()}. */
    Map<String, Integer> outcomes() {
        Map<String, Integer> out = new TreeMap<>();
        for (AlertIntake.Stored s : alerts) {
            out.merge(s.outcome(), 1, Integer::sum);
        }
        return out;
    }
}
