/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-plan-form"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-bar-chart.h"
#include "dt-codes.h"
#include "dt-dialogs.h"
#include "dt-draft.h"
#include "dt-error.h"
#include "dt-form.h"
#include "dt-gui-util.h"
#include "dt-list-editor.h"
#include "dt-plan-form.h"
#include "dt-plans.h"
#include "dt-util.h"

/* Kept while she types, after a pause this long. */
#define DRAFT_DELAY_MS 700

struct _DtPlanForm
{
  GtkWidget     parent_instance;

  DtContext    *context;
  char         *code;
  DtForm       *form;
  guint         draft_id;
  guint         loading;
  guint         dirty : 1;

  GtkWidget    *scroller;
  GtkWidget    *heading;
  GtkWidget    *subheading;
  GtkWidget    *draft_bar;
  GtkWidget    *draft_label;
  GtkWidget    *message;
  GtkWidget    *bases;
  GtkWidget    *reports;
  GtkWidget    *planned;
  GtkWidget    *planned_add;
  GtkWidget    *progress_box;
  GtkWidget    *progress_chart;
  GtkWidget    *progress_label;
  GtkWidget    *save_button;
};

G_DEFINE_FINAL_TYPE (DtPlanForm, dt_plan_form, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SAVED,
  SIGNAL_COPIED,
  SIGNAL_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static DtDatabase *
database (DtPlanForm *self)
{
  return dt_context_get_database (self->context);
}

static char *
draft_key (DtPlanForm *self)
{
  return g_strdup_printf ("plan:%s", self->code != NULL ? self->code : "new");
}

/* ------------------------------------------------------------------------------------------
 * Planned sessions: one line each, quarter, month, place and topic
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  GtkWidget *quarter;
  GtkWidget *month;
  GtkWidget *location;
  GtkWidget *topic;
  GtkWidget *remove;
} PlannedLine;

static void mark_changed (DtPlanForm *self);

static PlannedLine
planned_line_widgets (GtkWidget *line)
{
  PlannedLine widgets;

  widgets.quarter = gtk_widget_get_first_child (line);
  widgets.month = gtk_widget_get_next_sibling (widgets.quarter);
  widgets.location = gtk_widget_get_next_sibling (widgets.month);
  widgets.topic = gtk_widget_get_next_sibling (widgets.location);
  widgets.remove = gtk_widget_get_next_sibling (widgets.topic);
  return widgets;
}

static void
renumber_planned (DtPlanForm *self)
{
  guint n = 0;

  for (GtkWidget *line = gtk_widget_get_first_child (self->planned);
       line != NULL;
       line = gtk_widget_get_next_sibling (line))
    {
      PlannedLine w = planned_line_widgets (line);
      struct { GtkWidget *widget; const char *format; } names[] = {
        /* Translators: accessible names of the fields of the N-th planned session. */
        { w.quarter, _("Quarter of planned session %u") },
        { w.month, _("Month of planned session %u") },
        { w.location, _("Place of planned session %u") },
        { w.topic, _("Topic of planned session %u") },
        { w.remove, _("Remove planned session %u") },
      };

      n++;
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *name = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
          name = g_strdup_printf (names[i].format, n);
#pragma GCC diagnostic pop
          gtk_accessible_update_property (GTK_ACCESSIBLE (names[i].widget),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          if (names[i].widget == w.remove)
            dt_widget_set_tooltip (w.remove, name);
        }
    }
}

static void
planned_changed_cb (GObject    *object,
                    GParamSpec *pspec,
                    DtPlanForm *self)
{
  mark_changed (self);
}

static void
planned_entry_changed_cb (GtkEditable *editable,
                          DtPlanForm  *self)
{
  mark_changed (self);
}

/* A month says which quarter; the quarter follows it when she picks one. */
static void
month_selected_cb (GtkDropDown *month,
                   GParamSpec  *pspec,
                   DtPlanForm  *self)
{
  GtkWidget *quarter = gtk_widget_get_prev_sibling (GTK_WIDGET (month));
  guint selected = gtk_drop_down_get_selected (month);

  if (selected >= 1 && selected <= 12)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (quarter), (selected - 1) / 3 + 1);
}

static void
planned_remove_cb (GtkButton  *button,
                   DtPlanForm *self)
{
  GtkWidget *line = gtk_widget_get_parent (GTK_WIDGET (button));
  GtkWidget *next = gtk_widget_get_next_sibling (line);

  if (next == NULL)
    next = gtk_widget_get_prev_sibling (line);
  gtk_box_remove (GTK_BOX (self->planned), line);
  renumber_planned (self);
  gtk_widget_grab_focus (next != NULL ? gtk_widget_get_first_child (next) : self->planned_add);
  mark_changed (self);
}

static GtkWidget *
number_drop_down (const char *none,
                  const char *format,
                  guint       n)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);

  gtk_string_list_append (items, none);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *text = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      text = g_strdup_printf (format, i);
#pragma GCC diagnostic pop
      gtk_string_list_append (items, text);
    }
  return gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&items)), NULL);
}

static GtkWidget *
add_planned_line (DtPlanForm             *self,
                  const DtPlannedSession *planned)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* Translators: a quarter of the year in a drop-down, "Q2". */
  GtkWidget *quarter = number_drop_down ("—", _("Q%u"), 4);
  GtkWidget *month = number_drop_down ("—", "%u", 12);
  GtkWidget *location = gtk_entry_new ();
  GtkWidget *topic = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  self->loading++;
  if (planned != NULL)
    {
      if (planned->quarter >= 1 && planned->quarter <= 4)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (quarter), planned->quarter);
      if (planned->month >= 1 && planned->month <= 12)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (month), planned->month);
      gtk_editable_set_text (GTK_EDITABLE (location),
                             planned->location != NULL ? planned->location : "");
      gtk_editable_set_text (GTK_EDITABLE (topic), planned->topic != NULL ? planned->topic : "");
    }
  self->loading--;

  gtk_widget_set_size_request (quarter, 84, -1);
  gtk_widget_set_size_request (month, 72, -1);
  gtk_widget_set_hexpand (location, TRUE);
  gtk_widget_set_hexpand (topic, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (location), 12);
  gtk_editable_set_width_chars (GTK_EDITABLE (topic), 12);
  gtk_entry_set_placeholder_text (GTK_ENTRY (location), _("Place"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (topic), _("Topic"));
  gtk_widget_add_css_class (remove, "flat");

  g_signal_connect (quarter, "notify::selected", G_CALLBACK (planned_changed_cb), self);
  g_signal_connect (month, "notify::selected", G_CALLBACK (month_selected_cb), self);
  g_signal_connect (month, "notify::selected", G_CALLBACK (planned_changed_cb), self);
  g_signal_connect (location, "changed", G_CALLBACK (planned_entry_changed_cb), self);
  g_signal_connect (topic, "changed", G_CALLBACK (planned_entry_changed_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (planned_remove_cb), self);

  gtk_box_append (GTK_BOX (line), quarter);
  gtk_box_append (GTK_BOX (line), month);
  gtk_box_append (GTK_BOX (line), location);
  gtk_box_append (GTK_BOX (line), topic);
  gtk_box_append (GTK_BOX (line), remove);
  gtk_box_append (GTK_BOX (self->planned), line);
  renumber_planned (self);
  return line;
}

static void
planned_add_clicked_cb (GtkButton  *button,
                        DtPlanForm *self)
{
  GtkWidget *line = add_planned_line (self, NULL);

  gtk_widget_grab_focus (gtk_widget_get_first_child (line));
  mark_changed (self);
}

static void
clear_planned (DtPlanForm *self)
{
  GtkWidget *line;

  while ((line = gtk_widget_get_first_child (self->planned)) != NULL)
    gtk_box_remove (GTK_BOX (self->planned), line);
}

static GPtrArray *
read_planned (DtPlanForm *self)
{
  GPtrArray *planned = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_planned_session_free);

  for (GtkWidget *line = gtk_widget_get_first_child (self->planned);
       line != NULL;
       line = gtk_widget_get_next_sibling (line))
    {
      PlannedLine w = planned_line_widgets (line);
      DtPlannedSession *session = dt_planned_session_new ();
      guint quarter = gtk_drop_down_get_selected (GTK_DROP_DOWN (w.quarter));
      guint month = gtk_drop_down_get_selected (GTK_DROP_DOWN (w.month));

      session->quarter = quarter >= 1 && quarter <= 4 ? (int) quarter : DT_NO_INT;
      session->month = month >= 1 && month <= 12 ? (int) month : DT_NO_INT;
      session->location = dt_text_clean (gtk_editable_get_text (GTK_EDITABLE (w.location)));
      session->topic = dt_text_clean (gtk_editable_get_text (GTK_EDITABLE (w.topic)));
      /* A line left empty is no planned session. */
      if (session->quarter == DT_NO_INT && session->month == DT_NO_INT &&
          session->location == NULL && session->topic == NULL)
        {
          dt_planned_session_free (session);
          continue;
        }
      g_ptr_array_add (planned, session);
    }
  return planned;
}

/* ------------------------------------------------------------------------------------------
 * Drafts
 * ------------------------------------------------------------------------------------------ */

static DtDraft *
draft_contents (DtPlanForm *self)
{
  g_autofree char *key = draft_key (self);
  DtDraft *draft = dt_draft_new (key, self->code);
  g_auto(GStrv) bases = dt_list_editor_get_texts (DT_LIST_EDITOR (self->bases));
  g_auto(GStrv) reports = dt_list_editor_get_texts (DT_LIST_EDITOR (self->reports));
  g_autoptr(GStrvBuilder) planned = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  dt_form_save_draft (self->form, draft);
  dt_draft_set_list (draft, "bases", (const char * const *) bases);
  dt_draft_set_list (draft, "reports_due", (const char * const *) reports);
  for (GtkWidget *line = gtk_widget_get_first_child (self->planned);
       line != NULL;
       line = gtk_widget_get_next_sibling (line))
    {
      PlannedLine w = planned_line_widgets (line);

      g_autofree char *text =
        g_strdup_printf ("%u\x1f%u\x1f%s\x1f%s",
                         gtk_drop_down_get_selected (GTK_DROP_DOWN (w.quarter)),
                         gtk_drop_down_get_selected (GTK_DROP_DOWN (w.month)),
                         gtk_editable_get_text (GTK_EDITABLE (w.location)),
                         gtk_editable_get_text (GTK_EDITABLE (w.topic)));

      g_strv_builder_add (planned, text);
    }
  lines = g_strv_builder_end (planned);
  dt_draft_set_list (draft, "planned", (const char * const *) lines);
  return draft;
}

static void
restore_draft (DtPlanForm    *self,
               const DtDraft *draft)
{
  g_auto(GStrv) bases = dt_draft_get_list (draft, "bases");
  g_auto(GStrv) reports = dt_draft_get_list (draft, "reports_due");
  g_auto(GStrv) planned = dt_draft_get_list (draft, "planned");

  self->loading++;
  dt_form_load_draft (self->form, draft);
  dt_list_editor_set_texts (DT_LIST_EDITOR (self->bases), (const char * const *) bases);
  dt_list_editor_set_texts (DT_LIST_EDITOR (self->reports), (const char * const *) reports);
  clear_planned (self);
  for (guint i = 0; planned[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (planned[i], "\x1f", 4);
      DtPlannedSession *session;

      if (g_strv_length (parts) != 4)
        continue;
      session = dt_planned_session_new ();
      session->quarter = (int) g_ascii_strtoll (parts[0], NULL, 10);
      session->month = (int) g_ascii_strtoll (parts[1], NULL, 10);
      session->location = g_strdup (parts[2]);
      session->topic = g_strdup (parts[3]);
      add_planned_line (self, session);
      dt_planned_session_free (session);
    }
  self->loading--;
}

static gboolean
save_draft_cb (gpointer user_data)
{
  DtPlanForm *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDraft) draft = draft_contents (self);

  self->draft_id = 0;
  if (!dt_draft_save (database (self), draft, &error))
    g_warning ("Cannot keep the draft of the plan: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
flush_draft (DtPlanForm *self)
{
  if (self->draft_id != 0)
    {
      g_clear_handle_id (&self->draft_id, g_source_remove);
      save_draft_cb (self);
    }
}

static void
mark_changed (DtPlanForm *self)
{
  if (self->loading > 0 || self->context == NULL)
    return;
  self->dirty = TRUE;
  g_clear_handle_id (&self->draft_id, g_source_remove);
  self->draft_id = g_timeout_add (DRAFT_DELAY_MS, save_draft_cb, self);
}

static void
form_changed_cb (DtForm     *form,
                 DtPlanForm *self)
{
  mark_changed (self);
}

static void
list_changed_cb (DtListEditor *editor,
                 DtPlanForm   *self)
{
  mark_changed (self);
}

/* ------------------------------------------------------------------------------------------
 * Loading and saving
 * ------------------------------------------------------------------------------------------ */

static void
show_progress (DtPlanForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  DtPlanProgress progress;

  if (self->code == NULL || !dt_plan_get_progress (database (self), self->code, &progress, &error))
    {
      gtk_widget_set_visible (self->progress_box, FALSE);
      return;
    }
  gtk_widget_set_visible (self->progress_box, TRUE);
  dt_bar_chart_clear (DT_BAR_CHART (self->progress_chart));
  for (guint q = 0; q < 4; q++)
    {
      g_autofree char *label = g_strdup_printf (_("Quarter %u"), q + 1);

      dt_bar_chart_add (DT_BAR_CHART (self->progress_chart), label,
                        progress.held_by_quarter[q], progress.planned_by_quarter[q], "#2ec27e");
    }
  summary = g_strdup_printf (_("Held %u of the %u dialogues planned; %u still to come, %u "
                               "postponed, %u cancelled."),
                             progress.held, progress.planned, progress.to_come,
                             progress.postponed, progress.cancelled);
  gtk_label_set_label (GTK_LABEL (self->progress_label), summary);
}

static void
show_heading (DtPlanForm *self,
              int         year)
{
  g_autofree char *heading = NULL;

  if (self->code != NULL)
    heading = g_strdup_printf (_("Plan %s"), self->code);
  else
    heading = g_strdup_printf (_("New plan for %d"), year);
  gtk_label_set_label (GTK_LABEL (self->heading), heading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.print", self->code != NULL);
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "plan.copy-next-year",
                                       self->code != NULL);
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "plan.delete",
                                       self->code != NULL);
}

static void
fill (DtPlanForm   *self,
      const DtPlan *plan)
{
  self->loading++;
  dt_form_set_int (self->form, "year", plan->year);
  dt_form_set_value (self->form, "number", plan->number);
  dt_form_set_value (self->form, "issued", plan->issued);
  dt_form_set_value (self->form, "title", plan->title);
  dt_form_set_value (self->form, "purpose", plan->purpose);
  dt_form_set_int (self->form, "dialogues_planned", plan->dialogues_planned);
  dt_form_set_int (self->form, "notice_lead_days", plan->notice_lead_days);
  dt_form_set_int (self->form, "expected_attendance", plan->expected_attendance);
  dt_list_editor_set_values (DT_LIST_EDITOR (self->bases), (const char * const *) plan->bases);
  dt_list_editor_set_values (DT_LIST_EDITOR (self->reports),
                             (const char * const *) plan->reports_due);
  clear_planned (self);
  for (guint i = 0; plan->planned_sessions != NULL && i < plan->planned_sessions->len; i++)
    add_planned_line (self, g_ptr_array_index (plan->planned_sessions, i));
  self->loading--;
  dt_form_clear_problems (self->form);
  dt_label_show_text (self->message, NULL);
}

/* A draft kept for this plan comes back, and she is told. */
static void
offer_draft (DtPlanForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = draft_key (self);
  g_autoptr(DtDraft) draft = dt_draft_load (database (self), key, &error);
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  gtk_widget_set_visible (self->draft_bar, draft != NULL);
  if (draft == NULL)
    return;
  restore_draft (self, draft);
  self->dirty = TRUE;
  shown = dt_format_saved (dt_draft_get_saved (draft));
  text = g_strdup_printf (_("Changes not yet saved, kept since %s, are shown. Save them, or "
                            "discard them to see the plan as it was saved."),
                          shown);
  gtk_label_set_label (GTK_LABEL (self->draft_label), text);
}

gboolean
dt_plan_form_load (DtPlanForm *self,
                   const char *code)
{
  /* CODE may be self->code itself, which is about to be replaced. */
  g_autofree char *owned = g_strdup (code);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtPlan) plan = NULL;

  code = owned;

  g_return_val_if_fail (DT_IS_PLAN_FORM (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!(plan = dt_plan_load (database (self), code, &error)))
    {
      dt_label_show_text (self->message, error->message);
      return FALSE;
    }
  g_clear_handle_id (&self->draft_id, g_source_remove);
  g_free (self->code);
  self->code = g_strdup (code);
  fill (self, plan);
  self->dirty = FALSE;
  offer_draft (self);
  show_heading (self, plan->year);
  show_progress (self);
  /* The keyboard starts at the top of the plan, not on a line that was removed. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (dt_form_get_widget (self->form, "year"));
  dt_scroll_to_top (GTK_SCROLLED_WINDOW (self->scroller));
  return TRUE;
}

void
dt_plan_form_load_new (DtPlanForm *self,
                       int         year)
{
  g_autoptr(DtPlan) plan = dt_plan_new ();

  g_return_if_fail (DT_IS_PLAN_FORM (self));

  g_clear_handle_id (&self->draft_id, g_source_remove);
  g_clear_pointer (&self->code, g_free);
  plan->year = year;
  plan->dialogues_planned = 2;
  /* DESIGN §2: the 6-month report due 15/6, the annual one 10/12 (seed 004). */
  plan->reports_due = g_new0 (char *, 3);
  plan->reports_due[0] = g_strdup_printf ("%04d-06-15", year);
  plan->reports_due[1] = g_strdup_printf ("%04d-12-10", year);
  plan->title = g_strdup_printf ("Kế hoạch tổ chức Hội nghị đối thoại trực tiếp giữa người đứng "
                                 "đầu cấp ủy Đảng, chính quyền với Nhân dân trên địa bàn xã "
                                 "năm %d", year);
  fill (self, plan);
  self->dirty = FALSE;
  offer_draft (self);
  show_heading (self, year);
  show_progress (self);
  gtk_widget_grab_focus (dt_form_get_widget (self->form, "number"));
}

static DtPlan *
read_plan (DtPlanForm *self,
           GPtrArray  *problems)
{
  g_autoptr(DtPlan) plan = dt_plan_new ();
  const char *int_keys[] = { "dialogues_planned", "notice_lead_days", "expected_attendance" };
  int *ints[] = { &plan->dialogues_planned, &plan->notice_lead_days,
                  &plan->expected_attendance };
  GError *error = NULL;

  plan->code = g_strdup (self->code);
  plan->year = dt_form_get_int (self->form, "year", &error);
  if (error != NULL)
    g_ptr_array_add (problems, g_steal_pointer (&error));
  plan->number = dt_form_get_value (self->form, "number", NULL);
  plan->issued = dt_form_get_value (self->form, "issued", &error);
  if (error != NULL)
    g_ptr_array_add (problems, g_steal_pointer (&error));
  plan->title = dt_form_get_value (self->form, "title", NULL);
  plan->purpose = dt_form_get_value (self->form, "purpose", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (int_keys); i++)
    {
      *ints[i] = dt_form_get_int (self->form, int_keys[i], &error);
      if (error != NULL)
        g_ptr_array_add (problems, g_steal_pointer (&error));
    }
  plan->bases = dt_list_editor_get_values (DT_LIST_EDITOR (self->bases), NULL);
  plan->reports_due = dt_list_editor_get_values (DT_LIST_EDITOR (self->reports), &error);
  if (error != NULL)
    {
      dt_error_set_field (error, "plan", "reports_due", error->message);
      g_ptr_array_add (problems, g_steal_pointer (&error));
    }
  g_ptr_array_unref (plan->planned_sessions);
  plan->planned_sessions = read_planned (self);
  return g_steal_pointer (&plan);
}

gboolean
dt_plan_form_save (DtPlanForm *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtPlan) plan = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *key = NULL;
  gboolean is_new;

  g_return_val_if_fail (DT_IS_PLAN_FORM (self), FALSE);

  plan = read_plan (self, problems);
  is_new = plan->code == NULL;
  if (is_new && problems->len == 0 && plan->year >= DT_YEAR_MIN && plan->year <= DT_YEAR_MAX)
    plan->code = dt_plan_next_code (database (self), plan->year, NULL);
  if (problems->len == 0)
    {
      more = dt_plan_problems (plan);
      g_ptr_array_extend_and_steal (problems, g_steal_pointer (&more));
    }
  if (problems->len > 0)
    {
      rest = dt_form_show_problems (self->form, problems);
      dt_label_show_text (self->message, rest);
      flush_draft (self);
      return FALSE;
    }

  if (is_new ? dt_plan_insert (database (self), plan, &error) == 0
             : !dt_plan_update (database (self), plan, &error))
    {
      g_ptr_array_add (problems, g_steal_pointer (&error));
      rest = dt_form_show_problems (self->form, problems);
      dt_label_show_text (self->message, rest);
      flush_draft (self);
      return FALSE;
    }

  /* Saved: the draft has served. */
  g_clear_handle_id (&self->draft_id, g_source_remove);
  key = draft_key (self);
  dt_draft_discard (database (self), key, NULL);
  gtk_widget_set_visible (self->draft_bar, FALSE);
  /* Shown again as the database now holds it (blank lines gone, dates as written). */
  dt_plan_form_load (self, plan->code);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->code);
  return TRUE;
}

gboolean
dt_plan_form_leave (DtPlanForm *self)
{
  g_return_val_if_fail (DT_IS_PLAN_FORM (self), TRUE);

  if (self->context == NULL || !self->dirty)
    return TRUE;
  if (dt_plan_form_save (self))
    return TRUE;
  /* Not valid yet: kept as a draft, shown again when she comes back to it. */
  flush_draft (self);
  return FALSE;
}

gboolean
dt_plan_form_is_dirty (DtPlanForm *self)
{
  g_return_val_if_fail (DT_IS_PLAN_FORM (self), FALSE);

  return self->dirty;
}

const char *
dt_plan_form_get_code (DtPlanForm *self)
{
  g_return_val_if_fail (DT_IS_PLAN_FORM (self), NULL);

  return self->code;
}

/* ------------------------------------------------------------------------------------------
 * Actions
 * ------------------------------------------------------------------------------------------ */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dt_plan_form_save (DT_PLAN_FORM (widget));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DtPlanForm *self = DT_PLAN_FORM (widget);

  if (self->code == NULL || (self->dirty && !dt_plan_form_save (self)))
    return;
  gtk_widget_activate_action (widget, "win.print-document", "(ss)", "plan", self->code);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DtPlanForm *self = DT_PLAN_FORM (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtPlan) plan = NULL;
  g_autofree char *code = NULL;

  if (self->code == NULL || (self->dirty && !dt_plan_form_save (self)))
    return;
  if (!(plan = dt_plan_load (database (self), self->code, &error)) ||
      !(code = dt_plan_copy_to_year (database (self), self->code, plan->year + 1, &error)))
    {
      dt_show_message (widget, _("The plan cannot be copied"), error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_COPIED], 0, code);
}

static void
delete_answer_cb (int       response,
                  gpointer  user_data)
{
  g_autoptr(DtPlanForm) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strdup (self->code);
  g_autofree char *key = NULL;

  if (response != GTK_RESPONSE_ACCEPT || code == NULL)
    return;
  if (!dt_plan_delete (database (self), code, &error))
    {
      dt_show_message (GTK_WIDGET (self), _("The plan cannot be deleted"),
                       _("Sessions are recorded under this plan. Delete them or move them to "
                         "another plan first."));
      return;
    }
  key = draft_key (self);
  dt_draft_discard (database (self), key, NULL);
  g_clear_pointer (&self->code, g_free);
  self->dirty = FALSE;
  g_signal_emit (self, signals[SIGNAL_DELETED], 0, code);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtPlanForm *self = DT_PLAN_FORM (widget);
  g_autofree char *heading = NULL;

  if (self->code == NULL)
    return;
  heading = g_strdup_printf (_("Delete the plan %s?"), self->code);
  dt_ask (widget, heading, _("The plan, its legal bases, report dates and planned sessions are "
                             "deleted. The change is written to the audit log."),
          _("_Cancel"), NULL, _("_Delete"), TRUE, delete_answer_cb, g_object_ref (self));
}

static void
discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DtPlanForm *self = DT_PLAN_FORM (widget);
  g_autofree char *key = draft_key (self);
  int year;

  g_clear_handle_id (&self->draft_id, g_source_remove);
  dt_draft_discard (database (self), key, NULL);
  gtk_widget_set_visible (self->draft_bar, FALSE);
  if (self->code != NULL)
    dt_plan_form_load (self, self->code);
  else
    {
      GDate today;

      dt_context_get_today (self->context, &today);
      year = dt_form_get_int (self->form, "year", NULL);
      dt_plan_form_load_new (self, year != DT_NO_INT ? year : (int) g_date_get_year (&today));
    }
}

/* ------------------------------------------------------------------------------------------
 * Building the form
 * ------------------------------------------------------------------------------------------ */

static GtkWidget *
planned_sessions_widget (DtPlanForm *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const struct { const char *text; int width; gboolean expand; } columns[] = {
    { N_("Quarter"), 84, FALSE }, { N_("Month"), 72, FALSE },
    { N_("Place"), -1, TRUE }, { N_("Topic"), -1, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkWidget *label = gtk_label_new (_(columns[i].text));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_set_size_request (label, columns[i].width, -1);
      gtk_widget_set_hexpand (label, columns[i].expand);
      gtk_box_append (GTK_BOX (header), label);
    }
  /* As wide as the remove buttons below. */
  gtk_widget_set_margin_end (header, 40);
  gtk_box_append (GTK_BOX (box), header);

  self->planned = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_name (self->planned, "plan-planned-sessions");
  gtk_box_append (GTK_BOX (box), self->planned);
  self->planned_add = dt_button_new (_("Add a _Planned Session"));
  gtk_widget_set_halign (self->planned_add, GTK_ALIGN_START);
  gtk_widget_set_name (self->planned_add, "plan-add-planned");
  g_signal_connect (self->planned_add, "clicked", G_CALLBACK (planned_add_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->planned_add);
  return box;
}

static GtkWidget *
button_for (const char *label,
            const char *action,
            const char *name)
{
  GtkWidget *button = dt_button_new (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_name (button, name);
  return button;
}

static void
build (DtPlanForm *self)
{
  GtkWidget *page, *grid, *buttons, *bar, *progress_title, *lead;

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (page, 24);
  gtk_widget_set_margin_end (page, 24);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 24);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), page);

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->heading), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->heading, TRUE);
  gtk_widget_set_name (self->heading, "plan-heading");
  gtk_widget_add_css_class (self->heading, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading), GTK_ACCESSIBLE_PROPERTY_LEVEL,
                                  2, -1);
  gtk_box_append (GTK_BOX (bar), self->heading);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (buttons), button_for (_("_Print…"), "plan.print", "plan-print"));
  gtk_box_append (GTK_BOX (buttons), button_for (_("Copy to _Next Year"), "plan.copy-next-year",
                                                 "plan-copy"));
  self->save_button = button_for (_("_Save"), "plan.save", "plan-save");
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), self->save_button);
  gtk_box_append (GTK_BOX (bar), buttons);
  gtk_box_append (GTK_BOX (page), bar);

  self->draft_bar = dt_draft_bar_new ("plan.discard-draft", "plan-discard-draft",
                                      &self->draft_label);
  gtk_box_append (GTK_BOX (page), self->draft_bar);

  self->message = dt_problem_label_new ("plan-message");
  gtk_box_append (GTK_BOX (page), self->message);

  /* Progress first: what she comes back to look at during the year. */
  self->progress_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->progress_box, "dt-card");
  progress_title = gtk_label_new (_("Progress against the plan"));
  gtk_label_set_xalign (GTK_LABEL (progress_title), 0);
  gtk_widget_add_css_class (progress_title, "heading");
  self->progress_chart = dt_bar_chart_new ();
  gtk_widget_set_name (self->progress_chart, "plan-progress");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->progress_chart),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, progress_title, NULL, -1);
  self->progress_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->progress_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->progress_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->progress_label), 60);
  gtk_widget_set_name (self->progress_label, "plan-progress-summary");
  gtk_widget_add_css_class (self->progress_label, "dim-label");
  gtk_box_append (GTK_BOX (self->progress_box), progress_title);
  gtk_box_append (GTK_BOX (self->progress_box), self->progress_chart);
  gtk_box_append (GTK_BOX (self->progress_box), self->progress_label);
  gtk_box_append (GTK_BOX (page), self->progress_box);

  grid = gtk_grid_new ();
  gtk_box_append (GTK_BOX (page), grid);
  self->form = dt_form_new (DT_RECORD_PLAN, GTK_GRID (grid));
  g_signal_connect (self->form, "changed", G_CALLBACK (form_changed_cb), self);

  dt_form_add_heading (self->form, _("The plan"));
  dt_form_add (self->form, "year");
  dt_form_add (self->form, "number");
  gtk_entry_set_placeholder_text (GTK_ENTRY (dt_form_get_widget (self->form, "number")),
                                  "08-KH/ĐU");
  dt_form_add (self->form, "issued");
  dt_form_add_text_area (self->form, "title", 2);
  self->bases = dt_list_editor_new (_("Legal basis"), _("Add a _Legal Basis"), FALSE);
  gtk_widget_set_name (self->bases, "plan-bases");
  g_signal_connect (self->bases, "changed", G_CALLBACK (list_changed_cb), self);
  dt_form_add_custom (self->form, "bases", dt_field_info_get_label (dt_record_find_field (DT_RECORD_PLAN, "bases")),
                      self->bases, dt_list_editor_get_add_button (DT_LIST_EDITOR (self->bases)));
  dt_form_add_text_area (self->form, "purpose", 5);

  dt_form_add_heading (self->form, _("Sessions and deadlines"));
  dt_form_add (self->form, "dialogues_planned");
  lead = dt_form_add (self->form, "notice_lead_days");
  dt_widget_set_tooltip (lead, _("Leave empty to use the unit’s rule (Settings)."));
  dt_form_add (self->form, "expected_attendance");
  self->reports = dt_list_editor_new (_("Report due"), _("Add a _Report Date"), TRUE);
  gtk_widget_set_name (self->reports, "plan-reports-due");
  g_signal_connect (self->reports, "changed", G_CALLBACK (list_changed_cb), self);
  dt_form_add_custom (self->form, "reports_due",
                      dt_field_info_get_label (dt_record_find_field (DT_RECORD_PLAN, "reports_due")),
                      self->reports, dt_list_editor_get_add_button (DT_LIST_EDITOR (self->reports)));
  dt_form_add_custom (self->form, "planned_sessions",
                      dt_field_info_get_label (dt_record_find_field (DT_RECORD_PLAN,
                                                                     "planned_sessions")),
                      planned_sessions_widget (self), NULL);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (buttons, 18);
  gtk_box_append (GTK_BOX (buttons), button_for (_("_Delete Plan…"), "plan.delete",
                                                 "plan-delete"));
  gtk_box_append (GTK_BOX (page), buttons);
}

static void
dt_plan_form_dispose (GObject *object)
{
  DtPlanForm *self = (DtPlanForm *) object;

  if (self->context != NULL)
    flush_draft (self);
  g_clear_handle_id (&self->draft_id, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->form);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (dt_plan_form_parent_class)->dispose (object);
}

static void
dt_plan_form_finalize (GObject *object)
{
  DtPlanForm *self = (DtPlanForm *) object;

  g_free (self->code);

  G_OBJECT_CLASS (dt_plan_form_parent_class)->finalize (object);
}

static void
dt_plan_form_class_init (DtPlanFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_plan_form_dispose;
  object_class->finalize = dt_plan_form_finalize;

  /* The plan CODE was written. */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The plan was copied to the next year as CODE. */
  signals[SIGNAL_COPIED] =
    g_signal_new ("copied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "plan.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "plan.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "plan.copy-next-year", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "plan.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "plan.discard-draft", NULL,
                                   discard_draft_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "plan.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "plan.print",
                                       NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dt_plan_form_init (DtPlanForm *self)
{
  build (self);
}

GtkWidget *
dt_plan_form_new (void)
{
  return g_object_new (DT_TYPE_PLAN_FORM, NULL);
}

void
dt_plan_form_set_context (DtPlanForm *self,
                          DtContext  *context)
{
  g_return_if_fail (DT_IS_PLAN_FORM (self));

  g_set_object (&self->context, context);
  if (context != NULL && dt_context_get_read_only (context))
    {
      const char * const writes[] = { "plan.save", "plan.copy-next-year", "plan.delete",
                                      "plan.discard-draft" };

      for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), writes[i], FALSE);
    }
}
