-- 012_case_notes: the notes agencies write on a safety-net case, each with who wrote it,
-- for which agency and when. Notes are added, never changed or removed; an agency the
-- case is shared with sees its own notes, and every agency's once "notes" is shared.
CREATE TABLE case_note (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES safety_case(id),
    agency_id  INTEGER NOT NULL REFERENCES agency(id),
    user_id    INTEGER REFERENCES app_user(id),  -- NULL: the operator
    username   TEXT NOT NULL,
    at         TEXT NOT NULL,
    text       TEXT NOT NULL
) STRICT;
CREATE INDEX case_note_case ON case_note(case_id, id);
