/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for the widget tests of the intake and follow-up tabs: a display of their own
 * (Xvfb), a session bus of their own, the real window, and PNGs of each screen. */
#pragma once

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "dt-application.h"
#include "dt-database-private.h"
#include "dt-i18n.h"
#include "dt-window.h"

#ifdef DT_TEST_X11
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#endif

#define DT_GUI_TIMEOUT_SECONDS 20

typedef struct
{
  gboolean        have_display;
  gboolean        have_bus;
  char           *tmp_dir;
  DtApplication  *application;
  GTestDBus      *bus;
} DtGuiTest;

static DtGuiTest dt_gui;

static inline gboolean
dt_gui_skip_without_display (void)
{
  if (dt_gui.have_display)
    return FALSE;
  g_test_skip ("No display: run the test under xvfb-run");
  return TRUE;
}

static inline char *
dt_gui_temp_path (const char *name)
{
  return g_build_filename (dt_gui.tmp_dir, name, NULL);
}

static inline DtApplication *
dt_gui_application (void)
{
  if (dt_gui.application == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("%s.PetitionsTest%s", APP_ID,
                                             g_test_subprocess () ? "Child" : "");

      dt_gui.application = dt_application_new ();
      g_application_set_application_id (G_APPLICATION (dt_gui.application), id);
      g_application_set_flags (G_APPLICATION (dt_gui.application),
                               G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (dt_gui.application), NULL, &error);
      g_assert_no_error (error);
    }
  return dt_gui.application;
}

static gboolean
dt_gui_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for MS milliseconds: timers of the window (drafts, likely duplicates)
 * fire meanwhile. */
static inline void
dt_gui_wait (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, dt_gui_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until CONDITION (or the timeout, which fails the test). */
#define dt_gui_wait_until(condition)                                              \
  G_STMT_START {                                                                  \
    gboolean timed_out_ = FALSE;                                                  \
    guint id_ = g_timeout_add_seconds (DT_GUI_TIMEOUT_SECONDS, dt_gui_timeout_cb, \
                                       &timed_out_);                              \
    while (!(condition) && !timed_out_)                                           \
      g_main_context_iteration (NULL, TRUE);                                      \
    if (!timed_out_)                                                              \
      g_source_remove (id_);                                                      \
    g_assert_true (condition);                                                    \
  } G_STMT_END

static void
dt_gui_after_paint_cb (GdkFrameClock *clock,
                       gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

static inline void
dt_gui_wait_for_paint (GtkWidget *widget)
{
  gboolean painted = FALSE;
  GdkFrameClock *clock;
  gulong handler_id;

  dt_gui_wait_until (gtk_widget_get_mapped (widget));
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler_id = g_signal_connect (clock, "after-paint", G_CALLBACK (dt_gui_after_paint_cb),
                                 &painted);
  gtk_widget_queue_draw (widget);
  dt_gui_wait_until (painted);
  g_signal_handler_disconnect (clock, handler_id);
}

/* NAME-LANGUAGE.png (or NAME-LANGUAGE-SUFFIX.png) in the build directory's screenshots. */
static inline void
dt_gui_screenshot (GtkWidget  *widget,
                   const char *name)
{
  const char *dir = g_getenv ("SCREENSHOT_DIR");
  const char *suffix = g_getenv ("SCREENSHOT_SUFFIX");
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  dt_gui_wait_for_paint (widget);
  /* Rows of lists come in a frame after the window: one more. */
  dt_gui_wait (50);
  dt_gui_wait_for_paint (widget);

  if (dir == NULL || *dir == '\0')
    dir = DT_TEST_SCREENSHOT_DIR;
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  if (suffix != NULL && *suffix != '\0')
    file_name = g_strdup_printf ("%s-%s.png", name, suffix);
  else
    file_name = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file_name, NULL);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  snapshot = gtk_snapshot_new ();
  gtk_snapshot_render_background (snapshot, gtk_widget_get_style_context (widget),
                                  0, 0, width, height);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static inline GtkWidget *
dt_gui_find (GtkWidget  *widget,
             const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dt_gui_find (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A widget that must be there. */
static inline GtkWidget *
dt_gui_get (GtkWidget  *widget,
            const char *name)
{
  GtkWidget *found = dt_gui_find (widget, name);

  if (found == NULL)
    g_error ("No widget called “%s”", name);
  return found;
}

/* The editable inside a widget (an entry, a date entry). */
static inline GtkEditable *
dt_gui_editable (GtkWidget  *root,
                 const char *name)
{
  GtkWidget *widget = dt_gui_get (root, name);

  if (GTK_IS_EDITABLE (widget))
    return GTK_EDITABLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_EDITABLE (child))
      return GTK_EDITABLE (child);
  g_error ("“%s” has nothing to type into", name);
}

static inline const char *
dt_gui_label (GtkWidget  *root,
              const char *name)
{
  GtkWidget *widget = dt_gui_get (root, name);

  g_assert_true (GTK_IS_LABEL (widget));
  return gtk_label_get_label (GTK_LABEL (widget));
}

static inline GtkWidget *
dt_gui_focus (GtkWidget *widget)
{
  return gtk_root_get_focus (gtk_widget_get_root (widget));
}

/* Types TEXT where the focus is, as the keyboard would: at the cursor, one character at a
 * time, each a change the widget hears of. */
static inline void
dt_gui_type (GtkWidget  *window,
             const char *text)
{
  GtkWidget *focus = dt_gui_focus (window);

  g_assert_nonnull (focus);
  if (GTK_IS_TEXT_VIEW (focus))
    {
      gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)), text,
                                        -1);
      return;
    }
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_delete_selection (GTK_EDITABLE (focus));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = gtk_editable_get_position (GTK_EDITABLE (focus));

      gtk_editable_insert_text (GTK_EDITABLE (focus), p, g_utf8_next_char (p) - p, &position);
      gtk_editable_set_position (GTK_EDITABLE (focus), position);
    }
}

/* Presses a key binding of WIDGET or of one of its ancestors, as a key press that reaches it
 * would. */
static inline gboolean
dt_gui_shortcut (GtkWidget       *widget,
                 guint            keyval,
                 GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

              if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted) &&
                  gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                GTK_SHORTCUT_ACTION_EXCLUSIVE, w,
                                                gtk_shortcut_get_arguments (shortcut)))
                return TRUE;
            }
        }
    }
  return FALSE;
}

/* Tab and Enter, as the window moves the focus on them. */
static inline void
dt_gui_tab (GtkWidget *window)
{
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
}

static inline void
dt_gui_enter (GtkWidget *window)
{
  GtkWidget *focus = dt_gui_focus (window);

  g_assert_nonnull (focus);
  /* In an entry, Enter is the binding of its text to "activate". */
  if (GTK_IS_TEXT (focus))
    {
      g_signal_emit_by_name (focus, "activate");
      return;
    }
  if (!gtk_widget_activate (focus))
    g_error ("Enter does nothing in %s “%s”", G_OBJECT_TYPE_NAME (focus),
             gtk_widget_get_name (focus));
}

static inline DtDatabase *
dt_gui_create_database (const char *name)
{
  g_autofree char *path = dt_gui_temp_path (name);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  DtDatabase *database;

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  database = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  return database;
}

static inline DtWindow *
dt_gui_show_window (DtDatabase *database,
                    int         width,
                    int         height)
{
  DtWindow *window = dt_window_new (dt_gui_application (), database);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  dt_gui_wait_for_paint (GTK_WIDGET (window));
  return window;
}

/* Destroys WINDOW once what GTK has pending for it has run: GTK 4.8 looks for the pointer in
 * a tooltip's idle, on whatever window it was asked for, destroyed or not. */
static inline void
dt_gui_destroy (GtkWindow *window)
{
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  gtk_window_destroy (window);
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/* The other windows of the application (dialogs) of TYPE. */
static inline GtkWindow *
dt_gui_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static inline void
dt_gui_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          dt_gui_remove_tree (child);
        }
    }
  g_remove (path);
}

/* Before g_test_init (): a display, a session bus and a data folder of the test's own. */
static inline void
dt_gui_init (int    *argc,
             char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *dbus_daemon = NULL;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", DT_TEST_SCHEMA_DIR, FALSE);
  g_setenv ("DOITHOAI_TODAY", "2026-11-26", FALSE);

  dt_gui.tmp_dir = g_dir_make_tmp ("doithoai-gui-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (dt_gui.tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  dt_i18n_init ();
  g_test_init (argc, argv, NULL);

  dbus_daemon = g_find_program_in_path ("dbus-daemon");
  if (dbus_daemon != NULL && g_getenv ("DT_GUI_TEST_KEEP_BUS") == NULL)
    {
      g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

      dt_gui.bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (dt_gui.bus);
      if (display != NULL)
        g_setenv ("DISPLAY", display, TRUE);
      dt_gui.have_bus = TRUE;
    }

  dt_gui.have_display = gtk_init_check ();
  if (dt_gui.have_display)
    g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
#ifdef DT_TEST_X11
  /* The pointer out of the way, in the screen's far corner: resting on a list, it would call up
   * tooltips, and GTK 4.8 looks for a tooltip's pointer on a window the test has destroyed. */
  if (dt_gui.have_display && GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      Display *xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
      Window root = DefaultRootWindow (xdisplay);

      XWarpPointer (xdisplay, None, root, 0, 0, 0, 0,
                    DisplayWidth (xdisplay, DefaultScreen (xdisplay)) - 1,
                    DisplayHeight (xdisplay, DefaultScreen (xdisplay)) - 1);
      XFlush (xdisplay);
    }
#endif
}

static inline int
dt_gui_finish (int status)
{
  g_clear_object (&dt_gui.application);
  if (dt_gui.bus != NULL)
    {
      g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

      if (connection != NULL)
        g_dbus_connection_set_exit_on_close (connection, FALSE);
      g_test_dbus_stop (dt_gui.bus);
    }
  dt_gui_remove_tree (dt_gui.tmp_dir);
  g_free (dt_gui.tmp_dir);
  return status;
}
