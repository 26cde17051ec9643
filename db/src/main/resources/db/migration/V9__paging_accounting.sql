-- Live accounting of the paging decision, one row per triage item scored by the alert pipeline: whether,
-- when and why it was paged, under which policy (model version and threshold in force), and whether the
-- per-alert-name action rate policy of that model version would have paged it, so both policies can be
-- measured on the same alerts once people have decided on them (the outcome is the item's first decision).
CREATE TABLE paging_decision (
    item_id         INTEGER PRIMARY KEY REFERENCES triage_item (id),
    first_scored_at BIGINT  NOT NULL,
    last_scored_at  BIGINT  NOT NULL,
    policy          TEXT    NOT NULL,          -- the model version in force (e.g. blend-3), or 'severity' without one
    threshold       DOUBLE PRECISION,          -- its paging threshold at the item's first scoring
    rate_threshold  DOUBLE PRECISION,          -- the per-alert-name rate threshold for the same recall target
    max_score       DOUBLE PRECISION NOT NULL, -- highest score the item had
    max_name_rate   DOUBLE PRECISION,          -- highest per-alert-name action rate its alerts had
    policy_paged    INTEGER NOT NULL,          -- the policy (before guardrails) paged it at some scoring
    rate_paged      INTEGER,                   -- the per-alert-name rate policy would have (null: no threshold)
    paged_at        BIGINT,                    -- when it was paged (after guardrails), null if it stayed quiet
    paged_reason    TEXT                       -- the lane reason when it was paged
);
CREATE INDEX paging_decision_first ON paging_decision (first_scored_at);
