package dev.watchkeeper.ingest;

import dev.watchkeeper.db.ingest.IntegrationRow;
import dev.watchkeeper.triage.IncomingAlert;

import java.util.List;

/**
 * One request from a sender, parsed: the raw payload, its alerts, and the alerts the sender acknowledged
 * (Events v2 {@code acknowledge}), all stored in one transaction.
 *
 * @param integration who sent it, or null for an anonymous {@code POST /api/alerts}
 * @param acknowledge fingerprints whose items the sender acknowledged
 */
public record IngestRequest(String source, IntegrationRow integration, String payload, List<IncomingAlert> alerts,
                            List<String> acknowledge) {

    public IngestRequest {
        alerts = List.copyOf(alerts);
        acknowledge = List.copyOf(acknowledge);
    }

    public Integer integrationId() {
        return integration == null ? null : integration.id();
    }

    /** The handle actions by this sender are recorded under. */
    public String actor() {
        return "integration:" + (integration == null ? source : integration.name());
    }
}
