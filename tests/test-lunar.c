/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dt-error.h"
#include "dt-lunar.h"
#include "dt-util.h"

static void
parse_iso (const char *iso,
           GDate      *date)
{
  if (!dt_date_parse (iso, date))
    g_error ("“%s” is not a date", iso);
}

static void
assert_iso (const GDate *date,
            const char  *expected)
{
  g_autofree char *iso = dt_date_to_iso (date);

  g_assert_cmpstr (iso, ==, expected);
}

/* The lunar date of a solar date, written as dt_lunar_format() writes it. */
static char *
lunar_of (const char *iso)
{
  g_autoptr(GError) error = NULL;
  DtLunarDate lunar;
  GDate date;

  parse_iso (iso, &date);
  g_assert_true (dt_lunar_from_solar (&date, &lunar, &error));
  g_assert_no_error (error);
  return dt_lunar_format (&lunar);
}

/* The solar date of a lunar date, ISO. */
static char *
solar_of (int      day,
          int      month,
          int      year,
          gboolean leap)
{
  g_autoptr(GError) error = NULL;
  DtLunarDate lunar = { day, month, year, leap };
  GDate date;

  g_assert_true (dt_lunar_to_solar (&lunar, &date, &error));
  g_assert_no_error (error);
  return dt_date_to_iso (&date);
}

static char *
new_year_of (int year)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_assert_true (dt_lunar_new_year (year, &date, &error));
  g_assert_no_error (error);
  return dt_date_to_iso (&date);
}

/* Tết and the Hùng Kings' day of 1901–2100, from a published table
 * (tests/data/lunar-vn.txt, see its header), both ways. */
static void
test_published (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("DOITHOAI_TEST_DATA"), "lunar-vn.txt",
                                            NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int years = 0, vietnamese = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *tet = NULL, *hung = NULL, *tet_lunar = NULL, *hung_lunar = NULL;
      g_autofree char *expected_tet = NULL, *expected_hung = NULL, *eve = NULL;
      char tet_iso[16], hung_iso[16], mark[8] = "";
      GDate date;
      DtLunarDate lunar;
      int year, fields;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      /* year, Tết, Hùng Kings' day, “vn” where the Chinese calendar differs */
      fields = sscanf (lines[i], "%d %15s %15s %7s", &year, tet_iso, hung_iso, mark);
      g_assert_cmpint (fields, >=, 3);
      g_assert_cmpint (year, ==, 1901 + years);

      tet = new_year_of (year);
      g_assert_cmpstr (tet, ==, tet_iso);
      tet_lunar = lunar_of (tet_iso);
      expected_tet = g_strdup_printf ("1/1/%d (%s)", year, dt_lunar_year_name (year));
      g_assert_cmpstr (tet_lunar, ==, expected_tet);

      /* the eve of Tết is the last day of month 12 of the year before */
      parse_iso (tet_iso, &date);
      g_date_subtract_days (&date, 1);
      g_assert_true (dt_lunar_from_solar (&date, &lunar, NULL));
      g_assert_cmpint (lunar.year, ==, year - 1);
      g_assert_cmpint (lunar.month, ==, 12);
      g_assert_cmpint (lunar.day, >=, 29);
      eve = solar_of (lunar.day, 12, year - 1, lunar.leap);
      g_assert_true (dt_date_parse (eve, &date));
      g_date_add_days (&date, 1);
      assert_iso (&date, tet_iso);

      hung = solar_of (10, 3, year, FALSE);
      g_assert_cmpstr (hung, ==, hung_iso);
      hung_lunar = lunar_of (hung_iso);
      expected_hung = g_strdup_printf ("10/3/%d (%s)", year, dt_lunar_year_name (year));
      g_assert_cmpstr (hung_lunar, ==, expected_hung);

      if (fields == 4 && g_str_equal (mark, "vn"))
        vietnamese++;
      years++;
    }
  g_assert_cmpint (years, ==, 200);
  g_assert_cmpint (vietnamese, ==, 20);
}

/* Well-known dates, among them the years when Vietnam (UTC+7) and China
 * (UTC+8) keep Tết on different days. */
static void
test_known (void)
{
  static const struct
  {
    const char *solar;
    const char *lunar;
  } dates[] = {
    { "1985-01-21", "1/1/1985 (Ất Sửu)" },         /* China: 1985-02-20 */
    { "1985-02-20", "1/2/1985 (Ất Sửu)" },
    { "1985-03-21", "1/2/1985 nhuận (Ất Sửu)" },
    { "2007-02-17", "1/1/2007 (Đinh Hợi)" },       /* China: 2007-02-18 */
    { "2030-02-02", "1/1/2030 (Canh Tuất)" },      /* China: 2030-02-03 */
    { "1968-01-29", "1/1/1968 (Mậu Thân)" },       /* China: 1968-01-30 */
    { "1984-02-02", "1/1/1984 (Giáp Tý)" },
    { "2026-02-17", "1/1/2026 (Bính Ngọ)" },
    { "2026-02-16", "29/12/2025 (Ất Tỵ)" },
    { "2023-03-22", "1/2/2023 nhuận (Quý Mão)" },
    { "2023-03-21", "30/2/2023 (Quý Mão)" },
    { "2025-07-25", "1/6/2025 nhuận (Ất Tỵ)" },
    { "2020-05-23", "1/4/2020 nhuận (Canh Tý)" },
    { "2033-12-22", "1/11/2033 nhuận (Quý Sửu)" },
    { "2034-01-20", "1/12/2033 (Quý Sửu)" },
    { "2025-04-07", "10/3/2025 (Ất Tỵ)" },         /* Hùng Kings' day */
    { "2026-04-26", "10/3/2026 (Bính Ngọ)" },
    { "2025-10-06", "15/8/2025 (Ất Tỵ)" },         /* Mid-Autumn */
    { "1900-01-01", "1/12/1899 (Kỷ Hợi)" },
    { "1900-01-31", "1/1/1900 (Canh Tý)" },
    { "2100-12-31", "1/12/2100 (Canh Thân)" },
    /* the closest calls, checked against the DE431 ephemeris and PyEphem: the
     * new moon of 1967-07-07 17:00:04 UT, 4 s after midnight at UTC+7, and
     * the autumn equinox of 1938, 33 s before the midnight that begins the
     * month after it, which so has no major term and is the leap month */
    { "1967-07-07", "30/5/1967 (Đinh Mùi)" },
    { "1967-07-08", "1/6/1967 (Đinh Mùi)" },
    { "1938-08-25", "1/8/1938 (Mậu Dần)" },
    { "1938-09-24", "1/8/1938 nhuận (Mậu Dần)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *lunar = lunar_of (dates[i].solar);

      g_assert_cmpstr (lunar, ==, dates[i].lunar);
    }

  {
    g_autofree char *tet1985 = new_year_of (1985);
    g_autofree char *tet2007 = new_year_of (2007);
    g_autofree char *tet2030 = new_year_of (2030);
    g_autofree char *tet2026 = new_year_of (2026);
    g_autofree char *leap2023 = solar_of (1, 2, 2023, TRUE);
    g_autofree char *hung2025 = solar_of (10, 3, 2025, FALSE);
    g_autofree char *hung2026 = solar_of (10, 3, 2026, FALSE);

    g_assert_cmpstr (tet1985, ==, "1985-01-21");
    g_assert_cmpstr (tet2007, ==, "2007-02-17");
    g_assert_cmpstr (tet2030, ==, "2030-02-02");
    g_assert_cmpstr (tet2026, ==, "2026-02-17");
    g_assert_cmpstr (leap2023, ==, "2023-03-22");
    g_assert_cmpstr (hung2025, ==, "2025-04-07");
    g_assert_cmpstr (hung2026, ==, "2026-04-26");
  }
}

static void
test_leap_months (void)
{
  static const struct
  {
    int year, leap;
  } years[] = {
    { 1900, 8 }, { 1917, 3 }, { 1938, 8 }, { 1984, 0 }, { 1985, 2 }, { 2004, 2 }, { 2006, 7 }, { 2009, 5 },
    { 2012, 4 }, { 2014, 9 }, { 2017, 6 }, { 2020, 4 }, { 2023, 2 }, { 2024, 0 },
    { 2025, 6 }, { 2026, 0 }, { 2028, 5 }, { 2031, 3 }, { 2033, 11 }, { 2036, 6 },
  };
  int leap_years = 0;

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_test_message ("%d", years[i].year);
      g_assert_cmpint (dt_lunar_leap_month (years[i].year), ==, years[i].leap);
    }

  /* 7 leap years in every 19 (the Metonic cycle), give or take one */
  for (int year = 1900; year <= 2100; year++)
    leap_years += dt_lunar_leap_month (year) != 0;
  g_assert_cmpint (leap_years, >=, 201 * 7 / 19 - 1);
  g_assert_cmpint (leap_years, <=, 201 * 7 / 19 + 1);

  g_assert_cmpint (dt_lunar_leap_month (1899), ==, 0);
  g_assert_cmpint (dt_lunar_leap_month (2101), ==, 0);
}

static void
test_names (void)
{
  DtLunarDate leap = { 1, 2, 2023, TRUE };
  DtLunarDate plain = { 15, 8, 2025, FALSE };
  g_autofree char *leap_text = dt_lunar_format (&leap);
  g_autofree char *plain_text = dt_lunar_format (&plain);

  g_assert_cmpstr (dt_lunar_year_name (2026), ==, "Bính Ngọ");
  g_assert_cmpstr (dt_lunar_year_name (2023), ==, "Quý Mão");
  g_assert_cmpstr (dt_lunar_year_name (2025), ==, "Ất Tỵ");
  g_assert_cmpstr (dt_lunar_year_name (1984), ==, "Giáp Tý");
  g_assert_cmpstr (dt_lunar_year_name (1985), ==, "Ất Sửu");
  g_assert_cmpstr (dt_lunar_year_name (1968), ==, "Mậu Thân");
  g_assert_cmpstr (dt_lunar_year_name (1900), ==, "Canh Tý");
  g_assert_cmpstr (dt_lunar_year_name (2043), ==, "Quý Hợi");
  g_assert_cmpstr (dt_lunar_year_name (2100), ==, "Canh Thân");
  g_assert_cmpstr (dt_lunar_year_name (1924), ==, dt_lunar_year_name (1984));
  g_assert_cmpstr (dt_lunar_year_name (4), ==, "Giáp Tý");
  /* the same string every time */
  g_assert_true (dt_lunar_year_name (2026) == dt_lunar_year_name (1966));
  g_assert_cmpstr (leap_text, ==, "1/2/2023 nhuận (Quý Mão)");
  g_assert_cmpstr (plain_text, ==, "15/8/2025 (Ất Tỵ)");
}

/* Every day of the range, to lunar and back; the lunar dates follow each
 * other as a calendar's must. */
static void
test_round_trip (void)
{
  GDate date, end, back;
  DtLunarDate previous = { 0 }, lunar;
  int length = 0, months = 0, days = 0;
  int leaps_seen[DT_YEAR_MAX + 1] = { 0 };
  double seconds;

  g_test_timer_start ();
  g_date_clear (&date, 1);
  g_date_clear (&end, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, DT_YEAR_MIN);
  g_date_set_dmy (&end, 31, G_DATE_DECEMBER, DT_YEAR_MAX);
  for (; g_date_compare (&date, &end) <= 0; g_date_add_days (&date, 1), days++)
    {
      g_autoptr(GError) error = NULL;

      if (!dt_lunar_from_solar (&date, &lunar, &error))
        g_error ("day %u: %s", g_date_get_julian (&date), error->message);
      if (!dt_lunar_to_solar (&lunar, &back, &error))
        g_error ("day %u: %s", g_date_get_julian (&date), error->message);
      g_assert_cmpint (g_date_compare (&date, &back), ==, 0);

      if (days == 0)
        {
          g_assert_cmpint (lunar.month, ==, 12);
          g_assert_cmpint (lunar.year, ==, DT_YEAR_MIN - 1);
        }
      else if (lunar.day == previous.day + 1)
        {
          g_assert_cmpint (lunar.month, ==, previous.month);
          g_assert_cmpint (lunar.year, ==, previous.year);
          g_assert_cmpint (lunar.leap, ==, previous.leap);
        }
      else
        {
          g_assert_cmpint (lunar.day, ==, 1);
          if (months > 0)
            {
              g_assert_cmpint (length, >=, 29);
              g_assert_cmpint (length, <=, 30);
            }
          if (lunar.leap)
            {
              /* a leap month repeats the month before it, at most once a year */
              g_assert_false (previous.leap);
              g_assert_cmpint (lunar.month, ==, previous.month);
              g_assert_cmpint (lunar.year, ==, previous.year);
              g_assert_cmpint (dt_lunar_leap_month (lunar.year), ==, lunar.month);
              g_assert_cmpint (leaps_seen[lunar.year]++, ==, 0);
            }
          else
            {
              g_assert_cmpint (lunar.month, ==, previous.month % 12 + 1);
              g_assert_cmpint (lunar.year, ==, previous.year + (lunar.month == 1));
            }
          months++;
          length = 0;
        }
      length++;
      previous = lunar;
    }
  seconds = g_test_timer_elapsed ();

  g_assert_cmpint (days, ==, 73414);   /* 1900-01-01 to 2100-12-31 */
  g_assert_cmpint (months, ==, 2486);
  for (int year = DT_YEAR_MIN; year <= DT_YEAR_MAX; year++)
    g_assert_cmpint (leaps_seen[year], ==, dt_lunar_leap_month (year) != 0);
  g_test_message ("%d days, %d months there and back in %.3f s", days, months, seconds);
}

static void
assert_refused (int day,
                int month,
                int year,
                gboolean leap)
{
  g_autoptr(GError) error = NULL;
  DtLunarDate lunar = { day, month, year, leap };
  GDate date;

  g_test_message ("%d/%d/%d%s", day, month, year, leap ? " leap" : "");
  g_assert_false (dt_lunar_to_solar (&lunar, &date, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_nonnull (error->message);
}

static void
test_bad_input (void)
{
  static const char *const outside[] = { "1899-12-31", "2101-01-01", "1800-06-01" };

  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_autoptr(GError) error = NULL;
      DtLunarDate lunar = { -1, -1, -1, TRUE };
      GDate date;
      guint y, m, d;

      g_assert_cmpint (sscanf (outside[i], "%u-%u-%u", &y, &m, &d), ==, 3);
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
      g_assert_false (dt_lunar_from_solar (&date, &lunar, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, outside[i]));
      g_assert_cmpint (lunar.day, ==, -1);   /* left alone */
    }

  assert_refused (1, 5, 2026, TRUE);    /* 2026 has no leap month */
  assert_refused (1, 3, 2025, TRUE);    /* 2025 has a leap 6, not 3 */
  assert_refused (30, 2, 2026, FALSE);  /* 2/2026 has 29 days */
  assert_refused (30, 6, 2025, TRUE);   /* 6 nhuận/2025 has 29 days */
  assert_refused (1, 13, 2025, FALSE);
  assert_refused (1, 0, 2025, FALSE);
  assert_refused (0, 1, 2025, FALSE);
  assert_refused (31, 1, 2025, FALSE);
  assert_refused (-5, 1, 2025, FALSE);
  assert_refused (1, 1, 2101, FALSE);
  assert_refused (1, 1, 1898, FALSE);
  assert_refused (1, 11, 1899, FALSE);  /* 1899-12-03 */
  assert_refused (1, 1, 2101, FALSE);
  assert_refused (2, 12, 2100, FALSE);  /* 2101-01-01 */

  {
    g_autoptr(GError) error = NULL;
    GDate date;
    g_autofree char *first = solar_of (1, 12, 1899, FALSE);
    g_autofree char *last = solar_of (1, 12, 2100, FALSE);
    g_autofree char *thirty = solar_of (30, 1, 2026, FALSE);

    g_assert_cmpstr (first, ==, "1900-01-01");
    g_assert_cmpstr (last, ==, "2100-12-31");
    g_assert_cmpstr (thirty, ==, "2026-03-18");

    g_assert_false (dt_lunar_new_year (1899, &date, &error));
    g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (dt_lunar_new_year (2101, &date, &error));
    g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  }
}

static gpointer
new_years_thread (gpointer data)
{
  GDate date;
  guint sum = 0;

  for (int year = DT_YEAR_MIN; year <= DT_YEAR_MAX; year++)
    {
      g_assert_true (dt_lunar_new_year (year, &date, NULL));
      sum += g_date_get_julian (&date);
    }
  return GUINT_TO_POINTER (sum);
}

/* Threads that all ask at once, in a fresh process where nothing has been
 * computed yet, get the same answers. */
static void
test_threads (void)
{
  if (g_test_subprocess ())
    {
      GThread *threads[8];
      gpointer first = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("lunar", new_years_thread, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        {
          gpointer sum = g_thread_join (threads[i]);

          g_assert_nonnull (sum);
          if (i == 0)
            first = sum;
          g_assert_true (sum == first);
        }
      return;
    }
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
}

/* The whole calendar again, month by month, from PyEphem's ephemerides (tests/lunar-check.py,
 * run here with the Python the build found, DOITHOAI_PYTHON, or run by the build itself when
 * the test cannot run it: its output is then in DOITHOAI_LUNAR_EPHEM). Skipped without a
 * Python or when python3-ephem is not installed. */
static void
test_ephem (void)
{
  const char *python = g_getenv ("DOITHOAI_PYTHON");
  const char *script = g_getenv ("DOITHOAI_LUNAR_CHECK");
  const char *computed = g_getenv ("DOITHOAI_LUNAR_EPHEM");
  const char *argv[] = { python, script, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0, months = 0, leap_months = 0, years = 0;
  char leap_of[DT_YEAR_MAX + 2] = { 0 };

  if (computed != NULL && *computed != '\0')
    {
      g_assert_true (g_file_get_contents (computed, &out, NULL, &error));
      g_assert_no_error (error);
      if (g_str_has_prefix (out, "# python3-ephem is not installed"))
        {
          g_test_skip ("python3-ephem is not installed");
          return;
        }
    }
  else if (python == NULL || *python == '\0' || script == NULL || *script == '\0')
    {
      g_test_skip ("the build found no Python for the cross-check (DOITHOAI_PYTHON)");
      return;
    }
  else
    {
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, &error))
        {
          if (g_error_matches (error, G_SPAWN_EXIT_ERROR, 77))
            {
              g_test_skip ("python3-ephem is not installed");
              return;
            }
          g_error ("lunar-check.py: %s\n%s", error->message, err);
        }
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) line_error = NULL;
      char iso[16];
      int year, month, leap, length;
      DtLunarDate lunar;
      GDate date, last, back;

      if (lines[i][0] == '#')
        {
          g_test_message ("lunar-check.py %s", lines[i]);
          continue;
        }
      if (lines[i][0] == '\0')
        continue;
      g_assert_cmpint (sscanf (lines[i], "month %15s %d %d %d %d", iso, &year, &month, &leap,
                               &length), ==, 5);
      parse_iso (iso, &date);
      if (!dt_lunar_from_solar (&date, &lunar, &line_error))
        g_error ("%s: %s", lines[i], line_error->message);
      if (lunar.day != 1 || lunar.month != month || lunar.year != year || lunar.leap != leap)
        {
          g_autofree char *text = dt_lunar_format (&lunar);
          g_error ("ephem: %s, dt-lunar: %s", lines[i], text);
        }
      /* as many days as ephem counts: the last day, there and back, then the
       * first day of the next month */
      last = date;
      g_date_add_days (&last, (guint) length - 1);
      if (g_date_get_year (&last) <= DT_YEAR_MAX)
        {
          DtLunarDate end, next;

          g_assert_true (dt_lunar_from_solar (&last, &end, NULL));
          if (end.day != length || end.month != month || end.leap != leap)
            {
              g_autofree char *text = dt_lunar_format (&end);
              g_error ("ephem: %s, dt-lunar ends it on %s", lines[i], text);
            }
          g_assert_true (dt_lunar_to_solar (&end, &back, NULL));
          g_assert_cmpint (g_date_compare (&last, &back), ==, 0);
          g_date_add_days (&back, 1);
          if (g_date_get_year (&back) <= DT_YEAR_MAX)
            {
              g_assert_true (dt_lunar_from_solar (&back, &next, NULL));
              g_assert_cmpint (next.day, ==, 1);
            }
        }
      if (length == 29)
        {
          lunar.day = 30;
          g_assert_false (dt_lunar_to_solar (&lunar, &back, NULL));
        }
      if (leap)
        {
          g_assert_cmpint (leap_of[year], ==, 0);
          leap_of[year] = (char) month;
          leap_months++;
        }
      if (month == 1 && !leap && year >= DT_YEAR_MIN)
        {
          g_autofree char *tet = new_year_of (year);

          g_assert_cmpstr (tet, ==, iso);
          years++;
        }
      months++;
    }
  for (int year = DT_YEAR_MIN; year <= DT_YEAR_MAX; year++)
    g_assert_cmpint (dt_lunar_leap_month (year), ==, leap_of[year]);

  g_assert_cmpint (years, ==, 201);
  g_assert_cmpint (months, ==, 2487);   /* every month with a day in 1900–2100 */
  g_test_message ("ephem agrees on %d months, %d new years, %d leap months", months, years,
                  leap_months);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/lunar/published", test_published);
  g_test_add_func ("/core/lunar/known", test_known);
  g_test_add_func ("/core/lunar/leap-months", test_leap_months);
  g_test_add_func ("/core/lunar/names", test_names);
  g_test_add_func ("/core/lunar/round-trip", test_round_trip);
  g_test_add_func ("/core/lunar/bad-input", test_bad_input);
  g_test_add_func ("/core/lunar/threads", test_threads);
  g_test_add_func ("/core/lunar/ephem", test_ephem);
  return g_test_run ();
}
