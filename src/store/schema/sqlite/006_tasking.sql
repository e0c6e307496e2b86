-- 006_tasking: the daily neighbourhood review's actions. The meeting assigns each action
-- to an owner with a due date; it is shown at every review until it is closed, and the
-- closing note says what was done.

CREATE TABLE tasking_action (
    id          INTEGER PRIMARY KEY,
    area_id     INTEGER NOT NULL REFERENCES area(id),
    text        TEXT NOT NULL,
    owner_id    INTEGER NOT NULL REFERENCES app_user(id),
    due         TEXT NOT NULL,          -- 'YYYY-MM-DD'
    created_by  INTEGER REFERENCES app_user(id),
    created_at  TEXT NOT NULL,
    closed_at   TEXT,
    closed_by   INTEGER REFERENCES app_user(id),
    result      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX tasking_action_area ON tasking_action(area_id, closed_at);

-- the recent crimes and incidents of an area are read by when they happened
CREATE INDEX crime_committed ON crime(committed_at);
