/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-search.h"
#include "dt-text.h"

void
dt_search_hit_free (DtSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->code);
  g_free (hit->received);
  g_free (hit->petitioner);
  g_free (hit->summary);
  g_free (hit);
}

/* Each word becomes a quoted prefix phrase: nothing the user types is FTS5 syntax. */
static char *
column_query (const char  *column,
              char       **words)
{
  GString *query = g_string_new (column);

  g_string_append (query, " : (");
  for (guint i = 0; words[i] != NULL; i++)
    g_string_append_printf (query, "%s\"%s\"*", i > 0 ? " AND " : "", words[i]);
  g_string_append_c (query, ')');
  return g_string_free (query, FALSE);
}

gboolean
dt_search_build_queries (const char  *query,
                         char       **folded,
                         char       **exact,
                         GError     **error)
{
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) folded_words = NULL;
  g_auto(GStrv) exact_words = NULL;
  guint n;


  *folded = NULL;
  *exact = NULL;
  if (query == NULL)
    return TRUE;
  if (!g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID, _("The search text is not valid UTF-8."));
      return FALSE;
    }
  if (g_utf8_strlen (query, -1) > DT_SEARCH_MAX_CHARS)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The search text is too long: at most %d characters."), DT_SEARCH_MAX_CHARS);
      return FALSE;
    }

  words = dt_text_words (query);
  n = g_strv_length (words);
  if (n == 0)
    return TRUE;
  if (n > DT_SEARCH_MAX_WORDS)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The search has too many words: at most %d."), DT_SEARCH_MAX_WORDS);
      return FALSE;
    }

  folded_words = g_new0 (char *, n + 1);
  exact_words = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      folded_words[i] = dt_text_fold (words[i]);
      exact_words[i] = g_utf8_strdown (words[i], -1);
    }
  *folded = column_query ("folded", folded_words);
  *exact = column_query ("exact", exact_words);
  return TRUE;
}

/* Appends to HITS the newest petitions matching the FTS5 expression MATCH, at most LIMIT,
 * leaving out those already in SEEN (codes), and notes the new ones there. */
static gboolean
collect (DtDatabase  *db,
         const char  *match,
         guint        limit,
         gboolean     exact,
         GHashTable  *seen,
         GPtrArray   *hits,
         GError     **error)
{
  sqlite3_stmt *stmt;
  guint wanted = hits->len + limit;
  int rc;

  /* FTS5 walks its matches in rowid order and stops at the limit: no ranking of every match,
   * which a common word would make slow. Newest first is what the register shows anyway. */
  stmt = _dt_database_prepare_static (db,
    "SELECT p.code, p.received, p.petitioner, p.summary "
    "FROM (SELECT rowid FROM petitions_fts WHERE petitions_fts MATCH ?1 "
    "      ORDER BY rowid DESC LIMIT ?2) f "
    "JOIN petitions p ON p.id = f.rowid ORDER BY f.rowid DESC", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  /* Enough to make up for the ones already shown. */
  sqlite3_bind_int64 (stmt, 2, (gint64) limit + g_hash_table_size (seen));

  while (hits->len < wanted && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      DtSearchHit *hit;

      if (g_hash_table_contains (seen, code))
        continue;
      hit = g_new0 (DtSearchHit, 1);
      hit->code = g_strdup (code);
      hit->received = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      hit->petitioner = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      hit->summary = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      hit->exact = exact;
      g_hash_table_add (seen, hit->code);
      g_ptr_array_add (hits, hit);
    }
  if (hits->len >= wanted)
    rc = SQLITE_DONE;
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    {
      /* The words are quoted: this would be a word FTS5 splits otherwise than we do. */
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The search text cannot be used: keep to letters, digits and spaces."));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}

GPtrArray *
dt_search_petitions (DtDatabase  *db,
                     const char  *query,
                     guint        limit,
                     GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_search_hit_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *folded = NULL;
  g_autofree char *exact = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  if (!dt_search_build_queries (query, &folded, &exact, error))
    return NULL;
  if (folded == NULL || limit == 0)
    return g_steal_pointer (&hits);

  /* Spelled as typed (case aside) first — a word with its marks also matches folded — then
   * the rest. */
  if (!collect (db, exact, limit, TRUE, seen, hits, error))
    return NULL;
  if (hits->len < limit && !collect (db, folded, limit - hits->len, FALSE, seen, hits, error))
    return NULL;
  return g_steal_pointer (&hits);
}

/* Stand-in until the search returns ids of its own. */
GArray *
dt_search_petition_ids (DtDatabase  *db,
                        const char  *query,
                        guint        limit,
                        GError     **error)
{
  g_autoptr(GPtrArray) hits = dt_search_petitions (db, query, limit, error);
  GArray *ids;

  if (hits == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < hits->len; i++)
    {
      DtSearchHit *hit = g_ptr_array_index (hits, i);
      sqlite3_stmt *stmt = _dt_database_prepare_static (db, "SELECT id FROM petitions WHERE code = ?", NULL);

      sqlite3_bind_text (stmt, 1, hit->code, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
      sqlite3_reset (stmt);
    }
  return ids;
}
