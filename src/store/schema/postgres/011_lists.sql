-- 011_lists: what the lists of the screens sort and filter by (domain/list.h), so that a
-- page of any of them, at the end of 400,000 rows as at the start, is read from an index:
-- incidents by category and by grade (and each with the newest first), crimes by
-- offence and state, the audit log by time and by user (a user's last sign-in); the
-- records of persons with a vulnerability (the "vulnerable" filter) from the indexes alone.
CREATE INDEX incident_category ON incident(category);
CREATE INDEX incident_category_received ON incident(category, received_at);
CREATE INDEX incident_thrive ON incident(thrive);
CREATE INDEX incident_thrive_received ON incident(thrive, received_at);
CREATE INDEX crime_offence ON crime(offence_code);
CREATE INDEX crime_status ON crime(status, outcome);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_user ON audit_log(user_id, action, at);
CREATE INDEX incident_person_person_incident ON incident_person(person_id, incident_id);
CREATE INDEX crime_person_person_crime ON crime_person(person_id, crime_id, role);
CREATE INDEX location_la ON location(la_id);
