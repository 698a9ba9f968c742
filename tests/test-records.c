/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-records.h"
#include "dt-test-util.h"

static DtPetition *
make_petition (const char *code)
{
  DtPetition *petition = dt_petition_new ();

  petition->code = g_strdup (code);
  petition->received = g_strdup ("2025-04-15");
  petition->channel = g_strdup ("written");
  petition->summary = g_strdup ("Đề nghị nạo vét kênh mương");
  return petition;
}

static DtSession *
make_session (const char *code)
{
  DtSession *session = dt_session_new ();

  session->code = g_strdup (code);
  session->kind = g_strdup ("dialogue");
  session->date = g_strdup ("2025-04-15");
  session->status = g_strdup ("held");
  return session;
}

/* The message names the record and the field, as the secretary would look for them. */
static void
assert_message (const GError *error,
                const char   *first,
                const char   *second)
{
  g_assert_nonnull (error);
  if (strstr (error->message, first) == NULL || (second && !strstr (error->message, second)))
    g_error ("“%s” should mention “%s” and “%s”", error->message, first, second ? second : "");
}

static void
test_required (DtTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(DtPetition) petition = make_petition ("2025-0001");
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&petition->summary, g_free);
  petition->summary = g_strdup ("   ");   /* blank counts as missing */
  g_assert_false (dt_petition_insert (fixture->db, petition, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  assert_message (error, "2025-0001", "Summary");
  g_assert_cmpint (dt_database_count (fixture->db, "petitions", NULL), ==, 0);
}

static void
test_impossible_date (DtTestFixture *fixture,
                      gconstpointer  data)
{
  const char *bad[] = { "2025-02-29", "2025-13-01", "2025-4-15", "15/04/2025", "1899-12-31",
                        "2025-04-31", "" };
  g_autoptr(DtPetition) petition = make_petition ("2025-0002");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_free (petition->received);
      petition->received = g_strdup (bad[i]);
      g_assert_false (dt_petition_insert (fixture->db, petition, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
      assert_message (error, "2025-0002", "Received date");
    }
  /* 2024 is a leap year. */
  g_free (petition->received);
  petition->received = g_strdup ("2024-02-29");
  g_assert_true (dt_petition_insert (fixture->db, petition, NULL));
}

static void
test_unknown_enum (DtTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(DtPetition) petition = make_petition ("2025-0003");
  g_autoptr(DtSession) session = make_session ("HN-2025-01");
  g_autoptr(GError) error = NULL;

  g_free (petition->channel);
  petition->channel = g_strdup ("email");
  g_assert_false (dt_petition_insert (fixture->db, petition, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  assert_message (error, "Channel", "email");
  g_clear_error (&error);

  g_free (session->status);
  session->status = g_strdup ("done");
  g_assert_false (dt_session_insert (fixture->db, session, &error));
  assert_message (error, "HN-2025-01", "done");
}

static void
test_order_of_dates (DtTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(DtPetition) petition = make_petition ("2025-0004");
  g_autoptr(DtSession) session = make_session ("HN-2025-02");
  g_autoptr(GError) error = NULL;

  /* Nothing resolved before it was received. */
  petition->resolved_date = g_strdup ("2025-04-01");
  g_assert_false (dt_petition_insert (fixture->db, petition, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  assert_message (error, "Resolved date", "01/04/2025");
  g_clear_error (&error);

  /* Nor before it was assigned. */
  g_free (petition->resolved_date);
  petition->resolved_date = g_strdup ("2025-04-20");
  petition->assigned_to = g_strdup ("UBND xã");
  petition->assigned_date = g_strdup ("2025-04-25");
  g_assert_false (dt_petition_insert (fixture->db, petition, &error));
  assert_message (error, "Resolved date", "Assigned date");
  g_clear_error (&error);

  /* No conclusion before its session. */
  session->conclusion_date = g_strdup ("2025-04-10");
  g_assert_false (dt_session_insert (fixture->db, session, &error));
  assert_message (error, "HN-2025-02", "Conclusion notice date");
  g_clear_error (&error);

  /* A notice after the session makes no sense either. */
  g_free (session->conclusion_date);
  session->conclusion_date = g_strdup ("2025-04-22");
  session->notice_date = g_strdup ("2025-04-16");
  g_assert_false (dt_session_insert (fixture->db, session, &error));
  assert_message (error, "Notice date", NULL);
  g_clear_error (&error);

  g_free (session->notice_date);
  session->notice_date = g_strdup ("2025-04-05");
  g_assert_true (dt_session_insert (fixture->db, session, &error));
  g_assert_no_error (error);
}

static void
test_references (DtTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(DtPetition) petition = make_petition ("2025-0005");
  g_autoptr(DtSession) session = make_session ("HN-2025-03");
  g_autoptr(DtPetition) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) villages = NULL;

  g_free (petition->channel);
  petition->channel = g_strdup ("session");
  g_assert_false (dt_petition_insert (fixture->db, petition, &error));
  assert_message (error, "2025-0005", "Session");
  g_clear_error (&error);

  petition->session = g_strdup ("HN-2099-09");
  g_assert_false (dt_petition_insert (fixture->db, petition, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_FOUND);
  assert_message (error, "2025-0005", "HN-2099-09");
  g_clear_error (&error);

  session->plan = g_strdup ("KH-1999");
  g_assert_false (dt_session_insert (fixture->db, session, &error));
  assert_message (error, "HN-2025-03", "KH-1999");
  g_clear_error (&error);
  g_clear_pointer (&session->plan, g_free);
  g_assert_true (dt_session_insert (fixture->db, session, &error));

  /* A list name not known yet joins its list. */
  g_free (petition->session);
  petition->session = g_strdup ("HN-2025-03");
  petition->village = g_strdup ("Thôn Bắc Sơn");
  petition->field = g_strdup ("Giao thông");
  g_assert_true (dt_petition_insert (fixture->db, petition, &error));
  g_assert_no_error (error);
  villages = dt_list_get (fixture->db, DT_LIST_VILLAGES, &error);
  g_assert_cmpstrv (villages, ((const char *[]) { "Thôn Bắc Sơn", NULL }));

  loaded = dt_petition_load (fixture->db, "2025-0005", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->session, ==, "HN-2025-03");
  g_assert_cmpstr (loaded->field, ==, "Giao thông");

  /* A session with petitions cannot simply disappear. */
  g_assert_false (dt_session_delete (fixture->db, "HN-2025-03", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  {
    g_autoptr(DtSession) still_there = dt_session_load (fixture->db, "HN-2025-03", NULL);
    g_assert_nonnull (still_there);
  }
}

static void
test_duplicate_code (DtTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(DtPetition) petition = make_petition ("2025-0006");
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_petition_insert (fixture->db, petition, &error));
  g_assert_false (dt_petition_insert (fixture->db, petition, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_DUPLICATE);
  assert_message (error, "2025-0006", "already exists");
  g_clear_error (&error);

  /* Surrounding spaces do not make a new code. */
  g_free (petition->code);
  petition->code = g_strdup (" 2025-0006 ");
  g_assert_false (dt_petition_insert (fixture->db, petition, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_DUPLICATE);
  g_assert_cmpint (dt_database_count (fixture->db, "petitions", NULL), ==, 1);
}

static void
test_nfc (DtTestFixture *fixture,
          gconstpointer  data)
{
  /* "Nguyễn Văn Đường" typed as base letters plus combining marks, as some IMEs send it. */
  const char *decomposed = "Nguye\xcc\x82\xcc\x83n Va\xcc\x86n \xc4\x90u\xcc\x9bo\xcc\x9b\xcc\x80ng";
  const char *composed = "Nguyễn Văn Đường";
  g_autoptr(DtPetition) petition = make_petition ("2025-0007");
  g_autoptr(DtPetition) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_cmpstr (decomposed, !=, composed);
  petition->petitioner = g_strdup (decomposed);
  petition->field = g_strdup ("\xc4\x90" "a\xcc\x82\xcc\x81t \xc4\x91" "ai");  /* Đất đai */
  g_assert_true (dt_petition_insert (fixture->db, petition, &error));
  g_assert_no_error (error);

  loaded = dt_petition_load (fixture->db, "2025-0007", &error);
  g_assert_cmpstr (loaded->petitioner, ==, composed);
  fields = dt_list_get (fixture->db, DT_LIST_FIELDS, NULL);
  g_assert_cmpstrv (fields, ((const char *[]) { "Đất đai", NULL }));

  /* The same name typed composed is the same list entry. */
  g_assert_true (dt_list_add (fixture->db, DT_LIST_FIELDS, "Đất đai", &error));
  g_assert_cmpint (dt_database_count (fixture->db, "fields", NULL), ==, 1);
}

static void
test_invalid_utf8 (DtTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(DtPetition) petition = make_petition ("2025-0008");
  g_autoptr(GError) error = NULL;

  petition->content = g_strdup ("Tr\xe1\xba n");
  g_assert_false (dt_petition_insert (fixture->db, petition, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  assert_message (error, "2025-0008", "Content");
}

static void
test_round_trip_every_field (DtTestFixture *fixture,
                             gconstpointer  data)
{
  g_autoptr(DtPlan) plan = dt_plan_new ();
  g_autoptr(DtPlan) plan_back = NULL;
  g_autoptr(DtSession) session = make_session ("HN-2025-01");
  g_autoptr(DtSession) session_back = NULL;
  g_autoptr(DtPetition) original = make_petition ("2025-0009");
  g_autoptr(DtPetition) petition = make_petition ("2025-0010");
  g_autoptr(DtPetition) back = NULL;
  DtPlannedSession *planned = dt_planned_session_new ();
  g_autoptr(GError) error = NULL;

  plan->code = g_strdup ("KH-2025");
  plan->year = 2025;
  plan->number = g_strdup ("08-KH/ĐU");
  plan->issued = g_strdup ("2025-01-14");
  plan->title = g_strdup ("Kế hoạch đối thoại năm 2025");
  plan->bases = g_strsplit ("Quyết định 657-QĐ/TU|Quy định 11-QĐi/TW", "|", -1);
  plan->purpose = g_strdup ("Nắm bắt tâm tư, nguyện vọng");
  plan->dialogues_planned = 3;
  plan->notice_lead_days = 5;
  plan->expected_attendance = 100;
  plan->reports_due = g_strsplit ("2025-06-15|2025-12-10", "|", -1);
  planned->quarter = 2;
  planned->month = 4;
  planned->location = g_strdup ("Nhà văn hóa thôn Đông");
  planned->topic = g_strdup ("Đất đai");
  g_ptr_array_add (plan->planned_sessions, planned);
  g_assert_true (dt_plan_insert (fixture->db, plan, &error));
  g_assert_no_error (error);

  session->plan = g_strdup ("KH-2025");
  session->time = g_strdup ("08:00");
  session->minutes_start = g_strdup ("08:00");
  session->minutes_end = g_strdup ("11:15");
  session->attendance = 95;
  session->composition = g_strdup ("Thường trực Đảng ủy");
  g_assert_true (dt_session_insert (fixture->db, session, &error));
  g_assert_no_error (error);
  g_assert_true (dt_petition_insert (fixture->db, original, &error));

  petition->duplicate_of = g_strdup ("2025-0009");
  petition->individual = TRUE;
  petition->confidential = TRUE;
  petition->assigned_to = g_strdup ("UBND xã");
  petition->assigned_date = g_strdup ("2025-04-22");
  petition->deadline = g_strdup ("2025-06-05");
  g_ptr_array_add (petition->events, dt_petition_event_new ("2025-05-10", "Nhắc việc", "12/VP"));
  g_ptr_array_add (petition->events, dt_petition_event_new ("2025-05-20", "Trả lời", NULL));
  g_assert_true (dt_petition_insert (fixture->db, petition, &error));
  g_assert_no_error (error);

  plan_back = dt_plan_load (fixture->db, "KH-2025", &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan_back->year, ==, 2025);
  g_assert_cmpint (plan_back->notice_lead_days, ==, 5);
  g_assert_cmpstrv (plan_back->bases, plan->bases);
  g_assert_cmpstrv (plan_back->reports_due, plan->reports_due);
  g_assert_cmpuint (plan_back->planned_sessions->len, ==, 1);
  planned = g_ptr_array_index (plan_back->planned_sessions, 0);
  g_assert_cmpint (planned->month, ==, 4);
  g_assert_cmpstr (planned->location, ==, "Nhà văn hóa thôn Đông");

  session_back = dt_session_load (fixture->db, "HN-2025-01", &error);
  g_assert_cmpstr (session_back->plan, ==, "KH-2025");
  g_assert_cmpint (session_back->attendance, ==, 95);
  g_assert_cmpstr (session_back->minutes_end, ==, "11:15");
  g_assert_cmpint (session_back->attendance, !=, DT_NO_INT);

  back = dt_petition_load (fixture->db, "2025-0010", &error);
  g_assert_cmpstr (back->duplicate_of, ==, "2025-0009");
  g_assert_true (back->individual);
  g_assert_true (back->confidential);
  g_assert_cmpstr (back->deadline, ==, "2025-06-05");
  g_assert_cmpuint (back->events->len, ==, 2);
  g_assert_cmpstr (((DtPetitionEvent *) g_ptr_array_index (back->events, 0))->number, ==, "12/VP");
  g_assert_null (((DtPetitionEvent *) g_ptr_array_index (back->events, 1))->number);

  /* A plan's months must fall in its quarters. */
  planned = dt_planned_session_new ();
  planned->quarter = 1;
  planned->month = 7;
  g_ptr_array_add (plan->planned_sessions, planned);
  g_assert_false (dt_plan_update (fixture->db, plan, &error));
  assert_message (error, "KH-2025", "quarter");
}

static void
test_unit_and_calendar (DtTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(DtUnit) unit = dt_unit_new ();
  g_autoptr(DtUnit) back = NULL;
  g_autoptr(DtCalendarYear) year = dt_calendar_year_new (2026);
  g_autoptr(GPtrArray) years = NULL;
  g_autoptr(GError) error = NULL;

  unit->name = g_strdup ("ĐẢNG BỘ XÃ THẠCH LẠC");
  unit->answer_working_days = 0;
  g_assert_false (dt_unit_save (fixture->db, unit, &error));
  assert_message (error, "Working days to answer", "1");
  g_clear_error (&error);
  unit->answer_working_days = 20;
  g_assert_true (dt_unit_save (fixture->db, unit, &error));
  back = dt_unit_load (fixture->db, &error);
  g_assert_cmpstr (back->name, ==, "ĐẢNG BỘ XÃ THẠCH LẠC");
  g_assert_cmpint (back->answer_working_days, ==, 20);

  g_strfreev (year->holidays);
  year->holidays = g_strsplit ("2026-01-01,2026-02-16,2025-12-31", ",", -1);
  g_assert_false (dt_calendar_save (fixture->db, year, &error));
  assert_message (error, "2026", "2025-12-31");
  g_clear_error (&error);

  g_strfreev (year->holidays);
  year->holidays = g_strsplit ("2026-01-01,2026-02-16", ",", -1);
  g_strfreev (year->workdays);
  year->workdays = g_strsplit ("2026-01-01", ",", -1);
  g_assert_false (dt_calendar_save (fixture->db, year, &error));
  assert_message (error, "2026-01-01", "twice");
  g_clear_error (&error);

  g_strfreev (year->workdays);
  year->workdays = g_strsplit ("2026-02-28", ",", -1);
  g_assert_true (dt_calendar_save (fixture->db, year, &error));
  /* Saving a year again replaces it entirely. */
  g_strfreev (year->holidays);
  year->holidays = g_strsplit ("2026-09-02", ",", -1);
  g_assert_true (dt_calendar_save (fixture->db, year, &error));
  years = dt_calendar_list (fixture->db, &error);
  g_assert_cmpuint (years->len, ==, 1);
  g_assert_cmpstrv (((DtCalendarYear *) g_ptr_array_index (years, 0))->holidays,
                    ((const char *[]) { "2026-09-02", NULL }));
  g_assert_cmpstrv (((DtCalendarYear *) g_ptr_array_index (years, 0))->workdays,
                    ((const char *[]) { "2026-02-28", NULL }));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/core/records/required-field", test_required);
  DT_TEST_ADD ("/core/records/impossible-date", test_impossible_date);
  DT_TEST_ADD ("/core/records/unknown-enumeration", test_unknown_enum);
  DT_TEST_ADD ("/core/records/order-of-dates", test_order_of_dates);
  DT_TEST_ADD ("/core/records/references", test_references);
  DT_TEST_ADD ("/core/records/duplicate-code", test_duplicate_code);
  DT_TEST_ADD ("/core/records/nfc", test_nfc);
  DT_TEST_ADD ("/core/records/invalid-utf8", test_invalid_utf8);
  DT_TEST_ADD ("/core/records/every-field", test_round_trip_every_field);
  DT_TEST_ADD ("/core/records/unit-and-calendar", test_unit_and_calendar);

  return g_test_run ();
}
