/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark (on demand): meson test -C _build --benchmark --verbose overview-100k
 *
 * On a database of `doithoai-cli demo --petitions=100000` (made in a temporary folder when
 * none is given as the first argument), times what the overview, plans and sessions tabs
 * compute when they are shown: what needs attention today with this year's progress, the
 * plans list with the progress of this year's plan, and this year's session list. Each is
 * timed on a fresh connection (cold caches of the program, warm file cache) and then again. */
#include "config.h"

#include <stdlib.h>

#include "dt-attention.h"
#include "dt-bench-util.h"
#include "dt-database.h"
#include "dt-plans.h"
#include "dt-sessions.h"
#include "dt-util.h"

#define RUNS 9

typedef void (*Work) (DtDatabase *db, const GDate *today);

static void
overview_work (DtDatabase  *db,
               const GDate *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtOverview) overview = dt_overview_compute (db, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (overview);
}

static void
plans_work (DtDatabase  *db,
            const GDate *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = dt_plan_summaries (db, &error);
  g_autofree char *code = dt_plan_find_for_year (db, g_date_get_year (today), &error);
  DtPlanProgress progress;

  g_assert_no_error (error);
  g_assert_nonnull (plans);
  if (code != NULL)
    g_assert_true (dt_plan_get_progress (db, code, &progress, &error));
}

static void
sessions_work (DtDatabase  *db,
               const GDate *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = dt_session_infos (db, g_date_get_year (today), today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (infos);
}

static void
run (const char  *label,
     const char  *path,
     Work         work,
     const GDate *today)
{
  double times[RUNS];
  double first;

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DtDatabase) db = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
      gint64 start;

      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      work (db, today);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  first = times[0];
  qsort (times, RUNS, sizeof (double), dt_bench_compare_doubles);
  g_print ("%-44s first %7.1f ms   median %7.1f ms   worst %7.1f ms\n", label, first,
           times[RUNS / 2], times[RUNS - 1]);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GDate today;

  dt_today (&today);
  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      gint64 start = g_get_monotonic_time ();

      path = dt_bench_make_demo (100000, &dir);
      g_print ("demo --petitions=100000: %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
    }

  run ("overview: attention and the year's progress", path, overview_work, &today);
  run ("plans: the list and this year's progress", path, plans_work, &today);
  run ("sessions: this year's list with due dates", path, sessions_work, &today);

  if (dir != NULL)
    dt_bench_remove_database (path, dir);
  return 0;
}
