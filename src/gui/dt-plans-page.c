/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-plans-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-form.h"
#include "dt-dialogs.h"
#include "dt-plan-form.h"
#include "dt-plans-page.h"
#include "dt-plans.h"

struct _DtPlansPage
{
  GtkWidget   parent_instance;

  DtContext  *context;
  gulong      changed_id;
  guint       refreshing;

  GtkWidget  *box;
  GtkWidget  *list;
  GtkWidget  *stack;
  GtkWidget  *form;
  GtkWidget  *empty_title;
  GtkWidget  *empty_text;
  GtkWidget  *copy_button;
};

G_DEFINE_FINAL_TYPE (DtPlansPage, dt_plans_page, GTK_TYPE_WIDGET)

static DtDatabase *
database (DtPlansPage *self)
{
  return dt_context_get_database (self->context);
}

static int
this_year (DtPlansPage *self)
{
  GDate today;

  dt_context_get_today (self->context, &today);
  return g_date_get_year (&today);
}

static GtkWidget *
plan_row_new (const DtPlanSummary *plan)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *year = g_strdup_printf ("%d", plan->year);
  g_autofree char *detail = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *title;

  detail = g_strdup_printf (_("%s · %s\nHeld %u of %u"), plan->code,
                            plan->number != NULL ? plan->number : _("no number yet"),
                            plan->held, plan->planned);
  title = gtk_label_new (year);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), dt_row_subtitle_new (detail));
  accessible = g_strdup_printf (_("Plan for %d, %s"), plan->year, detail);
  return dt_record_row_new (plan->code, box, accessible);
}

/* Offers to copy last year's plan when this year has none. */
static void
update_empty_state (DtPlansPage *self)
{
  g_autofree char *current = dt_plan_find_for_year (database (self), this_year (self), NULL);
  g_autofree char *last = dt_plan_find_for_year (database (self), this_year (self) - 1, NULL);
  g_autofree char *title = g_strdup_printf (_("No plan for %d yet"), this_year (self));

  gtk_label_set_label (GTK_LABEL (self->empty_title), title);
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "plans.copy-last-year",
                                 current == NULL && last != NULL);
  gtk_widget_set_visible (self->copy_button, current == NULL && last != NULL);
  gtk_label_set_label (GTK_LABEL (self->empty_text),
                       last != NULL
                       ? _("Copy last year’s plan to start from it (its dates move one year, its "
                           "number is left for the new one), or start a new plan.")
                       : _("Record the committee’s plan of dialogue sessions for the year: its "
                           "number and date, its legal bases, the sessions it schedules and the "
                           "dates of its reports."));
}

static void
refresh (DtPlansPage *self)
{
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  const char *shown = dt_plan_form_get_code (DT_PLAN_FORM (self->form));
  GtkWidget *row;

  self->refreshing++;
  while ((row = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), row);
  if ((plans = dt_plan_summaries (database (self), &error)) == NULL)
    g_warning ("Cannot list the plans: %s", error->message);
  for (guint i = 0; plans != NULL && i < plans->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list), plan_row_new (g_ptr_array_index (plans, i)));
  dt_record_row_select (GTK_LIST_BOX (self->list), shown);
  update_empty_state (self);
  self->refreshing--;
}

static void
row_selected_cb (GtkListBox    *list,
                 GtkListBoxRow *row,
                 DtPlansPage   *self)
{
  const char *code;

  if (self->refreshing > 0 || row == NULL)
    return;
  code = dt_record_row_get_code (row);
  if (g_strcmp0 (code, dt_plan_form_get_code (DT_PLAN_FORM (self->form))) == 0 &&
      g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "form"))
    return;
  /* The plan she leaves is saved, or kept as a draft when it cannot be yet. */
  dt_plan_form_leave (DT_PLAN_FORM (self->form));
  if (dt_plan_form_load (DT_PLAN_FORM (self->form), code))
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "form");
}

static void
form_saved_cb (DtPlanForm  *form,
               const char  *code,
               DtPlansPage *self)
{
  refresh (self);
}

static void
form_copied_cb (DtPlanForm  *form,
                const char  *code,
                DtPlansPage *self)
{
  refresh (self);
  dt_plans_page_show_plan (self, code);
}

static void
form_deleted_cb (DtPlanForm  *form,
                 const char  *code,
                 DtPlansPage *self)
{
  refresh (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

static void
database_changed_cb (DtDatabase  *db,
                     DtChanges   *changes,
                     DtPlansPage *self)
{
  if (dt_changes_is_external (changes) || dt_changes_touches (changes, "plans") ||
      dt_changes_touches (changes, "sessions"))
    refresh (self);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DtPlansPage *self = DT_PLANS_PAGE (widget);
  g_autofree char *current = NULL;
  int year = this_year (self);

  dt_plan_form_leave (DT_PLAN_FORM (self->form));
  /* This year's plan exists: the new one is most likely next year's. */
  current = dt_plan_find_for_year (database (self), year, NULL);
  if (current != NULL)
    year++;
  gtk_list_box_unselect_all (GTK_LIST_BOX (self->list));
  dt_plan_form_load_new (DT_PLAN_FORM (self->form), year);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "form");
}

static void
copy_last_year_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DtPlansPage *self = DT_PLANS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *last = dt_plan_find_for_year (database (self), this_year (self) - 1, NULL);
  g_autofree char *code = NULL;

  if (last == NULL)
    return;
  dt_plan_form_leave (DT_PLAN_FORM (self->form));
  if (!(code = dt_plan_copy_to_year (database (self), last, this_year (self), &error)))
    {
      dt_show_message (widget, _("Last year’s plan cannot be copied"), error->message);
      return;
    }
  refresh (self);
  dt_plans_page_show_plan (self, code);
}

static GtkWidget *
build_sidebar (DtPlansPage *self)
{
  GtkWidget *sidebar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Plans by Year"));
  GtkWidget *new_button = dt_button_new (_("_New Plan"));
  GtkWidget *scroller = gtk_scrolled_window_new ();

  GtkWidget *placeholder = gtk_label_new (_("No plan recorded yet."));

  gtk_widget_set_size_request (sidebar, 240, -1);
  /* The list keeps its width; the plan takes the rest. */
  gtk_widget_set_hexpand (sidebar, FALSE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_add_css_class (sidebar, "dt-sidebar");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_button), "plans.new");
  gtk_widget_set_name (new_button, "plans-new");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), new_button);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 12);
  gtk_box_append (GTK_BOX (sidebar), header);

  self->list = gtk_list_box_new ();
  gtk_widget_set_name (self->list, "plans-list");
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (row_selected_cb), self);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), placeholder);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (sidebar), scroller);
  return sidebar;
}

static GtkWidget *
build_empty (DtPlansPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dt-plans-symbolic");
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *new_button = dt_button_new (_("Start a _New Plan"));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 36);
  gtk_widget_set_margin_end (box, 36);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 96);
  gtk_widget_add_css_class (icon, "dim-label");
  self->empty_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->empty_title, "title-2");
  self->empty_text = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->empty_text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->empty_text), 56);
  gtk_label_set_justify (GTK_LABEL (self->empty_text), GTK_JUSTIFY_CENTER);
  self->copy_button = dt_button_new (_("_Copy Last Year’s Plan"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->copy_button), "plans.copy-last-year");
  gtk_widget_set_name (self->copy_button, "plans-copy-last-year");
  gtk_widget_add_css_class (self->copy_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_button), "plans.new");
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), self->copy_button);
  gtk_box_append (GTK_BOX (buttons), new_button);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), self->empty_title);
  gtk_box_append (GTK_BOX (box), self->empty_text);
  gtk_box_append (GTK_BOX (box), buttons);
  return box;
}

static void
dt_plans_page_dispose (GObject *object)
{
  DtPlansPage *self = (DtPlansPage *) object;

  if (self->context != NULL)
    g_clear_signal_handler (&self->changed_id, database (self));
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (dt_plans_page_parent_class)->dispose (object);
}

static void
dt_plans_page_class_init (DtPlansPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_plans_page_dispose;

  gtk_widget_class_install_action (widget_class, "plans.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "plans.copy-last-year", NULL,
                                   copy_last_year_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "plans.new",
                                       NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dt_plans_page_init (DtPlansPage *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (self->box), build_sidebar (self));
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));

  self->stack = gtk_stack_new ();
  gtk_widget_set_hexpand (self->stack, TRUE);
  self->form = dt_plan_form_new ();
  g_signal_connect (self->form, "saved", G_CALLBACK (form_saved_cb), self);
  g_signal_connect (self->form, "copied", G_CALLBACK (form_copied_cb), self);
  g_signal_connect (self->form, "deleted", G_CALLBACK (form_deleted_cb), self);
  gtk_stack_add_named (GTK_STACK (self->stack), build_empty (self), "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), self->form, "form");
  gtk_box_append (GTK_BOX (self->box), self->stack);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

void
dt_plans_page_set_context (DtPlansPage *self,
                           DtContext   *context)
{
  g_autofree char *current = NULL;

  g_return_if_fail (DT_IS_PLANS_PAGE (self));
  g_return_if_fail (DT_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  dt_plan_form_set_context (DT_PLAN_FORM (self->form), context);
  if (dt_context_get_read_only (context))
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "plans.new", FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->form), FALSE);
    }
  self->changed_id = g_signal_connect (database (self), "changed",
                                       G_CALLBACK (database_changed_cb), self);
  refresh (self);

  /* This year's plan on show when there is one. */
  current = dt_plan_find_for_year (database (self), this_year (self), NULL);
  if (current != NULL)
    dt_plans_page_show_plan (self, current);
  else
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

gboolean
dt_plans_page_show_plan (DtPlansPage *self,
                         const char  *code)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (DT_IS_PLANS_PAGE (self), FALSE);

  if ((row = dt_record_row_find (GTK_LIST_BOX (self->list), code)) == NULL)
    return FALSE;
  gtk_list_box_select_row (GTK_LIST_BOX (self->list), row);
  if (g_strcmp0 (dt_plan_form_get_code (DT_PLAN_FORM (self->form)), code) != 0 ||
      !g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "form"))
    {
      dt_plan_form_leave (DT_PLAN_FORM (self->form));
      if (!dt_plan_form_load (DT_PLAN_FORM (self->form), code))
        return FALSE;
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "form");
    }
  return TRUE;
}

const char *
dt_plans_page_get_plan (DtPlansPage *self)
{
  g_return_val_if_fail (DT_IS_PLANS_PAGE (self), NULL);

  if (!g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "form"))
    return NULL;
  return dt_plan_form_get_code (DT_PLAN_FORM (self->form));
}

void
dt_plans_page_leave (DtPlansPage *self)
{
  g_return_if_fail (DT_IS_PLANS_PAGE (self));

  if (self->context != NULL)
    dt_plan_form_leave (DT_PLAN_FORM (self->form));
}
