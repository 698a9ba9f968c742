-- SPDX-License-Identifier: GPL-3.0-or-later
-- The whole domain of DESIGN §3. Dates are ISO 'YYYY-MM-DD' text, times 'HH:MM'.
-- Every table's triggers write the audit log in the same transaction as the change.

CREATE TABLE unit (
  id                  INTEGER PRIMARY KEY CHECK (id = 1),
  name                TEXT,
  superior            TEXT,
  place               TEXT,
  symbol              TEXT,
  signer_on_behalf    TEXT,
  signer_title        TEXT,
  signer_name         TEXT,
  margin_top          INTEGER NOT NULL DEFAULT 20,
  margin_bottom       INTEGER NOT NULL DEFAULT 20,
  margin_left         INTEGER NOT NULL DEFAULT 30,
  margin_right        INTEGER NOT NULL DEFAULT 15,
  notice_lead_days    INTEGER NOT NULL DEFAULT 7,
  conclusion_days     INTEGER NOT NULL DEFAULT 10,
  answer_working_days INTEGER NOT NULL DEFAULT 30
);

CREATE TABLE villages (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE agencies (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE fields   (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);

-- A row here means the secretary set that year's calendar: its defaults no longer apply.
CREATE TABLE calendar_years (year INTEGER PRIMARY KEY);
CREATE TABLE calendar_days (
  date TEXT PRIMARY KEY,
  year INTEGER NOT NULL REFERENCES calendar_years (year) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday'))
);
CREATE INDEX calendar_days_year ON calendar_days (year);

CREATE TABLE plans (
  id                  INTEGER PRIMARY KEY,
  code                TEXT NOT NULL UNIQUE,
  year                INTEGER NOT NULL,
  number              TEXT,
  issued              TEXT,
  title               TEXT,
  purpose             TEXT,
  dialogues_planned   INTEGER,
  notice_lead_days    INTEGER,
  expected_attendance INTEGER
);
CREATE TABLE plan_bases (
  plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
);
CREATE TABLE plan_reports_due (
  plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  date     TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
);
CREATE TABLE planned_sessions (
  plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  quarter  INTEGER,
  month    INTEGER,
  location TEXT,
  topic    TEXT,
  PRIMARY KEY (plan_id, position)
);

CREATE TABLE sessions (
  id                 INTEGER PRIMARY KEY,
  code               TEXT NOT NULL UNIQUE,
  plan_id            INTEGER REFERENCES plans (id),
  kind               TEXT NOT NULL CHECK (kind IN ('dialogue', 'contact', 'reception')),
  date               TEXT NOT NULL,
  time               TEXT,
  location           TEXT,
  village_id         INTEGER REFERENCES villages (id),
  topic              TEXT,
  chair              TEXT,
  secretary          TEXT,
  status             TEXT NOT NULL CHECK (status IN ('planned', 'held', 'postponed', 'cancelled')),
  notice_number      TEXT,
  notice_date        TEXT,
  attendance         INTEGER,
  minutes_start      TEXT,
  minutes_end        TEXT,
  composition        TEXT,
  proceedings        TEXT,
  minutes_conclusion TEXT,
  conclusion_number  TEXT,
  conclusion_date    TEXT
);
CREATE INDEX sessions_date ON sessions (date);
CREATE INDEX sessions_plan ON sessions (plan_id);

CREATE TABLE petitions (
  id                 INTEGER PRIMARY KEY,
  code               TEXT NOT NULL UNIQUE,
  received           TEXT NOT NULL,
  channel            TEXT NOT NULL
                     CHECK (channel IN ('session', 'front', 'written', 'direct', 'phone', 'other')),
  session_id         INTEGER REFERENCES sessions (id),
  petitioner         TEXT,
  address            TEXT,
  village_id         INTEGER REFERENCES villages (id),
  field_id           INTEGER REFERENCES fields (id),
  summary            TEXT,
  content            TEXT,
  individual         INTEGER NOT NULL DEFAULT 0 CHECK (individual IN (0, 1)),
  confidential       INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
  duplicate_of       INTEGER REFERENCES petitions (id),
  answered_date      TEXT,
  answer             TEXT,
  agency_id          INTEGER REFERENCES agencies (id),
  assigned_date      TEXT,
  deadline           TEXT,
  escalated_to       TEXT,
  escalated_date     TEXT,
  escalated_number   TEXT,
  declined_date      TEXT,
  declined_reason    TEXT,
  withdrawn_date     TEXT,
  resolved_date      TEXT,
  result             TEXT,
  informed_date      TEXT
);
CREATE INDEX petitions_received ON petitions (received);
CREATE INDEX petitions_session ON petitions (session_id);
CREATE INDEX petitions_duplicate ON petitions (duplicate_of);
CREATE INDEX petitions_open ON petitions (assigned_date) WHERE resolved_date IS NULL;

CREATE TABLE petition_events (
  id          INTEGER PRIMARY KEY,
  petition_id INTEGER NOT NULL REFERENCES petitions (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  date        TEXT NOT NULL,
  text        TEXT NOT NULL,
  number      TEXT,
  UNIQUE (petition_id, position)
);

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  entity    TEXT NOT NULL,
  record_id INTEGER,
  label     TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, record_id);

-- Views give the references back by name, in the shape of the exchange format.
CREATE VIEW sessions_v AS
  SELECT s.*, p.code AS plan_code, v.name AS village_name
  FROM sessions s
  LEFT JOIN plans p ON p.id = s.plan_id
  LEFT JOIN villages v ON v.id = s.village_id;

CREATE VIEW petitions_v AS
  SELECT t.*, s.code AS session_code, v.name AS village_name, f.name AS field_name,
         a.name AS agency_name, d.code AS duplicate_code
  FROM petitions t
  LEFT JOIN sessions s ON s.id = t.session_id
  LEFT JOIN villages v ON v.id = t.village_id
  LEFT JOIN fields f ON f.id = t.field_id
  LEFT JOIN agencies a ON a.id = t.agency_id
  LEFT JOIN petitions d ON d.id = t.duplicate_of;

INSERT INTO unit (id) VALUES (1);

-- Audit triggers: who (dt_actor (), set by the program), what, when.
CREATE TRIGGER unit_audit_insert AFTER INSERT ON unit BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'insert', 'unit', NEW.id, 'unit');
END;
CREATE TRIGGER unit_audit_update AFTER UPDATE ON unit BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'update', 'unit', NEW.id, 'unit');
END;
CREATE TRIGGER unit_audit_delete AFTER DELETE ON unit BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'delete', 'unit', OLD.id, 'unit');
END;
CREATE TRIGGER villages_audit_insert AFTER INSERT ON villages BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'insert', 'villages', NEW.id, NEW.name);
END;
CREATE TRIGGER villages_audit_update AFTER UPDATE ON villages BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'update', 'villages', NEW.id, NEW.name);
END;
CREATE TRIGGER villages_audit_delete AFTER DELETE ON villages BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'delete', 'villages', OLD.id, OLD.name);
END;
CREATE TRIGGER agencies_audit_insert AFTER INSERT ON agencies BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'insert', 'agencies', NEW.id, NEW.name);
END;
CREATE TRIGGER agencies_audit_update AFTER UPDATE ON agencies BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'update', 'agencies', NEW.id, NEW.name);
END;
CREATE TRIGGER agencies_audit_delete AFTER DELETE ON agencies BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'delete', 'agencies', OLD.id, OLD.name);
END;
CREATE TRIGGER fields_audit_insert AFTER INSERT ON fields BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'insert', 'fields', NEW.id, NEW.name);
END;
CREATE TRIGGER fields_audit_update AFTER UPDATE ON fields BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'update', 'fields', NEW.id, NEW.name);
END;
CREATE TRIGGER fields_audit_delete AFTER DELETE ON fields BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'delete', 'fields', OLD.id, OLD.name);
END;
CREATE TRIGGER calendar_years_audit_insert AFTER INSERT ON calendar_years BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'insert', 'calendar_years', NEW.year, NEW.year);
END;
CREATE TRIGGER calendar_years_audit_update AFTER UPDATE ON calendar_years BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'update', 'calendar_years', NEW.year, NEW.year);
END;
CREATE TRIGGER calendar_years_audit_delete AFTER DELETE ON calendar_years BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'delete', 'calendar_years', OLD.year, OLD.year);
END;
CREATE TRIGGER calendar_days_audit_insert AFTER INSERT ON calendar_days BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'insert', 'calendar_days', NULL, NEW.date);
END;
CREATE TRIGGER calendar_days_audit_update AFTER UPDATE ON calendar_days BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'update', 'calendar_days', NULL, NEW.date);
END;
CREATE TRIGGER calendar_days_audit_delete AFTER DELETE ON calendar_days BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'delete', 'calendar_days', NULL, OLD.date);
END;
CREATE TRIGGER plans_audit_insert AFTER INSERT ON plans BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'insert', 'plans', NEW.id, NEW.code);
END;
CREATE TRIGGER plans_audit_update AFTER UPDATE ON plans BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'update', 'plans', NEW.id, NEW.code);
END;
CREATE TRIGGER plans_audit_delete AFTER DELETE ON plans BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'delete', 'plans', OLD.id, OLD.code);
END;
CREATE TRIGGER plan_bases_audit_insert AFTER INSERT ON plan_bases BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'insert', 'plan_bases', NEW.plan_id, NULL);
END;
CREATE TRIGGER plan_bases_audit_update AFTER UPDATE ON plan_bases BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'update', 'plan_bases', NEW.plan_id, NULL);
END;
CREATE TRIGGER plan_bases_audit_delete AFTER DELETE ON plan_bases BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'delete', 'plan_bases', OLD.plan_id, NULL);
END;
CREATE TRIGGER plan_reports_due_audit_insert AFTER INSERT ON plan_reports_due BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'insert', 'plan_reports_due', NEW.plan_id, NULL);
END;
CREATE TRIGGER plan_reports_due_audit_update AFTER UPDATE ON plan_reports_due BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'update', 'plan_reports_due', NEW.plan_id, NULL);
END;
CREATE TRIGGER plan_reports_due_audit_delete AFTER DELETE ON plan_reports_due BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'delete', 'plan_reports_due', OLD.plan_id, NULL);
END;
CREATE TRIGGER planned_sessions_audit_insert AFTER INSERT ON planned_sessions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'insert', 'planned_sessions', NEW.plan_id, NULL);
END;
CREATE TRIGGER planned_sessions_audit_update AFTER UPDATE ON planned_sessions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'update', 'planned_sessions', NEW.plan_id, NULL);
END;
CREATE TRIGGER planned_sessions_audit_delete AFTER DELETE ON planned_sessions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'delete', 'planned_sessions', OLD.plan_id, NULL);
END;
CREATE TRIGGER sessions_audit_insert AFTER INSERT ON sessions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'insert', 'sessions', NEW.id, NEW.code);
END;
CREATE TRIGGER sessions_audit_update AFTER UPDATE ON sessions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'update', 'sessions', NEW.id, NEW.code);
END;
CREATE TRIGGER sessions_audit_delete AFTER DELETE ON sessions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'delete', 'sessions', OLD.id, OLD.code);
END;
CREATE TRIGGER petitions_audit_insert AFTER INSERT ON petitions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'insert', 'petitions', NEW.id, NEW.code);
END;
CREATE TRIGGER petitions_audit_update AFTER UPDATE ON petitions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'update', 'petitions', NEW.id, NEW.code);
END;
CREATE TRIGGER petitions_audit_delete AFTER DELETE ON petitions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'delete', 'petitions', OLD.id, OLD.code);
END;
CREATE TRIGGER petition_events_audit_insert AFTER INSERT ON petition_events BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'insert', 'petition_events', NEW.id, NULL);
END;
CREATE TRIGGER petition_events_audit_update AFTER UPDATE ON petition_events BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'update', 'petition_events', NEW.id, NULL);
END;
CREATE TRIGGER petition_events_audit_delete AFTER DELETE ON petition_events BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label)
  VALUES (dt_actor (), 'delete', 'petition_events', OLD.id, NULL);
END;
