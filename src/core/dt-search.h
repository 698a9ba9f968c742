/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"

G_BEGIN_DECLS

#define DT_SEARCH_MAX_CHARS 500
#define DT_SEARCH_MAX_WORDS 16

typedef struct
{
  gint64    id;
  char     *code;
  char     *received;
  char     *petitioner;
  char     *summary;
  gboolean  exact;      /* matched with the marks as typed, case aside */
} DtSearchHit;

void       dt_search_hit_free           (DtSearchHit *hit);

/* Petitions matching QUERY, best first, ignoring case and marks (đ = d):
 *   1. the petition whose code is QUERY, spaces around and case aside;
 *   2. the words of QUERY, in order, as a phrase in the petitioner's name, then the same with
 *      its last word only begun ("nguyen van a": the names still being typed);
 *   3. the same two in any one field: code, petitioner, place (address and village),
 *      summary, content;
 *   4. every word as a whole word, in any of those fields;
 *   5. every word as the start of a word.
 * Within each, those that match the marks as typed come first, then the newest. At most LIMIT
 * ids (gint64), none for 0. A query with no words gives none; one longer than
 * DT_SEARCH_MAX_CHARS or DT_SEARCH_MAX_WORDS, or not UTF-8, is refused (DT_ERROR_INVALID). */
GArray    *dt_search_petition_ids       (DtDatabase  *db,
                                         const char  *query,
                                         guint        limit,
                                         GError     **error);
/* The same petitions as dt_search_petition_ids (), as DtSearchHits. */
GPtrArray *dt_search_petitions          (DtDatabase  *db,
                                         const char  *query,
                                         guint        limit,
                                         GError     **error);
/* The FTS5 MATCH expression, on petitions_fts, of the broadest rank: every word of QUERY as
 * the start of a word, marks ignored. NULL when QUERY has no words. */
gboolean   dt_search_build_prefix_query (const char  *query,
                                         char       **match,
                                         GError     **error);
/* Merges some of the search index's segments, some PAGES pages of it written, in one
 * transaction. FTS5 no longer merges inside each write (migration 0012): the window calls
 * this while it is idle after a change, and a connection that wrote petitions as it closes
 * (the console program's, after each command).
 * *MERGED (may be NULL) says whether there was anything to merge: call again until it is
 * FALSE. */
gboolean   dt_search_merge_index        (DtDatabase  *db,
                                         int          pages,
                                         gboolean    *merged,
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtSearchHit, dt_search_hit_free)

G_END_DECLS
