-- SPDX-License-Identifier: GPL-3.0-or-later
-- Accent-insensitive search over petitions (DESIGN §9). "folded" holds dt_fold () of the text
-- (lower case, no marks, đ → d), which is what every query matches; "exact" holds the text as
-- written, which the words typed with marks match, to rank those matches first. The triggers keep
-- the index in the same transaction as the petition. In a bulk change (import, demo)
-- dt_defer_index () notes the petition instead, and the program indexes all of them in one
-- statement before the change commits: row by row, FTS5 would flush at every statement.

CREATE VIRTUAL TABLE petitions_fts USING fts5 (
  folded,
  exact,
  tokenize = 'unicode61 remove_diacritics 0',
  detail = column,
  prefix = '1 2 3'
);

-- Flushing the in-memory index every megabyte (the default) makes bulk indexing merge
-- segments over and over; 32 MB keeps an import of 100,000 petitions to a few segments.
INSERT INTO petitions_fts (petitions_fts, rank) VALUES ('hashsize', 33554432);

CREATE VIEW petitions_search_text AS
  SELECT t.id AS id,
         t.code || ' ' || coalesce (t.petitioner, '') || ' ' || coalesce (t.address, '') || ' ' ||
           coalesce (v.name, '') || ' ' || coalesce (t.summary, '') || ' ' ||
           coalesce (t.content, '') AS text
  FROM petitions t
  LEFT JOIN villages v ON v.id = t.village_id;

CREATE TRIGGER petitions_fts_insert AFTER INSERT ON petitions
WHEN NOT dt_defer_index (NEW.id) BEGIN
  INSERT INTO petitions_fts (rowid, folded, exact)
    SELECT id, dt_fold (text), text FROM petitions_search_text WHERE id = NEW.id;
END;

CREATE TRIGGER petitions_fts_update AFTER UPDATE ON petitions
WHEN NOT dt_defer_index (NEW.id) BEGIN
  DELETE FROM petitions_fts WHERE rowid = OLD.id;
  INSERT INTO petitions_fts (rowid, folded, exact)
    SELECT id, dt_fold (text), text FROM petitions_search_text WHERE id = NEW.id;
END;

CREATE TRIGGER petitions_fts_delete AFTER DELETE ON petitions
WHEN NOT dt_defer_index (OLD.id) BEGIN
  DELETE FROM petitions_fts WHERE rowid = OLD.id;
END;

INSERT INTO petitions_fts (rowid, folded, exact)
  SELECT id, dt_fold (text), text FROM petitions_search_text;

-- Status as of a date is derived, never stored (DESIGN §2.2): reports and warnings read these
-- columns of every petition, and this index holds them all, a tenth of the table's size.
CREATE INDEX petitions_state ON petitions (received, answered_date, assigned_date, deadline,
  escalated_date, declined_date, withdrawn_date, resolved_date, duplicate_of, agency_id, code);
