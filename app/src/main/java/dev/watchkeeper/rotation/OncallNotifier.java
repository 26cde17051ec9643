package dev.watchkeeper.rotation;

/**
 * What rotations send to people and channels. The texts are built here, in the domain; a surface
 * (Slack) only formats and delivers them, e.g. through its outbox. The default implementation logs.
 */
public interface OncallNotifier {

    /**
     * Page {@code handle} about an item: first page, re-page or escalation ({@code text} says which), with
     * {@code key} as the delivery's idempotency key (the same key twice is one message). Returns true when a
     * message is on its way (e.g. a DM in the outbox), false when this surface cannot reach the person.
     */
    boolean pagePerson(String rotation, String handle, int itemId, String text, String key);

    /** Send a shadow a copy of a paged item asking "What would you do?" (act / acknowledge / noise). */
    void shadowCopy(String rotation, String handle, int itemId, String text);

    /** Tell a shadow what the primary decided (and whether their guess agreed). */
    void tellShadowDecision(String handle, int itemId, String text);

    /** Post to the rotation's channel (null when the rotation has none). */
    void announce(String rotation, String channel, String text);

    /** Ask {@code handle} to confirm or decline swap {@code swapId}, which {@code requester} asked for. */
    void askSwapConfirmation(String rotation, String handle, String requester, int swapId, String text);

    /** The handoff summary, to the rotation's channel and to the incoming primary. */
    void handoff(String rotation, String channel, String incomingPrimary, HandoffSummary summary);
}
