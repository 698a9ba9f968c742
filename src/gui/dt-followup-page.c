/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-followup-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-followup.h"
#include "dt-gui-util.h"
#include "dt-dialogs.h"
#include "dt-followup-page.h"
#include "dt-status.h"
#include "dt-util.h"

#define RELOAD_DELAY_MS 400
#define HISTORY_SHOWN   30

typedef enum
{
  SHOW_OPEN,
  SHOW_OVERDUE,
  SHOW_DUE_SOON,
  SHOW_UNASSIGNED,
  SHOW_ESCALATED,
} Show;

struct _DtFollowupPage
{
  GtkWidget        parent_instance;

  DtContext       *context;
  GPtrArray       *loads;          /* of DtAgencyLoad, as the agency drop-down lists them */
  gint64           shown_id;       /* the petition the details are of */
  guint            reload_id;
  guint            configure_id;
  guint            preload_id;
  guint            updating : 1;
  guint            configured : 1;
  guint            loads_stale : 1; /* what each agency owes is to be read again */

  /* Template widgets */
  GtkFlowBox      *actions_box;
  GtkDropDown     *agency_dropdown;
  GtkLabel        *count_label;
  GtkBox          *details;
  GtkLabel        *empty_label;
  GtkButton       *escalate_button;
  GtkLabel        *facts_label;
  GtkLabel        *history_heading;
  GtkListBox      *history_list;
  DtRegisterView  *list_view;
  GtkLabel        *message_label;
  GtkSearchEntry  *search_entry;
  GtkDropDown     *show_dropdown;
  GtkLabel        *state_label;
  GtkLabel        *summary_label;
  GtkLabel        *timeline_heading;
  GtkListBox      *timeline_list;
  GtkLabel        *title_label;
};

G_DEFINE_FINAL_TYPE (DtFollowupPage, dt_followup_page, GTK_TYPE_WIDGET)

enum {
  OPEN_PETITION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static DtDatabase *
database (DtFollowupPage *self)
{
  return dt_context_get_database (self->context);
}

static DtPetitionList *
petition_list (DtFollowupPage *self)
{
  return dt_register_view_get_list (self->list_view);
}

static char *
load_text (const char *name,
           guint       open,
           guint       overdue)
{
  g_autofree char *n_open = dt_format_count (open);
  g_autofree char *n_overdue = dt_format_count (overdue);

  if (overdue > 0)
    /* Translators: an agency in the follow-up list, e.g. "UBND xã — 12 open, 3 overdue". */
    return g_strdup_printf (_("%s — %s open, %s overdue"), name, n_open, n_overdue);
  return g_strdup_printf (_("%s — %s open"), name, n_open);
}

/* The agencies with what each owes (LOADS, taken); the one chosen stays chosen. */
static void
show_loads (DtFollowupPage *self,
            GPtrArray      *taken_loads)
{
  g_autoptr(GPtrArray) loads = taken_loads;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *chosen = NULL;
  guint total_open = 0, total_overdue = 0;
  guint selected = 0;
  guint old = gtk_drop_down_get_selected (self->agency_dropdown);

  if (self->loads != NULL && old > 0 && old <= self->loads->len)
    {
      DtAgencyLoad *load = g_ptr_array_index (self->loads, old - 1);
      chosen = g_strdup (load->agency != NULL ? load->agency : "");
    }
  self->loads_stale = FALSE;
  for (guint i = 0; i < loads->len; i++)
    {
      DtAgencyLoad *load = g_ptr_array_index (loads, i);

      total_open += load->open;
      total_overdue += load->overdue;
    }
  {
    g_autofree char *all = load_text (_("All agencies"), total_open, total_overdue);
    gtk_string_list_append (model, all);
  }
  for (guint i = 0; i < loads->len; i++)
    {
      DtAgencyLoad *load = g_ptr_array_index (loads, i);
      g_autofree char *text = NULL;

      if (load->agency == NULL)
        {
          g_autofree char *count = dt_format_count (load->open);
          text = g_strdup_printf (_("Not yet assigned — %s"), count);
        }
      else
        text = load_text (load->agency, load->open, load->overdue);
      gtk_string_list_append (model, text);
      if (chosen != NULL && g_strcmp0 (chosen, load->agency != NULL ? load->agency : "") == 0)
        selected = i + 1;
    }

  self->updating = TRUE;
  g_clear_pointer (&self->loads, g_ptr_array_unref);
  self->loads = g_steal_pointer (&loads);
  gtk_drop_down_set_model (self->agency_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->agency_dropdown, selected);
  self->updating = FALSE;
}

static void
fill_agencies (DtFollowupPage *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *loads;
  GDate today;

  if (self->context == NULL)
    return;
  dt_context_get_today (self->context, &today);
  loads = dt_followup_agency_loads (database (self), &today, DT_DUE_SOON_DAYS, &error);
  if (loads == NULL)
    {
      gtk_label_set_label (self->message_label, error->message);
      return;
    }
  show_loads (self, loads);
}

static void
update_count (DtFollowupPage *self)
{
  DtPetitionList *list = self->configured ? petition_list (self) : NULL;
  guint n = list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;
  g_autofree char *number = dt_format_count (n);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s open petition",
                                                        "%s open petitions", n), number);

  gtk_label_set_label (self->count_label, text);
  gtk_label_set_label (self->empty_label,
                       _("Nothing to follow up here: every petition shown this way has been "
                         "answered."));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n == 0);
}

/* What the tab shows first: every open petition. */
static DtPetitionFilter *
open_filter (void)
{
  DtPetitionFilter *filter = dt_petition_filter_new ();

  filter->statuses = DT_STATUSES_OPEN;
  /* A duplicate is followed through its original. */
  filter->duplicates = 0;
  return filter;
}

/* What the drop-downs ask for: the open petitions, overdue or due soon, of one agency. */
static DtPetitionFilter *
build_filter (DtFollowupPage *self)
{
  DtPetitionFilter *filter = open_filter ();
  guint agency = gtk_drop_down_get_selected (self->agency_dropdown);

  switch (gtk_drop_down_get_selected (self->show_dropdown))
    {
    case SHOW_OVERDUE:
      filter->overdue = TRUE;
      break;
    case SHOW_DUE_SOON:
      filter->due_within = DT_DUE_SOON_DAYS;
      break;
    case SHOW_UNASSIGNED:
      filter->statuses = 1u << DT_STATUS_RECEIVED;
      break;
    case SHOW_ESCALATED:
      filter->statuses = 1u << DT_STATUS_ESCALATED;
      break;
    default:
      break;
    }
  if (self->loads != NULL && agency > 0 && agency <= self->loads->len)
    {
      DtAgencyLoad *load = g_ptr_array_index (self->loads, agency - 1);

      if (load->agency != NULL)
        {
          filter->agency = g_strdup (load->agency);
          /* What an agency owes is what it was given. */
          if (filter->statuses == DT_STATUSES_OPEN)
            filter->statuses = (1u << DT_STATUS_ASSIGNED) | (1u << DT_STATUS_ESCALATED);
        }
      else
        filter->statuses = 1u << DT_STATUS_RECEIVED;
    }
  return filter;
}

static void
apply_filter (DtFollowupPage *self)
{
  g_autoptr(DtPetitionFilter) filter = NULL;
  g_autoptr(GError) error = NULL;

  if (self->updating || !self->configured || petition_list (self) == NULL)
    return;

  filter = build_filter (self);
  if (!dt_petition_list_set_filter (petition_list (self), filter, &error))
    gtk_label_set_label (self->message_label, error->message);
  dt_register_view_scroll_to_top (self->list_view);
  update_count (self);
}

static void
filter_changed_cb (DtFollowupPage *self)
{
  apply_filter (self);
}

static void
search_changed_cb (DtFollowupPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->configured || petition_list (self) == NULL)
    return;
  if (!dt_petition_list_set_search (petition_list (self),
                                    gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                    &error))
    gtk_label_set_label (self->message_label, error->message);
  dt_register_view_scroll_to_top (self->list_view);
  update_count (self);
}

static void
search_stop_cb (DtFollowupPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* ------------------------------------------------------------------------------------------
 * The details of the petition chosen
 * ------------------------------------------------------------------------------------------ */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
entry_row (const char *first,
           const char *second,
           const char *third)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *texts[] = { first, second, third };

  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      GtkWidget *label;

      if (texts[i] == NULL)
        continue;
      label = gtk_label_new (texts[i]);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      if (i == 0)
        gtk_widget_add_css_class (label, "caption-heading");
      else if (i == 2)
        {
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "dim-label");
        }
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

static void
set_actions_enabled (DtFollowupPage *self,
                     guint           n_chosen,
                     const DtPetitionState *state)
{
  gboolean one = n_chosen == 1;
  gboolean open = one && state != NULL && state->open;

  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "followup.assign",
                                 n_chosen > 1 || (open && state->status != DT_STATUS_ESCALATED));
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "followup.event", n_chosen >= 1);
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "followup.escalate", open);
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "followup.resolve",
                                 open && state->status != DT_STATUS_RECEIVED);
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "followup.decline", open);
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "followup.withdraw", open);
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "followup.duplicate", one);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.edit", one);
  /* A transfer slip goes with a petition given to an agency. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.transfer",
                                 one && state != NULL && state->status == DT_STATUS_ASSIGNED);
}

static void
show_details (DtFollowupPage *self)
{
  g_autoptr(GArray) ids = dt_register_view_get_selected_ids (self->list_view);
  g_autoptr(DtPetition) petition = NULL;
  g_autoptr(DtWorkCalendar) calendar = NULL;
  g_autoptr(DtUnit) unit = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GString) facts = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *state_text = NULL;
  DtPetitionState state;
  const char *who;
  GDate today;

  clear_list (self->timeline_list);
  clear_list (self->history_list);
  self->shown_id = 0;

  if (self->context == NULL || ids->len != 1)
    {
      if (ids->len > 1)
        {
          g_autofree char *count = dt_format_count (ids->len);
          title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s petition chosen",
                                                "%s petitions chosen", ids->len), count);
          gtk_label_set_label (self->summary_label,
                               _("They can be assigned or reminded all at once."));
        }
      else
        {
          title = g_strdup (_("No petition chosen"));
          gtk_label_set_label (self->summary_label,
                               _("Choose a petition in the list to see what happened to it and "
                                 "to act on it. Ctrl and Shift choose several."));
        }
      gtk_label_set_label (self->title_label, title);
      gtk_label_set_label (self->facts_label, "");
      gtk_label_set_label (self->state_label, "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "dt-overdue");
      gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "dt-due-soon");
      set_actions_enabled (self, ids->len, NULL);
      return;
    }

  petition = dt_petition_load_by_id (database (self), g_array_index (ids, gint64, 0), NULL);
  if (petition == NULL)
    {
      set_actions_enabled (self, 0, NULL);
      return;
    }
  self->shown_id = petition->id;

  unit = dt_unit_load (database (self), NULL);
  calendar = dt_work_calendar_new (database (self), NULL);
  dt_context_get_today (self->context, &today);
  if (calendar == NULL)
    calendar = dt_work_calendar_new_default ();
  dt_petition_get_state (petition, &today, calendar, unit != NULL ? unit->answer_working_days : 30,
                         &state);

  title = g_strdup_printf (_("Petition %s"), petition->code);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->summary_label, petition->summary != NULL ? petition->summary : "");
  who = petition->confidential ? _("(confidential)") : petition->petitioner;
  if (who != NULL)
    g_string_append (facts, who);
  if (petition->village != NULL)
    g_string_append_printf (facts, "%s%s", facts->len > 0 ? " · " : "", petition->village);
  if (petition->field != NULL)
    g_string_append_printf (facts, "%s%s", facts->len > 0 ? " · " : "", petition->field);
  if (petition->assigned_to != NULL)
    {
      g_autofree char *agency = g_strdup_printf (_("Assigned to %s"), petition->assigned_to);
      g_string_append_printf (facts, "%s%s", facts->len > 0 ? "\n" : "", agency);
    }
  gtk_label_set_label (self->facts_label, facts->str);

  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "dt-overdue");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "dt-due-soon");
  if (state.overdue)
    {
      g_autofree char *deadline = dt_date_format_display (&state.deadline);
      g_autofree char *days = dt_format_count (state.days_overdue);

      state_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Overdue by %s day: the answer was due on %s.",
                                                 "Overdue by %s days: the answer was due on %s.",
                                                 state.days_overdue),
                                    days, deadline);
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "dt-overdue");
    }
  else if (state.status == DT_STATUS_ASSIGNED && state.has_deadline)
    {
      g_autofree char *deadline = dt_date_format_display (&state.deadline);
      int days = g_date_days_between (&today, &state.deadline);

      state_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Being resolved: the answer is due on %s, in %d "
                                                 "day.",
                                                 "Being resolved: the answer is due on %s, in %d "
                                                 "days.", days), deadline, days);
      if (days <= DT_DUE_SOON_DAYS)
        gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "dt-due-soon");
    }
  else
    state_text = g_strdup (dt_status_label (state.status));
  gtk_label_set_label (self->state_label, state_text);

  timeline = dt_petition_timeline (petition);
  for (guint i = 0; i < timeline->len; i++)
    {
      DtTimelineEntry *entry = g_ptr_array_index (timeline, i);
      g_autofree char *date = dt_format_date (entry->date);

      gtk_list_box_append (self->timeline_list, entry_row (date, entry->text, entry->detail));
    }
  history = dt_petition_history (database (self), petition->id, HISTORY_SHOWN, NULL);
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      DtHistoryEntry *entry = g_ptr_array_index (history, i);
      g_autofree char *when = entry->time != NULL ? g_date_time_format (entry->time,
                                                                        "%d/%m/%Y %H:%M")
                                                  : g_strdup ("");

      gtk_list_box_append (self->history_list, entry_row (when, entry->text, entry->actor));
    }
  set_actions_enabled (self, 1, &state);
}

static void
selection_changed_cb (DtFollowupPage *self)
{
  show_details (self);
}

static void
list_activated_cb (DtFollowupPage *self,
                   gint64          id)
{
  g_signal_emit (self, signals[OPEN_PETITION], 0, id);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  DtFollowupPage *self = user_data;

  self->reload_id = 0;
  dt_followup_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
database_changed_cb (DtFollowupPage *self,
                     DtChanges      *changes,
                     DtDatabase     *db)
{
  if (!dt_changes_touches (changes, "petitions") && !dt_changes_touches (changes, "agencies") &&
      !dt_changes_touches (changes, "petition_events"))
    return;
  self->loads_stale = TRUE;
  /* The list follows the database by itself; the counts and the details a moment later, and
   * only while the tab is on show. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

/* ------------------------------------------------------------------------------------------
 * Actions
 * ------------------------------------------------------------------------------------------ */

static void
action_done_cb (DtFollowupPage *self,
                DtActionDialog *dialog)
{
  static const char * const done[] = {
    [DT_ACTION_ASSIGN] = N_("Assigned."),
    [DT_ACTION_EVENT] = N_("Event recorded."),
    [DT_ACTION_ESCALATE] = N_("Sent on to the competent level."),
    [DT_ACTION_RESOLVE] = N_("Resolved."),
    [DT_ACTION_DECLINE] = N_("Declined."),
    [DT_ACTION_WITHDRAW] = N_("Withdrawn."),
    [DT_ACTION_DUPLICATE] = N_("Marked as a duplicate."),
  };

  gtk_label_set_label (self->message_label, _(done[dt_action_dialog_get_kind (dialog)]));
  dt_followup_page_reload (self);
}

DtActionDialog *
dt_followup_page_run_action (DtFollowupPage *self,
                             DtActionKind    kind)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  DtActionDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (DT_IS_FOLLOWUP_PAGE (self), NULL);

  if (self->context == NULL)
    return NULL;
  ids = dt_register_view_get_selected_ids (self->list_view);
  if (ids->len == 0 || (ids->len > 1 && kind != DT_ACTION_ASSIGN && kind != DT_ACTION_EVENT))
    return NULL;
  {
    g_autoptr(GPtrArray) rows = dt_petition_rows_by_id (database (self), (gint64 *) ids->data,
                                                        ids->len, NULL, NULL);

    for (guint i = 0; rows != NULL && i < rows->len; i++)
      g_strv_builder_add (builder, dt_petition_row_get_code (g_ptr_array_index (rows, i)));
  }
  codes = g_strv_builder_end (builder);
  if (codes[0] == NULL)
    return NULL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = dt_action_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context,
                                 kind, (const char * const *) codes);
  g_signal_connect_object (dialog, "done", G_CALLBACK (action_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  static const struct {
    const char   *name;
    DtActionKind  kind;
  } actions[] = {
    { "followup.assign", DT_ACTION_ASSIGN },
    { "followup.event", DT_ACTION_EVENT },
    { "followup.escalate", DT_ACTION_ESCALATE },
    { "followup.resolve", DT_ACTION_RESOLVE },
    { "followup.decline", DT_ACTION_DECLINE },
    { "followup.withdraw", DT_ACTION_WITHDRAW },
    { "followup.duplicate", DT_ACTION_DUPLICATE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (actions[i].name, action_name))
      dt_followup_page_run_action (DT_FOLLOWUP_PAGE (widget), actions[i].kind);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DtFollowupPage *self = DT_FOLLOWUP_PAGE (widget);
  gint64 id = dt_register_view_get_selected_id (self->list_view);

  if (id != 0)
    g_signal_emit (self, signals[OPEN_PETITION], 0, id);
}

/* The agency the letter is for: the one chosen above the list, else the chosen petition's. */
static char *
reminder_agency (DtFollowupPage *self)
{
  guint agency = gtk_drop_down_get_selected (self->agency_dropdown);
  gint64 id;

  if (self->loads != NULL && agency > 0 && agency <= self->loads->len)
    {
      DtAgencyLoad *load = g_ptr_array_index (self->loads, agency - 1);

      if (load->agency != NULL)
        return g_strdup (load->agency);
    }
  if ((id = dt_register_view_get_selected_id (self->list_view)) != 0)
    {
      g_autoptr(DtPetition) petition = dt_petition_load_by_id (database (self), id, NULL);

      if (petition != NULL && petition->assigned_to != NULL)
        return g_strdup (petition->assigned_to);
    }
  return NULL;
}

/* The printed documents of this tab (DESIGN §5): the transfer slip of the chosen petition, and
 * the reminder letter listing what an agency still owes. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DtFollowupPage *self = DT_FOLLOWUP_PAGE (widget);

  if (g_str_equal (action_name, "followup.transfer"))
    {
      g_autoptr(DtPetition) petition = NULL;
      gint64 id = dt_register_view_get_selected_id (self->list_view);

      if (id != 0 && (petition = dt_petition_load_by_id (database (self), id, NULL)) != NULL)
        gtk_widget_activate_action (widget, "win.print-document", "(ss)", "transfer",
                                    petition->code);
    }
  else
    {
      g_autofree char *agency = reminder_agency (self);

      if (agency != NULL)
        gtk_widget_activate_action (widget, "win.print-document", "(ss)", "reminder", agency);
      else
        dt_show_message (widget, _("Which agency?"),
                         _("Choose an agency above the list, or a petition assigned to one: "
                           "the reminder letter lists everything that agency still owes."));
    }
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtFollowupPage *self = DT_FOLLOWUP_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ------------------------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------------------------ */

/* What the tab first shows, read ahead of need (dt_context_read_ahead ()). */
#define READ_AHEAD "followup"

/* The question (FILTER and TODAY), then the answer (FILTER, IDS and LOADS). */
typedef struct
{
  DtPetitionFilter *filter;     /* as the tab asks for it: as of today */
  GDate             today;      /* the question's */
  GArray           *ids;        /* by days overdue */
  GPtrArray        *loads;      /* of DtAgencyLoad */
} FollowupRead;

static void
followup_read_free (FollowupRead *read)
{
  g_clear_pointer (&read->filter, dt_petition_filter_free);
  g_clear_pointer (&read->ids, g_array_unref);
  g_clear_pointer (&read->loads, g_ptr_array_unref);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupRead, followup_read_free)

/* In the read-ahead's thread, on its connection: ASK holds the filter and the day. */
static gpointer
read_ahead_func (DtDatabase  *db,
                 gpointer     data,
                 GError     **error)
{
  FollowupRead *ask = data;
  g_autoptr(FollowupRead) read = g_new0 (FollowupRead, 1);
  g_autoptr(DtPetitionFilter) as_of = dt_petition_filter_copy (ask->filter);

  read->filter = dt_petition_filter_copy (ask->filter);
  as_of->as_of = ask->today;
  if (!(read->ids = dt_petition_query_ids (db, as_of, DT_PETITION_ORDER_DAYS_OVERDUE, error)) ||
      !(read->loads = dt_followup_agency_loads (db, &ask->today, DT_DUE_SOON_DAYS, error)))
    return NULL;
  return g_steal_pointer (&read);
}

void
dt_followup_page_read_ahead (DtContext *context)
{
  FollowupRead *ask = g_new0 (FollowupRead, 1);

  g_return_if_fail (DT_IS_CONTEXT (context));

  ask->filter = open_filter ();
  dt_context_get_today (context, &ask->today);
  dt_context_read_ahead (context, READ_AHEAD, read_ahead_func, ask,
                         (GDestroyNotify) followup_read_free,
                         (GDestroyNotify) followup_read_free);
}

static void configure_list (DtFollowupPage *self);

static gboolean
configure_idle_cb (gpointer user_data)
{
  DtFollowupPage *self = user_data;

  self->configure_id = 0;
  configure_list (self);
  return G_SOURCE_REMOVE;
}

/* The open petitions by deadline, read when the tab is first shown: filtered and ordered
 * before the view shows them, not 100,000 rows first. */
static void
configure_list (DtFollowupPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->context != NULL)
    dt_context_cancel_idle (self->context, self->configure_id);
  self->configure_id = 0;
  if (self->configured || self->context == NULL)
    return;
  self->configured = TRUE;
  dt_register_view_begin_change (self->list_view);
  /* The open ones by deadline, in one read (the list is made with them), or as they were
   * read ahead (dt_followup_page_read_ahead ()) when that still holds. */
  {
    g_autoptr(DtPetitionFilter) filter = build_filter (self);
    g_autoptr(FollowupRead) read = dt_context_take_read_ahead (self->context, READ_AHEAD);
    gboolean holds = read != NULL && dt_petition_filter_equal (read->filter, filter);

    if (holds && self->loads_stale)
      show_loads (self, g_steal_pointer (&read->loads));
    if (!dt_register_view_set_view_with_ids (self->list_view, filter,
                                             DT_PETITION_ORDER_DAYS_OVERDUE,
                                             holds ? read->ids : NULL, &error))
      gtk_label_set_label (self->message_label, error->message);
  }
  if (petition_list (self) == NULL)
    {
      dt_register_view_end_change (self->list_view);
      return;
    }
  dt_register_view_scroll_to_top (self->list_view);
  g_signal_connect_object (petition_list (self), "items-changed", G_CALLBACK (update_count),
                           self, G_CONNECT_SWAPPED);
  update_count (self);
  dt_register_view_end_change (self->list_view);
}

/* What each agency owes, read ahead of the tab being shown. */
static gboolean
preload_idle_cb (gpointer user_data)
{
  DtFollowupPage *self = user_data;

  self->preload_id = 0;
  if (self->loads_stale)
    fill_agencies (self);
  return G_SOURCE_REMOVE;
}

static void
today_changed_cb (DtFollowupPage *self)
{
  self->loads_stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    dt_followup_page_reload (self);
}

static void
dt_followup_page_map (GtkWidget *widget)
{
  DtFollowupPage *self = DT_FOLLOWUP_PAGE (widget);
  GtkRoot *root;
  GtkWidget *focus;

  configure_list (self);
  GTK_WIDGET_CLASS (dt_followup_page_parent_class)->map (widget);

  /* What the agencies owe, read again if it changed while the tab was hidden. */
  if (self->loads_stale)
    fill_agencies (self);
  show_details (self);
  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
dt_followup_page_dispose (GObject *object)
{
  DtFollowupPage *self = (DtFollowupPage *) object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->context != NULL)
    dt_context_cancel_idle (self->context, self->configure_id);
  self->configure_id = 0;
  if (self->context != NULL)
    dt_context_cancel_idle (self->context, self->preload_id);
  self->preload_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_FOLLOWUP_PAGE);
  /* Children of the template without an id of their own are not cleared with it. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);
  g_clear_pointer (&self->loads, g_ptr_array_unref);

  G_OBJECT_CLASS (dt_followup_page_parent_class)->dispose (object);
}

static void
dt_followup_page_class_init (DtFollowupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char * const actions[] = {
    "followup.assign", "followup.event", "followup.escalate", "followup.resolve",
    "followup.decline", "followup.withdraw", "followup.duplicate",
  };

  object_class->dispose = dt_followup_page_dispose;
  widget_class->map = dt_followup_page_map;

  /**
   * DtFollowupPage::open-petition:
   * @id: the petition's row id
   *
   * The secretary asked to see the petition in the intake form.
   */
  signals[OPEN_PETITION] = g_signal_new ("open-petition", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         G_TYPE_INT64);

  g_type_ensure (DT_TYPE_REGISTER_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/doithoai/DoiThoai/dt-followup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, agency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, details);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, escalate_button);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, facts_label);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, history_heading);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, timeline_heading);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, DtFollowupPage, title_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, run_action);
  gtk_widget_class_install_action (widget_class, "followup.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "followup.transfer", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "followup.reminder", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "followup.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "followup.search", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dt_followup_page_init (DtFollowupPage *self)
{
  const char *shows[] = {
    [SHOW_OPEN] = _("All still open"),
    [SHOW_OVERDUE] = _("Overdue"),
    [SHOW_DUE_SOON] = _("Due within 7 days"),
    [SHOW_UNASSIGNED] = _("Not yet assigned"),
    [SHOW_ESCALATED] = _("Sent on to the competent level"),
    NULL,
  };
  g_autoptr(GtkStringList) model = gtk_string_list_new (shows);

  self->loads_stale = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Given here, not in the template: see dt_widget_set_tooltip (). */
  dt_widget_set_tooltip (GTK_WIDGET (self->escalate_button),
                         _("Beyond the commune: send it to the competent level"));
  /* Until what each agency owes is read, when the tab is first shown. */
  {
    g_autoptr(GtkStringList) agencies = gtk_string_list_new ((const char *[]) {
      _("All agencies"), NULL });

    self->updating = TRUE;
    gtk_drop_down_set_model (self->agency_dropdown, G_LIST_MODEL (agencies));
    self->updating = FALSE;
  }
  dt_accessible_name_controls (GTK_WIDGET (self));
  dt_register_view_set_accessible_label (self->list_view, _("Open petitions by deadline"));
  dt_widget_set_label (GTK_WIDGET (self), _("Follow-up"));
  dt_widget_set_label (GTK_WIDGET (self->actions_box), _("Actions"));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->timeline_list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->timeline_heading,
                                  NULL, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->history_list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->history_heading,
                                  NULL, -1);
  dt_drop_down_ellipsize (self->agency_dropdown);
  /* The buttons go two to a line, or one when their words are long: Tab stops on them, not on
   * the flow box's own children. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      gtk_widget_set_focusable (child, FALSE);
      /* GTK 4.8 would call the cell around each button by its type. */
      if (GTK_IS_BUTTON (button) && gtk_button_get_label (GTK_BUTTON (button)) != NULL)
        {
          GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

          if (GTK_IS_LABEL (label))
            dt_widget_set_label (child, gtk_label_get_text (GTK_LABEL (label)));
        }
    }
  dt_drop_down_ellipsize (self->show_dropdown);
  self->updating = TRUE;
  gtk_drop_down_set_model (self->show_dropdown, G_LIST_MODEL (model));
  self->updating = FALSE;
  show_details (self);
}

void
dt_followup_page_set_context (DtFollowupPage *self,
                              DtContext      *context)
{
  g_return_if_fail (DT_IS_FOLLOWUP_PAGE (self));
  g_return_if_fail (DT_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  dt_register_view_set_context (self->list_view, context);
  g_signal_connect_object (dt_context_get_database (context), "changed",
                           G_CALLBACK (database_changed_cb), self, G_CONNECT_SWAPPED);
  /* Read once the window has shown itself, before the tab is asked for. */
  self->configure_id = dt_context_add_idle (context, configure_idle_cb, self);
  self->preload_id = dt_context_add_idle (context, preload_idle_cb, self);
  g_signal_connect_object (context, "today-changed", G_CALLBACK (today_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

DtRegisterView *
dt_followup_page_get_list (DtFollowupPage *self)
{
  g_return_val_if_fail (DT_IS_FOLLOWUP_PAGE (self), NULL);
  return self->list_view;
}

gboolean
dt_followup_page_set_agency (DtFollowupPage *self,
                             const char     *agency)
{
  g_return_val_if_fail (DT_IS_FOLLOWUP_PAGE (self), FALSE);

  if (agency == NULL)
    {
      gtk_drop_down_set_selected (self->agency_dropdown, 0);
      return TRUE;
    }
  for (guint i = 0; self->loads != NULL && i < self->loads->len; i++)
    {
      DtAgencyLoad *load = g_ptr_array_index (self->loads, i);

      if (g_strcmp0 (load->agency, agency) == 0)
        {
          gtk_drop_down_set_selected (self->agency_dropdown, i + 1);
          return TRUE;
        }
    }
  return FALSE;
}

void
dt_followup_page_reload (DtFollowupPage *self)
{
  g_return_if_fail (DT_IS_FOLLOWUP_PAGE (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->context == NULL)
    return;
  fill_agencies (self);
  show_details (self);
}
