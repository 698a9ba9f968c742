-- SPDX-License-Identifier: GPL-3.0-or-later
-- Settings and sessions of the window (DESIGN §3, §4).

-- A retired name is no longer offered in the forms, but the records that use it keep it: a
-- name in use is never lost. Renaming keeps the row (records refer to it by id); merging moves
-- the records of one name to another before the first goes.
ALTER TABLE villages ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
ALTER TABLE agencies ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
ALTER TABLE fields ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));

-- Why a session was postponed or cancelled, as the secretary wrote it.
ALTER TABLE sessions ADD COLUMN status_reason TEXT;

-- The overview and the session list look sessions up by status and date.
CREATE INDEX sessions_status ON sessions (status, date);
