-- Slack: every outgoing call goes through the outbox, and each paged item remembers its message.

-- One outgoing Slack call. A row is written in the same transaction as the change it reports, then a
-- sender delivers it with retries; state moves pending -> sent | failed (permanent error only).
CREATE TABLE slack_outbox (
    id               INTEGER PRIMARY KEY,
    idempotency_key  TEXT    NOT NULL UNIQUE,  -- enqueueing the same key twice keeps one row
    method           TEXT    NOT NULL,         -- chat.postMessage | chat.update | chat.postThread | views.publish | response_url
    item_id          INTEGER REFERENCES triage_item (id),  -- for item messages: calls for one item go in order
    target           TEXT,                     -- channel, user (views.publish) or response URL
    payload          TEXT    NOT NULL,         -- JSON: text, blocks, view ...
    state            TEXT    NOT NULL,         -- pending | sent | failed
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT  NOT NULL,
    created_at       BIGINT  NOT NULL,
    sent_at          BIGINT,
    last_error       TEXT,
    result_ts        TEXT                      -- the ts Slack gave a posted message
);
CREATE INDEX slack_outbox_pending ON slack_outbox (state, id);
CREATE INDEX slack_outbox_item ON slack_outbox (item_id);

-- The alert message of an item in the alerts channel. ts stays null until chat.postMessage went out.
CREATE TABLE slack_message (
    item_id     INTEGER PRIMARY KEY REFERENCES triage_item (id),
    channel     TEXT    NOT NULL,
    ts          TEXT,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);
