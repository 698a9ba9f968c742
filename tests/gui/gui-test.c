/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#if defined(__SANITIZE_ADDRESS__)
# include <sanitizer/lsan_interface.h>
#endif
#ifdef DT_TEST_X11
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#endif

#include "dt-i18n.h"
#include "dt-renderer.h"
#include "gui-test.h"

static struct
{
  gboolean        have_display;
  char           *tmp_dir;
  DtApplication  *application;
  /* Not freed: freeing waits for the connection to go (see gui_test_finish ()). */
  GTestDBus      *bus;
} gui;

void
gui_test_init (int          *argc,
               char       ***argv,
               const char   *name,
               GuiTestBus    bus)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("doithoai-%s-XXXXXX", name);
  g_autofree char *data_home = NULL;
  g_autofree char *dbus_daemon = NULL;

  /* Reliable rendering under Xvfb, no accessibility bus, and no user files touched. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  dt_renderer_apply (NULL);   /* as the program's main (): with Cairo, OpenGL kept closed */
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", DT_TEST_SCHEMA_DIR, FALSE);
  if (bus == GUI_TEST_BUS_NONE)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);

  gui.tmp_dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  data_home = g_build_filename (gui.tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  dt_i18n_init ();
  g_test_init (argc, argv, NULL);

  /* A session bus of the run's own, before anything connects to one: the same whether the
   * machine is a desktop, whose bus may have a DoiThoai on it, or CI, which has none. */
  dbus_daemon = g_find_program_in_path ("dbus-daemon");
  if (bus == GUI_TEST_BUS_OWN && dbus_daemon != NULL && g_getenv ("DT_GUI_TEST_KEEP_BUS") == NULL)
    {
      /* It unsets DISPLAY, against X11's own way of starting a bus; the display stays. */
      g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

      gui.bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (gui.bus);
      if (display != NULL)
        g_setenv ("DISPLAY", display, TRUE);
    }

  gui.have_display = gtk_init_check ();
  if (gui.have_display)
    g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
#ifdef DT_TEST_X11
  /* The pointer out of the way, in the screen's far corner: resting on a list, it would call up
   * tooltips, and GTK 4.8 looks for a tooltip's pointer on a window the test has destroyed. */
  if (gui.have_display && GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
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

int
gui_test_finish (int status)
{
  g_clear_object (&gui.application);
  if (gui.bus != NULL)
    {
      /* A registered GtkApplication keeps itself, and so the connection, until the process
       * ends: g_test_dbus_down (), or freeing the GTestDBus, would wait for that in vain.
       * Stop the daemon alone, and keep the connection from ending the process when it
       * sees the bus go. */
      g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

      if (connection != NULL)
        g_dbus_connection_set_exit_on_close (connection, FALSE);
      g_test_dbus_stop (gui.bus);
#if defined(__SANITIZE_ADDRESS__)
      /* Kept on purpose, as said above: no leak for the leak checker (test.sh --sanitize). */
      __lsan_ignore_object (gui.bus);
#endif
    }
  gui_remove_tree (gui.tmp_dir);
  g_clear_pointer (&gui.tmp_dir, g_free);
  return status;
}

gboolean
gui_have_display (void)
{
  return gui.have_display;
}

gboolean
gui_have_bus (void)
{
  return gui.bus != NULL;
}

gboolean
gui_skip_without_display (void)
{
  if (gui.have_display)
    return FALSE;
  g_test_skip ("No display: run the test under xvfb-run");
  return TRUE;
}

const char *
gui_temp_dir (void)
{
  return gui.tmp_dir;
}

char *
gui_temp_path (const char *name)
{
  return g_build_filename (gui.tmp_dir, name, NULL);
}

void
gui_remove_tree (const char *path)
{
  if (path == NULL)
    return;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          gui_remove_tree (child);
        }
    }
  g_remove (path);
}

DtApplication *
gui_application_new (void)
{
  static guint n_made;
  DtApplication *application = dt_application_new ();
  g_autofree char *id = g_strdup_printf ("%s.Test%s%u", APP_ID,
                                         g_test_subprocess () ? "Child" : "", ++n_made);

  /* Several instances live in one process. Even a non-unique application exports itself on
   * the session bus at the path of its id, and a second one at the same path cannot
   * register: each needs its own id. Non-unique, none hands its command line to another
   * process. */
  g_application_set_application_id (G_APPLICATION (application), id);
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  return application;
}

DtApplication *
gui_application (void)
{
  if (gui.application == NULL)
    {
      g_autoptr(GError) error = NULL;

      gui.application = gui_application_new ();
      g_application_register (G_APPLICATION (gui.application), NULL, &error);
      g_assert_no_error (error);
    }
  return gui.application;
}

DtDatabase *
gui_create_database (const char *name)
{
  g_autofree char *path = gui_temp_path (name);
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

DtWindow *
gui_show_window (DtDatabase *database,
                 int         width,
                 int         height)
{
  DtWindow *window = dt_window_new (gui_application (), database);

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gui_wait_for_paint (GTK_WIDGET (window));
  return window;
}

void
gui_destroy (GtkWindow *window)
{
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  gtk_window_destroy (window);
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

gboolean
gui_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

void
gui_flush (void)
{
  for (guint i = 0; i < 200 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

void
gui_wait (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, gui_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
gui_wait_for_paint (GtkWidget *widget)
{
  gboolean painted = FALSE;
  GdkFrameClock *clock;
  gulong handler_id;

  gui_wait_until (gtk_widget_get_mapped (widget));
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  gui_wait_until (painted);
  g_signal_handler_disconnect (clock, handler_id);
  gui_flush ();
}

const char *
gui_screenshot_dir (void)
{
  const char *dir = g_getenv ("SCREENSHOT_DIR");

  return dir != NULL && *dir != '\0' ? dir : DT_TEST_SCREENSHOT_DIR;
}

void
gui_screenshot (GtkWidget  *widget,
                const char *name)
{
  const char *dir = gui_screenshot_dir ();
  const char *suffix = g_getenv ("SCREENSHOT_SUFFIX");
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  gui_wait_for_paint (widget);
  /* Rows of lists come in a frame after the window: one more. */
  gui_wait (50);
  gui_wait_for_paint (widget);

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

  /* A window keeps no render node of its own to reuse, so draw it the way it draws itself:
   * its background, then each of its children. */
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
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static GtkWidget *
find_any (GtkWidget  *widget,
          const char *name,
          gboolean    mapped_only)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0 &&
      (!mapped_only || gtk_widget_get_mapped (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_any (child, name, mapped_only);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
gui_find_optional (GtkWidget  *widget,
                   const char *name)
{
  GtkWidget *found = find_any (widget, name, TRUE);

  return found != NULL ? found : find_any (widget, name, FALSE);
}

GtkWidget *
gui_find (GtkWidget  *widget,
          const char *name)
{
  GtkWidget *found = gui_find_optional (widget, name);

  if (found == NULL)
    g_error ("No widget called “%s”", name);
  return found;
}

GtkEditable *
gui_editable (GtkWidget  *root,
              const char *name)
{
  GtkWidget *widget = gui_find (root, name);

  if (GTK_IS_EDITABLE (widget))
    return GTK_EDITABLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_EDITABLE (child))
      return GTK_EDITABLE (child);
  g_error ("“%s” has nothing to type into", name);
}

const char *
gui_label (GtkWidget  *root,
           const char *name)
{
  GtkWidget *label = gui_find (root, name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

GtkWidget *
gui_focus (GtkWidget *widget)
{
  return gtk_root_get_focus (gtk_widget_get_root (widget));
}

GtkWindow *
gui_find_toplevel (GType       type,
                   const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  gui_flush ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          (name == NULL || g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), name) == 0 ||
           find_any (GTK_WIDGET (window), name, FALSE) != NULL))
        found = window;
    }
  return found;
}

void
gui_type (GtkWidget  *root,
          const char *name,
          const char *text)
{
  GtkWidget *widget = gui_find (root, name);

  gtk_widget_grab_focus (widget);
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
  gui_flush ();
}

void
gui_type_enter (GtkWidget  *root,
                const char *name,
                const char *text)
{
  GtkWidget *entry;

  gui_type (root, name, text);
  entry = gui_find (root, name);
  if (GTK_IS_ENTRY (entry))
    g_signal_emit_by_name (entry, "activate");
  else
    gtk_widget_activate (entry);
  gui_flush ();
}

void
gui_type_here (GtkWidget  *window,
               const char *text)
{
  GtkWidget *focus = gui_focus (window);

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

void
gui_click (GtkWidget  *root,
           const char *name)
{
  GtkWidget *button = gui_find (root, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  /* A button's "activate" (Enter, Space) clicks it after a moment's feedback: click at once. */
  if (GTK_IS_BUTTON (button))
    g_signal_emit_by_name (button, "clicked");
  else
    gtk_widget_activate (button);
  gui_flush ();
}

void
gui_choose (GtkWidget  *root,
            const char *name,
            const char *item)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (gui_find (root, name));
  GListModel *model = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (model, i);

      if (GTK_IS_STRING_OBJECT (object) &&
          g_strcmp0 (gtk_string_object_get_string (GTK_STRING_OBJECT (object)), item) == 0)
        {
          gtk_drop_down_set_selected (drop_down, i);
          gui_flush ();
          return;
        }
    }
  g_error ("“%s” offers no “%s”", name, item);
}

gboolean
gui_shortcut (GtkWidget       *widget,
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

void
gui_tab (GtkWidget *window)
{
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
}

void
gui_enter (GtkWidget *window)
{
  GtkWidget *focus = gui_focus (window);

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
