-- 008_denominators: population and households kept apart, each with its basis. A
-- force's figure is either as published for the force area ('force': the force-level
-- wide or long files) or summed from local authorities through a lookup
-- ('local-authority'); both may be held for one force and year, and readers prefer
-- the local-authority sum. Households have their own years (a census, an estimate),
-- so a report takes the latest at or before its period.

CREATE TABLE population_by_basis (
    area       text NOT NULL,     -- force slug
    year       bigint NOT NULL,  -- mid-year
    basis      text NOT NULL CHECK (basis IN ('force', 'local-authority')),
    population bigint NOT NULL,
    source     text NOT NULL,     -- the file (and lookup) it came from
    PRIMARY KEY (area, year, basis)
);

INSERT INTO population_by_basis (area, year, basis, population, source)
    SELECT area, year, 'force', population, source FROM population;

CREATE TABLE households (
    area       text NOT NULL,     -- force slug
    year       bigint NOT NULL,
    basis      text NOT NULL CHECK (basis IN ('force', 'local-authority')),
    households bigint NOT NULL,
    source     text NOT NULL,
    PRIMARY KEY (area, year, basis)
);

INSERT INTO households (area, year, basis, households, source)
    SELECT area, year, 'force', households, source FROM population WHERE households IS NOT NULL;

DROP TABLE population;
ALTER TABLE population_by_basis RENAME TO population;
