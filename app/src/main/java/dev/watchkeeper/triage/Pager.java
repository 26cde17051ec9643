package dev.watchkeeper.triage;

/**
 * Step 5 of the path of an alert: reaching the people on call about an item that was just put in the paged lane.
 * Rotations implement it ({@code rotation.PagingService}: the primary, a copy to each shadow, escalation later).
 */
public interface Pager {

    /** Pages the people on call about {@code itemId}; does nothing twice for one item. */
    void pageOnCall(int itemId);
}
