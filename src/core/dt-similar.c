/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-similar"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dt-database-private.h"
#include "dt-similar.h"
#include "dt-text.h"
#include "dt-util.h"

/* How many candidates each way of looking brings, newest first. */
#define PERSON_CANDIDATES 200
#define PLACE_CANDIDATES  400
#define WORDS_CANDIDATES  1000
/* The words of a summary that are looked up (pairs of them, so a handful). */
#define WORDS_LOOKED_UP   8

/* What it takes to be shown: words alike enough, or the same person. */
#define WORDS_ALIKE       0.5
#define WORDS_SOME        0.3
#define PERSON_WEIGHT     0.6
#define PLACE_WEIGHT      0.2

/* Sorted, for bsearch (). Folded syllables that nearly every petition has ("đề nghị", "kiến nghị", "phản ánh", "của",
 * "xã", "thôn" …): sharing them says nothing. */
static const char * const common_words[] = {
  "anh", "ba", "bi", "cac", "cho", "co", "con", "cua", "cung", "da", "dan", "dang", "de", "den",
  "do", "duoc", "hay", "hoac", "khi", "khong", "kien", "la", "lai", "ma", "mot", "nay", "nghi",
  "nguoi", "nhieu", "nhung", "phan", "rat", "se", "tai", "theo", "thi", "thon", "tinh", "trang",
  "tren", "trong", "tu", "va", "ve", "viec", "voi", "xa",
};

void
dt_similar_petition_free (DtSimilarPetition *similar)
{
  if (similar == NULL)
    return;
  g_free (similar->code);
  g_free (similar->received);
  g_free (similar->petitioner);
  g_free (similar->village);
  g_free (similar->field);
  g_free (similar->summary);
  g_free (similar);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static gboolean
is_common (const char *word)
{
  return bsearch (&word, common_words, G_N_ELEMENTS (common_words), sizeof (char *),
                  compare_strings) != NULL;
}

char **
dt_similar_words (const char *text)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  guint n = 0;

  if (text == NULL)
    return g_new0 (char *, 1);

  folded = dt_text_fold (text);
  words = dt_text_words (folded);
  kept = g_ptr_array_new ();
  for (guint i = 0; words[i] != NULL; i++)
    if (g_utf8_strlen (words[i], -1) >= 2 && !is_common (words[i]))
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_sort (kept, (GCompareFunc) compare_strings);

  /* Each once. */
  for (guint i = 0; i < kept->len; i++)
    if (n == 0 || strcmp (g_ptr_array_index (kept, i), g_ptr_array_index (kept, n - 1)) != 0)
      kept->pdata[n++] = kept->pdata[i];
  g_ptr_array_set_size (kept, n);

  {
    char **result = g_new0 (char *, n + 1);

    for (guint i = 0; i < n; i++)
      result[i] = g_strdup (g_ptr_array_index (kept, i));
    return result;
  }
}

/* "Nguyễn  Văn an" and "nguyen van An" are one name. */
static char *
name_key (const char *name)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  if (name == NULL)
    return NULL;
  folded = dt_text_fold (name);
  words = dt_text_words (folded);
  if (words[0] == NULL)
    return NULL;
  return g_strjoinv (" ", words);
}

/* Both sorted, each word once. */
static guint
n_common (char * const *a,
          char * const *b)
{
  guint n = 0;

  while (*a != NULL && *b != NULL)
    {
      int cmp = strcmp (*a, *b);

      if (cmp == 0)
        n++;
      if (cmp <= 0)
        a++;
      if (cmp >= 0)
        b++;
    }
  return n;
}

/* Half how alike the two sets are (Dice), half how much of what was typed the other holds:
 * a summary typed halfway already finds the one it copies. */
static double
words_alike (char * const *typed,
             char * const *other)
{
  guint n_typed = g_strv_length ((char **) typed);
  guint n_other = g_strv_length ((char **) other);
  guint common;

  if (n_typed < 2 || n_other == 0)
    return 0;
  common = n_common (typed, other);
  if (common < 2)
    return 0;
  return (2.0 * common / (n_typed + n_other) + (double) common / n_typed) / 2;
}

typedef struct
{
  DtDatabase  *db;
  const char  *cutoff;
  gint64       self_id;
  GHashTable  *found;      /* id → DtSimilarPetition */
  GHashTable  *texts;      /* id → what the words are compared with */
} Search;

#define COLUMNS "id, code, received, petitioner, confidential, village_name, field_name, " \
                "summary, CASE WHEN summary IS NULL THEN substr (content, 1, 2000) END"

/* Notes the rows STMT gives; a MATCH FTS5 cannot read is no candidates, not a failure. */
static gboolean
collect (Search        *search,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      DtSimilarPetition *similar;
      const char *text;

      if (g_hash_table_contains (search->found, &id))
        continue;
#define TEXT_AT(i) ((const char *) sqlite3_column_text (stmt, i))
      similar = g_new0 (DtSimilarPetition, 1);
      similar->id = id;
      similar->code = g_strdup (TEXT_AT (1));
      similar->received = g_strdup (TEXT_AT (2));
      similar->petitioner = g_strdup (TEXT_AT (3));
      similar->confidential = sqlite3_column_int (stmt, 4) != 0;
      similar->village = g_strdup (TEXT_AT (5));
      similar->field = g_strdup (TEXT_AT (6));
      similar->summary = g_strdup (TEXT_AT (7));
      text = similar->summary != NULL ? similar->summary : TEXT_AT (8);
#undef TEXT_AT
      g_hash_table_insert (search->found, &similar->id, similar);
      g_hash_table_insert (search->texts, &similar->id, g_strdup (text));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ERROR)
    return TRUE;
  return _dt_database_fail (search->db, rc, error);
}

static gboolean
collect_matching (Search      *search,
                  const char  *match,
                  guint        limit,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _dt_database_prepare_static (search->db,
    "SELECT " COLUMNS " FROM petitions_v "
    "WHERE id IN (SELECT rowid FROM petitions_fts WHERE petitions_fts MATCH ?1 "
    "             ORDER BY rowid DESC LIMIT ?2) "
    "  AND received >= ?3 AND duplicate_of IS NULL AND id != ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) limit);
  sqlite3_bind_text (stmt, 3, search->cutoff, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, search->self_id);
  return collect (search, stmt, error);
}

static gboolean
collect_same_place (Search      *search,
                    const char  *village,
                    const char  *field,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _dt_database_prepare_static (search->db,
    "SELECT " COLUMNS " FROM petitions_v "
    "WHERE village_id = (SELECT id FROM villages WHERE name = ?1) "
    "  AND field_id = (SELECT id FROM fields WHERE name = ?2) "
    "  AND received >= ?3 AND duplicate_of IS NULL AND id != ?4 "
    "ORDER BY received DESC LIMIT ?5", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, village, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, search->cutoff, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, search->self_id);
  sqlite3_bind_int (stmt, 5, PLACE_CANDIDATES);
  return collect (search, stmt, error);
}

/* petitioner : ("a" AND "b" AND …) in the folded index (migration 0004): the same person.
 * The words are letters and digits only. */
static char *
all_words_match (char **words)
{
  GString *match = g_string_new ("petitioner : (");

  for (guint i = 0; words[i] != NULL; i++)
    g_string_append_printf (match, "%s\"%s\"", i > 0 ? " AND " : "", words[i]);
  g_string_append_c (match, ')');
  return g_string_free (match, FALSE);
}

/* Any two of the words: what a copy with a word or two changed still has. */
static char *
pairs_match (char  **words,
             guint   n)
{
  GString *match = g_string_new ("{summary content} : (");
  gboolean first = TRUE;

  if (n == 1)
    g_string_append_printf (match, "\"%s\"", words[0]);
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        g_string_append_printf (match, "%s(\"%s\" AND \"%s\")", first ? "" : " OR ",
                                words[i], words[j]);
        first = FALSE;
      }
  g_string_append_c (match, ')');
  return g_string_free (match, FALSE);
}

/* The longest words say the most: look those up. */
static int
compare_length (const void *a,
                const void *b)
{
  gsize x = strlen (*(char * const *) a), y = strlen (*(char * const *) b);

  if (x != y)
    return x > y ? -1 : 1;
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static int
compare_similar (gconstpointer a,
                 gconstpointer b)
{
  const DtSimilarPetition *x = *(DtSimilarPetition * const *) a;
  const DtSimilarPetition *y = *(DtSimilarPetition * const *) b;
  int cmp;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  /* The newest of equals, then the lowest code. */
  if ((cmp = g_strcmp0 (y->received, x->received)) != 0)
    return cmp;
  return x->id < y->id ? -1 : x->id > y->id;
}

GPtrArray *
dt_petition_find_similar (DtDatabase        *db,
                          const DtPetition  *petition,
                          guint              limit,
                          GError           **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                dt_similar_petition_free);
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GHashTable) texts = NULL;
  g_autofree char *cutoff = NULL;
  g_autofree char *person = NULL;
  g_autofree char *village = NULL;
  g_autofree char *field = NULL;
  g_autofree char *summary = NULL;
  g_auto(GStrv) words = NULL;
  Search search;
  GHashTableIter iter;
  gpointer value;
  GDate reference;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (petition != NULL, NULL);

  if (!dt_date_parse (petition->received, &reference))
    dt_today (&reference);
  g_date_subtract_years (&reference, DT_SIMILAR_YEARS);
  cutoff = dt_date_to_iso (&reference);

  person = name_key (petition->petitioner);
  village = dt_text_clean (petition->village);
  field = dt_text_clean (petition->field);
  summary = dt_text_clean (petition->summary);
  words = dt_similar_words (summary != NULL ? summary : petition->content);

  found = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                 (GDestroyNotify) dt_similar_petition_free);
  texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  search = (Search) { db, cutoff, petition->id, found, texts };

  if (person != NULL)
    {
      g_auto(GStrv) name_words = g_strsplit (person, " ", -1);
      g_autofree char *match = all_words_match (name_words);

      if (!collect_matching (&search, match, PERSON_CANDIDATES, error))
        return NULL;
    }
  if (village != NULL && field != NULL && !collect_same_place (&search, village, field, error))
    return NULL;
  if (words[0] != NULL)
    {
      g_autofree char **longest = g_memdup2 (words, sizeof (char *) * g_strv_length (words));
      guint n = MIN (g_strv_length (words), WORDS_LOOKED_UP);
      g_autofree char *match = NULL;

      qsort (longest, g_strv_length (words), sizeof (char *), compare_length);
      match = pairs_match (longest, n);
      if (!collect_matching (&search, match, WORDS_CANDIDATES, error))
        return NULL;
    }

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DtSimilarPetition *similar = value;
      g_autofree char *other_person = name_key (similar->petitioner);
      g_auto(GStrv) other_words = dt_similar_words (g_hash_table_lookup (texts, &similar->id));
      gboolean same_person = person != NULL && g_strcmp0 (person, other_person) == 0;
      gboolean same_place = village != NULL && field != NULL &&
                            g_strcmp0 (village, similar->village) == 0 &&
                            g_strcmp0 (field, similar->field) == 0;

      similar->words = words_alike (words, other_words);
      similar->reasons = (same_person ? DT_SIMILAR_SAME_PERSON : 0) |
                         (same_place ? DT_SIMILAR_SAME_PLACE : 0) |
                         (similar->words >= WORDS_ALIKE ? DT_SIMILAR_SAME_WORDS : 0);
      similar->score = similar->words + (same_person ? PERSON_WEIGHT : 0) +
                       (same_place ? PLACE_WEIGHT : 0);
      if (similar->score >= WORDS_ALIKE && (same_person || similar->words >= WORDS_SOME))
        {
          g_hash_table_iter_steal (&iter);
          g_ptr_array_add (result, similar);
        }
    }

  g_ptr_array_sort (result, compare_similar);
  if (result->len > limit)
    g_ptr_array_set_size (result, limit);
  return g_steal_pointer (&result);
}
