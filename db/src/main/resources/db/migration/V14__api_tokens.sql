-- API tokens: the credential of a person on the HTTP API and the web pages. Each is bound to one person and
-- carries a role (member | admin). Only the SHA-256 of the secret is kept; the secret is shown once.
CREATE TABLE api_token (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES person (id),
    role          TEXT    NOT NULL,             -- member | admin
    token_hash    TEXT    NOT NULL UNIQUE,      -- SHA-256 of the secret token, hex
    token_hint    TEXT    NOT NULL,             -- its first characters (wk_ and 6 more), to recognise it in lists
    label         TEXT,                         -- what it is for ("laptop", "grafana dashboard")
    created_by    TEXT    NOT NULL,             -- the admin's handle, or "cli" for the local operator
    created_at    BIGINT  NOT NULL,
    last_used_at  BIGINT,                       -- updated at most once a minute
    revoked_at    BIGINT
);
CREATE INDEX api_token_person ON api_token (person_id);
