/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark (on demand, under a display larger than its 1366×768 window):
 *   xvfb-run -a -s "-screen 0 1920x1080x24" meson test -C _build --benchmark --verbose tabs-100k
 *
 * Opens the window on a database of `doithoai-cli demo --petitions=100000` (made in a
 * temporary folder unless one is given as the first argument) and times switching to each
 * tab until the window has painted it, the overview computing what needs attention and its
 * charts each time it is shown. */
#include "config.h"

#include <stdlib.h>

#include "dt-application.h"
#include "dt-bench-util.h"
#include "dt-i18n.h"
#include "dt-overview-page.h"
#include "dt-records.h"
#include "dt-renderer.h"
#include "dt-util.h"
#include "dt-window-private.h"
#include "../gui/gui-test.h"

#define RUNS 7

static const char * const tabs[] = { "plans", "sessions", "intake", "followup", "overview" };

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtApplication) application = NULL;
  g_autoptr(DtDatabase) database = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  double times[G_N_ELEMENTS (tabs)][RUNS];
  DtWindow *window;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", DT_TEST_SCHEMA_DIR, FALSE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  dt_i18n_init ();
  dt_renderer_apply (NULL);   /* as main () does: with Cairo, OpenGL kept closed */
  if (!gtk_init_check ())
    {
      g_print ("No display: run the benchmark under xvfb-run.\n");
      return 0;
    }
  /* A cross-fade keeps the tab left mapped for a while: the times would miss its work. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      gint64 start = g_get_monotonic_time ();

      path = dt_bench_make_demo (100000, &dir);
      g_print ("demo --petitions=100000: %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
    }
  database = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);

  application = dt_application_new ();
  g_application_set_application_id (G_APPLICATION (application), APP_ID ".BenchTabs");
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  window = dt_window_new (application, database);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  gui_wait_for_paint (GTK_WIDGET (window));

  for (guint run = 0; run < RUNS; run++)
    for (guint t = 0; t < G_N_ELEMENTS (tabs); t++)
      {
        gint64 start = g_get_monotonic_time ();

        gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", tabs[t]);
        gui_wait_for_paint (GTK_WIDGET (window));
        times[t][run] = (g_get_monotonic_time () - start) / 1000.0;
      }

  /* After a change elsewhere: the overview computes again before it paints. */
  {
    double changed[RUNS];
    double first;

    for (guint run = 0; run < RUNS; run++)
      {
        g_autofree char *name = g_strdup_printf ("Thôn thử %u", run);
        gint64 start;

        gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "plans");
        gui_wait_for_paint (GTK_WIDGET (window));
        g_assert_true (dt_list_add (database, DT_LIST_VILLAGES, name, NULL));
        gui_flush ();
        start = g_get_monotonic_time ();
        gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
        gui_wait_for_paint (GTK_WIDGET (window));
        changed[run] = (g_get_monotonic_time () - start) / 1000.0;
      }
    first = changed[0];
    qsort (changed, RUNS, sizeof (double), dt_bench_compare_doubles);
    g_print ("switch to overview after a change: first %6.1f ms   median %6.1f ms   worst %6.1f ms\n",
             first, changed[RUNS / 2], changed[RUNS - 1]);
  }

  /* After a change the page shows (a session scheduled within a month): rows built again. */
  {
    double changed[RUNS];
    double first;
    GDate day;

    dt_today (&day);
    g_date_add_days (&day, 10);
    for (guint run = 0; run < RUNS; run++)
      {
        g_autoptr(DtSession) session = dt_session_new ();
        gint64 start;

        session->code = g_strdup_printf ("BENCH-%u", run);
        session->kind = g_strdup ("contact");
        session->status = g_strdup ("planned");
        session->date = dt_date_to_iso (&day);
        session->topic = g_strdup ("Tiếp xúc cử tri");
        gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "plans");
        gui_wait_for_paint (GTK_WIDGET (window));
        g_assert_cmpint (dt_session_insert (database, session, NULL), >, 0);
        gui_flush ();
        start = g_get_monotonic_time ();
        gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
        gui_wait_for_paint (GTK_WIDGET (window));
        changed[run] = (g_get_monotonic_time () - start) / 1000.0;
      }
    first = changed[0];
    qsort (changed, RUNS, sizeof (double), dt_bench_compare_doubles);
    g_print ("switch to overview after a new item:  first %6.1f ms   median %6.1f ms   worst %6.1f ms\n",
             first, changed[RUNS / 2], changed[RUNS - 1]);
  }

  for (guint t = 0; t < G_N_ELEMENTS (tabs); t++)
    {
      double first = times[t][0];

      qsort (times[t], RUNS, sizeof (double), dt_bench_compare_doubles);
      g_print ("switch to %-10s first %6.1f ms   median %6.1f ms   worst %6.1f ms\n", tabs[t],
               first, times[t][RUNS / 2], times[t][RUNS - 1]);
    }
  g_print ("overview computed in %.1f ms (last time)\n",
           dt_overview_page_get_last_ms (DT_OVERVIEW_PAGE (_dt_window_get_page (window, "overview"))));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&database);
  if (dir != NULL)
    dt_bench_remove_database (path, dir);
  return 0;
}
