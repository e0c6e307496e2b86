-- 007_security: what the security review of the running server asked for.
-- Sessions remember when they were last used, so that one left idle ends
-- (auth.idle_minutes) beside its fixed lifetime.
ALTER TABLE user_session ADD COLUMN last_seen TEXT;

-- DPA 2018 s.62: every record an audit entry disclosed, however many, in order; the
-- entry's hash covers them (so none can be added, removed or changed unnoticed). Entries
-- written before this table have none here: their records are in their `what`.
CREATE TABLE audit_record (
    seq       INTEGER NOT NULL REFERENCES audit_log(seq),
    n         INTEGER NOT NULL,       -- its place in the entry, from 0
    kind      TEXT NOT NULL,          -- 'incident', 'person', 'crime', 'location', 'case', ...
    record_id INTEGER NOT NULL,
    PRIMARY KEY (seq, n)
) STRICT, WITHOUT ROWID;
-- who consulted or was shown a record: the auditor's first question
CREATE INDEX audit_record_subject ON audit_record(kind, record_id);

-- Verifications of the chain, kept beside it rather than in it: checking the log must
-- not change what it checks.
CREATE TABLE audit_check (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    username TEXT NOT NULL,
    entries  INTEGER NOT NULL,
    ok       INTEGER NOT NULL,
    bad_seq  INTEGER,
    why      TEXT NOT NULL DEFAULT ''
) STRICT;

-- What first contact keeps in memory comes from these tables: every change to them is
-- noted here, so that a server catches up with another process's writes (an import,
-- vigil incident add, vigil restrict) by reading what changed, not by rebuilding its
-- indexes. kind: 'person' (the person's records, history or markers), 'location',
-- 'incident' or 'crime' (their parties' histories), 'restriction', or 'rebuild' (a
-- deletion or a setting first contact depends on: start again).
CREATE TABLE store_change (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, even once pruned
    kind TEXT NOT NULL,
    id   INTEGER NOT NULL
) STRICT;
CREATE TRIGGER change_person_ins AFTER INSERT ON person BEGIN INSERT INTO store_change (kind, id) VALUES ('person', NEW.id); END;
CREATE TRIGGER change_person_upd AFTER UPDATE ON person BEGIN INSERT INTO store_change (kind, id) VALUES ('person', NEW.id); END;
CREATE TRIGGER change_person_del AFTER DELETE ON person BEGIN INSERT INTO store_change (kind, id) VALUES ('rebuild', OLD.id); END;
CREATE TRIGGER change_p_alias_ins AFTER INSERT ON person_alias BEGIN INSERT INTO store_change (kind, id) VALUES ('person', NEW.person_id); END;
CREATE TRIGGER change_p_alias_upd AFTER UPDATE ON person_alias BEGIN INSERT INTO store_change (kind, id) VALUES ('person', NEW.person_id); END;
CREATE TRIGGER change_p_alias_del AFTER DELETE ON person_alias BEGIN INSERT INTO store_change (kind, id) VALUES ('person', OLD.person_id); END;
CREATE TRIGGER change_p_contact_ins AFTER INSERT ON person_contact BEGIN INSERT INTO store_change (kind, id) VALUES ('person', NEW.person_id); END;
CREATE TRIGGER change_p_contact_upd AFTER UPDATE ON person_contact BEGIN INSERT INTO store_change (kind, id) VALUES ('person', NEW.person_id); END;
CREATE TRIGGER change_p_contact_del AFTER DELETE ON person_contact BEGIN INSERT INTO store_change (kind, id) VALUES ('person', OLD.person_id); END;
CREATE TRIGGER change_p_marker_ins AFTER INSERT ON person_marker BEGIN INSERT INTO store_change (kind, id) VALUES ('person', NEW.person_id); END;
CREATE TRIGGER change_p_marker_upd AFTER UPDATE ON person_marker BEGIN INSERT INTO store_change (kind, id) VALUES ('person', NEW.person_id); END;
CREATE TRIGGER change_p_marker_del AFTER DELETE ON person_marker BEGIN INSERT INTO store_change (kind, id) VALUES ('person', OLD.person_id); END;
CREATE TRIGGER change_p_location_ins AFTER INSERT ON person_location BEGIN INSERT INTO store_change (kind, id) VALUES ('person', NEW.person_id); END;
CREATE TRIGGER change_p_location_upd AFTER UPDATE ON person_location BEGIN INSERT INTO store_change (kind, id) VALUES ('person', NEW.person_id); END;
CREATE TRIGGER change_p_location_del AFTER DELETE ON person_location BEGIN INSERT INTO store_change (kind, id) VALUES ('person', OLD.person_id); END;
CREATE TRIGGER change_incident_person_ins AFTER INSERT ON incident_person BEGIN INSERT INTO store_change (kind, id) VALUES ('person', NEW.person_id); END;
CREATE TRIGGER change_incident_person_del AFTER DELETE ON incident_person BEGIN INSERT INTO store_change (kind, id) VALUES ('person', OLD.person_id); END;
CREATE TRIGGER change_crime_person_ins AFTER INSERT ON crime_person BEGIN INSERT INTO store_change (kind, id) VALUES ('person', NEW.person_id); END;
CREATE TRIGGER change_crime_person_del AFTER DELETE ON crime_person BEGIN INSERT INTO store_change (kind, id) VALUES ('person', OLD.person_id); END;
CREATE TRIGGER change_incident_upd AFTER UPDATE ON incident BEGIN INSERT INTO store_change (kind, id) VALUES ('incident', NEW.id); END;
CREATE TRIGGER change_crime_upd AFTER UPDATE ON crime BEGIN INSERT INTO store_change (kind, id) VALUES ('crime', NEW.id); END;
CREATE TRIGGER change_location_ins AFTER INSERT ON location BEGIN INSERT INTO store_change (kind, id) VALUES ('location', NEW.id); END;
CREATE TRIGGER change_location_upd AFTER UPDATE ON location BEGIN INSERT INTO store_change (kind, id) VALUES ('location', NEW.id); END;
CREATE TRIGGER change_location_del AFTER DELETE ON location BEGIN INSERT INTO store_change (kind, id) VALUES ('rebuild', OLD.id); END;
CREATE TRIGGER change_restriction_ins AFTER INSERT ON record_restriction BEGIN INSERT INTO store_change (kind, id) VALUES ('restriction', NEW.record_id); END;
CREATE TRIGGER change_restriction_del AFTER DELETE ON record_restriction BEGIN INSERT INTO store_change (kind, id) VALUES ('restriction', OLD.record_id); END;
CREATE TRIGGER change_setting_ins AFTER INSERT ON setting WHEN NEW.key LIKE 'briefing.%' OR NEW.key LIKE 'match.%' OR NEW.key LIKE 'input.%' BEGIN INSERT INTO store_change (kind, id) VALUES ('rebuild', 0); END;
CREATE TRIGGER change_setting_upd AFTER UPDATE ON setting WHEN NEW.key LIKE 'briefing.%' OR NEW.key LIKE 'match.%' OR NEW.key LIKE 'input.%' BEGIN INSERT INTO store_change (kind, id) VALUES ('rebuild', 0); END;

-- Separation of duties: an administrator's request to give an account a role that
-- reaches police data, administration or the audit log (a new account, a new role, a
-- new password), carried out only when a second administrator approves it.
CREATE TABLE user_request (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('create', 'role', 'password')),
    username      TEXT NOT NULL,
    role          TEXT,
    agency_id     INTEGER REFERENCES agency(id),
    password_hash TEXT,                 -- 'create' and 'password': Argon2id, as app_user keeps it
    requested_by  INTEGER NOT NULL REFERENCES app_user(id),
    requested_at  TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
    decided_by    INTEGER REFERENCES app_user(id),
    decided_at    TEXT
) STRICT;
CREATE INDEX user_request_pending ON user_request(status);
