-- 007_security: what the security review of the running server asked for.
-- Sessions remember when they were last used, so that one left idle ends
-- (auth.idle_minutes) beside its fixed lifetime.
ALTER TABLE user_session ADD COLUMN last_seen TEXT;

-- DPA 2018 s.62: every record an audit entry disclosed, however many, in order; the
-- entry's hash covers them (so none can be added, removed or changed unnoticed). Entries
-- written before this table have none here: their records are in their `what`.
CREATE TABLE audit_record (
    seq       INTEGER NOT NULL REFERENCES audit_log(seq),
    n         INTEGER NOT NULL,       -- its place in the entry, from 0
    kind      TEXT NOT NULL,          -- 'incident', 'person', 'crime', 'location', 'case', ...
    record_id INTEGER NOT NULL,
    PRIMARY KEY (seq, n)
) STRICT, WITHOUT ROWID;
-- who consulted or was shown a record: the auditor's first question
CREATE INDEX audit_record_subject ON audit_record(kind, record_id);

-- Verifications of the chain, kept beside it rather than in it: checking the log must
-- not change what it checks.
CREATE TABLE audit_check (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    username TEXT NOT NULL,
    entries  INTEGER NOT NULL,
    ok       INTEGER NOT NULL,
    bad_seq  INTEGER,
    why      TEXT NOT NULL DEFAULT ''
) STRICT;
