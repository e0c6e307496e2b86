-- 001_core: areas, the POLE records, person-event roles and the synthetic ground truth.
-- SQLite dialect (STRICT tables). Times are ISO 8601 UTC text 'YYYY-MM-DDTHH:MM:SSZ',
-- dates 'YYYY-MM-DD'. Coded values are the names in src/domain/pole.c.

CREATE TABLE area (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('local_authority', 'neighbourhood')),
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    tier            TEXT CHECK (tier IN ('county', 'district', 'unitary')),
    parent_id       INTEGER REFERENCES area(id),
    population      INTEGER,
    households      INTEGER,
    population_year INTEGER
) STRICT;

CREATE TABLE location (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('address', 'street', 'place', 'point')),
    flat             TEXT,
    number           TEXT,
    building         TEXT,
    street           TEXT,
    locality         TEXT,
    town             TEXT,
    postcode         TEXT,
    uprn             INTEGER,
    lat              REAL,
    lon              REAL,
    easting          REAL,
    northing         REAL,
    lsoa_code        TEXT,
    lsoa_name        TEXT,
    neighbourhood_id INTEGER REFERENCES area(id),
    la_id            INTEGER REFERENCES area(id)
) STRICT;
CREATE INDEX location_postcode ON location(postcode);
CREATE INDEX location_neighbourhood ON location(neighbourhood_id);

CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    family_name TEXT NOT NULL,
    given_names TEXT NOT NULL,
    dob         TEXT,
    gender      TEXT NOT NULL CHECK (gender IN ('unknown', 'male', 'female', 'other')),
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX person_family_name ON person(family_name);

CREATE TABLE person_alias (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES person(id),
    family_name TEXT,
    given_names TEXT,
    dob         TEXT
) STRICT;
CREATE INDEX person_alias_person ON person_alias(person_id);

CREATE TABLE person_contact (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id),
    kind      TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'other')),
    value     TEXT NOT NULL
) STRICT;
CREATE INDEX person_contact_person ON person_contact(person_id);

CREATE TABLE person_marker (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person(id),
    kind       TEXT NOT NULL CHECK (kind IN ('vulnerability', 'warning')),
    code       TEXT NOT NULL,
    detail     TEXT,
    valid_from TEXT,
    valid_to   TEXT
) STRICT;
CREATE INDEX person_marker_person ON person_marker(person_id);

CREATE TABLE person_location (
    person_id   INTEGER NOT NULL REFERENCES person(id),
    location_id INTEGER NOT NULL REFERENCES location(id),
    kind        TEXT NOT NULL CHECK (kind IN ('home', 'previous_home', 'work', 'other')),
    valid_from  TEXT,
    valid_to    TEXT,
    PRIMARY KEY (person_id, location_id, kind)
) STRICT;
CREATE INDEX person_location_location ON person_location(location_id);

CREATE TABLE object (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('vehicle', 'phone', 'device', 'other')),
    identifier  TEXT NOT NULL,
    description TEXT
) STRICT;
CREATE INDEX object_identifier ON object(kind, identifier);

CREATE TABLE person_object (
    person_id INTEGER NOT NULL REFERENCES person(id),
    object_id INTEGER NOT NULL REFERENCES object(id),
    PRIMARY KEY (person_id, object_id)
) STRICT;

CREATE TABLE incident (
    id          INTEGER PRIMARY KEY,
    reference   TEXT NOT NULL UNIQUE,
    received_at TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('999', '101', 'online', 'front_counter', 'partner', 'officer')),
    category    TEXT NOT NULL CHECK (category IN ('asb_personal', 'asb_nuisance', 'asb_environmental',
                                                  'crime', 'public_safety', 'transport', 'admin')),
    asb_type    TEXT,
    thrive      TEXT NOT NULL CHECK (thrive IN ('ungraded', 'immediate', 'priority', 'scheduled', 'no_deployment')),
    narrative   TEXT,
    location_id INTEGER REFERENCES location(id),
    closed_at   TEXT
) STRICT;
CREATE INDEX incident_received ON incident(received_at);
CREATE INDEX incident_location ON incident(location_id);

CREATE TABLE incident_person (
    incident_id INTEGER NOT NULL REFERENCES incident(id),
    person_id   INTEGER NOT NULL REFERENCES person(id),
    role        TEXT NOT NULL CHECK (role IN ('caller', 'victim', 'witness', 'suspect', 'offender')),
    PRIMARY KEY (incident_id, person_id, role)
) STRICT;
CREATE INDEX incident_person_person ON incident_person(person_id);

CREATE TABLE incident_object (
    incident_id INTEGER NOT NULL REFERENCES incident(id),
    object_id   INTEGER NOT NULL REFERENCES object(id),
    PRIMARY KEY (incident_id, object_id)
) STRICT;

CREATE TABLE crime (
    id           INTEGER PRIMARY KEY,
    reference    TEXT NOT NULL UNIQUE,
    incident_id  INTEGER REFERENCES incident(id),
    offence_code TEXT NOT NULL,
    committed_at TEXT,
    recorded_at  TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('recorded', 'transferred', 'cancelled')),
    outcome      INTEGER NOT NULL DEFAULT 0 CHECK (outcome BETWEEN 0 AND 22),
    outcome_at   TEXT,
    location_id  INTEGER REFERENCES location(id)
) STRICT;
CREATE INDEX crime_recorded ON crime(recorded_at);
CREATE INDEX crime_incident ON crime(incident_id);
CREATE INDEX crime_location ON crime(location_id);

CREATE TABLE crime_person (
    crime_id  INTEGER NOT NULL REFERENCES crime(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    role      TEXT NOT NULL CHECK (role IN ('caller', 'victim', 'witness', 'suspect', 'offender')),
    PRIMARY KEY (crime_id, person_id, role)
) STRICT;
CREATE INDEX crime_person_person ON crime_person(person_id);

CREATE TABLE crime_object (
    crime_id  INTEGER NOT NULL REFERENCES crime(id),
    object_id INTEGER NOT NULL REFERENCES object(id),
    PRIMARY KEY (crime_id, object_id)
) STRICT;

-- Ground truth of the synthetic force: which records are truly the same person, group
-- memberships, burglary series. Read only by tests and benchmarks, never by service/.
CREATE TABLE synth_truth (
    kind      TEXT NOT NULL,    -- 'person', 'ocg', 'network', 'da_pair', 'near_repeat'
    record_id INTEGER NOT NULL, -- person id, crime id, ...
    truth_id  INTEGER NOT NULL, -- true identity, group id, parent crime id, ...
    PRIMARY KEY (kind, record_id, truth_id)
) STRICT;
CREATE INDEX synth_truth_truth ON synth_truth(kind, truth_id);

CREATE TABLE synth_run (
    id       INTEGER PRIMARY KEY,
    seed     INTEGER NOT NULL,
    scale    REAL NOT NULL,
    from_month TEXT NOT NULL,
    months   INTEGER NOT NULL,
    force_name TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
