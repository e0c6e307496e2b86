-- 003_briefing: the first-contact briefing, kept with the incident it was made for, as
-- it was when the call was logged (what the call handler and the attending officer were
-- told), so that it can be shown again and audited later.
CREATE TABLE incident_briefing (
    incident_id bigint PRIMARY KEY REFERENCES incident(id),
    created_at  text NOT NULL,
    briefing    text NOT NULL  -- JSON, as `vigil incident add` prints it
);
