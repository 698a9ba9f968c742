/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-sessions-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-conclusion-form.h"
#include "dt-dialogs.h"
#include "dt-error.h"
#include "dt-form.h"
#include "dt-minutes-form.h"
#include "dt-session-form.h"
#include "dt-sessions-page.h"
#include "dt-sessions.h"
#include "dt-util.h"

struct _DtSessionsPage
{
  GtkWidget   parent_instance;

  DtContext  *context;
  gulong      changed_id;
  guint       refreshing;
  int         year;
  GArray     *years;
  gboolean    stale;
  char       *code;

  GtkWidget  *box;
  GtkWidget  *year_drop_down;
  GtkWidget  *list;
  GtkWidget  *list_empty;
  GtkWidget  *stack;
  GtkWidget  *title;
  GtkWidget  *status;
  GtkWidget  *dues;
  GtkWidget  *steps;
  GtkWidget  *session_form;
  GtkWidget  *minutes_form;
  GtkWidget  *conclusion_form;
  GtkWidget  *scroller;
};

G_DEFINE_FINAL_TYPE (DtSessionsPage, dt_sessions_page, GTK_TYPE_WIDGET)

static DtDatabase *
database (DtSessionsPage *self)
{
  return dt_context_get_database (self->context);
}

static int
this_year (DtSessionsPage *self)
{
  GDate today;

  dt_context_get_today (self->context, &today);
  return g_date_get_year (&today);
}

/* ------------------------------------------------------------------------------------------
 * The list
 * ------------------------------------------------------------------------------------------ */

static GtkWidget *
flag (const char *text,
      const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
session_row_new (DtSessionsPage      *self,
                 const DtSessionInfo *info)
{
  const DtSession *session = info->session;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *date = dt_date_to_display (session->date);
  g_autofree char *title = g_strdup_printf ("%s · %s", date, session->code);
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  g_autoptr(GString) flags = g_string_new (NULL);
  GtkWidget *label;

  subtitle = g_strdup_printf ("%s · %s", dt_choice_label (DT_RECORD_SESSION, "kind", session->kind),
                              dt_choice_label (DT_RECORD_SESSION, "status", session->status));
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), dt_row_subtitle_new (subtitle));

  if (g_strcmp0 (session->status, "planned") == 0)
    {
      g_autofree char *due = dt_date_format_display (&info->notice_due);
      g_autofree char *text = NULL;

      if (session->notice_date != NULL)
        text = info->notice_late ? g_strdup (_("Notice out late")) : NULL;
      else
        text = g_strdup_printf (info->notice_late ? _("Notice late: was due %s")
                                                  : _("Notice due %s"), due);
      if (text != NULL)
        {
          GDate today;
          const char *css;

          /* Amber only when it comes soon; further off, it is only a date to know. */
          dt_context_get_today (self->context, &today);
          css = info->notice_late ? "dt-late"
                : g_date_days_between (&today, &info->notice_due) <= 14 ? "dt-due" : "dim-label";
          gtk_box_append (GTK_BOX (box), flag (text, css));
          g_string_append_printf (flags, ". %s", text);
        }
    }
  else if (g_strcmp0 (session->status, "held") == 0 && session->conclusion_date == NULL)
    {
      g_autofree char *due = dt_date_format_display (&info->conclusion_due);
      g_autofree char *text = g_strdup_printf (info->conclusion_late
                                               ? _("Conclusion late: was due %s")
                                               : _("Conclusion due %s"), due);

      gtk_box_append (GTK_BOX (box), flag (text, info->conclusion_late ? "dt-late" : "dt-due"));
      g_string_append_printf (flags, ". %s", text);
    }
  else if (g_strcmp0 (session->status, "held") == 0 && info->conclusion_late)
    {
      gtk_box_append (GTK_BOX (box), flag (_("Conclusion out late"), "dt-late"));
      g_string_append_printf (flags, ". %s", _("Conclusion out late"));
    }

  accessible = g_strdup_printf ("%s, %s%s", title, subtitle, flags->str);
  return dt_record_row_new (session->code, box, accessible);
}

static void
fill_years (DtSessionsPage *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GArray) years = dt_session_years (database (self), NULL);
  int current = this_year (self);
  guint selected = 0;

  /* This year always, and the one on show, among those that have sessions; newest first. */
  g_array_set_size (self->years, 0);
  for (guint i = 0; years != NULL && i < years->len; i++)
    g_array_append_val (self->years, g_array_index (years, int, i));
  for (guint k = 0; k < 2; k++)
    {
      int wanted = k == 0 ? current : self->year;
      guint at = 0;
      gboolean found = FALSE;

      for (guint i = 0; i < self->years->len; i++)
        {
          if (g_array_index (self->years, int, i) == wanted)
            found = TRUE;
          if (g_array_index (self->years, int, i) > wanted)
            at = i + 1;
        }
      if (!found)
        g_array_insert_val (self->years, at, wanted);
    }
  for (guint i = 0; i < self->years->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", g_array_index (self->years, int, i));

      gtk_string_list_append (model, text);
      if (g_array_index (self->years, int, i) == self->year)
        selected = i;
    }
  self->refreshing++;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->year_drop_down), G_LIST_MODEL (model));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->year_drop_down), selected);
  self->refreshing--;
}

static void
refresh (DtSessionsPage *self)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  GDate today;

  dt_context_get_today (self->context, &today);
  self->refreshing++;
  fill_years (self);
  while ((row = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), row);
  if (!(infos = dt_session_infos (database (self), self->year, &today, &error)))
    g_warning ("Cannot list the sessions: %s", error->message);
  for (guint i = 0; infos != NULL && i < infos->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list),
                         session_row_new (self, g_ptr_array_index (infos, i)));
  dt_record_row_select (GTK_LIST_BOX (self->list), self->code);
  self->refreshing--;
}

/* ------------------------------------------------------------------------------------------
 * The session on show
 * ------------------------------------------------------------------------------------------ */

static void
show_header (DtSessionsPage *self)
{
  g_autoptr(DtSessionInfo) info = NULL;
  g_autofree char *title = NULL;
  g_autofree char *status = NULL;
  g_autofree char *dues = NULL;
  g_autofree char *notice_due = NULL;
  g_autofree char *conclusion_due = NULL;
  const char *state;
  gboolean planned, held, stopped;
  GDate today;

  dt_context_get_today (self->context, &today);
  if (self->code == NULL ||
      !(info = dt_session_info_load (database (self), self->code, &today, NULL)))
    {
      gtk_label_set_label (GTK_LABEL (self->title), _("New session"));
      gtk_label_set_label (GTK_LABEL (self->status), _("Fill in the session and save it; its "
                                                       "notice’s due date is worked out then."));
      gtk_label_set_label (GTK_LABEL (self->dues), "");
      gtk_widget_set_visible (self->dues, FALSE);
      for (guint i = 0; i < 6; i++)
        {
          const char *actions[] = { "sessions.postpone", "sessions.cancel", "sessions.replan",
                                    "sessions.delete", "sessions.print", "sessions.print" };
          gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], FALSE);
        }
      return;
    }

  state = info->session->status;
  planned = g_strcmp0 (state, "planned") == 0;
  held = g_strcmp0 (state, "held") == 0;
  stopped = !planned && !held;
  title = g_strdup_printf ("%s — %s", info->session->code,
                           dt_choice_label (DT_RECORD_SESSION, "kind", info->session->kind));
  gtk_label_set_label (GTK_LABEL (self->title), title);
  if (stopped && info->session->status_reason != NULL)
    status = g_strdup_printf ("%s: %s", dt_choice_label (DT_RECORD_SESSION, "status", state),
                              info->session->status_reason);
  else
    status = g_strdup_printf (ngettext ("%s · %u opinion raised, %u still open",
                                        "%s · %u opinions raised, %u still open",
                                        info->petitions),
                              dt_choice_label (DT_RECORD_SESSION, "status", state),
                              info->petitions, info->open);
  gtk_label_set_label (GTK_LABEL (self->status), status);

  notice_due = dt_date_format_display (&info->notice_due);
  conclusion_due = dt_date_format_display (&info->conclusion_due);
  if (stopped)
    dues = NULL;
  else if (info->session->notice_date == NULL)
    dues = g_strdup_printf (info->notice_late
                            ? _("Notice due by %s: late, none is recorded. Conclusion notice "
                                "due by %s.")
                            : _("Notice due by %s. Conclusion notice due by %s."),
                            notice_due, conclusion_due);
  else
    {
      g_autofree char *out = dt_date_to_display (info->session->notice_date);

      dues = g_strdup_printf (info->notice_late
                              ? _("Notice out on %s, after its due date %s. Conclusion notice "
                                  "due by %s.")
                              : _("Notice out on %s (due by %s). Conclusion notice due by %s."),
                              out, notice_due, conclusion_due);
    }
  gtk_label_set_label (GTK_LABEL (self->dues), dues != NULL ? dues : "");
  gtk_widget_set_visible (self->dues, dues != NULL);
  gtk_widget_remove_css_class (self->dues, "dt-late");
  if (info->notice_late || info->conclusion_late)
    gtk_widget_add_css_class (self->dues, "dt-late");

  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "sessions.postpone", planned);
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "sessions.cancel", planned);
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "sessions.replan", stopped);
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "sessions.delete", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.print", TRUE);
}

static void
leave_forms (DtSessionsPage *self)
{
  dt_session_form_leave (DT_SESSION_FORM (self->session_form));
  dt_minutes_form_leave (DT_MINUTES_FORM (self->minutes_form));
}

static gboolean
load (DtSessionsPage *self,
      const char     *code,
      const char     *step)
{
  g_autoptr(DtSession) session = NULL;
  GDate today, date;
  g_autofree char *copy = g_strdup (code);

  /* CODE may be self->code itself. */
  code = copy;
  if (!(session = dt_session_load (database (self), code, NULL)) ||
      !dt_session_form_load (DT_SESSION_FORM (self->session_form), code))
    return FALSE;
  g_free (self->code);
  self->code = g_strdup (code);
  dt_minutes_form_load (DT_MINUTES_FORM (self->minutes_form), code);
  dt_conclusion_form_load (DT_CONCLUSION_FORM (self->conclusion_form), code);
  gtk_widget_set_sensitive (self->minutes_form, TRUE);
  gtk_widget_set_sensitive (self->conclusion_form, TRUE);
  show_header (self);

  if (step == NULL)
    {
      dt_context_get_today (self->context, &today);
      if (g_strcmp0 (session->status, "held") == 0)
        step = session->conclusion_date == NULL ? "conclusion" : "minutes";
      else if (g_strcmp0 (session->status, "planned") == 0 &&
               dt_date_parse (session->date, &date) && g_date_compare (&date, &today) <= 0)
        step = "minutes";
      else
        step = "session";
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->steps), step);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "session");
  dt_scroll_to_top (GTK_SCROLLED_WINDOW (self->scroller));
  return TRUE;
}

static void
row_selected_cb (GtkListBox     *list,
                 GtkListBoxRow  *row,
                 DtSessionsPage *self)
{
  const char *code;

  if (self->refreshing > 0 || row == NULL)
    return;
  code = dt_record_row_get_code (row);
  if (g_strcmp0 (code, self->code) == 0 &&
      g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "session"))
    return;
  leave_forms (self);
  load (self, code, NULL);
}

static void
year_selected_cb (GtkDropDown    *drop_down,
                  GParamSpec     *pspec,
                  DtSessionsPage *self)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (self->refreshing > 0 || selected >= self->years->len)
    return;
  self->year = g_array_index (self->years, int, selected);
  refresh (self);
}

static void
form_saved_cb (GtkWidget      *form,
               const char     *code,
               DtSessionsPage *self)
{
  GDate date;
  g_autoptr(DtSession) session = dt_session_load (database (self), code, NULL);

  /* A new session: the list shows its year. */
  if (session != NULL && dt_date_parse (session->date, &date))
    self->year = g_date_get_year (&date);
  g_free (self->code);
  self->code = g_strdup (code);
  refresh (self);
  if (form == self->session_form)
    {
      dt_minutes_form_load (DT_MINUTES_FORM (self->minutes_form), code);
      dt_conclusion_form_load (DT_CONCLUSION_FORM (self->conclusion_form), code);
      gtk_widget_set_sensitive (self->minutes_form, TRUE);
      gtk_widget_set_sensitive (self->conclusion_form, TRUE);
    }
  else
    dt_conclusion_form_load (DT_CONCLUSION_FORM (self->conclusion_form), code);
  show_header (self);
}

static void
database_changed_cb (DtDatabase     *db,
                     DtChanges      *changes,
                     DtSessionsPage *self)
{
  if (dt_changes_is_external (changes) || dt_changes_touches (changes, "sessions") ||
      dt_changes_touches (changes, "petitions"))
    {
      /* Petitions come in fast at the intake tab: a hidden list is read again when shown. */
      if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
        {
          self->stale = TRUE;
          return;
        }
      refresh (self);
      if (self->code != NULL)
        show_header (self);
    }
}

/* ------------------------------------------------------------------------------------------
 * Actions
 * ------------------------------------------------------------------------------------------ */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DtSessionsPage *self = DT_SESSIONS_PAGE (widget);

  leave_forms (self);
  g_clear_pointer (&self->code, g_free);
  gtk_list_box_unselect_all (GTK_LIST_BOX (self->list));
  dt_session_form_load_new (DT_SESSION_FORM (self->session_form), NULL);
  gtk_widget_set_sensitive (self->minutes_form, FALSE);
  gtk_widget_set_sensitive (self->conclusion_form, FALSE);
  show_header (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->steps), "session");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "session");
}

typedef struct
{
  DtSessionsPage *self;
  char           *status;
} StatusChange;

static void
reason_cb (const char *text,
           gpointer    user_data)
{
  StatusChange *change = user_data;
  g_autoptr(GError) error = NULL;

  if (text != NULL && change->self->code != NULL &&
      !dt_session_set_status (database (change->self), change->self->code, change->status, text,
                              &error))
    dt_show_message (GTK_WIDGET (change->self), _("The session was not changed"),
                     error->message);
  else if (text != NULL)
    load (change->self, change->self->code, "session");
  g_object_unref (change->self);
  g_free (change->status);
  g_free (change);
}

static void
ask_reason (DtSessionsPage *self,
            const char     *status)
{
  StatusChange *change = g_new0 (StatusChange, 1);
  g_autofree char *heading = NULL;
  gboolean postpone = g_str_equal (status, "postponed");

  dt_session_form_leave (DT_SESSION_FORM (self->session_form));
  change->self = g_object_ref (self);
  change->status = g_strdup (status);
  heading = g_strdup_printf (postpone ? _("Postpone session %s?") : _("Cancel session %s?"),
                             self->code);
  dt_ask_text (GTK_WIDGET (self), heading,
               postpone ? _("The session stays in the plan, marked postponed. Schedule it again "
                            "when its new date is known.")
                        : _("The session stays on record, marked cancelled, with the reason."),
               _("_Reason"), NULL, postpone ? _("_Postpone") : _("Cancel _Session"), reason_cb,
               change);
}

static void
postpone_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ask_reason (DT_SESSIONS_PAGE (widget), "postponed");
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ask_reason (DT_SESSIONS_PAGE (widget), "cancelled");
}

static void
replan_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtSessionsPage *self = DT_SESSIONS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->code == NULL)
    return;
  if (!dt_session_set_status (database (self), self->code, "planned", NULL, &error))
    dt_show_message (widget, _("The session was not changed"), error->message);
  else
    load (self, self->code, "session");
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DtSessionsPage *self = DT_SESSIONS_PAGE (widget);

  if (self->code == NULL)
    return;
  leave_forms (self);
  gtk_widget_activate_action (widget, "win.print-document", "(ss)",
                              g_variant_get_string (parameter, NULL), self->code);
}

/* Deleting: without petitions, a question; with them, what becomes of them. */
typedef struct
{
  DtSessionsPage *self;
  GtkWidget      *window;
  GtkWidget      *target;
  GPtrArray      *targets;
} DeleteDialog;

static void
delete_dialog_free (DeleteDialog *dialog)
{
  g_object_unref (dialog->self);
  g_ptr_array_unref (dialog->targets);
  g_free (dialog);
}

static void
deleted (DtSessionsPage *self)
{
  g_clear_pointer (&self->code, g_free);
  refresh (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

static void
delete_with (DeleteDialog       *dialog,
             DtSessionPetitions  what)
{
  DtSessionsPage *self = dialog->self;
  g_autoptr(GError) error = NULL;
  const char *target = NULL;

  if (what == DT_SESSION_PETITIONS_MOVE)
    {
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dialog->target));

      if (selected < dialog->targets->len)
        target = g_ptr_array_index (dialog->targets, selected);
    }
  if (!dt_session_delete_full (database (self), self->code, what, target, &error))
    dt_show_message (GTK_WIDGET (self), _("The session was not deleted"), error->message);
  else
    deleted (self);
  gtk_window_destroy (GTK_WINDOW (dialog->window));
}

static void
move_clicked_cb (GtkButton    *button,
                 DeleteDialog *dialog)
{
  delete_with (dialog, DT_SESSION_PETITIONS_MOVE);
}

static void
delete_all_clicked_cb (GtkButton    *button,
                       DeleteDialog *dialog)
{
  delete_with (dialog, DT_SESSION_PETITIONS_DELETE);
}

static void
delete_answer_cb (int      response,
                  gpointer user_data)
{
  g_autoptr(DtSessionsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->code == NULL)
    return;
  if (!dt_session_delete_full (database (self), self->code, DT_SESSION_PETITIONS_REFUSE, NULL,
                               &error))
    dt_show_message (GTK_WIDGET (self), _("The session was not deleted"), error->message);
  else
    deleted (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtSessionsPage *self = DT_SESSIONS_PAGE (widget);
  g_auto(GStrv) petitions = NULL;
  g_auto(GStrv) codes = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GtkStringList) model = NULL;
  GtkWidget *window, *box, *label, *target_label, *buttons, *button;
  DeleteDialog *dialog;
  guint n;

  if (self->code == NULL)
    return;
  petitions = dt_session_petition_codes (database (self), self->code, NULL);
  n = petitions != NULL ? g_strv_length (petitions) : 0;
  heading = g_strdup_printf (_("Delete session %s?"), self->code);
  if (n == 0)
    {
      dt_ask (widget, heading, _("No opinion was recorded at it. The deletion is written to the "
                                 "audit log."),
              _("_Cancel"), NULL, _("_Delete"), TRUE, delete_answer_cb, g_object_ref (self));
      return;
    }

  dialog = g_new0 (DeleteDialog, 1);
  dialog->self = g_object_ref (self);
  dialog->targets = g_ptr_array_new_with_free_func (g_free);
  model = gtk_string_list_new (NULL);
  codes = dt_session_list_codes (database (self), NULL);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (!g_str_equal (codes[i], self->code))
      {
        g_ptr_array_add (dialog->targets, g_strdup (codes[i]));
        gtk_string_list_append (model, codes[i]);
      }

  window = gtk_window_new ();
  dialog->window = window;
  g_object_set_data_full (G_OBJECT (window), "dt-dialog", dialog,
                          (GDestroyNotify) delete_dialog_free);
  gtk_widget_set_name (window, "delete-session-dialog");
  gtk_window_set_title (GTK_WINDOW (window), heading);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (window), FALSE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (widget)));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 18);
  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-3");
  gtk_box_append (GTK_BOX (box), label);
  body = g_strdup_printf (ngettext ("%u opinion was recorded at this session. A petition is "
                                    "never left without its session: move it to another "
                                    "session, or delete it with this one.",
                                    "%u opinions were recorded at this session. A petition is "
                                    "never left without its session: move them to another "
                                    "session, or delete them with this one.", n), n);
  label = gtk_label_new (body);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 52);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  target_label = gtk_label_new_with_mnemonic (_("Move them _to"));
  gtk_label_set_xalign (GTK_LABEL (target_label), 0);
  dialog->target = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&model)), NULL);
  gtk_widget_set_name (dialog->target, "delete-session-target");
  dt_widget_set_label_widget (dialog->target, target_label);
  gtk_box_append (GTK_BOX (box), target_label);
  gtk_box_append (GTK_BOX (box), dialog->target);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  button = dt_button_new (_("_Cancel"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (gtk_window_destroy), window);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_window_set_default_widget (GTK_WINDOW (window), button);
  button = dt_button_new (_("Delete _Them Too"));
  gtk_widget_set_name (button, "delete-session-all");
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect (button, "clicked", G_CALLBACK (delete_all_clicked_cb), dialog);
  gtk_box_append (GTK_BOX (buttons), button);
  button = dt_button_new (_("_Move and Delete"));
  gtk_widget_set_name (button, "delete-session-move");
  gtk_widget_set_sensitive (button, dialog->targets->len > 0);
  gtk_widget_set_sensitive (dialog->target, dialog->targets->len > 0);
  g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), dialog);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

/* ------------------------------------------------------------------------------------------
 * Building
 * ------------------------------------------------------------------------------------------ */

static GtkWidget *
build_sidebar (DtSessionsPage *self)
{
  GtkWidget *sidebar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new_with_mnemonic (_("_Year"));
  GtkWidget *new_button = dt_button_new (_("_New Session"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *heading = gtk_label_new (_("Sessions"));

  gtk_widget_set_size_request (sidebar, 260, -1);
  /* The list keeps its width; the session takes the rest. */
  gtk_widget_set_hexpand (sidebar, FALSE);
  gtk_widget_add_css_class (sidebar, "dt-sidebar");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  self->year_drop_down = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_name (self->year_drop_down, "sessions-year");
  dt_widget_set_label_widget (self->year_drop_down, title);
  g_signal_connect (self->year_drop_down, "notify::selected", G_CALLBACK (year_selected_cb),
                    self);
  gtk_widget_set_hexpand (self->year_drop_down, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_button), "sessions.new");
  gtk_widget_set_name (new_button, "sessions-new");
  gtk_widget_set_halign (new_button, GTK_ALIGN_END);
  gtk_widget_set_hexpand (new_button, TRUE);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), self->year_drop_down);
  gtk_box_append (GTK_BOX (header), new_button);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 12);
  gtk_box_append (GTK_BOX (sidebar), header);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_visible (heading, FALSE);
  gtk_box_append (GTK_BOX (sidebar), heading);
  self->list = gtk_list_box_new ();
  gtk_widget_set_name (self->list, "sessions-list");
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (row_selected_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (sidebar), scroller);
  self->list_empty = gtk_label_new (_("No session this year yet."));
  gtk_label_set_wrap (GTK_LABEL (self->list_empty), TRUE);
  gtk_widget_add_css_class (self->list_empty, "dim-label");
  gtk_widget_set_margin_top (self->list_empty, 24);
  gtk_widget_set_margin_start (self->list_empty, 12);
  gtk_widget_set_margin_end (self->list_empty, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), self->list_empty);
  return sidebar;
}

static GtkWidget *
action_button (const char *label,
               const char *action,
               const char *target,
               const char *name)
{
  GtkWidget *button = dt_button_new (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_widget_set_name (button, name);
  return button;
}

static GtkWidget *
build_session_view (DtSessionsPage *self)
{
  GtkWidget *page, *top, *actions, *switcher, *print_box, *print_button;
  GMenu *print_menu;

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_start (page, 24);
  gtk_widget_set_margin_end (page, 24);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 24);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), page);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_widget_set_name (self->title, "session-title");
  gtk_widget_add_css_class (self->title, "title-2");
  gtk_box_append (GTK_BOX (top), self->title);

  print_menu = g_menu_new ();
  g_menu_append (print_menu, _("Session _Notice"), "sessions.print::notice");
  g_menu_append (print_menu, _("_Minutes"), "sessions.print::minutes");
  g_menu_append (print_menu, _("_Conclusion Notice"), "sessions.print::conclusion");
  print_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (print_button), _("_Print"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (print_button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (print_button), G_MENU_MODEL (print_menu));
  gtk_widget_set_name (print_button, "session-print");
  gtk_accessible_update_property (GTK_ACCESSIBLE (print_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Print"), -1);
  dt_button_fix_name (print_button);
  g_object_unref (print_menu);
  print_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (print_box), print_button);
  gtk_box_append (GTK_BOX (top), print_box);
  gtk_box_append (GTK_BOX (page), top);

  self->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->status), 60);
  gtk_widget_set_name (self->status, "session-status");
  gtk_widget_add_css_class (self->status, "dim-label");
  gtk_box_append (GTK_BOX (page), self->status);
  self->dues = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->dues), 0);
  gtk_label_set_wrap (GTK_LABEL (self->dues), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->dues), 60);
  gtk_widget_set_name (self->dues, "session-dues");
  gtk_box_append (GTK_BOX (page), self->dues);

  actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (actions), action_button (_("P_ostpone…"), "sessions.postpone", NULL,
                                                    "session-postpone"));
  gtk_box_append (GTK_BOX (actions), action_button (_("_Cancel Session…"), "sessions.cancel",
                                                    NULL, "session-cancel"));
  gtk_box_append (GTK_BOX (actions), action_button (_("Schedule _Again"), "sessions.replan",
                                                    NULL, "session-replan"));
  gtk_box_append (GTK_BOX (actions), action_button (_("_Delete…"), "sessions.delete", NULL,
                                                    "session-delete"));
  gtk_box_append (GTK_BOX (page), actions);

  self->steps = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->steps), GTK_STACK_TRANSITION_TYPE_NONE);
  /* Only the step on show counts: with heights apart, GTK would size the others for their
   * smallest height, every wrapped line unwrapped. */
  gtk_stack_set_vhomogeneous (GTK_STACK (self->steps), FALSE);
  gtk_stack_set_hhomogeneous (GTK_STACK (self->steps), FALSE);
  switcher = gtk_stack_switcher_new ();
  gtk_widget_set_halign (switcher, GTK_ALIGN_START);
  gtk_widget_set_margin_top (switcher, 12);
  gtk_widget_set_margin_bottom (switcher, 6);
  gtk_widget_set_name (switcher, "session-steps");
  /* Read as what it is, not as its type. */
  dt_widget_set_label (switcher, _("Steps of the session"));
  gtk_box_append (GTK_BOX (page), switcher);
  gtk_box_append (GTK_BOX (page), self->steps);

  self->session_form = dt_session_form_new ();
  self->minutes_form = dt_minutes_form_new ();
  self->conclusion_form = dt_conclusion_form_new ();
  g_signal_connect (self->session_form, "saved", G_CALLBACK (form_saved_cb), self);
  g_signal_connect (self->minutes_form, "saved", G_CALLBACK (form_saved_cb), self);
  g_signal_connect (self->conclusion_form, "issued", G_CALLBACK (form_saved_cb), self);
  gtk_stack_add_titled (GTK_STACK (self->steps), self->session_form, "session",
                        _("1. Session and Notice"));
  gtk_stack_add_titled (GTK_STACK (self->steps), self->minutes_form, "minutes",
                        _("2. Minutes and Opinions"));
  gtk_stack_add_titled (GTK_STACK (self->steps), self->conclusion_form, "conclusion",
                        _("3. Conclusion"));
  /* Given its stack once the steps are in it: GTK 4.8's switcher makes all of its buttons
   * again for each page added, and sets a tooltip on each, a round trip to the X server
   * apiece (dt_widget_set_tooltip () says why). */
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (self->steps));
  return self->scroller;
}

static GtkWidget *
build_empty (DtSessionsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dt-sessions-symbolic");
  GtkWidget *title = gtk_label_new (_("Choose a session, or schedule one"));
  GtkWidget *text = gtk_label_new (_("Each session has its notice, posted at least the plan’s "
                                     "lead days before; its minutes with the opinions raised; "
                                     "and its conclusion notice, which assigns what is still "
                                     "open within the days the rules allow."));
  GtkWidget *button = dt_button_new (_("Schedule a _Session"));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 36);
  gtk_widget_set_margin_end (box, 36);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 96);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 56);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "sessions.new");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static void
dt_sessions_page_map (GtkWidget *widget)
{
  DtSessionsPage *self = DT_SESSIONS_PAGE (widget);

  GTK_WIDGET_CLASS (dt_sessions_page_parent_class)->map (widget);

  if (self->stale && self->context != NULL)
    {
      self->stale = FALSE;
      refresh (self);
      if (self->code != NULL)
        {
          dt_minutes_form_load (DT_MINUTES_FORM (self->minutes_form), self->code);
          dt_conclusion_form_load (DT_CONCLUSION_FORM (self->conclusion_form), self->code);
          show_header (self);
        }
    }
}

static void
dt_sessions_page_dispose (GObject *object)
{
  DtSessionsPage *self = (DtSessionsPage *) object;

  if (self->context != NULL)
    g_clear_signal_handler (&self->changed_id, database (self));
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (dt_sessions_page_parent_class)->dispose (object);
}

static void
dt_sessions_page_finalize (GObject *object)
{
  DtSessionsPage *self = (DtSessionsPage *) object;

  g_free (self->code);
  g_array_unref (self->years);

  G_OBJECT_CLASS (dt_sessions_page_parent_class)->finalize (object);
}

static void
dt_sessions_page_class_init (DtSessionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_sessions_page_dispose;
  object_class->finalize = dt_sessions_page_finalize;

  widget_class->map = dt_sessions_page_map;

  gtk_widget_class_install_action (widget_class, "sessions.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "sessions.postpone", NULL, postpone_action);
  gtk_widget_class_install_action (widget_class, "sessions.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "sessions.replan", NULL, replan_action);
  gtk_widget_class_install_action (widget_class, "sessions.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "sessions.print", "s", print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "sessions.new", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dt_sessions_page_init (DtSessionsPage *self)
{
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (self->box), build_sidebar (self));
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  self->stack = gtk_stack_new ();
  gtk_widget_set_hexpand (self->stack, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), build_empty (self), "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), build_session_view (self), "session");
  gtk_box_append (GTK_BOX (self->box), self->stack);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

void
dt_sessions_page_set_context (DtSessionsPage *self,
                              DtContext      *context)
{
  g_return_if_fail (DT_IS_SESSIONS_PAGE (self));
  g_return_if_fail (DT_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  self->year = this_year (self);
  dt_session_form_set_context (DT_SESSION_FORM (self->session_form), context);
  dt_minutes_form_set_context (DT_MINUTES_FORM (self->minutes_form), context);
  dt_conclusion_form_set_context (DT_CONCLUSION_FORM (self->conclusion_form), context);
  if (dt_context_get_read_only (context))
    {
      /* A read-only file: the forms show, nothing in them can be changed. */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.new", FALSE);
      gtk_widget_set_sensitive (self->session_form, FALSE);
      gtk_widget_set_sensitive (self->minutes_form, FALSE);
      gtk_widget_set_sensitive (self->conclusion_form, FALSE);
    }
  self->changed_id = g_signal_connect (database (self), "changed",
                                       G_CALLBACK (database_changed_cb), self);
  refresh (self);
}

gboolean
dt_sessions_page_show_session (DtSessionsPage *self,
                               const char     *code,
                               const char     *step)
{
  g_autoptr(DtSession) session = NULL;
  GtkListBoxRow *row;
  GDate date;

  g_return_val_if_fail (DT_IS_SESSIONS_PAGE (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!(session = dt_session_load (database (self), code, NULL)))
    return FALSE;
  leave_forms (self);
  if (dt_date_parse (session->date, &date) && (int) g_date_get_year (&date) != self->year)
    {
      self->year = g_date_get_year (&date);
      refresh (self);
    }
  if (!load (self, code, step))
    return FALSE;
  self->refreshing++;
  if ((row = dt_record_row_find (GTK_LIST_BOX (self->list), code)) != NULL)
    gtk_list_box_select_row (GTK_LIST_BOX (self->list), row);
  self->refreshing--;
  return TRUE;
}

const char *
dt_sessions_page_get_session (DtSessionsPage *self)
{
  g_return_val_if_fail (DT_IS_SESSIONS_PAGE (self), NULL);

  return self->code;
}

const char *
dt_sessions_page_get_step (DtSessionsPage *self)
{
  g_return_val_if_fail (DT_IS_SESSIONS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (self->steps));
}

void
dt_sessions_page_leave (DtSessionsPage *self)
{
  g_return_if_fail (DT_IS_SESSIONS_PAGE (self));

  if (self->context != NULL)
    leave_forms (self);
}

guint
dt_sessions_page_get_n_rows (DtSessionsPage *self)
{
  guint n = 0;

  g_return_val_if_fail (DT_IS_SESSIONS_PAGE (self), 0);

  for (GtkWidget *row = gtk_widget_get_first_child (self->list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}
