-- 005_work: the day's work on records. Supervisors' reviews of open crimes, each with
-- the direction given and when the next review is due; the Victims' Code entitlements
-- met for each victim of a crime; joint actions on safety-net cases, each owned by one
-- agency and tracked to completion.

CREATE TABLE crime_review (
    id          INTEGER PRIMARY KEY,
    crime_id    INTEGER NOT NULL REFERENCES crime(id),
    reviewer_id INTEGER REFERENCES app_user(id),
    reviewed_at TEXT NOT NULL,
    direction   TEXT NOT NULL,
    next_due    TEXT            -- NULL: no further review needed
) STRICT;
CREATE INDEX crime_review_crime ON crime_review(crime_id, reviewed_at);

CREATE TABLE victim_entitlement (
    id          INTEGER PRIMARY KEY,
    crime_id    INTEGER NOT NULL REFERENCES crime(id),
    person_id   INTEGER NOT NULL REFERENCES person(id),
    entitlement TEXT NOT NULL CHECK (entitlement IN ('needs_assessment', 'outcome')),
    met_at      TEXT NOT NULL,
    user_id     INTEGER REFERENCES app_user(id),
    note        TEXT NOT NULL DEFAULT '',
    UNIQUE (crime_id, person_id, entitlement)
) STRICT;

CREATE TABLE case_action (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES safety_case(id),
    agency_id   INTEGER NOT NULL REFERENCES agency(id),
    text        TEXT NOT NULL,
    due         TEXT,
    created_by  INTEGER REFERENCES app_user(id),
    created_at  TEXT NOT NULL,
    done_at     TEXT,
    done_by     INTEGER REFERENCES app_user(id)
) STRICT;
CREATE INDEX case_action_case ON case_action(case_id);
