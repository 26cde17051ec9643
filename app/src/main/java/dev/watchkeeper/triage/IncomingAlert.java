package dev.watchkeeper.triage;

import java.time.Instant;
import java.util.Map;

/**
 * One alert as a sender described it, after parsing and before storage. Every parser (Alertmanager,
 * Events v2, Grafana, generic JSON, history import) produces these; {@link AlertIntake} takes them into items.
 *
 * @param externalId an id the sender gave this occurrence (a history-file line), or null
 * @param startsAt   when the alert started firing, or null when the sender did not say
 */
public record IncomingAlert(String fingerprint, String alertname, String severity, String service, String summary,
                            Map<String, String> labels, Map<String, String> annotations, String generatorUrl,
                            boolean firing, Instant startsAt, Instant endsAt, String externalId) {

    /**
     * A status-only change for a known fingerprint (Events v2 {@code resolve}): the stored alert keeps its
     * name, labels and severity. Ignored when the fingerprint was never seen.
     */
    public static IncomingAlert resolved(String fingerprint, Instant endsAt) {
        return new IncomingAlert(fingerprint, null, null, null, null, null, null, null, false, null, endsAt, null);
    }
}
