-- SPDX-License-Identifier: GPL-3.0-or-later
-- The audit log says what changed, not only that something did (DESIGN §3, issue 12): each
-- entry now carries "changes", a JSON object of the fields that changed, each with its old and
-- new value: {"summary": ["Sửa cầu", "Sửa cầu thôn Đông"], "assigned_to": [null, "UBND xã"]}.
-- An insert lists the fields it set (old null), a delete the values it removed (new null); an
-- update lists only the fields whose value differs, and writes no entry when none does.
-- References are given by code or name, as in the exchange format (assigned_to, village,
-- field, session, plan, duplicate_of, petition), not by row id. A petition's revision counter
-- is listed in its updates only (an event added moves it alone); the generated sort key never
-- is. Entries written before this migration keep "changes" empty.

ALTER TABLE audit_log ADD COLUMN changes TEXT;

DROP TRIGGER IF EXISTS unit_audit_insert;
DROP TRIGGER IF EXISTS unit_audit_update;
DROP TRIGGER IF EXISTS unit_audit_delete;
DROP TRIGGER IF EXISTS villages_audit_insert;
DROP TRIGGER IF EXISTS villages_audit_update;
DROP TRIGGER IF EXISTS villages_audit_delete;
DROP TRIGGER IF EXISTS agencies_audit_insert;
DROP TRIGGER IF EXISTS agencies_audit_update;
DROP TRIGGER IF EXISTS agencies_audit_delete;
DROP TRIGGER IF EXISTS fields_audit_insert;
DROP TRIGGER IF EXISTS fields_audit_update;
DROP TRIGGER IF EXISTS fields_audit_delete;
DROP TRIGGER IF EXISTS calendar_years_audit_insert;
DROP TRIGGER IF EXISTS calendar_years_audit_update;
DROP TRIGGER IF EXISTS calendar_years_audit_delete;
DROP TRIGGER IF EXISTS calendar_days_audit_insert;
DROP TRIGGER IF EXISTS calendar_days_audit_update;
DROP TRIGGER IF EXISTS calendar_days_audit_delete;
DROP TRIGGER IF EXISTS plans_audit_insert;
DROP TRIGGER IF EXISTS plans_audit_update;
DROP TRIGGER IF EXISTS plans_audit_delete;
DROP TRIGGER IF EXISTS plan_bases_audit_insert;
DROP TRIGGER IF EXISTS plan_bases_audit_update;
DROP TRIGGER IF EXISTS plan_bases_audit_delete;
DROP TRIGGER IF EXISTS plan_reports_due_audit_insert;
DROP TRIGGER IF EXISTS plan_reports_due_audit_update;
DROP TRIGGER IF EXISTS plan_reports_due_audit_delete;
DROP TRIGGER IF EXISTS planned_sessions_audit_insert;
DROP TRIGGER IF EXISTS planned_sessions_audit_update;
DROP TRIGGER IF EXISTS planned_sessions_audit_delete;
DROP TRIGGER IF EXISTS sessions_audit_insert;
DROP TRIGGER IF EXISTS sessions_audit_update;
DROP TRIGGER IF EXISTS sessions_audit_delete;
DROP TRIGGER IF EXISTS petitions_audit_insert;
DROP TRIGGER IF EXISTS petitions_audit_update;
DROP TRIGGER IF EXISTS petitions_audit_delete;
DROP TRIGGER IF EXISTS petition_events_audit_insert;
DROP TRIGGER IF EXISTS petition_events_audit_update;
DROP TRIGGER IF EXISTS petition_events_audit_delete;

CREATE TRIGGER unit_audit_insert AFTER INSERT ON unit BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'insert', 'unit', NEW.id, 'unit', changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'name' AS k, NULL AS o, NEW.name AS n WHERE NEW.name IS NOT NULL UNION ALL
    SELECT 'superior' AS k, NULL AS o, NEW.superior AS n WHERE NEW.superior IS NOT NULL UNION ALL
    SELECT 'place' AS k, NULL AS o, NEW.place AS n WHERE NEW.place IS NOT NULL UNION ALL
    SELECT 'symbol' AS k, NULL AS o, NEW.symbol AS n WHERE NEW.symbol IS NOT NULL UNION ALL
    SELECT 'signer_on_behalf' AS k, NULL AS o, NEW.signer_on_behalf AS n WHERE NEW.signer_on_behalf IS NOT NULL UNION ALL
    SELECT 'signer_title' AS k, NULL AS o, NEW.signer_title AS n WHERE NEW.signer_title IS NOT NULL UNION ALL
    SELECT 'signer_name' AS k, NULL AS o, NEW.signer_name AS n WHERE NEW.signer_name IS NOT NULL UNION ALL
    SELECT 'margin_top' AS k, NULL AS o, NEW.margin_top AS n WHERE NEW.margin_top IS NOT NULL UNION ALL
    SELECT 'margin_bottom' AS k, NULL AS o, NEW.margin_bottom AS n WHERE NEW.margin_bottom IS NOT NULL UNION ALL
    SELECT 'margin_left' AS k, NULL AS o, NEW.margin_left AS n WHERE NEW.margin_left IS NOT NULL UNION ALL
    SELECT 'margin_right' AS k, NULL AS o, NEW.margin_right AS n WHERE NEW.margin_right IS NOT NULL UNION ALL
    SELECT 'notice_lead_days' AS k, NULL AS o, NEW.notice_lead_days AS n WHERE NEW.notice_lead_days IS NOT NULL UNION ALL
    SELECT 'conclusion_days' AS k, NULL AS o, NEW.conclusion_days AS n WHERE NEW.conclusion_days IS NOT NULL UNION ALL
    SELECT 'answer_working_days' AS k, NULL AS o, NEW.answer_working_days AS n WHERE NEW.answer_working_days IS NOT NULL));
END;
CREATE TRIGGER unit_audit_update AFTER UPDATE ON unit BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'update', 'unit', NEW.id, 'unit', changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'name' AS k, OLD.name AS o, NEW.name AS n WHERE OLD.name IS NOT NEW.name UNION ALL
    SELECT 'superior' AS k, OLD.superior AS o, NEW.superior AS n WHERE OLD.superior IS NOT NEW.superior UNION ALL
    SELECT 'place' AS k, OLD.place AS o, NEW.place AS n WHERE OLD.place IS NOT NEW.place UNION ALL
    SELECT 'symbol' AS k, OLD.symbol AS o, NEW.symbol AS n WHERE OLD.symbol IS NOT NEW.symbol UNION ALL
    SELECT 'signer_on_behalf' AS k, OLD.signer_on_behalf AS o, NEW.signer_on_behalf AS n WHERE OLD.signer_on_behalf IS NOT NEW.signer_on_behalf UNION ALL
    SELECT 'signer_title' AS k, OLD.signer_title AS o, NEW.signer_title AS n WHERE OLD.signer_title IS NOT NEW.signer_title UNION ALL
    SELECT 'signer_name' AS k, OLD.signer_name AS o, NEW.signer_name AS n WHERE OLD.signer_name IS NOT NEW.signer_name UNION ALL
    SELECT 'margin_top' AS k, OLD.margin_top AS o, NEW.margin_top AS n WHERE OLD.margin_top IS NOT NEW.margin_top UNION ALL
    SELECT 'margin_bottom' AS k, OLD.margin_bottom AS o, NEW.margin_bottom AS n WHERE OLD.margin_bottom IS NOT NEW.margin_bottom UNION ALL
    SELECT 'margin_left' AS k, OLD.margin_left AS o, NEW.margin_left AS n WHERE OLD.margin_left IS NOT NEW.margin_left UNION ALL
    SELECT 'margin_right' AS k, OLD.margin_right AS o, NEW.margin_right AS n WHERE OLD.margin_right IS NOT NEW.margin_right UNION ALL
    SELECT 'notice_lead_days' AS k, OLD.notice_lead_days AS o, NEW.notice_lead_days AS n WHERE OLD.notice_lead_days IS NOT NEW.notice_lead_days UNION ALL
    SELECT 'conclusion_days' AS k, OLD.conclusion_days AS o, NEW.conclusion_days AS n WHERE OLD.conclusion_days IS NOT NEW.conclusion_days UNION ALL
    SELECT 'answer_working_days' AS k, OLD.answer_working_days AS o, NEW.answer_working_days AS n WHERE OLD.answer_working_days IS NOT NEW.answer_working_days))
  WHERE changes <> '{}';
END;
CREATE TRIGGER unit_audit_delete AFTER DELETE ON unit BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'delete', 'unit', OLD.id, 'unit', changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'name' AS k, OLD.name AS o, NULL AS n WHERE OLD.name IS NOT NULL UNION ALL
    SELECT 'superior' AS k, OLD.superior AS o, NULL AS n WHERE OLD.superior IS NOT NULL UNION ALL
    SELECT 'place' AS k, OLD.place AS o, NULL AS n WHERE OLD.place IS NOT NULL UNION ALL
    SELECT 'symbol' AS k, OLD.symbol AS o, NULL AS n WHERE OLD.symbol IS NOT NULL UNION ALL
    SELECT 'signer_on_behalf' AS k, OLD.signer_on_behalf AS o, NULL AS n WHERE OLD.signer_on_behalf IS NOT NULL UNION ALL
    SELECT 'signer_title' AS k, OLD.signer_title AS o, NULL AS n WHERE OLD.signer_title IS NOT NULL UNION ALL
    SELECT 'signer_name' AS k, OLD.signer_name AS o, NULL AS n WHERE OLD.signer_name IS NOT NULL UNION ALL
    SELECT 'margin_top' AS k, OLD.margin_top AS o, NULL AS n WHERE OLD.margin_top IS NOT NULL UNION ALL
    SELECT 'margin_bottom' AS k, OLD.margin_bottom AS o, NULL AS n WHERE OLD.margin_bottom IS NOT NULL UNION ALL
    SELECT 'margin_left' AS k, OLD.margin_left AS o, NULL AS n WHERE OLD.margin_left IS NOT NULL UNION ALL
    SELECT 'margin_right' AS k, OLD.margin_right AS o, NULL AS n WHERE OLD.margin_right IS NOT NULL UNION ALL
    SELECT 'notice_lead_days' AS k, OLD.notice_lead_days AS o, NULL AS n WHERE OLD.notice_lead_days IS NOT NULL UNION ALL
    SELECT 'conclusion_days' AS k, OLD.conclusion_days AS o, NULL AS n WHERE OLD.conclusion_days IS NOT NULL UNION ALL
    SELECT 'answer_working_days' AS k, OLD.answer_working_days AS o, NULL AS n WHERE OLD.answer_working_days IS NOT NULL));
END;
CREATE TRIGGER villages_audit_insert AFTER INSERT ON villages BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'insert', 'villages', NEW.id, NEW.name, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'name' AS k, NULL AS o, NEW.name AS n WHERE NEW.name IS NOT NULL));
END;
CREATE TRIGGER villages_audit_update AFTER UPDATE ON villages BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'update', 'villages', NEW.id, NEW.name, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'name' AS k, OLD.name AS o, NEW.name AS n WHERE OLD.name IS NOT NEW.name))
  WHERE changes <> '{}';
END;
CREATE TRIGGER villages_audit_delete AFTER DELETE ON villages BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'delete', 'villages', OLD.id, OLD.name, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'name' AS k, OLD.name AS o, NULL AS n WHERE OLD.name IS NOT NULL));
END;
CREATE TRIGGER agencies_audit_insert AFTER INSERT ON agencies BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'insert', 'agencies', NEW.id, NEW.name, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'name' AS k, NULL AS o, NEW.name AS n WHERE NEW.name IS NOT NULL));
END;
CREATE TRIGGER agencies_audit_update AFTER UPDATE ON agencies BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'update', 'agencies', NEW.id, NEW.name, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'name' AS k, OLD.name AS o, NEW.name AS n WHERE OLD.name IS NOT NEW.name))
  WHERE changes <> '{}';
END;
CREATE TRIGGER agencies_audit_delete AFTER DELETE ON agencies BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'delete', 'agencies', OLD.id, OLD.name, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'name' AS k, OLD.name AS o, NULL AS n WHERE OLD.name IS NOT NULL));
END;
CREATE TRIGGER fields_audit_insert AFTER INSERT ON fields BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'insert', 'fields', NEW.id, NEW.name, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'name' AS k, NULL AS o, NEW.name AS n WHERE NEW.name IS NOT NULL));
END;
CREATE TRIGGER fields_audit_update AFTER UPDATE ON fields BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'update', 'fields', NEW.id, NEW.name, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'name' AS k, OLD.name AS o, NEW.name AS n WHERE OLD.name IS NOT NEW.name))
  WHERE changes <> '{}';
END;
CREATE TRIGGER fields_audit_delete AFTER DELETE ON fields BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'delete', 'fields', OLD.id, OLD.name, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'name' AS k, OLD.name AS o, NULL AS n WHERE OLD.name IS NOT NULL));
END;
CREATE TRIGGER calendar_years_audit_insert AFTER INSERT ON calendar_years BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'insert', 'calendar_years', NEW.year, NEW.year, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'year' AS k, NULL AS o, NEW.year AS n WHERE NEW.year IS NOT NULL));
END;
CREATE TRIGGER calendar_years_audit_update AFTER UPDATE ON calendar_years BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'update', 'calendar_years', NEW.year, NEW.year, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'year' AS k, OLD.year AS o, NEW.year AS n WHERE OLD.year IS NOT NEW.year))
  WHERE changes <> '{}';
END;
CREATE TRIGGER calendar_years_audit_delete AFTER DELETE ON calendar_years BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'delete', 'calendar_years', OLD.year, OLD.year, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'year' AS k, OLD.year AS o, NULL AS n WHERE OLD.year IS NOT NULL));
END;
CREATE TRIGGER calendar_days_audit_insert AFTER INSERT ON calendar_days BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'insert', 'calendar_days', NULL, NEW.date, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'date' AS k, NULL AS o, NEW.date AS n WHERE NEW.date IS NOT NULL UNION ALL
    SELECT 'year' AS k, NULL AS o, NEW.year AS n WHERE NEW.year IS NOT NULL UNION ALL
    SELECT 'kind' AS k, NULL AS o, NEW.kind AS n WHERE NEW.kind IS NOT NULL));
END;
CREATE TRIGGER calendar_days_audit_update AFTER UPDATE ON calendar_days BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'update', 'calendar_days', NULL, NEW.date, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'date' AS k, OLD.date AS o, NEW.date AS n WHERE OLD.date IS NOT NEW.date UNION ALL
    SELECT 'year' AS k, OLD.year AS o, NEW.year AS n WHERE OLD.year IS NOT NEW.year UNION ALL
    SELECT 'kind' AS k, OLD.kind AS o, NEW.kind AS n WHERE OLD.kind IS NOT NEW.kind))
  WHERE changes <> '{}';
END;
CREATE TRIGGER calendar_days_audit_delete AFTER DELETE ON calendar_days BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'delete', 'calendar_days', NULL, OLD.date, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'date' AS k, OLD.date AS o, NULL AS n WHERE OLD.date IS NOT NULL UNION ALL
    SELECT 'year' AS k, OLD.year AS o, NULL AS n WHERE OLD.year IS NOT NULL UNION ALL
    SELECT 'kind' AS k, OLD.kind AS o, NULL AS n WHERE OLD.kind IS NOT NULL));
END;
CREATE TRIGGER plans_audit_insert AFTER INSERT ON plans BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'insert', 'plans', NEW.id, NEW.code, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'code' AS k, NULL AS o, NEW.code AS n WHERE NEW.code IS NOT NULL UNION ALL
    SELECT 'year' AS k, NULL AS o, NEW.year AS n WHERE NEW.year IS NOT NULL UNION ALL
    SELECT 'number' AS k, NULL AS o, NEW.number AS n WHERE NEW.number IS NOT NULL UNION ALL
    SELECT 'issued' AS k, NULL AS o, NEW.issued AS n WHERE NEW.issued IS NOT NULL UNION ALL
    SELECT 'title' AS k, NULL AS o, NEW.title AS n WHERE NEW.title IS NOT NULL UNION ALL
    SELECT 'purpose' AS k, NULL AS o, NEW.purpose AS n WHERE NEW.purpose IS NOT NULL UNION ALL
    SELECT 'dialogues_planned' AS k, NULL AS o, NEW.dialogues_planned AS n WHERE NEW.dialogues_planned IS NOT NULL UNION ALL
    SELECT 'notice_lead_days' AS k, NULL AS o, NEW.notice_lead_days AS n WHERE NEW.notice_lead_days IS NOT NULL UNION ALL
    SELECT 'expected_attendance' AS k, NULL AS o, NEW.expected_attendance AS n WHERE NEW.expected_attendance IS NOT NULL));
END;
CREATE TRIGGER plans_audit_update AFTER UPDATE ON plans BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'update', 'plans', NEW.id, NEW.code, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'code' AS k, OLD.code AS o, NEW.code AS n WHERE OLD.code IS NOT NEW.code UNION ALL
    SELECT 'year' AS k, OLD.year AS o, NEW.year AS n WHERE OLD.year IS NOT NEW.year UNION ALL
    SELECT 'number' AS k, OLD.number AS o, NEW.number AS n WHERE OLD.number IS NOT NEW.number UNION ALL
    SELECT 'issued' AS k, OLD.issued AS o, NEW.issued AS n WHERE OLD.issued IS NOT NEW.issued UNION ALL
    SELECT 'title' AS k, OLD.title AS o, NEW.title AS n WHERE OLD.title IS NOT NEW.title UNION ALL
    SELECT 'purpose' AS k, OLD.purpose AS o, NEW.purpose AS n WHERE OLD.purpose IS NOT NEW.purpose UNION ALL
    SELECT 'dialogues_planned' AS k, OLD.dialogues_planned AS o, NEW.dialogues_planned AS n WHERE OLD.dialogues_planned IS NOT NEW.dialogues_planned UNION ALL
    SELECT 'notice_lead_days' AS k, OLD.notice_lead_days AS o, NEW.notice_lead_days AS n WHERE OLD.notice_lead_days IS NOT NEW.notice_lead_days UNION ALL
    SELECT 'expected_attendance' AS k, OLD.expected_attendance AS o, NEW.expected_attendance AS n WHERE OLD.expected_attendance IS NOT NEW.expected_attendance))
  WHERE changes <> '{}';
END;
CREATE TRIGGER plans_audit_delete AFTER DELETE ON plans BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'delete', 'plans', OLD.id, OLD.code, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'code' AS k, OLD.code AS o, NULL AS n WHERE OLD.code IS NOT NULL UNION ALL
    SELECT 'year' AS k, OLD.year AS o, NULL AS n WHERE OLD.year IS NOT NULL UNION ALL
    SELECT 'number' AS k, OLD.number AS o, NULL AS n WHERE OLD.number IS NOT NULL UNION ALL
    SELECT 'issued' AS k, OLD.issued AS o, NULL AS n WHERE OLD.issued IS NOT NULL UNION ALL
    SELECT 'title' AS k, OLD.title AS o, NULL AS n WHERE OLD.title IS NOT NULL UNION ALL
    SELECT 'purpose' AS k, OLD.purpose AS o, NULL AS n WHERE OLD.purpose IS NOT NULL UNION ALL
    SELECT 'dialogues_planned' AS k, OLD.dialogues_planned AS o, NULL AS n WHERE OLD.dialogues_planned IS NOT NULL UNION ALL
    SELECT 'notice_lead_days' AS k, OLD.notice_lead_days AS o, NULL AS n WHERE OLD.notice_lead_days IS NOT NULL UNION ALL
    SELECT 'expected_attendance' AS k, OLD.expected_attendance AS o, NULL AS n WHERE OLD.expected_attendance IS NOT NULL));
END;
CREATE TRIGGER plan_bases_audit_insert AFTER INSERT ON plan_bases BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'insert', 'plan_bases', NEW.plan_id, NULL, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'plan' AS k, NULL AS o, (SELECT code FROM plans WHERE id = NEW.plan_id) AS n WHERE NEW.plan_id IS NOT NULL UNION ALL
    SELECT 'position' AS k, NULL AS o, NEW.position AS n WHERE NEW.position IS NOT NULL UNION ALL
    SELECT 'text' AS k, NULL AS o, NEW.text AS n WHERE NEW.text IS NOT NULL));
END;
CREATE TRIGGER plan_bases_audit_update AFTER UPDATE ON plan_bases BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'update', 'plan_bases', NEW.plan_id, NULL, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'plan' AS k, (SELECT code FROM plans WHERE id = OLD.plan_id) AS o, (SELECT code FROM plans WHERE id = NEW.plan_id) AS n WHERE OLD.plan_id IS NOT NEW.plan_id UNION ALL
    SELECT 'position' AS k, OLD.position AS o, NEW.position AS n WHERE OLD.position IS NOT NEW.position UNION ALL
    SELECT 'text' AS k, OLD.text AS o, NEW.text AS n WHERE OLD.text IS NOT NEW.text))
  WHERE changes <> '{}';
END;
CREATE TRIGGER plan_bases_audit_delete AFTER DELETE ON plan_bases BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'delete', 'plan_bases', OLD.plan_id, NULL, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'plan' AS k, (SELECT code FROM plans WHERE id = OLD.plan_id) AS o, NULL AS n WHERE OLD.plan_id IS NOT NULL UNION ALL
    SELECT 'position' AS k, OLD.position AS o, NULL AS n WHERE OLD.position IS NOT NULL UNION ALL
    SELECT 'text' AS k, OLD.text AS o, NULL AS n WHERE OLD.text IS NOT NULL));
END;
CREATE TRIGGER plan_reports_due_audit_insert AFTER INSERT ON plan_reports_due BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'insert', 'plan_reports_due', NEW.plan_id, NULL, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'plan' AS k, NULL AS o, (SELECT code FROM plans WHERE id = NEW.plan_id) AS n WHERE NEW.plan_id IS NOT NULL UNION ALL
    SELECT 'position' AS k, NULL AS o, NEW.position AS n WHERE NEW.position IS NOT NULL UNION ALL
    SELECT 'date' AS k, NULL AS o, NEW.date AS n WHERE NEW.date IS NOT NULL));
END;
CREATE TRIGGER plan_reports_due_audit_update AFTER UPDATE ON plan_reports_due BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'update', 'plan_reports_due', NEW.plan_id, NULL, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'plan' AS k, (SELECT code FROM plans WHERE id = OLD.plan_id) AS o, (SELECT code FROM plans WHERE id = NEW.plan_id) AS n WHERE OLD.plan_id IS NOT NEW.plan_id UNION ALL
    SELECT 'position' AS k, OLD.position AS o, NEW.position AS n WHERE OLD.position IS NOT NEW.position UNION ALL
    SELECT 'date' AS k, OLD.date AS o, NEW.date AS n WHERE OLD.date IS NOT NEW.date))
  WHERE changes <> '{}';
END;
CREATE TRIGGER plan_reports_due_audit_delete AFTER DELETE ON plan_reports_due BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'delete', 'plan_reports_due', OLD.plan_id, NULL, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'plan' AS k, (SELECT code FROM plans WHERE id = OLD.plan_id) AS o, NULL AS n WHERE OLD.plan_id IS NOT NULL UNION ALL
    SELECT 'position' AS k, OLD.position AS o, NULL AS n WHERE OLD.position IS NOT NULL UNION ALL
    SELECT 'date' AS k, OLD.date AS o, NULL AS n WHERE OLD.date IS NOT NULL));
END;
CREATE TRIGGER planned_sessions_audit_insert AFTER INSERT ON planned_sessions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'insert', 'planned_sessions', NEW.plan_id, NULL, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'plan' AS k, NULL AS o, (SELECT code FROM plans WHERE id = NEW.plan_id) AS n WHERE NEW.plan_id IS NOT NULL UNION ALL
    SELECT 'position' AS k, NULL AS o, NEW.position AS n WHERE NEW.position IS NOT NULL UNION ALL
    SELECT 'quarter' AS k, NULL AS o, NEW.quarter AS n WHERE NEW.quarter IS NOT NULL UNION ALL
    SELECT 'month' AS k, NULL AS o, NEW.month AS n WHERE NEW.month IS NOT NULL UNION ALL
    SELECT 'location' AS k, NULL AS o, NEW.location AS n WHERE NEW.location IS NOT NULL UNION ALL
    SELECT 'topic' AS k, NULL AS o, NEW.topic AS n WHERE NEW.topic IS NOT NULL));
END;
CREATE TRIGGER planned_sessions_audit_update AFTER UPDATE ON planned_sessions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'update', 'planned_sessions', NEW.plan_id, NULL, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'plan' AS k, (SELECT code FROM plans WHERE id = OLD.plan_id) AS o, (SELECT code FROM plans WHERE id = NEW.plan_id) AS n WHERE OLD.plan_id IS NOT NEW.plan_id UNION ALL
    SELECT 'position' AS k, OLD.position AS o, NEW.position AS n WHERE OLD.position IS NOT NEW.position UNION ALL
    SELECT 'quarter' AS k, OLD.quarter AS o, NEW.quarter AS n WHERE OLD.quarter IS NOT NEW.quarter UNION ALL
    SELECT 'month' AS k, OLD.month AS o, NEW.month AS n WHERE OLD.month IS NOT NEW.month UNION ALL
    SELECT 'location' AS k, OLD.location AS o, NEW.location AS n WHERE OLD.location IS NOT NEW.location UNION ALL
    SELECT 'topic' AS k, OLD.topic AS o, NEW.topic AS n WHERE OLD.topic IS NOT NEW.topic))
  WHERE changes <> '{}';
END;
CREATE TRIGGER planned_sessions_audit_delete AFTER DELETE ON planned_sessions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'delete', 'planned_sessions', OLD.plan_id, NULL, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'plan' AS k, (SELECT code FROM plans WHERE id = OLD.plan_id) AS o, NULL AS n WHERE OLD.plan_id IS NOT NULL UNION ALL
    SELECT 'position' AS k, OLD.position AS o, NULL AS n WHERE OLD.position IS NOT NULL UNION ALL
    SELECT 'quarter' AS k, OLD.quarter AS o, NULL AS n WHERE OLD.quarter IS NOT NULL UNION ALL
    SELECT 'month' AS k, OLD.month AS o, NULL AS n WHERE OLD.month IS NOT NULL UNION ALL
    SELECT 'location' AS k, OLD.location AS o, NULL AS n WHERE OLD.location IS NOT NULL UNION ALL
    SELECT 'topic' AS k, OLD.topic AS o, NULL AS n WHERE OLD.topic IS NOT NULL));
END;
CREATE TRIGGER sessions_audit_insert AFTER INSERT ON sessions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'insert', 'sessions', NEW.id, NEW.code, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'code' AS k, NULL AS o, NEW.code AS n WHERE NEW.code IS NOT NULL UNION ALL
    SELECT 'plan' AS k, NULL AS o, (SELECT code FROM plans WHERE id = NEW.plan_id) AS n WHERE NEW.plan_id IS NOT NULL UNION ALL
    SELECT 'kind' AS k, NULL AS o, NEW.kind AS n WHERE NEW.kind IS NOT NULL UNION ALL
    SELECT 'date' AS k, NULL AS o, NEW.date AS n WHERE NEW.date IS NOT NULL UNION ALL
    SELECT 'time' AS k, NULL AS o, NEW.time AS n WHERE NEW.time IS NOT NULL UNION ALL
    SELECT 'location' AS k, NULL AS o, NEW.location AS n WHERE NEW.location IS NOT NULL UNION ALL
    SELECT 'village' AS k, NULL AS o, (SELECT name FROM villages WHERE id = NEW.village_id) AS n WHERE NEW.village_id IS NOT NULL UNION ALL
    SELECT 'topic' AS k, NULL AS o, NEW.topic AS n WHERE NEW.topic IS NOT NULL UNION ALL
    SELECT 'chair' AS k, NULL AS o, NEW.chair AS n WHERE NEW.chair IS NOT NULL UNION ALL
    SELECT 'secretary' AS k, NULL AS o, NEW.secretary AS n WHERE NEW.secretary IS NOT NULL UNION ALL
    SELECT 'status' AS k, NULL AS o, NEW.status AS n WHERE NEW.status IS NOT NULL UNION ALL
    SELECT 'notice_number' AS k, NULL AS o, NEW.notice_number AS n WHERE NEW.notice_number IS NOT NULL UNION ALL
    SELECT 'notice_date' AS k, NULL AS o, NEW.notice_date AS n WHERE NEW.notice_date IS NOT NULL UNION ALL
    SELECT 'attendance' AS k, NULL AS o, NEW.attendance AS n WHERE NEW.attendance IS NOT NULL UNION ALL
    SELECT 'minutes_start' AS k, NULL AS o, NEW.minutes_start AS n WHERE NEW.minutes_start IS NOT NULL UNION ALL
    SELECT 'minutes_end' AS k, NULL AS o, NEW.minutes_end AS n WHERE NEW.minutes_end IS NOT NULL UNION ALL
    SELECT 'composition' AS k, NULL AS o, NEW.composition AS n WHERE NEW.composition IS NOT NULL UNION ALL
    SELECT 'proceedings' AS k, NULL AS o, NEW.proceedings AS n WHERE NEW.proceedings IS NOT NULL UNION ALL
    SELECT 'minutes_conclusion' AS k, NULL AS o, NEW.minutes_conclusion AS n WHERE NEW.minutes_conclusion IS NOT NULL UNION ALL
    SELECT 'conclusion_number' AS k, NULL AS o, NEW.conclusion_number AS n WHERE NEW.conclusion_number IS NOT NULL UNION ALL
    SELECT 'conclusion_date' AS k, NULL AS o, NEW.conclusion_date AS n WHERE NEW.conclusion_date IS NOT NULL));
END;
CREATE TRIGGER sessions_audit_update AFTER UPDATE ON sessions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'update', 'sessions', NEW.id, NEW.code, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'code' AS k, OLD.code AS o, NEW.code AS n WHERE OLD.code IS NOT NEW.code UNION ALL
    SELECT 'plan' AS k, (SELECT code FROM plans WHERE id = OLD.plan_id) AS o, (SELECT code FROM plans WHERE id = NEW.plan_id) AS n WHERE OLD.plan_id IS NOT NEW.plan_id UNION ALL
    SELECT 'kind' AS k, OLD.kind AS o, NEW.kind AS n WHERE OLD.kind IS NOT NEW.kind UNION ALL
    SELECT 'date' AS k, OLD.date AS o, NEW.date AS n WHERE OLD.date IS NOT NEW.date UNION ALL
    SELECT 'time' AS k, OLD.time AS o, NEW.time AS n WHERE OLD.time IS NOT NEW.time UNION ALL
    SELECT 'location' AS k, OLD.location AS o, NEW.location AS n WHERE OLD.location IS NOT NEW.location UNION ALL
    SELECT 'village' AS k, (SELECT name FROM villages WHERE id = OLD.village_id) AS o, (SELECT name FROM villages WHERE id = NEW.village_id) AS n WHERE OLD.village_id IS NOT NEW.village_id UNION ALL
    SELECT 'topic' AS k, OLD.topic AS o, NEW.topic AS n WHERE OLD.topic IS NOT NEW.topic UNION ALL
    SELECT 'chair' AS k, OLD.chair AS o, NEW.chair AS n WHERE OLD.chair IS NOT NEW.chair UNION ALL
    SELECT 'secretary' AS k, OLD.secretary AS o, NEW.secretary AS n WHERE OLD.secretary IS NOT NEW.secretary UNION ALL
    SELECT 'status' AS k, OLD.status AS o, NEW.status AS n WHERE OLD.status IS NOT NEW.status UNION ALL
    SELECT 'notice_number' AS k, OLD.notice_number AS o, NEW.notice_number AS n WHERE OLD.notice_number IS NOT NEW.notice_number UNION ALL
    SELECT 'notice_date' AS k, OLD.notice_date AS o, NEW.notice_date AS n WHERE OLD.notice_date IS NOT NEW.notice_date UNION ALL
    SELECT 'attendance' AS k, OLD.attendance AS o, NEW.attendance AS n WHERE OLD.attendance IS NOT NEW.attendance UNION ALL
    SELECT 'minutes_start' AS k, OLD.minutes_start AS o, NEW.minutes_start AS n WHERE OLD.minutes_start IS NOT NEW.minutes_start UNION ALL
    SELECT 'minutes_end' AS k, OLD.minutes_end AS o, NEW.minutes_end AS n WHERE OLD.minutes_end IS NOT NEW.minutes_end UNION ALL
    SELECT 'composition' AS k, OLD.composition AS o, NEW.composition AS n WHERE OLD.composition IS NOT NEW.composition UNION ALL
    SELECT 'proceedings' AS k, OLD.proceedings AS o, NEW.proceedings AS n WHERE OLD.proceedings IS NOT NEW.proceedings UNION ALL
    SELECT 'minutes_conclusion' AS k, OLD.minutes_conclusion AS o, NEW.minutes_conclusion AS n WHERE OLD.minutes_conclusion IS NOT NEW.minutes_conclusion UNION ALL
    SELECT 'conclusion_number' AS k, OLD.conclusion_number AS o, NEW.conclusion_number AS n WHERE OLD.conclusion_number IS NOT NEW.conclusion_number UNION ALL
    SELECT 'conclusion_date' AS k, OLD.conclusion_date AS o, NEW.conclusion_date AS n WHERE OLD.conclusion_date IS NOT NEW.conclusion_date))
  WHERE changes <> '{}';
END;
CREATE TRIGGER sessions_audit_delete AFTER DELETE ON sessions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'delete', 'sessions', OLD.id, OLD.code, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'code' AS k, OLD.code AS o, NULL AS n WHERE OLD.code IS NOT NULL UNION ALL
    SELECT 'plan' AS k, (SELECT code FROM plans WHERE id = OLD.plan_id) AS o, NULL AS n WHERE OLD.plan_id IS NOT NULL UNION ALL
    SELECT 'kind' AS k, OLD.kind AS o, NULL AS n WHERE OLD.kind IS NOT NULL UNION ALL
    SELECT 'date' AS k, OLD.date AS o, NULL AS n WHERE OLD.date IS NOT NULL UNION ALL
    SELECT 'time' AS k, OLD.time AS o, NULL AS n WHERE OLD.time IS NOT NULL UNION ALL
    SELECT 'location' AS k, OLD.location AS o, NULL AS n WHERE OLD.location IS NOT NULL UNION ALL
    SELECT 'village' AS k, (SELECT name FROM villages WHERE id = OLD.village_id) AS o, NULL AS n WHERE OLD.village_id IS NOT NULL UNION ALL
    SELECT 'topic' AS k, OLD.topic AS o, NULL AS n WHERE OLD.topic IS NOT NULL UNION ALL
    SELECT 'chair' AS k, OLD.chair AS o, NULL AS n WHERE OLD.chair IS NOT NULL UNION ALL
    SELECT 'secretary' AS k, OLD.secretary AS o, NULL AS n WHERE OLD.secretary IS NOT NULL UNION ALL
    SELECT 'status' AS k, OLD.status AS o, NULL AS n WHERE OLD.status IS NOT NULL UNION ALL
    SELECT 'notice_number' AS k, OLD.notice_number AS o, NULL AS n WHERE OLD.notice_number IS NOT NULL UNION ALL
    SELECT 'notice_date' AS k, OLD.notice_date AS o, NULL AS n WHERE OLD.notice_date IS NOT NULL UNION ALL
    SELECT 'attendance' AS k, OLD.attendance AS o, NULL AS n WHERE OLD.attendance IS NOT NULL UNION ALL
    SELECT 'minutes_start' AS k, OLD.minutes_start AS o, NULL AS n WHERE OLD.minutes_start IS NOT NULL UNION ALL
    SELECT 'minutes_end' AS k, OLD.minutes_end AS o, NULL AS n WHERE OLD.minutes_end IS NOT NULL UNION ALL
    SELECT 'composition' AS k, OLD.composition AS o, NULL AS n WHERE OLD.composition IS NOT NULL UNION ALL
    SELECT 'proceedings' AS k, OLD.proceedings AS o, NULL AS n WHERE OLD.proceedings IS NOT NULL UNION ALL
    SELECT 'minutes_conclusion' AS k, OLD.minutes_conclusion AS o, NULL AS n WHERE OLD.minutes_conclusion IS NOT NULL UNION ALL
    SELECT 'conclusion_number' AS k, OLD.conclusion_number AS o, NULL AS n WHERE OLD.conclusion_number IS NOT NULL UNION ALL
    SELECT 'conclusion_date' AS k, OLD.conclusion_date AS o, NULL AS n WHERE OLD.conclusion_date IS NOT NULL));
END;
CREATE TRIGGER petitions_audit_insert AFTER INSERT ON petitions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'insert', 'petitions', NEW.id, NEW.code, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'code' AS k, NULL AS o, NEW.code AS n WHERE NEW.code IS NOT NULL UNION ALL
    SELECT 'received' AS k, NULL AS o, NEW.received AS n WHERE NEW.received IS NOT NULL UNION ALL
    SELECT 'channel' AS k, NULL AS o, NEW.channel AS n WHERE NEW.channel IS NOT NULL UNION ALL
    SELECT 'session' AS k, NULL AS o, (SELECT code FROM sessions WHERE id = NEW.session_id) AS n WHERE NEW.session_id IS NOT NULL UNION ALL
    SELECT 'petitioner' AS k, NULL AS o, NEW.petitioner AS n WHERE NEW.petitioner IS NOT NULL UNION ALL
    SELECT 'address' AS k, NULL AS o, NEW.address AS n WHERE NEW.address IS NOT NULL UNION ALL
    SELECT 'village' AS k, NULL AS o, (SELECT name FROM villages WHERE id = NEW.village_id) AS n WHERE NEW.village_id IS NOT NULL UNION ALL
    SELECT 'field' AS k, NULL AS o, (SELECT name FROM fields WHERE id = NEW.field_id) AS n WHERE NEW.field_id IS NOT NULL UNION ALL
    SELECT 'summary' AS k, NULL AS o, NEW.summary AS n WHERE NEW.summary IS NOT NULL UNION ALL
    SELECT 'content' AS k, NULL AS o, NEW.content AS n WHERE NEW.content IS NOT NULL UNION ALL
    SELECT 'individual' AS k, NULL AS o, NEW.individual AS n WHERE NEW.individual IS NOT NULL UNION ALL
    SELECT 'confidential' AS k, NULL AS o, NEW.confidential AS n WHERE NEW.confidential IS NOT NULL UNION ALL
    SELECT 'duplicate_of' AS k, NULL AS o, (SELECT code FROM petitions WHERE id = NEW.duplicate_of) AS n WHERE NEW.duplicate_of IS NOT NULL UNION ALL
    SELECT 'answered_date' AS k, NULL AS o, NEW.answered_date AS n WHERE NEW.answered_date IS NOT NULL UNION ALL
    SELECT 'answer' AS k, NULL AS o, NEW.answer AS n WHERE NEW.answer IS NOT NULL UNION ALL
    SELECT 'assigned_to' AS k, NULL AS o, (SELECT name FROM agencies WHERE id = NEW.agency_id) AS n WHERE NEW.agency_id IS NOT NULL UNION ALL
    SELECT 'assigned_date' AS k, NULL AS o, NEW.assigned_date AS n WHERE NEW.assigned_date IS NOT NULL UNION ALL
    SELECT 'deadline' AS k, NULL AS o, NEW.deadline AS n WHERE NEW.deadline IS NOT NULL UNION ALL
    SELECT 'escalated_to' AS k, NULL AS o, NEW.escalated_to AS n WHERE NEW.escalated_to IS NOT NULL UNION ALL
    SELECT 'escalated_date' AS k, NULL AS o, NEW.escalated_date AS n WHERE NEW.escalated_date IS NOT NULL UNION ALL
    SELECT 'escalated_number' AS k, NULL AS o, NEW.escalated_number AS n WHERE NEW.escalated_number IS NOT NULL UNION ALL
    SELECT 'declined_date' AS k, NULL AS o, NEW.declined_date AS n WHERE NEW.declined_date IS NOT NULL UNION ALL
    SELECT 'declined_reason' AS k, NULL AS o, NEW.declined_reason AS n WHERE NEW.declined_reason IS NOT NULL UNION ALL
    SELECT 'withdrawn_date' AS k, NULL AS o, NEW.withdrawn_date AS n WHERE NEW.withdrawn_date IS NOT NULL UNION ALL
    SELECT 'resolved_date' AS k, NULL AS o, NEW.resolved_date AS n WHERE NEW.resolved_date IS NOT NULL UNION ALL
    SELECT 'result' AS k, NULL AS o, NEW.result AS n WHERE NEW.result IS NOT NULL UNION ALL
    SELECT 'informed_date' AS k, NULL AS o, NEW.informed_date AS n WHERE NEW.informed_date IS NOT NULL UNION ALL
    SELECT 'concerns' AS k, NULL AS o, NEW.concerns AS n WHERE NEW.concerns IS NOT NULL));
END;
CREATE TRIGGER petitions_audit_update AFTER UPDATE ON petitions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'update', 'petitions', NEW.id, NEW.code, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'code' AS k, OLD.code AS o, NEW.code AS n WHERE OLD.code IS NOT NEW.code UNION ALL
    SELECT 'received' AS k, OLD.received AS o, NEW.received AS n WHERE OLD.received IS NOT NEW.received UNION ALL
    SELECT 'channel' AS k, OLD.channel AS o, NEW.channel AS n WHERE OLD.channel IS NOT NEW.channel UNION ALL
    SELECT 'session' AS k, (SELECT code FROM sessions WHERE id = OLD.session_id) AS o, (SELECT code FROM sessions WHERE id = NEW.session_id) AS n WHERE OLD.session_id IS NOT NEW.session_id UNION ALL
    SELECT 'petitioner' AS k, OLD.petitioner AS o, NEW.petitioner AS n WHERE OLD.petitioner IS NOT NEW.petitioner UNION ALL
    SELECT 'address' AS k, OLD.address AS o, NEW.address AS n WHERE OLD.address IS NOT NEW.address UNION ALL
    SELECT 'village' AS k, (SELECT name FROM villages WHERE id = OLD.village_id) AS o, (SELECT name FROM villages WHERE id = NEW.village_id) AS n WHERE OLD.village_id IS NOT NEW.village_id UNION ALL
    SELECT 'field' AS k, (SELECT name FROM fields WHERE id = OLD.field_id) AS o, (SELECT name FROM fields WHERE id = NEW.field_id) AS n WHERE OLD.field_id IS NOT NEW.field_id UNION ALL
    SELECT 'summary' AS k, OLD.summary AS o, NEW.summary AS n WHERE OLD.summary IS NOT NEW.summary UNION ALL
    SELECT 'content' AS k, OLD.content AS o, NEW.content AS n WHERE OLD.content IS NOT NEW.content UNION ALL
    SELECT 'individual' AS k, OLD.individual AS o, NEW.individual AS n WHERE OLD.individual IS NOT NEW.individual UNION ALL
    SELECT 'confidential' AS k, OLD.confidential AS o, NEW.confidential AS n WHERE OLD.confidential IS NOT NEW.confidential UNION ALL
    SELECT 'duplicate_of' AS k, (SELECT code FROM petitions WHERE id = OLD.duplicate_of) AS o, (SELECT code FROM petitions WHERE id = NEW.duplicate_of) AS n WHERE OLD.duplicate_of IS NOT NEW.duplicate_of UNION ALL
    SELECT 'answered_date' AS k, OLD.answered_date AS o, NEW.answered_date AS n WHERE OLD.answered_date IS NOT NEW.answered_date UNION ALL
    SELECT 'answer' AS k, OLD.answer AS o, NEW.answer AS n WHERE OLD.answer IS NOT NEW.answer UNION ALL
    SELECT 'assigned_to' AS k, (SELECT name FROM agencies WHERE id = OLD.agency_id) AS o, (SELECT name FROM agencies WHERE id = NEW.agency_id) AS n WHERE OLD.agency_id IS NOT NEW.agency_id UNION ALL
    SELECT 'assigned_date' AS k, OLD.assigned_date AS o, NEW.assigned_date AS n WHERE OLD.assigned_date IS NOT NEW.assigned_date UNION ALL
    SELECT 'deadline' AS k, OLD.deadline AS o, NEW.deadline AS n WHERE OLD.deadline IS NOT NEW.deadline UNION ALL
    SELECT 'escalated_to' AS k, OLD.escalated_to AS o, NEW.escalated_to AS n WHERE OLD.escalated_to IS NOT NEW.escalated_to UNION ALL
    SELECT 'escalated_date' AS k, OLD.escalated_date AS o, NEW.escalated_date AS n WHERE OLD.escalated_date IS NOT NEW.escalated_date UNION ALL
    SELECT 'escalated_number' AS k, OLD.escalated_number AS o, NEW.escalated_number AS n WHERE OLD.escalated_number IS NOT NEW.escalated_number UNION ALL
    SELECT 'declined_date' AS k, OLD.declined_date AS o, NEW.declined_date AS n WHERE OLD.declined_date IS NOT NEW.declined_date UNION ALL
    SELECT 'declined_reason' AS k, OLD.declined_reason AS o, NEW.declined_reason AS n WHERE OLD.declined_reason IS NOT NEW.declined_reason UNION ALL
    SELECT 'withdrawn_date' AS k, OLD.withdrawn_date AS o, NEW.withdrawn_date AS n WHERE OLD.withdrawn_date IS NOT NEW.withdrawn_date UNION ALL
    SELECT 'resolved_date' AS k, OLD.resolved_date AS o, NEW.resolved_date AS n WHERE OLD.resolved_date IS NOT NEW.resolved_date UNION ALL
    SELECT 'result' AS k, OLD.result AS o, NEW.result AS n WHERE OLD.result IS NOT NEW.result UNION ALL
    SELECT 'informed_date' AS k, OLD.informed_date AS o, NEW.informed_date AS n WHERE OLD.informed_date IS NOT NEW.informed_date UNION ALL
    SELECT 'concerns' AS k, OLD.concerns AS o, NEW.concerns AS n WHERE OLD.concerns IS NOT NEW.concerns UNION ALL
    SELECT 'revision' AS k, OLD.revision AS o, NEW.revision AS n WHERE OLD.revision IS NOT NEW.revision))
  WHERE changes <> '{}';
END;
CREATE TRIGGER petitions_audit_delete AFTER DELETE ON petitions BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'delete', 'petitions', OLD.id, OLD.code, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'code' AS k, OLD.code AS o, NULL AS n WHERE OLD.code IS NOT NULL UNION ALL
    SELECT 'received' AS k, OLD.received AS o, NULL AS n WHERE OLD.received IS NOT NULL UNION ALL
    SELECT 'channel' AS k, OLD.channel AS o, NULL AS n WHERE OLD.channel IS NOT NULL UNION ALL
    SELECT 'session' AS k, (SELECT code FROM sessions WHERE id = OLD.session_id) AS o, NULL AS n WHERE OLD.session_id IS NOT NULL UNION ALL
    SELECT 'petitioner' AS k, OLD.petitioner AS o, NULL AS n WHERE OLD.petitioner IS NOT NULL UNION ALL
    SELECT 'address' AS k, OLD.address AS o, NULL AS n WHERE OLD.address IS NOT NULL UNION ALL
    SELECT 'village' AS k, (SELECT name FROM villages WHERE id = OLD.village_id) AS o, NULL AS n WHERE OLD.village_id IS NOT NULL UNION ALL
    SELECT 'field' AS k, (SELECT name FROM fields WHERE id = OLD.field_id) AS o, NULL AS n WHERE OLD.field_id IS NOT NULL UNION ALL
    SELECT 'summary' AS k, OLD.summary AS o, NULL AS n WHERE OLD.summary IS NOT NULL UNION ALL
    SELECT 'content' AS k, OLD.content AS o, NULL AS n WHERE OLD.content IS NOT NULL UNION ALL
    SELECT 'individual' AS k, OLD.individual AS o, NULL AS n WHERE OLD.individual IS NOT NULL UNION ALL
    SELECT 'confidential' AS k, OLD.confidential AS o, NULL AS n WHERE OLD.confidential IS NOT NULL UNION ALL
    SELECT 'duplicate_of' AS k, (SELECT code FROM petitions WHERE id = OLD.duplicate_of) AS o, NULL AS n WHERE OLD.duplicate_of IS NOT NULL UNION ALL
    SELECT 'answered_date' AS k, OLD.answered_date AS o, NULL AS n WHERE OLD.answered_date IS NOT NULL UNION ALL
    SELECT 'answer' AS k, OLD.answer AS o, NULL AS n WHERE OLD.answer IS NOT NULL UNION ALL
    SELECT 'assigned_to' AS k, (SELECT name FROM agencies WHERE id = OLD.agency_id) AS o, NULL AS n WHERE OLD.agency_id IS NOT NULL UNION ALL
    SELECT 'assigned_date' AS k, OLD.assigned_date AS o, NULL AS n WHERE OLD.assigned_date IS NOT NULL UNION ALL
    SELECT 'deadline' AS k, OLD.deadline AS o, NULL AS n WHERE OLD.deadline IS NOT NULL UNION ALL
    SELECT 'escalated_to' AS k, OLD.escalated_to AS o, NULL AS n WHERE OLD.escalated_to IS NOT NULL UNION ALL
    SELECT 'escalated_date' AS k, OLD.escalated_date AS o, NULL AS n WHERE OLD.escalated_date IS NOT NULL UNION ALL
    SELECT 'escalated_number' AS k, OLD.escalated_number AS o, NULL AS n WHERE OLD.escalated_number IS NOT NULL UNION ALL
    SELECT 'declined_date' AS k, OLD.declined_date AS o, NULL AS n WHERE OLD.declined_date IS NOT NULL UNION ALL
    SELECT 'declined_reason' AS k, OLD.declined_reason AS o, NULL AS n WHERE OLD.declined_reason IS NOT NULL UNION ALL
    SELECT 'withdrawn_date' AS k, OLD.withdrawn_date AS o, NULL AS n WHERE OLD.withdrawn_date IS NOT NULL UNION ALL
    SELECT 'resolved_date' AS k, OLD.resolved_date AS o, NULL AS n WHERE OLD.resolved_date IS NOT NULL UNION ALL
    SELECT 'result' AS k, OLD.result AS o, NULL AS n WHERE OLD.result IS NOT NULL UNION ALL
    SELECT 'informed_date' AS k, OLD.informed_date AS o, NULL AS n WHERE OLD.informed_date IS NOT NULL UNION ALL
    SELECT 'concerns' AS k, OLD.concerns AS o, NULL AS n WHERE OLD.concerns IS NOT NULL));
END;
CREATE TRIGGER petition_events_audit_insert AFTER INSERT ON petition_events BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'insert', 'petition_events', NEW.id, NULL, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'petition' AS k, NULL AS o, (SELECT code FROM petitions WHERE id = NEW.petition_id) AS n WHERE NEW.petition_id IS NOT NULL UNION ALL
    SELECT 'position' AS k, NULL AS o, NEW.position AS n WHERE NEW.position IS NOT NULL UNION ALL
    SELECT 'date' AS k, NULL AS o, NEW.date AS n WHERE NEW.date IS NOT NULL UNION ALL
    SELECT 'text' AS k, NULL AS o, NEW.text AS n WHERE NEW.text IS NOT NULL UNION ALL
    SELECT 'number' AS k, NULL AS o, NEW.number AS n WHERE NEW.number IS NOT NULL));
END;
CREATE TRIGGER petition_events_audit_update AFTER UPDATE ON petition_events BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'update', 'petition_events', NEW.id, NULL, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'petition' AS k, (SELECT code FROM petitions WHERE id = OLD.petition_id) AS o, (SELECT code FROM petitions WHERE id = NEW.petition_id) AS n WHERE OLD.petition_id IS NOT NEW.petition_id UNION ALL
    SELECT 'position' AS k, OLD.position AS o, NEW.position AS n WHERE OLD.position IS NOT NEW.position UNION ALL
    SELECT 'date' AS k, OLD.date AS o, NEW.date AS n WHERE OLD.date IS NOT NEW.date UNION ALL
    SELECT 'text' AS k, OLD.text AS o, NEW.text AS n WHERE OLD.text IS NOT NEW.text UNION ALL
    SELECT 'number' AS k, OLD.number AS o, NEW.number AS n WHERE OLD.number IS NOT NEW.number))
  WHERE changes <> '{}';
END;
CREATE TRIGGER petition_events_audit_delete AFTER DELETE ON petition_events BEGIN
  INSERT INTO audit_log (actor, action, entity, record_id, label, changes)
  SELECT dt_actor (), 'delete', 'petition_events', OLD.id, NULL, changes
  FROM (SELECT json_group_object (k, json_array (o, n)) AS changes FROM (
    SELECT 'petition' AS k, (SELECT code FROM petitions WHERE id = OLD.petition_id) AS o, NULL AS n WHERE OLD.petition_id IS NOT NULL UNION ALL
    SELECT 'position' AS k, OLD.position AS o, NULL AS n WHERE OLD.position IS NOT NULL UNION ALL
    SELECT 'date' AS k, OLD.date AS o, NULL AS n WHERE OLD.date IS NOT NULL UNION ALL
    SELECT 'text' AS k, OLD.text AS o, NULL AS n WHERE OLD.text IS NOT NULL UNION ALL
    SELECT 'number' AS k, OLD.number AS o, NULL AS n WHERE OLD.number IS NOT NULL));
END;
