/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One connection per thread, change notifications, and the safety nets around them. */
#include "config.h"

#include <string.h>

#include <jansson.h>

#include "dt-core-resources.h"
#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-exchange.h"
#include "dt-records.h"
#include "dt-test-util.h"

#define N_WRITTEN 150

static DtPetition *
numbered_petition (guint n)
{
  DtPetition *petition = dt_petition_new ();

  petition->code = g_strdup_printf ("2025-%04u", n);
  petition->received = g_strdup ("2025-03-01");
  petition->channel = g_strdup ("written");
  petition->petitioner = g_strdup_printf ("Người kiến nghị số %u", n);
  petition->summary = g_strdup_printf ("Kiến nghị số %u", n);
  g_ptr_array_add (petition->events,
                   dt_petition_event_new ("2025-03-02", petition->code, NULL));
  g_ptr_array_add (petition->events, dt_petition_event_new ("2025-03-03", "Nhắc lần 2", NULL));
  return petition;
}

typedef struct
{
  const char *path;
  gint        writer_done;
  guint       exports;
  char       *last_export;
  char       *problem;
} Shared;

static gpointer
writer_thread (gpointer data)
{
  Shared *shared = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = dt_database_open (shared->path, DT_DATABASE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  dt_database_set_busy_timeout (db, 20000);
  for (guint i = 1; i <= N_WRITTEN; i++)
    {
      g_autoptr(DtPetition) petition = numbered_petition (i);

      g_assert_cmpint (dt_petition_insert (db, petition, &error), >, 0);
      g_assert_no_error (error);
    }
  g_atomic_int_set (&shared->writer_done, 1);
  return NULL;
}

/* Every petition of the document has its own two events: a shared connection gave some of
 * them the events of another, or none. */
static char *
check_document (const char *text)
{
  json_error_t json_error;
  json_t *root = json_loads (text, 0, &json_error);
  json_t *petitions, *petition;
  size_t i;
  char *problem = NULL;

  if (root == NULL)
    return g_strdup_printf ("not JSON: %s", json_error.text);
  petitions = json_object_get (root, "petitions");
  json_array_foreach (petitions, i, petition)
    {
      json_t *events = json_object_get (petition, "events");
      const char *code = json_string_value (json_object_get (petition, "code"));
      const char *first = json_string_value (json_object_get (json_array_get (events, 0), "text"));

      if (json_array_size (events) != 2 || g_strcmp0 (first, code) != 0)
        {
          problem = g_strdup_printf ("%s has %zu events, the first “%s”", code,
                                     json_array_size (events), first);
          break;
        }
    }
  json_decref (root);
  return problem;
}

static gpointer
reader_thread (gpointer data)
{
  Shared *shared = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = dt_database_open (shared->path, DT_DATABASE_OPEN_EXISTING, &error);
  gboolean last = FALSE;

  g_assert_no_error (error);
  while (!last)
    {
      g_autofree char *text = NULL;

      last = g_atomic_int_get (&shared->writer_done);
      text = dt_exchange_export_string (db, FALSE, &error);
      g_assert_no_error (error);
      shared->exports++;
      if (shared->problem == NULL)
        shared->problem = check_document (text);
      g_free (shared->last_export);
      shared->last_export = g_steal_pointer (&text);
    }
  return NULL;
}

static void
test_two_threads (DtTestFixture *fixture,
                  gconstpointer  data)
{
  Shared shared = { fixture->path };
  g_autoptr(GError) error = NULL;
  g_autofree char *final = NULL;
  GThread *writer, *reader;

  reader = g_thread_new ("reader", reader_thread, &shared);
  writer = g_thread_new ("writer", writer_thread, &shared);
  g_thread_join (writer);
  g_thread_join (reader);

  g_assert_cmpstr (shared.problem, ==, NULL);
  g_assert_cmpuint (shared.exports, >, 1);
  g_assert_cmpint (dt_database_count (fixture->db, "petitions", &error), ==, N_WRITTEN);
  g_assert_cmpint (dt_database_count (fixture->db, "petition_events", &error), ==, 2 * N_WRITTEN);
  /* The reader's last snapshot, taken after the last commit, is what this thread sees. */
  final = dt_exchange_export_string (fixture->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (final, ==, shared.last_export);
  g_free (shared.last_export);
}

static gpointer
misuse_thread (gpointer data)
{
  dt_database_count (data, "petitions", NULL);
  return NULL;
}

static void
test_wrong_thread (DtTestFixture *fixture,
                   gconstpointer  data)
{
#ifndef DT_CHECK_THREADS
  g_test_skip ("Only debug builds check the thread");
#else
  if (g_test_subprocess ())
    {
      g_thread_join (g_thread_new ("misuse", misuse_thread, fixture->db));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*used from a thread that did not open it*");
#endif
}

/* A statement still stepping is never reset under its caller by a second use of the same SQL
 * (a loop over rows that calls something running that SQL). */
static void
test_busy_statement (DtTestFixture *fixture,
                     gconstpointer  data)
{
  static const char *sql = "SELECT name FROM villages ORDER BY name";
  const char * const names[] = { "Thôn Bắc", "Thôn Đông", "Thôn Nam" };
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *outer, *inner;
  guint outer_rows = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_true (dt_list_add (fixture->db, DT_LIST_VILLAGES, names[i], &error));

  outer = _dt_database_prepare_static (fixture->db, sql, &error);
  g_assert_no_error (error);
  while (sqlite3_step (outer) == SQLITE_ROW)
    {
      guint inner_rows = 0;

      outer_rows++;
      inner = _dt_database_prepare_static (fixture->db, sql, &error);
      g_assert_no_error (error);
      g_assert_true (inner != outer);
      while (sqlite3_step (inner) == SQLITE_ROW)
        inner_rows++;
      sqlite3_reset (inner);
      g_assert_cmpuint (inner_rows, ==, 3);
    }
  sqlite3_reset (outer);
  g_assert_cmpuint (outer_rows, ==, 3);
  /* Once both are done, the first copy serves again. */
  g_assert_true (_dt_database_prepare_static (fixture->db, sql, &error) == outer);
}

typedef struct
{
  guint      emissions;
  DtChanges *last;
} Heard;

static void
changed_cb (DtDatabase *db,
            DtChanges  *changes,
            Heard      *heard)
{
  heard->emissions++;
  g_clear_pointer (&heard->last, dt_changes_unref);
  heard->last = dt_changes_ref (changes);
}

static void
test_changes (DtTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(DtPetition) first = numbered_petition (1);
  g_autoptr(DtPetition) second = numbered_petition (2);
  g_autoptr(DtPetition) third = numbered_petition (3);
  g_autoptr(DtDatabase) other = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  Heard heard = { 0 };
  gint64 id1, id3;

  g_signal_connect (fixture->db, "changed", G_CALLBACK (changed_cb), &heard);

  /* One commit, one emission naming the rows. */
  id1 = dt_petition_insert (fixture->db, first, &error);
  g_assert_cmpint (id1, >, 0);
  g_assert_cmpuint (heard.emissions, ==, 1);
  g_assert_false (dt_changes_is_external (heard.last));
  g_assert_true (dt_changes_touches (heard.last, "petitions"));
  g_assert_true (dt_changes_touches (heard.last, "petition_events"));
  g_assert_false (dt_changes_touches (heard.last, "sessions"));
  g_assert_true (dt_changes_contains (heard.last, "petitions", id1));
  g_assert_false (dt_changes_contains (heard.last, "petitions", id1 + 1));
  rows = dt_changes_get_rows (heard.last, "petitions");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (g_array_index (rows, gint64, 0), ==, id1);

  /* Nothing is told of a rollback, nor of what a savepoint undid inside a commit. */
  g_assert_true (_dt_database_savepoint (fixture->db, &error));
  g_assert_cmpint (dt_petition_insert (fixture->db, second, &error), >, 0);
  g_assert_cmpuint (heard.emissions, ==, 1);
  _dt_database_undo (fixture->db);
  g_assert_cmpuint (heard.emissions, ==, 1);

  g_assert_true (_dt_database_savepoint (fixture->db, &error));
  g_assert_true (_dt_database_savepoint (fixture->db, &error));
  g_assert_cmpint (dt_petition_insert (fixture->db, second, &error), >, 0);
  _dt_database_undo (fixture->db);
  id3 = dt_petition_insert (fixture->db, third, &error);
  g_assert_cmpint (id3, >, 0);
  g_assert_true (_dt_database_release (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (heard.emissions, ==, 2);
  g_clear_pointer (&rows, g_array_unref);
  rows = dt_changes_get_rows (heard.last, "petitions");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (g_array_index (rows, gint64, 0), ==, id3);

  /* An update that changes nothing writes nothing, and says nothing. */
  g_clear_pointer (&first, dt_petition_free);
  first = dt_petition_load (fixture->db, "2025-0001", &error);
  g_assert_true (dt_petition_update (fixture->db, first, &error));
  g_assert_cmpuint (heard.emissions, ==, 2);

  /* Another connection's commit is noticed when asked, once. */
  other = dt_database_open_another (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_false (dt_database_check_external (fixture->db, &error));
  g_assert_true (dt_list_add (other, DT_LIST_FIELDS, "Đất đai", &error));
  g_assert_cmpuint (heard.emissions, ==, 2);
  g_assert_true (dt_database_check_external (fixture->db, &error));
  g_assert_cmpuint (heard.emissions, ==, 3);
  g_assert_true (dt_changes_is_external (heard.last));
  g_assert_true (dt_changes_touches (heard.last, "fields"));
  g_assert_null (dt_changes_get_rows (heard.last, "fields"));
  g_assert_false (dt_database_check_external (fixture->db, &error));
  g_assert_cmpuint (heard.emissions, ==, 3);

  g_clear_pointer (&heard.last, dt_changes_unref);
}

/* Built without its migrations (a linker that dropped the resource), the program refuses to
 * open rather than making an empty database. */
static void
test_no_schema (DtTestFixture *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "mới.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  DtDatabase *db;

  dt_core_unregister_resource ();
  g_assert_cmpint (dt_database_schema_version (), ==, 0);
  db = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
  dt_core_register_resource ();

  g_assert_null (db);
  g_assert_error (error, DT_ERROR, DT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "schema"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (dt_database_schema_version (), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/core/connections/two-threads", test_two_threads);
  DT_TEST_ADD ("/core/connections/wrong-thread", test_wrong_thread);
  DT_TEST_ADD ("/core/connections/busy-statement", test_busy_statement);
  DT_TEST_ADD ("/core/connections/changes", test_changes);
  DT_TEST_ADD ("/core/connections/no-schema", test_no_schema);

  return g_test_run ();
}
