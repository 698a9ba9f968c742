/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-minutes-form"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-calendar.h"
#include "dt-dialogs.h"
#include "dt-error.h"
#include "dt-form.h"
#include "dt-lists.h"
#include "dt-minutes-form.h"
#include "dt-sessions.h"
#include "dt-status.h"
#include "dt-util.h"

struct _DtMinutesForm
{
  GtkWidget   parent_instance;

  DtContext  *context;
  DtForm     *form;
  char       *code;
  DtSession  *loaded;
  guint       n_opinions;

  GtkWidget  *box;
  GtkWidget  *message;
  GtkWidget  *opinions;
  GtkWidget  *opinions_empty;
  GtkWidget  *line;
  GtkWidget  *petitioner;
  GtkWidget  *village;
  GtkWidget  *field;
  GtkWidget  *summary;
  GtkWidget  *answer;
  GtkWidget  *line_message;
};

G_DEFINE_FINAL_TYPE (DtMinutesForm, dt_minutes_form, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static DtDatabase *
database (DtMinutesForm *self)
{
  return dt_context_get_database (self->context);
}

/* ------------------------------------------------------------------------------------------
 * Opinions
 * ------------------------------------------------------------------------------------------ */

static GtkStringList *
names_model (DtMinutesForm *self,
             DtList         list)
{
  g_auto(GStrv) names = dt_list_get_active (database (self), list, NULL);
  GtkStringList *model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, "—");
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    gtk_string_list_append (model, names[i]);
  return model;
}

static char *
drop_down_name (GtkWidget *drop_down)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (drop_down));

  if (item == NULL || gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)) == 0)
    return NULL;
  return g_strdup (gtk_string_object_get_string (item));
}

void
dt_minutes_form_refresh_choices (DtMinutesForm *self)
{
  g_autoptr(GtkStringList) villages = NULL;
  g_autoptr(GtkStringList) fields = NULL;

  g_return_if_fail (DT_IS_MINUTES_FORM (self));

  if (self->context == NULL)
    return;
  villages = names_model (self, DT_LIST_VILLAGES);
  fields = names_model (self, DT_LIST_FIELDS);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->village), G_LIST_MODEL (villages));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->field), G_LIST_MODEL (fields));
}

static char *
petition_state_text (DtMinutesForm    *self,
                     const DtPetition *petition,
                     gboolean         *can_answer)
{
  g_autoptr(DtWorkCalendar) calendar = dt_work_calendar_new (database (self), NULL);
  g_autoptr(DtUnit) unit = dt_unit_load (database (self), NULL);
  DtPetitionState state;
  GDate today;

  dt_context_get_today (self->context, &today);
  if (calendar == NULL || unit == NULL)
    return g_strdup ("");
  /* Everything recorded so far counts, even dated after today. */
  g_date_set_dmy (&today, 31, 12, DT_YEAR_MAX);
  dt_petition_get_state (petition, &today, calendar, unit->answer_working_days, &state);
  *can_answer = state.status == DT_STATUS_RECEIVED;
  if (state.status == DT_STATUS_ASSIGNED && state.has_deadline)
    {
      g_autofree char *deadline = dt_date_format_display (&state.deadline);

      return g_strdup_printf (_("Assigned to %s, to answer by %s"),
                              petition->assigned_to != NULL ? petition->assigned_to : "—",
                              deadline);
    }
  if (state.status == DT_STATUS_ANSWERED && petition->answer != NULL)
    return g_strdup_printf (_("Answered at the session: %s"), petition->answer);
  return g_strdup (dt_status_label (state.status));
}

static void
answer_text_cb (const char *text,
                gpointer    user_data)
{
  GtkWidget *button = user_data;
  DtMinutesForm *self = g_object_get_data (G_OBJECT (button), "dt-form");
  const char *code = g_object_get_data (G_OBJECT (button), "dt-code");
  g_autoptr(GError) error = NULL;

  if (text != NULL && *text != '\0' && self->loaded != NULL &&
      !dt_petition_answer (database (self), code, self->loaded->date, text, &error))
    dt_show_message (GTK_WIDGET (self), _("The answer cannot be recorded"), error->message);
  else if (text != NULL)
    dt_minutes_form_load (self, self->code);
  g_object_unref (button);
}

static void
answer_clicked_cb (GtkButton     *button,
                   DtMinutesForm *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "dt-code");
  g_autofree char *heading = g_strdup_printf (_("Answer to opinion %s"), code);

  g_object_set_data (G_OBJECT (button), "dt-form", self);
  dt_ask_text (GTK_WIDGET (self), heading,
               _("What the chair or an agency answered at the session. The opinion is then "
                 "closed as answered on the spot, on the session’s day."),
               _("_Answer given"), NULL, _("_Record Answer"), answer_text_cb, g_object_ref (button));
}

static GtkWidget *
opinion_row_new (DtMinutesForm    *self,
                 const DtPetition *petition)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *title = NULL;
  g_autofree char *state = NULL;
  g_autofree char *accessible = NULL;
  gboolean can_answer = FALSE;
  GtkWidget *title_label, *state_label;

  title = g_strdup_printf ("%s · %s — %s", petition->code,
                           petition->petitioner != NULL ? petition->petitioner : _("(no name)"),
                           petition->summary != NULL ? petition->summary : "");
  state = petition_state_text (self, petition, &can_answer);
  title_label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title_label), 60);
  state_label = gtk_label_new (state);
  gtk_label_set_xalign (GTK_LABEL (state_label), 0);
  gtk_label_set_wrap (GTK_LABEL (state_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (state_label), 60);
  gtk_widget_add_css_class (state_label, "dim-label");
  gtk_widget_add_css_class (state_label, "caption");
  gtk_box_append (GTK_BOX (labels), title_label);
  gtk_box_append (GTK_BOX (labels), state_label);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);
  if (can_answer)
    {
      GtkWidget *button = dt_button_new (_("_Answer…"));
      g_autofree char *name = g_strdup_printf ("answer-%s", petition->code);
      g_autofree char *label = g_strdup_printf (_("Answer opinion %s"), petition->code);

      gtk_widget_set_name (button, name);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data_full (G_OBJECT (button), "dt-code", g_strdup (petition->code), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (answer_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  accessible = g_strdup_printf ("%s. %s", title, state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return row;
}

static void
show_opinions (DtMinutesForm *self)
{
  g_auto(GStrv) codes = NULL;
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (self->opinions)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->opinions), row);
  self->n_opinions = 0;
  if (self->code == NULL ||
      !(codes = dt_session_petition_codes (database (self), self->code, NULL)))
    return;
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(DtPetition) petition = dt_petition_load (database (self), codes[i], NULL);

      if (petition == NULL)
        continue;
      gtk_list_box_append (GTK_LIST_BOX (self->opinions), opinion_row_new (self, petition));
      self->n_opinions++;
    }
  gtk_widget_set_visible (self->opinions, self->n_opinions > 0);
  gtk_widget_set_visible (self->opinions_empty, self->n_opinions == 0);
}

gboolean
dt_minutes_form_add_opinion (DtMinutesForm *self)
{
  g_autoptr(DtPetition) opinion = dt_petition_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (DT_IS_MINUTES_FORM (self), FALSE);

  if (self->code == NULL)
    return FALSE;
  opinion->petitioner = dt_text_clean (gtk_editable_get_text (GTK_EDITABLE (self->petitioner)));
  opinion->village = drop_down_name (self->village);
  opinion->field = drop_down_name (self->field);
  opinion->summary = dt_text_clean (gtk_editable_get_text (GTK_EDITABLE (self->summary)));
  opinion->answer = dt_text_clean (gtk_editable_get_text (GTK_EDITABLE (self->answer)));
  if (opinion->summary == NULL)
    {
      dt_label_show_text (self->line_message,
                          _("Type what was asked or proposed, then press Enter."));
      gtk_widget_add_css_class (self->summary, "error");
      gtk_widget_grab_focus (self->summary);
      return FALSE;
    }
  if (!(code = dt_session_add_opinion (database (self), self->code, opinion, &error)))
    {
      dt_label_show_text (self->line_message, dt_error_get_hint (error));
      return FALSE;
    }
  dt_label_show_text (self->line_message, NULL);
  gtk_widget_remove_css_class (self->summary, "error");
  /* Ready for the next speaker; the village and field often stay the same. */
  gtk_editable_set_text (GTK_EDITABLE (self->petitioner), "");
  gtk_editable_set_text (GTK_EDITABLE (self->summary), "");
  gtk_editable_set_text (GTK_EDITABLE (self->answer), "");
  show_opinions (self);
  gtk_widget_grab_focus (self->petitioner);
  return TRUE;
}

static void
line_activate_cb (GtkEntry      *entry,
                  DtMinutesForm *self)
{
  dt_minutes_form_add_opinion (self);
}

static void
petitioner_activate_cb (GtkEntry      *entry,
                        DtMinutesForm *self)
{
  gtk_widget_grab_focus (self->summary);
}

guint
dt_minutes_form_get_n_opinions (DtMinutesForm *self)
{
  g_return_val_if_fail (DT_IS_MINUTES_FORM (self), 0);

  return self->n_opinions;
}

/* ------------------------------------------------------------------------------------------
 * The minutes
 * ------------------------------------------------------------------------------------------ */

gboolean
dt_minutes_form_load (DtMinutesForm *self,
                      const char    *code)
{
  /* CODE may be self->code itself, which is about to be replaced. */
  g_autofree char *owned = g_strdup (code);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  DtSession *session;

  code = owned;
  g_return_val_if_fail (DT_IS_MINUTES_FORM (self), FALSE);

  dt_form_flush_draft (self->form);
  if (!(session = dt_session_load (database (self), code, &error)))
    {
      dt_label_show_text (self->message, error->message);
      return FALSE;
    }
  g_clear_pointer (&self->loaded, dt_session_free);
  self->loaded = session;
  g_free (self->code);
  self->code = g_strdup (code);

  dt_form_keep_drafts (self->form, NULL, NULL, NULL);
  dt_form_set_value (self->form, "start", session->minutes_start);
  dt_form_set_value (self->form, "end", session->minutes_end);
  dt_form_set_int (self->form, "attendance", session->attendance);
  dt_form_set_value (self->form, "composition", session->composition);
  dt_form_set_value (self->form, "proceedings", session->proceedings);
  dt_form_set_value (self->form, "conclusion", session->minutes_conclusion);
  dt_form_clear_problems (self->form);
  dt_form_set_clean (self->form);
  dt_label_show_text (self->message, NULL);
  key = g_strdup_printf ("minutes:%s", code);
  dt_form_keep_drafts (self->form, database (self), key, code);
  dt_form_restore_draft (self->form, NULL);

  dt_minutes_form_refresh_choices (self);
  show_opinions (self);
  return TRUE;
}

gboolean
dt_minutes_form_save (DtMinutesForm *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *rest = NULL;
  g_autoptr(DtSession) session = NULL;
  GError *field_error = NULL;
  GDate today, date;

  g_return_val_if_fail (DT_IS_MINUTES_FORM (self), FALSE);

  /* A fresh copy: what is in memory stays what the database holds until it is written. */
  if (self->code == NULL || !(session = dt_session_load (database (self), self->code, &error)))
    {
      if (error != NULL)
        dt_label_show_text (self->message, error->message);
      return FALSE;
    }
  g_free (session->minutes_start);
  session->minutes_start = dt_form_get_value (self->form, "start", &field_error);
  if (field_error != NULL)
    g_ptr_array_add (problems, g_steal_pointer (&field_error));
  g_free (session->minutes_end);
  session->minutes_end = dt_form_get_value (self->form, "end", &field_error);
  if (field_error != NULL)
    g_ptr_array_add (problems, g_steal_pointer (&field_error));
  session->attendance = dt_form_get_int (self->form, "attendance", &field_error);
  if (field_error != NULL)
    g_ptr_array_add (problems, g_steal_pointer (&field_error));
  g_free (session->composition);
  session->composition = dt_form_get_value (self->form, "composition", NULL);
  g_free (session->proceedings);
  session->proceedings = dt_form_get_value (self->form, "proceedings", NULL);
  g_free (session->minutes_conclusion);
  session->minutes_conclusion = dt_form_get_value (self->form, "conclusion", NULL);

  /* Minutes are of a session that took place: it is held from now on. */
  dt_context_get_today (self->context, &today);
  if (dt_date_parse (session->date, &date) && g_date_compare (&date, &today) > 0)
    {
      g_autofree char *shown = dt_date_to_display (session->date);
      g_autofree char *text = g_strdup_printf (_("The session is on %s: its minutes can be "
                                                 "recorded from that day."), shown);

      dt_label_show_text (self->message, text);
      dt_form_flush_draft (self->form);
      return FALSE;
    }
  if (g_strcmp0 (session->status, "planned") == 0 || g_strcmp0 (session->status, "postponed") == 0)
    {
      g_free (session->status);
      session->status = g_strdup ("held");
      g_clear_pointer (&session->status_reason, g_free);
    }

  if (problems->len == 0)
    g_ptr_array_extend_and_steal (problems, dt_session_problems (session));
  if (problems->len == 0 && !dt_session_update (database (self), session, &error))
    g_ptr_array_add (problems, g_steal_pointer (&error));
  if (problems->len > 0)
    {
      rest = dt_form_show_problems (self->form, problems);
      dt_label_show_text (self->message, rest);
      dt_form_flush_draft (self->form);
      return FALSE;
    }
  dt_form_drop_draft (self->form);
  dt_minutes_form_load (self, self->code);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->code);
  return TRUE;
}

gboolean
dt_minutes_form_leave (DtMinutesForm *self)
{
  g_return_val_if_fail (DT_IS_MINUTES_FORM (self), TRUE);

  if (self->context == NULL || self->code == NULL || !dt_form_is_dirty (self->form))
    return TRUE;
  if (dt_minutes_form_save (self))
    return TRUE;
  dt_form_flush_draft (self->form);
  return FALSE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dt_minutes_form_save (DT_MINUTES_FORM (widget));
}

static void
add_opinion_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  dt_minutes_form_add_opinion (DT_MINUTES_FORM (widget));
}

static GtkWidget *
attach_labelled (GtkWidget  *grid,
                 int         column,
                 int         row,
                 int         width,
                 const char *text,
                 GtkWidget  *widget,
                 const char *name)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_name (widget, name);
  dt_widget_set_label_widget (widget, label);
  gtk_grid_attach (GTK_GRID (grid), label, column, row, width, 1);
  gtk_grid_attach (GTK_GRID (grid), widget, column, row + 1, width, 1);
  return widget;
}

static GtkWidget *
names_drop_down (void)
{
  GtkWidget *drop_down;

  drop_down = gtk_drop_down_new (NULL, gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                                    NULL, "string"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  /* As wide as a village's name from the start: sized to "—", the line would move when one
   * is chosen, and a name would not fit. */
  gtk_widget_set_size_request (drop_down, 170, -1);
  return drop_down;
}

static void
build (DtMinutesForm *self)
{
  GtkWidget *grid, *buttons, *save, *heading, *hint, *add;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->message = dt_problem_label_new ("minutes-message");
  gtk_box_append (GTK_BOX (self->box), self->message);

  grid = gtk_grid_new ();
  gtk_box_append (GTK_BOX (self->box), grid);
  self->form = dt_form_new (DT_RECORD_SESSION, GTK_GRID (grid));
  dt_form_add (self->form, "start");
  dt_form_add (self->form, "end");
  dt_form_add (self->form, "attendance");
  dt_form_add_text_area (self->form, "composition", 3);
  dt_form_add_text_area (self->form, "proceedings", 6);
  dt_form_add_text_area (self->form, "conclusion", 3);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  save = dt_button_new (_("_Save Minutes"));
  gtk_widget_set_name (save, "minutes-save");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "minutes.save");
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), save);
  gtk_box_append (GTK_BOX (self->box), buttons);

  heading = gtk_label_new (_("Opinions raised at the session"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (GTK_BOX (self->box), heading);
  hint = gtk_label_new (_("Type each opinion as it is raised and press Enter: it is recorded at "
                          "once as a petition raised at the session. When it was answered on "
                          "the spot, type the answer too."));
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 60);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (self->box), hint);

  self->opinions = gtk_list_box_new ();
  gtk_widget_set_name (self->opinions, "minutes-opinions");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->opinions), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->opinions, "boxed-list");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->opinions),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
  gtk_widget_set_visible (self->opinions, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->opinions);
  self->opinions_empty = gtk_label_new (_("No opinion recorded yet."));
  gtk_label_set_xalign (GTK_LABEL (self->opinions_empty), 0);
  gtk_widget_add_css_class (self->opinions_empty, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->opinions_empty);

  /* The fast line: Enter in the summary or the answer records the opinion. */
  self->line = gtk_grid_new ();
  gtk_widget_add_css_class (self->line, "dt-card");
  gtk_grid_set_column_spacing (GTK_GRID (self->line), 8);
  gtk_grid_set_row_spacing (GTK_GRID (self->line), 4);
  self->petitioner = attach_labelled (self->line, 0, 0, 1, _("_Who spoke"), gtk_entry_new (),
                                      "opinion-petitioner");
  gtk_widget_set_hexpand (self->petitioner, TRUE);
  self->village = attach_labelled (self->line, 1, 0, 1, _("_Village"), names_drop_down (),
                                   "opinion-village");
  self->field = attach_labelled (self->line, 2, 0, 1, _("_Field"), names_drop_down (),
                                 "opinion-field");
  self->summary = attach_labelled (self->line, 0, 2, 3, _("What was _asked or proposed"),
                                   gtk_entry_new (), "opinion-summary");
  self->answer = attach_labelled (self->line, 0, 4, 2, _("Answer given at the session, if _any"),
                                  gtk_entry_new (), "opinion-answer");
  add = dt_button_new (_("Add _Opinion"));
  gtk_widget_set_name (add, "opinion-add");
  gtk_widget_set_valign (add, GTK_ALIGN_END);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "minutes.add-opinion");
  gtk_grid_attach (GTK_GRID (self->line), add, 2, 5, 1, 1);
  self->line_message = dt_problem_label_new ("opinion-message");
  gtk_grid_attach (GTK_GRID (self->line), self->line_message, 0, 6, 3, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->summary),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->line_message, NULL,
                                  -1);
  g_signal_connect (self->petitioner, "activate", G_CALLBACK (petitioner_activate_cb), self);
  g_signal_connect (self->summary, "activate", G_CALLBACK (line_activate_cb), self);
  g_signal_connect (self->answer, "activate", G_CALLBACK (line_activate_cb), self);
  gtk_box_append (GTK_BOX (self->box), self->line);
}

static void
dt_minutes_form_dispose (GObject *object)
{
  DtMinutesForm *self = (DtMinutesForm *) object;

  if (self->form != NULL)
    dt_form_flush_draft (self->form);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->form);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (dt_minutes_form_parent_class)->dispose (object);
}

static void
dt_minutes_form_finalize (GObject *object)
{
  DtMinutesForm *self = (DtMinutesForm *) object;

  g_free (self->code);
  g_clear_pointer (&self->loaded, dt_session_free);

  G_OBJECT_CLASS (dt_minutes_form_parent_class)->finalize (object);
}

static void
dt_minutes_form_class_init (DtMinutesFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_minutes_form_dispose;
  object_class->finalize = dt_minutes_form_finalize;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "minutes.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "minutes.add-opinion", NULL,
                                   add_opinion_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "minutes.save", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dt_minutes_form_init (DtMinutesForm *self)
{
  build (self);
}

GtkWidget *
dt_minutes_form_new (void)
{
  return g_object_new (DT_TYPE_MINUTES_FORM, NULL);
}

void
dt_minutes_form_set_context (DtMinutesForm *self,
                             DtContext     *context)
{
  g_return_if_fail (DT_IS_MINUTES_FORM (self));

  g_set_object (&self->context, context);
}
