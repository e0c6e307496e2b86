-- 010_dispatch: the control room's work on an incident after the call. Its dispatch
-- state (one row once a dispatcher has touched it; an open graded incident without one is
-- awaiting a unit), and its log: every update, re-grade, acknowledgement, assignment,
-- status change, closure and cancellation, with who and when. Nothing here is deleted:
-- a mistaken call is cancelled (closed with the code 'cancelled' and a reason).
CREATE TABLE incident_dispatch (
    incident_id     INTEGER PRIMARY KEY REFERENCES incident(id),
    status          TEXT NOT NULL CHECK (status IN ('awaiting', 'assigned', 'at_scene', 'closed')),
    acknowledged_by INTEGER REFERENCES app_user(id),  -- NULL: not acknowledged, or by the operator
    acknowledged_at TEXT,
    unit            TEXT,                             -- the officer or unit assigned
    closure         TEXT CHECK (closure IN ('advice', 'resolved', 'crime_recorded', 'referred', 'no_trace',
                                            'duplicate', 'cancelled')),
    updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE incident_log (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident(id),
    at          TEXT NOT NULL,      -- ISO 8601, UTC
    user_id     INTEGER REFERENCES app_user(id),  -- NULL: the operator
    username    TEXT NOT NULL,      -- as audited ("cli:NAME" for the operator)
    kind        TEXT NOT NULL CHECK (kind IN ('update', 'grade', 'acknowledge', 'assign', 'status', 'close', 'cancel')),
    thrive      TEXT,               -- grade: the new grade
    thrive_was  TEXT,               -- grade: the grade before
    status      TEXT,               -- the dispatch status after the entry
    closure     TEXT,               -- close, cancel
    unit        TEXT,               -- assign
    text        TEXT                -- the note, or the reason
) STRICT;
CREATE INDEX incident_log_incident ON incident_log(incident_id, id);
CREATE INDEX incident_open ON incident(received_at) WHERE closed_at IS NULL;
CREATE INDEX location_street ON location(street, number); -- the search box: a street, a house in it
