/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-dialogs.h"
#include "dt-first-run.h"
#include "dt-followup-page.h"
#include "dt-gui-util.h"
#include "dt-intake-page.h"
#include "dt-overview-page.h"
#include "dt-placeholder-page.h"
#include "dt-plans-page.h"
#include "dt-print.h"
#include "dt-report-dialog.h"
#include "dt-restore-dialog.h"
#include "dt-sessions-page.h"
#include "dt-tab-switcher.h"
#include "dt-settings-window.h"
#include "dt-window-private.h"
#include "dt-window-safety.h"
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
  char                 *last_page;

  /* Template widgets */
  GtkLabel             *file_label;
  GtkMenuButton        *menu_button;
  DtOverviewPage       *overview_page;
  GMenuModel           *primary_menu;
  GMenu                *recent_menu;
  GtkStack             *stack;

  /* The other tabs' pages, made when first needed (ensure_page ()); NULL until then. */
  DtFollowupPage       *followup_page;
  DtIntakePage         *intake_page;
  DtPlansPage          *plans_page;
  DtSessionsPage       *sessions_page;
  guint                 build_id;       /* the idle task making the next of them */
  gulong                paint_id;       /* waiting for the first frame, to begin them */
};

G_DEFINE_FINAL_TYPE (DtWindow, dt_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The tabs of DESIGN §4, in the order of their Ctrl+digit shortcuts. */
static const char * const page_names[] = {
  "overview", "plans", "sessions", "intake", "followup",
};

/* The tabs whose pages are made when first needed, in the order they are made once the
 * window has painted its first frame: the overview alone is made with the window. */
static const char * const later_pages[] = {
  "intake", "followup", "sessions", "plans",
};

static void open_petition_cb (DtWindow *self,
                              gint64    id);

/* The page of the tab NAME, made now if it was not yet: a page is a GtkBox on the tab
 * ("holder") until then. NULL for a name that is no tab. */
static GtkWidget *
ensure_page (DtWindow   *self,
             const char *name)
{
  GtkWidget *holder;
  GtkWidget *page;

  if (name == NULL || g_str_equal (name, "overview"))
    return name != NULL ? GTK_WIDGET (self->overview_page) : NULL;
  if (!(holder = gtk_stack_get_child_by_name (self->stack, name)))
    return NULL;
  if ((page = gtk_widget_get_first_child (holder)) != NULL)
    return page;
  /* The year's tabs show the program's own symbols. */
  dt_gui_ensure_icons ();

  if (g_str_equal (name, "plans"))
    {
      self->plans_page = g_object_new (DT_TYPE_PLANS_PAGE, NULL);
      page = GTK_WIDGET (self->plans_page);
      dt_plans_page_set_context (self->plans_page, self->context);
    }
  else if (g_str_equal (name, "sessions"))
    {
      self->sessions_page = g_object_new (DT_TYPE_SESSIONS_PAGE, NULL);
      page = GTK_WIDGET (self->sessions_page);
      dt_sessions_page_set_context (self->sessions_page, self->context);
    }
  else if (g_str_equal (name, "intake"))
    {
      self->intake_page = g_object_new (DT_TYPE_INTAKE_PAGE, "name", "intake-page", NULL);
      page = GTK_WIDGET (self->intake_page);
      dt_intake_page_set_context (self->intake_page, self->context);
    }
  else if (g_str_equal (name, "followup"))
    {
      self->followup_page = g_object_new (DT_TYPE_FOLLOWUP_PAGE, "name", "followup-page", NULL);
      page = GTK_WIDGET (self->followup_page);
      g_signal_connect_object (page, "open-petition", G_CALLBACK (open_petition_cb), self,
                               G_CONNECT_SWAPPED);
      dt_followup_page_set_context (self->followup_page, self->context);
    }
  else
    g_return_val_if_reached (NULL);

  /* Named by its tab's title, as the tab is (never by its type). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_stack_page_get_title (gtk_stack_get_page (self->stack,
                                                                                holder)),
                                  -1);
  gtk_widget_set_hexpand (page, TRUE);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (holder), page);
  /* The year's tabs: their drop-downs named by the choice they show, not by their type. */
  if (DT_IS_PLANS_PAGE (page) || DT_IS_SESSIONS_PAGE (page))
    dt_accessible_name_controls (page);
  return page;
}

/* Once the first frame is painted, one thing at a time while the window is idle: its icon,
 * then the pages, so that a tab is ready before it is asked for and the window's start does
 * not wait for five. */
static gboolean
build_next_page_cb (gpointer user_data)
{
  DtWindow *self = user_data;

  self->build_id = 0;
  /* The icon, for the task bar (see dt_application_startup ()): drawing it takes a few
   * milliseconds; the windows opened from now on take it by default. */
  if (gtk_window_get_icon_name (GTK_WINDOW (self)) == NULL)
    {
      dt_gui_ensure_icons ();
      gtk_window_set_icon_name (GTK_WINDOW (self), APP_ID);
      if (gtk_window_get_default_icon_name () == NULL)
        gtk_window_set_default_icon_name (APP_ID);
      self->build_id = dt_context_add_idle (self->context, build_next_page_cb, self);
      return G_SOURCE_REMOVE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (later_pages); i++)
    {
      GtkWidget *holder = gtk_stack_get_child_by_name (self->stack, later_pages[i]);

      if (gtk_widget_get_first_child (holder) == NULL)
        {
          gint64 started = g_get_monotonic_time ();

          ensure_page (self, later_pages[i]);
          g_debug ("The %s tab's page made while the window was idle, in %.1f ms",
                   later_pages[i], (g_get_monotonic_time () - started) / 1000.0);
          self->build_id = dt_context_add_idle (self->context, build_next_page_cb, self);
          break;
        }
    }
  return G_SOURCE_REMOVE;
}

static void
first_paint_cb (GdkFrameClock *clock,
                DtWindow      *self)
{
  /* The overview's first frame shows what needs attention; the rest of the page comes in the
   * frames after it (dt_overview_page_is_complete ()): those frames first. */
  if (dt_overview_page_is_completing (self->overview_page))
    return;
  g_clear_signal_handler (&self->paint_id, clock);
  /* Nothing done here but starting a thread: other handlers of the same frame would wait.
   * The lists of the register and of follow-up take longest to read (some 8 and 50 ms at
   * 100,000 petitions): read on the other processor while this one makes the pages. */
  if (self->intake_page == NULL)
    dt_register_view_read_ahead (self->context);
  if (self->followup_page == NULL)
    dt_followup_page_read_ahead (self->context);
  if (self->build_id == 0)
    self->build_id = dt_context_add_idle (self->context, build_next_page_cb, self);
}

static void
dt_window_map (GtkWidget *widget)
{
  DtWindow *self = DT_WINDOW (widget);
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (dt_window_parent_class)->map (widget);

  if (self->paint_id == 0 && self->build_id == 0 && (clock = gtk_widget_get_frame_clock (widget)))
    self->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (first_paint_cb), self);
}

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

/* win.reports: the report dialog with the current quarter; win.report-for ("2025-H1"): with
 * that period, as the overview's "reports due" asks. */
static void
reports_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);
  DtPeriod period;

  if (parameter != NULL && dt_period_parse (g_variant_get_string (parameter, NULL), &period, NULL))
    dt_report_dialog_show (GTK_WINDOW (self), self->database, &period);
  else
    dt_report_dialog_show (GTK_WINDOW (self), self->database, NULL);
}

/* The forms of the tab she leaves are saved, or kept as drafts (never lost silently). */
static void
leave_page (DtWindow   *self,
            const char *name)
{
  if (g_strcmp0 (name, "plans") == 0 && self->plans_page != NULL)
    dt_plans_page_leave (self->plans_page);
  else if (g_strcmp0 (name, "sessions") == 0 && self->sessions_page != NULL)
    dt_sessions_page_leave (self->sessions_page);
}

static void
stack_visible_child_cb (DtWindow   *self,
                        GParamSpec *pspec,
                        GtkStack   *stack)
{
  const char *name = gtk_stack_get_visible_child_name (stack);

  ensure_page (self, name);
  leave_page (self, self->last_page);
  g_free (self->last_page);
  self->last_page = g_strdup (name);
  /* The overview follows the database and the clock itself, and computes again when it is
   * shown only if something changed meanwhile. */
}

static void
show_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "sessions");
  dt_sessions_page_show_session (DT_SESSIONS_PAGE (ensure_page (self, "sessions")), g_variant_get_string (parameter, NULL),
                                 NULL);
}

static void
show_plan_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "plans");
  dt_plans_page_show_plan (DT_PLANS_PAGE (ensure_page (self, "plans")), g_variant_get_string (parameter, NULL));
}

static void
show_followup_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  const char *agency;
  gboolean overdue;

  g_variant_get (parameter, "(&sb)", &agency, &overdue);
  _dt_window_show_followup (DT_WINDOW (widget), agency, overdue);
}

static void
print_document_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  const char *kind, *code;

  g_variant_get (parameter, "(&s&s)", &kind, &code);
  _dt_window_print_document (DT_WINDOW (widget), kind, code);
}

static void
open_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  const char *kind, *period;

  g_variant_get (parameter, "(&s&s)", &kind, &period);
  _dt_window_open_report (DT_WINDOW (widget), kind, period);
}

static void
settings_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);
  GtkWindow *settings = dt_settings_window_new (GTK_WINDOW (self), self->context);

  gtk_window_present (settings);
}

static void
first_run_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);
  GtkWindow *assistant = dt_first_run_new (GTK_WINDOW (self), self->context);

  gtk_window_present (assistant);
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);

  leave_page (self, self->last_page);
  dt_application_backup (DT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                         GTK_WINDOW (self), self->database);
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);

  leave_page (self, self->last_page);
  dt_restore_dialog_show (gtk_window_get_application (GTK_WINDOW (self)), GTK_WINDOW (self),
                          dt_database_get_path (self->database));
}

static void
active_cb (DtWindow   *self,
           GParamSpec *pspec,
           gpointer    user_data)
{
  /* Back to the window: another program may have written meanwhile, or the day changed. */
  if (gtk_window_is_active (GTK_WINDOW (self)) && self->context != NULL)
    dt_context_check_external (self->context);
}

static void
fill_recent (DtWindow *self)
{
  g_auto(GStrv) recent = NULL;
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  g_menu_remove_all (self->recent_menu);
  if (!DT_IS_APPLICATION (application))
    return;
  recent = dt_application_get_recent (DT_APPLICATION (application));
  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target (item, "app.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);
    }
}

/* GTK's own words in the shortcuts window that its Vietnamese catalogue lacks: said in ours. */
static void
translate_overlay_widgets (GtkWidget *widget)
{
  const struct { const char *gtk; const char *ours; } words[] = {
    { "Shortcuts", N_("Keyboard Shortcuts") },
    { "Search Shortcuts", N_("Search Shortcuts") },
    { "Search Results", N_("Search Results") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      const char *theirs = g_dgettext ("gtk40", words[i].gtk);

      if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), theirs) == 0)
        gtk_label_set_label (GTK_LABEL (widget), _(words[i].ours));
      else if (GTK_IS_SEARCH_ENTRY (widget))
        {
          g_autofree char *placeholder = NULL;

          g_object_get (widget, "placeholder-text", &placeholder, NULL);
          if (g_strcmp0 (placeholder, theirs) == 0)
            g_object_set (widget, "placeholder-text", _(words[i].ours), NULL);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    translate_overlay_widgets (child);
}

/* win.show-help-overlay (F1, Ctrl+?): the shortcuts window, made the first time it is asked
 * for. It is not GTK's automatic gtk/help-overlay.ui, which every window would make at once
 * (a few hundred widgets, 6–10 ms of each start). */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *self = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (self);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/doithoai/DoiThoai/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (self, overlay);
      translate_overlay_widgets (GTK_WIDGET (overlay));
      if (gtk_window_get_titlebar (GTK_WINDOW (overlay)) != NULL)
        translate_overlay_widgets (gtk_window_get_titlebar (GTK_WINDOW (overlay)));
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
open_petition_cb (DtWindow *self,
                  gint64    id)
{
  gtk_stack_set_visible_child_name (self->stack, "intake");
  dt_intake_page_open_petition (DT_INTAKE_PAGE (ensure_page (self, "intake")), id);
}

/* Back in the window: whatever the console program wrote meanwhile shows at once. */
static gboolean
dt_window_close_request (GtkWindow *window)
{
  DtWindow *self = DT_WINDOW (window);

  leave_page (self, self->last_page);
  save_size (self);

  return GTK_WINDOW_CLASS (dt_window_parent_class)->close_request (window);
}

static void
dt_window_constructed (GObject *object)
{
  DtWindow *self = (DtWindow *) object;

  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (dt_window_parent_class)->constructed (object);

  restore_size (self);

  if (self->context == NULL)
    self->context = dt_context_new (self->database, self->settings);
  dt_overview_page_set_context (self->overview_page, self->context);
  self->last_page = g_strdup (gtk_stack_get_visible_child_name (self->stack));

  /* Which file is open, on the title bar and in the task bar. */
  name = g_path_get_basename (dt_database_get_path (self->database));
  title = g_strdup_printf ("%s — DoiThoai", name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_label (self->file_label, name);
  dt_widget_set_tooltip (GTK_WIDGET (self->file_label),
                                      dt_database_get_path (self->database));
  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_cb), NULL);
  /* A petition left unsaved by a crash or a power cut is offered back first. */
  if (dt_intake_page_drafts_waiting (self->database) &&
      dt_intake_page_has_recovered_draft (DT_INTAKE_PAGE (ensure_page (self, "intake"))))
    gtk_stack_set_visible_child_name (self->stack, "intake");

  /* Notices across the top, above the tabs: read-only, the day's backup not made. */
  {
    GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *banners = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    g_object_ref (self->stack);
    gtk_window_set_child (GTK_WINDOW (self), NULL);
    gtk_box_append (GTK_BOX (content), banners);
    gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));
    gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
    g_object_unref (self->stack);
    gtk_window_set_child (GTK_WINDOW (self), content);
    _dt_window_safety_start (self, GTK_BOX (banners));
  }
}

static void
dt_window_dispose (GObject *object)
{
  DtWindow *self = (DtWindow *) object;

  if (self->context != NULL)
    dt_context_cancel_idle (self->context, self->build_id);
  self->build_id = 0;
  if (self->paint_id != 0 && gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
    g_clear_signal_handler (&self->paint_id, gtk_widget_get_frame_clock (GTK_WIDGET (self)));
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
  g_clear_pointer (&self->last_page, g_free);

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

    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
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
  widget_class->map = dt_window_map;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         DT_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Where the window keeps its size; none, and it opens at the default size. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* What the pages share, made before the window (dt_window_new ()); one of the database
   * and the settings when none is given. */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         DT_TYPE_CONTEXT,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DT_TYPE_FOLLOWUP_PAGE);
  g_type_ensure (DT_TYPE_INTAKE_PAGE);
  g_type_ensure (DT_TYPE_OVERVIEW_PAGE);
  g_type_ensure (DT_TYPE_PLACEHOLDER_PAGE);
  g_type_ensure (DT_TYPE_PLANS_PAGE);
  g_type_ensure (DT_TYPE_SESSIONS_PAGE);
  g_type_ensure (DT_TYPE_TAB_SWITCHER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/doithoai/DoiThoai/dt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DtWindow, file_label);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, stack_visible_child_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.reports", NULL, reports_action);
  gtk_widget_class_install_action (widget_class, "win.report-for", "s", reports_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reports",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "win.show-session", "s", show_session_action);
  gtk_widget_class_install_action (widget_class, "win.show-plan", "s", show_plan_action);
  gtk_widget_class_install_action (widget_class, "win.show-followup", "(sb)",
                                   show_followup_action);
  gtk_widget_class_install_action (widget_class, "win.print-document", "(ss)",
                                   print_document_action);
  gtk_widget_class_install_action (widget_class, "win.open-report", "(ss)", open_report_action);
  gtk_widget_class_install_action (widget_class, "win.settings", NULL, settings_action);
  gtk_widget_class_install_action (widget_class, "win.first-run", NULL, first_run_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   restore_backup_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.settings", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                           "win.show-page", "s", page_names[i]);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_CONTROL_MASK,
                                           "win.show-page", "s", page_names[i]);
    }
}

/* The main menu's popover is made when it is first opened (a click, F10), not with the
 * window: some 3 ms of its start. */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  DtWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
dt_window_init (DtWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu_cb, self, NULL);
  dt_widget_set_tooltip (GTK_WIDGET (self->menu_button), _("Main Menu"));
}

DtWindow *
dt_window_new (DtApplication *application,
               DtDatabase    *database)
{
  g_autoptr(DtContext) context = NULL;
  DtWindow *self;

  g_return_val_if_fail (DT_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DT_IS_DATABASE (database), NULL);

  /* The overview's first computation begins before the window is made: on the other
   * processor it is done by the time the window is laid out, which waits for it. */
  context = dt_context_new (database, dt_application_get_settings (application));
  dt_overview_page_read_ahead (context);
  self = g_object_new (DT_TYPE_WINDOW,
                       "application", application,
                       "database", database,
                       "settings", dt_application_get_settings (application),
                       "context", context,
                       NULL);
  fill_recent (self);
  return self;
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

DtContext *
_dt_window_get_context (DtWindow *self)
{
  g_return_val_if_fail (DT_IS_WINDOW (self), NULL);

  return self->context;
}

/* The page of the tab NAME, made now if it was not yet. */
GtkWidget *
_dt_window_get_page (DtWindow   *self,
                     const char *name)
{
  g_return_val_if_fail (DT_IS_WINDOW (self), NULL);

  return ensure_page (self, name);
}

/* KIND ("notice", "minutes", "conclusion", "plan", "transfer", "reminder") of the record
 * CODE (a session's or plan's code, a petition's code, an agency's name), through the print
 * dialog: its preview and "Print to File" on Linux, the native dialog on Windows. */
void
_dt_window_print_document (DtWindow   *self,
                           const char *kind,
                           const char *code)
{
  g_autoptr(DtDocumentRequest) request = NULL;
  DtDocumentKind document_kind;

  g_return_if_fail (DT_IS_WINDOW (self));
  g_return_if_fail (code != NULL);

  if (!dt_document_kind_from_name (kind, &document_kind))
    g_return_if_reached ();
  request = dt_document_request_new (document_kind);
  switch (document_kind)
    {
    case DT_DOCUMENT_TRANSFER:
      request->petitions = g_new0 (char *, 2);
      request->petitions[0] = g_strdup (code);
      break;
    case DT_DOCUMENT_REMINDER:
      request->agency = g_strdup (code);
      break;
    case DT_DOCUMENT_PLAN:
      request->plan = g_strdup (code);
      break;
    case DT_DOCUMENT_NOTICE:
    case DT_DOCUMENT_MINUTES:
    case DT_DOCUMENT_CONCLUSION:
    case DT_N_DOCUMENT_KINDS:
    default:
      request->session = g_strdup (code);
      break;
    }
  dt_print_document (GTK_WINDOW (self), self->database, request, DT_PRINT_ACTION_PRINT);
}

/* The report dialog, filled in with PERIOD ("2025-H1"), as the overview's "reports due"
 * asks; KIND is the period's kind, which PERIOD already says. */
void
_dt_window_open_report (DtWindow   *self,
                        const char *kind,
                        const char *period)
{
  DtPeriod parsed;

  g_return_if_fail (DT_IS_WINDOW (self));

  if (period != NULL && dt_period_parse (period, &parsed, NULL))
    dt_report_dialog_show (GTK_WINDOW (self), self->database, &parsed);
  else
    dt_report_dialog_show (GTK_WINDOW (self), self->database, NULL);
}

void
_dt_window_show_followup (DtWindow   *self,
                          const char *agency,
                          gboolean    overdue)
{
  g_return_if_fail (DT_IS_WINDOW (self));

  g_debug ("Follow-up of %s (%s)", *agency != '\0' ? agency : "no agency",
           overdue ? "overdue" : "due soon");
  gtk_stack_set_visible_child_name (self->stack, "followup");
}
