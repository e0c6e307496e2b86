-- 002_opendata: official open data kept compactly for fast aggregation.
-- police.uk rows: repeated strings as ids into od_dict, months as yyyymm integers,
-- coordinates as integer micro-degrees. od_count holds rows per (file, crime type).
-- A file's rows are written in one go, so they occupy one contiguous rowid range
-- (od_file.first_row..last_row); replacing a file deletes that range. This keeps the
-- row tables free of secondary indexes, which is what makes bulk import fast.

CREATE TABLE od_dict (
    id    INTEGER PRIMARY KEY,
    value TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE od_file (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('street', 'outcomes', 'stop_search')),
    force       TEXT NOT NULL,     -- police.uk force slug (from the file name or the force table)
    force_name  TEXT NOT NULL,     -- "Reported by" as written in the file
    month       INTEGER NOT NULL,  -- yyyymm
    path        TEXT NOT NULL,
    rows        INTEGER NOT NULL DEFAULT 0,
    first_row   INTEGER,           -- rowid range of the file's rows in its row table
    last_row    INTEGER,
    imported_at TEXT NOT NULL,
    UNIQUE (force, month, kind)
) STRICT;

CREATE TABLE od_street (
    file_id      INTEGER NOT NULL,  -- od_file.id
    crime_id     BLOB,              -- 32 bytes; NULL for ASB
    month        INTEGER NOT NULL,
    reported_by  INTEGER NOT NULL,  -- od_dict ids from here on
    falls_within INTEGER NOT NULL,
    lon          INTEGER,           -- micro-degrees; NULL when the record has no location
    lat          INTEGER,
    location     INTEGER,
    lsoa_code    INTEGER,
    lsoa_name    INTEGER,
    crime_type   INTEGER NOT NULL,
    outcome      INTEGER,
    context      TEXT
) STRICT;

CREATE TABLE od_outcome (
    file_id      INTEGER NOT NULL,  -- od_file.id
    crime_id     BLOB,
    month        INTEGER NOT NULL,
    reported_by  INTEGER NOT NULL,
    falls_within INTEGER NOT NULL,
    lon          INTEGER,
    lat          INTEGER,
    location     INTEGER,
    lsoa_code    INTEGER,
    lsoa_name    INTEGER,
    outcome_type INTEGER NOT NULL
) STRICT;

CREATE TABLE od_stop_search (
    file_id            INTEGER NOT NULL,  -- od_file.id
    type               INTEGER NOT NULL,
    date               TEXT NOT NULL,
    part_of_operation  INTEGER,
    operation_name     INTEGER,
    lon                INTEGER,
    lat                INTEGER,
    gender             INTEGER,
    age_range          INTEGER,
    self_ethnicity     INTEGER,
    officer_ethnicity  INTEGER,
    legislation        INTEGER,
    object             INTEGER,
    outcome            INTEGER,
    outcome_linked     INTEGER,
    removal            INTEGER
) STRICT;

CREATE TABLE od_count (
    file_id INTEGER NOT NULL REFERENCES od_file(id),
    value   INTEGER NOT NULL,  -- crime type (street) or outcome type (outcomes), od_dict id
    n       INTEGER NOT NULL,
    PRIMARY KEY (file_id, value)
) STRICT, WITHOUT ROWID;

-- Home Office police recorded crime by force area: rolling 12-month totals.
CREATE TABLE ho_recorded (
    area       TEXT NOT NULL,     -- force slug, or 'fraud:<name>' for national fraud bodies
    period_end INTEGER NOT NULL,  -- yyyymm of the last month of the 12
    offence    TEXT NOT NULL,     -- the table's "Offence" string, as written
    count      INTEGER NOT NULL,
    PRIMARY KEY (area, period_end, offence)
) STRICT, WITHOUT ROWID;

-- ONS mid-year population estimates (and households where known), by force area.
CREATE TABLE population (
    area       TEXT NOT NULL,     -- force slug
    year       INTEGER NOT NULL,
    population INTEGER NOT NULL,
    households INTEGER,
    source     TEXT NOT NULL,
    PRIMARY KEY (area, year)
) STRICT, WITHOUT ROWID;

-- Deployment settings (e.g. the force's own name and police.uk slug).
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
