-- SPDX-License-Identifier: GPL-3.0-or-later
-- FTS5 merged the search index's segments a little inside each write: every 64 pages written
-- to the index, the write that crossed the line merged some 64 pages per level of it. At
-- 100,000 petitions that made one save in 20 to 40 take 20–60 ms instead of 2 ms, with some
-- 500–800 pages written to the log. The merging is now asked for apart, a little at a time
-- (dt_search_merge_index ()): by the window while it is idle after a change, and by any
-- connection that wrote petitions as it closes (the console program's, after each command).
-- Migration 0010's room for 200 segments per level stays as it is, and bounds what waits for
-- that merging.
INSERT INTO petitions_fts (petitions_fts, rank) VALUES ('automerge', 0);
INSERT INTO petitions_exact_fts (petitions_exact_fts, rank) VALUES ('automerge', 0);
