package dev.watchkeeper.triage;

import java.time.Instant;

/**
 * A human decision on an item.
 *
 * @param kind     ack | acted | noise | snooze | assign | note
 * @param actor    who decided (a Watchkeeper handle)
 * @param surface  http | cli | slack
 * @param until    for snooze: until when
 * @param assignee for assign: the handle of the new assignee
 */
public record ActionRequest(String kind, String actor, String surface, String note, Instant until, String assignee) {
}
