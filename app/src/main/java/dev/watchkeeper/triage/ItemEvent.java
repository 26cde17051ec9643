package dev.watchkeeper.triage;

/**
 * Something happened to an item after commit. Published with Micronaut's event publisher; Slack keeps
 * its messages true by listening, rotations page the on-call people on {@link Kind#PAGED}.
 */
public record ItemEvent(int itemId, Kind kind, String detail) {

    public enum Kind {
        /** A new item was created by an alert (or typed in by a person). */
        CREATED,
        /** A new firing episode of an alert joined an existing item. */
        REFIRED,
        /** Every alert of the item has resolved at its source. */
        RESOLVED_BY_SOURCE,
        /** The item crossed the paging threshold (or a guardrail said page) for the first time. */
        PAGED,
        /** A person acted (detail: the action kind). */
        ACTION,
        /** Score, lane or anything else shown about the item changed. */
        UPDATED
    }
}
