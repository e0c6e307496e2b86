-- 009_resolved: resolved persons. Every person record belongs to exactly one resolved
-- person: the one this table names for it, else the record itself (a new record founds
-- a person of its own until `vigil match resolve` finds it a better one). A resolved
-- person's id is the smallest person record id among its records. Not followed by the
-- first-contact change log (store_change): resolving writes every row at once.
CREATE TABLE person_resolved (
    person_id   INTEGER PRIMARY KEY REFERENCES person(id),
    resolved_id INTEGER NOT NULL REFERENCES person(id)
) STRICT;
CREATE INDEX person_resolved_resolved ON person_resolved(resolved_id);

-- The last run that resolved the whole store: what it found and with which threshold.
CREATE TABLE resolve_run (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,      -- ISO 8601, UTC
    threshold REAL NOT NULL,
    records   INTEGER NOT NULL,   -- person records
    persons   INTEGER NOT NULL,
    merges    INTEGER NOT NULL,
    refused   INTEGER NOT NULL,   -- record pairs above the threshold kept apart by conflicting identifiers
    seconds   REAL NOT NULL
) STRICT;

-- The id a record had in the system it came from (`vigil import persons`), one each.
CREATE TABLE person_source (
    person_id INTEGER PRIMARY KEY REFERENCES person(id),
    source_id TEXT NOT NULL UNIQUE
) STRICT;

-- Pairs of records in two persons that the model scores between match.probable_threshold
-- and match.threshold: the data-quality queue. Written by each whole-store resolve.
CREATE TABLE person_review (
    a           INTEGER NOT NULL REFERENCES person(id),  -- a < b
    b           INTEGER NOT NULL REFERENCES person(id),
    probability REAL NOT NULL,
    PRIMARY KEY (a, b)
) STRICT;

-- People's decisions about two records: the same person ('same'), or not ('different').
-- Honoured by every resolve over the model; an undone decision is kept, marked undone.
CREATE TABLE person_decision (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('same', 'different')),
    a         INTEGER NOT NULL REFERENCES person(id),
    b         INTEGER NOT NULL REFERENCES person(id),
    reason    TEXT NOT NULL,
    username  TEXT NOT NULL,
    at        TEXT NOT NULL,
    undone_at TEXT,
    undone_by TEXT,
    undo_reason TEXT
) STRICT;

-- The records a 'same' decision covers: every record of the two persons when it was taken
-- (they stay one person through every later resolve, whatever their identifiers say).
CREATE TABLE person_decision_record (
    decision_id INTEGER NOT NULL REFERENCES person_decision(id),
    record_id   INTEGER NOT NULL REFERENCES person(id),
    PRIMARY KEY (decision_id, record_id)
) STRICT;
