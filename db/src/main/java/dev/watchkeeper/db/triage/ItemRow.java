package dev.watchkeeper.db.triage;

import java.time.Instant;

/** A triage item as stored. */
public record ItemRow(int id, String groupKey, String title, String service, String severity, String state,
                      boolean sourceResolved, boolean manual, Instant snoozedUntil, Integer assigneeId,
                      String assignee, int alertCount, int firingCount, Instant createdAt, Instant updatedAt,
                      Instant lastFiredAt, Instant closedAt, Double score, String scoreReason, String lane, String laneReason, Instant pagedAt) {

    public boolean isClosed() {
        return "resolved".equals(state) || "noise".equals(state);
    }
}
