-- SPDX-License-Identifier: GPL-3.0-or-later
-- Two things the intake form waits for at 100,000 petitions.
--
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

-- FTS5 merges the search index's segments a little at each write, but when a level holds
-- crisismerge segments (16 by default) it merges the whole level at once, inside the write
-- that made it so. After a large import that level held the import's big segments: at
-- 100,000 petitions, the twelfth save after a demo took 2 s, wrote 300 MB to the log and grew
-- the file by 90 MB. A bulk change now merges the index into one segment at its end
-- (_dt_database_end_bulk), which alone moved the stall to the 239th save; with room for 200
-- segments per level, FTS5's gradual merging of that segment finishes first (8,000 writes to
-- the index after a demo of 100,000, none over 50 ms; a search reads more small segments
-- meanwhile, 0.4 ms instead of 0.1 ms). An existing index is merged here once.
INSERT INTO petitions_fts (petitions_fts, rank) VALUES ('crisismerge', 200);
INSERT INTO petitions_exact_fts (petitions_exact_fts, rank) VALUES ('crisismerge', 200);
INSERT INTO petitions_fts (petitions_fts) VALUES ('optimize');
INSERT INTO petitions_exact_fts (petitions_exact_fts) VALUES ('optimize');
