/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-conclusion-form"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-calendar.h"
#include "dt-conclusion-form.h"
#include "dt-error.h"
#include "dt-form.h"
#include "dt-lists.h"
#include "dt-sessions.h"
#include "dt-status.h"
#include "dt-util.h"

typedef struct
{
  char      *code;
  GtkWidget *agency;
  GtkWidget *deadline;
} Line;

struct _DtConclusionForm
{
  GtkWidget   parent_instance;

  DtContext  *context;
  DtForm     *form;
  char       *code;
  GPtrArray  *lines;

  GtkWidget  *box;
  GtkWidget  *message;
  GtkWidget  *due_label;
  GtkWidget  *table;
  GtkWidget  *table_empty;
  GtkWidget  *issue_button;
};

G_DEFINE_FINAL_TYPE (DtConclusionForm, dt_conclusion_form, GTK_TYPE_WIDGET)

enum {
  SIGNAL_ISSUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
line_free (Line *line)
{
  g_free (line->code);
  g_free (line);
}

static DtDatabase *
database (DtConclusionForm *self)
{
  return dt_context_get_database (self->context);
}

/* The deadline an assignment on the conclusion's date gives, from the core's calendar. */
static void
update_deadlines (DtConclusionForm *self)
{
  g_autofree char *date = dt_form_get_value (self->form, "conclusion_date", NULL);
  g_autoptr(DtWorkCalendar) calendar = NULL;
  g_autoptr(DtUnit) unit = NULL;
  GDate from, deadline;
  gboolean known;

  known = date != NULL && dt_date_parse (date, &from) &&
          (calendar = dt_work_calendar_new (database (self), NULL)) != NULL &&
          (unit = dt_unit_load (database (self), NULL)) != NULL &&
          dt_work_calendar_add (calendar, &from, unit->answer_working_days, &deadline, NULL);
  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);
      g_autofree char *text = NULL;

      if (!known || gtk_drop_down_get_selected (GTK_DROP_DOWN (line->agency)) == 0)
        {
          gtk_label_set_label (GTK_LABEL (line->deadline), "—");
          continue;
        }
      text = dt_date_format_display (&deadline);
      gtk_label_set_label (GTK_LABEL (line->deadline), text);
    }
}

static void
agency_selected_cb (GtkDropDown      *drop_down,
                    GParamSpec       *pspec,
                    DtConclusionForm *self)
{
  update_deadlines (self);
}

static void
form_changed_cb (DtForm           *form,
                 DtConclusionForm *self)
{
  update_deadlines (self);
}

static GtkWidget *
cell (const char *text,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (heading)
    gtk_widget_add_css_class (label, "caption-heading");
  return label;
}

static void
fill_table (DtConclusionForm *self)
{
  g_autoptr(DtWorkCalendar) calendar = dt_work_calendar_new (database (self), NULL);
  g_autoptr(DtUnit) unit = dt_unit_load (database (self), NULL);
  g_auto(GStrv) agencies = dt_list_get_active (database (self), DT_LIST_AGENCIES, NULL);
  g_auto(GStrv) codes = dt_session_petition_codes (database (self), self->code, NULL);
  GtkWidget *child;
  GDate end;
  int row = 1;

  while ((child = gtk_widget_get_first_child (self->table)) != NULL)
    gtk_grid_remove (GTK_GRID (self->table), child);
  g_ptr_array_set_size (self->lines, 0);

  gtk_grid_attach (GTK_GRID (self->table), cell (_("Opinion"), TRUE), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->table), cell (_("Assigned to"), TRUE), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->table), cell (_("Answer due by"), TRUE), 2, 0, 1, 1);

  g_date_set_dmy (&end, 31, 12, DT_YEAR_MAX);
  for (guint i = 0; codes != NULL && calendar != NULL && unit != NULL && codes[i] != NULL; i++)
    {
      g_autoptr(DtPetition) petition = dt_petition_load (database (self), codes[i], NULL);
      g_autofree char *text = NULL;
      DtPetitionState state;

      if (petition == NULL)
        continue;
      dt_petition_get_state (petition, &end, calendar, unit->answer_working_days, &state);
      /* Answered on the spot, declined or withdrawn: nothing to assign. */
      if (!state.open || state.status == DT_STATUS_ESCALATED)
        continue;

      text = g_strdup_printf ("%s — %s", petition->code,
                              petition->summary != NULL ? petition->summary : "");
      gtk_grid_attach (GTK_GRID (self->table), cell (text, FALSE), 0, row, 1, 1);
      if (state.status == DT_STATUS_ASSIGNED)
        {
          g_autofree char *deadline = state.has_deadline
                                      ? dt_date_format_display (&state.deadline)
                                      : g_strdup ("—");

          gtk_grid_attach (GTK_GRID (self->table), cell (petition->assigned_to, FALSE), 1, row,
                           1, 1);
          gtk_grid_attach (GTK_GRID (self->table), cell (deadline, FALSE), 2, row, 1, 1);
        }
      else
        {
          g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
          g_autofree char *name = g_strdup_printf ("assign-%s", petition->code);
          g_autofree char *accessible = g_strdup_printf (_("Agency for opinion %s"),
                                                         petition->code);
          Line *line = g_new0 (Line, 1);

          gtk_string_list_append (model, "—");
          for (guint j = 0; agencies != NULL && agencies[j] != NULL; j++)
            gtk_string_list_append (model, agencies[j]);
          line->code = g_strdup (petition->code);
          line->agency = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&model)),
                                            gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                                         NULL, "string"));
          gtk_drop_down_set_enable_search (GTK_DROP_DOWN (line->agency), TRUE);
          gtk_widget_set_name (line->agency, name);
          gtk_widget_set_valign (line->agency, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (line->agency),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
          g_signal_connect (line->agency, "notify::selected", G_CALLBACK (agency_selected_cb),
                            self);
          line->deadline = cell ("—", FALSE);
          gtk_grid_attach (GTK_GRID (self->table), line->agency, 1, row, 1, 1);
          gtk_grid_attach (GTK_GRID (self->table), line->deadline, 2, row, 1, 1);
          g_ptr_array_add (self->lines, line);
        }
      row++;
    }
  gtk_widget_set_visible (self->table, row > 1);
  gtk_widget_set_visible (self->table_empty, row == 1);
  update_deadlines (self);
}

gboolean
dt_conclusion_form_load (DtConclusionForm *self,
                         const char       *code)
{
  /* CODE may be self->code itself, which is about to be replaced. */
  g_autofree char *owned = g_strdup (code);
  g_autoptr(DtSessionInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  g_autofree char *text = NULL;
  GDate today;
  gboolean held;

  code = owned;

  g_return_val_if_fail (DT_IS_CONCLUSION_FORM (self), FALSE);

  dt_context_get_today (self->context, &today);
  if (!(info = dt_session_info_load (database (self), code, &today, &error)))
    {
      dt_label_show_text (self->message, error->message);
      return FALSE;
    }
  g_free (self->code);
  self->code = g_strdup (code);
  dt_form_set_value (self->form, "conclusion_number", info->session->conclusion_number);
  dt_form_set_value (self->form, "conclusion_date", info->session->conclusion_date);
  dt_form_clear_problems (self->form);
  dt_form_set_clean (self->form);
  dt_label_show_text (self->message, NULL);

  held = g_strcmp0 (info->session->status, "held") == 0;
  due = dt_date_format_display (&info->conclusion_due);
  if (!held)
    text = g_strdup (_("Record the minutes first: the conclusion notice follows a session "
                       "that was held."));
  else if (info->session->conclusion_date != NULL)
    text = g_strdup_printf (info->conclusion_late
                            ? _("Issued after its due date, %s. Opinions still open can be "
                                "assigned here.")
                            : _("Issued within its due date, %s. Opinions still open can be "
                                "assigned here."), due);
  else
    text = g_strdup_printf (info->conclusion_late
                            ? _("The conclusion notice was due by %s and is late.")
                            : _("The conclusion notice is due by %s."), due);
  gtk_label_set_label (GTK_LABEL (self->due_label), text);
  gtk_widget_set_sensitive (self->issue_button, held);
  fill_table (self);
  return TRUE;
}

gboolean
dt_conclusion_form_set_agency (DtConclusionForm *self,
                               const char       *petition,
                               const char       *agency)
{
  g_return_val_if_fail (DT_IS_CONCLUSION_FORM (self), FALSE);

  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);
      GListModel *model;

      if (g_strcmp0 (line->code, petition) != 0)
        continue;
      model = gtk_drop_down_get_model (GTK_DROP_DOWN (line->agency));
      for (guint j = 0; j < g_list_model_get_n_items (model); j++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (model, j);

          if (g_strcmp0 (gtk_string_object_get_string (item), agency) == 0)
            {
              gtk_drop_down_set_selected (GTK_DROP_DOWN (line->agency), j);
              return TRUE;
            }
        }
    }
  return FALSE;
}

guint
dt_conclusion_form_get_n_open (DtConclusionForm *self)
{
  g_return_val_if_fail (DT_IS_CONCLUSION_FORM (self), 0);

  return self->lines->len;
}

gboolean
dt_conclusion_form_issue (DtConclusionForm *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) petitions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) agencies = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *number = NULL;
  g_autofree char *date = NULL;
  g_autofree char *rest = NULL;
  GError *error = NULL;

  g_return_val_if_fail (DT_IS_CONCLUSION_FORM (self), FALSE);

  number = dt_form_get_value (self->form, "conclusion_number", NULL);
  date = dt_form_get_value (self->form, "conclusion_date", &error);
  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);
      GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (line->agency));

      if (gtk_drop_down_get_selected (GTK_DROP_DOWN (line->agency)) == 0 || item == NULL)
        continue;
      g_ptr_array_add (petitions, g_strdup (line->code));
      g_ptr_array_add (agencies, g_strdup (gtk_string_object_get_string (item)));
    }
  g_ptr_array_add (petitions, NULL);
  g_ptr_array_add (agencies, NULL);

  if (error == NULL &&
      dt_session_conclude (database (self), self->code, number, date,
                           (const char * const *) petitions->pdata,
                           (const char * const *) agencies->pdata, &error))
    {
      g_autofree char *code = g_strdup (self->code);

      dt_conclusion_form_load (self, code);
      g_signal_emit (self, signals[SIGNAL_ISSUED], 0, code);
      return TRUE;
    }
  g_ptr_array_add (problems, error);
  rest = dt_form_show_problems (self->form, problems);
  dt_label_show_text (self->message, rest);
  return FALSE;
}

static void
issue_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  dt_conclusion_form_issue (DT_CONCLUSION_FORM (widget));
}

static void
build (DtConclusionForm *self)
{
  GtkWidget *grid, *buttons, *heading;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->due_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->due_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->due_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->due_label), 60);
  gtk_widget_set_name (self->due_label, "conclusion-due");
  gtk_box_append (GTK_BOX (self->box), self->due_label);

  self->message = dt_problem_label_new ("conclusion-message");
  gtk_box_append (GTK_BOX (self->box), self->message);

  grid = gtk_grid_new ();
  gtk_box_append (GTK_BOX (self->box), grid);
  self->form = dt_form_new (DT_RECORD_SESSION, GTK_GRID (grid));
  g_signal_connect (self->form, "changed", G_CALLBACK (form_changed_cb), self);
  dt_form_add (self->form, "conclusion_number");
  gtk_entry_set_placeholder_text (GTK_ENTRY (dt_form_get_widget (self->form,
                                                                 "conclusion_number")),
                                  "20-TB/ĐU");
  dt_form_add (self->form, "conclusion_date");

  heading = gtk_label_new (_("Opinions still open, assigned by the notice"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (GTK_BOX (self->box), heading);

  self->table = gtk_grid_new ();
  gtk_widget_set_name (self->table, "conclusion-table");
  gtk_widget_add_css_class (self->table, "dt-card");
  gtk_grid_set_column_spacing (GTK_GRID (self->table), 18);
  gtk_grid_set_row_spacing (GTK_GRID (self->table), 8);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->table),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
  gtk_box_append (GTK_BOX (self->box), self->table);
  self->table_empty = gtk_label_new (_("No opinion is waiting for an agency."));
  gtk_label_set_xalign (GTK_LABEL (self->table_empty), 0);
  gtk_widget_add_css_class (self->table_empty, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->table_empty);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  self->issue_button = dt_button_new (_("_Issue Conclusion Notice"));
  gtk_widget_set_name (self->issue_button, "conclusion-issue");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->issue_button), "conclusion.issue");
  gtk_widget_add_css_class (self->issue_button, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), self->issue_button);
  gtk_box_append (GTK_BOX (self->box), buttons);
}

static void
dt_conclusion_form_dispose (GObject *object)
{
  DtConclusionForm *self = (DtConclusionForm *) object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->form);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (dt_conclusion_form_parent_class)->dispose (object);
}

static void
dt_conclusion_form_finalize (GObject *object)
{
  DtConclusionForm *self = (DtConclusionForm *) object;

  g_free (self->code);
  g_clear_pointer (&self->lines, g_ptr_array_unref);

  G_OBJECT_CLASS (dt_conclusion_form_parent_class)->finalize (object);
}

static void
dt_conclusion_form_class_init (DtConclusionFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_conclusion_form_dispose;
  object_class->finalize = dt_conclusion_form_finalize;

  signals[SIGNAL_ISSUED] =
    g_signal_new ("issued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "conclusion.issue", NULL, issue_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dt_conclusion_form_init (DtConclusionForm *self)
{
  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  build (self);
}

GtkWidget *
dt_conclusion_form_new (void)
{
  return g_object_new (DT_TYPE_CONCLUSION_FORM, NULL);
}

void
dt_conclusion_form_set_context (DtConclusionForm *self,
                                DtContext        *context)
{
  g_return_if_fail (DT_IS_CONCLUSION_FORM (self));

  g_set_object (&self->context, context);
}
