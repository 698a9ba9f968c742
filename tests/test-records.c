/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-records.h"
#include "dt-status.h"
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

static void
problem_hint_is (GPtrArray  *problems,
                 guint       index,
                 const char *expected)
{
  g_assert_cmpuint (index, <, problems->len);
  g_assert_cmpstr (dt_error_get_hint (g_ptr_array_index (problems, index)), ==, expected);
}

/* A form marks every wrong entry at once: each problem names its field. */
static void
test_every_problem (DtTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(DtPetition) petition = make_petition (NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) keys = g_string_new (NULL);
  gint64 before = dt_database_count (fixture->db, "petitions", NULL);

  g_free (petition->received);
  petition->received = g_strdup ("2025-02-30");
  g_free (petition->channel);
  petition->channel = g_strdup ("fax");
  g_clear_pointer (&petition->summary, g_free);
  petition->petitioner = g_strnfill (200, 'a');
  petition->village = g_strdup ("Thôn\nĐông");
  g_ptr_array_add (petition->events, dt_petition_event_new (NULL, "Nhắc", NULL));

  problems = dt_petition_problems (petition);
  for (guint i = 0; i < problems->len; i++)
    {
      GError *problem = g_ptr_array_index (problems, i);

      g_assert_error (problem, DT_ERROR, DT_ERROR_INVALID);
      g_assert_cmpstr (dt_error_get_record (problem), ==, "petition");
      g_string_append_printf (keys, "%s%s", i > 0 ? " " : "", dt_error_get_field (problem));
      /* The hint speaks to the person at the form, without the record's name. */
      g_assert_nonnull (dt_error_get_hint (problem));
      g_assert_null (strstr (dt_error_get_hint (problem), "Petition"));
    }
  g_assert_cmpstr (keys->str, ==, "code received channel village summary events[0].date");
  problem_hint_is (problems, 1, "Received date: type the date as day/month/year, for example "
                                "15/4/2025.");
  problem_hint_is (problems, 4, "Summary: this must be filled in.");

  /* Saving stops at the first, with the same key, and writes nothing. */
  g_assert_false (dt_petition_insert (fixture->db, petition, &error));
  g_assert_cmpstr (dt_error_get_field (error), ==, "code");
  g_assert_cmpint (dt_database_count (fixture->db, "petitions", NULL), ==, before);

  /* A right petition has no problems. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&petition, dt_petition_free);
  petition = make_petition ("2025-0001");
  problems = dt_petition_problems (petition);
  g_assert_cmpuint (problems->len, ==, 0);

  /* The order of dates names the later one. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  petition->resolved_date = g_strdup ("2025-04-01");
  problems = dt_petition_problems (petition);
  g_assert_cmpuint (problems->len, >=, 1);
  g_assert_cmpstr (dt_error_get_field (g_ptr_array_index (problems, 0)), ==, "resolved_date");
}

static void
test_field_descriptions (void)
{
  const DtFieldInfo *info;
  guint n = dt_record_get_n_fields (DT_RECORD_PETITION);
  int min, max;

  g_assert_cmpuint (n, >, 20);
  g_assert_cmpstr (dt_field_info_get_key (dt_record_get_field (DT_RECORD_PETITION, 0)), ==,
                   "code");

  info = dt_record_find_field (DT_RECORD_PETITION, "received");
  g_assert_cmpstr (dt_field_info_get_label (info), ==, "Received date");
  g_assert_cmpint (dt_field_info_get_kind (info), ==, DT_FIELD_KIND_DATE);
  g_assert_true (dt_field_info_is_required (info));

  info = dt_record_find_field (DT_RECORD_PETITION, "channel");
  g_assert_cmpint (dt_field_info_get_kind (info), ==, DT_FIELD_KIND_CHOICE);
  g_assert_cmpuint (dt_field_info_get_n_values (info), ==, 6);
  g_assert_cmpstr (dt_field_info_get_value (info, 1), ==, "front");
  g_assert_cmpstr (dt_field_info_get_value_label (info, "front"), ==,
                   "Through the Front and mass organisations");
  g_assert_cmpstr (dt_field_info_get_value_label_vi (info, "session"), ==, "Tại hội nghị");
  g_assert_null (dt_field_info_get_value_label (info, "fax"));

  g_assert_cmpstr (dt_choice_label (DT_RECORD_PETITION, "concerns", "official"), ==,
                   "An official, civil servant or Party member");
  g_assert_cmpstr (dt_choice_label_vi (DT_RECORD_SESSION, "status", "postponed"), ==, "Hoãn");
  g_assert_cmpstr (dt_choice_label (DT_RECORD_SESSION, "kind", "reception"), ==,
                   "Reception day");

  info = dt_record_find_field (DT_RECORD_PETITION, "village");
  g_assert_cmpint (dt_field_info_get_kind (info), ==, DT_FIELD_KIND_NAME);
  g_assert_cmpuint (dt_field_info_get_max_chars (info), ==, 128);
  info = dt_record_find_field (DT_RECORD_SESSION, "attendance");
  dt_field_info_get_range (info, &min, &max);
  g_assert_cmpint (min, ==, 0);
  g_assert_cmpint (max, ==, 1000000);
  g_assert_null (dt_record_find_field (DT_RECORD_PETITION, "no_such_key"));
}

static gint64
audit_count (DtDatabase *db,
             const char *entity,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _dt_database_prepare (db, "SELECT count(*) FROM audit_log "
                                                  "WHERE entity = ? AND action = ?", &error);
  gint64 count;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

/* An update writes what changed and nothing else: the audit log shows it. */
static void
test_update_only_changes (DtTestFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(DtPetition) petition = make_petition ("2025-0001");
  g_autoptr(DtPetition) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_ptr_array_add (petition->events, dt_petition_event_new ("2025-04-20", "Nhắc lần 1", NULL));
  id = dt_petition_insert (fixture->db, petition, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (audit_count (fixture->db, "petition_events", "insert"), ==, 1);

  loaded = dt_petition_load_by_id (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->id, ==, id);
  g_assert_cmpint (loaded->revision, ==, 1);

  /* Unchanged: no write at all. */
  g_assert_true (dt_petition_update (fixture->db, loaded, &error));
  g_assert_cmpint (audit_count (fixture->db, "petitions", "update"), ==, 0);

  /* An event added: one row inserted, the first one left alone. */
  g_ptr_array_add (loaded->events, dt_petition_event_new ("2025-04-25", "Nhắc lần 2", "12/CV"));
  g_assert_true (dt_petition_update (fixture->db, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (fixture->db, "petition_events", "insert"), ==, 2);
  g_assert_cmpint (audit_count (fixture->db, "petition_events", "delete"), ==, 0);
  g_assert_cmpint (audit_count (fixture->db, "petitions", "update"), ==, 1);

  /* Through dt_petition_load () the revision follows. */
  g_clear_pointer (&loaded, dt_petition_free);
  loaded = dt_petition_load (fixture->db, "2025-0001", &error);
  g_assert_cmpint (loaded->revision, ==, 2);
  g_assert_cmpuint (loaded->events->len, ==, 2);

  /* By id, the code itself can be corrected. */
  g_free (loaded->code);
  loaded->code = g_strdup ("2025-0100");
  g_assert_true (dt_petition_update (fixture->db, loaded, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, dt_petition_free);
  loaded = dt_petition_load_by_id (fixture->db, id, &error);
  g_assert_cmpstr (loaded->code, ==, "2025-0100");
  g_assert_cmpuint (loaded->events->len, ==, 2);
  g_assert_cmpint (audit_count (fixture->db, "petition_events", "delete"), ==, 0);
}

/* Two copies open: the second one saved is refused, not written over the first. */
static void
test_stale_edit (DtTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(DtPetition) petition = make_petition ("2025-0001");
  g_autoptr(DtPetition) mine = NULL;
  g_autoptr(DtPetition) theirs = NULL;
  g_autoptr(DtPetition) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (dt_petition_insert (fixture->db, petition, &error), >, 0);
  mine = dt_petition_load (fixture->db, "2025-0001", &error);
  theirs = dt_petition_load (fixture->db, "2025-0001", &error);

  g_free (theirs->summary);
  theirs->summary = g_strdup ("Sửa của người khác");
  g_assert_true (dt_petition_update (fixture->db, theirs, &error));
  g_assert_no_error (error);

  g_free (mine->summary);
  mine->summary = g_strdup ("Sửa của tôi");
  g_assert_false (dt_petition_update (fixture->db, mine, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "2025-0001"));
  g_assert_cmpint (dt_error_exit_status (error), ==, 2);

  stored = dt_petition_load (fixture->db, "2025-0001", &error);
  g_assert_cmpstr (stored->summary, ==, "Sửa của người khác");
}

/* An action that fails half-way leaves nothing of itself: here the new agency it adds to the
 * list is undone with the failed write of the petition. */
static void
test_action_all_or_nothing (DtTestFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr(DtPetition) petition = make_petition ("2025-0001");
  g_autoptr(DtPetition) stored = NULL;
  g_auto(GStrv) agencies = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (dt_petition_insert (fixture->db, petition, &error), >, 0);
  g_assert_true (_dt_database_exec (fixture->db,
                                    "CREATE TEMP TRIGGER refuse AFTER UPDATE ON petitions "
                                    "BEGIN SELECT RAISE (ABORT, 'disk trouble'); END", &error));
  g_assert_false (dt_petition_assign (fixture->db, "2025-0001", "Phòng Tư pháp", "2025-04-20",
                                      NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  agencies = dt_list_get (fixture->db, DT_LIST_AGENCIES, &error);
  g_assert_no_error (error);
  g_assert_false (g_strv_contains ((const char * const *) agencies, "Phòng Tư pháp"));
  stored = dt_petition_load (fixture->db, "2025-0001", &error);
  g_assert_null (stored->assigned_to);
  g_assert_cmpint (stored->revision, ==, 1);

  g_assert_true (_dt_database_exec (fixture->db, "DROP TRIGGER temp.refuse", &error));
  g_assert_true (dt_petition_assign (fixture->db, "2025-0001", "Phòng Tư pháp", "2025-04-20",
                                     NULL, &error));
  g_assert_no_error (error);
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
  DT_TEST_ADD ("/core/records/every-problem", test_every_problem);
  g_test_add_func ("/core/records/field-descriptions", test_field_descriptions);
  DT_TEST_ADD ("/core/records/update-only-changes", test_update_only_changes);
  DT_TEST_ADD ("/core/records/stale-edit", test_stale_edit);
  DT_TEST_ADD ("/core/records/action-all-or-nothing", test_action_all_or_nothing);

  return g_test_run ();
}
