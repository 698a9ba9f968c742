/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-gui-util"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-gui-util.h"
#include "dt-util.h"

char *
dt_format_count (gint64 count)
{
  /* Translators: the separator between groups of three digits in large numbers,
   * as in 12,345. Vietnamese uses a full stop. */
  const char *separator = C_("digit grouping", ",");
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (count));
  GString *text = g_string_new (count < 0 ? "-" : NULL);
  gsize n_digits = strlen (digits);

  for (gsize i = 0; i < n_digits; i++)
    {
      if (i > 0 && (n_digits - i) % 3 == 0)
        g_string_append (text, separator);
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

char *
dt_format_date (const char *iso)
{
  char *shown = iso != NULL ? dt_date_to_display (iso) : NULL;

  return shown != NULL ? shown : g_strdup ("");
}

void
dt_widget_get_color (GtkWidget *widget,
                     GdkRGBA   *color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (color != NULL);

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

void
dt_widget_set_label (GtkWidget  *widget,
                     const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

void
dt_widget_set_label_widget (GtkWidget *widget,
                            GtkWidget *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GTK_IS_WIDGET (label));

  /* The name is the label's text, once: a name set besides would be read twice. */
  if (GTK_IS_LABEL (label) && !GTK_IS_BUTTON (widget))
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  /* GTK 4.8 has no getter for a relation: the button inside a drop-down finds it here. */
  g_object_set_data_full (G_OBJECT (widget), "dt-label-widget", g_object_ref (label),
                          g_object_unref);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
}

void
dt_widget_set_problem (GtkWidget  *widget,
                       GtkLabel   *message,
                       const char *hint)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (hint != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hint, -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  if (message != NULL)
    {
      gtk_label_set_label (message, hint != NULL ? hint : "");
      gtk_widget_set_visible (GTK_WIDGET (message), hint != NULL);
    }
}

GtkWidget *
dt_record_row_new (const char *code,
                   GtkWidget  *content,
                   const char *accessible)
{
  GtkWidget *row = gtk_list_box_row_new ();

  g_return_val_if_fail (GTK_IS_WIDGET (content), NULL);

  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 8);
  gtk_widget_set_margin_bottom (content, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), content);
  g_object_set_data_full (G_OBJECT (row), "dt-code", g_strdup (code), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return row;
}

const char *
dt_record_row_get_code (GtkListBoxRow *row)
{
  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), NULL);

  return g_object_get_data (G_OBJECT (row), "dt-code");
}

GtkListBoxRow *
dt_record_row_find (GtkListBox *list,
                    const char *code)
{
  g_return_val_if_fail (GTK_IS_LIST_BOX (list), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) &&
        g_strcmp0 (dt_record_row_get_code (GTK_LIST_BOX_ROW (row)), code) == 0)
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

void
dt_record_row_select (GtkListBox *list,
                      const char *code)
{
  GtkListBoxRow *row = code != NULL ? dt_record_row_find (list, code) : NULL;

  if (row != NULL)
    gtk_list_box_select_row (list, row);
}

GtkWidget *
dt_row_subtitle_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

GtkWidget *
dt_problem_label_new (const char *name)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_name (label, name);
  gtk_widget_add_css_class (label, "dt-problem");
  gtk_widget_set_visible (label, FALSE);
  return label;
}

void
dt_label_show_text (GtkWidget  *label,
                    const char *text)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL);
}

char *
dt_editable_dup_text (GtkEditable *editable)
{
  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);
  return dt_text_clean (gtk_editable_get_text (editable));
}

char *
dt_text_view_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return dt_text_clean (text);
}

void
dt_text_view_set_text (GtkTextView *view,
                       const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* The whole choice, asked for when the pointer rests on it (a tooltip set at each bind makes
 * GTK look for the pointer at once). */
static gboolean
dropdown_tooltip_cb (GtkWidget  *label,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  if (!gtk_label_get_layout (GTK_LABEL (label)) ||
      !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_label (GTK_LABEL (label)));
  return TRUE;
}

static void
dropdown_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (dropdown_tooltip_cb), NULL);
    }
  gtk_list_item_set_child (item, label);
}

static void
dropdown_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  ellipsize)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = string != NULL ? gtk_string_object_get_string (string) : "";

  gtk_label_set_label (GTK_LABEL (label), text);
}

void
dt_drop_down_ellipsize (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) button = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  g_signal_connect (button, "setup", G_CALLBACK (dropdown_setup_cb), GINT_TO_POINTER (1));
  g_signal_connect (button, "bind", G_CALLBACK (dropdown_bind_cb), GINT_TO_POINTER (1));
  g_signal_connect (list, "setup", G_CALLBACK (dropdown_setup_cb), NULL);
  g_signal_connect (list, "bind", G_CALLBACK (dropdown_bind_cb), NULL);
  gtk_drop_down_set_factory (dropdown, button);
  gtk_drop_down_set_list_factory (dropdown, list);
}

static char *
without_underline (const char *text)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      /* "__" is an underscore shown; "_x" marks x. */
      if (*p == '_' && p[1] == '_')
        {
          g_string_append_c (plain, '_');
          p++;
        }
      else if (*p != '_')
        g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

static GtkLabel *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = first_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static void
name_by_label (GtkWidget  *widget,
               const char *text)
{
  g_autofree char *plain = NULL;

  if (text == NULL || *text == '\0')
    return;
  plain = without_underline (text);
  dt_widget_set_label (widget, plain);
}

/* The button inside a drop-down is what has the focus: it is named by the item it shows, and
 * while it shows none (no choice yet, no list yet, items that are not strings, or the "—" the
 * forms offer for none), by the drop-down's own label, else GTK 4.8 names it
 * "GtkToggleButton" (or reads the dash). */
static void
dropdown_selected_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      GtkWidget   *button)
{
  GtkStringObject *item = GTK_IS_STRING_LIST (gtk_drop_down_get_model (dropdown))
                          ? gtk_drop_down_get_selected_item (dropdown) : NULL;
  GtkWidget *label = g_object_get_data (G_OBJECT (dropdown), "dt-label-widget");
  const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown));

  if (item != NULL && g_strcmp0 (gtk_string_object_get_string (item), "—") == 0)
    item = NULL;
  /* A name and a labelling widget together would be read one after the other. */
  if (item != NULL)
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button),
                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      dt_widget_set_label (button, gtk_string_object_get_string (item));
    }
  else if (label != NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
    }
  else if (tooltip != NULL)
    name_by_label (button, tooltip);
}

void
dt_accessible_name_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_MENU_BUTTON (root))
    {
      const char *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (root));

      /* Its own button inside is named by its label already. */
      name_by_label (root, label != NULL ? label : gtk_widget_get_tooltip_text (root));
      return;
    }
  if (GTK_IS_CHECK_BUTTON (root))
    {
      name_by_label (root, gtk_check_button_get_label (GTK_CHECK_BUTTON (root)));
      return;
    }
  if (GTK_IS_BUTTON (root))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (root));
      GtkLabel *child;

      /* A button with a label of its own is named by it (labelled-by); GTK 4.8 also gives it
       * the label as typed, underline and all, and a screen reader would read both. */
      if (label != NULL && gtk_button_get_child (GTK_BUTTON (root)) != NULL &&
          GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (root))))
        gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);
      else if ((child = first_label (root)) != NULL)
        name_by_label (root, gtk_label_get_label (child));
      else
        name_by_label (root, gtk_widget_get_tooltip_text (root));
      return;
    }
  if (GTK_IS_SEARCH_ENTRY (root))
    {
      g_autofree char *placeholder = NULL;

      g_object_get (root, "placeholder-text", &placeholder, NULL);
      name_by_label (root, placeholder);
      return;
    }
  if (GTK_IS_DROP_DOWN (root))
    {
      GtkWidget *button = gtk_widget_get_first_child (root);

      if (button != NULL && GTK_IS_BUTTON (button))
        {
          /* The item shown changes with the choice and with the list of choices. */
          g_signal_connect_object (root, "notify::selected-item",
                                   G_CALLBACK (dropdown_selected_cb), button, 0);
          dropdown_selected_cb (GTK_DROP_DOWN (root), NULL, button);
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dt_accessible_name_controls (child);
}

/* Confirmation */

typedef struct
{
  DtConfirmFunc callback;
  gpointer      user_data;
  gboolean      answered;
} Confirm;

static void
confirm_answer (GtkWindow *window,
                gboolean   confirmed)
{
  Confirm *confirm = g_object_get_data (G_OBJECT (window), "dt-confirm");

  if (confirm == NULL || confirm->answered)
    return;
  confirm->answered = TRUE;
  confirm->callback (confirm->user_data, confirmed);
  gtk_window_destroy (window);
}

static void
confirm_yes_cb (GtkButton *button,
                GtkWindow *window)
{
  confirm_answer (window, TRUE);
}

static void
confirm_no_cb (GtkButton *button,
               GtkWindow *window)
{
  confirm_answer (window, FALSE);
}

static gboolean
confirm_close_cb (GtkWindow *window,
                  gpointer   user_data)
{
  Confirm *confirm = g_object_get_data (G_OBJECT (window), "dt-confirm");

  if (confirm != NULL && !confirm->answered)
    {
      confirm->answered = TRUE;
      confirm->callback (confirm->user_data, FALSE);
    }
  return FALSE;
}

GtkWindow *
dt_confirm (GtkWidget     *parent,
            const char    *heading,
            const char    *body,
            const char    *action_label,
            gboolean       destructive,
            DtConfirmFunc  callback,
            gpointer       user_data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *message = gtk_label_new (body);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *yes = gtk_button_new_with_mnemonic (action_label);
  GtkShortcutController *shortcuts;
  Confirm *confirm = g_new0 (Confirm, 1);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  confirm->callback = callback;
  confirm->user_data = user_data;
  g_object_set_data_full (G_OBJECT (window), "dt-confirm", confirm, g_free);

  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (window), FALSE);
  gtk_window_set_title (GTK_WINDOW (window), heading);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_widget_add_css_class (window, "dt-dialog");

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-4");
  gtk_widget_set_name (message, "confirm-message");
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (message), 48);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_widget_set_name (cancel, "confirm-cancel");
  gtk_widget_set_name (yes, "confirm-yes");
  gtk_widget_add_css_class (yes, destructive ? "destructive-action" : "suggested-action");

  gtk_box_append (GTK_BOX (box), title);
  if (body != NULL)
    gtk_box_append (GTK_BOX (box), message);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), yes);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_widget (GTK_WINDOW (window), yes);

  g_signal_connect (yes, "clicked", G_CALLBACK (confirm_yes_cb), window);
  g_signal_connect (cancel, "clicked", G_CALLBACK (confirm_no_cb), window);
  g_signal_connect (window, "close-request", G_CALLBACK (confirm_close_cb), NULL);

  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, GTK_EVENT_CONTROLLER (shortcuts));

  dt_accessible_name_controls (window);
  gtk_window_present (GTK_WINDOW (window));
  /* A destructive answer is never the one Enter gives by accident. */
  gtk_widget_grab_focus (destructive ? cancel : yes);
  return GTK_WINDOW (window);
}

GtkWidget *
dt_button_new (const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  dt_button_fix_name (button);
  return button;
}

void
dt_button_fix_name (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* GTK 4.8 names a button with a mnemonic by its raw label ("_Save") and by its label child
   * ("Save") at once; the child alone is right. */
#if !GTK_CHECK_VERSION (4, 10, 0)
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (widget)))
    {
      GtkWidget *toggle = gtk_widget_get_first_child (widget);

      if (toggle != NULL)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL);
    }
#endif
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_BUTTON (widget))
      dt_button_fix_name (child);
}

/* A date typed as 5/4/25 is shown back as 05/04/2025 once the person moves on: she sees the
 * date the program understood. */
static void
date_focus_leave_cb (GtkEventControllerFocus *controller,
                     gpointer                 user_data)
{
  GtkEditable *entry = GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  g_autofree char *iso = dt_date_parse_typed_iso (gtk_editable_get_text (entry), NULL);
  g_autofree char *shown = NULL;

  if (iso == NULL)
    return;
  shown = dt_date_to_display (iso);
  if (g_strcmp0 (shown, gtk_editable_get_text (entry)) != 0)
    gtk_editable_set_text (entry, shown);
}

void
dt_entry_take_dates (GtkEntry *entry)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_return_if_fail (GTK_IS_ENTRY (entry));

  /* Translators: how a date is typed, shown in empty date fields. */
  gtk_entry_set_placeholder_text (entry, _("dd/mm/yyyy"));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
  g_signal_connect (focus, "leave", G_CALLBACK (date_focus_leave_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (entry), focus);
}

static gboolean
scroll_top_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget)), 0);
  return G_SOURCE_REMOVE;
}

void
dt_scroll_to_top (GtkScrolledWindow *scroller)
{
  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scroller));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), 0);
  gtk_widget_add_tick_callback (GTK_WIDGET (scroller), scroll_top_cb, NULL, NULL);
}

char *
dt_format_saved (GDateTime *saved)
{
  if (saved == NULL)
    return g_strdup ("");
  return g_date_time_format (saved, "%d/%m/%Y %H:%M");
}

void
dt_gui_ensure_icons (void)
{
  static gboolean added;
  GdkDisplay *display = gdk_display_get_default ();

  if (added || display == NULL)
    return;
  added = TRUE;
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                    "/io/github/doithoai/DoiThoai/icons");
}

void
dt_widget_set_tooltip (GtkWidget  *widget,
                       const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (!gtk_widget_get_visible (widget) || gtk_widget_get_mapped (widget))
    {
      gtk_widget_set_tooltip_text (widget, text);
      return;
    }
  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, TRUE);
}
