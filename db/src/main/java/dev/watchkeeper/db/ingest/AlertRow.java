package dev.watchkeeper.db.ingest;

import java.time.Instant;

/** A deduplicated alert, identified by its fingerprint. Labels and annotations are JSON objects. */
public record AlertRow(int id, String fingerprint, String alertname, String source, Integer integrationId,
                       int itemId, String severity, String service, String summary, String labelsJson,
                       String annotationsJson, String generatorUrl, String status, int fireCount,
                       Instant firstSeenAt, Instant lastSeenAt, Instant startsAt, Instant endsAt) {

    public boolean firing() {
        return "firing".equals(status);
    }
}
