-- Every decision a playbook guardrail took on an item (always_page, never_page, quiet_during, severity, or none
-- when a rule stopped applying), so people can see why something was or was not paged. triage_item's
-- lane_reason holds only the latest; this keeps the history. A row is written only when the decision changes.
CREATE TABLE guardrail_decision (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES triage_item (id),
    decided_at  BIGINT  NOT NULL,
    playbook    TEXT    NOT NULL,
    rule        TEXT    NOT NULL,             -- always_page | never_page | quiet_during | severity | none
    page        INTEGER,                      -- 1 paged, 0 held quiet, NULL when no rule applied
    reason      TEXT    NOT NULL
);
CREATE INDEX guardrail_decision_item ON guardrail_decision (item_id, id);
