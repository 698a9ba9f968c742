/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dt-backups.h"
#include "dt-error.h"
#include "dt-records.h"
#include "dt-test-util.h"

static void
add_village (DtDatabase *db,
             const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_list_add (db, DT_LIST_VILLAGES, name, &error));
  g_assert_no_error (error);
}

static void
test_default_path (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 12, 1, 9, 5, 4);
  g_autofree char *database = g_build_filename ("văn phòng", "doithoai.sqlite", NULL);
  g_autofree char *path = dt_backup_default_path (database, when);
  g_autofree char *expected = g_build_filename ("văn phòng", "backups",
                                                "doithoai-2026-12-01-090504.sqlite", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_restore (DtTestFixture *fixture,
              gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "sao lưu.sqlite", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *kept_sum = NULL;
  g_autofree char *damaged_sum = NULL;
  g_autoptr(DtDatabase) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) villages = NULL;

  add_village (fixture->db, "Thôn Đông");
  g_assert_true (dt_database_backup (fixture->db, backup, &error));
  add_village (fixture->db, "Thôn Tây");
  g_clear_object (&fixture->db);

  /* The database is damaged. */
  g_assert_true (g_file_set_contents (fixture->path, "not a database at all", -1, NULL));
  damaged_sum = dt_test_file_checksum (fixture->path);

  g_assert_true (dt_database_restore (fixture->path, backup, &kept, &error));
  g_assert_no_error (error);
  restored = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  villages = dt_list_get (restored, DT_LIST_VILLAGES, &error);
  g_assert_cmpuint (g_strv_length (villages), ==, 1);
  g_assert_cmpstr (villages[0], ==, "Thôn Đông");

  /* The damaged file was kept aside, as it was. */
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, fixture->path));
  kept_sum = dt_test_file_checksum (kept);
  g_assert_cmpstr (kept_sum, ==, damaged_sum);
}

static void
test_restore_refused (DtTestFixture *fixture,
                      gconstpointer  data)
{
  g_autofree char *bogus = g_build_filename (fixture->dir, "ghi chú.txt", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "không có.sqlite", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  add_village (fixture->db, "Thôn Đông");
  g_clear_object (&fixture->db);
  before = dt_test_file_checksum (fixture->path);

  /* Not a database, a missing file, the database itself: nothing moves. */
  g_assert_true (g_file_set_contents (bogus, "hello", -1, NULL));
  g_assert_false (dt_database_restore (fixture->path, bogus, &kept, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (dt_database_restore (fixture->path, missing, &kept, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (dt_database_restore (fixture->path, fixture->path, &kept, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_IO);
  g_assert_null (kept);
  after = dt_test_file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/backups/default-path", test_default_path);
  DT_TEST_ADD ("/core/backups/restore", test_restore);
  DT_TEST_ADD ("/core/backups/restore-refused", test_restore_refused);

  return g_test_run ();
}
