-- Pages that reach people: contact methods per person, e-mail and webhook deliveries through their own
-- outbox, escalation policies that repeat, and a Slack outbox whose backoff a 429 does not grow.

-- How a person is reached besides Slack (person.slack_user_id). All optional; every method set is used.
ALTER TABLE person ADD COLUMN email TEXT;
ALTER TABLE person ADD COLUMN webhook_url TEXT;
ALTER TABLE person ADD COLUMN webhook_secret TEXT;   -- HMAC-SHA256 key signing the webhook's body, or null

-- A rotation's escalation policy: its own timeout (null: watchkeeper.rotation.escalate-after) and how many
-- more times the whole round (primary, then the others in order, then the channel) is repeated.
ALTER TABLE rotation ADD COLUMN escalate_after_ms BIGINT;
ALTER TABLE rotation ADD COLUMN escalation_repeats INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rotation_page ADD COLUMN repeat_round INTEGER NOT NULL DEFAULT 0;

-- Consecutive transient failures (5xx, network) of a Slack call: its backoff. A 429 does not count (it waits
-- for Retry-After); a successful call resets every pending row's count.
ALTER TABLE slack_outbox ADD COLUMN backoff_failures INTEGER NOT NULL DEFAULT 0;

-- E-mails and webhook calls waiting to be sent, sent (kept for idempotency) or failed for good.
CREATE TABLE contact_outbox (
    id               INTEGER PRIMARY KEY,
    idempotency_key  TEXT    NOT NULL UNIQUE,
    channel          TEXT    NOT NULL,         -- email | webhook
    target           TEXT    NOT NULL,         -- the address or URL
    payload          TEXT    NOT NULL,         -- JSON: subject, text, item ...
    state            TEXT    NOT NULL,         -- pending | sent | failed
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT  NOT NULL,
    created_at       BIGINT  NOT NULL,
    sent_at          BIGINT,
    last_error       TEXT
);
CREATE INDEX contact_outbox_pending ON contact_outbox (state, id);

-- Written by a server that sends Slack: a CLI without Slack settings sharing the database enqueues its
-- Slack calls (item updates, announcements) for that server's outbox sender instead of dropping them.
CREATE TABLE slack_sender (
    id              INTEGER NOT NULL PRIMARY KEY, -- always 1
    alerts_channel  TEXT,
    updated_at      BIGINT  NOT NULL
);
