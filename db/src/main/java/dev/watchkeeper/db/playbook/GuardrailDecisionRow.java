package dev.watchkeeper.db.playbook;

import java.time.Instant;

/**
 * One guardrail decision on an item.
 *
 * @param page true paged, false held quiet, null when no rule applied (the score decided)
 */
public record GuardrailDecisionRow(int id, int itemId, Instant decidedAt, String playbook, String rule, Boolean page,
                                   String reason) {
}
