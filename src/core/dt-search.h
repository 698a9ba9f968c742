/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"

G_BEGIN_DECLS

#define DT_SEARCH_MAX_CHARS 500
#define DT_SEARCH_MAX_WORDS 16

typedef struct
{
  char     *code;
  char     *received;
  char     *petitioner;
  char     *summary;
  gboolean  exact;      /* every word matched with its marks as typed */
} DtSearchHit;

void       dt_search_hit_free      (DtSearchHit *hit);
GArray    *dt_search_petition_ids  (DtDatabase  *db,
                                    const char  *query,
                                    guint        limit,
                                    GError     **error);

/* Petitions whose code, petitioner, address, village, summary or content hold every word of
 * QUERY as the start of a word, ignoring case and marks (đ = d); those that match the marks
 * as typed first, newest first within each. A query with no words gives no hits;
 * one longer than DT_SEARCH_MAX_CHARS or DT_SEARCH_MAX_WORDS is refused (DT_ERROR_INVALID). */
GPtrArray *dt_search_petitions     (DtDatabase  *db,
                                    const char  *query,
                                    guint        limit,
                                    GError     **error);
/* The FTS5 MATCH expressions for QUERY, folded and as typed; NULL when it has no words. */
gboolean   dt_search_build_queries (const char  *query,
                                    char       **folded,
                                    char       **exact,
                                    GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtSearchHit, dt_search_hit_free)

G_END_DECLS
