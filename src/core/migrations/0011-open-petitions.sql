-- SPDX-License-Identifier: GPL-3.0-or-later
-- What can be overdue today (the overview's "things to do", read at each start of the window)
-- is a petition assigned and not closed as of today. Those not resolved are now read from
-- petitions_open alone, which carries every date the status needs; those resolved only after
-- today (a date typed ahead, or the status as of an earlier day) through petitions_resolved.
-- Before, every petition of the register was read: 10–20 ms at 100,000 petitions, against 3 ms.
DROP INDEX IF EXISTS petitions_open;
CREATE INDEX petitions_open ON petitions (assigned_date, answered_date, deadline, escalated_date,
  declined_date, withdrawn_date, received, duplicate_of, agency_id, resolved_date)
  WHERE resolved_date IS NULL;
CREATE INDEX petitions_resolved ON petitions (resolved_date) WHERE resolved_date IS NOT NULL;
