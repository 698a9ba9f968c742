/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-exchange.h"
#include "dt-records.h"
#include "dt-search.h"
#include "dt-test-util.h"

#ifdef G_OS_UNIX
# include <signal.h>
# include <sys/resource.h>
# include <sys/stat.h>
# include <unistd.h>
#endif

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

/* The "changes" of the newest audit entry for ENTITY and ACTION, as JSON. */
static char *
audit_changes (DtDatabase *db,
               const char *entity,
               const char *action)
{
  sqlite3_stmt *stmt = NULL;
  char *changes = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_dt_database_get_handle (db),
                                       "SELECT changes FROM audit_log WHERE entity = ? AND "
                                       "action = ? ORDER BY id DESC LIMIT 1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    changes = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return changes;
}

static void
test_audit_changes (DtTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(DtPetition) petition = dt_petition_new ();
  g_autoptr(DtUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *inserted = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *unit_changes = NULL;
  g_autofree char *at = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = NULL;
  gint64 entries;

  g_assert_true (dt_list_add (fixture->db, DT_LIST_AGENCIES, "UBND xã", &error));
  petition->code = g_strdup ("2025-0001");
  petition->received = g_strdup ("2025-04-15");
  petition->channel = g_strdup ("written");
  petition->petitioner = g_strdup ("Trần Thị Bình");
  petition->summary = g_strdup ("Đề nghị sửa đường");
  g_assert_true (dt_petition_insert (fixture->db, petition, &error));
  g_assert_no_error (error);

  /* An insert: every field it set, with no old value. */
  inserted = audit_changes (fixture->db, "petitions", "insert");
  g_assert_nonnull (inserted);
  g_assert_nonnull (strstr (inserted, "\"summary\":[null,\"Đề nghị sửa đường\"]"));
  g_assert_nonnull (strstr (inserted, "\"petitioner\":[null,\"Trần Thị Bình\"]"));
  g_assert_null (strstr (inserted, "\"address\""));

  /* An update: only what changed, old → new, references by name. */
  g_free (petition->summary);
  petition->summary = g_strdup ("Đề nghị sửa đường liên thôn");
  petition->assigned_to = g_strdup ("UBND xã");
  petition->assigned_date = g_strdup ("2025-04-22");
  g_assert_true (dt_petition_update (fixture->db, petition, &error));
  g_assert_no_error (error);
  updated = audit_changes (fixture->db, "petitions", "update");
  g_assert_cmpstr (updated, ==,
                   "{\"summary\":[\"Đề nghị sửa đường\",\"Đề nghị sửa đường liên thôn\"],"
                   "\"assigned_to\":[null,\"UBND xã\"],"
                   "\"assigned_date\":[null,\"2025-04-22\"],\"revision\":[1,2]}");

  /* When: in the log's own clock, UTC, within a minute of now. */
  at = raw_query_text (fixture->db, "SELECT at FROM audit_log ORDER BY id DESC LIMIT 1");
  when = g_date_time_new_from_iso8601 (at, NULL);
  g_assert_nonnull (when);
  g_assert_cmpint (ABS (g_date_time_difference (now, when)), <, 60 * G_TIME_SPAN_SECOND);

  /* Saving the same values again changes nothing, and writes nothing. */
  entries = dt_database_count (fixture->db, "audit_log", NULL);
  g_assert_true (dt_petition_update (fixture->db, petition, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_count (fixture->db, "audit_log", NULL), ==, entries);

  /* The unit's settings too. */
  unit = dt_unit_load (fixture->db, &error);
  unit->answer_working_days = 20;
  g_assert_true (dt_unit_save (fixture->db, unit, &error));
  g_assert_no_error (error);
  unit_changes = audit_changes (fixture->db, "unit", "update");
  g_assert_cmpstr (unit_changes, ==, "{\"answer_working_days\":[30,20]}");

  /* A delete keeps what was removed. */
  g_assert_true (dt_petition_delete (fixture->db, "2025-0001", &error));
  g_assert_no_error (error);
  deleted = audit_changes (fixture->db, "petitions", "delete");
  g_assert_nonnull (deleted);
  g_assert_nonnull (strstr (deleted, "\"summary\":[\"Đề nghị sửa đường liên thôn\",null]"));
  g_assert_nonnull (strstr (deleted, "\"assigned_to\":[\"UBND xã\",null]"));
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
  dt_test_undo_audit_changes (fixture->path);
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
                           "DROP INDEX sessions_status;"
                           "ALTER TABLE sessions DROP COLUMN status_reason;"
                           "ALTER TABLE villages DROP COLUMN retired;"
                           "ALTER TABLE agencies DROP COLUMN retired;"
                           "ALTER TABLE fields DROP COLUMN retired;"
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

static void
test_backup_guard (DtTestFixture *fixture,
                   gconstpointer  data)
{
  g_autofree char *base = g_path_get_basename (fixture->path);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *dotted = g_build_filename (fixture->dir, ".", base, NULL);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_list_add (fixture->db, DT_LIST_AGENCIES, "UBND xã", &error));
  g_ptr_array_add (targets, g_strdup (fixture->path));
  g_ptr_array_add (targets, g_strdup (wal));
  g_ptr_array_add (targets, g_strconcat (fixture->path, "-journal", NULL));
  g_ptr_array_add (targets, g_strdup (dotted));
#ifdef G_OS_UNIX
  {
    /* A folder linked to the database's folder, and a hard link to the file. */
    g_autofree char *linked = g_build_filename (fixture->dir, "linked", NULL);
    g_autofree char *hard = g_build_filename (fixture->dir, "hard.sqlite", NULL);

    g_assert_cmpint (symlink (fixture->dir, linked), ==, 0);
    g_assert_cmpint (link (fixture->path, hard), ==, 0);
    g_ptr_array_add (targets, g_build_filename (linked, base, NULL));
    g_ptr_array_add (targets, g_strconcat ((char *) targets->pdata[targets->len - 1], "-shm",
                                           NULL));
    g_ptr_array_add (targets, g_strdup (hard));
  }
#endif

  for (guint i = 0; i < targets->len; i++)
    {
      const char *target = g_ptr_array_index (targets, i);

      if (!dt_database_backup (fixture->db, target, &error))
        g_assert_error (error, DT_ERROR, DT_ERROR_IO);
      else
        g_error ("A backup was written over the database as “%s”", target);
      g_clear_error (&error);
    }

  /* Still the same database, with its records, and no copy or journal left about. */
  g_assert_true (dt_list_add (fixture->db, DT_LIST_AGENCIES, "Công an xã", &error));
  g_clear_object (&fixture->db);
  fixture->db = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_count (fixture->db, "agencies", NULL), ==, 2);
  g_assert_cmpuint (dt_test_count_files (fixture->dir, ".part"), ==, 0);
}

#ifdef G_OS_UNIX
static void
test_backup_not_regular (DtTestFixture *fixture,
                         gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "pipe.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  struct stat buf;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (dt_database_backup (fixture->db, fifo, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "pipe.sqlite"));
  g_assert_cmpint (lstat (fifo, &buf), ==, 0);
  g_assert_true (S_ISFIFO (buf.st_mode));
  g_assert_cmpuint (dt_test_count_files (fixture->dir, ".part"), ==, 0);
}

static void
test_backup_full_disk (DtTestFixture *fixture,
                       gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *target = g_build_filename (fixture->dir, "Sao lưu.sqlite", NULL);
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 64 * 1024, 64 * 1024 };

      g_assert_true (_dt_database_savepoint (fixture->db, &error));
      for (guint i = 0; i < 3000; i++)
        {
          g_autofree char *name = g_strdup_printf ("Thôn số %u, một cái tên khá dài cho đủ chỗ",
                                                   i);
          g_assert_true (dt_list_add (fixture->db, DT_LIST_VILLAGES, name, &error));
        }
      g_assert_true (_dt_database_release (fixture->db, &error));

      /* Past 64 KiB every write fails, as on a full disk. */
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (dt_database_backup (fixture->db, target, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "Sao lưu.sqlite"));
      g_assert_null (strstr (error->message, ".part"));
      g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
      /* Neither the copy nor SQLite's journal of it. */
      g_assert_cmpuint (dt_test_count_files (fixture->dir, ".part"), ==, 0);
      g_assert_cmpuint (dt_test_count_files (fixture->dir, "-journal"), ==, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}
#endif

static void
test_read_only (DtTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(DtPetition) petition = dt_petition_new ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *exported = NULL;

  petition->code = g_strdup ("2025-0001");
  petition->received = g_strdup ("2025-04-15");
  petition->channel = g_strdup ("direct");
  petition->petitioner = g_strdup ("Đặng Thị Hương");
  petition->summary = g_strdup ("Đề nghị sửa cầu");
  g_assert_true (dt_petition_insert (fixture->db, petition, &error));
  g_clear_object (&fixture->db);
  before = dt_test_file_checksum (fixture->path);

  fixture->db = dt_database_open (fixture->path, DT_DATABASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (dt_database_is_read_only (fixture->db));

  /* Reading works: search, check, export. */
  hits = dt_search_petitions (fixture->db, "dang huong", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  problems = dt_database_check (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  exported = dt_exchange_export_string (fixture->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (exported, "Đặng Thị Hương"));

  /* A change says the file is read-only, and the file stays as it was. */
  g_assert_false (dt_list_add (fixture->db, DT_LIST_VILLAGES, "Thôn Đông", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_DATABASE);
  g_assert_cmpint (dt_error_exit_status (error), ==, 3);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_false (dt_exchange_import_data (fixture->db, exported, strlen (exported), "x.json",
                                           TRUE, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_object (&fixture->db);
  after = dt_test_file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* The live database is refused as a backup under any name that leads to it. */
static void
test_backup_over_itself (DtTestFixture *fixture,
                         gconstpointer  data)
{
  g_autofree char *base = g_path_get_basename (fixture->path);
  g_autofree char *dotted = g_build_filename (fixture->dir, ".", base, NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *upper = g_ascii_strup (base, -1);
  g_autofree char *upper_path = g_build_filename (fixture->dir, upper, NULL);
  const char *refused[] = { fixture->path, dotted, wal,
#ifdef G_OS_WIN32
                            /* Names ignore letter case on Windows. */
                            upper_path,
#endif
                          };
  g_autoptr(DtDatabase) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_list_add (fixture->db, DT_LIST_AGENCIES, "UBND xã", &error));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (dt_database_backup (fixture->db, refused[i], &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_IO);
      g_clear_error (&error);
    }

  again = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_count (again, "agencies", NULL), ==, 1);
#ifndef G_OS_WIN32
  /* Where names keep their case, the same letters in capitals are another file. */
  g_assert_true (dt_database_backup (fixture->db, upper_path, &error));
  g_assert_no_error (error);
#endif
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
  DT_TEST_ADD ("/core/database/audit-changes", test_audit_changes);
  DT_TEST_ADD ("/core/database/transaction-rollback", test_transaction_rollback);
  DT_TEST_ADD ("/core/database/backup", test_backup);
  DT_TEST_ADD ("/core/database/backup-guard", test_backup_guard);
#ifdef G_OS_UNIX
  DT_TEST_ADD ("/core/database/backup-not-regular", test_backup_not_regular);
  DT_TEST_ADD ("/core/database/backup-full-disk", test_backup_full_disk);
#endif
  DT_TEST_ADD ("/core/database/read-only", test_read_only);

  DT_TEST_ADD ("/core/database/backup-over-itself", test_backup_over_itself);
  DT_TEST_ADD ("/core/database/locked", test_locked);
  DT_TEST_ADD ("/core/database/upgrade-from-1", test_upgrade_from_1);
  DT_TEST_ADD ("/core/database/cache-size", test_cache_size);

  return g_test_run ();
}
