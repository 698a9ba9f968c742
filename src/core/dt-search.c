/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-search"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-search.h"
#include "dt-text.h"
#include "dt-util.h"

/* How the words of a query meet a petition, best first; the code is looked up apart. */
typedef enum
{
  MATCH_PHRASE,           /* the words next to each other, in order */
  MATCH_PHRASE_BEGINNING, /* the same, the last word only begun: a name still being typed */
  MATCH_WORDS,            /* every word, anywhere */
  MATCH_BEGINNINGS,       /* every word as the start of a word */
} Match;

typedef struct
{
  gboolean petitioner;    /* in the petitioner's name only, not in any field */
  Match    match;
  int      wider;         /* a rank that holds every match of this one, or -1 */
} Rank;

static const Rank ranks[] = {
  { TRUE, MATCH_PHRASE, 1 },
  { TRUE, MATCH_PHRASE_BEGINNING, 3 },
  { FALSE, MATCH_PHRASE, 3 },
  { FALSE, MATCH_PHRASE_BEGINNING, -1 },
  { FALSE, MATCH_WORDS, -1 },
  { FALSE, MATCH_BEGINNINGS, -1 },
};

typedef struct
{
  char     *code;          /* the whole query, trimmed, in NFC */
  char    **folded;        /* its words, folded */
  char    **exact;         /* its words in lower case, marks as typed */
  guint     n_words;
  gboolean  marks_matter;  /* FALSE when every word is a number: folded, it is the same */
} Query;

typedef struct
{
  GArray     *ids;         /* gint64, best first */
  GArray     *exact;       /* gboolean, one for each id */
  GHashTable *seen;        /* the ids above */
  guint       limit;
} Found;

/* The columns of petitions_fts and petitions_exact_fts (migration 0004). */
static const char all_fields[] = "{code petitioner place summary content}";

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

static void
query_clear (Query *query)
{
  g_clear_pointer (&query->code, g_free);
  g_clear_pointer (&query->folded, g_strfreev);
  g_clear_pointer (&query->exact, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

static gboolean
only_digits (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isdigit (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Fills QUERY from TEXT; no words (n_words 0) is no error. */
static gboolean
query_parse (Query       *query,
             const char  *text,
             GError     **error)
{
  g_auto(GStrv) words = NULL;

  memset (query, 0, sizeof *query);
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID, _("The search text is not valid UTF-8."));
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > DT_SEARCH_MAX_CHARS)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The search text is too long: at most %d characters."), DT_SEARCH_MAX_CHARS);
      return FALSE;
    }

  /* Split as the index was, or a word typed would never meet its match. */
  words = dt_text_words (text);
  query->n_words = g_strv_length (words);
  if (query->n_words == 0)
    return TRUE;
  if (query->n_words > DT_SEARCH_MAX_WORDS)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The search has too many words: at most %d."), DT_SEARCH_MAX_WORDS);
      query->n_words = 0;
      return FALSE;
    }

  query->code = g_strstrip (dt_utf8_nfc (text));
  query->folded = g_new0 (char *, query->n_words + 1);
  query->exact = g_new0 (char *, query->n_words + 1);
  for (guint i = 0; i < query->n_words; i++)
    {
      query->folded[i] = dt_text_fold (words[i]);
      query->exact[i] = g_utf8_strdown (words[i], -1);
      query->marks_matter |= !only_digits (words[i]);
    }
  return TRUE;
}

/* Quoted, its quotes doubled: nothing the user types is FTS5 syntax. A quoted run of words is
 * a phrase: those words next to each other, in that order, in one column. */
static void
append_quoted (GString    *match,
               const char *text)
{
  g_string_append_c (match, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, *p);
    }
  g_string_append_c (match, '"');
}

static char *
match_expression (const Query *query,
                  const Rank  *rank,
                  gboolean     exact)
{
  char **words = exact ? query->exact : query->folded;
  GString *match = g_string_new (rank->petitioner ? "petitioner" : all_fields);

  g_string_append (match, " : ");

  switch (rank->match)
    {
    case MATCH_PHRASE:
    case MATCH_PHRASE_BEGINNING:
      {
        g_autofree char *phrase = g_strjoinv (" ", words);

        append_quoted (match, phrase);
        /* After a phrase, makes a prefix of its last word. */
        if (rank->match == MATCH_PHRASE_BEGINNING)
          g_string_append_c (match, '*');
      }
      break;
    case MATCH_WORDS:
    case MATCH_BEGINNINGS:
      g_string_append_c (match, '(');
      for (guint i = 0; words[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (match, " AND ");
          append_quoted (match, words[i]);
          if (rank->match == MATCH_BEGINNINGS)
            g_string_append_c (match, '*');
        }
      g_string_append_c (match, ')');
      break;
    default:
      g_assert_not_reached ();
    }
  return g_string_free (match, FALSE);
}

static void
found_add (Found    *found,
           gint64    id,
           gboolean  exact)
{
  if (g_hash_table_contains (found->seen, &id))
    return;
  g_array_append_val (found->ids, id);
  g_array_append_val (found->exact, exact);
  g_hash_table_add (found->seen, g_memdup2 (&id, sizeof id));
}

static gboolean
collect_code (DtDatabase   *db,
              const Query  *query,
              Found        *found,
              GError      **error)
{
  g_autofree char *upper = g_utf8_strup (query->code, -1);
  g_autofree char *lower = g_utf8_strdown (query->code, -1);
  sqlite3_stmt *stmt;
  int rc;

  /* As typed, in capitals, in small letters: three lookups in the unique index of codes,
   * where comparing without case would read all of them. A code written in mixed case is
   * found here when typed the same; otherwise among the phrases, its words being indexed. */
  stmt = _dt_database_prepare_static (db, "SELECT id FROM petitions WHERE code IN (?1, ?2, ?3) "
                                          "ORDER BY id DESC", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, query->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, lower, -1, SQLITE_TRANSIENT);
  while (found->ids->len < found->limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    found_add (found, sqlite3_column_int64 (stmt, 0), TRUE);
  if (found->ids->len >= found->limit)
    rc = SQLITE_DONE;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}

/* Appends to IDS the newest petitions matching MATCH, in the folded index or the EXACT one,
 * that FOUND (if any) does not hold, at most WANTED. */
static gboolean
scan (DtDatabase  *db,
      const char  *match,
      gboolean     exact,
      Found       *found,
      guint        wanted,
      GArray      *ids,
      GError     **error)
{
  static const char folded_sql[] =
    "SELECT rowid FROM petitions_fts WHERE petitions_fts MATCH ?1 ORDER BY rowid DESC";
  static const char exact_sql[] =
    "SELECT rowid FROM petitions_exact_fts WHERE petitions_exact_fts MATCH ?1 "
    "ORDER BY rowid DESC";
  sqlite3_stmt *stmt;
  int rc;

  /* FTS5 walks its matches in rowid order, and we stop when we have enough: no sorting of
   * every match, which a common word would make slow. */
  stmt = _dt_database_prepare_static (db, exact ? exact_sql : folded_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  while (ids->len < wanted && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (found == NULL || !g_hash_table_contains (found->seen, &id))
        g_array_append_val (ids, id);
    }
  if (ids->len >= wanted)
    rc = SQLITE_DONE;
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    {
      /* The words are quoted: this would be a word FTS5 reads otherwise than we do. */
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The search text cannot be used: keep to letters, digits and spaces."));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}

/* Sets CACHE[I], if not yet, to the newest folded matches of rank I, found or not, at most
 * LIMIT: enough to fill up whatever has been found before. The wider ranks are asked first,
 * when the words are several, from the widest down: one phrase query that finds nothing
 * spares the narrower ones, each of which would read every petition holding the words to find
 * no phrase. Their answers are kept for their own turn. */
static gboolean
rank_matches (DtDatabase   *db,
              const Query  *query,
              guint         i,
              guint         limit,
              GArray      **cache,
              GError      **error)
{
  g_autofree char *match = NULL;
  int wider = ranks[i].wider;

  if (cache[i] != NULL)
    return TRUE;
  cache[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (query->n_words > 1 && wider >= 0)
    {
      if (!rank_matches (db, query, (guint) wider, limit, cache, error))
        return FALSE;
      if (cache[wider]->len == 0)
        return TRUE;
    }
  match = match_expression (query, &ranks[i], FALSE);
  return scan (db, match, FALSE, NULL, limit, cache[i], error);
}

/* Adds the petitions of rank I not found yet: spelled as typed first, then the others. */
static gboolean
collect_rank (DtDatabase   *db,
              const Query  *query,
              guint         i,
              GArray      **cache,
              Found        *found,
              GError      **error)
{
  g_autoptr(GArray) folded = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) exact = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint wanted = found->limit - found->ids->len;

  /* The folded matches hold the exact ones: where they are none, the exact query is spared.
   * Enough of them are kept to fill up after however few exact ones. */
  if (!rank_matches (db, query, i, found->limit, cache, error))
    return FALSE;
  for (guint j = 0; j < cache[i]->len && folded->len < wanted; j++)
    {
      gint64 id = g_array_index (cache[i], gint64, j);

      if (!g_hash_table_contains (found->seen, &id))
        g_array_append_val (folded, id);
    }
  if (folded->len == 0)
    return TRUE;

  /* Numbers have no marks to tell the two apart. */
  if (query->marks_matter)
    {
      g_autofree char *exact_match = match_expression (query, &ranks[i], TRUE);

      if (!scan (db, exact_match, TRUE, found, wanted, exact, error))
        return FALSE;
    }
  for (guint j = 0; j < exact->len; j++)
    found_add (found, g_array_index (exact, gint64, j), TRUE);
  for (guint j = 0; j < folded->len && found->ids->len < found->limit; j++)
    found_add (found, g_array_index (folded, gint64, j), !query->marks_matter);
  return TRUE;
}

static gboolean
search (DtDatabase  *db,
        const char  *text,
        Found       *found,
        GError     **error)
{
  g_auto(Query) query = { 0 };
  GArray *cache[G_N_ELEMENTS (ranks)] = { NULL };
  gboolean ok = TRUE;

  if (!query_parse (&query, text, error))
    return FALSE;
  if (query.n_words == 0 || found->limit == 0)
    return TRUE;

  ok = collect_code (db, &query, found, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (ranks) && found->ids->len < found->limit; i++)
    {
      /* One word is no phrase: it is a word, or the start of one. */
      if (query.n_words == 1 &&
          (ranks[i].match == MATCH_WORDS || ranks[i].match == MATCH_PHRASE_BEGINNING))
        continue;
      ok = collect_rank (db, &query, i, cache, found, error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ranks); i++)
    g_clear_pointer (&cache[i], g_array_unref);
  return ok;
}

static void
found_init (Found *found,
            guint  limit)
{
  found->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  found->exact = g_array_new (FALSE, FALSE, sizeof (gboolean));
  found->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  found->limit = limit;
}

static void
found_clear (Found *found)
{
  g_clear_pointer (&found->ids, g_array_unref);
  g_clear_pointer (&found->exact, g_array_unref);
  g_clear_pointer (&found->seen, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Found, found_clear)

GArray *
dt_search_petition_ids (DtDatabase  *db,
                        const char  *query,
                        guint        limit,
                        GError     **error)
{
  g_auto(Found) found = { 0 };

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found_init (&found, limit);
  if (!search (db, query, &found, error))
    return NULL;
  return g_steal_pointer (&found.ids);
}

GPtrArray *
dt_search_petitions (DtDatabase  *db,
                     const char  *query,
                     guint        limit,
                     GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_search_hit_free);
  g_auto(Found) found = { 0 };

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found_init (&found, limit);
  if (!search (db, query, &found, error))
    return NULL;

  for (guint i = 0; i < found.ids->len; i++)
    {
      gint64 id = g_array_index (found.ids, gint64, i);
      DtSearchHit *hit;
      sqlite3_stmt *stmt;
      int rc;

      stmt = _dt_database_prepare_static (db, "SELECT code, received, petitioner, summary "
                                              "FROM petitions WHERE id = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      /* Another program may have deleted it since the search: it is no hit any more. */
      if (rc == SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          continue;
        }
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          _dt_database_fail (db, rc, error);
          return NULL;
        }
      hit = g_new0 (DtSearchHit, 1);
      hit->id = id;
      hit->code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hit->received = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      hit->petitioner = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      hit->summary = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      hit->exact = g_array_index (found.exact, gboolean, i);
      sqlite3_reset (stmt);
      g_ptr_array_add (hits, hit);
    }
  return g_steal_pointer (&hits);
}

gboolean
dt_search_build_prefix_query (const char  *query,
                              char       **match,
                              GError     **error)
{
  g_auto(Query) parsed = { 0 };

  g_return_val_if_fail (match != NULL, FALSE);

  *match = NULL;
  if (!query_parse (&parsed, query, error))
    return FALSE;
  if (parsed.n_words > 0)
    *match = match_expression (&parsed, &ranks[G_N_ELEMENTS (ranks) - 1], FALSE);
  return TRUE;
}

gboolean
dt_search_merge_index (DtDatabase  *db,
                       int          pages,
                       gboolean    *merged,
                       GError     **error)
{
  static const char * const tables[] = { "petitions_fts", "petitions_exact_fts" };
  sqlite3 *handle;
  gboolean any = FALSE;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (pages > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  handle = _dt_database_get_handle (db);
  if (!_dt_database_savepoint (db, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s, rank) VALUES ('merge', %d)",
                                              tables[i], tables[i], pages);
      int before = sqlite3_total_changes (handle);

      if (!_dt_database_exec (db, sql, error))
        {
          _dt_database_undo (db);
          return FALSE;
        }
      /* FTS5 counts two changes, or more, when it merged something (its documentation). */
      if (sqlite3_total_changes (handle) - before >= 2)
        any = TRUE;
    }
  if (!_dt_database_release (db, error))
    return FALSE;
  if (merged != NULL)
    *merged = any;
  return TRUE;
}
