/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-window"

#include "config.h"

#include "dt-context.h"
#include "dt-followup-page.h"
#include "dt-intake-page.h"
#include "dt-overview-page.h"
#include "dt-placeholder-page.h"
#include "dt-window.h"

/* A saved size smaller than this comes from a damaged setting. */
#define MIN_WIDTH  640
#define MIN_HEIGHT 480

struct _DtWindow
{
  GtkApplicationWindow  parent_instance;

  DtDatabase           *database;
  GSettings            *settings;
  DtContext            *context;

  /* Template widgets */
  DtFollowupPage       *followup_page;
  DtIntakePage         *intake_page;
  DtOverviewPage       *overview_page;
  GtkStack             *stack;
};

G_DEFINE_FINAL_TYPE (DtWindow, dt_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The tabs of DESIGN §4, in the order of their Ctrl+digit shortcuts. */
static const char * const page_names[] = {
  "overview", "plans", "sessions", "intake", "followup",
};

static void
restore_size (DtWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  width = MAX (MIN_WIDTH, g_settings_get_int (self->settings, "window-width"));
  height = MAX (MIN_HEIGHT, g_settings_get_int (self->settings, "window-height"));
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_size (DtWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  /* GTK keeps the default size at the last unmaximized size. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (gtk_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_warning ("There is no tab called “%s”", name);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
stack_visible_child_cb (DtWindow   *self,
                        GParamSpec *pspec,
                        GtkStack   *stack)
{
  /* The figures may have changed in another tab. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "overview") == 0)
    dt_overview_page_reload (self->overview_page);
}

static void
open_petition_cb (DtWindow *self,
                  gint64    id)
{
  gtk_stack_set_visible_child_name (self->stack, "intake");
  dt_intake_page_open_petition (self->intake_page, id);
}

/* Back in the window: whatever the console program wrote meanwhile shows at once. */
static void
is_active_cb (DtWindow   *self,
              GParamSpec *pspec)
{
  if (self->context != NULL && gtk_window_is_active (GTK_WINDOW (self)))
    dt_context_check_external (self->context);
}

static gboolean
dt_window_close_request (GtkWindow *window)
{
  save_size (DT_WINDOW (window));

  return GTK_WINDOW_CLASS (dt_window_parent_class)->close_request (window);
}

static void
dt_window_constructed (GObject *object)
{
  DtWindow *self = (DtWindow *) object;

  G_OBJECT_CLASS (dt_window_parent_class)->constructed (object);

  restore_size (self);

  dt_overview_page_set_database (self->overview_page, self->database);

  self->context = dt_context_new (self->database, self->settings);
  dt_intake_page_set_context (self->intake_page, self->context);
  dt_followup_page_set_context (self->followup_page, self->context);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
  /* A petition left unsaved by a crash or a power cut is offered back first. */
  if (dt_intake_page_has_recovered_draft (self->intake_page))
    gtk_stack_set_visible_child_name (self->stack, "intake");
}

static void
dt_window_dispose (GObject *object)
{
  DtWindow *self = (DtWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_WINDOW);

  G_OBJECT_CLASS (dt_window_parent_class)->dispose (object);
}

static void
dt_window_finalize (GObject *object)
{
  DtWindow *self = (DtWindow *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dt_window_parent_class)->finalize (object);
}

static void
dt_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DtWindow *self = DT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DtWindow *self = DT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_window_class_init (DtWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dt_window_constructed;
  object_class->dispose = dt_window_dispose;
  object_class->finalize = dt_window_finalize;
  object_class->get_property = dt_window_get_property;
  object_class->set_property = dt_window_set_property;

  window_class->close_request = dt_window_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         DT_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Where the window keeps its size; none, and it opens at the default size. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DT_TYPE_FOLLOWUP_PAGE);
  g_type_ensure (DT_TYPE_INTAKE_PAGE);
  g_type_ensure (DT_TYPE_OVERVIEW_PAGE);
  g_type_ensure (DT_TYPE_PLACEHOLDER_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/doithoai/DoiThoai/dt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DtWindow, followup_page);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, intake_page);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, open_petition_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_visible_child_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                           "win.show-page", "s", page_names[i]);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_CONTROL_MASK,
                                           "win.show-page", "s", page_names[i]);
    }
}

static void
dt_window_init (DtWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DtWindow *
dt_window_new (DtApplication *application,
               DtDatabase    *database)
{
  g_return_val_if_fail (DT_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DT_IS_DATABASE (database), NULL);

  return g_object_new (DT_TYPE_WINDOW,
                       "application", application,
                       "database", database,
                       "settings", dt_application_get_settings (application),
                       NULL);
}

DtDatabase *
dt_window_get_database (DtWindow *self)
{
  g_return_val_if_fail (DT_IS_WINDOW (self), NULL);

  return self->database;
}

/* What the pages share: database, settings, today. */
DtContext *
dt_window_get_context (DtWindow *self)
{
  g_return_val_if_fail (DT_IS_WINDOW (self), NULL);

  return self->context;
}

/* The name of the tab on show: "overview", "plans", "sessions", "intake" or "followup". */
const char *
dt_window_get_page (DtWindow *self)
{
  g_return_val_if_fail (DT_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
