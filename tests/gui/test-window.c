/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drives the real application and window under a display (Xvfb in the test run) and saves a
 * PNG of each screen into the build directory for a person to look at. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "dt-application.h"
#include "dt-bar-chart.h"
#include "dt-database-private.h"
#include "dt-error-window.h"
#include "dt-error.h"
#include "dt-i18n.h"
#include "dt-overview-page.h"
#include "dt-tab-switcher.h"
#include "dt-window-private.h"
#include "dt-window.h"
#include "gui-test.h"

static const char * const page_names[] = {
  "overview", "plans", "sessions", "intake", "followup",
};

static GtkWindow *
find_window_of_type (GtkApplication *application,
                     GType           type)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

/* Runs a whole application as the command line would, and looks at the first window it
 * shows before closing it. */
typedef struct
{
  GType          expected_type;
  const char    *screenshot;
  gboolean       accept_question;  /* a question window is answered by its accept button */
  char          *question;
  GApplication  *application;
  GtkWindow     *window;
  gboolean       expected_type_shown;
  char          *heading;
  char          *message;
  char          *database_path;
  gboolean       timed_out;
} RunData;

static gboolean
inspect_window_cb (gpointer user_data)
{
  RunData *data = user_data;
  GtkWidget *window = GTK_WIDGET (data->window);

  if (g_strcmp0 (gtk_widget_get_name (window), "create-database-question") == 0)
    {
      GtkWidget *button = gui_find_optional (window, data->accept_question ? "question-accept"
                                                                    : "question-cancel");

      if (data->screenshot != NULL)
        gui_screenshot (window, data->screenshot);
      data->question = g_strdup (gui_label (window, "question-body"));
      /* The window that follows an answer is the one looked at. */
      data->window = NULL;
      g_assert_nonnull (button);
      gtk_widget_activate (button);
      if (!data->accept_question)
        data->expected_type_shown = TRUE;
      return G_SOURCE_REMOVE;
    }

  data->expected_type_shown = G_TYPE_CHECK_INSTANCE_TYPE (window, data->expected_type);
  if (data->screenshot != NULL && data->question == NULL)
    gui_screenshot (window, data->screenshot);
  else
    gui_wait_for_paint (window);

  if (DT_IS_ERROR_WINDOW (window))
    {
      data->heading = g_strdup (dt_error_window_get_heading (DT_ERROR_WINDOW (window)));
      data->message = g_strdup (dt_error_window_get_message (DT_ERROR_WINDOW (window)));
    }
  else if (DT_IS_WINDOW (window))
    {
      DtDatabase *database = dt_window_get_database (DT_WINDOW (window));

      data->database_path = g_strdup (dt_database_get_path (database));
    }

  /* What the Close button and the window's close button do. */
  gtk_widget_activate_action (window, "window.close", NULL);
  return G_SOURCE_REMOVE;
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window,
                 RunData        *data)
{
  if (data->window != NULL)
    return;
  data->window = window;
  g_idle_add (inspect_window_cb, data);
}

static gboolean
run_timeout_cb (gpointer user_data)
{
  RunData *data = user_data;

  data->timed_out = TRUE;
  g_application_quit (data->application);
  return G_SOURCE_REMOVE;
}

static int
run_application (const char * const *arguments,
                 RunData            *data)
{
  g_autoptr(DtApplication) application = gui_application_new ();
  g_auto(GStrv) argv = g_strdupv ((char **) arguments);
  guint timeout_id;
  int status;

  data->application = G_APPLICATION (application);
  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), data);
  timeout_id = g_timeout_add_seconds (GUI_TIMEOUT_SECONDS, run_timeout_cb, data);

  status = g_application_run (G_APPLICATION (application), g_strv_length (argv), argv);

  g_assert_false (data->timed_out);
  g_source_remove (timeout_id);
  g_assert_true (data->window != NULL || data->question != NULL);
  g_assert_true (data->expected_type_shown);
  g_assert_cmpint (status, ==, 0);
  data->application = NULL;
  data->window = NULL;
  return dt_application_get_exit_status (application);
}

static void
run_data_clear (RunData *data)
{
  g_clear_pointer (&data->heading, g_free);
  g_clear_pointer (&data->message, g_free);
  g_clear_pointer (&data->database_path, g_free);
  g_clear_pointer (&data->question, g_free);
}

static void
write_garbage (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);
  char bytes[4096];

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (char) g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, bytes, sizeof bytes, &error);
  g_assert_no_error (error);
}

/* Tests */

static void
test_window_tabs (void)
{
  g_autoptr(DtDatabase) database = NULL;
  DtWindow *window;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("tabs.sqlite");
  window = gui_show_window (database, -1, -1);

  /* Once the first frame is painted: the icon, and the other tabs' pages, made one at a time
   * while the window is idle (none of them shown yet). */
  gui_wait_until (g_strcmp0 (gtk_window_get_icon_name (GTK_WINDOW (window)), APP_ID) == 0);
  g_assert_cmpstr (gtk_window_get_default_icon_name (), ==, APP_ID);
  gui_wait_until (gui_find_optional (GTK_WIDGET (window), "intake-page") != NULL &&
                  gui_find_optional (GTK_WIDGET (window), "followup-page") != NULL);
  g_assert_cmpstr (dt_window_get_page (window), ==, "overview");
  g_assert_cmpstr (gui_label (GTK_WIDGET (window), "database-path"), ==,
                   dt_database_get_path (database));

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      /* The opposite direction first, so each switch is a change. */
      const char *name = page_names[(i + 1) % G_N_ELEMENTS (page_names)];

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name);
      g_assert_cmpstr (dt_window_get_page (window), ==, name);
      gui_screenshot (GTK_WIDGET (window), name);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The tabs in the title bar: one button a page, by its title, the shown page's pressed;
 * a click shows its page, a page shown otherwise presses its button. */
static void
test_window_tab_switcher (void)
{
  static const char * const titles[] = {
    "Overview", "Annual Plans", "Sessions & Minutes", "Petition Intake", "Follow-up",
  };
  g_autoptr(DtDatabase) database = NULL;
  GtkWidget *switcher;
  GtkWidget *buttons[G_N_ELEMENTS (page_names)];
  GtkWidget *button;
  DtWindow *window;
  guint n = 0;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("tab-switcher.sqlite");
  window = gui_show_window (database, 1366, 768);
  switcher = gtk_header_bar_get_title_widget (GTK_HEADER_BAR (gtk_window_get_titlebar (
                                                GTK_WINDOW (window))));
  g_assert_true (DT_IS_TAB_SWITCHER (switcher));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (switcher)), ==,
                   GTK_ACCESSIBLE_ROLE_TAB_LIST);
  for (button = gtk_widget_get_first_child (switcher); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (buttons));
      g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (button)), ==,
                       GTK_ACCESSIBLE_ROLE_TAB);
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==,
                       g_dgettext (GETTEXT_PACKAGE, titles[n]));
      g_assert_null (gtk_widget_get_tooltip_text (button));
      buttons[n++] = button;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (page_names));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[0])));

  /* A click on each: its page shown, only its button pressed. */
  for (guint i = 1; i <= n; i++)
    {
      guint k = i % n;

      g_signal_emit_by_name (buttons[k], "clicked");
      g_assert_cmpstr (dt_window_get_page (window), ==, page_names[k]);
      for (guint j = 0; j < n; j++)
        g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[j])), ==,
                         j == k);
    }
  /* A click on the pressed one leaves it so. */
  g_signal_emit_by_name (buttons[0], "clicked");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[0])));
  g_assert_cmpstr (dt_window_get_page (window), ==, "overview");

  /* Shown otherwise (Ctrl+4, an action): its button pressed. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[3])));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[0])));
  gui_destroy (GTK_WINDOW (window));
}

static void
test_window_shortcuts (void)
{
  g_autoptr(DtDatabase) database = NULL;
  g_auto(GStrv) quit_accels = NULL;
  g_auto(GStrv) f1_actions = NULL;
  DtWindow *window;
  GtkWidget *overlay;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("shortcuts.sqlite");
  window = gui_show_window (database, -1, -1);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      guint n = G_N_ELEMENTS (page_names) - 1 - i;

      g_assert_true (gui_shortcut (GTK_WIDGET (window), GDK_KEY_1 + n, GDK_CONTROL_MASK));
      g_assert_cmpstr (dt_window_get_page (window), ==, page_names[n]);
    }
  g_assert_true (gui_shortcut (GTK_WIDGET (window), GDK_KEY_KP_3, GDK_CONTROL_MASK));
  g_assert_cmpstr (dt_window_get_page (window), ==, "sessions");

  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (gui_application ()),
                                                       "app.quit");
  g_assert_true (g_strv_contains ((const char * const *) quit_accels, "<Control>q"));
  f1_actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (gui_application ()), "F1");
  g_assert_true (g_strv_contains ((const char * const *) f1_actions, "win.show-help-overlay"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_assert_true (gtk_widget_get_visible (overlay));
  gui_screenshot (overlay, "shortcuts");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_overview_figures (void)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  DtWindow *window;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("figures.sqlite");
  _dt_database_exec (database,
                     "INSERT INTO villages (name) VALUES ('Thôn Đông'), ('Thôn Tây'), "
                     "('Thôn Nam');"
                     "INSERT INTO plans (code, year) VALUES ('KH-2026', 2026);",
                     &error);
  g_assert_no_error (error);

  window = gui_show_window (database, -1, -1);
  g_assert_cmpstr (gui_label (GTK_WIDGET (window), "villages-value"), ==, "3");
  g_assert_cmpstr (gui_label (GTK_WIDGET (window), "plans-value"), ==, "1");
  g_assert_cmpstr (gui_label (GTK_WIDGET (window), "sessions-value"), ==, "0");
  g_assert_cmpstr (gui_label (GTK_WIDGET (window), "petitions-value"), ==, "0");
  g_assert_cmpstr (gui_label (GTK_WIDGET (window), "summary"), ==,
                   g_dgettext (GETTEXT_PACKAGE, "What this office has recorded so far."));

  /* Records added while another tab is on show are counted when the overview comes back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  _dt_database_exec (database, "INSERT INTO villages (name) VALUES ('Thôn Bắc');", &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  g_assert_cmpstr (gui_label (GTK_WIDGET (window), "villages-value"), ==, "4");
  gui_screenshot (GTK_WIDGET (window), "overview-figures");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window's first frame shows what needs attention; the rest of the overview (this year's
 * progress, the figures, the file) comes once that frame is painted, without being asked. */
static void
test_window_overview_rest (void)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  DtOverviewPage *overview;
  DtBarChart *chart;
  DtWindow *window;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("rest.sqlite");
  _dt_database_exec (database, "INSERT INTO plans (code, year) VALUES ('KH-2026', 2026);",
                     &error);
  g_assert_no_error (error);

  window = dt_window_new (gui_application (), database);
  overview = DT_OVERVIEW_PAGE (_dt_window_get_page (window, "overview"));
  gtk_window_present (GTK_WINDOW (window));
  /* Mapped, its first frame not painted yet: what needs attention is there, the rest not. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overview)));
  g_assert_cmpuint (dt_overview_page_get_n_items (overview), ==, 0);
  g_assert_true (gtk_widget_get_visible (gui_find (GTK_WIDGET (window), "attention-empty")));
  g_assert_false (dt_overview_page_is_complete (overview));
  chart = DT_BAR_CHART (gui_find (GTK_WIDGET (window), "sessions-chart"));
  g_assert_cmpuint (dt_bar_chart_get_n_rows (chart), ==, 0);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (chart)));
  g_assert_false (gtk_widget_is_visible (gui_find (GTK_WIDGET (window), "plans-value")));

  gui_wait_for_paint (GTK_WIDGET (window));
  gui_wait_until (dt_overview_page_is_complete (overview));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (chart)));
  /* Dialogues held of those planned, and those still to come. */
  g_assert_cmpuint (dt_bar_chart_get_n_rows (chart), ==, 2);
  g_assert_true (gtk_widget_is_visible (gui_find (GTK_WIDGET (window), "plans-value")));
  g_assert_cmpstr (gui_label (GTK_WIDGET (window), "plans-value"), ==, "1");
  g_assert_true (gtk_widget_is_visible (gui_find (GTK_WIDGET (window), "database-path")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_empty_overview (void)
{
  g_autoptr(DtDatabase) database = NULL;
  DtWindow *window;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("empty.sqlite");
  window = gui_show_window (database, -1, -1);

  for (guint i = 0; i < 4; i++)
    {
      const char *names[] = { "plans-value", "sessions-value", "petitions-value",
                              "villages-value" };

      g_assert_cmpstr (gui_label (GTK_WIDGET (window), names[i]), ==, "0");
    }
  g_assert_cmpstr (gui_label (GTK_WIDGET (window), "summary"), ==,
                   g_dgettext (GETTEXT_PACKAGE,
                               "Nothing has been recorded in this database yet."));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_size_remembered (void)
{
  GSettings *settings;
  g_autoptr(DtDatabase) database = NULL;
  DtWindow *window;
  int width;
  int height;

  if (gui_skip_without_display ())
    return;

  settings = dt_application_get_settings (gui_application ());
  g_assert_nonnull (settings);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 720);

  g_settings_set_int (settings, "window-width", 980);
  g_settings_set_int (settings, "window-height", 640);

  database = gui_create_database ("size.sqlite");
  window = gui_show_window (database, -1, -1);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 980);
  g_assert_cmpint (height, ==, 640);

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  gui_wait_for_paint (GTK_WIDGET (window));

  /* Ctrl+Q closes every window, and each saves its size on the way. */
  g_action_group_activate_action (G_ACTION_GROUP (gui_application ()), "quit", NULL);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (gui_application ())));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1024);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_window_about (void)
{
  g_autoptr(DtDatabase) database = NULL;
  DtWindow *window;
  GtkWindow *about;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("about.sqlite");
  window = gui_show_window (database, -1, -1);

  g_action_group_activate_action (G_ACTION_GROUP (gui_application ()), "about", NULL);
  about = find_window_of_type (GTK_APPLICATION (gui_application ()), GTK_TYPE_ABOUT_DIALOG);
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  g_assert_cmpstr (gtk_about_dialog_get_version (GTK_ABOUT_DIALOG (about)), ==, PACKAGE_VERSION);
  gui_screenshot (GTK_WIDGET (about), "about");

  gtk_window_destroy (about);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* TRUE when MODEL, or a section or submenu of it, has an item for ACTION. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          gboolean found = menu_has_action (link, action);

          g_object_unref (link);
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

/* The main menu: its popover is made when it is first opened, by F10 or a click, and holds
 * the whole menu then; its button keeps its tooltip. */
static void
test_window_main_menu (void)
{
  g_autoptr(DtDatabase) database = NULL;
  GtkWidget *button;
  GtkPopover *popover;
  GMenuModel *model;
  DtWindow *window;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("main-menu.sqlite");
  window = gui_show_window (database, 1366, 768);
  button = find_of_type (gtk_window_get_titlebar (GTK_WINDOW (window)), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Main Menu"));

  g_assert_true (gui_shortcut (GTK_WIDGET (window), GDK_KEY_F10, 0));
  gui_wait_until ((popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))) != NULL &&
                  gtk_widget_get_mapped (GTK_WIDGET (popover)));
  model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (model);
  g_assert_true (menu_has_action (model, "app.about"));
  g_assert_true (menu_has_action (model, "win.reports"));
  gui_screenshot (GTK_WIDGET (popover), "main-menu");
  gtk_popover_popdown (popover);
  gui_wait_until (!gtk_widget_get_mapped (GTK_WIDGET (popover)));

  /* Opened again, the same menu: not a second popover. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  gui_wait_until (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  g_assert_true (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)) == popover);
  gtk_popover_popdown (popover);
  gui_destroy (GTK_WINDOW (window));
}

static void
test_application_refused_databases (void)
{
  static const struct {
    const char *name;
    int         code;
  } cases[] = {
    { "damaged", DT_ERROR_CORRUPT },
    { "foreign", DT_ERROR_FOREIGN },
    { "newer", DT_ERROR_NEWER },
  };

  if (gui_skip_without_display ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file_name = g_strdup_printf ("%s.sqlite", cases[i].name);
      g_autofree char *path = gui_temp_path (file_name);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *screenshot = NULL;
      g_autofree char *message = NULL;
      g_autoptr(DtDatabase) database = NULL;
      g_autoptr(GError) error = NULL;
      gsize before_length;
      gsize after_length;
      GtkWindow *window;

      g_remove (path);
      if (g_str_equal (cases[i].name, "damaged"))
        write_garbage (path);
      else if (g_str_equal (cases[i].name, "foreign"))
        {
          sqlite3 *db = NULL;

          g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (text TEXT)", NULL, NULL, NULL),
                           ==, SQLITE_OK);
          sqlite3_close (db);
        }
      else
        {
          g_autoptr(DtDatabase) newer = gui_create_database (file_name);
          g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d",
                                                     dt_database_schema_version () + 1);

          _dt_database_exec (newer, pragma, &error);
          g_assert_no_error (error);
        }

      g_file_get_contents (path, &before, &before_length, &error);
      g_assert_no_error (error);

      database = dt_application_open_database (gui_application (), path, &error);
      g_assert_null (database);
      g_assert_error (error, DT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, path));
      message = g_strdup (error->message);
      g_clear_error (&error);

      window = dt_application_open (gui_application (), path);
      g_assert_true (DT_IS_ERROR_WINDOW (window));
      g_assert_true (gtk_window_get_modal (window));
      g_assert_cmpstr (dt_error_window_get_message (DT_ERROR_WINDOW (window)), ==, message);
      g_assert_true (gtk_window_get_application (window) ==
                     GTK_APPLICATION (gui_application ()));

      if (cases[i].code == DT_ERROR_CORRUPT)
        screenshot = g_strdup ("error-dialog");
      else
        screenshot = g_strdup_printf ("error-%s", cases[i].name);
      gui_screenshot (GTK_WIDGET (window), screenshot);

      /* Refused means untouched. */
      g_file_get_contents (path, &after, &after_length, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (before, before_length, after, after_length);

      gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL);
      g_assert_null (find_window_of_type (GTK_APPLICATION (gui_application ()),
                                          DT_TYPE_ERROR_WINDOW));
    }
}

static void
test_application_run_damaged (void)
{
  g_autofree char *path = gui_temp_path ("run-damaged.sqlite");
  g_autofree char *option = g_strdup_printf ("--database=%s", path);
  const char *arguments[] = { "doithoai", option, NULL };
  RunData data = { .expected_type = DT_TYPE_ERROR_WINDOW, .screenshot = "run-error" };

  if (gui_skip_without_display ())
    return;

  write_garbage (path);

  /* The message is shown, the program ends when it is closed, with status 3. */
  g_assert_cmpint (run_application (arguments, &data), ==, 3);
  g_assert_cmpstr (data.heading, ==, g_dgettext (GETTEXT_PACKAGE, "The database cannot be opened"));
  g_assert_nonnull (strstr (data.message, path));

  run_data_clear (&data);
}

static void
test_application_run_database_option (void)
{
  g_autofree char *path = gui_temp_path ("run.sqlite");
  g_autofree char *option = g_strdup_printf ("--database=%s", path);
  const char *arguments[] = { "doithoai", option, NULL };
  RunData data = { .expected_type = DT_TYPE_WINDOW, .screenshot = "create-question" };
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  if (gui_skip_without_display ())
    return;

  g_remove (path);

  /* A file named that is not there: she is asked, told which file; cancelled, nothing is
   * created and the program ends with 3 (no database there). */
  g_assert_cmpint (run_application (arguments, &data), ==, 3);
  g_assert_nonnull (strstr (data.question, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  run_data_clear (&data);

  /* Answered "Create": the file is made and the window shows it. */
  data.accept_question = TRUE;
  data.screenshot = NULL;
  g_assert_cmpint (run_application (arguments, &data), ==, 0);
  g_assert_cmpstr (data.database_path, ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  database = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_get_user_version (database), ==, dt_database_schema_version ());

  run_data_clear (&data);
}

/* Two at once, each on the session bus: the shared one and one that runs (issue: the
 * second could not register on a desktop, where there is a bus). */
static void
test_application_side_by_side (void)
{
  g_autoptr(DtApplication) other = NULL;
  g_autoptr(GError) error = NULL;
  DtApplication *shared;

  if (gui_skip_without_display ())
    return;
  if (!gui_have_bus ())
    {
      g_test_skip ("No dbus-daemon to run a session bus with");
      return;
    }

  shared = gui_application ();
  g_assert_nonnull (g_application_get_dbus_connection (G_APPLICATION (shared)));

  other = gui_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (other), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (g_application_get_dbus_connection (G_APPLICATION (other)));
  g_assert_cmpstr (g_application_get_dbus_object_path (G_APPLICATION (other)), !=,
                   g_application_get_dbus_object_path (G_APPLICATION (shared)));
  /* Neither took the name of the program itself, which a DoiThoai in use may hold. */
  g_assert_false (g_application_get_is_remote (G_APPLICATION (other)));
}

static void
test_application_run_default_database (void)
{
  g_autofree char *expected = dt_database_default_path ();
  const char *arguments[] = { "doithoai", NULL };
  RunData data = { .expected_type = DT_TYPE_WINDOW };

  if (gui_skip_without_display ())
    return;

  /* main() pointed the user data folder into the temporary folder. */
  g_assert_true (g_str_has_prefix (expected, gui_temp_dir ()));

  g_assert_cmpint (run_application (arguments, &data), ==, 0);
  g_assert_cmpstr (data.database_path, ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));

  run_data_clear (&data);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, "gui", GUI_TEST_BUS_OWN);

  g_test_add_func ("/gui/window/tabs", test_window_tabs);
  g_test_add_func ("/gui/window/tab-switcher", test_window_tab_switcher);
  g_test_add_func ("/gui/window/shortcuts", test_window_shortcuts);
  g_test_add_func ("/gui/window/overview-figures", test_window_overview_figures);
  g_test_add_func ("/gui/window/overview-rest", test_window_overview_rest);
  g_test_add_func ("/gui/window/empty-overview", test_window_empty_overview);
  g_test_add_func ("/gui/window/size-remembered", test_window_size_remembered);
  g_test_add_func ("/gui/window/about", test_window_about);
  g_test_add_func ("/gui/window/main-menu", test_window_main_menu);
  g_test_add_func ("/gui/application/refused-databases", test_application_refused_databases);
  g_test_add_func ("/gui/application/run-damaged", test_application_run_damaged);
  g_test_add_func ("/gui/application/run-database-option",
                   test_application_run_database_option);
  g_test_add_func ("/gui/application/side-by-side", test_application_side_by_side);
  g_test_add_func ("/gui/application/run-default-database",
                   test_application_run_default_database);

  return gui_test_finish (g_test_run ());
}
