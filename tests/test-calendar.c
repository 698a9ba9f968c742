/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dt-calendar.h"
#include "dt-error.h"
#include "dt-records.h"
#include "dt-test-util.h"
#include "dt-util.h"

static char *
add_days (DtWorkCalendar *calendar,
          const char     *from,
          int             n)
{
  g_autoptr(GError) error = NULL;
  GDate date, result;

  g_assert_true (dt_date_parse (from, &date));
  g_assert_true (dt_work_calendar_add (calendar, &date, n, &result, &error));
  g_assert_no_error (error);
  return dt_date_to_iso (&result);
}

#define assert_add(calendar, from, n, expected) \
  G_STMT_START { \
    g_autofree char *got_ = add_days (calendar, from, n); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) days_2026 = dt_calendar_default_holidays (2026, &error);
  g_auto(GStrv) days_2022 = NULL;

  g_assert_no_error (error);
  /* 1/1; Tết 16–20/2 (lunar new year 17/2); Hùng Kings 26/4 is a Sunday, so 27/4 off;
   * 30/4, 1/5; 1/9, 2/9. */
  g_assert_cmpstrv (days_2026, ((const char *[]) {
    "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
    "2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02", NULL }));

  /* 2022: 1/1 a Saturday, 30/4 a Saturday and 1/5 a Sunday: Monday 3/1, 2/5 and 3/5 off. */
  days_2022 = dt_calendar_default_holidays (2022, &error);
  g_assert_true (g_strv_contains ((const char * const *) days_2022, "2022-01-03"));
  g_assert_true (g_strv_contains ((const char * const *) days_2022, "2022-05-02"));
  g_assert_true (g_strv_contains ((const char * const *) days_2022, "2022-05-03"));
  g_assert_false (g_strv_contains ((const char * const *) days_2022, "2022-05-04"));

  g_assert_null (dt_calendar_default_holidays (1899, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
}

static void
test_across_holidays (void)
{
  g_autoptr(DtWorkCalendar) calendar = dt_work_calendar_new_default ();

  /* Across Tết 2026: Friday 13/2, then a weekend, five days off, a weekend. */
  assert_add (calendar, "2026-02-13", 1, "2026-02-23");
  assert_add (calendar, "2026-02-10", 5, "2026-02-24");
  /* Tết 2025 (lunar new year 29/1): 28/1 to 1/2 off; 1/2 is a Saturday, so Monday 3/2 too. */
  assert_add (calendar, "2025-01-27", 1, "2025-02-04");
  /* 30/4 and 1/5 2025 fall on Wednesday and Thursday. */
  assert_add (calendar, "2025-04-29", 1, "2025-05-02");
  /* 1/9 and 2/9 2025: Monday and Tuesday. */
  assert_add (calendar, "2025-08-29", 1, "2025-09-03");
  /* A holiday on a Saturday gives the Monday: 1/1/2022. */
  assert_add (calendar, "2021-12-31", 1, "2022-01-04");
  /* Hùng Kings day 2026 on a Sunday: Monday 27/4 off. */
  assert_add (calendar, "2026-04-24", 1, "2026-04-28");
  /* Strictly after: a Saturday start counts from Monday; N = 0 is the day itself. */
  assert_add (calendar, "2026-11-28", 1, "2026-11-30");
  assert_add (calendar, "2026-11-28", 0, "2026-11-28");
  /* 30 working days after the conclusion notice of 22/4/2025. */
  assert_add (calendar, "2025-04-22", 30, "2025-06-05");
}

/* Adding working days agrees with counting them one by one with
 * dt_work_calendar_is_working_day (), from every day of four years (New Year, Tết, make-up
 * rules and the turn of each year among them). */
static void
test_add_agrees_with_days (void)
{
  g_autoptr(DtWorkCalendar) calendar = dt_work_calendar_new_default ();
  static const int counts[] = { 0, 1, 5, 30 };
  GDate from;

  g_date_clear (&from, 1);
  for (g_date_set_dmy (&from, 1, 1, 2024); g_date_get_year (&from) < 2028;
       g_date_add_days (&from, 1))
    for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
      {
        g_autoptr(GError) error = NULL;
        GDate result, expected = from;

        for (int counted = 0; counted < counts[i];)
          {
            g_date_add_days (&expected, 1);
            if (dt_work_calendar_is_working_day (calendar, &expected))
              counted++;
          }
        g_assert_true (dt_work_calendar_add (calendar, &from, counts[i], &result, &error));
        g_assert_no_error (error);
        g_assert_cmpint (g_date_compare (&result, &expected), ==, 0);
      }
}

static void
test_bad_input (void)
{
  g_autoptr(DtWorkCalendar) calendar = dt_work_calendar_new_default ();
  g_autoptr(GError) error = NULL;
  GDate date, result;

  g_date_set_dmy (&date, 1, 1, 2025);
  g_assert_false (dt_work_calendar_add (calendar, &date, -1, &result, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dt_work_calendar_add (calendar, &date, DT_WORKDAYS_MAX + 1, &result, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  g_date_set_dmy (&date, 20, 12, 2100);
  g_assert_false (dt_work_calendar_add (calendar, &date, 30, &result, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
}

static void
test_edited_year (DtTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(DtCalendarYear) year = dt_calendar_year_new (2026);
  g_autoptr(DtWorkCalendar) defaults = NULL;
  g_autoptr(DtWorkCalendar) edited = NULL;
  g_autoptr(GError) error = NULL;

  /* The government's real 2026: Tết from 14/2 to 22/2, Monday 2/1 off, Saturday 28/2 made up
   * — and this secretary forgot 30/4 on purpose, to show that her table replaces the law's. */
  g_strfreev (year->holidays);
  year->holidays = g_strsplit ("2026-01-01,2026-01-02,2026-02-16,2026-02-17,2026-02-18,"
                               "2026-02-19,2026-02-20,2026-02-23", ",", -1);
  g_strfreev (year->workdays);
  year->workdays = g_strsplit ("2026-02-28", ",", -1);
  g_assert_true (dt_calendar_save (fixture->db, year, &error));
  g_assert_no_error (error);

  defaults = dt_work_calendar_new_default ();
  edited = dt_work_calendar_new (fixture->db, &error);
  g_assert_no_error (error);

  assert_add (defaults, "2026-01-01", 1, "2026-01-02");
  assert_add (edited, "2026-01-01", 1, "2026-01-05");
  assert_add (defaults, "2026-02-13", 1, "2026-02-23");
  assert_add (edited, "2026-02-13", 1, "2026-02-24");
  /* The make-up Saturday is a working day. */
  assert_add (edited, "2026-02-27", 1, "2026-02-28");
  assert_add (defaults, "2026-02-27", 1, "2026-03-02");
  /* 30/4 is not in her table: a working day that year. */
  assert_add (edited, "2026-04-29", 1, "2026-04-30");
  assert_add (defaults, "2026-04-29", 1, "2026-05-04");
  /* Other years keep the defaults. */
  assert_add (edited, "2025-04-29", 1, "2025-05-02");

  /* Back to the defaults once the year is reset. */
  g_assert_true (dt_calendar_reset (fixture->db, 2026, &error));
  g_clear_pointer (&edited, dt_work_calendar_free);
  edited = dt_work_calendar_new (fixture->db, &error);
  assert_add (edited, "2026-04-29", 1, "2026-05-04");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/calendar/default-holidays", test_defaults);
  g_test_add_func ("/core/calendar/workdays-across-holidays", test_across_holidays);
  g_test_add_func ("/core/calendar/add-agrees-with-days", test_add_agrees_with_days);
  g_test_add_func ("/core/calendar/bad-input", test_bad_input);
  g_test_add ("/core/calendar/edited-year", DtTestFixture, NULL, dt_test_fixture_setup,
              test_edited_year, dt_test_fixture_teardown);

  return g_test_run ();
}
