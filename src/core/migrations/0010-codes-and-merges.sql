-- SPDX-License-Identifier: GPL-3.0-or-later
-- The next petition code (dt-codes.c) is the highest serial among the codes of a year: the
-- digits at the end of a code, after a text that holds the year (2026-0001, YK-2026-007).
-- Reading every code for it took 8 to 10 ms each time the form opened and after each save.
-- This index holds each code cut the same way: the text before its last digits, and the
-- value of those digits, so that the highest of each such text is one step away. The
-- expressions must stay as dt-codes.c writes them, or SQLite will not use the index.
CREATE INDEX IF NOT EXISTS petitions_code_serial ON petitions (
  rtrim (code, '0123456789'),
  CAST (substr (code, length (rtrim (code, '0123456789')) + 1) AS INTEGER)
);
