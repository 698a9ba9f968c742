/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-session-form"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-codes.h"
#include "dt-form.h"
#include "dt-lists.h"
#include "dt-plans.h"
#include "dt-session-form.h"
#include "dt-util.h"

struct _DtSessionForm
{
  GtkWidget   parent_instance;

  DtContext  *context;
  DtForm     *form;
  char       *code;
  DtSession  *loaded;

  GtkWidget  *box;
  GtkWidget  *draft_bar;
  GtkWidget  *draft_label;
  GtkWidget  *message;
};

G_DEFINE_FINAL_TYPE (DtSessionForm, dt_session_form, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const text_keys[] = {
  "kind", "plan", "date", "time", "location", "village", "topic", "chair", "secretary",
  "notice_number", "notice_date",
};

static DtDatabase *
database (DtSessionForm *self)
{
  return dt_context_get_database (self->context);
}

static char **
session_field (DtSession  *session,
               const char *key)
{
  const struct { const char *key; char **field; } fields[] = {
    { "kind", &session->kind }, { "plan", &session->plan }, { "date", &session->date },
    { "time", &session->time }, { "location", &session->location },
    { "village", &session->village }, { "topic", &session->topic },
    { "chair", &session->chair }, { "secretary", &session->secretary },
    { "notice_number", &session->notice_number }, { "notice_date", &session->notice_date },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].key, key))
      return fields[i].field;
  g_return_val_if_reached (NULL);
}

static void
keep_drafts (DtSessionForm *self)
{
  g_autofree char *key = g_strdup_printf ("session:%s", self->code != NULL ? self->code : "new");

  dt_form_keep_drafts (self->form, database (self), key, self->code);
}

static void
offer_draft (DtSessionForm *self)
{
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;
  gboolean restored;

  keep_drafts (self);
  restored = dt_form_restore_draft (self->form, &shown);
  gtk_widget_set_visible (self->draft_bar, restored);
  if (!restored)
    return;
  text = g_strdup_printf (_("Changes not yet saved, kept since %s, are shown. Save them, or "
                            "discard them to see the session as it was saved."),
                          shown);
  gtk_label_set_label (GTK_LABEL (self->draft_label), text);
}

static void
fill (DtSessionForm   *self,
      const DtSession *session)
{
  DtSession *copy = (DtSession *) session;

  for (guint i = 0; i < G_N_ELEMENTS (text_keys); i++)
    dt_form_set_value (self->form, text_keys[i], *session_field (copy, text_keys[i]));
  dt_form_clear_problems (self->form);
  dt_form_set_clean (self->form);
  dt_label_show_text (self->message, NULL);
}

void
dt_session_form_refresh_choices (DtSessionForm *self)
{
  g_auto(GStrv) villages = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_auto(GStrv) plan_codes = NULL;

  g_return_if_fail (DT_IS_SESSION_FORM (self));

  if (self->context == NULL)
    return;
  villages = dt_list_get_active (database (self), DT_LIST_VILLAGES, NULL);
  dt_form_set_names (self->form, "village", (const char * const *) villages);
  plans = dt_plan_summaries (database (self), NULL);
  for (guint i = 0; plans != NULL && i < plans->len; i++)
    g_strv_builder_add (codes, ((DtPlanSummary *) g_ptr_array_index (plans, i))->code);
  plan_codes = g_strv_builder_end (codes);
  dt_form_set_names (self->form, "plan", (const char * const *) plan_codes);
}

gboolean
dt_session_form_load (DtSessionForm *self,
                      const char    *code)
{
  /* CODE may be self->code itself, which is about to be replaced. */
  g_autofree char *owned = g_strdup (code);
  g_autoptr(GError) error = NULL;
  DtSession *session;

  code = owned;

  g_return_val_if_fail (DT_IS_SESSION_FORM (self), FALSE);

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
  dt_session_form_refresh_choices (self);
  fill (self, session);
  offer_draft (self);
  return TRUE;
}

void
dt_session_form_load_new (DtSessionForm *self,
                          const char    *date)
{
  g_autoptr(DtSession) session = dt_session_new ();
  g_autoptr(DtUnit) unit = NULL;
  GDate today;

  g_return_if_fail (DT_IS_SESSION_FORM (self));

  dt_form_flush_draft (self->form);
  dt_context_get_today (self->context, &today);
  g_clear_pointer (&self->loaded, dt_session_free);
  g_clear_pointer (&self->code, g_free);
  dt_form_keep_drafts (self->form, NULL, NULL, NULL);
  dt_session_form_refresh_choices (self);

  session->kind = g_strdup ("dialogue");
  session->status = g_strdup ("planned");
  session->plan = dt_plan_find_for_year (database (self), g_date_get_year (&today), NULL);
  session->date = g_strdup (date);
  session->time = g_strdup ("08:00");
  /* The signer usually chairs; the office keeps the minutes. */
  unit = dt_unit_load (database (self), NULL);
  if (unit != NULL && unit->signer_name != NULL)
    session->chair = g_strdup (unit->signer_name);
  fill (self, session);
  offer_draft (self);
  gtk_widget_grab_focus (dt_form_get_widget (self->form, "kind"));
}

static DtSession *
read_session (DtSessionForm *self,
              GPtrArray     *problems)
{
  DtSession *session = dt_session_new ();

  /* What the form does not show stays as it was: status, minutes, conclusion. */
  if (self->loaded != NULL)
    {
      const struct { char **to; const char *from; } kept[] = {
        { &session->status, self->loaded->status },
        { &session->status_reason, self->loaded->status_reason },
        { &session->minutes_start, self->loaded->minutes_start },
        { &session->minutes_end, self->loaded->minutes_end },
        { &session->composition, self->loaded->composition },
        { &session->proceedings, self->loaded->proceedings },
        { &session->minutes_conclusion, self->loaded->minutes_conclusion },
        { &session->conclusion_number, self->loaded->conclusion_number },
        { &session->conclusion_date, self->loaded->conclusion_date },
      };

      for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
        *kept[i].to = g_strdup (kept[i].from);
      session->attendance = self->loaded->attendance;
    }
  else
    session->status = g_strdup ("planned");
  session->code = g_strdup (self->code);

  for (guint i = 0; i < G_N_ELEMENTS (text_keys); i++)
    {
      GError *error = NULL;
      char **field = session_field (session, text_keys[i]);

      g_free (*field);
      *field = dt_form_get_value (self->form, text_keys[i], &error);
      if (error != NULL)
        g_ptr_array_add (problems, error);
    }
  return session;
}

gboolean
dt_session_form_save (DtSessionForm *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(DtSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rest = NULL;
  gboolean is_new;

  g_return_val_if_fail (DT_IS_SESSION_FORM (self), FALSE);

  session = read_session (self, problems);
  is_new = session->code == NULL;
  if (problems->len == 0 && is_new)
    {
      GDate date;

      /* The code follows the kind and the year: HN-2026-03. */
      if (session->date != NULL && dt_date_parse (session->date, &date) && session->kind != NULL)
        session->code = dt_session_next_code (database (self), session->kind,
                                              g_date_get_year (&date), NULL);
    }
  if (problems->len == 0)
    g_ptr_array_extend_and_steal (problems, dt_session_problems (session));
  if (problems->len == 0 &&
      (is_new ? dt_session_insert (database (self), session, &error) == 0
              : !dt_session_update (database (self), session, &error)))
    g_ptr_array_add (problems, g_steal_pointer (&error));
  if (problems->len > 0)
    {
      rest = dt_form_show_problems (self->form, problems);
      dt_label_show_text (self->message, rest);
      dt_form_flush_draft (self->form);
      return FALSE;
    }

  dt_form_drop_draft (self->form);
  gtk_widget_set_visible (self->draft_bar, FALSE);
  g_free (self->code);
  self->code = g_strdup (session->code);
  dt_session_form_load (self, self->code);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->code);
  return TRUE;
}

gboolean
dt_session_form_leave (DtSessionForm *self)
{
  g_return_val_if_fail (DT_IS_SESSION_FORM (self), TRUE);

  if (self->context == NULL || !dt_form_is_dirty (self->form))
    return TRUE;
  if (dt_session_form_save (self))
    return TRUE;
  dt_form_flush_draft (self->form);
  return FALSE;
}

gboolean
dt_session_form_is_dirty (DtSessionForm *self)
{
  g_return_val_if_fail (DT_IS_SESSION_FORM (self), FALSE);

  return dt_form_is_dirty (self->form);
}

const char *
dt_session_form_get_code (DtSessionForm *self)
{
  g_return_val_if_fail (DT_IS_SESSION_FORM (self), NULL);

  return self->code;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dt_session_form_save (DT_SESSION_FORM (widget));
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DtSessionForm *self = DT_SESSION_FORM (widget);

  dt_form_drop_draft (self->form);
  gtk_widget_set_visible (self->draft_bar, FALSE);
  if (self->code != NULL)
    dt_session_form_load (self, self->code);
  else
    dt_session_form_load_new (self, NULL);
}

static void
build (DtSessionForm *self)
{
  GtkWidget *grid, *buttons, *save, *topic;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->draft_bar = dt_draft_bar_new ("session-form.discard", NULL, &self->draft_label);
  gtk_box_append (GTK_BOX (self->box), self->draft_bar);

  self->message = dt_problem_label_new ("session-message");
  gtk_box_append (GTK_BOX (self->box), self->message);

  grid = gtk_grid_new ();
  gtk_box_append (GTK_BOX (self->box), grid);
  self->form = dt_form_new (DT_RECORD_SESSION, GTK_GRID (grid));
  dt_form_add (self->form, "kind");
  dt_form_add (self->form, "plan");
  dt_form_add (self->form, "date");
  dt_form_add (self->form, "time");
  dt_form_add (self->form, "location");
  dt_form_add (self->form, "village");
  topic = dt_form_add_text_area (self->form, "topic", 2);
  gtk_widget_set_name (topic, "session-topic");
  dt_form_add (self->form, "chair");
  dt_form_add (self->form, "secretary");
  dt_form_add_heading (self->form, _("Notice"));
  dt_form_add (self->form, "notice_number");
  gtk_entry_set_placeholder_text (GTK_ENTRY (dt_form_get_widget (self->form, "notice_number")),
                                  "15-TB/ĐU");
  dt_form_add (self->form, "notice_date");

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  save = dt_button_new (_("_Save Session"));
  gtk_widget_set_name (save, "session-save");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "session-form.save");
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), save);
  gtk_box_append (GTK_BOX (self->box), buttons);
}

static void
dt_session_form_dispose (GObject *object)
{
  DtSessionForm *self = (DtSessionForm *) object;

  if (self->form != NULL)
    dt_form_flush_draft (self->form);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->form);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (dt_session_form_parent_class)->dispose (object);
}

static void
dt_session_form_finalize (GObject *object)
{
  DtSessionForm *self = (DtSessionForm *) object;

  g_free (self->code);
  g_clear_pointer (&self->loaded, dt_session_free);

  G_OBJECT_CLASS (dt_session_form_parent_class)->finalize (object);
}

static void
dt_session_form_class_init (DtSessionFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_session_form_dispose;
  object_class->finalize = dt_session_form_finalize;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "session-form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "session-form.discard", NULL, discard_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "session-form.save", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dt_session_form_init (DtSessionForm *self)
{
  build (self);
}

GtkWidget *
dt_session_form_new (void)
{
  return g_object_new (DT_TYPE_SESSION_FORM, NULL);
}

void
dt_session_form_set_context (DtSessionForm *self,
                             DtContext     *context)
{
  g_return_if_fail (DT_IS_SESSION_FORM (self));

  g_set_object (&self->context, context);
}
