package dev.watchkeeper.triage;

import java.time.Instant;

/**
 * A human decision on an item.
 *
 * @param kind     one {@link TriageService#act} takes ({@link ActionKind#forAct}); null when none was given (a
 *                 surface reports a name it could not read as its own field error)
 * @param actor    who decided (a Watchkeeper handle)
 * @param surface  http | cli | slack
 * @param until    for snooze: until when
 * @param assignee for assign: the handle of the new assignee
 */
public record ActionRequest(ActionKind kind, String actor, String surface, String note, Instant until, String assignee) {
}
