/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-error-window"

#include "config.h"

#include "dt-error-window.h"
#include "dt-gui-util.h"

/* A message dialog that needs no parent window: errors may come before the main window
 * exists (a damaged database at start-up). */
struct _DtErrorWindow
{
  GtkWindow  parent_instance;

  /* Template widgets */
  GtkButton *close_button;
  GtkButton *open_button;
  GtkButton *restore_button;
  GtkLabel  *heading_label;
  GtkLabel  *message_label;

  char      *database;
};

G_DEFINE_FINAL_TYPE (DtErrorWindow, dt_error_window, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_HEADING,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dt_error_window_dispose (GObject *object)
{
  DtErrorWindow *self = (DtErrorWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_ERROR_WINDOW);
  g_clear_pointer (&self->database, g_free);

  G_OBJECT_CLASS (dt_error_window_parent_class)->dispose (object);
}

static void
dt_error_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DtErrorWindow *self = DT_ERROR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      g_value_set_string (value, dt_error_window_get_heading (self));
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, dt_error_window_get_message (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_error_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DtErrorWindow *self = DT_ERROR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      gtk_label_set_label (self->heading_label, g_value_get_string (value));
      break;

    case PROP_MESSAGE:
      gtk_label_set_label (self->message_label, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_error_window_class_init (DtErrorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_error_window_dispose;
  object_class->get_property = dt_error_window_get_property;
  object_class->set_property = dt_error_window_set_property;

  properties[PROP_HEADING] =
    g_param_spec_string ("heading", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/doithoai/DoiThoai/dt-error-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DtErrorWindow, close_button);
  gtk_widget_class_bind_template_child (widget_class, DtErrorWindow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, DtErrorWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, DtErrorWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, DtErrorWindow, restore_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT_DIALOG);
}

static void
dt_error_window_init (DtErrorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
dt_error_window_new (GtkWindow  *parent,
                     const char *heading,
                     const char *message)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  /* A message shown before any window of the program has its icon too. */
  dt_gui_ensure_icons ();
  if (gtk_window_get_default_icon_name () == NULL)
    gtk_window_set_default_icon_name (APP_ID);
  return g_object_new (DT_TYPE_ERROR_WINDOW,
                       "transient-for", parent,
                       "destroy-with-parent", parent != NULL,
                       "heading", heading,
                       "message", message,
                       NULL);
}

const char *
dt_error_window_get_heading (DtErrorWindow *self)
{
  g_return_val_if_fail (DT_IS_ERROR_WINDOW (self), NULL);

  return gtk_label_get_label (self->heading_label);
}

const char *
dt_error_window_get_message (DtErrorWindow *self)
{
  g_return_val_if_fail (DT_IS_ERROR_WINDOW (self), NULL);

  return gtk_label_get_label (self->message_label);
}

void
dt_error_window_set_database (DtErrorWindow *self,
                              const char    *path)
{
  g_return_if_fail (DT_IS_ERROR_WINDOW (self));

  g_free (self->database);
  self->database = g_strdup (path);
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), path != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), path != NULL);
  if (path != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->restore_button), "s", path);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->restore_button),
                                      "app.restore-backup");
    }
}

/* The database that could not be used, or NULL. */
const char *
dt_error_window_get_database (DtErrorWindow *self)
{
  g_return_val_if_fail (DT_IS_ERROR_WINDOW (self), NULL);

  return self->database;
}

void
dt_error_window_set_restore_offered (DtErrorWindow *self,
                                     gboolean       offered)
{
  g_return_if_fail (DT_IS_ERROR_WINDOW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->restore_button),
                          offered && self->database != NULL);
}
