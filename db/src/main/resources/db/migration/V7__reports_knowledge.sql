-- Shift and incident reports (draft -> edit -> publish) and tribal-knowledge notes.

CREATE TABLE report (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,          -- shift | incident
    state           TEXT    NOT NULL,          -- draft | published
    rotation        TEXT,                      -- shift reports: the rotation, when known
    item_id         INTEGER REFERENCES triage_item (id),  -- incident reports
    window_start    BIGINT  NOT NULL,
    window_end      BIGINT  NOT NULL,
    primary_handle  TEXT,
    shadows         TEXT    NOT NULL DEFAULT '',  -- comma-separated handles
    title           TEXT    NOT NULL,
    drafted_body    TEXT    NOT NULL,          -- Markdown as drafted from the record
    body            TEXT    NOT NULL,          -- Markdown as it stands (drafted, or edited by a person)
    created_by      TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    edited_by       TEXT,
    edited_at       BIGINT,
    published_by    TEXT,
    published_at    BIGINT
);
CREATE INDEX report_kind ON report (kind, created_at);

-- A piece of tribal knowledge about an alert name (and, when it came from an item, its group key).
CREATE TABLE note (
    id             INTEGER PRIMARY KEY,
    alertname      TEXT    NOT NULL,
    group_key      TEXT,
    text           TEXT    NOT NULL,
    author_id      INTEGER NOT NULL REFERENCES person (id),
    item_id        INTEGER REFERENCES triage_item (id),
    created_at     BIGINT  NOT NULL,
    last_seen_at   BIGINT  NOT NULL,
    seen_count     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX note_alertname ON note (alertname);

-- Every capture of a note, including the near-duplicates merged into it.
CREATE TABLE note_source (
    id          INTEGER PRIMARY KEY,
    note_id     INTEGER NOT NULL REFERENCES note (id),
    source      TEXT    NOT NULL,             -- command | action | thread
    author_id   INTEGER NOT NULL REFERENCES person (id),
    item_id     INTEGER REFERENCES triage_item (id),
    action_id   INTEGER UNIQUE REFERENCES action (id),
    text        TEXT    NOT NULL,
    at          BIGINT  NOT NULL
);
CREATE INDEX note_source_note ON note_source (note_id);
