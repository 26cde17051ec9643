-- On-call rotations. Shifts are not stored: they are computed from the rotation, its members,
-- overrides and shadow volunteers as pure functions of an instant (app: rotation.RotationPlan).
-- A shift is identified by its index: shift k starts on anchor_date + k * shift_days at
-- handoff_time in zone.

CREATE TABLE rotation (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL UNIQUE,
    shift_days          INTEGER NOT NULL,
    handoff_day         TEXT    NOT NULL,     -- MONDAY .. SUNDAY
    handoff_time        TEXT    NOT NULL,     -- HH:MM, local time in zone
    zone                TEXT    NOT NULL,     -- IANA zone id
    anchor_date         TEXT    NOT NULL,     -- ISO local date of shift 0's start (a handoff_day)
    channel             TEXT,
    user_group          TEXT,
    shadow_shifts       INTEGER NOT NULL,     -- N: how many first shifts a joiner shadows
    calendar_token      TEXT    NOT NULL UNIQUE,
    last_handoff_shift  INTEGER NOT NULL,     -- index of the newest shift already handed off to
    created_at          BIGINT  NOT NULL
);

-- Members in order. A member shadows shifts [first_shift, first_shift + shadow_shifts) and is
-- primary-eligible from first_shift + shadow_shifts on (founding members: shadow_shifts = 0).
CREATE TABLE rotation_member (
    id             INTEGER PRIMARY KEY,
    rotation_id    INTEGER NOT NULL REFERENCES rotation (id),
    person_id      INTEGER NOT NULL REFERENCES person (id),
    position       INTEGER NOT NULL,
    first_shift    INTEGER NOT NULL,
    shadow_shifts  INTEGER NOT NULL,
    joined_at      BIGINT  NOT NULL,
    UNIQUE (rotation_id, person_id)
);

-- Someone covers [starts_at, ends_at) as primary. The newest override covering an instant wins.
-- A confirmed swap becomes two overrides (swap_id set).
CREATE TABLE rotation_override (
    id            INTEGER PRIMARY KEY,
    rotation_id   INTEGER NOT NULL REFERENCES rotation (id),
    person_id     INTEGER NOT NULL REFERENCES person (id),
    starts_at     BIGINT  NOT NULL,
    ends_at       BIGINT  NOT NULL,
    created_by    INTEGER NOT NULL REFERENCES person (id),
    created_at    BIGINT  NOT NULL,
    swap_id       INTEGER
);
CREATE INDEX rotation_override_range ON rotation_override (rotation_id, starts_at);

-- Two members trade shifts: pending until the other member confirms (the requester confirms by asking).
CREATE TABLE rotation_swap (
    id             INTEGER PRIMARY KEY,
    rotation_id    INTEGER NOT NULL REFERENCES rotation (id),
    requester_id   INTEGER NOT NULL REFERENCES person (id),
    other_id       INTEGER NOT NULL REFERENCES person (id),
    requester_shift INTEGER NOT NULL,
    other_shift    INTEGER NOT NULL,
    state          TEXT    NOT NULL,          -- pending | confirmed | declined
    created_at     BIGINT  NOT NULL,
    decided_at     BIGINT
);

-- Someone volunteers to shadow one shift.
CREATE TABLE shadow_volunteer (
    rotation_id   INTEGER NOT NULL REFERENCES rotation (id),
    person_id     INTEGER NOT NULL REFERENCES person (id),
    shift         INTEGER NOT NULL,
    created_at    BIGINT  NOT NULL,
    PRIMARY KEY (rotation_id, person_id, shift)
);

-- A paged item and how far it has escalated. Done once someone acks, acts or calls it noise.
CREATE TABLE rotation_page (
    item_id         INTEGER PRIMARY KEY REFERENCES triage_item (id),
    rotation_id     INTEGER NOT NULL REFERENCES rotation (id),
    primary_id      INTEGER REFERENCES person (id),
    paged_at        BIGINT  NOT NULL,
    level           INTEGER NOT NULL,         -- 0 paged; 1 re-paged primary; 2.. next people
    last_paged_at   BIGINT  NOT NULL,
    last_paged_id   INTEGER REFERENCES person (id),
    done_at         BIGINT
);

-- A shadow's copy of a paged item: their guess and, once the primary decides, the decision.
CREATE TABLE shadow_copy (
    item_id       INTEGER NOT NULL REFERENCES triage_item (id),
    person_id     INTEGER NOT NULL REFERENCES person (id),
    rotation_id   INTEGER NOT NULL REFERENCES rotation (id),
    sent_at       BIGINT  NOT NULL,
    guess         TEXT,                      -- acted | ack | noise
    guessed_at    BIGINT,
    decision      TEXT,                      -- the primary's: acted | ack | noise
    decided_by    INTEGER REFERENCES person (id),
    decided_at    BIGINT,
    PRIMARY KEY (item_id, person_id)
);

-- Secret token of each person's calendar feed.
CREATE TABLE person_calendar (
    person_id  INTEGER PRIMARY KEY REFERENCES person (id),
    token      TEXT NOT NULL UNIQUE
);
