/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-first-run"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-error.h"
#include "dt-first-run.h"
#include "dt-form.h"
#include "dt-lists.h"
#include "dt-util.h"

static const char * const steps[] = { "unit", "signer", "lists" };

struct _DtFirstRun
{
  GtkWindow   parent_instance;

  DtContext  *context;
  DtForm     *unit_form;
  DtForm     *signer_form;
  GtkWidget  *stack;
  GtkWidget  *back_button;
  GtkWidget  *next_button;
  GtkWidget  *message;
  GtkWidget  *lists[3];
};

G_DEFINE_FINAL_TYPE (DtFirstRun, dt_first_run, GTK_TYPE_WINDOW)

static guint
step_index (DtFirstRun *self)
{
  const char *name = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (steps[i], name) == 0)
      return i;
  return 0;
}

static void
show_step (DtFirstRun *self,
           guint       index)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), steps[index]);
  gtk_widget_set_sensitive (self->back_button, index > 0);
  gtk_button_set_label (GTK_BUTTON (self->next_button),
                        index + 1 < G_N_ELEMENTS (steps) ? _("_Next") : _("_Finish"));
  gtk_button_set_use_underline (GTK_BUTTON (self->next_button), TRUE);
  dt_button_fix_name (self->next_button);
  gtk_widget_set_visible (self->message, FALSE);
}

static char **
lines_of (GtkWidget *view)
{
  g_autofree char *text = dt_text_view_dup_text (GTK_TEXT_VIEW (view));
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *clean = dt_text_clean (lines[i]);

      if (clean != NULL)
        g_strv_builder_add (builder, clean);
    }
  return g_strv_builder_end (builder);
}

static void
read_text (DtForm     *form,
           const char *key,
           char      **field)
{
  g_free (*field);
  *field = dt_form_get_value (form, key, NULL);
}

gboolean
dt_first_run_finish (DtFirstRun *self)
{
  g_autoptr(DtUnit) unit = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) villages = NULL;
  g_auto(GStrv) agencies = NULL;
  g_auto(GStrv) fields = NULL;
  DtDatabase *db;

  g_return_val_if_fail (DT_IS_FIRST_RUN (self), FALSE);

  db = dt_context_get_database (self->context);
  if (!(unit = dt_unit_load (db, &error)))
    {
      gtk_label_set_label (GTK_LABEL (self->message), error->message);
      gtk_widget_set_visible (self->message, TRUE);
      return FALSE;
    }
  read_text (self->unit_form, "superior", &unit->superior);
  read_text (self->unit_form, "name", &unit->name);
  read_text (self->unit_form, "place", &unit->place);
  read_text (self->unit_form, "symbol", &unit->symbol);
  read_text (self->signer_form, "signer_on_behalf", &unit->signer_on_behalf);
  read_text (self->signer_form, "signer_title", &unit->signer_title);
  read_text (self->signer_form, "signer_name", &unit->signer_name);

  /* Documents cannot be headed without the unit's name. */
  problems = dt_unit_problems (unit);
  if (problems->len == 0 && unit->name == NULL)
    {
      GError *missing = g_error_new (DT_ERROR, DT_ERROR_INVALID,
                                     _("The name of the unit is needed: it heads every "
                                       "document."));

      dt_error_set_field (missing, "unit", "name", missing->message);
      g_ptr_array_add (problems, missing);
    }
  villages = lines_of (self->lists[DT_LIST_VILLAGES]);
  agencies = lines_of (self->lists[DT_LIST_AGENCIES]);
  fields = lines_of (self->lists[DT_LIST_FIELDS]);
  if (problems->len == 0 &&
      !dt_office_set_up (db, unit, (const char * const *) villages,
                         (const char * const *) agencies, (const char * const *) fields,
                         &error))
    g_ptr_array_add (problems, g_steal_pointer (&error));
  if (problems->len > 0)
    {
      const char *field = dt_error_get_field (g_ptr_array_index (problems, 0));

      /* The step holding the first problem comes back, its fields marked. */
      if (field != NULL && dt_form_holds (self->unit_form, field))
        show_step (self, 0);
      else if (field != NULL && dt_form_holds (self->signer_form, field))
        show_step (self, 1);
      g_free (dt_form_show_problems (self->signer_form, problems));
      g_free (dt_form_show_problems (self->unit_form, problems));
      gtk_label_set_label (GTK_LABEL (self->message),
                           ((GError *) g_ptr_array_index (problems, 0))->message);
      gtk_widget_set_visible (self->message, TRUE);
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

void
dt_first_run_next (DtFirstRun *self)
{
  guint index;

  g_return_if_fail (DT_IS_FIRST_RUN (self));

  index = step_index (self);
  if (index + 1 < G_N_ELEMENTS (steps))
    show_step (self, index + 1);
  else
    dt_first_run_finish (self);
}

const char *
dt_first_run_get_step (DtFirstRun *self)
{
  g_return_val_if_fail (DT_IS_FIRST_RUN (self), NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dt_first_run_next (DT_FIRST_RUN (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DtFirstRun *self = DT_FIRST_RUN (widget);
  guint index = step_index (self);

  if (index > 0)
    show_step (self, index - 1);
}

static GtkWidget *
step_page (const char  *title,
           const char  *text,
           GtkWidget  **box)
{
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *label = gtk_label_new (text);

  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (*box, 24);
  gtk_widget_set_margin_end (*box, 24);
  gtk_widget_set_margin_top (*box, 18);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-2");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (*box), heading);
  gtk_box_append (GTK_BOX (*box), label);
  return *box;
}

static GtkWidget *
list_area (DtFirstRun *self,
           DtList      list,
           GtkWidget  *grid,
           int         column,
           const char *label_text)
{
  const char * const *suggestions = dt_list_get_suggestions (list);
  g_autofree char *text = g_strjoinv ("\n", (char **) suggestions);
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  static const char * const names[] = { "first-run-villages", "first-run-agencies",
                                        "first-run-fields" };

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  dt_text_view_set_text (GTK_TEXT_VIEW (view), text);
  gtk_widget_set_name (view, names[list]);
  dt_widget_set_label_widget (view, label);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 220);
  gtk_widget_set_hexpand (scroller, TRUE);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_add_css_class (scroller, "dt-text-area");
  gtk_grid_attach (GTK_GRID (grid), label, column, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), scroller, column, 1, 1, 1);
  self->lists[list] = view;
  return view;
}

static void
dt_first_run_dispose (GObject *object)
{
  DtFirstRun *self = (DtFirstRun *) object;

  g_clear_object (&self->unit_form);
  g_clear_object (&self->signer_form);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (dt_first_run_parent_class)->dispose (object);
}

static void
dt_first_run_class_init (DtFirstRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_first_run_dispose;

  gtk_widget_class_install_action (widget_class, "first-run.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "first-run.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dt_first_run_init (DtFirstRun *self)
{
}

GtkWindow *
dt_first_run_new (GtkWindow *parent,
                  DtContext *context)
{
  DtFirstRun *self;
  GtkWidget *outer, *box, *grid, *buttons, *skip;
  g_autoptr(DtUnit) unit = NULL;

  g_return_val_if_fail (DT_IS_CONTEXT (context), NULL);

  self = g_object_new (DT_TYPE_FIRST_RUN,
                       "title", _("Set Up the Unit"),
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       "default-width", 720,
                       "default-height", 520,
                       NULL);
  self->context = g_object_ref (context);
  unit = dt_unit_load (dt_context_get_database (context), NULL);

  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_stack_set_transition_type (GTK_STACK (self->stack),
                                 GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);

  step_page (_("1. Your unit"), _("As the top left corner of every document shows it, and the "
                                  "place its date line starts with."), &box);
  grid = gtk_grid_new ();
  gtk_box_append (GTK_BOX (box), grid);
  self->unit_form = dt_form_new (DT_RECORD_UNIT, GTK_GRID (grid));
  dt_form_add (self->unit_form, "superior");
  gtk_entry_set_placeholder_text (GTK_ENTRY (dt_form_get_widget (self->unit_form, "superior")),
                                  "ĐẢNG BỘ TỈNH HÀ TĨNH");
  dt_form_add (self->unit_form, "name");
  gtk_entry_set_placeholder_text (GTK_ENTRY (dt_form_get_widget (self->unit_form, "name")),
                                  "ĐẢNG BỘ XÃ THẠCH LẠC");
  dt_form_add (self->unit_form, "place");
  gtk_entry_set_placeholder_text (GTK_ENTRY (dt_form_get_widget (self->unit_form, "place")),
                                  "Thạch Lạc");
  dt_form_add (self->unit_form, "symbol");
  dt_form_set_value (self->unit_form, "symbol", unit != NULL && unit->symbol != NULL
                                                ? unit->symbol : "ĐU");
  if (unit != NULL)
    {
      dt_form_set_value (self->unit_form, "superior", unit->superior);
      dt_form_set_value (self->unit_form, "name", unit->name);
      dt_form_set_value (self->unit_form, "place", unit->place);
    }
  gtk_stack_add_named (GTK_STACK (self->stack), box, "unit");

  step_page (_("2. Who signs"), _("The signature block at the bottom right of notices and "
                                  "conclusions."), &box);
  grid = gtk_grid_new ();
  gtk_box_append (GTK_BOX (box), grid);
  self->signer_form = dt_form_new (DT_RECORD_UNIT, GTK_GRID (grid));
  dt_form_add (self->signer_form, "signer_on_behalf");
  dt_form_add (self->signer_form, "signer_title");
  dt_form_add (self->signer_form, "signer_name");
  dt_form_set_value (self->signer_form, "signer_on_behalf",
                     unit != NULL && unit->signer_on_behalf != NULL ? unit->signer_on_behalf
                                                                    : "T/M BAN THƯỜNG VỤ");
  dt_form_set_value (self->signer_form, "signer_title",
                     unit != NULL && unit->signer_title != NULL ? unit->signer_title : "BÍ THƯ");
  if (unit != NULL)
    dt_form_set_value (self->signer_form, "signer_name", unit->signer_name);
  gtk_stack_add_named (GTK_STACK (self->stack), box, "signer");

  step_page (_("3. Villages, agencies and fields"),
             _("One name a line. The agencies and fields most communes use are filled in: "
               "change them as you need. All three lists can be edited later in the "
               "settings."), &box);
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  list_area (self, DT_LIST_VILLAGES, grid, 0, _("_Villages"));
  list_area (self, DT_LIST_AGENCIES, grid, 1, _("_Agencies"));
  list_area (self, DT_LIST_FIELDS, grid, 2, _("_Fields"));
  gtk_widget_set_vexpand (grid, TRUE);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_stack_add_named (GTK_STACK (self->stack), box, "lists");
  gtk_box_append (GTK_BOX (outer), self->stack);

  self->message = dt_problem_label_new ("first-run-message");
  gtk_widget_set_margin_start (self->message, 24);
  gtk_widget_set_margin_end (self->message, 24);
  gtk_box_append (GTK_BOX (outer), self->message);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_start (buttons, 24);
  gtk_widget_set_margin_end (buttons, 24);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_widget_set_margin_bottom (buttons, 18);
  skip = dt_button_new (_("_Later"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (skip), "window.close");
  gtk_widget_set_hexpand (skip, TRUE);
  gtk_widget_set_halign (skip, GTK_ALIGN_START);
  self->back_button = dt_button_new (_("_Back"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->back_button), "first-run.back");
  self->next_button = dt_button_new (_("_Next"));
  gtk_widget_set_name (self->next_button, "first-run-next");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_button), "first-run.next");
  gtk_widget_add_css_class (self->next_button, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), skip);
  gtk_box_append (GTK_BOX (buttons), self->back_button);
  gtk_box_append (GTK_BOX (buttons), self->next_button);
  gtk_box_append (GTK_BOX (outer), buttons);
  gtk_window_set_child (GTK_WINDOW (self), outer);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->next_button);

  show_step (self, 0);
  return GTK_WINDOW (self);
}
