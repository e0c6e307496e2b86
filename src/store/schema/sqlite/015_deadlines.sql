-- 015_deadlines: the time limits a recorded crime starts (its first supervisor review,
-- its victims' needs assessment and their being told the outcome), worked out by
-- rules/deadlines.c from the rule set in force when the crime is written, and kept with
-- it, so that no backend counts days in SQL.
ALTER TABLE crime ADD COLUMN review_due TEXT;
ALTER TABLE crime ADD COLUMN needs_due TEXT;
ALTER TABLE crime ADD COLUMN outcome_due TEXT;

-- Crimes written before: the limits every crime had until now (3, 5 and 5 calendar
-- days), without noting 100,000 changes for first contact (the dues are not its business).
DROP TRIGGER change_crime_upd;
UPDATE crime SET review_due = strftime('%Y-%m-%dT%H:%M:%SZ', recorded_at, '+3 days'),
                 needs_due = strftime('%Y-%m-%dT%H:%M:%SZ', recorded_at, '+5 days'),
                 outcome_due = CASE WHEN outcome > 0 AND outcome_at IS NOT NULL
                                    THEN strftime('%Y-%m-%dT%H:%M:%SZ', outcome_at, '+5 days') END;
CREATE TRIGGER change_crime_upd AFTER UPDATE ON crime BEGIN INSERT INTO store_change (kind, id) VALUES ('crime', NEW.id); END;
