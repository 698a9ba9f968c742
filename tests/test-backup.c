/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "dt-backup.h"
#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-exchange.h"
#include "dt-records.h"
#include "dt-test-util.h"

#ifdef G_OS_UNIX
# include <signal.h>
# include <sys/resource.h>
# include <sys/stat.h>
# include <time.h>
# include <unistd.h>
# include <utime.h>
#endif

static void
add_village (DtDatabase *db,
             const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_list_add (db, DT_LIST_VILLAGES, name, &error));
  g_assert_no_error (error);
}

static void
add_petition (DtDatabase *db,
              const char *code)
{
  dt_test_add_petition (db, code, "2025-04-15", "Đặng Thị Hương", NULL, NULL, "Đề nghị sửa cầu");
}

static guint
count_kind (GPtrArray    *backups,
            DtBackupKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < backups->len; i++)
    n += ((DtBackup *) g_ptr_array_index (backups, i))->kind == kind;
  return n;
}

static void
set_today (const char *iso)
{
  g_assert_true (g_setenv ("DOITHOAI_TODAY", iso, TRUE));
}

static void
test_at_start (DtTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(DtBackup) made = NULL;
  g_autoptr(DtBackup) again = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = dt_backup_folder (fixture->path);
  DtBackup *listed;

  set_today ("2026-03-02");
  /* Nothing written yet: nothing to keep. */
  g_assert_true (dt_backup_at_start (fixture->db, &made, &error));
  g_assert_no_error (error);
  g_assert_null (made);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  add_petition (fixture->db, "2026-0001");
  add_petition (fixture->db, "2026-0002");
  g_assert_true (dt_backup_at_start (fixture->db, &made, &error));
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_assert_cmpint (made->kind, ==, DT_BACKUP_DAILY);
  g_assert_true (g_str_has_prefix (made->path, folder));
  g_assert_nonnull (strstr (made->path, "test-2026-03-02-"));
  g_assert_true (g_str_has_suffix (made->path, "-hang-ngay.sqlite"));
  g_assert_true (made->readable);
  g_assert_cmpint (made->petitions, ==, 2);
  g_assert_cmpint (made->schema_version, ==, dt_database_schema_version ());
  g_assert_true (dt_backup_verify (made->path, TRUE, &error));
  g_assert_no_error (error);

  /* The same day again: nothing more. */
  add_petition (fixture->db, "2026-0003");
  g_assert_true (dt_backup_at_start (fixture->db, &again, &error));
  g_assert_null (again);

  /* The list reads the records from the copy itself, not from the database. */
  backups = dt_backup_list (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  listed = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (listed->path, ==, made->path);
  g_assert_cmpint (listed->petitions, ==, 2);
  g_assert_cmpint (listed->size, >, 0);
  g_assert_cmpint (g_date_time_get_day_of_month (listed->made), ==, 2);

  /* The next day: a copy of its own, listed first. */
  set_today ("2026-03-03");
  g_clear_pointer (&again, dt_backup_free);
  g_assert_true (dt_backup_at_start (fixture->db, &again, &error));
  g_assert_nonnull (again);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = dt_backup_list (fixture->path, &error);
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_cmpint (((DtBackup *) g_ptr_array_index (backups, 0))->petitions, ==, 3);
  g_unsetenv ("DOITHOAI_TODAY");
}

/* 14 daily copies and one a month for 12 months, over a year and a half of daily starts. */
static void
test_retention (DtTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = dt_backup_folder (fixture->path);
  g_autofree char *manual = NULL;
  g_autofree char *first = NULL;
  GDate day;

  add_village (fixture->db, "Thôn Đông");
  g_date_set_dmy (&day, 1, 1, 2025);
  /* Every other day from 1 January 2025 to 1 June 2026, and a copy made by hand. The first
   * starts make real copies; the days between are copies of them, named as a start of that
   * day names its copy (syncing 259 copies to disk would take many seconds). */
  for (guint i = 0; i < 259; i++, g_date_add_days (&day, 2))
    {
      g_autofree char *iso = dt_date_to_iso (&day);
      g_autoptr(DtBackup) made = NULL;

      set_today (iso);
      if (i < 3 || i == 258)
        {
          g_assert_true (dt_backup_at_start (fixture->db, &made, &error));
          g_assert_no_error (error);
          g_assert_nonnull (made);
          g_clear_pointer (&first, g_free);
          first = g_strdup (made->path);
        }
      else
        {
          g_autofree char *name = g_strdup_printf ("test-%s-080000-hang-ngay.sqlite", iso);
          g_autofree char *path = g_build_filename (folder, name, NULL);
          g_autofree char *contents = NULL;
          gsize length;

          g_assert_true (g_file_get_contents (first, &contents, &length, NULL));
          g_assert_true (g_file_set_contents (path, contents, length, NULL));
        }
      if (i == 10)
        {
          g_autoptr(DtBackup) by_hand = dt_backup_make (fixture->db, DT_BACKUP_MANUAL, &error);

          g_assert_no_error (error);
          manual = g_strdup (by_hand->path);
        }
    }
  g_unsetenv ("DOITHOAI_TODAY");

  backups = dt_backup_list (fixture->path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < backups->len; i++)
    {
      DtBackup *backup = g_ptr_array_index (backups, i);

      if (backup->kind == DT_BACKUP_DAILY)
        g_hash_table_add (kept, g_date_time_format (backup->made, "%Y-%m-%d"));
    }
  /* The last one was made on 2026-06-01 (2025-01-01 + 2 × 258 days). Kept: the 14 newest days
   * (1 June and 13 days of May), and the newest of each month back to July 2025 (12 months,
   * June counted). */
  {
    static const char * const expected[] = {
      "2026-06-01", "2026-05-30", "2026-05-28", "2026-05-26", "2026-05-24", "2026-05-22",
      "2026-05-20", "2026-05-18", "2026-05-16", "2026-05-14", "2026-05-12", "2026-05-10",
      "2026-05-08", "2026-05-06",
      "2026-04-30", "2026-03-31", "2026-02-27", "2026-01-30", "2025-12-31", "2025-11-29",
      "2025-10-30", "2025-09-30", "2025-08-31", "2025-07-30",
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      if (!g_hash_table_contains (kept, expected[i]))
        g_error ("The daily copy of %s was not kept", expected[i]);
    g_assert_cmpuint (g_hash_table_size (kept), ==, G_N_ELEMENTS (expected));
  }
  /* A copy made by hand stays whatever its age. */
  g_assert_cmpuint (count_kind (backups, DT_BACKUP_MANUAL), ==, 1);
  g_assert_true (g_file_test (manual, G_FILE_TEST_EXISTS));
  /* And nothing half-written lies about. */
  g_assert_cmpuint (dt_test_count_files (folder, ".part"), ==, 0);

#ifdef G_OS_UNIX
  /* What a copy killed on its way left, an hour ago or more, goes at the next start; what a
   * copy being written now has, stays. */
  {
    g_autofree char *stale = g_build_filename (folder, ".test-x.sqlite.AB12CD.part", NULL);
    g_autofree char *fresh = g_build_filename (folder, ".test-y.sqlite.EF34GH.part", NULL);
    g_autoptr(DtBackup) made = NULL;
    struct utimbuf old = { 0 };

    g_assert_true (g_file_set_contents (stale, "half", -1, NULL));
    g_assert_true (g_file_set_contents (fresh, "half", -1, NULL));
    old.actime = old.modtime = time (NULL) - 7200;
    g_assert_cmpint (g_utime (stale, &old), ==, 0);
    set_today ("2026-06-02");
    g_assert_true (dt_backup_at_start (fixture->db, &made, &error));
    g_unsetenv ("DOITHOAI_TODAY");
    g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  }
#endif
}

/* A database as the version before this one left it: schema 5, before the audit's changes. */
static void
make_older (const char *path)
{
  sqlite3 *raw = NULL;

  dt_test_undo_audit_changes (path);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA user_version = 5", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (raw);
}

static void
test_before_migration (DtTestFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = dt_backup_folder (fixture->path);
  g_autofree char *copy_columns = NULL;
  DtBackup *backup;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  /* A new database has nothing to keep before its first migrations. */
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  add_petition (fixture->db, "2025-0001");
  g_clear_object (&fixture->db);
  make_older (fixture->path);

  fixture->db = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_get_user_version (fixture->db), ==, dt_database_schema_version ());

  backups = dt_backup_list (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  backup = g_ptr_array_index (backups, 0);
  g_assert_cmpint (backup->kind, ==, DT_BACKUP_MIGRATION);
  g_assert_true (g_str_has_suffix (backup->path, "-truoc-nang-cap.sqlite"));
  /* The file as it was: schema 5, its petition, no column of the newer schema. */
  g_assert_cmpint (backup->schema_version, ==, 5);
  g_assert_cmpint (backup->petitions, ==, 1);
  g_assert_cmpint (sqlite3_open_v2 (backup->path, &raw, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT group_concat (name) FROM "
                                            "pragma_table_info ('audit_log')", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  copy_columns = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  g_assert_null (strstr (copy_columns, "changes"));

  /* Opened again, up to date: no second copy. */
  g_clear_object (&fixture->db);
  fixture->db = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = dt_backup_list (fixture->path, &error);
  g_assert_cmpuint (backups->len, ==, 1);
}

static void
test_before_migration_fails (DtTestFixture *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = NULL;
  g_autofree char *folder = dt_backup_folder (fixture->path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_petition (fixture->db, "2025-0001");
  g_clear_object (&fixture->db);
  make_older (fixture->path);
  before = dt_test_file_checksum (fixture->path);

  /* A file where the folder should be: no copy can be made, so no migration runs. */
  g_assert_true (g_file_set_contents (folder, "not a folder", -1, NULL));
  db = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_null (db);
  g_assert_error (error, DT_ERROR, DT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "Nothing was changed"));
  after = dt_test_file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static gint64
count_in (const char *path,
          const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  return dt_database_count (db, table, NULL);
}

static void
test_restore (DtTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(DtBackup) first = NULL;
  g_autoptr(DtBackup) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);

  add_petition (fixture->db, "2025-0001");
  first = dt_backup_make (fixture->db, DT_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  add_petition (fixture->db, "2025-0002");
  add_petition (fixture->db, "2025-0003");

  /* While this program has it open, it is refused, and nothing changes. */
  g_assert_false (dt_backup_restore (fixture->path, first->path, &saved, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "open in another program"));
  g_assert_null (saved);
  g_clear_error (&error);
  g_assert_cmpint (dt_database_count (fixture->db, "petitions", NULL), ==, 3);

  /* Closed: the copy goes in, and the file as it was is kept, with its three petitions. */
  g_clear_object (&fixture->db);
  g_assert_true (dt_backup_restore (fixture->path, first->path, &saved, &error));
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpint (saved->kind, ==, DT_BACKUP_RESTORE);
  g_assert_true (saved->readable);
  g_assert_cmpint (saved->petitions, ==, 3);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_in (fixture->path, "petitions"), ==, 1);
  /* And the restore can itself be undone. */
  g_assert_true (dt_backup_restore (fixture->path, saved->path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_in (fixture->path, "petitions"), ==, 3);
  fixture->db = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
}

static void
test_restore_refused (DtTestFixture *fixture,
                      gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.sqlite", NULL);
  g_autofree char *foreign = g_build_filename (fixture->dir, "other.sqlite", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(DtBackup) good = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *folder = dt_backup_folder (fixture->path);
  gsize length;
  sqlite3 *other = NULL;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Thôn số %u có một cái tên khá dài", i);
      add_village (fixture->db, name);
    }
  good = dt_backup_make (fixture->db, DT_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->db);
  before = dt_test_file_checksum (fixture->path);

  /* A copy with damaged pages: found by the full check, and nothing is touched. */
  g_assert_true (g_file_get_contents (good->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096 * 8);
  memset (contents + 4096 * 4, 0x5A, 4096 * 2);
  g_assert_true (g_file_set_contents (bad, contents, length, NULL));
  g_assert_false (dt_backup_restore (fixture->path, bad, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.sqlite"));
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);

  /* Another program's database, the database itself, a file that is not there. */
  g_assert_cmpint (sqlite3_open (foreign, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "CREATE TABLE accounts (id INTEGER)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_false (dt_backup_restore (fixture->path, foreign, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not a DoiThoai database"));
  g_clear_error (&error);
  g_assert_false (dt_backup_restore (fixture->path, fixture->path, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dt_backup_restore (fixture->path, "/nowhere/at/all.sqlite", NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);

  /* Another program in the middle of a write. */
  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (dt_backup_restore (fixture->path, good->path, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_LOCKED);
  g_clear_error (&error);
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  after = dt_test_file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
  /* Only the good copy in the folder: no “before a restore” copy of a refused one. */
  g_assert_cmpuint (dt_test_count_files (folder, "truoc-khoi-phuc"), ==, 0);
}

/* Kept from the window's former backup module (dt-backups.c): a folder named in Vietnamese,
 * and a plain text file or a missing one offered as a copy. */
static void
test_restore_vietnamese_folder (DtTestFixture *fixture,
                                gconstpointer  data)
{
  g_autofree char *office = g_build_filename (fixture->dir, "văn phòng", NULL);
  g_autofree char *path = g_build_filename (office, "doithoai.sqlite", NULL);
  g_autofree char *expected_folder = g_build_filename (office, "Sao lưu", NULL);
  g_autofree char *folder = dt_backup_folder (path);
  g_autofree char *notes = g_build_filename (office, "ghi chú.txt", NULL);
  g_autofree char *missing = g_build_filename (office, "không có.sqlite", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(DtBackup) made = NULL;
  g_autoptr(DtBackup) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) villages = NULL;

  g_assert_cmpstr (folder, ==, expected_folder);
  db = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_village (db, "Thôn Đông");
  made = dt_backup_make (db, DT_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (made->path, expected_folder));
  add_village (db, "Thôn Tây");
  g_clear_object (&db);
  before = dt_test_file_checksum (path);

  /* Not a database, a file that is not there: nothing moves, nothing is saved first. */
  g_assert_true (g_file_set_contents (notes, "hello", -1, NULL));
  g_assert_false (dt_backup_restore (path, notes, &saved, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ghi chú.txt"));
  g_clear_error (&error);
  g_assert_false (dt_backup_restore (path, missing, &saved, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "không có.sqlite"));
  g_clear_error (&error);
  g_assert_null (saved);
  after = dt_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (dt_test_count_files (folder, "truoc-khoi-phuc"), ==, 0);

  /* The copy itself, through the folder's name. */
  g_assert_true (dt_backup_restore (path, made->path, &saved, &error));
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_true (g_str_has_prefix (saved->path, expected_folder));
  db = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  villages = dt_list_get (db, DT_LIST_VILLAGES, &error);
  g_assert_cmpuint (g_strv_length (villages), ==, 1);
  g_assert_cmpstr (villages[0], ==, "Thôn Đông");
}

static void
test_restore_damaged (DtTestFixture *fixture,
                      gconstpointer  data)
{
  g_autofree char *garbage = g_malloc (20000);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *saved_contents = NULL;
  g_autoptr(DtBackup) good = NULL;
  g_autoptr(DtBackup) saved = NULL;
  g_autoptr(DtDiagnosis) diagnosis = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(DtDatabase) db = NULL;
  gsize length;

  add_petition (fixture->db, "2025-0001");
  good = dt_backup_make (fixture->db, DT_BACKUP_DAILY, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->db);

  for (guint i = 0; i < 20000; i++)
    garbage[i] = (char) (i * 7919 % 251);
  g_assert_true (g_file_set_contents (fixture->path, garbage, 20000, NULL));

  /* At start: which file, what is wrong, and the copy to offer. */
  db = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &open_error);
  g_assert_null (db);
  diagnosis = dt_backup_diagnose (fixture->path, open_error);
  g_assert_cmpint (diagnosis->state, ==, DT_DATABASE_DAMAGED);
  g_assert_cmpstr (diagnosis->path, ==, fixture->path);
  g_assert_nonnull (strstr (diagnosis->message, "test.sqlite"));
  g_assert_nonnull (diagnosis->backup);
  g_assert_cmpstr (diagnosis->backup->path, ==, good->path);
  g_assert_cmpint (diagnosis->backup->petitions, ==, 1);

  /* What SQLite left beside it, which may hold the last commits. */
  g_assert_true (g_file_set_contents (wal, "stale", -1, NULL));
  g_assert_true (dt_backup_restore (fixture->path, diagnosis->backup->path, &saved, &error));
  g_assert_no_error (error);
  /* The damaged file was kept as it was, byte for byte, with its -wal. */
  g_assert_nonnull (saved);
  g_assert_false (saved->readable);
  g_assert_true (g_file_get_contents (saved->path, &saved_contents, &length, NULL));
  g_assert_cmpuint (length, ==, 20000);
  g_assert_cmpmem (saved_contents, length, garbage, 20000);
  {
    g_autofree char *saved_wal = g_strconcat (saved->path, "-wal", NULL);
    g_assert_true (g_file_test (saved_wal, G_FILE_TEST_EXISTS));
  }
  /* Its stale -wal went with it. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_in (fixture->path, "petitions"), ==, 1);
}

/* The database gone, and beside where it was a -wal of another database, which SQLite would
 * replay over the copy put there. */
static void
test_restore_missing (DtTestFixture *fixture,
                      gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "other.sqlite", NULL);
  g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(DtBackup) good = NULL;
  g_autoptr(DtBackup) saved = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  sqlite3 *raw = NULL;

  add_petition (fixture->db, "2025-0001");
  good = dt_backup_make (fixture->db, DT_BACKUP_DAILY, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->db);

  /* A -wal full of another database's pages, taken while it is open. */
  g_assert_cmpint (sqlite3_open (other, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                                      "CREATE TABLE t (x); INSERT INTO t VALUES (randomblob (9000));"
                                      "CREATE TABLE petitions (x);", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (other_wal, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  sqlite3_close (raw);

  g_assert_cmpint (g_remove (fixture->path), ==, 0);
  g_assert_true (g_file_set_contents (wal, contents, length, NULL));
  g_assert_true (dt_backup_restore (fixture->path, good->path, &saved, &error));
  g_assert_no_error (error);
  g_assert_null (saved);   /* there was no database to keep */
  g_assert_cmpint (count_in (fixture->path, "petitions"), ==, 1);
  {
    g_autoptr(DtDatabase) db = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
    g_autoptr(GPtrArray) problems = NULL;

    g_assert_no_error (error);
    problems = dt_database_check (db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_diagnose (DtTestFixture *fixture,
               gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "gone.sqlite", NULL);
  g_autoptr(DtDiagnosis) ok = NULL;
  g_autoptr(DtDiagnosis) gone = NULL;
  g_autoptr(DtDiagnosis) newer = NULL;
  g_autoptr(DtDiagnosis) damaged = NULL;
  g_autoptr(DtBackup) older = NULL;
  g_autoptr(DtBackup) newest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sql = NULL;
  gsize length;
  sqlite3 *raw = NULL;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Thôn số %u có một cái tên khá dài", i);
      add_village (fixture->db, name);
    }
  set_today ("2026-03-01");
  older = dt_backup_make (fixture->db, DT_BACKUP_DAILY, &error);
  set_today ("2026-03-02");
  newest = dt_backup_make (fixture->db, DT_BACKUP_DAILY, &error);
  g_unsetenv ("DOITHOAI_TODAY");
  g_assert_no_error (error);
  g_clear_object (&fixture->db);

  ok = dt_backup_diagnose (fixture->path, NULL);
  g_assert_cmpint (ok->state, ==, DT_DATABASE_USABLE);
  g_assert_null (ok->backup);

  gone = dt_backup_diagnose (missing, NULL);
  g_assert_cmpint (gone->state, ==, DT_DATABASE_MISSING);
  g_assert_nonnull (strstr (gone->message, "gone.sqlite"));
  g_assert_null (gone->backup);   /* no copies of that one */

  /* Damaged pages that opening does not see: the quick check does. The newest copy is
   * damaged too: the one before it is offered. */
  g_assert_true (g_file_get_contents (newest->path, &contents, &length, NULL));
  memset (contents + 4096 * 4, 0x5A, 4096 * 2);
  g_assert_true (g_file_set_contents (newest->path, contents, length, NULL));
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));
  damaged = dt_backup_diagnose (fixture->path, NULL);
  g_assert_cmpint (damaged->state, ==, DT_DATABASE_DAMAGED);
  g_assert_nonnull (strstr (damaged->message, "test.sqlite"));
  g_assert_nonnull (strstr (damaged->message, "damaged"));
  g_assert_nonnull (damaged->backup);
  g_assert_cmpstr (damaged->backup->path, ==, older->path);

  /* A newer program's file: update the program, restore nothing. */
  g_assert_true (dt_backup_restore (fixture->path, older->path, NULL, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("PRAGMA user_version = %d", dt_database_schema_version () + 1);
  g_assert_cmpint (sqlite3_open (fixture->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  newer = dt_backup_diagnose (fixture->path, NULL);
  g_assert_cmpint (newer->state, ==, DT_DATABASE_NEWER);
  g_assert_null (newer->backup);
}

#ifdef G_OS_UNIX
static guint
mode_of (const char *path)
{
  struct stat buf;

  g_assert_cmpint (stat (path, &buf), ==, 0);
  return buf.st_mode & 0777;
}

static void
test_private (DtTestFixture *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "new", "office.sqlite", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *named = g_build_filename (fixture->dir, "copy.sqlite", NULL);
  g_autofree char *folder = NULL;
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(DtBackup) backup = NULL;
  g_autoptr(GError) error = NULL;
  mode_t mask = umask (0022);

  /* As for anyone whose files others may read by default. */
  db = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_village (db, "Thôn Đông");
  g_assert_cmphex (mode_of (path), ==, 0600);
  g_assert_cmphex (mode_of (wal), ==, 0600);
  g_assert_cmphex (mode_of (shm), ==, 0600);

  backup = dt_backup_make (db, DT_BACKUP_DAILY, &error);
  g_assert_no_error (error);
  folder = dt_backup_folder (path);
  g_assert_cmphex (mode_of (folder), ==, 0700);
  g_assert_cmphex (mode_of (backup->path), ==, 0600);

  /* A copy to a name of one's own, even over a file others could read. */
  g_assert_true (g_file_set_contents (named, "old", -1, NULL));
  g_assert_cmpint (chmod (named, 0644), ==, 0);
  g_assert_true (dt_database_backup (db, named, &error));
  g_assert_no_error (error);
  g_assert_cmphex (mode_of (named), ==, 0600);
  umask (mask);
}

static void
test_at_start_full_disk (DtTestFixture *fixture,
                         gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *folder = dt_backup_folder (fixture->path);
      g_autoptr(DtBackup) made = NULL;
      g_autoptr(GError) error = NULL;
      struct rlimit limit;
      struct stat buf;

      g_assert_true (_dt_database_savepoint (fixture->db, &error));
      for (guint i = 0; i < 2000; i++)
        {
          g_autofree char *name = g_strdup_printf ("Thôn số %u, một cái tên khá dài cho đủ chỗ",
                                                   i);
          add_village (fixture->db, name);
        }
      g_assert_true (_dt_database_release (fixture->db, &error));
      g_assert_true (_dt_database_exec (fixture->db, "PRAGMA wal_checkpoint (TRUNCATE)",
                                        &error));
      g_assert_cmpint (stat (fixture->path, &buf), ==, 0);
      /* Room for the -wal to take a few more changes, not for a whole copy. */
      limit.rlim_cur = limit.rlim_max = (rlim_t) buf.st_size / 2;
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      add_village (fixture->db, "Thôn mới");

      set_today ("2026-03-02");
      g_assert_false (dt_backup_at_start (fixture->db, &made, &error));
      g_assert_null (made);
      g_assert_error (error, DT_ERROR, DT_ERROR_IO);
      g_assert_null (strstr (error->message, ".part"));
      g_assert_cmpuint (dt_test_count_files (folder, ".part"), ==, 0);
      g_assert_cmpuint (dt_test_count_files (folder, ".sqlite"), ==, 0);
      /* The database is untouched and goes on working. */
      add_village (fixture->db, "Thôn mới nữa");
      g_assert_cmpint (dt_database_count (fixture->db, "villages", NULL), ==, 2002);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}
#endif

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/core/backup/at-start", test_at_start);
  DT_TEST_ADD ("/core/backup/retention", test_retention);
  DT_TEST_ADD ("/core/backup/before-migration", test_before_migration);
  DT_TEST_ADD ("/core/backup/before-migration-fails", test_before_migration_fails);
  DT_TEST_ADD ("/core/backup/restore", test_restore);
  DT_TEST_ADD ("/core/backup/restore-refused", test_restore_refused);
  DT_TEST_ADD ("/core/backup/restore-damaged", test_restore_damaged);
  DT_TEST_ADD ("/core/backup/restore-vietnamese-folder", test_restore_vietnamese_folder);
  DT_TEST_ADD ("/core/backup/restore-missing", test_restore_missing);
  DT_TEST_ADD ("/core/backup/diagnose", test_diagnose);
#ifdef G_OS_UNIX
  DT_TEST_ADD ("/core/backup/private", test_private);
  DT_TEST_ADD ("/core/backup/at-start-full-disk", test_at_start_full_disk);
#endif

  return g_test_run ();
}
