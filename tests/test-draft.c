/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dt-draft.h"
#include "dt-test-util.h"

static void
test_keep_and_drop (DtTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *record = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *other = NULL;
  g_autofree char *none = NULL;

  g_assert_true (dt_form_draft_save (fixture->db, "plan:KH-2026", "KH-2026", "[form]\nissued=31/2/2026\n",
                                &error));
  g_assert_no_error (error);
  /* Typed on: the same draft, the latest contents. */
  g_assert_true (dt_form_draft_save (fixture->db, "plan:KH-2026", "KH-2026", "[form]\nissued=1/2/2026\n",
                                &error));
  g_assert_true (dt_form_draft_save (fixture->db, "session:new", NULL, "[form]\n", &error));

  contents = dt_form_draft_load (fixture->db, "plan:KH-2026", &record, &saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "[form]\nissued=1/2/2026\n");
  g_assert_cmpstr (record, ==, "KH-2026");
  g_assert_nonnull (saved);

  /* A draft survives the program: another connection finds it. */
  {
    g_autoptr(DtDatabase) again = dt_database_open_another (fixture->db, &error);

    other = dt_form_draft_load (again, "session:new", NULL, NULL, &error);
    g_assert_cmpstr (other, ==, "[form]\n");
  }

  g_assert_true (dt_form_draft_delete (fixture->db, "plan:KH-2026", &error));
  none = dt_form_draft_load (fixture->db, "plan:KH-2026", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  /* Only that one. */
  g_clear_pointer (&other, g_free);
  other = dt_form_draft_load (fixture->db, "session:new", NULL, NULL, &error);
  g_assert_cmpstr (other, ==, "[form]\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/core/drafts/keep-and-drop", test_keep_and_drop);

  return g_test_run ();
}
