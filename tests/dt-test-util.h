/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include <sqlite3.h>

#include "dt-database-private.h"
#include "dt-database.h"
#include "dt-records.h"

/* A fresh folder per test, removed afterwards with everything in it. */
static inline void
dt_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        dt_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

typedef struct
{
  char       *dir;
  char       *path;
  DtDatabase *db;
} DtTestFixture;

static inline void
dt_test_fixture_setup (DtTestFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("doithoai-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.sqlite", NULL);
  fixture->db = dt_database_open (fixture->path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->db);
}

static inline void
dt_test_fixture_teardown (DtTestFixture *fixture,
                          gconstpointer  data)
{
  g_clear_object (&fixture->db);
  dt_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Adds a test that runs on a fresh database of its own. */
#define DT_TEST_ADD(path, func) \
  g_test_add (path, DtTestFixture, NULL, dt_test_fixture_setup, func, dt_test_fixture_teardown)

static inline char *
dt_test_data_path (const char *name)
{
  return g_build_filename (g_getenv ("DOITHOAI_TEST_DATA"), name, NULL);
}

/* A petition received directly, with what the test gives (NULL for what it leaves out); its
 * row id. */
static inline gint64
dt_test_add_petition (DtDatabase *db,
                      const char *code,
                      const char *received,
                      const char *petitioner,
                      const char *village,
                      const char *field,
                      const char *summary)
{
  g_autoptr(DtPetition) petition = dt_petition_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  petition->code = g_strdup (code);
  petition->received = g_strdup (received);
  petition->channel = g_strdup ("direct");
  petition->petitioner = g_strdup (petitioner);
  petition->village = g_strdup (village);
  petition->field = g_strdup (field);
  petition->summary = g_strdup (summary);
  id = dt_petition_insert (db, petition, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* SHA-256 of a file, to show that something was left exactly as it was. */
static inline char *
dt_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("(missing)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Files in FOLDER whose name contains PART: what a failed write must not leave behind. */
static inline guint
dt_test_count_files (const char *folder,
                     const char *part)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, part) != NULL)
      n++;
  return n;
}

/* The integer SQL (a query of one row) gives, on DB's own connection. */
static inline gint64
dt_test_query_int (DtDatabase *db,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_dt_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Segments of the FTS5 table TABLE: its data rows other than the structure and the averages
 * carry their segment's id above bit 37 of the row id (FTS5_SEGMENT_ROWID in fts5Int.h). */
static inline gint64
dt_test_count_segments (DtDatabase *db,
                        const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (DISTINCT rowid >> 37) FROM %s_data "
                                          "WHERE rowid >> 37 > 0", table);

  return dt_test_query_int (db, sql);
}

/* Stands in for the program's SQL functions, which parsing the schema needs. */
static inline void
dt_test_null_func (sqlite3_context *context,
                   int              argc,
                   sqlite3_value  **argv)
{
  sqlite3_result_null (context);
}

/* Takes the database at PATH back to before migrations 0009 and 0011, for tests that rebuild
 * an older schema: no "changes" in the audit log, no audit triggers naming the columns they
 * would drop (0009 makes them again), and 0001's index of open petitions. */
static inline void
dt_test_undo_audit_changes (const char *path)
{
  static const char * const functions[] = { "dt_fold", "dt_sort_key", "dt_defer_index" };
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    sqlite3_create_function (raw, functions[i], 1,
                             SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                             dt_test_null_func, NULL, NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT name FROM sqlite_schema WHERE type = "
                                            "'trigger' AND name LIKE '%\\_audit\\_%' ESCAPE '\\'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP TRIGGER \"%s\"",
                                              (char *) names->pdata[i]);
      g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  if (sqlite3_exec (raw, "ALTER TABLE audit_log DROP COLUMN changes", NULL, NULL, NULL) !=
      SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (raw));
  /* And migration 0011: the index of open petitions as 0001 made it, none of resolved ones. */
  if (sqlite3_exec (raw, "DROP INDEX petitions_resolved; DROP INDEX petitions_open; "
                         "CREATE INDEX petitions_open ON petitions (assigned_date) "
                         "WHERE resolved_date IS NULL;", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (raw));
  sqlite3_close (raw);
}

/* What a run of doithoai-cli (DOITHOAI_CLI) gave: its exit status, and what it wrote. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} DtTestRun;

static inline void
dt_test_run_clear (DtTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DtTestRun, dt_test_run_clear)

/* Runs doithoai-cli with the arguments that follow (NULL-terminated) into RUN; TODAY, when not
 * NULL, is the day it takes for today (DOITHOAI_TODAY). A program that does not end by exit
 * fails the test. */
static inline void
dt_test_cli (DtTestRun  *run,
             const char *today,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DOITHOAI_CLI"));
  va_start (args, today);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (today != NULL)
    envp = g_environ_setenv (envp, "DOITHOAI_TODAY", today, TRUE);
  dt_test_run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = 0;
  if (!g_spawn_check_wait_status (wait_status, &error))
    {
      g_assert_error (error, G_SPAWN_EXIT_ERROR, error->code);
      run->status = error->code;
    }
  if (g_test_verbose ())
    g_printerr ("exit %d\nstdout: %s\nstderr: %s\n", run->status, run->out, run->err);
}
