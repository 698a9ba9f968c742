/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-intake-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-date-entry.h"
#include "dt-draft.h"
#include "dt-error.h"
#include "dt-gui-util.h"
#include "dt-intake-page.h"
#include "dt-similar.h"
#include "dt-status.h"
#include "dt-util.h"

/* A moment after the last key: the likely duplicates, then the draft. */
#define SIMILAR_DELAY_MS 250
#define DRAFT_DELAY_MS   1200
#define DRAFT_RETRY_S    5
#define UNDO_SECONDS     10
#define SIMILAR_SHOWN    5

struct _DtIntakePage
{
  GtkWidget          parent_instance;

  DtContext         *context;
  char              *order;
  DtPetitionFilter  *filter;
  DtDraft           *recovered;        /* offered back, from an earlier run */
  DtDraft           *last_saved_draft; /* what the drafts table holds of this form */
  DtPetition        *deleted;          /* until Undo is no longer offered */
  GPtrArray         *similar;          /* of DtSimilarPetition, shown beside the form */
  guint              similar_id;
  guint              draft_id;
  guint              undo_id;
  guint              connect_id;

  /* The filters popover */
  GtkDropDown       *status_filter;
  GtkDropDown       *field_filter;
  GtkDropDown       *village_filter;
  GtkDropDown       *agency_filter;
  GtkDropDown       *channel_filter;
  DtDateEntry       *from_filter;
  DtDateEntry       *to_filter;
  GtkCheckButton    *overdue_filter;
  GtkCheckButton    *due_soon_filter;
  GtkLabel          *period_problem;
  guint              updating_filters : 1;
  guint              list_connected : 1;  /* the register read, its count followed */

  /* Template widgets */
  GtkButton         *back_button;
  GtkButton         *cancel_button;
  GtkButton         *new_button;
  GtkButton         *save_button;
  GtkMenuButton     *sort_button;
  GtkButton         *undo_close_button;
  GtkButton         *clear_filters_button;
  GtkLabel          *count_label;
  GtkLabel          *draft_label;
  GtkRevealer       *draft_revealer;
  GtkLabel          *draft_status;
  GtkLabel          *empty_label;
  GtkMenuButton     *filter_button;
  GtkLabel          *filter_summary;
  GtkViewport       *form_viewport;
  DtPetitionForm    *form;          /* made when first needed */
  GtkLabel          *form_title;
  GtkLabel          *new_label;
  DtRegisterView    *register_view;
  GtkLabel          *saved_label;
  GtkSearchEntry    *search_entry;
  GtkCheckButton    *show_confidential_check;
  GtkListBox        *similar_list;
  GtkLabel          *similar_heading;
  GtkLabel          *similar_hint;
  GtkLabel          *undo_label;
  GtkRevealer       *undo_revealer;
  GtkStack          *views;
};

G_DEFINE_FINAL_TYPE (DtIntakePage, dt_intake_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char     *name;
  DtPetitionOrder order;
} orders[] = {
  { "received", DT_PETITION_ORDER_RECEIVED },
  { "code", DT_PETITION_ORDER_CODE },
  { "petitioner", DT_PETITION_ORDER_PETITIONER },
  { "deadline", DT_PETITION_ORDER_DEADLINE },
  { "overdue", DT_PETITION_ORDER_DAYS_OVERDUE },
};

static DtDatabase *
database (DtIntakePage *self)
{
  return dt_context_get_database (self->context);
}

static DtPetitionList *
petition_list (DtIntakePage *self)
{
  return dt_register_view_get_list (self->register_view);
}

static void form_changed_cb (DtIntakePage *self);
static void form_title_cb (DtIntakePage *self);

/* The form, made the first time it is needed: a window that opens on another tab, or on the
 * register, builds and measures none of its fields. */
static DtPetitionForm *
ensure_form (DtIntakePage *self)
{
  if (self->form != NULL)
    return self->form;

  self->form = g_object_new (DT_TYPE_PETITION_FORM,
                             "margin-start", 18,
                             "margin-end", 18,
                             "margin-top", 6,
                             "margin-bottom", 18,
                             NULL);
  g_signal_connect_object (self->form, "changed", G_CALLBACK (form_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "notify::title", G_CALLBACK (form_title_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_viewport_set_child (self->form_viewport, GTK_WIDGET (self->form));
  if (self->context != NULL)
    dt_petition_form_set_context (self->form, self->context);
  /* A read-only file: the form shows, nothing in it can be changed. */
  if (self->context != NULL && dt_context_get_read_only (self->context))
    gtk_widget_set_sensitive (GTK_WIDGET (self->form), FALSE);
  form_title_cb (self);
  return self->form;
}

static gboolean
form_modified (DtIntakePage *self)
{
  return self->form != NULL && dt_petition_form_get_modified (self->form);
}

/* ------------------------------------------------------------------------------------------
 * The register: count, empty state, actions that need a row
 * ------------------------------------------------------------------------------------------ */

static void
update_count (DtIntakePage *self)
{
  DtPetitionList *list = self->list_connected ? petition_list (self) : NULL;
  guint n = list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;
  g_autofree char *number = dt_format_count (n);
  g_autofree char *text = NULL;
  const char *search = list != NULL ? dt_petition_list_get_search (list) : NULL;

  if (search != NULL && n >= DT_PETITION_LIST_MAX_HITS)
    /* Translators: %s is a number such as 2,000. */
    text = g_strdup_printf (_("The first %s matches"), number);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s petition", "%s petitions", n),
                            number);
  gtk_label_set_label (self->count_label, text);

  if (n == 0)
    {
      const char *message;

      if (search != NULL)
        message = _("No petition has these words. Try fewer words, or without the filters.");
      else if (self->filter != NULL)
        message = _("No petition matches these filters.");
      else
        message = _("No petition has been recorded yet. Press Ctrl+N or “New Petition” to "
                    "record the first one.");
      gtk_label_set_label (self->empty_label, message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n == 0);
}

static void
list_items_changed_cb (DtIntakePage *self,
                       guint         position,
                       guint         removed,
                       guint         added,
                       GListModel   *list)
{
  update_count (self);
}

static void
register_selection_cb (DtIntakePage *self)
{
  gboolean selected = dt_register_view_get_selected_id (self->register_view) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.open", selected);
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "intake.delete",
                                       selected);
}

static void
update_actions (DtIntakePage *self)
{
  gboolean form = g_strcmp0 (gtk_stack_get_visible_child_name (self->views), "form") == 0;

  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "intake.save", form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.cancel", form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.show-register", form);
  register_selection_cb (self);

  /* The button says what it does: a petition being typed is taken up again. */
  gtk_label_set_label (self->new_label,
                       form_modified (self) && !form
                       ? _("_Continue Typing") : _("_New Petition"));
}

static void
show_view (DtIntakePage *self,
           const char   *name)
{
  gtk_stack_set_visible_child_name (self->views, name);
  update_actions (self);
}

/* ------------------------------------------------------------------------------------------
 * Search, filters, order
 * ------------------------------------------------------------------------------------------ */

static void
show_list_error (DtIntakePage *self,
                 const GError *error)
{
  gtk_label_set_label (self->filter_summary, error->message);
}

static void
search_changed_cb (DtIntakePage *self)
{
  g_autoptr(GError) error = NULL;

  if (petition_list (self) == NULL)
    return;
  if (!dt_petition_list_set_search (petition_list (self),
                                    gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                    &error))
    show_list_error (self, error);
  dt_register_view_scroll_to_top (self->register_view);
  update_count (self);
}

/* Enter in the search box goes to the first petition found. */
static void
search_activate_cb (DtIntakePage *self)
{
  if (petition_list (self) != NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (petition_list (self))) > 0)
    {
      dt_register_view_select_position (self->register_view, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->register_view));
    }
}

static void
search_stop_cb (DtIntakePage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static DtPetitionOrder
order_value (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    if (g_strcmp0 (orders[i].name, name) == 0)
      return orders[i].order;
  return DT_PETITION_ORDER_RECEIVED;
}

static void
set_order (DtIntakePage *self,
           const char   *name)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (self->order, name) == 0)
    return;
  g_free (self->order);
  self->order = g_strdup (name);
  if (petition_list (self) != NULL)
    {
          if (!dt_petition_list_set_order (petition_list (self), order_value (name), &error))
        show_list_error (self, error);
      dt_register_view_scroll_to_top (self->register_view);
        }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
}

static void
register_order_cb (DtIntakePage *self,
                   int           order)
{
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    if ((int) orders[i].order == order)
      set_order (self, orders[i].name);
}

/* A drop-down of "any" and the names of a list; the name chosen, or NULL. */
static void
fill_names (GtkDropDown *dropdown,
            const char  *any,
            GListModel  *names)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  const char *chosen = NULL;
  guint selected = 0;
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);
  g_autofree char *keep = NULL;

  if (item != NULL && gtk_drop_down_get_selected (dropdown) > 0)
    keep = g_strdup (gtk_string_object_get_string (item));
  gtk_string_list_append (model, any);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (names, i);

      chosen = gtk_string_object_get_string (name);
      gtk_string_list_append (model, chosen);
      if (g_strcmp0 (chosen, keep) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, selected);
}

static char *
chosen_name (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (item == NULL || gtk_drop_down_get_selected (dropdown) == 0)
    return NULL;
  return g_strdup (gtk_string_object_get_string (item));
}

/* Index 0: any; 1: open; then each status. */
static guint
status_choice_bits (guint index)
{
  if (index == 0)
    return 0;
  if (index == 1)
    return DT_STATUSES_OPEN;
  return 1u << (index - 2);
}

static void
append_summary (GString    *summary,
                const char *label,
                const char *value)
{
  if (value == NULL)
    return;
  if (summary->len > 0)
    g_string_append (summary, " · ");
  g_string_append_printf (summary, "%s: %s", label, value);
}

static void
apply_filters (DtIntakePage *self)
{
  g_autoptr(DtPetitionFilter) filter = dt_petition_filter_new ();
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) period_error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint status, channel;
  gboolean any;

  if (self->updating_filters || petition_list (self) == NULL)
    return;
  status = gtk_drop_down_get_selected (self->status_filter);
  channel = gtk_drop_down_get_selected (self->channel_filter);

  filter->statuses = status_choice_bits (status);
  filter->field = chosen_name (self->field_filter);
  filter->village = chosen_name (self->village_filter);
  filter->agency = chosen_name (self->agency_filter);
  if (channel > 0)
    filter->channel = g_strdup (dt_field_info_get_value (dt_record_find_field (DT_RECORD_PETITION,
                                                                               "channel"),
                                                         channel - 1));
  if (dt_date_entry_get_iso (self->from_filter, &from, &period_error) &&
      dt_date_entry_get_iso (self->to_filter, &to, &period_error))
    {
      filter->received_from = g_steal_pointer (&from);
      filter->received_to = g_steal_pointer (&to);
    }
  dt_widget_set_problem (GTK_WIDGET (self->from_filter), self->period_problem,
                         period_error != NULL ? period_error->message : NULL);
  filter->overdue = gtk_check_button_get_active (self->overdue_filter);
  filter->due_within = gtk_check_button_get_active (self->due_soon_filter) ? DT_DUE_SOON_DAYS : -1;

  if (status > 0)
    {
      GtkStringObject *item = gtk_drop_down_get_selected_item (self->status_filter);
      append_summary (summary, _("Status"), gtk_string_object_get_string (item));
    }
  append_summary (summary, _("Field"), filter->field);
  append_summary (summary, _("Village"), filter->village);
  append_summary (summary, _("Agency"), filter->agency);
  if (channel > 0)
    {
      GtkStringObject *item = gtk_drop_down_get_selected_item (self->channel_filter);
      append_summary (summary, _("Channel"), gtk_string_object_get_string (item));
    }
  if (filter->received_from != NULL || filter->received_to != NULL)
    {
      g_autofree char *a = dt_format_date (filter->received_from);
      g_autofree char *b = dt_format_date (filter->received_to);
      g_autofree char *period = g_strdup_printf ("%s – %s", a, b);
      append_summary (summary, _("Received"), period);
    }
  if (filter->overdue)
    append_summary (summary, _("Only"), _("overdue"));
  if (filter->due_within >= 0)
    append_summary (summary, _("Only"), _("due within 7 days"));

  any = summary->len > 0;
  g_clear_pointer (&self->filter, dt_petition_filter_free);
  if (any)
    self->filter = dt_petition_filter_copy (filter);
  if (!dt_petition_list_set_filter (petition_list (self), self->filter, &error))
    {
          show_list_error (self, error);
      return;
    }
  gtk_label_set_label (self->filter_summary, summary->str);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_filters_button), any);
  dt_register_view_scroll_to_top (self->register_view);
  update_count (self);
}

static void
filter_changed_cb (DtIntakePage *self)
{
  apply_filters (self);
}

static void
clear_filters_cb (DtIntakePage *self)
{
  self->updating_filters = TRUE;
  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_drop_down_set_selected (self->field_filter, 0);
  gtk_drop_down_set_selected (self->village_filter, 0);
  gtk_drop_down_set_selected (self->agency_filter, 0);
  gtk_drop_down_set_selected (self->channel_filter, 0);
  dt_date_entry_set_text (self->from_filter, NULL);
  dt_date_entry_set_text (self->to_filter, NULL);
  gtk_check_button_set_active (self->overdue_filter, FALSE);
  gtk_check_button_set_active (self->due_soon_filter, FALSE);
  self->updating_filters = FALSE;
  apply_filters (self);
}

static void
filters_show_cb (DtIntakePage *self)
{
  if (self->context == NULL)
    return;
  /* The lists may have grown since: what is chosen stays chosen. */
  self->updating_filters = TRUE;
  fill_names (self->field_filter, _("Any field"),
              dt_context_get_names (self->context, DT_LIST_FIELDS));
  fill_names (self->village_filter, _("Any village"),
              dt_context_get_names (self->context, DT_LIST_VILLAGES));
  fill_names (self->agency_filter, _("Any agency"),
              dt_context_get_names (self->context, DT_LIST_AGENCIES));
  self->updating_filters = FALSE;
}

static GtkWidget *
filter_row (GtkGrid    *grid,
            int         row,
            const char *text,
            GtkWidget  *input)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), input);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, input, 1, row, 1, 1);
  return input;
}

static GtkDropDown *
filter_dropdown (DtIntakePage *self,
                 const char   *name,
                 const char   *any)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *[]) { any,
                                                                                           NULL }));

  gtk_widget_set_name (GTK_WIDGET (dropdown), name);
  gtk_widget_set_hexpand (GTK_WIDGET (dropdown), TRUE);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return dropdown;
}

static void
build_filters (DtIntakePage *self)
{
  const DtFieldInfo *channel = dt_record_find_field (DT_RECORD_PETITION, "channel");
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  GtkWidget *popover = gtk_popover_new ();
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *period = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  int row = 0;

  /* Nothing is filtered while the filters are made. */
  self->updating_filters = TRUE;
  gtk_grid_set_row_spacing (grid, 8);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 6);

  self->status_filter = filter_dropdown (self, "status-filter", _("Any status"));
  gtk_string_list_append (statuses, _("Any status"));
  gtk_string_list_append (statuses, _("Still open"));
  for (guint s = 0; s < DT_N_STATUSES; s++)
    gtk_string_list_append (statuses, dt_status_label (s));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
  filter_row (grid, row++, _("_Status"), GTK_WIDGET (self->status_filter));

  self->field_filter = filter_dropdown (self, "field-filter", _("Any field"));
  filter_row (grid, row++, _("_Field"), GTK_WIDGET (self->field_filter));
  self->village_filter = filter_dropdown (self, "village-filter", _("Any village"));
  filter_row (grid, row++, _("_Village"), GTK_WIDGET (self->village_filter));
  self->agency_filter = filter_dropdown (self, "agency-filter", _("Any agency"));
  filter_row (grid, row++, _("_Agency"), GTK_WIDGET (self->agency_filter));

  self->channel_filter = filter_dropdown (self, "channel-filter", _("Any channel"));
  gtk_string_list_append (channels, _("Any channel"));
  for (guint i = 0; i < dt_field_info_get_n_values (channel); i++)
    gtk_string_list_append (channels,
                            dt_field_info_get_value_label (channel,
                                                           dt_field_info_get_value (channel, i)));
  gtk_drop_down_set_model (self->channel_filter, G_LIST_MODEL (channels));
  filter_row (grid, row++, _("C_hannel"), GTK_WIDGET (self->channel_filter));

  self->from_filter = DT_DATE_ENTRY (dt_date_entry_new ());
  self->to_filter = DT_DATE_ENTRY (dt_date_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->from_filter), "from-filter");
  gtk_widget_set_name (GTK_WIDGET (self->to_filter), "to-filter");
  g_signal_connect_object (self->from_filter, "changed", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_filter, "changed", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (period), GTK_WIDGET (self->from_filter));
  gtk_box_append (GTK_BOX (period), gtk_label_new ("–"));
  gtk_box_append (GTK_BOX (period), GTK_WIDGET (self->to_filter));
  {
    GtkWidget *label = gtk_label_new_with_mnemonic (_("_Received from"));

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_label_set_mnemonic_widget (GTK_LABEL (label),
                                   GTK_WIDGET (dt_date_entry_get_entry (self->from_filter)));
    gtk_grid_attach (grid, label, 0, row, 1, 1);
    gtk_grid_attach (grid, period, 1, row++, 1, 1);
    dt_date_entry_set_label (self->from_filter, _("Received from"));
    dt_date_entry_set_label (self->to_filter, _("Received until"));
  }
  self->period_problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->period_problem), "dt-field-problem");
  gtk_label_set_xalign (self->period_problem, 0);
  gtk_label_set_wrap (self->period_problem, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->period_problem), FALSE);
  gtk_grid_attach (grid, GTK_WIDGET (self->period_problem), 1, row++, 1, 1);

  self->overdue_filter = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Only _overdue")));
  self->due_soon_filter =
    GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Only due within _7 days")));
  gtk_widget_set_name (GTK_WIDGET (self->overdue_filter), "overdue-filter");
  gtk_widget_set_name (GTK_WIDGET (self->due_soon_filter), "due-soon-filter");
  g_signal_connect_object (self->overdue_filter, "toggled", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->due_soon_filter, "toggled", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_grid_attach (grid, GTK_WIDGET (self->overdue_filter), 1, row++, 1, 1);
  gtk_grid_attach (grid, GTK_WIDGET (self->due_soon_filter), 1, row++, 1, 1);

  gtk_widget_set_halign (clear, GTK_ALIGN_END);
  g_signal_connect_object (clear, "clicked", G_CALLBACK (clear_filters_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_grid_attach (grid, clear, 1, row++, 1, 1);

  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (grid));
  g_signal_connect_object (popover, "show", G_CALLBACK (filters_show_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->filter_button, popover);
  self->updating_filters = FALSE;
}

static void
show_confidential_cb (DtIntakePage *self)
{
  dt_register_view_set_show_confidential (self->register_view,
                                          gtk_check_button_get_active (self->show_confidential_check));
}

/* ------------------------------------------------------------------------------------------
 * Likely duplicates beside the form
 * ------------------------------------------------------------------------------------------ */

static char *
reasons_text (const DtSimilarPetition *similar)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (similar->reasons & DT_SIMILAR_SAME_PERSON)
    g_string_append (text, _("Same petitioner"));
  if (similar->reasons & DT_SIMILAR_SAME_PLACE)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "",
                            _("same village and field"));
  if (similar->words > 0)
    {
      g_autofree char *words = g_strdup_printf (_("%d%% of the words"),
                                                (int) (similar->words * 100 + 0.5));
      g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", words);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
mark_duplicate_cb (GtkButton    *button,
                   DtIntakePage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dt-index"));
  DtSimilarPetition *similar;
  g_autofree char *description = NULL;
  const char *who;

  if (self->similar == NULL || index >= self->similar->len)
    return;
  similar = g_ptr_array_index (self->similar, index);
  who = similar->confidential ? _("(confidential)") : similar->petitioner;
  description = g_strdup_printf ("%s%s%s", who != NULL ? who : "", who != NULL ? " — " : "",
                                 similar->summary != NULL ? similar->summary : "");
  dt_petition_form_set_duplicate_of (ensure_form (self), similar->code, description);
}

static GtkWidget *
similar_row (DtIntakePage            *self,
             const DtSimilarPetition *similar,
             guint                    index)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autofree char *date = dt_format_date (similar->received);
  g_autofree char *title = g_strdup_printf ("%s · %s", similar->code, date);
  g_autofree char *reasons = reasons_text (similar);
  g_autofree char *name = g_strdup_printf ("mark-duplicate-%s", similar->code);
  g_autofree char *accessible = NULL;
  const char *who = similar->confidential ? _("(confidential)") : similar->petitioner;
  GtkWidget *label;
  GtkWidget *button;

  gtk_widget_add_css_class (box, "dt-similar");
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  if (who != NULL)
    {
      label = gtk_label_new (who);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  if (similar->summary != NULL)
    {
      label = gtk_label_new (similar->summary);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);
    }
  label = gtk_label_new (reasons);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  button = gtk_button_new_with_mnemonic (_("Mark as a _Duplicate of It"));
  gtk_widget_set_name (button, name);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 4);
  accessible = g_strdup_printf (_("Mark as a duplicate of %s"), similar->code);
  dt_widget_set_tooltip (button, accessible);
  g_object_set_data (G_OBJECT (button), "dt-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (mark_duplicate_cb), self);
  /* "Mark as a duplicate of 2025-0040": which one, for a screen reader too. */
  dt_widget_set_label (button, accessible);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static void
show_similar (DtIntakePage *self,
              GPtrArray    *similar)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->similar_list))) != NULL)
    gtk_list_box_remove (self->similar_list, child);
  g_clear_pointer (&self->similar, g_ptr_array_unref);
  self->similar = similar;
  for (guint i = 0; similar != NULL && i < similar->len; i++)
    gtk_list_box_append (self->similar_list, similar_row (self, g_ptr_array_index (similar, i), i));
  gtk_widget_set_visible (GTK_WIDGET (self->similar_list), similar != NULL && similar->len > 0);
}

void
dt_intake_page_update_similar (DtIntakePage *self)
{
  g_autoptr(DtPetition) typed = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *similar;

  g_return_if_fail (DT_IS_INTAKE_PAGE (self));

  g_clear_handle_id (&self->similar_id, g_source_remove);
  if (self->context == NULL)
    return;
  if (self->form == NULL)
    return;
  typed = dt_petition_form_get_typed (self->form);
  similar = dt_petition_find_similar (database (self), typed, SIMILAR_SHOWN, &error);
  if (similar == NULL)
    {
      g_debug ("No likely duplicates: %s", error->message);
      return;
    }
  show_similar (self, similar);
}

static gboolean
similar_timeout_cb (gpointer user_data)
{
  DtIntakePage *self = user_data;

  self->similar_id = 0;
  dt_intake_page_update_similar (self);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------------------------
 * Drafts
 * ------------------------------------------------------------------------------------------ */

static void
discard_draft (DtIntakePage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->draft_id, g_source_remove);
  g_clear_pointer (&self->last_saved_draft, dt_draft_free);
  if (self->context != NULL &&
      !dt_draft_discard (database (self), DT_PETITION_FORM_DRAFT, &error))
    g_warning ("The draft could not be removed: %s", error->message);
  gtk_label_set_label (self->draft_status, "");
}

static gboolean draft_timeout_cb (gpointer user_data);

gboolean
dt_intake_page_save_draft (DtIntakePage  *self,
                           GError       **error)
{
  g_autoptr(DtDraft) draft = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (DT_IS_INTAKE_PAGE (self), FALSE);

  g_clear_handle_id (&self->draft_id, g_source_remove);
  if (self->context == NULL || !form_modified (self))
    return TRUE;
  draft = dt_petition_form_to_draft (ensure_form (self));
  if (dt_draft_equal (draft, self->last_saved_draft))
    return TRUE;
  if (!dt_draft_save (database (self), draft, &local_error))
    {
      /* Kept in the form; tried again in a moment. */
      gtk_label_set_label (self->draft_status,
                           local_error->code == DT_ERROR_LOCKED
                           ? _("The database is busy: the draft will be kept in a moment.")
                           : local_error->message);
      self->draft_id = g_timeout_add_seconds (DRAFT_RETRY_S, draft_timeout_cb, self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_pointer (&self->last_saved_draft, dt_draft_free);
  self->last_saved_draft = g_steal_pointer (&draft);
  now = g_date_time_new_now_local ();
  time = g_date_time_format (now, "%H:%M");
  /* Translators: %s is a time such as 14:05. */
  text = g_strdup_printf (_("Not saved yet; what is typed was kept as a draft at %s."), time);
  gtk_label_set_label (self->draft_status, text);
  return TRUE;
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  DtIntakePage *self = user_data;

  self->draft_id = 0;
  dt_intake_page_save_draft (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
form_changed_cb (DtIntakePage *self)
{
  g_clear_handle_id (&self->similar_id, g_source_remove);
  self->similar_id = g_timeout_add (SIMILAR_DELAY_MS, similar_timeout_cb, self);
  if (form_modified (self))
    {
      g_clear_handle_id (&self->draft_id, g_source_remove);
      self->draft_id = g_timeout_add (DRAFT_DELAY_MS, draft_timeout_cb, self);
    }
  update_actions (self);
}

static void
form_title_cb (DtIntakePage *self)
{
  g_autofree char *title = NULL;

  if (self->form != NULL)
    g_object_get (self->form, "title", &title, NULL);
  gtk_label_set_label (self->form_title, title != NULL ? title : "");
}

static void
set_needs_attention (DtIntakePage *self,
                     gboolean      needs)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (GTK_IS_STACK (parent))
    g_object_set (gtk_stack_get_page (GTK_STACK (parent), GTK_WIDGET (self)),
                  "needs-attention", needs, NULL);
}

static void
offer_recovered (DtIntakePage *self)
{
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  const char *petitioner;
  const char *summary;
  GDateTime *saved;

  if (self->recovered == NULL)
    {
      gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
      set_needs_attention (self, FALSE);
      return;
    }
  saved = dt_draft_get_saved (self->recovered);
  when = saved != NULL ? g_date_time_format (saved, "%d/%m/%Y %H:%M") : g_strdup ("");
  petitioner = dt_draft_get (self->recovered, "petitioner");
  summary = dt_draft_get (self->recovered, "summary");
  text = g_strdup_printf (_("A petition being typed on %s was not saved (the program was "
                            "closed or the power went off): %s%s%s. Nothing of it is lost."),
                          when, petitioner != NULL ? petitioner : "",
                          petitioner != NULL && summary != NULL ? " — " : "",
                          summary != NULL ? summary : _("without a summary yet"));
  gtk_label_set_label (self->draft_label, text);
  gtk_revealer_set_reveal_child (self->draft_revealer, TRUE);
  set_needs_attention (self, TRUE);
}

/* A draft in the table when the window opens comes from a run that ended without saving
 * it: it is set apart under its own key, so that typing a new petition cannot overwrite it
 * before the secretary says what to do with it. */
static void
look_for_drafts (DtIntakePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDraft) left = NULL;
  g_autoptr(DtDraft) recovered = NULL;

  recovered = dt_draft_load (database (self), DT_INTAKE_RECOVERED_DRAFT, &error);
  if (error != NULL)
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
      dt_draft_discard (database (self), DT_INTAKE_RECOVERED_DRAFT, NULL);
    }
  left = dt_draft_load (database (self), DT_PETITION_FORM_DRAFT, &error);
  if (error != NULL)
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
      dt_draft_discard (database (self), DT_PETITION_FORM_DRAFT, NULL);
    }
  if (left != NULL && !dt_draft_is_empty (left) && dt_context_get_read_only (self->context))
    {
      /* Nothing can be moved in a read-only file: the draft is only shown. */
      g_clear_pointer (&recovered, dt_draft_free);
      recovered = g_steal_pointer (&left);
    }
  else if (left != NULL && !dt_draft_is_empty (left))
    {
      /* The newest of the two is the one offered. */
      g_autoptr(DtDraft) moved = dt_draft_new (DT_INTAKE_RECOVERED_DRAFT,
                                               dt_draft_get_record (left));
      g_auto(GStrv) keys = dt_draft_get_keys (left);

      for (guint i = 0; keys[i] != NULL; i++)
        dt_draft_set (moved, keys[i], dt_draft_get (left, keys[i]));
      if (dt_draft_save (database (self), moved, &error) &&
          dt_draft_discard (database (self), DT_PETITION_FORM_DRAFT, &error))
        {
          g_clear_pointer (&recovered, dt_draft_free);
          recovered = dt_draft_load (database (self), DT_INTAKE_RECOVERED_DRAFT, NULL);
        }
      else
        {
          g_warning ("%s", error->message);
          g_clear_pointer (&recovered, dt_draft_free);
          recovered = g_steal_pointer (&left);
        }
    }
  g_clear_pointer (&self->recovered, dt_draft_free);
  if (recovered != NULL && !dt_draft_is_empty (recovered))
    self->recovered = g_steal_pointer (&recovered);
  offer_recovered (self);
}

/* ------------------------------------------------------------------------------------------
 * Actions
 * ------------------------------------------------------------------------------------------ */

static void
start_new (DtIntakePage *self,
           gboolean      keep_batch)
{
  dt_petition_form_start_new (ensure_form (self), keep_batch);
  discard_draft (self);
  show_similar (self, NULL);
  gtk_label_set_label (self->saved_label, "");
  show_view (self, "form");
  dt_petition_form_focus_start (ensure_form (self));
}

static void
discard_confirmed_cb (gpointer user_data,
                      gboolean confirmed)
{
  g_autoptr(DtIntakePage) self = user_data;
  const char *then = g_object_get_data (G_OBJECT (self), "dt-after-discard");

  if (!confirmed)
    {
      dt_petition_form_focus_start (ensure_form (self));
      return;
    }
  discard_draft (self);
  if (g_strcmp0 (then, "new") == 0)
    start_new (self, FALSE);
  else
    {
      dt_petition_form_start_new (ensure_form (self), FALSE);
      show_similar (self, NULL);
      show_view (self, "register");
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
}

static void
ask_discard (DtIntakePage *self,
             const char   *then)
{
  const char *code = dt_petition_form_get_code (ensure_form (self));
  g_autofree char *body = NULL;

  g_object_set_data (G_OBJECT (self), "dt-after-discard", (gpointer) then);
  if (dt_petition_form_get_id (ensure_form (self)) != 0)
    body = g_strdup_printf (_("The changes to petition %s will be lost."), code);
  else
    body = g_strdup (_("What was typed in the form will be lost."));
  dt_confirm (GTK_WIDGET (self), _("Abandon This Petition?"), body, _("_Abandon"), TRUE,
              discard_confirmed_cb, g_object_ref (self));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DtIntakePage *self = DT_INTAKE_PAGE (widget);
  gboolean in_form = g_strcmp0 (gtk_stack_get_visible_child_name (self->views), "form") == 0;

  if (self->context == NULL)
    return;
  if (form_modified (self))
    {
      /* From the register: back to what is being typed. In the form: a new one, if the
       * secretary gives this one up. */
      if (!in_form)
        {
          show_view (self, "form");
          dt_petition_form_focus_start (ensure_form (self));
        }
      else
        ask_discard (self, "new");
      return;
    }
  start_new (self, FALSE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DtIntakePage *self = DT_INTAKE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;
  gboolean was_new;
  gint64 id;

  if (self->context == NULL)
    return;
  was_new = dt_petition_form_get_id (ensure_form (self)) == 0;
  id = dt_petition_form_save (ensure_form (self), &error);
  if (id == 0)
    {
      /* The form says what is wrong where it is; what was typed stays a draft. */
      gtk_label_set_label (self->saved_label, error->message);
      dt_intake_page_save_draft (self, NULL);
      return;
    }
  code = g_strdup (dt_petition_form_get_code (ensure_form (self)));
  discard_draft (self);
  if (was_new)
    {
      /* Translators: %s is a petition's code. */
      text = g_strdup_printf (_("Petition %s saved. The next one:"), code);
      start_new (self, TRUE);
      gtk_label_set_label (self->saved_label, text);
    }
  else
    {
      text = g_strdup_printf (_("Petition %s saved."), code);
      dt_petition_form_start_new (ensure_form (self), FALSE);
      show_similar (self, NULL);
      show_view (self, "register");
      dt_register_view_select_id (self->register_view, id);
      gtk_widget_grab_focus (GTK_WIDGET (self->register_view));
      gtk_label_set_label (self->filter_summary, text);
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtIntakePage *self = DT_INTAKE_PAGE (widget);

  if (form_modified (self))
    {
      ask_discard (self, "register");
      return;
    }
  dt_petition_form_start_new (ensure_form (self), FALSE);
  show_similar (self, NULL);
  show_view (self, "register");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_register_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DtIntakePage *self = DT_INTAKE_PAGE (widget);

  /* What is typed stays in the form (and in its draft) for later. */
  dt_intake_page_save_draft (self, NULL);
  show_view (self, "register");
  gtk_widget_grab_focus (GTK_WIDGET (self->register_view));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtIntakePage *self = DT_INTAKE_PAGE (widget);

  dt_intake_page_save_draft (self, NULL);
  show_view (self, "register");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
open_confirmed_cb (gpointer user_data,
                   gboolean confirmed)
{
  g_autoptr(DtIntakePage) self = user_data;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (self), "dt-open-id"));

  if (confirmed)
    {
      discard_draft (self);
      dt_petition_form_start_new (ensure_form (self), FALSE);
      dt_intake_page_open_petition (self, id);
    }
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DtIntakePage *self = DT_INTAKE_PAGE (widget);
  gint64 id = dt_register_view_get_selected_id (self->register_view);

  if (id == 0)
    return;
  if (form_modified (self))
    {
      g_object_set_data (G_OBJECT (self), "dt-open-id", GSIZE_TO_POINTER ((gsize) id));
      dt_confirm (GTK_WIDGET (self), _("Abandon the Petition Being Typed?"),
                  _("A petition is being typed and is not saved. Open this one instead, and "
                    "lose what was typed?"),
                  _("_Open Anyway"), TRUE, open_confirmed_cb, g_object_ref (self));
      return;
    }
  dt_intake_page_open_petition (self, id);
}

static void
register_activated_cb (DtIntakePage *self,
                       gint64        id)
{
  if (dt_register_view_get_selected_id (self->register_view) != id)
    dt_register_view_select_id (self->register_view, id);
  gtk_widget_activate_action (GTK_WIDGET (self), "intake.open", NULL);
}

static void
hide_undo (DtIntakePage *self)
{
  g_clear_handle_id (&self->undo_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->undo_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.undo", FALSE);
  g_clear_pointer (&self->deleted, dt_petition_free);
}

static gboolean
undo_timeout_cb (gpointer user_data)
{
  DtIntakePage *self = user_data;

  self->undo_id = 0;
  hide_undo (self);
  return G_SOURCE_REMOVE;
}

static void
undo_close_cb (DtIntakePage *self)
{
  hide_undo (self);
}

static void
delete_confirmed_cb (gpointer user_data,
                     gboolean confirmed)
{
  g_autoptr(DtIntakePage) self = user_data;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (self), "dt-delete-id"));
  g_autoptr(GError) error = NULL;
  g_autoptr(DtPetition) petition = NULL;
  g_autofree char *text = NULL;
  guint position = 0;

  if (!confirmed || self->context == NULL)
    return;
  petition = dt_petition_load_by_id (database (self), id, &error);
  if (petition != NULL)
    dt_petition_list_find (petition_list (self), id, &position);
  if (petition == NULL || !dt_petition_delete_by_id (database (self), id, &error))
    {
      gtk_label_set_label (self->undo_label, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.undo", FALSE);
      gtk_revealer_set_reveal_child (self->undo_revealer, TRUE);
      g_clear_handle_id (&self->undo_id, g_source_remove);
      self->undo_id = g_timeout_add_seconds (UNDO_SECONDS, undo_timeout_cb, self);
      return;
    }

  hide_undo (self);
  self->deleted = g_steal_pointer (&petition);
  text = g_strdup_printf (_("Petition %s was deleted."), self->deleted->code);
  gtk_label_set_label (self->undo_label, text);
  dt_context_set_write_action_enabled (self->context, GTK_WIDGET (self), "intake.undo", TRUE);
  gtk_revealer_set_reveal_child (self->undo_revealer, TRUE);
  self->undo_id = g_timeout_add_seconds (UNDO_SECONDS, undo_timeout_cb, self);

  /* The row that took its place is the one chosen now. */
  if (position < g_list_model_get_n_items (G_LIST_MODEL (petition_list (self))))
    dt_register_view_select_position (self->register_view, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->register_view));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtIntakePage *self = DT_INTAKE_PAGE (widget);
  gint64 id = dt_register_view_get_selected_id (self->register_view);
  g_autoptr(DtPetition) petition = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (id == 0 || self->context == NULL)
    return;
  petition = dt_petition_load_by_id (database (self), id, &error);
  if (petition == NULL)
    {
      gtk_label_set_label (self->filter_summary, error->message);
      return;
    }
  g_object_set_data (G_OBJECT (self), "dt-delete-id", GSIZE_TO_POINTER ((gsize) id));
  heading = g_strdup_printf (_("Delete Petition %s?"), petition->code);
  body = g_strdup_printf (_("“%s” and everything recorded about it (assignment, events, "
                            "answer) will be removed. You can undo it for a few seconds."),
                          petition->summary != NULL ? petition->summary : petition->code);
  dt_confirm (GTK_WIDGET (self), heading, body, _("_Delete"), TRUE, delete_confirmed_cb,
              g_object_ref (self));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DtIntakePage *self = DT_INTAKE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  if (self->deleted == NULL || self->context == NULL)
    return;
  id = dt_petition_insert (database (self), self->deleted, &error);
  if (id == 0)
    {
      gtk_label_set_label (self->undo_label, error->message);
      return;
    }
  text = g_strdup_printf (_("Petition %s is back."), self->deleted->code);
  hide_undo (self);
  gtk_label_set_label (self->filter_summary, text);
  dt_register_view_select_id (self->register_view, id);
}

static void
restore_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DtIntakePage *self = DT_INTAKE_PAGE (widget);
  g_autoptr(DtDraft) draft = g_steal_pointer (&self->recovered);
  g_autoptr(GError) error = NULL;

  if (draft == NULL)
    return;
  offer_recovered (self);
  if (!dt_petition_form_restore_draft (ensure_form (self), draft, &error))
    {
      g_warning ("The draft cannot be restored: %s", error->message);
      return;
    }
  /* From now on it is the form's own draft again. */
  dt_intake_page_save_draft (self, NULL);
  dt_draft_discard (database (self), DT_INTAKE_RECOVERED_DRAFT, NULL);
  gtk_label_set_label (self->saved_label, _("Taken back from the draft."));
  show_view (self, "form");
  dt_intake_page_update_similar (self);
  dt_petition_form_focus_start (ensure_form (self));
}

static void
discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DtIntakePage *self = DT_INTAKE_PAGE (widget);

  g_clear_pointer (&self->recovered, dt_draft_free);
  if (self->context != NULL)
    dt_draft_discard (database (self), DT_INTAKE_RECOVERED_DRAFT, NULL);
  offer_recovered (self);
}

/* ------------------------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------------------------ */

/* The register read, its count followed: when the tab is first shown, or once the window
 * has shown itself. */
static void
connect_list (DtIntakePage *self)
{
  if (self->context != NULL)
    dt_context_cancel_idle (self->context, self->connect_id);
  self->connect_id = 0;
  if (self->list_connected || self->context == NULL || petition_list (self) == NULL)
    return;
  self->list_connected = TRUE;
  g_signal_connect_object (petition_list (self), "items-changed",
                           G_CALLBACK (list_items_changed_cb), self, G_CONNECT_SWAPPED);
  update_count (self);
}

static gboolean
connect_idle_cb (gpointer user_data)
{
  DtIntakePage *self = user_data;

  self->connect_id = 0;
  connect_list (self);
  return G_SOURCE_REMOVE;
}

static void
dt_intake_page_map (GtkWidget *widget)
{
  DtIntakePage *self = DT_INTAKE_PAGE (widget);
  GtkRoot *root;
  GtkWidget *focus;

  connect_list (self);

  GTK_WIDGET_CLASS (dt_intake_page_parent_class)->map (widget);

  /* Shortcuts of the tab (Ctrl+N, Ctrl+F …) need the focus inside it. */
  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->views), "form") == 0)
        dt_petition_form_focus_start (ensure_form (self));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
}

static void
dt_intake_page_dispose (GObject *object)
{
  DtIntakePage *self = (DtIntakePage *) object;

  /* Closing the window keeps what was being typed. */
  if (self->context != NULL && self->form != NULL)
    dt_intake_page_save_draft (self, NULL);

  g_clear_handle_id (&self->similar_id, g_source_remove);
  g_clear_handle_id (&self->draft_id, g_source_remove);
  g_clear_handle_id (&self->undo_id, g_source_remove);
  if (self->context != NULL)
    dt_context_cancel_idle (self->context, self->connect_id);
  self->connect_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_INTAKE_PAGE);
  /* Children of the template without an id of their own are not cleared with it. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (dt_intake_page_parent_class)->dispose (object);
}

static void
dt_intake_page_finalize (GObject *object)
{
  DtIntakePage *self = (DtIntakePage *) object;

  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->filter, dt_petition_filter_free);
  g_clear_pointer (&self->recovered, dt_draft_free);
  g_clear_pointer (&self->last_saved_draft, dt_draft_free);
  g_clear_pointer (&self->deleted, dt_petition_free);
  g_clear_pointer (&self->similar, g_ptr_array_unref);

  G_OBJECT_CLASS (dt_intake_page_parent_class)->finalize (object);
}

static void
dt_intake_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DtIntakePage *self = DT_INTAKE_PAGE (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      g_value_set_string (value, self->order);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_intake_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DtIntakePage *self = DT_INTAKE_PAGE (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      set_order (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_intake_page_class_init (DtIntakePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_intake_page_dispose;
  object_class->finalize = dt_intake_page_finalize;
  object_class->get_property = dt_intake_page_get_property;
  object_class->set_property = dt_intake_page_set_property;
  widget_class->map = dt_intake_page_map;

  /* "received", "code", "petitioner", "deadline" or "overdue": the order of the register. */
  properties[PROP_ORDER] =
    g_param_spec_string ("order", NULL, NULL, "received",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DT_TYPE_PETITION_FORM);
  g_type_ensure (DT_TYPE_REGISTER_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/doithoai/DoiThoai/dt-intake-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, draft_label);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, draft_revealer);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, draft_status);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, filter_summary);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, form_viewport);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, form_title);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, new_button);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, new_label);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, register_view);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, save_button);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, saved_label);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, show_confidential_check);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, similar_heading);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, similar_hint);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, similar_list);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, sort_button);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, undo_close_button);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, undo_label);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, undo_revealer);
  gtk_widget_class_bind_template_child (widget_class, DtIntakePage, views);

  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);
  gtk_widget_class_bind_template_callback (widget_class, register_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, register_order_cb);
  gtk_widget_class_bind_template_callback (widget_class, register_selection_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_confidential_cb);
  gtk_widget_class_bind_template_callback (widget_class, undo_close_cb);

  gtk_widget_class_install_action (widget_class, "intake.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "intake.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "intake.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "intake.show-register", NULL,
                                   show_register_action);
  gtk_widget_class_install_action (widget_class, "intake.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "intake.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "intake.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "intake.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "intake.restore-draft", NULL,
                                   restore_draft_action);
  gtk_widget_class_install_action (widget_class, "intake.discard-draft", NULL,
                                   discard_draft_action);
  gtk_widget_class_install_property_action (widget_class, "intake.order", "order");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "intake.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "intake.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "intake.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "intake.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "intake.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "intake.undo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dt_intake_page_init (DtIntakePage *self)
{
  GtkShortcutController *shortcuts;

  self->order = g_strdup ("received");
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Given here, not in the template: see dt_widget_set_tooltip (). */
  {
    const struct { gpointer button; const char *tooltip; } tooltips[] = {
      { self->filter_button, _("Show only some petitions") },
      { self->sort_button, _("The order of the register") },
      { self->new_button, _("Record a petition (Ctrl+N)") },
      { self->undo_close_button, _("Close") },
      { self->back_button, _("Back to the register; what is typed stays here") },
      { self->cancel_button, _("Give up this petition (Esc)") },
      { self->save_button, _("Save (Ctrl+S); a new petition then starts, with the same date "
                             "and channel") },
    };

    for (guint i = 0; i < G_N_ELEMENTS (tooltips); i++)
      dt_widget_set_tooltip (GTK_WIDGET (tooltips[i].button), tooltips[i].tooltip);
  }
  build_filters (self);
  dt_accessible_name_controls (GTK_WIDGET (self));
  dt_accessible_name_controls (gtk_popover_get_child (gtk_menu_button_get_popover (self->filter_button)));
  dt_register_view_set_accessible_label (self->register_view, _("Register of petitions"));
  dt_widget_set_label (GTK_WIDGET (self), _("Petition Intake"));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->similar_list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->similar_heading,
                                  NULL, -1);

  /* Delete in the list (not in the search box) deletes the petition chosen. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("intake.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->register_view), GTK_EVENT_CONTROLLER (shortcuts));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.undo", FALSE);
  update_actions (self);
  show_similar (self, NULL);
  form_title_cb (self);
}

void
dt_intake_page_set_context (DtIntakePage *self,
                            DtContext    *context)
{
  g_return_if_fail (DT_IS_INTAKE_PAGE (self));
  g_return_if_fail (DT_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  dt_register_view_set_context (self->register_view, context);
  if (self->form != NULL)
    dt_petition_form_set_context (self->form, context);
  /* The register is read when the tab is first shown (dt_intake_page_map ()), or once the
   * window has shown itself. */
  self->connect_id = dt_context_add_idle (context, connect_idle_cb, self);
  look_for_drafts (self);
  update_actions (self);
  if (dt_context_get_read_only (context))
    {
      const char * const writes[] = { "intake.new", "intake.restore-draft",
                                      "intake.discard-draft", "intake.undo" };

      for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), writes[i], FALSE);
      if (self->form != NULL)
        gtk_widget_set_sensitive (GTK_WIDGET (self->form), FALSE);
    }
}

DtPetitionForm *
dt_intake_page_get_form (DtIntakePage *self)
{
  g_return_val_if_fail (DT_IS_INTAKE_PAGE (self), NULL);
  return ensure_form (self);
}

DtRegisterView *
dt_intake_page_get_register (DtIntakePage *self)
{
  g_return_val_if_fail (DT_IS_INTAKE_PAGE (self), NULL);
  return self->register_view;
}

const char *
dt_intake_page_get_view (DtIntakePage *self)
{
  g_return_val_if_fail (DT_IS_INTAKE_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->views);
}

gboolean
dt_intake_page_drafts_waiting (DtDatabase *database)
{
  const char * const forms[] = { DT_INTAKE_RECOVERED_DRAFT, DT_PETITION_FORM_DRAFT };

  g_return_val_if_fail (DT_IS_DATABASE (database), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DtDraft) draft = dt_draft_load (database, forms[i], &error);

      /* A damaged one too: the page discards it and says so. */
      if (error != NULL || (draft != NULL && !dt_draft_is_empty (draft)))
        return TRUE;
    }
  return FALSE;
}

gboolean
dt_intake_page_has_recovered_draft (DtIntakePage *self)
{
  g_return_val_if_fail (DT_IS_INTAKE_PAGE (self), FALSE);
  return self->recovered != NULL;
}

gboolean
dt_intake_page_open_petition (DtIntakePage *self,
                              gint64        id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DT_IS_INTAKE_PAGE (self), FALSE);

  if (self->context == NULL || !dt_petition_form_open (ensure_form (self), id, &error))
    {
      if (error != NULL)
        gtk_label_set_label (self->filter_summary, error->message);
      return FALSE;
    }
  gtk_label_set_label (self->saved_label, "");
  show_view (self, "form");
  dt_intake_page_update_similar (self);
  dt_petition_form_focus_start (ensure_form (self));
  return TRUE;
}

GStrv
dt_intake_page_get_similar_codes (DtIntakePage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (DT_IS_INTAKE_PAGE (self), NULL);

  for (guint i = 0; self->similar != NULL && i < self->similar->len; i++)
    g_strv_builder_add (builder, ((DtSimilarPetition *) g_ptr_array_index (self->similar, i))->code);
  return g_strv_builder_end (builder);
}
