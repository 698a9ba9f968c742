/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-lists.h"
#include "dt-search.h"
#include "dt-test-util.h"

static void
add_petition (DtDatabase *db,
              const char *code,
              const char *village,
              const char *agency)
{
  g_autoptr(DtPetition) petition = dt_petition_new ();
  g_autoptr(GError) error = NULL;

  petition->code = g_strdup (code);
  petition->received = g_strdup ("2025-04-15");
  petition->channel = g_strdup ("direct");
  petition->petitioner = g_strdup ("Trần Thị Bình");
  petition->village = g_strdup (village);
  petition->field = g_strdup ("Đất đai");
  petition->summary = g_strdup ("Đề nghị sửa đường liên thôn");
  if (agency != NULL)
    {
      petition->assigned_to = g_strdup (agency);
      petition->assigned_date = g_strdup ("2025-04-22");
    }
  g_assert_cmpint (dt_petition_insert (db, petition, &error), >, 0);
  g_assert_no_error (error);
}

static DtListEntry *
find_entry (GPtrArray  *entries,
            const char *name)
{
  for (guint i = 0; i < entries->len; i++)
    {
      DtListEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->name, name))
        return entry;
    }
  return NULL;
}

static gint64
count_audit (DtDatabase *db,
             const char *entity,
             const char *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM audit_log WHERE entity = '%s' "
                                          "AND action = '%s'", entity, action);
  sqlite3_stmt *stmt = _dt_database_prepare (db, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
test_entries_in_order (DtTestFixture *fixture,
                       gconstpointer  data)
{
  const char *names[] = { "Thôn Tây", "Thôn Đông", "Thôn Bắc Sơn", "Thôn Dinh", NULL };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (dt_list_add (fixture->db, DT_LIST_VILLAGES, names[i], &error));
  add_petition (fixture->db, "2025-0001", "Thôn Đông", NULL);
  add_petition (fixture->db, "2025-0002", "Thôn Đông", NULL);

  /* Vietnamese order: d before đ, whatever the locale. */
  entries = dt_list_entries (fixture->db, DT_LIST_VILLAGES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 4);
  g_assert_cmpstr (((DtListEntry *) entries->pdata[0])->name, ==, "Thôn Bắc Sơn");
  g_assert_cmpstr (((DtListEntry *) entries->pdata[1])->name, ==, "Thôn Dinh");
  g_assert_cmpstr (((DtListEntry *) entries->pdata[2])->name, ==, "Thôn Đông");
  g_assert_cmpstr (((DtListEntry *) entries->pdata[3])->name, ==, "Thôn Tây");
  g_assert_cmpuint (find_entry (entries, "Thôn Đông")->uses, ==, 2);
  g_assert_cmpuint (find_entry (entries, "Thôn Tây")->uses, ==, 0);
}

static void
test_rename (DtTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(DtPetition) petition = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 revision;

  add_petition (fixture->db, "2025-0001", "Thôn Dong", "UBND xa");
  petition = dt_petition_load (fixture->db, "2025-0001", NULL);
  revision = petition->revision;
  g_clear_pointer (&petition, dt_petition_free);

  /* A mistyped name, mended: the petition follows, and the search finds the new name. */
  g_assert_true (dt_list_rename (fixture->db, DT_LIST_VILLAGES, "Thôn Dong", " Thôn Đông ",
                                 &error));
  g_assert_no_error (error);
  petition = dt_petition_load (fixture->db, "2025-0001", &error);
  g_assert_cmpstr (petition->village, ==, "Thôn Đông");
  g_assert_cmpint (petition->revision, >, revision);
  hits = dt_search_petitions (fixture->db, "Đông", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);

  g_assert_true (dt_list_rename (fixture->db, DT_LIST_AGENCIES, "UBND xa", "UBND xã", &error));
  g_clear_pointer (&petition, dt_petition_free);
  petition = dt_petition_load (fixture->db, "2025-0001", &error);
  g_assert_cmpstr (petition->assigned_to, ==, "UBND xã");
  g_assert_cmpint (count_audit (fixture->db, "agencies", "update"), ==, 1);

  /* To a name already there: refused, nothing changed. */
  g_assert_true (dt_list_add (fixture->db, DT_LIST_VILLAGES, "Thôn Tây", &error));
  g_assert_false (dt_list_rename (fixture->db, DT_LIST_VILLAGES, "Thôn Đông", "Thôn Tây",
                                  &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "merge"));
  g_clear_error (&error);
  g_clear_pointer (&petition, dt_petition_free);
  petition = dt_petition_load (fixture->db, "2025-0001", &error);
  g_assert_cmpstr (petition->village, ==, "Thôn Đông");

  g_assert_false (dt_list_rename (fixture->db, DT_LIST_VILLAGES, "Thôn Đông", "  ", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dt_list_rename (fixture->db, DT_LIST_VILLAGES, "Thôn Không Có", "Thôn Mới",
                                  &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_FOUND);
}

static void
test_merge (DtTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(DtSession) session = dt_session_new ();
  g_autoptr(DtSession) loaded = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  add_petition (fixture->db, "2025-0001", "Thôn Đông", NULL);
  add_petition (fixture->db, "2025-0002", "Xóm Đông", NULL);
  add_petition (fixture->db, "2025-0003", "Xóm Đông", NULL);
  session->code = g_strdup ("HN-2025-01");
  session->kind = g_strdup ("dialogue");
  session->date = g_strdup ("2025-04-15");
  session->status = g_strdup ("planned");
  session->village = g_strdup ("Xóm Đông");
  g_assert_cmpint (dt_session_insert (fixture->db, session, &error), >, 0);

  g_assert_true (dt_list_merge (fixture->db, DT_LIST_VILLAGES, "Xóm Đông", "Thôn Đông", &error));
  g_assert_no_error (error);

  /* Every record kept, under the name merged into; the other name is gone. */
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *code = g_strdup_printf ("2025-%04u", i);
      g_autoptr(DtPetition) petition = dt_petition_load (fixture->db, code, &error);

      g_assert_cmpstr (petition->village, ==, "Thôn Đông");
    }
  loaded = dt_session_load (fixture->db, "HN-2025-01", &error);
  g_assert_cmpstr (loaded->village, ==, "Thôn Đông");
  names = dt_list_get (fixture->db, DT_LIST_VILLAGES, &error);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  entries = dt_list_entries (fixture->db, DT_LIST_VILLAGES, &error);
  g_assert_cmpuint (find_entry (entries, "Thôn Đông")->uses, ==, 4);
  g_assert_cmpint (count_audit (fixture->db, "villages", "delete"), ==, 1);

  g_assert_false (dt_list_merge (fixture->db, DT_LIST_VILLAGES, "Thôn Đông", "Thôn Đông", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dt_list_merge (fixture->db, DT_LIST_VILLAGES, "Thôn Đông", "Thôn Xa", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* The failed merge changed nothing. */
  g_clear_pointer (&names, g_strfreev);
  names = dt_list_get (fixture->db, DT_LIST_VILLAGES, &error);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
}

static void
test_retire (DtTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(DtPetition) petition = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) active = NULL;
  g_auto(GStrv) all = NULL;

  add_petition (fixture->db, "2025-0001", "Thôn Đông", "Hội Nông dân xã");
  g_assert_true (dt_list_add (fixture->db, DT_LIST_AGENCIES, "UBND xã", &error));

  /* In use: it cannot be removed, but it can be retired. */
  g_assert_false (dt_list_remove (fixture->db, DT_LIST_AGENCIES, "Hội Nông dân xã", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dt_list_set_retired (fixture->db, DT_LIST_AGENCIES, "Hội Nông dân xã", TRUE,
                                      &error));
  g_assert_no_error (error);

  active = dt_list_get_active (fixture->db, DT_LIST_AGENCIES, &error);
  g_assert_cmpuint (g_strv_length (active), ==, 1);
  g_assert_cmpstr (active[0], ==, "UBND xã");
  all = dt_list_get (fixture->db, DT_LIST_AGENCIES, &error);
  g_assert_cmpuint (g_strv_length (all), ==, 2);
  entries = dt_list_entries (fixture->db, DT_LIST_AGENCIES, &error);
  g_assert_true (find_entry (entries, "Hội Nông dân xã")->retired);
  g_assert_false (find_entry (entries, "UBND xã")->retired);

  /* The record still shows it. */
  petition = dt_petition_load (fixture->db, "2025-0001", &error);
  g_assert_cmpstr (petition->assigned_to, ==, "Hội Nông dân xã");

  g_assert_true (dt_list_set_retired (fixture->db, DT_LIST_AGENCIES, "Hội Nông dân xã", FALSE,
                                      &error));
  g_clear_pointer (&active, g_strfreev);
  active = dt_list_get_active (fixture->db, DT_LIST_AGENCIES, &error);
  g_assert_cmpuint (g_strv_length (active), ==, 2);

  /* Unused: removed. */
  g_assert_true (dt_list_remove (fixture->db, DT_LIST_AGENCIES, "UBND xã", &error));
  g_assert_false (dt_list_set_retired (fixture->db, DT_LIST_AGENCIES, "UBND xã", TRUE, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_FOUND);
}

static void
test_office_set_up (DtTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(DtUnit) unit = dt_unit_new ();
  g_autoptr(DtUnit) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_name = g_strnfill (200, 'x');
  const char *villages[] = { "Thôn Đông", " Thôn Tây ", "", NULL };
  const char *bad[] = { "Thôn Nam", long_name, NULL };
  g_auto(GStrv) names = NULL;

  unit->name = g_strdup ("ĐẢNG BỘ XÃ THẠCH LẠC");
  unit->place = g_strdup ("Thạch Lạc");

  /* One name too long: nothing at all is written, the unit neither. */
  g_assert_false (dt_office_set_up (fixture->db, unit, bad, NULL, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  loaded = dt_unit_load (fixture->db, &error);
  g_assert_null (loaded->name);
  g_assert_cmpint (dt_database_count (fixture->db, "villages", NULL), ==, 0);
  g_clear_pointer (&loaded, dt_unit_free);

  g_assert_true (dt_office_set_up (fixture->db, unit, villages,
                                   dt_list_get_suggestions (DT_LIST_AGENCIES),
                                   dt_list_get_suggestions (DT_LIST_FIELDS), &error));
  g_assert_no_error (error);
  loaded = dt_unit_load (fixture->db, &error);
  g_assert_cmpstr (loaded->name, ==, "ĐẢNG BỘ XÃ THẠCH LẠC");
  names = dt_list_get (fixture->db, DT_LIST_VILLAGES, &error);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[1], ==, "Thôn Tây");
  g_assert_cmpint (dt_database_count (fixture->db, "agencies", NULL), ==,
                   g_strv_length ((char **) dt_list_get_suggestions (DT_LIST_AGENCIES)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/core/lists/entries-in-order", test_entries_in_order);
  DT_TEST_ADD ("/core/lists/rename", test_rename);
  DT_TEST_ADD ("/core/lists/merge", test_merge);
  DT_TEST_ADD ("/core/lists/retire", test_retire);
  DT_TEST_ADD ("/core/lists/office-set-up", test_office_set_up);

  return g_test_run ();
}
