/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-status.h"
#include "dt-test-util.h"
#include "dt-util.h"

static DtPetitionState
state_on (const DtPetitionDates *dates,
          const char            *day)
{
  g_autoptr(DtWorkCalendar) calendar = dt_work_calendar_new_default ();
  DtPetitionState state;
  GDate as_of;

  g_assert_true (dt_date_parse (day, &as_of));
  dt_petition_state_compute (dates, &as_of, calendar, 30, &state);
  return state;
}

static void
test_every_status (void)
{
  DtPetitionDates dates = { .received = "2025-04-15" };
  DtPetitionState state;

  state = state_on (&dates, "2025-04-15");
  g_assert_cmpint (state.status, ==, DT_STATUS_RECEIVED);
  g_assert_true (state.open);
  g_assert_false (state.has_deadline);

  /* Assigned on 22/4: 30 working days later is 5/6 (30/4 and 1/5 off). */
  dates.assigned_date = "2025-04-22";
  state = state_on (&dates, "2025-04-21");
  g_assert_cmpint (state.status, ==, DT_STATUS_RECEIVED);
  state = state_on (&dates, "2025-04-22");
  g_assert_cmpint (state.status, ==, DT_STATUS_ASSIGNED);
  g_assert_true (state.has_deadline);
  g_assert_cmpint (g_date_get_day (&state.deadline), ==, 5);
  g_assert_cmpint (g_date_get_month (&state.deadline), ==, 6);

  /* Overdue: not on the deadline day itself, from the day after. */
  state = state_on (&dates, "2025-06-05");
  g_assert_false (state.overdue);
  state = state_on (&dates, "2025-06-06");
  g_assert_true (state.overdue);
  g_assert_cmpint (state.days_overdue, ==, 1);
  state = state_on (&dates, "2025-07-05");
  g_assert_cmpint (state.days_overdue, ==, 30);

  /* A stored deadline overrides the computed one. */
  dates.deadline = "2025-07-31";
  state = state_on (&dates, "2025-07-05");
  g_assert_false (state.overdue);
  dates.deadline = NULL;

  /* Escalated: open, never overdue here. */
  dates.escalated_date = "2025-05-10";
  state = state_on (&dates, "2025-08-01");
  g_assert_cmpint (state.status, ==, DT_STATUS_ESCALATED);
  g_assert_true (state.open);
  g_assert_false (state.overdue);

  /* Resolved wins over everything before it; late here. */
  dates.resolved_date = "2025-06-20";
  state = state_on (&dates, "2025-06-19");
  g_assert_cmpint (state.status, ==, DT_STATUS_ESCALATED);
  state = state_on (&dates, "2025-06-20");
  g_assert_cmpint (state.status, ==, DT_STATUS_RESOLVED);
  g_assert_false (state.open);
  g_assert_false (state.on_time);
  dates.resolved_date = "2025-06-05";
  state = state_on (&dates, "2025-12-31");
  g_assert_true (state.on_time);

  /* The others, each on its own. */
  {
    DtPetitionDates answered = { .received = "2025-04-15", .answered_date = "2025-04-15" };
    DtPetitionDates declined = { .received = "2025-04-15", .declined_date = "2025-04-18" };
    DtPetitionDates withdrawn = { .received = "2025-04-15", .withdrawn_date = "2025-04-20" };
    DtPetitionDates unassigned_resolved = { .received = "2025-04-15",
                                            .resolved_date = "2025-09-01" };

    g_assert_cmpint (state_on (&answered, "2025-04-15").status, ==, DT_STATUS_ANSWERED);
    g_assert_false (state_on (&answered, "2025-04-15").open);
    g_assert_cmpint (state_on (&declined, "2025-04-17").status, ==, DT_STATUS_RECEIVED);
    g_assert_cmpint (state_on (&declined, "2025-04-18").status, ==, DT_STATUS_DECLINED);
    g_assert_cmpint (state_on (&withdrawn, "2025-05-01").status, ==, DT_STATUS_WITHDRAWN);
    /* No deadline: on time. */
    g_assert_true (state_on (&unassigned_resolved, "2025-09-01").on_time);
  }

  g_assert_cmpstr (dt_status_label_vi (DT_STATUS_ASSIGNED), ==, "Đang giải quyết");
  g_assert_cmpstr (dt_status_name (DT_STATUS_DECLINED), ==, "declined");
}

static void
insert_petition (DtDatabase *db,
                 const char *code,
                 const char *received)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtPetition) petition = dt_petition_new ();

  petition->code = g_strdup (code);
  petition->received = g_strdup (received);
  petition->channel = g_strdup ("written");
  petition->summary = g_strdup ("Đề nghị sửa chữa cống tiêu úng");
  g_assert_true (dt_petition_insert (db, petition, &error));
  g_assert_no_error (error);
}

static void
test_actions (DtTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(DtPetition) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 audit;

  insert_petition (fixture->db, "2025-0001", "2025-04-15");
  insert_petition (fixture->db, "2025-0002", "2025-04-16");

  /* Resolving before assigning is refused. */
  g_assert_false (dt_petition_resolve (fixture->db, "2025-0001", "2025-05-01", "Xong", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025-0001"));
  g_clear_error (&error);

  /* Assigning before the petition was received is refused by the records' own rules. */
  g_assert_false (dt_petition_assign (fixture->db, "2025-0001", "UBND xã", "2025-04-01", NULL,
                                      &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);

  audit = dt_database_count (fixture->db, "audit_log", NULL);
  g_assert_true (dt_petition_assign (fixture->db, "2025-0001", "UBND xã", "2025-04-22", NULL,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_count (fixture->db, "audit_log", NULL), >, audit);

  /* Resolving before the assignment date, or before receipt, is refused. */
  g_assert_false (dt_petition_resolve (fixture->db, "2025-0001", "2025-04-20", "Xong", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "22/04/2025"));
  g_clear_error (&error);
  g_assert_false (dt_petition_resolve (fixture->db, "2025-0001", "2025-04-31", "Xong", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (dt_petition_add_event (fixture->db, "2025-0001", "2025-05-10",
                                        "Nhắc việc lần 1", NULL, &error));
  g_assert_false (dt_petition_add_event (fixture->db, "2025-0001", "2025-04-01",
                                         "Trước ngày tiếp nhận", NULL, &error));
  g_clear_error (&error);
  g_assert_true (dt_petition_resolve (fixture->db, "2025-0001", "2025-05-30",
                                      "Đã sửa xong cống", &error));
  g_assert_no_error (error);

  /* A closed petition takes no more actions. */
  g_assert_false (dt_petition_withdraw (fixture->db, "2025-0001", "2025-06-01", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dt_petition_assign (fixture->db, "2025-0001", "Công an xã", "2025-06-01", NULL,
                                      &error));
  g_clear_error (&error);

  loaded = dt_petition_load (fixture->db, "2025-0001", &error);
  g_assert_cmpstr (loaded->resolved_date, ==, "2025-05-30");
  g_assert_cmpuint (loaded->events->len, ==, 1);

  /* Answers belong to petitions raised at a session. */
  g_assert_false (dt_petition_answer (fixture->db, "2025-0002", "2025-04-16", "Đã trả lời",
                                      &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);

  /* Escalate, then resolve no earlier than the escalation. */
  g_assert_true (dt_petition_escalate (fixture->db, "2025-0002", "UBND tỉnh Hà Tĩnh", "45-CV/ĐU",
                                       "2025-04-25", &error));
  g_assert_false (dt_petition_assign (fixture->db, "2025-0002", "UBND xã", "2025-04-26", NULL,
                                      &error));
  g_clear_error (&error);
  g_assert_false (dt_petition_resolve (fixture->db, "2025-0002", "2025-04-24", "x", &error));
  g_clear_error (&error);

  /* Nor, sent on without an assignment, before it was even received. */
  {
    insert_petition (fixture->db, "2025-0003", "2025-04-16");
    g_assert_true (dt_petition_escalate (fixture->db, "2025-0003", "Sở Y tế", NULL, "2025-04-20",
                                         &error));
    g_assert_false (dt_petition_resolve (fixture->db, "2025-0003", "2025-04-10", "x", &error));
    g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
    g_clear_error (&error);
    g_clear_pointer (&loaded, dt_petition_free);
    loaded = dt_petition_load (fixture->db, "2025-0003", &error);
    g_assert_null (loaded->resolved_date);
    g_clear_pointer (&loaded, dt_petition_free);
  }

  /* Duplicates: not of itself, no circles. */
  g_assert_true (dt_petition_mark_duplicate (fixture->db, "2025-0002", "2025-0001", &error));
  g_assert_false (dt_petition_mark_duplicate (fixture->db, "2025-0001", "2025-0002", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dt_petition_mark_duplicate (fixture->db, "2025-0001", "2025-0001", &error));
  g_clear_error (&error);
  g_assert_false (dt_petition_decline (fixture->db, "2099-0001", "2025-05-01", "x", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_FOUND);
}

static void
test_count_and_warnings (DtTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(DtSession) session = dt_session_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  DtStatusCounts counts;
  GDate as_of;

  insert_petition (fixture->db, "A", "2025-04-15");
  insert_petition (fixture->db, "B", "2025-04-15");
  insert_petition (fixture->db, "C", "2025-04-15");
  g_assert_true (dt_petition_assign (fixture->db, "A", "UBND xã", "2025-04-22", NULL, &error));
  g_assert_true (dt_petition_assign (fixture->db, "B", "UBND xã", "2025-04-22", NULL, &error));
  g_assert_true (dt_petition_resolve (fixture->db, "B", "2025-05-20", "Xong", &error));
  g_assert_true (dt_petition_mark_duplicate (fixture->db, "C", "A", &error));

  session->code = g_strdup ("HN-2025-01");
  session->kind = g_strdup ("dialogue");
  session->date = g_strdup ("2025-04-15");
  session->status = g_strdup ("held");
  session->notice_date = g_strdup ("2025-04-10");   /* 5 days before: late against 7 */
  g_assert_true (dt_session_insert (fixture->db, session, &error));
  g_assert_no_error (error);

  /* Unit rules: notice 7 days before, conclusion within 10 days after; a plan may say 5. */
  {
    g_autoptr(DtPlan) plan = dt_plan_new ();
    GDate due;

    g_assert_true (dt_session_notice_due (fixture->db, session, &due, &error));
    g_assert_cmpint (g_date_get_day (&due), ==, 8);
    g_assert_true (dt_session_conclusion_due (fixture->db, session, &due, &error));
    g_assert_cmpint (g_date_get_day (&due), ==, 25);

    plan->code = g_strdup ("KH-2025");
    plan->year = 2025;
    plan->notice_lead_days = 5;
    g_assert_true (dt_plan_insert (fixture->db, plan, &error));
    session->plan = g_strdup ("KH-2025");
    g_assert_true (dt_session_notice_due (fixture->db, session, &due, &error));
    g_assert_cmpint (g_date_get_day (&due), ==, 10);
    g_clear_pointer (&session->plan, g_free);
  }

  g_date_set_dmy (&as_of, 10, 6, 2025);
  g_assert_true (dt_status_count_all (fixture->db, &as_of, &counts, &error));
  g_assert_cmpuint (counts.total, ==, 2);
  g_assert_cmpuint (counts.duplicates, ==, 1);
  g_assert_cmpuint (counts.by_status[DT_STATUS_ASSIGNED], ==, 1);
  g_assert_cmpuint (counts.by_status[DT_STATUS_RESOLVED], ==, 1);
  g_assert_cmpuint (counts.overdue, ==, 1);

  /* Before they were received, they were not there. */
  {
    DtStatusCounts before;
    GDate early;

    g_date_set_dmy (&early, 1, 4, 2025);
    g_assert_true (dt_status_count_all (fixture->db, &early, &before, &error));
    g_assert_cmpuint (before.total, ==, 0);
    g_assert_cmpuint (before.duplicates, ==, 0);
  }

  /* No circles of duplicates, however long: C → A, A → B, B → C would be one. */
  g_assert_true (dt_petition_mark_duplicate (fixture->db, "B", "C", &error));
  g_assert_false (dt_petition_mark_duplicate (fixture->db, "A", "B", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dt_petition_mark_duplicate (fixture->db, "B", NULL, &error));

  warnings = dt_rule_warnings (fixture->db, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 3);   /* late notice, missing conclusion, A overdue */
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "HN-2025-01"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 2), "A"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 2), "5 days"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/status/every-status", test_every_status);
  g_test_add ("/core/status/actions", DtTestFixture, NULL, dt_test_fixture_setup, test_actions,
              dt_test_fixture_teardown);
  g_test_add ("/core/status/count-and-warnings", DtTestFixture, NULL, dt_test_fixture_setup,
              test_count_and_warnings, dt_test_fixture_teardown);

  return g_test_run ();
}
