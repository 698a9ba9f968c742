/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report dialog driven end to end under a display (Xvfb in the test run): opened from
 * the window's menu action, filled in, the workbook written by the worker thread while the
 * window goes on answering, cancelled, refused, pre-filled; a PNG of each screen is saved into
 * the build directory for a person to look at. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "dt-application.h"
#include "dt-demo.h"
#include "dt-i18n.h"
#include "dt-period.h"
#include "dt-report-dialog.h"
#include "dt-util.h"
#include "dt-window.h"
#include "gui-test.h"

static const char *
text_of (DtReportDialog *dialog,
         const char     *name)
{
  GtkWidget *widget = gui_find_optional (GTK_WIDGET (dialog), name);

  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  g_assert_true (GTK_IS_EDITABLE (widget));
  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

static void
set_text (DtReportDialog *dialog,
          const char     *name,
          const char     *text)
{
  GtkWidget *widget = gui_find_optional (GTK_WIDGET (dialog), name);

  g_assert_true (GTK_IS_EDITABLE (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static gboolean
visible (DtReportDialog *dialog,
         const char     *name)
{
  return gtk_widget_get_visible (gui_find_optional (GTK_WIDGET (dialog), name));
}

static DtReportDialog *
find_dialog (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (gui_application ())); l; l = l->next)
    if (DT_IS_REPORT_DIALOG (l->data))
      return l->data;
  return NULL;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  gint64 last;
  gint64 longest;
  guint  ticks;
} Ticks;

static gboolean
tick_cb (gpointer user_data)
{
  Ticks *t = user_data;
  gint64 now = g_get_monotonic_time ();

  if (t->last != 0)
    t->longest = MAX (t->longest, now - t->last);
  t->last = now;
  t->ticks++;
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop while the dialog writes; TICKS counts how often the loop came round. */
static void
wait_until_done (DtReportDialog *dialog,
                 Ticks          *ticks)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (GUI_TIMEOUT_SECONDS, gui_timeout_cb, &timed_out);
  guint tick_id = g_timeout_add (5, tick_cb, ticks);

  while (dt_report_dialog_get_running (dialog) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  g_source_remove (tick_id);
  iterate ();
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
select_kind (DtReportDialog *dialog,
             DtPeriodKind    kind)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gui_find_optional (GTK_WIDGET (dialog), "report-kind")),
                              kind);
}

static void
test_report_dialog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (gui_temp_dir (), "reports.sqlite", NULL);
  g_autofree char *out_dir = g_build_filename (gui_temp_dir (), "out", NULL);
  g_autofree char *out_path = g_build_filename (out_dir, "nam-2025.xlsx", NULL);
  g_autofree char *cancel_path = g_build_filename (out_dir, "huy.xlsx", NULL);
  g_autoptr(DtDatabase) database = NULL;
  g_autofree char *contents = NULL;
  DtReportDialog *dialog;
  DtWindow *window;
  Ticks ticks = { 0 };
  DtPeriod period;

  if (gui_skip_without_display ())
    return;

  g_mkdir_with_parents (out_dir, 0755);
  database = dt_database_open (db_path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (dt_demo_generate (database, 6000, 7, &error));
  g_assert_no_error (error);

  window = dt_window_new (gui_application (), database);
  gtk_window_present (GTK_WINDOW (window));
  gui_wait_for_paint (GTK_WIDGET (window));

  /* From the main menu's action: the current quarter, as of today, a file named after it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reports", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (dt_report_dialog_get_period (dialog, &period, NULL));
  g_assert_cmpint (period.kind, ==, DT_PERIOD_QUARTER);
  g_assert_cmpint (period.year, ==, 2026);
  g_assert_cmpint (period.index, ==, 2);
  g_assert_cmpstr (text_of (dialog, "report-as-of"), ==, "10/05/2026");
  g_assert_true (g_str_has_suffix (text_of (dialog, "report-file"), "bao-cao-2026-Q2.xlsx"));
  g_assert_false (visible (dialog, "report-open-file"));
  gui_screenshot (GTK_WIDGET (dialog), "report-dialog");

  /* Another kind: the period, the as-of date and the name follow. */
  select_kind (dialog, DT_PERIOD_YEAR);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gui_find_optional (GTK_WIDGET (dialog), "report-year")),
                             2025);
  g_assert_true (dt_report_dialog_get_period (dialog, &period, NULL));
  g_assert_cmpint (period.kind, ==, DT_PERIOD_YEAR);
  g_assert_cmpint (period.year, ==, 2025);
  g_assert_cmpstr (text_of (dialog, "report-as-of"), ==, "31/12/2025");
  g_assert_true (g_str_has_suffix (text_of (dialog, "report-file"), "bao-cao-2025.xlsx"));
  g_assert_false (visible (dialog, "report-part"));

  /* A wrong as-of date is said before anything is written. */
  set_text (dialog, "report-as-of", "31/12/2024");
  set_text (dialog, "report-file", out_path);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "report.create", NULL);
  g_assert_false (dt_report_dialog_get_running (dialog));
  g_assert_true (visible (dialog, "report-status"));
  g_assert_nonnull (strstr (text_of (dialog, "report-status"), "31/12/2024"));
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
  gui_screenshot (GTK_WIDGET (dialog), "report-dialog-refused");
  set_text (dialog, "report-as-of", "31/12/2025");

  /* Written in the worker thread while the main loop goes on. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "report.create", NULL);
  g_assert_true (dt_report_dialog_get_running (dialog));
  g_assert_true (visible (dialog, "report-progress"));
  g_assert_false (gtk_widget_is_sensitive (gui_find_optional (GTK_WIDGET (dialog), "report-kind")));
  /* The window answers meanwhile: its tabs switch. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  g_assert_cmpstr (dt_window_get_page (window), ==, "intake");
  wait_until_done (dialog, &ticks);
  g_test_message ("main loop came round %u times while writing; longest gap %.1f ms",
                  ticks.ticks, ticks.longest / 1000.0);
  /* How often the main loop came round depends on the machine's speed: a small report may be
   * written before it comes round once. The tab switch above showed it answering. */
  g_assert_cmpstr (dt_report_dialog_get_written (dialog), ==, out_path);
  g_assert_true (g_file_get_contents (out_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK"));
  g_assert_true (visible (dialog, "report-open-file"));
  g_assert_true (visible (dialog, "report-open-folder"));
  g_assert_nonnull (strstr (text_of (dialog, "report-status"), out_path));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (
                       gui_find_optional (GTK_WIDGET (dialog), "report-progress"))), ==, 1.0);
  g_assert_true (gtk_widget_is_sensitive (gui_find_optional (GTK_WIDGET (dialog), "report-kind")));
  gui_screenshot (GTK_WIDGET (dialog), "report-dialog-done");

  /* Cancelled at once: nothing written, nothing left beside it. */
  {
    guint n_files = count_files (out_dir);

    select_kind (dialog, DT_PERIOD_YEARS);
    g_assert_true (visible (dialog, "report-first-year"));
    set_text (dialog, "report-file", cancel_path);
    gtk_widget_activate_action (GTK_WIDGET (dialog), "report.create", NULL);
    g_assert_true (dt_report_dialog_get_running (dialog));
    gtk_widget_activate_action (GTK_WIDGET (dialog), "report.cancel", NULL);
    wait_until_done (dialog, &ticks);
    g_assert_false (g_file_test (cancel_path, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_files (out_dir), ==, n_files);
    g_assert_nonnull (strstr (text_of (dialog, "report-status"),
                              g_dgettext (GETTEXT_PACKAGE, "Cancelled: no file was written.")));
    gui_screenshot (GTK_WIDGET (dialog), "report-dialog-cancelled");
  }

  /* From one day to another, typed as people type dates. */
  select_kind (dialog, DT_PERIOD_RANGE);
  g_assert_true (visible (dialog, "report-from"));
  set_text (dialog, "report-from", "1/4/2025");
  set_text (dialog, "report-to", "15/5/2025");
  g_assert_true (dt_report_dialog_get_period (dialog, &period, NULL));
  g_assert_cmpint (period.kind, ==, DT_PERIOD_RANGE);
  g_assert_nonnull (strstr (text_of (dialog, "report-summary"), "01/04/2025"));
  g_assert_nonnull (strstr (text_of (dialog, "report-summary"), "15/05/2025"));
  gui_screenshot (GTK_WIDGET (dialog), "report-dialog-range");
  set_text (dialog, "report-to", "31/3/2025");
  g_assert_false (dt_report_dialog_get_period (dialog, &period, NULL));
  g_assert_nonnull (strstr (text_of (dialog, "report-summary"), "31/03/2025"));

  /* Closed while writing: cancelled, and gone once the worker has stopped. */
  {
    g_autofree char *closed_path = g_build_filename (out_dir, "dong.xlsx", NULL);
    gboolean timed_out = FALSE;
    guint timeout_id;

    select_kind (dialog, DT_PERIOD_YEAR);
    set_text (dialog, "report-file", closed_path);
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
    gtk_widget_activate_action (GTK_WIDGET (dialog), "report.create", NULL);
    gtk_window_close (GTK_WINDOW (dialog));
    timeout_id = g_timeout_add_seconds (GUI_TIMEOUT_SECONDS, gui_timeout_cb, &timed_out);
    while (dialog != NULL && !timed_out)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (timed_out);
    g_source_remove (timeout_id);
    g_assert_false (g_file_test (closed_path, G_FILE_TEST_EXISTS));
  }

  /* Pre-filled, as the overview's "reports due" opens it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.report-for", "s", "2025-H1");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (dt_report_dialog_get_period (dialog, &period, NULL));
  g_assert_cmpint (period.kind, ==, DT_PERIOD_HALF);
  g_assert_cmpint (period.index, ==, 1);
  g_assert_cmpint (period.year, ==, 2025);
  g_assert_cmpstr (text_of (dialog, "report-as-of"), ==, "30/06/2025");
  g_assert_true (visible (dialog, "report-part"));
  gui_screenshot (GTK_WIDGET (dialog), "report-dialog-prefilled");
  gtk_window_destroy (GTK_WINDOW (dialog));

  {
    DtPeriod review;

    dt_period_parse ("2021..2025", &review, NULL);
    dialog = dt_report_dialog_show (GTK_WINDOW (window), database, &review);
    g_assert_true (dt_report_dialog_get_period (dialog, &period, NULL));
    g_assert_true (dt_period_equal (&period, &review));
    g_assert_true (g_str_has_suffix (text_of (dialog, "report-file"), "so-ket-2021-2025.xlsx"));
    gui_screenshot (GTK_WIDGET (dialog), "report-dialog-review");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("DOITHOAI_TODAY", "2026-05-10", TRUE);
  /* No bus of the desktop's: the application stays in this process. */
  gui_test_init (&argc, &argv, "report-gui", GUI_TEST_BUS_NONE);

  g_test_add_func ("/gui/report-dialog/end-to-end", test_report_dialog);
  return gui_test_finish (g_test_run ());
}
