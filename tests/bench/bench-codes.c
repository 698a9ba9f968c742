/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark (on demand): meson test -C _build --benchmark --verbose codes-100k
 *
 * The next petition code proposed, as the intake form asks each time it opens and after each
 * save, on a database of `doithoai-cli demo --petitions=100000` (made in a temporary folder
 * when none is given as the first argument; a database given is upgraded and otherwise only
 * read). Figures: median and worst of 200 calls, for this year, for a year with no codes
 * yet (which reads last year's pattern too) and for a year that has none either way. */
#include "config.h"

#include "dt-bench-util.h"
#include "dt-codes.h"

static void
time_next_code (DtDatabase *db,
                int         year)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *code = NULL;

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      g_free (code);
      code = dt_petition_next_code (db, year, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (times, ms);
    }
  g_array_sort (times, dt_bench_compare_doubles);
  g_print ("next petition code for %d (%s): median %6.3f ms, max %6.3f ms (200 calls)\n", year,
           code, g_array_index (times, double, times->len / 2),
           g_array_index (times, double, times->len - 1));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_setenv ("DOITHOAI_TODAY", "2026-11-26", FALSE);
  path = argc > 1 ? g_strdup (argv[1]) : dt_bench_make_demo (100000, &dir);
  db = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_print ("%" G_GINT64_FORMAT " petitions in %s\n",
           dt_database_count (db, "petitions", NULL), path);

  time_next_code (db, 2026);
  time_next_code (db, 2027);
  time_next_code (db, 2040);

  g_clear_object (&db);
  if (dir != NULL)
    dt_bench_remove_database (path, dir);
  return 0;
}
