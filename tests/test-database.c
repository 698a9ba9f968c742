/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-records.h"
#include "dt-search.h"
#include "dt-test-util.h"

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static char *
raw_query_text (DtDatabase *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_dt_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
test_migrate_empty (DtTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(DtUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *fk = NULL;
  g_autofree char *sync = NULL;

  g_assert_cmpint (dt_database_schema_version (), >=, 1);
  g_assert_cmpint (dt_database_get_user_version (fixture->db), ==, dt_database_schema_version ());
  g_assert_cmpint (dt_database_count (fixture->db, "petitions", &error), ==, 0);
  g_assert_no_error (error);

  journal = raw_query_text (fixture->db, "PRAGMA journal_mode");
  fk = raw_query_text (fixture->db, "PRAGMA foreign_keys");
  sync = raw_query_text (fixture->db, "PRAGMA synchronous");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpstr (fk, ==, "1");
  g_assert_cmpstr (sync, ==, "2");  /* FULL */

  /* The unit exists from the start with the rules of DESIGN §2. */
  unit = dt_unit_load (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_null (unit->name);
  g_assert_cmpint (unit->notice_lead_days, ==, 7);
  g_assert_cmpint (unit->conclusion_days, ==, 10);
  g_assert_cmpint (unit->answer_working_days, ==, 30);
  g_assert_cmpint (unit->margin_left, ==, 30);
}

static void
test_reopen (DtTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 audit;

  g_assert_true (dt_list_add (fixture->db, DT_LIST_VILLAGES, "Thôn Đông", &error));
  g_assert_no_error (error);
  audit = dt_database_count (fixture->db, "audit_log", NULL);
  g_clear_object (&fixture->db);

  fixture->db = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_get_user_version (fixture->db), ==, dt_database_schema_version ());
  g_assert_cmpint (dt_database_count (fixture->db, "villages", NULL), ==, 1);
  /* Nothing ran again: no migration re-created or re-filled anything. */
  g_assert_cmpint (dt_database_count (fixture->db, "audit_log", NULL), ==, audit);
}

static void
test_newer_refused (DtTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d",
                                          dt_database_schema_version () + 1);

  g_clear_object (&fixture->db);
  raw_exec (fixture->path, sql);
  before = dt_test_file_checksum (fixture->path);

  db = dt_database_open (fixture->path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_null (db);
  g_assert_error (error, DT_ERROR, DT_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "newer"));

  after = dt_test_file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_damaged (DtTestFixture *fixture,
              gconstpointer  data)
{
  g_autofree char *garbage_path = g_build_filename (fixture->dir, "garbage.sqlite", NULL);
  g_autofree char *garbage = g_malloc (8192);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = NULL;

  for (guint i = 0; i < 8192; i++)
    garbage[i] = (char) (i * 7919 % 251);
  g_assert_true (g_file_set_contents (garbage_path, garbage, 8192, NULL));
  before = dt_test_file_checksum (garbage_path);

  db = dt_database_open (garbage_path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_null (db);
  g_assert_error (error, DT_ERROR, DT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "garbage.sqlite"));
  after = dt_test_file_checksum (garbage_path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_damaged_pages (DtTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* Enough rows for several pages, then scribble over the middle of the file. */
  for (int i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("Thôn số %d có một tên khá dài để chiếm chỗ", i);
      g_assert_true (dt_list_add (fixture->db, DT_LIST_VILLAGES, name, &error));
    }
  g_clear_object (&fixture->db);

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096 * 6);
  for (gsize i = 4096 * 3; i < 4096 * 5; i++)
    contents[i] = (char) 0xA5;
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));

  fixture->db = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
  if (fixture->db == NULL)
    {
      g_assert_error (error, DT_ERROR, DT_ERROR_CORRUPT);
      return;
    }
  problems = dt_database_check (fixture->db, &error);
  if (problems == NULL)
    g_assert_error (error, DT_ERROR, DT_ERROR_CORRUPT);
  else
    g_assert_cmpuint (problems->len, >, 0);
}

static void
test_foreign (DtTestFixture *fixture,
              gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "other.sqlite", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = NULL;

  raw_exec (other, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)");
  before = dt_test_file_checksum (other);
  db = dt_database_open (other, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_null (db);
  g_assert_error (error, DT_ERROR, DT_ERROR_FOREIGN);
  after = dt_test_file_checksum (other);
  g_assert_cmpstr (before, ==, after);
}

static void
test_missing (DtTestFixture *fixture,
              gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "nothing-here.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = NULL;

  db = dt_database_open (missing, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_null (db);
  g_assert_error (error, DT_ERROR, DT_ERROR_MISSING);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static gint64
audit_rows (DtDatabase *db,
            const char *action,
            const char *label)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  sqlite3_prepare_v2 (_dt_database_get_handle (db),
                      "SELECT count(*) FROM audit_log WHERE action = ? AND entity = 'petitions' "
                      "AND label = ? AND actor <> '' AND at LIKE '____-__-__T%'",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, label, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static void
test_audit_log (DtTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(DtPetition) petition = dt_petition_new ();
  g_autoptr(GError) error = NULL;

  petition->code = g_strdup ("2025-0001");
  petition->received = g_strdup ("2025-04-15");
  petition->channel = g_strdup ("written");
  petition->summary = g_strdup ("Đề nghị sửa đường");

  g_assert_true (dt_petition_insert (fixture->db, petition, &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_rows (fixture->db, "insert", "2025-0001"), ==, 1);

  g_free (petition->summary);
  petition->summary = g_strdup ("Đề nghị sửa đường liên thôn");
  g_assert_true (dt_petition_update (fixture->db, petition, &error));
  g_assert_cmpint (audit_rows (fixture->db, "update", "2025-0001"), ==, 1);

  g_assert_true (dt_petition_delete (fixture->db, "2025-0001", &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_rows (fixture->db, "delete", "2025-0001"), ==, 1);

  /* A change that fails leaves no trace in the log either. */
  g_assert_false (dt_petition_update (fixture->db, petition, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_FOUND);
  g_assert_cmpint (audit_rows (fixture->db, "update", "2025-0001"), ==, 1);
}

static void
test_transaction_rollback (DtTestFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_dt_database_savepoint (fixture->db, &error));
  g_assert_true (dt_list_add (fixture->db, DT_LIST_FIELDS, "Đất đai", &error));
  g_assert_cmpint (dt_database_count (fixture->db, "fields", NULL), ==, 1);
  _dt_database_undo (fixture->db);
  g_assert_cmpint (dt_database_count (fixture->db, "fields", NULL), ==, 0);
  g_assert_cmpint (dt_database_count (fixture->db, "audit_log", NULL), ==, 0);
}

static void
test_locked (DtTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  /* Another program holds the write lock. */
  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  dt_database_set_busy_timeout (fixture->db, 50);
  g_assert_false (dt_list_add (fixture->db, DT_LIST_VILLAGES, "Thôn Đông", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_LOCKED);
  g_assert_cmpint (dt_error_exit_status (error), ==, 3);
  g_assert_nonnull (strstr (error->message, "another program"));

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  g_clear_error (&error);
  g_assert_true (dt_list_add (fixture->db, DT_LIST_VILLAGES, "Thôn Đông", &error));
  g_assert_no_error (error);
}

static void
test_upgrade_from_1 (DtTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(DtPetition) petition = dt_petition_new ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  petition->code = g_strdup ("2024-0001");
  petition->received = g_strdup ("2024-05-02");
  petition->channel = g_strdup ("direct");
  petition->petitioner = g_strdup ("Đặng Thị Hương");
  petition->summary = g_strdup ("Đề nghị sửa cầu");
  g_assert_true (dt_petition_insert (fixture->db, petition, &error));
  g_clear_object (&fixture->db);

  /* Take the database back to schema 1, as an older DoiThoai left it: no search index. */
  raw_exec (fixture->path, "DROP TRIGGER petitions_fts_insert; DROP TRIGGER petitions_fts_update;"
                           "DROP TRIGGER petitions_fts_delete; DROP VIEW petitions_search_text;"
                           "DROP TABLE petitions_fts; DROP INDEX petitions_state;"
                           "DROP INDEX petitions_petitioner; DROP INDEX petitions_field;"
                           "DROP INDEX petitions_village; DROP INDEX petitions_agency;"
                           "DROP INDEX petitions_channel; DROP INDEX petitions_concerns;"
                           "DROP INDEX petitions_confidential; DROP INDEX petitions_duplicates;"
                           "DROP TABLE drafts;"
                           "ALTER TABLE petitions DROP COLUMN petitioner_key;"
                           "ALTER TABLE petitions DROP COLUMN revision;"
                           "ALTER TABLE petitions DROP COLUMN concerns;"
                           "PRAGMA user_version = 1;");

  fixture->db = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_get_user_version (fixture->db), ==, dt_database_schema_version ());
  /* The migration indexed what was already there. */
  hits = dt_search_petitions (fixture->db, "dang huong", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

static void
test_backup (DtTestFixture *fixture,
             gconstpointer  data)
{
  g_autofree char *target = g_build_filename (fixture->dir, "Sao lưu dữ liệu.sqlite", NULL);
  g_autofree char *partial = g_strconcat (target, ".part", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) copy = NULL;

  g_assert_true (dt_list_add (fixture->db, DT_LIST_AGENCIES, "UBND xã", &error));
  g_assert_true (dt_database_backup (fixture->db, target, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  copy = dt_database_open (target, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_count (copy, "agencies", NULL), ==, 1);

  /* A destination that cannot be written names itself and leaves nothing behind. */
  g_clear_pointer (&target, g_free);
  target = g_build_filename (fixture->dir, "no-such-folder", "backup.sqlite", NULL);
  g_assert_false (dt_database_backup (fixture->db, target, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_IO);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

/* The page cache: 64 MiB as opened, what the window asks for after. */
static void
test_cache_size (DtTestFixture *fixture,
                 gconstpointer  data)
{
  sqlite3_stmt *stmt;

  stmt = _dt_database_prepare (fixture->db, "PRAGMA cache_size", NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, -65536);
  sqlite3_reset (stmt);
  dt_database_set_cache_size (fixture->db, 16384);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, -16384);
  sqlite3_reset (stmt);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/core/database/migrate-empty", test_migrate_empty);
  DT_TEST_ADD ("/core/database/reopen", test_reopen);
  DT_TEST_ADD ("/core/database/newer-refused", test_newer_refused);
  DT_TEST_ADD ("/core/database/damaged-file", test_damaged);
  DT_TEST_ADD ("/core/database/damaged-pages", test_damaged_pages);
  DT_TEST_ADD ("/core/database/foreign-file", test_foreign);
  DT_TEST_ADD ("/core/database/missing-file", test_missing);
  DT_TEST_ADD ("/core/database/audit-log", test_audit_log);
  DT_TEST_ADD ("/core/database/transaction-rollback", test_transaction_rollback);
  DT_TEST_ADD ("/core/database/backup", test_backup);
  DT_TEST_ADD ("/core/database/locked", test_locked);
  DT_TEST_ADD ("/core/database/upgrade-from-1", test_upgrade_from_1);
  DT_TEST_ADD ("/core/database/cache-size", test_cache_size);

  return g_test_run ();
}
