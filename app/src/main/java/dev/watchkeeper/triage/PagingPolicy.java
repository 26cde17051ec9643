package dev.watchkeeper.triage;

/** Whether a scored item crosses the paging threshold (before guardrails). */
public interface PagingPolicy {

    boolean shouldPage(Item item, Score score);

    /** How the threshold reads in a lane reason, e.g. "score 0.41 ≥ threshold 0.18". */
    String describe(Item item, Score score, boolean paged);

    /**
     * Records a decision for live accounting of paging quality, in the transaction that sets the lane.
     *
     * @param policyPaged what this policy answered (before guardrails)
     * @param paged       what the item got (after guardrails)
     */
    default void account(org.jooq.DSLContext tx, Item item, Score score, boolean policyPaged, boolean paged,
                         String reason, java.time.Instant at) {
    }
}
