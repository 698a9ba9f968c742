/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the widget tests do as a person would: find a control by its name, type into it,
 * click it, and wait until the window has painted; and save a PNG of a screen. */
#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#define GUI_TIMEOUT_SECONDS 20

static gboolean
gui_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
gui_after_paint_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Lets idle callbacks and pending redraws run. */
static inline void
gui_flush (void)
{
  for (guint i = 0; i < 200 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static inline void
gui_wait_for_paint (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  gboolean painted = FALSE;
  GdkFrameClock *clock;
  guint timeout_id;
  gulong handler_id;

  timeout_id = g_timeout_add_seconds (GUI_TIMEOUT_SECONDS, gui_timeout_cb, &timed_out);
  while (!gtk_widget_get_mapped (widget) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler_id = g_signal_connect (clock, "after-paint", G_CALLBACK (gui_after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler_id);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  gui_flush ();
}

/* NAME-SUFFIX.png in SCREENSHOT_DIR (or the build's screenshots folder). */
static inline void
gui_screenshot (GtkWidget  *widget,
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

  gui_wait_for_paint (widget);
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

/* The first widget called NAME under WIDGET, mapped ones first (a hidden copy of a form
 * can carry the same names). */
static inline GtkWidget *
gui_find_any (GtkWidget  *widget,
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
      GtkWidget *found = gui_find_any (child, name, mapped_only);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline GtkWidget *
gui_find (GtkWidget  *widget,
          const char *name)
{
  GtkWidget *found = gui_find_any (widget, name, TRUE);

  if (found == NULL)
    found = gui_find_any (widget, name, FALSE);
  if (found == NULL)
    g_error ("No widget called “%s”", name);
  return found;
}

static inline void
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

/* Types and presses Enter. */
static inline void
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

static inline void
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

static inline void
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

static inline const char *
gui_label (GtkWidget  *root,
           const char *name)
{
  GtkWidget *label = gui_find (root, name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

/* The toplevel of TYPE shown last (dialogs, the settings, the assistant). */
static inline GtkWindow *
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
           gui_find_any (GTK_WIDGET (window), name, FALSE) != NULL))
        found = window;
    }
  return found;
}
