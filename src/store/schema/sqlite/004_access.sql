-- 004_access: who may see what, and the record of who saw what.
-- Agencies (the force and its partners), users with one role in one agency, login
-- sessions, the data-protection audit log (a hash chain), safety-net cases shared with
-- named agencies field by field, records restricted to named users, and the officers'
-- read receipts for briefings pushed to their queue.
CREATE TABLE agency (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,   -- short code: 'force', 'la-winchester', ...
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('force', 'local_authority', 'probation', 'health', 'housing',
                                             'victim_services', 'other')),
    created_at TEXT NOT NULL
) STRICT;
INSERT INTO agency (code, name, kind, created_at) VALUES ('force', 'The force', 'force', '1970-01-01T00:00:00Z');

CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    agency_id     INTEGER NOT NULL REFERENCES agency(id),
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,        -- Argon2id, libsodium's string format
    disabled      INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,                 -- after repeated failures
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE user_session (
    token_hash BLOB PRIMARY KEY,        -- BLAKE2b-256 of the token; the token is never stored
    user_id    INTEGER NOT NULL REFERENCES app_user(id),
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX user_session_user ON user_session (user_id);

-- DPA 2018 s.62: every collection, alteration, consultation, disclosure, combination
-- and erasure. hash = BLAKE2b-256(prev_hash || the entry's fields); audit_head holds the
-- last seq and hash so that removing entries from the end is noticed too.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER,
    username  TEXT NOT NULL,
    agency    TEXT NOT NULL,
    role      TEXT NOT NULL,
    action    TEXT NOT NULL,            -- collect, alter, consult, disclose, combine, erase, login, ...
    what      TEXT NOT NULL,            -- record ids: "incident:12 person:5"
    why       TEXT NOT NULL,            -- the purpose or justification given
    recipient TEXT,                     -- disclosures: the agency it went to
    prev_hash BLOB NOT NULL,
    hash      BLOB NOT NULL
) STRICT;
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash BLOB NOT NULL
) STRICT;

CREATE TABLE safety_case (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('person', 'household', 'location')),
    person_id    INTEGER REFERENCES person(id),
    location_id  INTEGER REFERENCES location(id),
    owner_agency INTEGER NOT NULL REFERENCES agency(id),
    created_by   INTEGER REFERENCES app_user(id),
    created_at   TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    summary      TEXT NOT NULL DEFAULT '',
    risk         TEXT NOT NULL DEFAULT '',
    actions      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE case_share (
    case_id    INTEGER NOT NULL REFERENCES safety_case(id),
    agency_id  INTEGER NOT NULL REFERENCES agency(id),
    fields     TEXT NOT NULL,           -- the shared fields, space separated
    gateway    TEXT NOT NULL,           -- legal gateway, e.g. "Crime and Disorder Act 1998 s.115"
    purpose    TEXT NOT NULL,
    shared_by  INTEGER REFERENCES app_user(id),
    shared_at  TEXT NOT NULL,
    PRIMARY KEY (case_id, agency_id)
) STRICT;

CREATE TABLE record_restriction (
    kind      TEXT NOT NULL,            -- 'incident', 'person', 'case'
    record_id INTEGER NOT NULL,
    user_id   INTEGER NOT NULL REFERENCES app_user(id),
    PRIMARY KEY (kind, record_id, user_id)
) STRICT;

CREATE TABLE read_receipt (
    incident_id INTEGER NOT NULL REFERENCES incident(id),
    user_id     INTEGER NOT NULL REFERENCES app_user(id),
    queue       TEXT NOT NULL,
    read_at     TEXT NOT NULL,
    PRIMARY KEY (incident_id, user_id)
) STRICT;
