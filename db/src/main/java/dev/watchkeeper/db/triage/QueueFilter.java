package dev.watchkeeper.db.triage;

import java.time.Instant;
import java.util.List;

/**
 * Which items the queue shows. Null fields do not filter.
 *
 * @param states   item states to include (default: open and acknowledged)
 * @param snoozed  true: only snoozed items; false: hide items snoozed past {@code now}; null: both
 * @param tag      only items carrying this tag
 */
public record QueueFilter(List<String> states, String lane, String service, String assignee, String text,
                          Boolean snoozed, Instant now, int limit, int offset, String tag) {

    public QueueFilter(List<String> states, String lane, String service, String assignee, String text,
                       Boolean snoozed, Instant now, int limit, int offset) {
        this(states, lane, service, assignee, text, snoozed, now, limit, offset, null);
    }

    public static final List<String> ACTIVE = List.of("open", "acknowledged");

    public static QueueFilter active(Instant now, int limit) {
        return new QueueFilter(ACTIVE, null, null, null, null, false, now, limit, 0);
    }
}
