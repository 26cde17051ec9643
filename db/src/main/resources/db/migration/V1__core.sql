-- Core schema: what the path of an alert needs (see shared DESIGN.md, "The path of an alert").
-- Instants are epoch milliseconds (BIGINT) so that comparisons and windows are plain integer maths
-- on SQLite and PostgreSQL alike. JSON documents (labels, annotations, raw payloads) are TEXT.

CREATE TABLE integration (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,            -- alertmanager | pagerduty | grafana | generic
    name         TEXT    NOT NULL UNIQUE,
    token_hash   TEXT    NOT NULL UNIQUE,     -- SHA-256 of the secret token, hex
    token_hint   TEXT    NOT NULL,            -- last characters, to recognise a token in lists
    created_at   BIGINT  NOT NULL,
    revoked_at   BIGINT
);

CREATE TABLE person (
    id             INTEGER PRIMARY KEY,
    handle         TEXT   NOT NULL UNIQUE,
    slack_user_id  TEXT   UNIQUE,
    display_name   TEXT,
    created_at     BIGINT NOT NULL
);

-- Every payload as received, before anything else happens to it. Append-only.
CREATE TABLE alert_event (
    id              INTEGER PRIMARY KEY,
    source          TEXT    NOT NULL,
    integration_id  INTEGER REFERENCES integration (id),
    received_at     BIGINT  NOT NULL,
    payload         TEXT    NOT NULL
);

CREATE TABLE triage_item (
    id               INTEGER PRIMARY KEY,
    group_key        TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    service          TEXT,
    severity         TEXT    NOT NULL,        -- critical | error | warning | info
    state            TEXT    NOT NULL,        -- open | acknowledged | resolved | noise
    source_resolved  INTEGER NOT NULL DEFAULT 0,
    manual           INTEGER NOT NULL DEFAULT 0,
    snoozed_until    BIGINT,
    assignee_id      INTEGER REFERENCES person (id),
    alert_count      INTEGER NOT NULL DEFAULT 0,
    firing_count     INTEGER NOT NULL DEFAULT 0,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    last_fired_at    BIGINT  NOT NULL,
    closed_at        BIGINT,
    score            DOUBLE PRECISION,
    score_reason     TEXT,
    lane             TEXT,                    -- paged | quiet (set by ranking and guardrails)
    lane_reason      TEXT,                    -- why: threshold, or the guardrail that decided
    paged_at         BIGINT                   -- first time the item was paged
);
CREATE INDEX triage_item_group_key ON triage_item (group_key, state);
CREATE INDEX triage_item_state ON triage_item (state, score);

CREATE TABLE alert (
    id              INTEGER PRIMARY KEY,
    fingerprint     TEXT    NOT NULL UNIQUE,
    alertname       TEXT    NOT NULL,
    source          TEXT    NOT NULL,
    integration_id  INTEGER REFERENCES integration (id),
    item_id         INTEGER NOT NULL REFERENCES triage_item (id),
    severity        TEXT    NOT NULL,
    service         TEXT,
    summary         TEXT,
    labels          TEXT    NOT NULL,
    annotations     TEXT    NOT NULL,
    generator_url   TEXT,
    status          TEXT    NOT NULL,         -- firing | resolved
    fire_count      INTEGER NOT NULL,
    first_seen_at   BIGINT  NOT NULL,
    last_seen_at    BIGINT  NOT NULL,
    starts_at       BIGINT  NOT NULL,
    ends_at         BIGINT,
    last_event_id   INTEGER REFERENCES alert_event (id)
);
CREATE INDEX alert_item ON alert (item_id);
CREATE INDEX alert_name ON alert (alertname);

-- One firing episode of an alert (startsAt -> endsAt).
CREATE TABLE occurrence (
    id           INTEGER PRIMARY KEY,
    alert_id     INTEGER NOT NULL REFERENCES alert (id),
    item_id      INTEGER NOT NULL REFERENCES triage_item (id),
    external_id  TEXT UNIQUE,                 -- e.g. the id of a history-file line
    starts_at    BIGINT  NOT NULL,
    ends_at      BIGINT,
    received_at  BIGINT  NOT NULL,
    event_id     INTEGER REFERENCES alert_event (id)
);
CREATE INDEX occurrence_alert ON occurrence (alert_id, starts_at);
CREATE INDEX occurrence_item ON occurrence (item_id);
CREATE INDEX occurrence_starts ON occurrence (starts_at);

-- A human decision on an item. Actions are the ranking model's training labels.
CREATE TABLE action (
    id             INTEGER PRIMARY KEY,
    item_id        INTEGER NOT NULL REFERENCES triage_item (id),
    kind           TEXT    NOT NULL,          -- ack | acted | noise | snooze | assign | note
    person_id      INTEGER NOT NULL REFERENCES person (id),
    surface        TEXT    NOT NULL,          -- http | cli | slack | import
    at             BIGINT  NOT NULL,
    note           TEXT,
    snooze_until   BIGINT,
    assignee_id    INTEGER REFERENCES person (id)
);
CREATE INDEX action_item ON action (item_id, at);
CREATE INDEX action_at ON action (at);
