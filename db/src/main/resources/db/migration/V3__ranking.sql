-- Ranking: what the model needs to know about each occurrence as it fired, and the model registry.

-- Severity and annotations as they were when this occurrence fired (the alert row keeps only the
-- latest), so features such as the numeric `value` annotation can be computed as of that instant.
ALTER TABLE occurrence ADD COLUMN severity TEXT;
ALTER TABLE occurrence ADD COLUMN annotations TEXT;

-- Every trained model version. state: candidate | shadow | live | retired.
CREATE TABLE model_version (
    id             INTEGER PRIMARY KEY,
    kind           TEXT    NOT NULL,          -- logistic | gbt
    state          TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    train_from     BIGINT  NOT NULL,          -- first occurrence used for training
    train_to       BIGINT  NOT NULL,          -- cutoff: nothing at or after it was known
    holdout_from   BIGINT  NOT NULL,          -- the time-based validation window [holdout_from, train_to)
    features       TEXT    NOT NULL,          -- JSON array of feature names
    params         TEXT    NOT NULL,          -- JSON object of hyper-parameters
    metrics        TEXT    NOT NULL,          -- JSON object: validation metrics of every model compared
    threshold      DOUBLE PRECISION NOT NULL, -- paging threshold chosen on validation for the recall target
    model          BLOB    NOT NULL,          -- the serialized model
    state_changed_at BIGINT NOT NULL,
    note           TEXT
);
CREATE INDEX model_version_state ON model_version (state, id);

-- Scores a shadow model gave beside the live one, to compare them on what people then decided.
CREATE TABLE shadow_score (
    id        INTEGER PRIMARY KEY,
    model_id  INTEGER NOT NULL REFERENCES model_version (id),
    item_id   INTEGER NOT NULL REFERENCES triage_item (id),
    at        BIGINT  NOT NULL,
    score     DOUBLE PRECISION NOT NULL,
    live_score DOUBLE PRECISION
);
CREATE INDEX shadow_score_model ON shadow_score (model_id, at);
