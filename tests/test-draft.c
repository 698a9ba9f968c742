/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dt-database-private.h"
#include "dt-draft.h"
#include "dt-error.h"
#include "dt-test-util.h"

static void
changed_cb (DtDatabase *db,
            DtChanges  *changes,
            gpointer    user_data)
{
  guint *n_drafts = user_data;

  if (dt_changes_touches (changes, "drafts"))
    (*n_drafts)++;
}

/* What is typed comes back exactly as typed, even when it is not valid yet. */
static void
test_drafts_round_trip (DtTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(DtDraft) draft = dt_draft_new ("petition", NULL);
  g_autoptr(DtDraft) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  GDateTime *saved;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  dt_draft_set (draft, "received", "15/4/20");
  dt_draft_set (draft, "petitioner", "Trần Thị Bình");
  dt_draft_set (draft, "summary", "Đề nghị sửa đường \"liên thôn\"\nvà mương\t{}");
  dt_draft_set (draft, "address", "");
  g_assert_null (dt_draft_get (draft, "address"));
  g_assert_false (dt_draft_is_empty (draft));

  g_assert_null (dt_draft_load (fixture->db, "petition", &error));
  g_assert_no_error (error);

  g_assert_true (dt_draft_save (fixture->db, draft, &error));
  g_assert_no_error (error);
  loaded = dt_draft_load (fixture->db, "petition", &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_true (dt_draft_equal (draft, loaded));
  g_assert_cmpstr (dt_draft_get (loaded, "received"), ==, "15/4/20");
  g_assert_cmpstr (dt_draft_get (loaded, "summary"), ==,
                   "Đề nghị sửa đường \"liên thôn\"\nvà mương\t{}");
  g_assert_null (dt_draft_get_record (loaded));
  keys = dt_draft_get_keys (loaded);
  g_assert_cmpuint (g_strv_length (keys), ==, 3);
  g_assert_cmpstr (keys[0], ==, "petitioner");
  g_assert_cmpstr (keys[1], ==, "received");
  g_assert_cmpstr (keys[2], ==, "summary");

  /* Saved just now, in local time. */
  saved = dt_draft_get_saved (loaded);
  g_assert_nonnull (saved);
  g_assert_cmpint (ABS (g_date_time_difference (now, saved)), <, 60 * G_USEC_PER_SEC);

  /* Another connection — the program started again after a crash — finds it. */
  {
    g_autoptr(DtDatabase) again = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING,
                                                    &error);
    g_autoptr(DtDraft) found = NULL;

    g_assert_no_error (error);
    found = dt_draft_load (again, "petition", &error);
    g_assert_no_error (error);
    g_assert_true (dt_draft_equal (draft, found));
  }
}

/* One draft per form: saving again replaces it, other forms keep theirs, discarding removes. */
static void
test_drafts_replace_and_discard (DtTestFixture *fixture,
                                 gconstpointer  data)
{
  g_autoptr(DtDraft) first = dt_draft_new ("petition", NULL);
  g_autoptr(DtDraft) second = dt_draft_new ("petition", "2025-0007");
  g_autoptr(DtDraft) other = dt_draft_new ("session", NULL);
  g_autoptr(DtDraft) loaded = NULL;
  g_autoptr(GError) error = NULL;
  guint n_drafts = 0;

  g_signal_connect (fixture->db, "changed", G_CALLBACK (changed_cb), &n_drafts);

  dt_draft_set (first, "summary", "một");
  dt_draft_set (second, "summary", "hai");
  dt_draft_set (other, "topic", "ba");
  g_assert_true (dt_draft_save (fixture->db, first, &error));
  g_assert_true (dt_draft_save (fixture->db, other, &error));
  g_assert_true (dt_draft_save (fixture->db, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_drafts, ==, 3);
  {
    sqlite3_stmt *stmt = _dt_database_prepare (fixture->db, "SELECT count(*) FROM drafts",
                                               &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
    sqlite3_reset (stmt);
  }

  loaded = dt_draft_load (fixture->db, "petition", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dt_draft_get_record (loaded), ==, "2025-0007");
  g_assert_cmpstr (dt_draft_get (loaded, "summary"), ==, "hai");
  g_assert_false (dt_draft_equal (first, loaded));
  g_clear_pointer (&loaded, dt_draft_free);

  g_assert_true (dt_draft_discard (fixture->db, "petition", &error));
  g_assert_no_error (error);
  g_assert_null (dt_draft_load (fixture->db, "petition", &error));
  g_assert_no_error (error);
  /* Nothing left to discard is no failure. */
  g_assert_true (dt_draft_discard (fixture->db, "petition", &error));
  g_assert_no_error (error);

  loaded = dt_draft_load (fixture->db, "session", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dt_draft_get (loaded, "topic"), ==, "ba");

  /* Drafts are not records: the audit log does not hear of them. */
  {
    sqlite3_stmt *stmt = _dt_database_prepare (fixture->db,
                                               "SELECT count(*) FROM audit_log "
                                               "WHERE entity = 'drafts'", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_reset (stmt);
  }
}

/* Saved inside a change that fails, a draft goes with it; a damaged one says so. */
static void
test_drafts_transactions_and_damage (DtTestFixture *fixture,
                                     gconstpointer  data)
{
  g_autoptr(DtDraft) draft = dt_draft_new ("petition", NULL);
  g_autoptr(GError) error = NULL;

  dt_draft_set (draft, "summary", "trong giao dịch");
  g_assert_true (_dt_database_savepoint (fixture->db, &error));
  g_assert_true (dt_draft_save (fixture->db, draft, &error));
  g_assert_no_error (error);
  _dt_database_undo (fixture->db);
  g_assert_null (dt_draft_load (fixture->db, "petition", &error));
  g_assert_no_error (error);

  g_assert_true (_dt_database_exec (fixture->db,
                                    "INSERT INTO drafts (form, contents) "
                                    "VALUES ('petition', '{\"summary\": ')", &error));
  g_assert_no_error (error);
  g_assert_null (dt_draft_load (fixture->db, "petition", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_true (_dt_database_exec (fixture->db,
                                    "UPDATE drafts SET contents = '{\"summary\": 3}'", &error));
  g_assert_null (dt_draft_load (fixture->db, "petition", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_CORRUPT);
  g_clear_error (&error);

  /* Saving over a damaged one mends it. */
  g_assert_true (dt_draft_save (fixture->db, draft, &error));
  g_assert_no_error (error);
  {
    g_autoptr(DtDraft) loaded = dt_draft_load (fixture->db, "petition", &error);
    g_assert_no_error (error);
    g_assert_true (dt_draft_equal (draft, loaded));
  }

  /* Text that is not UTF-8 is refused, and what was there stays. */
  {
    g_autoptr(DtDraft) bad = dt_draft_new ("petition", NULL);
    g_autoptr(DtDraft) loaded = NULL;

    dt_draft_set (bad, "summary", "\xff\xfe");
    g_assert_false (dt_draft_save (fixture->db, bad, &error));
    g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
    g_clear_error (&error);
    loaded = dt_draft_load (fixture->db, "petition", &error);
    g_assert_true (dt_draft_equal (draft, loaded));
  }
}

/* A plan's draft: its record, the lines of its lists; and a draft kept as a key file by
 * earlier versions comes back the same. */
static void
test_drafts_lists_and_key_files (DtTestFixture *fixture,
                                 gconstpointer  data)
{
  const char *bases[] = { "Quyết định số 657-QĐ/TU", "", "Hướng dẫn số 12; ngày 4/4", NULL };
  const char *none[] = { NULL };
  g_autoptr(DtDraft) draft = dt_draft_new ("plan:KH-2026", "KH-2026");
  g_autoptr(DtDraft) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) texts = NULL;
  g_auto(GStrv) empty = NULL;

  dt_draft_set (draft, "issued", "31/2/2026");
  dt_draft_set_list (draft, "bases", bases);
  dt_draft_set_list (draft, "reports_due", none);
  g_assert_null (dt_draft_get (draft, "reports_due"));
  g_assert_true (dt_draft_save (fixture->db, draft, &error));
  g_assert_no_error (error);

  loaded = dt_draft_load (fixture->db, "plan:KH-2026", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dt_draft_get_record (loaded), ==, "KH-2026");
  g_assert_cmpstr (dt_draft_get (loaded, "issued"), ==, "31/2/2026");
  texts = dt_draft_get_list (loaded, "bases");
  g_assert_true (g_strv_equal ((const char * const *) texts, bases));
  empty = dt_draft_get_list (loaded, "reports_due");
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
  g_clear_pointer (&loaded, dt_draft_free);
  g_clear_pointer (&texts, g_strfreev);

  g_assert_true (_dt_database_exec (fixture->db,
                                    "INSERT INTO drafts (form, record, contents) "
                                    "VALUES ('plan:KH-2027', 'KH-2027', '[form]\n"
                                    "issued=1/2/2027\nnumber=\n\n[lists]\n"
                                    "bases=Quyết định số 657-QĐ/TU;;Hướng dẫn số 12\\; ngày 4/4;\n"
                                    "planned=\n')", &error));
  g_assert_no_error (error);
  loaded = dt_draft_load (fixture->db, "plan:KH-2027", &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (dt_draft_get_record (loaded), ==, "KH-2027");
  g_assert_cmpstr (dt_draft_get (loaded, "issued"), ==, "1/2/2027");
  g_assert_null (dt_draft_get (loaded, "number"));
  texts = dt_draft_get_list (loaded, "bases");
  g_assert_true (g_strv_equal ((const char * const *) texts, bases));
  g_assert_null (dt_draft_get (loaded, "planned"));
  g_assert_nonnull (dt_draft_get_saved (loaded));
}

/* Another program holding the database: the draft is not lost, the caller is told. */
static void
test_drafts_locked (DtTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(DtDatabase) other = NULL;
  g_autoptr(DtDraft) draft = dt_draft_new ("petition", NULL);
  g_autoptr(GError) error = NULL;
  gint64 started;

  other = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (_dt_database_exec (other, "BEGIN IMMEDIATE", &error));

  dt_database_set_busy_timeout (fixture->db, 100);
  dt_draft_set (draft, "summary", "đang bị khóa");
  started = g_get_monotonic_time ();
  g_assert_false (dt_draft_save (fixture->db, draft, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_LOCKED);
  g_clear_error (&error);
  /* Not the five seconds of the default: the window would freeze that long. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);

  g_assert_true (_dt_database_exec (other, "COMMIT", &error));
  g_assert_true (dt_draft_save (fixture->db, draft, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/core/drafts/round-trip", test_drafts_round_trip);
  DT_TEST_ADD ("/core/drafts/replace-and-discard", test_drafts_replace_and_discard);
  DT_TEST_ADD ("/core/drafts/transactions-and-damage", test_drafts_transactions_and_damage);
  DT_TEST_ADD ("/core/drafts/lists-and-key-files", test_drafts_lists_and_key_files);
  DT_TEST_ADD ("/core/drafts/locked", test_drafts_locked);

  return g_test_run ();
}
