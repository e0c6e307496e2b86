-- 015_deadlines: the time limits a recorded crime starts (its first supervisor review,
-- its victims' needs assessment and their being told the outcome), worked out by
-- rules/deadlines.c from the rule set in force when the crime is written, and kept with
-- it, so that no backend counts days in SQL.
ALTER TABLE crime ADD COLUMN review_due text;
ALTER TABLE crime ADD COLUMN needs_due text;
ALTER TABLE crime ADD COLUMN outcome_due text;

-- Crimes written before: the limits every crime had until now (3, 5 and 5 calendar
-- days), without noting a change per crime for first contact.
ALTER TABLE crime DISABLE TRIGGER change_crime_upd;
UPDATE crime SET review_due = to_char(recorded_at::timestamp + interval '3 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                 needs_due = to_char(recorded_at::timestamp + interval '5 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                 outcome_due = CASE WHEN outcome > 0 AND outcome_at IS NOT NULL
                                    THEN to_char(outcome_at::timestamp + interval '5 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END;
ALTER TABLE crime ENABLE TRIGGER change_crime_upd;
