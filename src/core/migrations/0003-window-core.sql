-- SPDX-License-Identifier: GPL-3.0-or-later
-- What the window's forms and 100,000-row lists need (DESIGN §3, §4).

-- Whom a petition concerns (góp ý cho): the Party organisation, government or an agency, or an
-- official, civil servant or Party member; NULL for neither or not recorded. The multi-year
-- reviews count them apart.
ALTER TABLE petitions ADD COLUMN concerns TEXT CHECK (concerns IN ('organisation', 'official'));

-- Counts the changes of a petition, so that an edit made on an older copy is refused instead of
-- overwriting someone else's change.
ALTER TABLE petitions ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

-- The register sorts by petitioner in Vietnamese dictionary order; strcmp on this key does it,
-- and its index makes that order a walk instead of a sort of every row.
ALTER TABLE petitions ADD COLUMN petitioner_key TEXT
  GENERATED ALWAYS AS (dt_sort_key (petitioner)) VIRTUAL;

-- Filters of the register and follow-up lists, each with the default order (newest first).
CREATE INDEX petitions_petitioner ON petitions (petitioner_key, id);
CREATE INDEX petitions_field ON petitions (field_id, received);
CREATE INDEX petitions_village ON petitions (village_id, received);
CREATE INDEX petitions_agency ON petitions (agency_id, received);
CREATE INDEX petitions_channel ON petitions (channel, received);
CREATE INDEX petitions_concerns ON petitions (concerns, received) WHERE concerns IS NOT NULL;
CREATE INDEX petitions_confidential ON petitions (received) WHERE confidential = 1;

-- Drafts of forms being typed, kept as they are typed: a crash or a power cut loses nothing.
CREATE TABLE drafts (
  form     TEXT PRIMARY KEY,
  record   TEXT,
  contents TEXT NOT NULL,
  saved    TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- "Duplicates only": a few percent of the petitions, found without reading the others.
CREATE INDEX petitions_duplicates ON petitions (received) WHERE duplicate_of IS NOT NULL;
