-- The weekly review: tags on items, and the decisions a team takes about an alert name as a whole.

-- A tag on an item ("customer-x", "model-v7", "p1"), to prioritise the queue and to collect examples.
-- Who tagged and when are kept; every tag and untag is also an action on the item (kind tag | untag).
CREATE TABLE item_tag (
    item_id     INTEGER NOT NULL REFERENCES triage_item (id),
    tag         TEXT    NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES person (id),
    surface     TEXT    NOT NULL,
    at          BIGINT  NOT NULL,
    PRIMARY KEY (item_id, tag)
);
CREATE INDEX item_tag_tag ON item_tag (tag);

-- A decision about an alert name taken in the review: known_noise (its playbook gets a draft saying so) or
-- keep_paging (page it whatever its score). The newest decision for a name is the one in force.
CREATE TABLE alertname_decision (
    id          INTEGER PRIMARY KEY,
    alertname   TEXT    NOT NULL,
    kind        TEXT    NOT NULL,             -- known_noise | keep_paging
    person_id   INTEGER NOT NULL REFERENCES person (id),
    surface     TEXT    NOT NULL,             -- web | slack | cli | http
    at          BIGINT  NOT NULL,
    note        TEXT
);
CREATE INDEX alertname_decision_name ON alertname_decision (alertname, id);
CREATE INDEX alertname_decision_at ON alertname_decision (at);
