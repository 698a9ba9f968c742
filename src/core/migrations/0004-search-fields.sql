-- SPDX-License-Identifier: GPL-3.0-or-later
-- Search by field (DESIGN §9). One text per petition could not tell a name from the words of a
-- summary, nor a phrase from words scattered over several fields: "ha tinh" found "Hạnh …
-- tình trạng" as readily as a petition from Hà Tĩnh. Each field now has a column of its own, so
-- that a search can ask for a phrase in the petitioner's name, a phrase in any one field, whole
-- words or word beginnings, and rank by the first that holds (dt-search.c).
--
-- petitions_fts holds dt_fold () of each field (lower case, no marks, đ → d), which every
-- search matches; petitions_exact_fts holds the fields as written, which words typed with their
-- marks match, to rank those first. Two tables, not two sets of columns in one: FTS5 keeps one
-- list of rows per word for all columns, and "thach" typed without marks would then walk every
-- petition of Thạch Lạc to find none written that way. Phrases need the position of every
-- word: detail = full.
--
-- As in 0002, the triggers keep the index in the petition's own transaction, and in a bulk
-- change (import, demo) dt_defer_index () notes the petition instead, for
-- _dt_database_end_bulk () to index all of them in one statement.

DROP TRIGGER IF EXISTS petitions_fts_insert;
DROP TRIGGER IF EXISTS petitions_fts_update;
DROP TRIGGER IF EXISTS petitions_fts_delete;
DROP VIEW IF EXISTS petitions_search_text;
DROP TABLE IF EXISTS petitions_fts;
DROP TABLE IF EXISTS petitions_exact_fts;

CREATE VIRTUAL TABLE petitions_fts USING fts5 (
  code,
  petitioner,
  place,
  summary,
  content,
  tokenize = 'unicode61 remove_diacritics 0',
  detail = full,
  prefix = '1 2 3'
);

CREATE VIRTUAL TABLE petitions_exact_fts USING fts5 (
  code,
  petitioner,
  place,
  summary,
  content,
  tokenize = 'unicode61 remove_diacritics 0',
  detail = full,
  prefix = '1 2 3'
);

-- Flushing the in-memory index every megabyte (the default) makes bulk indexing merge
-- segments over and over; 32 MB keeps an import of 100,000 petitions to a few segments.
INSERT INTO petitions_fts (petitions_fts, rank) VALUES ('hashsize', 33554432);
INSERT INTO petitions_exact_fts (petitions_exact_fts, rank) VALUES ('hashsize', 33554432);

-- The place is where the petitioner lives: the address and the village, as one field.
CREATE VIEW petitions_search_text AS
  SELECT t.id AS id,
         dt_fold (t.code) AS code,
         dt_fold (t.petitioner) AS petitioner,
         dt_fold (coalesce (t.address, '') || ' ' || coalesce (v.name, '')) AS place,
         dt_fold (t.summary) AS summary,
         dt_fold (t.content) AS content,
         t.code AS code_exact,
         t.petitioner AS petitioner_exact,
         coalesce (t.address, '') || ' ' || coalesce (v.name, '') AS place_exact,
         t.summary AS summary_exact,
         t.content AS content_exact
  FROM petitions t
  LEFT JOIN villages v ON v.id = t.village_id;

CREATE TRIGGER petitions_fts_insert AFTER INSERT ON petitions
WHEN NOT dt_defer_index (NEW.id) BEGIN
  INSERT INTO petitions_fts (rowid, code, petitioner, place, summary, content)
    SELECT id, code, petitioner, place, summary, content
    FROM petitions_search_text WHERE id = NEW.id;
  INSERT INTO petitions_exact_fts (rowid, code, petitioner, place, summary, content)
    SELECT id, code_exact, petitioner_exact, place_exact, summary_exact, content_exact
    FROM petitions_search_text WHERE id = NEW.id;
END;

-- Only a change to a searched field touches the index: setting a date or an agency does not.
CREATE TRIGGER petitions_fts_update
AFTER UPDATE OF code, petitioner, address, village_id, summary, content ON petitions
WHEN NOT dt_defer_index (NEW.id) BEGIN
  DELETE FROM petitions_fts WHERE rowid = OLD.id;
  DELETE FROM petitions_exact_fts WHERE rowid = OLD.id;
  INSERT INTO petitions_fts (rowid, code, petitioner, place, summary, content)
    SELECT id, code, petitioner, place, summary, content
    FROM petitions_search_text WHERE id = NEW.id;
  INSERT INTO petitions_exact_fts (rowid, code, petitioner, place, summary, content)
    SELECT id, code_exact, petitioner_exact, place_exact, summary_exact, content_exact
    FROM petitions_search_text WHERE id = NEW.id;
END;

CREATE TRIGGER petitions_fts_delete AFTER DELETE ON petitions
WHEN NOT dt_defer_index (OLD.id) BEGIN
  DELETE FROM petitions_fts WHERE rowid = OLD.id;
  DELETE FROM petitions_exact_fts WHERE rowid = OLD.id;
END;

INSERT INTO petitions_fts (rowid, code, petitioner, place, summary, content)
  SELECT id, code, petitioner, place, summary, content FROM petitions_search_text;
INSERT INTO petitions_exact_fts (rowid, code, petitioner, place, summary, content)
  SELECT id, code_exact, petitioner_exact, place_exact, summary_exact, content_exact
  FROM petitions_search_text;

-- A whole rebuild leaves many segments; merged, every search reads fewer of them.
INSERT INTO petitions_fts (petitions_fts) VALUES ('optimize');
INSERT INTO petitions_exact_fts (petitions_exact_fts) VALUES ('optimize');
