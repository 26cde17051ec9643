package dev.watchkeeper.triage;

/**
 * What happened to an item. The kinds name the work {@link AlertPipeline#submit} is given (and what it tells
 * each {@link ItemNotifier}); only {@link Kind#ACTION} is published as an application event, after a person's (or a
 * rule's) action is committed, for the side effects of an action: the item's Slack message is updated
 * ({@code slack.AlertMessages}), the note becomes knowledge ({@code knowledge.ActionNoteListener}) and a decision
 * ends the page and tells the shadows ({@code rotation.ShadowCopies}).
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
