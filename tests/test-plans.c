/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-plans.h"
#include "dt-test-util.h"

static DtPlan *
plan_2024 (void)
{
  DtPlan *plan = dt_plan_new ();
  const char *bases[] = { "Quyết định số 657-QĐ/TU ngày 4/4/2018 của Ban Thường vụ Tỉnh ủy",
                          "Quyết định số 396-QĐ/HU ngày 27/11/2017", NULL };
  int months[] = { 4, 7, 10 };

  plan->code = g_strdup ("KH-2024");
  plan->year = 2024;
  plan->number = g_strdup ("08-KH/ĐU");
  plan->issued = g_strdup ("2024-02-29");
  plan->title = g_strdup ("Kế hoạch tổ chức Hội nghị đối thoại trực tiếp năm 2024");
  plan->bases = g_strdupv ((char **) bases);
  plan->purpose = g_strdup ("Kịp thời nắm bắt tâm tư, nguyện vọng của Nhân dân.");
  plan->dialogues_planned = 3;
  plan->notice_lead_days = 5;
  plan->expected_attendance = 100;
  plan->reports_due = g_new0 (char *, 3);
  plan->reports_due[0] = g_strdup ("2024-06-15");
  plan->reports_due[1] = g_strdup ("2024-12-10");
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      DtPlannedSession *planned = dt_planned_session_new ();

      planned->month = months[i];
      planned->quarter = (months[i] - 1) / 3 + 1;
      planned->location = g_strdup_printf ("Nhà văn hóa thôn %u", i + 1);
      planned->topic = g_strdup ("Xây dựng nông thôn mới");
      g_ptr_array_add (plan->planned_sessions, planned);
    }
  return plan;
}

static void
test_shift_years (void)
{
  g_autofree char *a = dt_date_shift_years ("2024-02-29", 1);
  g_autofree char *b = dt_date_shift_years ("2025-06-15", 1);
  g_autofree char *c = dt_date_shift_years ("2023-02-28", 1);
  g_autofree char *d = dt_date_shift_years ("not a date", 1);

  g_assert_cmpstr (a, ==, "2025-02-28");
  g_assert_cmpstr (b, ==, "2026-06-15");
  g_assert_cmpstr (c, ==, "2024-02-28");
  g_assert_null (d);
}

static void
test_copy_to_next_year (DtTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(DtPlan) plan = plan_2024 ();
  g_autoptr(DtPlan) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *again = NULL;
  DtPlannedSession *planned;

  g_assert_cmpint (dt_plan_insert (fixture->db, plan, &error), >, 0);
  g_assert_no_error (error);

  code = dt_plan_copy_to_year (fixture->db, "KH-2024", 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "KH-2025");

  copy = dt_plan_load (fixture->db, code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy->year, ==, 2025);
  /* The number is given when the new plan is issued; the dates move one year. */
  g_assert_null (copy->number);
  g_assert_cmpstr (copy->issued, ==, "2025-02-28");
  g_assert_cmpstr (copy->title, ==, "Kế hoạch tổ chức Hội nghị đối thoại trực tiếp năm 2025");
  g_assert_cmpuint (g_strv_length (copy->bases), ==, 2);
  g_assert_cmpstr (copy->bases[0], ==, plan->bases[0]);
  g_assert_cmpstr (copy->purpose, ==, plan->purpose);
  g_assert_cmpint (copy->dialogues_planned, ==, 3);
  g_assert_cmpint (copy->notice_lead_days, ==, 5);
  g_assert_cmpint (copy->expected_attendance, ==, 100);
  g_assert_cmpuint (g_strv_length (copy->reports_due), ==, 2);
  g_assert_cmpstr (copy->reports_due[0], ==, "2025-06-15");
  g_assert_cmpstr (copy->reports_due[1], ==, "2025-12-10");
  g_assert_cmpuint (copy->planned_sessions->len, ==, 3);
  planned = g_ptr_array_index (copy->planned_sessions, 2);
  g_assert_cmpint (planned->month, ==, 10);
  g_assert_cmpint (planned->quarter, ==, 4);
  g_assert_cmpstr (planned->location, ==, "Nhà văn hóa thôn 3");

  /* A second copy to the same year is a second plan, never over the first. */
  again = dt_plan_copy_to_year (fixture->db, "KH-2024", 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, "KH-2025-2");

  g_assert_null (dt_plan_copy_to_year (fixture->db, "KH-1999", 2000, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_FOUND);
}

static void
add_session (DtDatabase *db,
             const char *code,
             const char *plan,
             const char *date,
             const char *status)
{
  g_autoptr(DtSession) session = dt_session_new ();
  g_autoptr(GError) error = NULL;

  session->code = g_strdup (code);
  session->plan = g_strdup (plan);
  session->kind = g_strdup ("dialogue");
  session->date = g_strdup (date);
  session->status = g_strdup (status);
  g_assert_cmpint (dt_session_insert (db, session, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_progress (DtTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(DtPlan) plan = plan_2024 ();
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *none = NULL;
  DtPlanProgress progress;
  DtPlanSummary *summary;

  g_assert_cmpint (dt_plan_insert (fixture->db, plan, &error), >, 0);
  add_session (fixture->db, "HN-2024-01", "KH-2024", "2024-04-16", "held");
  add_session (fixture->db, "HN-2024-02", "KH-2024", "2024-07-09", "postponed");
  add_session (fixture->db, "HN-2024-03", "KH-2024", "2024-08-20", "held");
  add_session (fixture->db, "HN-2024-04", "KH-2024", "2024-10-15", "planned");
  add_session (fixture->db, "HN-2024-05", "KH-2024", "2025-01-10", "cancelled");

  g_assert_true (dt_plan_get_progress (fixture->db, "KH-2024", &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpint (progress.year, ==, 2024);
  g_assert_cmpuint (progress.planned, ==, 3);
  g_assert_cmpuint (progress.planned_by_quarter[0], ==, 0);
  g_assert_cmpuint (progress.planned_by_quarter[1], ==, 1);
  g_assert_cmpuint (progress.planned_by_quarter[2], ==, 1);
  g_assert_cmpuint (progress.planned_by_quarter[3], ==, 1);
  g_assert_cmpuint (progress.held, ==, 2);
  g_assert_cmpuint (progress.held_by_quarter[1], ==, 1);
  g_assert_cmpuint (progress.held_by_quarter[2], ==, 1);
  g_assert_cmpuint (progress.to_come, ==, 1);
  g_assert_cmpuint (progress.to_come_by_quarter[3], ==, 1);
  g_assert_cmpuint (progress.postponed, ==, 1);
  g_assert_cmpuint (progress.cancelled, ==, 1);

  summaries = dt_plan_summaries (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 1);
  summary = g_ptr_array_index (summaries, 0);
  g_assert_cmpstr (summary->code, ==, "KH-2024");
  g_assert_cmpstr (summary->number, ==, "08-KH/ĐU");
  g_assert_cmpuint (summary->planned, ==, 3);
  g_assert_cmpuint (summary->sessions, ==, 4);
  g_assert_cmpuint (summary->held, ==, 2);

  found = dt_plan_find_for_year (fixture->db, 2024, &error);
  g_assert_cmpstr (found, ==, "KH-2024");
  none = dt_plan_find_for_year (fixture->db, 2030, &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/plans/shift-years", test_shift_years);
  DT_TEST_ADD ("/core/plans/copy-to-next-year", test_copy_to_next_year);
  DT_TEST_ADD ("/core/plans/progress", test_progress);

  return g_test_run ();
}
