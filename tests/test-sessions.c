/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-sessions.h"
#include "dt-status.h"
#include "dt-test-util.h"
#include "dt-util.h"

static void
add_plan (DtDatabase *db)
{
  g_autoptr(DtPlan) plan = dt_plan_new ();
  g_autoptr(GError) error = NULL;

  plan->code = g_strdup ("KH-2025");
  plan->year = 2025;
  plan->notice_lead_days = 5;
  g_assert_cmpint (dt_plan_insert (db, plan, &error), >, 0);
  g_assert_no_error (error);
}

static DtSession *
new_session (const char *code,
             const char *date)
{
  DtSession *session = dt_session_new ();

  session->code = g_strdup (code);
  session->plan = g_strdup ("KH-2025");
  session->kind = g_strdup ("dialogue");
  session->date = g_strdup (date);
  session->time = g_strdup ("08:00");
  session->location = g_strdup ("Nhà văn hóa thôn Đông");
  session->village = g_strdup ("Thôn Đông");
  session->status = g_strdup ("planned");
  return session;
}

static GDate
day (const char *iso)
{
  GDate date;

  g_assert_true (dt_date_parse (iso, &date));
  return date;
}

static void
test_refused_dates (DtTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(DtSession) session = new_session ("HN-2025-01", "2024-12-20");
  g_autoptr(GError) error = NULL;

  add_plan (fixture->db);

  /* Before its plan's year. */
  g_assert_cmpint (dt_session_insert (fixture->db, session, &error), ==, 0);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_cmpstr (dt_error_get_field (error), ==, "date");
  g_assert_nonnull (strstr (error->message, "KH-2025"));
  g_clear_error (&error);

  /* A notice after the session, a conclusion before it. */
  g_free (session->date);
  session->date = g_strdup ("2025-04-15");
  session->notice_date = g_strdup ("2025-04-16");
  g_assert_cmpint (dt_session_insert (fixture->db, session, &error), ==, 0);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_cmpstr (dt_error_get_field (error), ==, "date");
  g_clear_error (&error);
  g_clear_pointer (&session->notice_date, g_free);
  session->conclusion_date = g_strdup ("2025-04-14");
  g_assert_cmpint (dt_session_insert (fixture->db, session, &error), ==, 0);
  g_assert_cmpstr (dt_error_get_field (error), ==, "conclusion_date");
  g_clear_error (&error);

  g_clear_pointer (&session->conclusion_date, g_free);
  g_assert_cmpint (dt_session_insert (fixture->db, session, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_count (fixture->db, "sessions", NULL), ==, 1);
}

static void
test_due_dates_and_flags (DtTestFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(DtSession) session = new_session ("HN-2025-01", "2025-04-15");
  g_autoptr(DtSessionInfo) info = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  GDate as_of;

  add_plan (fixture->db);
  g_assert_cmpint (dt_session_insert (fixture->db, session, &error), >, 0);

  /* The plan's 5 lead days, the unit's 10 conclusion days. */
  as_of = day ("2025-04-10");
  info = dt_session_info_load (fixture->db, "HN-2025-01", &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_day (&info->notice_due), ==, 10);
  g_assert_cmpint (g_date_get_month (&info->notice_due), ==, 4);
  g_assert_cmpint (g_date_get_day (&info->conclusion_due), ==, 25);
  g_assert_false (info->notice_late);
  g_clear_pointer (&info, dt_session_info_free);

  as_of = day ("2025-04-11");
  info = dt_session_info_load (fixture->db, "HN-2025-01", &as_of, &error);
  g_assert_true (info->notice_late);
  g_assert_false (info->conclusion_late);
  g_clear_pointer (&info, dt_session_info_free);

  as_of = day ("2025-05-01");
  infos = dt_session_infos (fixture->db, 2025, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = dt_session_infos (fixture->db, 2026, &as_of, &error);
  g_assert_cmpuint (infos->len, ==, 0);

  {
    g_autoptr(DtSession) later = new_session ("HN-2027-01", "2027-03-10");
    g_autoptr(GArray) years = NULL;

    g_assert_cmpint (dt_session_insert (fixture->db, later, &error), >, 0);
    years = dt_session_years (fixture->db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (years->len, ==, 2);
    g_assert_cmpint (g_array_index (years, int, 0), ==, 2027);
    g_assert_cmpint (g_array_index (years, int, 1), ==, 2025);
  }
}

static void
test_minutes_and_conclusion (DtTestFixture *fixture,
                             gconstpointer  data)
{
  g_autoptr(DtSession) session = new_session ("HN-2025-01", "2025-04-15");
  g_autoptr(DtSession) loaded = NULL;
  g_autoptr(DtPetition) opinion = dt_petition_new ();
  g_autoptr(DtPetition) petition = NULL;
  g_autoptr(DtSessionInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) codes = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  const char *assigned[] = { NULL, NULL, NULL, NULL };
  const char *agencies[] = { NULL, NULL, NULL, NULL };
  DtWorkCalendar *calendar;
  DtPetitionState state;
  GDate as_of;

  add_plan (fixture->db);
  g_assert_cmpint (dt_session_insert (fixture->db, session, &error), >, 0);

  opinion->petitioner = g_strdup ("Trần Thị Bình");
  opinion->field = g_strdup ("Đất đai");
  opinion->summary = g_strdup ("Đề nghị cấp giấy chứng nhận quyền sử dụng đất");
  first = dt_session_add_opinion (fixture->db, "HN-2025-01", opinion, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "2025-0001");

  g_free (opinion->summary);
  opinion->summary = g_strdup ("Đề nghị sửa đường liên thôn");
  opinion->answer = g_strdup ("Đã có kế hoạch sửa trong quý III.");
  second = dt_session_add_opinion (fixture->db, "HN-2025-01", opinion, &error);
  g_assert_cmpstr (second, ==, "2025-0002");
  g_clear_pointer (&opinion->answer, g_free);

  g_free (opinion->summary);
  opinion->summary = g_strdup ("Phản ánh rác thải ven kênh");
  third = dt_session_add_opinion (fixture->db, "HN-2025-01", opinion, &error);
  g_assert_cmpstr (third, ==, "2025-0003");

  petition = dt_petition_load (fixture->db, second, &error);
  g_assert_cmpstr (petition->channel, ==, "session");
  g_assert_cmpstr (petition->session, ==, "HN-2025-01");
  g_assert_cmpstr (petition->received, ==, "2025-04-15");
  g_assert_cmpstr (petition->answered_date, ==, "2025-04-15");

  codes = dt_session_petition_codes (fixture->db, "HN-2025-01", &error);
  g_assert_cmpuint (g_strv_length (codes), ==, 3);

  /* Not held yet: no conclusion. */
  assigned[0] = first;
  agencies[0] = "Công chức Địa chính - Xây dựng";
  assigned[1] = third;
  agencies[1] = "UBND xã";
  g_assert_false (dt_session_conclude (fixture->db, "HN-2025-01", "20-TB/ĐU", "2025-04-22",
                                       assigned, agencies, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);

  loaded = dt_session_load (fixture->db, "HN-2025-01", &error);
  g_free (loaded->status);
  loaded->status = g_strdup ("held");
  loaded->attendance = 95;
  g_assert_true (dt_session_update (fixture->db, loaded, &error));

  /* Before the session: refused, and nobody assigned. */
  g_assert_false (dt_session_conclude (fixture->db, "HN-2025-01", "20-TB/ĐU", "2025-04-14",
                                       assigned, agencies, &error));
  g_assert_cmpstr (dt_error_get_field (error), ==, "conclusion_date");
  g_clear_error (&error);
  g_clear_pointer (&petition, dt_petition_free);
  petition = dt_petition_load (fixture->db, first, &error);
  g_assert_null (petition->assigned_to);

  g_assert_true (dt_session_conclude (fixture->db, "HN-2025-01", "20-TB/ĐU", "2025-04-22",
                                      assigned, agencies, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, dt_session_free);
  loaded = dt_session_load (fixture->db, "HN-2025-01", &error);
  g_assert_cmpstr (loaded->conclusion_number, ==, "20-TB/ĐU");
  g_assert_cmpstr (loaded->conclusion_date, ==, "2025-04-22");

  /* Assigned on the conclusion's day: 30 working days later is 5/6/2025. */
  g_clear_pointer (&petition, dt_petition_free);
  petition = dt_petition_load (fixture->db, first, &error);
  g_assert_cmpstr (petition->assigned_to, ==, "Công chức Địa chính - Xây dựng");
  g_assert_cmpstr (petition->assigned_date, ==, "2025-04-22");
  calendar = dt_work_calendar_new (fixture->db, &error);
  as_of = day ("2025-05-01");
  dt_petition_get_state (petition, &as_of, calendar, 30, &state);
  dt_work_calendar_free (calendar);
  g_assert_cmpint (state.status, ==, DT_STATUS_ASSIGNED);
  g_assert_cmpint (g_date_get_day (&state.deadline), ==, 5);
  g_assert_cmpint (g_date_get_month (&state.deadline), ==, 6);

  info = dt_session_info_load (fixture->db, "HN-2025-01", &as_of, &error);
  g_assert_cmpuint (info->petitions, ==, 3);
  g_assert_cmpuint (info->open, ==, 2);
  g_assert_false (info->conclusion_late);
}

static void
test_postpone_and_cancel (DtTestFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(DtSession) session = new_session ("HN-2025-01", "2025-04-15");
  g_autoptr(DtSession) loaded = NULL;
  g_autoptr(GError) error = NULL;

  add_plan (fixture->db);
  g_assert_cmpint (dt_session_insert (fixture->db, session, &error), >, 0);

  g_assert_false (dt_session_set_status (fixture->db, "HN-2025-01", "postponed", "  ", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_cmpstr (dt_error_get_field (error), ==, "status_reason");
  g_clear_error (&error);

  g_assert_true (dt_session_set_status (fixture->db, "HN-2025-01", "postponed",
                                        "Mưa bão kéo dài", &error));
  loaded = dt_session_load (fixture->db, "HN-2025-01", &error);
  g_assert_cmpstr (loaded->status, ==, "postponed");
  g_assert_cmpstr (loaded->status_reason, ==, "Mưa bão kéo dài");
  g_clear_pointer (&loaded, dt_session_free);

  g_assert_true (dt_session_set_status (fixture->db, "HN-2025-01", "planned", NULL, &error));
  loaded = dt_session_load (fixture->db, "HN-2025-01", &error);
  g_assert_cmpstr (loaded->status, ==, "planned");
  g_assert_null (loaded->status_reason);
  g_free (loaded->status);
  loaded->status = g_strdup ("held");
  g_assert_true (dt_session_update (fixture->db, loaded, &error));

  g_assert_false (dt_session_set_status (fixture->db, "HN-2025-01", "cancelled", "Trùng lịch",
                                         &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
}

static void
test_delete_keeps_petitions (DtTestFixture *fixture,
                             gconstpointer  data)
{
  g_autoptr(DtSession) first = new_session ("HN-2025-01", "2025-04-15");
  g_autoptr(DtSession) second = new_session ("HN-2025-02", "2025-07-15");
  g_autoptr(DtPetition) opinion = dt_petition_new ();
  g_autoptr(DtPetition) petition = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *other = NULL;

  add_plan (fixture->db);
  g_assert_cmpint (dt_session_insert (fixture->db, first, &error), >, 0);
  g_assert_cmpint (dt_session_insert (fixture->db, second, &error), >, 0);
  opinion->summary = g_strdup ("Đề nghị lắp đèn đường");
  code = dt_session_add_opinion (fixture->db, "HN-2025-01", opinion, &error);
  g_assert_no_error (error);

  g_assert_false (dt_session_delete_full (fixture->db, "HN-2025-01",
                                          DT_SESSION_PETITIONS_REFUSE, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dt_session_delete (fixture->db, "HN-2025-01", &error));
  g_clear_error (&error);
  g_assert_false (dt_session_delete_full (fixture->db, "HN-2025-01",
                                          DT_SESSION_PETITIONS_MOVE, "HN-2025-01", &error));
  g_clear_error (&error);

  g_assert_true (dt_session_delete_full (fixture->db, "HN-2025-01", DT_SESSION_PETITIONS_MOVE,
                                         "HN-2025-02", &error));
  g_assert_no_error (error);
  petition = dt_petition_load (fixture->db, code, &error);
  g_assert_cmpstr (petition->session, ==, "HN-2025-02");
  g_assert_cmpint (dt_database_count (fixture->db, "sessions", NULL), ==, 1);

  other = dt_session_add_opinion (fixture->db, "HN-2025-02", opinion, &error);
  g_assert_true (dt_session_delete_full (fixture->db, "HN-2025-02", DT_SESSION_PETITIONS_DELETE,
                                         NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_count (fixture->db, "petitions", NULL), ==, 0);
  g_assert_cmpint (dt_database_count (fixture->db, "sessions", NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/core/sessions/refused-dates", test_refused_dates);
  DT_TEST_ADD ("/core/sessions/due-dates-and-flags", test_due_dates_and_flags);
  DT_TEST_ADD ("/core/sessions/minutes-and-conclusion", test_minutes_and_conclusion);
  DT_TEST_ADD ("/core/sessions/postpone-and-cancel", test_postpone_and_cancel);
  DT_TEST_ADD ("/core/sessions/delete-keeps-petitions", test_delete_keeps_petitions);

  return g_test_run ();
}
