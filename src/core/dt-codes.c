/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-codes"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-codes.h"
#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-util.h"

/* More digits than this at the end of a code are some other number, not a serial. */
#define MAX_SERIAL_DIGITS 9

typedef struct
{
  /* Codes that contain ?1 (the year); for sessions, of kind ?2. */
  const char *select_sql;
  const char *exists_sql;
  /* Plans: a code may end with the year itself (KH-2026), the year's first plan. */
  gboolean    year_may_end;
  /* Petitions: their codes are found through the index of migration 0010, not all read. */
  gboolean    indexed;
} Table;

static const Table petitions_table = {
  "SELECT id, code FROM petitions WHERE instr (code, ?1) > 0",
  "SELECT 1 FROM petitions WHERE code = ?1",
  FALSE,
  TRUE,
};

/* The two expressions of the index petitions_code_serial (migration 0010), written the same
 * way: a code without its last digits (the text code_parse () looks for the year in), and the
 * value of those digits. */
#define CODE_PREFIX "rtrim (code, '0123456789')"
#define CODE_SERIAL "CAST (substr (code, length (" CODE_PREFIX ") + 1) AS INTEGER)"

static const Table sessions_table = {
  "SELECT id, code FROM sessions WHERE instr (code, ?1) > 0 AND kind = ?2",
  "SELECT 1 FROM sessions WHERE code = ?1",
  FALSE,
  FALSE,
};

static const Table plans_table = {
  "SELECT id, code FROM plans WHERE instr (code, ?1) > 0",
  "SELECT 1 FROM plans WHERE code = ?1",
  TRUE,
  FALSE,
};

/* A code cut in two: the text before its serial number, and the number. */
typedef struct
{
  char    *prefix;
  gboolean has_serial;
  guint64  serial;
  guint    width;
} Code;

static void
code_clear (Code *code)
{
  g_clear_pointer (&code->prefix, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Code, code_clear)

static char *
code_format (const Code *code)
{
  if (!code->has_serial)
    return g_strdup (code->prefix);
  return g_strdup_printf ("%s%0*" G_GUINT64_FORMAT, code->prefix, (int) code->width,
                          code->serial);
}

/* Where YEAR stands on its own (not inside a longer number) in the first LENGTH bytes of
 * TEXT; -1 when it does not. */
static gssize
find_year (const char *text,
           gsize       length,
           const char *year)
{
  gsize year_length = strlen (year);

  for (gsize i = 0; i + year_length <= length; i++)
    if (memcmp (text + i, year, year_length) == 0 &&
        (i == 0 || !g_ascii_isdigit (text[i - 1])) &&
        (i + year_length == length || !g_ascii_isdigit (text[i + year_length])))
      return (gssize) i;
  return -1;
}

/* Reads CODE as one of YEAR's: the year on its own somewhere before a serial number at the
 * end (2026-0001, HN-2026-01, YK-2026-007) or, for plans, the year at the very end. */
static gboolean
code_parse (const char  *text,
            const char  *year,
            gboolean     year_may_end,
            gsize       *prefix_length,
            Code        *code)
{
  gsize length = strlen (text);
  gsize start = length;

  while (start > 0 && g_ascii_isdigit (text[start - 1]))
    start--;
  if (start == length || length - start > MAX_SERIAL_DIGITS)
    return FALSE;

  if (find_year (text, start, year) >= 0)
    {
      *prefix_length = start;
      code->has_serial = TRUE;
      code->serial = g_ascii_strtoull (text + start, NULL, 10);
      code->width = (guint) (length - start);
      return TRUE;
    }
  if (year_may_end && strcmp (text + start, year) == 0)
    {
      *prefix_length = length;
      code->has_serial = FALSE;
      code->serial = 0;
      code->width = 0;
      return TRUE;
    }
  return FALSE;
}

/* The year's first plan has no serial: it counts as the first. */
static guint64
code_rank (const Code *code)
{
  return code->has_serial ? code->serial : 1;
}

/* The code with the highest (or the lowest) serial seen so far, and its record. */
typedef struct
{
  Code     code;
  gint64   id;
  gboolean found;
} Best;

/* Takes the code TEXT of record ID into HIGHEST and LOWEST (either may be NULL) when it is one
 * of YEAR's with a higher or a lower serial than theirs, the latest record winning a tie. */
static void
consider_code (const Table *table,
               const char  *year,
               gint64       id,
               const char  *text,
               Best        *highest,
               Best        *lowest)
{
  g_auto(Code) code = { NULL };
  gsize prefix_length;

  if (text == NULL || !code_parse (text, year, table->year_may_end, &prefix_length, &code))
    return;
  code.prefix = g_strndup (text, prefix_length);

  if (highest != NULL &&
      (!highest->found || code_rank (&code) > code_rank (&highest->code) ||
       (code_rank (&code) == code_rank (&highest->code) && id > highest->id)))
    {
      code_clear (&highest->code);
      highest->code = code;
      highest->code.prefix = g_strdup (code.prefix);
      highest->id = id;
      highest->found = TRUE;
    }
  if (lowest != NULL &&
      (!lowest->found || code_rank (&code) < code_rank (&lowest->code) ||
       (code_rank (&code) == code_rank (&lowest->code) && id > lowest->id)))
    {
      code_clear (&lowest->code);
      lowest->code = code;
      lowest->code.prefix = g_strdup (code.prefix);
      lowest->id = id;
      lowest->found = TRUE;
    }
}

/* Steps STMT, bound already, through its rows (id, code), considering each; resets it. */
static gboolean
consider_rows (DtDatabase   *db,
               sqlite3_stmt *stmt,
               const Table  *table,
               const char   *year,
               Best         *highest,
               Best         *lowest,
               GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    consider_code (table, year, sqlite3_column_int64 (stmt, 0),
                   (const char *) sqlite3_column_text (stmt, 1), highest, lowest);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}

/* The same as reading every petition's code, through petitions_code_serial: the texts before
 * the codes' last digits are visited one by one (a handful: one per year and pattern), and in
 * each that holds the year, only the codes with its highest and its lowest serial are read.
 * Codes of more than MAX_SERIAL_DIGITS digits, or of none, count for nothing and are passed
 * over. */
static gboolean
find_petition_codes (DtDatabase  *db,
                     const char  *year,
                     Best        *highest,
                     Best        *lowest,
                     GError     **error)
{
  static const char *next_prefix_sql =
    "SELECT " CODE_PREFIX " FROM petitions WHERE " CODE_PREFIX " > ?1 "
    "ORDER BY " CODE_PREFIX " LIMIT 1";
  static const char *highest_sql =
    "SELECT id, code FROM petitions WHERE " CODE_PREFIX " = ?1 "
    "  AND length (code) - length (?1) BETWEEN 1 AND " G_STRINGIFY (MAX_SERIAL_DIGITS) " "
    "ORDER BY " CODE_SERIAL " DESC, id DESC LIMIT 1";
  static const char *lowest_sql =
    "SELECT id, code FROM petitions WHERE " CODE_PREFIX " = ?1 "
    "  AND length (code) - length (?1) BETWEEN 1 AND " G_STRINGIFY (MAX_SERIAL_DIGITS) " "
    "ORDER BY " CODE_SERIAL ", id DESC LIMIT 1";
  g_autofree char *prefix = g_strdup ("");

  for (;;)
    {
      sqlite3_stmt *stmt;
      int rc;

      if (!(stmt = _dt_database_prepare_static (db, next_prefix_sql, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_free (prefix);
          prefix = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        }
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        return TRUE;
      if (rc != SQLITE_ROW)
        return _dt_database_fail (db, rc, error);

      if (find_year (prefix, strlen (prefix), year) < 0)
        continue;
      if (!(stmt = _dt_database_prepare_static (db, highest_sql, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
      if (!consider_rows (db, stmt, &petitions_table, year, highest, NULL, error))
        return FALSE;
      if (!(stmt = _dt_database_prepare_static (db, lowest_sql, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
      if (!consider_rows (db, stmt, &petitions_table, year, NULL, lowest, error))
        return FALSE;
    }
}

/* Among the codes of YEAR, the one with the highest serial (HIGHEST) and the one with the
 * lowest (LOWEST), the latest record winning a tie. FALSE with ERROR set on a database
 * failure; FOUND says whether there was any. */
static gboolean
find_codes (DtDatabase   *db,
            const Table  *table,
            const char   *kind,
            int           year,
            Code         *highest,
            Code         *lowest,
            gboolean     *found,
            GError      **error)
{
  g_autofree char *year_text = g_strdup_printf ("%d", year);
  Best high = { { NULL } };
  Best low = { { NULL } };
  gboolean ok;

  if (table->indexed)
    ok = find_petition_codes (db, year_text, &high, &low, error);
  else
    {
      sqlite3_stmt *stmt;

      if (!(stmt = _dt_database_prepare_static (db, table->select_sql, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, year_text, -1, SQLITE_TRANSIENT);
      if (kind != NULL)
        sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
      ok = consider_rows (db, stmt, table, year_text, &high, &low, error);
    }

  *found = ok && high.found;
  code_clear (highest);
  code_clear (lowest);
  *highest = high.code;
  *lowest = low.code;
  return ok;
}

static gboolean
code_exists (DtDatabase   *db,
             const Table  *table,
             const char   *text,
             gboolean     *exists,
             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _dt_database_prepare_static (db, table->exists_sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* The code after CODE: the next serial, or a second plan of the year (KH-2026 → KH-2026-2). */
static void
code_increment (Code *code)
{
  if (!code->has_serial)
    {
      char *base = code->prefix;

      code->prefix = g_strconcat (base, "-", NULL);
      g_free (base);
      code->has_serial = TRUE;
      code->serial = 1;
      code->width = 1;
    }
  code->serial++;
}

static char *
next_code (DtDatabase   *db,
           const Table  *table,
           const char   *kind,
           int           year,
           const char   *default_before,
           const char   *default_after,
           guint         default_width,
           GError      **error)
{
  g_auto(Code) highest = { NULL };
  g_auto(Code) lowest = { NULL };
  g_auto(Code) proposal = { NULL };
  gboolean found;

  if (!find_codes (db, table, kind, year, &highest, &lowest, &found, error))
    return NULL;

  if (found)
    {
      proposal = highest;
      proposal.prefix = g_steal_pointer (&highest.prefix);
      code_increment (&proposal);
    }
  else
    {
      g_auto(Code) before_highest = { NULL };
      g_auto(Code) before_lowest = { NULL };

      if (!find_codes (db, table, kind, year - 1, &before_highest, &before_lowest, &found,
                       error))
        return NULL;
      if (found)
        {
          /* The first code of last year, in this year: YK-2025-001 → YK-2026-001. */
          g_autofree char *last_year = g_strdup_printf ("%d", year - 1);
          const char *prefix = before_lowest.prefix;
          gsize at;

          if (before_lowest.has_serial)
            at = (gsize) find_year (prefix, strlen (prefix), last_year);
          else
            at = strlen (prefix) - strlen (last_year);
          proposal.prefix = g_strdup_printf ("%.*s%d%s", (int) at, prefix, year,
                                             prefix + at + strlen (last_year));
          proposal.has_serial = before_lowest.has_serial;
          proposal.serial = 1;
          proposal.width = before_lowest.width;
        }
      else
        {
          /* The defaults: the text before the year, the year, the text after it, and the
           * serial when there is one. */
          proposal.prefix = g_strdup_printf ("%s%d%s", default_before, year, default_after);
          proposal.has_serial = default_width > 0;
          proposal.serial = 1;
          proposal.width = default_width;
        }
    }

  for (;;)
    {
      g_autofree char *text = code_format (&proposal);
      gboolean exists = FALSE;

      if (!code_exists (db, table, text, &exists, error))
        return NULL;
      /* Taken by a record the pattern does not count (another kind, another year). */
      if (!exists)
        return g_steal_pointer (&text);
      code_increment (&proposal);
    }
}

char *
dt_petition_next_code (DtDatabase  *db,
                       int          year,
                       GError     **error)
{
  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (year >= DT_YEAR_MIN && year <= DT_YEAR_MAX, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return next_code (db, &petitions_table, NULL, year, "", "-", 4, error);
}

char *
dt_session_next_code (DtDatabase  *db,
                      const char  *kind,
                      int          year,
                      GError     **error)
{
  static const struct {
    const char *kind;
    const char *prefix;
  } prefixes[] = {
    { "dialogue", "HN-" },
    { "reception", "TD-" },
    { "contact", "TX-" },
  };

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (year >= DT_YEAR_MIN && year <= DT_YEAR_MAX, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_strcmp0 (kind, prefixes[i].kind) == 0)
      return next_code (db, &sessions_table, kind, year, prefixes[i].prefix, "-", 2,
                          error);

  g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
               _("“%s” is not a kind of session (dialogue, contact or reception)."),
               kind != NULL ? kind : "");
  return NULL;
}

char *
dt_plan_next_code (DtDatabase  *db,
                   int          year,
                   GError     **error)
{
  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (year >= DT_YEAR_MIN && year <= DT_YEAR_MAX, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return next_code (db, &plans_table, NULL, year, "KH-", "", 0, error);
}
