/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-completion"

#include "config.h"

#include <string.h>

#include "dt-completion.h"
#include "dt-text.h"
#include "dt-util.h"

#define MAX_SHOWN 8

struct _DtCompletion
{
  GObject      parent_instance;

  GtkEntry    *entry;        /* not owned: the entry owns us */
  GListModel  *names;
  GtkWidget   *popover;
  GtkListBox  *list;
  GtkEventControllerFocus *focus;
  GPtrArray   *shown;        /* of char *, what the rows say */
  guint        setting : 1;
};

G_DEFINE_FINAL_TYPE (DtCompletion, dt_completion, G_TYPE_OBJECT)

static gboolean
word_prefix (const char *folded,
             const char *wanted,
             gboolean   *at_start)
{
  gsize n = strlen (wanted);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    if ((p == folded || p[-1] == ' ' || p[-1] == '-' || p[-1] == '(') &&
        strncmp (p, wanted, n) == 0)
      {
        *at_start = p == folded;
        return TRUE;
      }
  return FALSE;
}

static void
hide (DtCompletion *self)
{
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
take (DtCompletion *self,
      const char   *name)
{
  self->setting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), name);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  self->setting = FALSE;
  hide (self);
}

static void
row_activated_cb (DtCompletion  *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->shown->len)
    take (self, g_ptr_array_index (self->shown, index));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
ensure_popover (DtCompletion *self)
{
  GtkWidget *scroller;

  if (self->popover != NULL)
    return;

  self->popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->popover, "dt-completion");
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self->entry));

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 260);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  /* The typing stays in the entry: the list is chosen from with the arrows. */
  gtk_widget_set_can_focus (GTK_WIDGET (self->list), FALSE);
  gtk_widget_set_can_focus (self->popover, FALSE);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_popover_set_child (GTK_POPOVER (self->popover), scroller);
}

static void
refilter (DtCompletion *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *wanted = NULL;
  g_autoptr(GPtrArray) starts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (self->names);
  GtkWidget *child;

  g_ptr_array_set_size (self->shown, 0);
  wanted = dt_text_fold (text);
  g_strstrip (wanted);

  if (*wanted != '\0')
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (self->names, i);
        const char *name = gtk_string_object_get_string (item);
        g_autofree char *folded = dt_text_fold (name);
        gboolean at_start = FALSE;

        if (word_prefix (folded, wanted, &at_start))
          g_ptr_array_add (at_start ? starts : words, g_strdup (name));
      }
  for (guint i = 0; i < starts->len && self->shown->len < MAX_SHOWN; i++)
    g_ptr_array_add (self->shown, g_strdup (g_ptr_array_index (starts, i)));
  for (guint i = 0; i < words->len && self->shown->len < MAX_SHOWN; i++)
    g_ptr_array_add (self->shown, g_strdup (g_ptr_array_index (words, i)));

  /* Nothing to offer, or only what is typed already. */
  if (self->shown->len == 0 ||
      (self->shown->len == 1 && g_strcmp0 (g_ptr_array_index (self->shown, 0), text) == 0))
    {
      g_ptr_array_set_size (self->shown, 0);
      hide (self);
      return;
    }

  ensure_popover (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < self->shown->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (self->shown, i));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 3);
      gtk_widget_set_margin_bottom (label, 3);
      gtk_list_box_append (self->list, label);
    }
  gtk_widget_set_size_request (gtk_popover_get_child (GTK_POPOVER (self->popover)),
                               MAX (gtk_widget_get_width (GTK_WIDGET (self->entry)) - 12, 120), -1);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
entry_changed_cb (DtCompletion *self,
                  GtkEditable  *editable)
{
  if (self->setting)
    return;
  /* Text set by the program (a record loaded) offers nothing. */
  if (!gtk_event_controller_focus_contains_focus (self->focus))
    return;
  refilter (self);
}

/* "thon dong" becomes "Thôn Đông" when the list has it. */
static void
normalize (DtCompletion *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  const char *name = dt_completion_find (self, text);

  if (name != NULL && g_strcmp0 (name, text) != 0)
    take (self, name);
}

static gboolean
is_open (DtCompletion *self)
{
  return self->popover != NULL && gtk_widget_get_visible (self->popover) &&
         self->shown->len > 0;
}

static void
move_selection (DtCompletion *self,
                int           step)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) + step : (step > 0 ? 0 : -1);

  if (index < 0)
    index = (int) self->shown->len - 1;
  if (index >= (int) self->shown->len)
    index = 0;
  row = gtk_list_box_get_row_at_index (self->list, index);
  gtk_list_box_select_row (self->list, row);
}

static gboolean
key_pressed_cb (DtCompletion          *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!is_open (self))
        {
          refilter (self);
          return is_open (self);
        }
      move_selection (self, 1);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!is_open (self))
        return FALSE;
      move_selection (self, -1);
      return TRUE;

    case GDK_KEY_Escape:
      if (!is_open (self))
        return FALSE;
      hide (self);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (is_open (self) && (row = gtk_list_box_get_selected_row (self->list)) != NULL)
        take (self, g_ptr_array_index (self->shown, gtk_list_box_row_get_index (row)));
      else
        {
          hide (self);
          normalize (self);
        }
      /* Enter goes on to the next field as it would without suggestions. */
      return FALSE;

    default:
      return FALSE;
    }
}

static void
focus_leave_cb (DtCompletion            *self,
                GtkEventControllerFocus *controller)
{
  hide (self);
  normalize (self);
}

static void
dt_completion_finalize (GObject *object)
{
  DtCompletion *self = (DtCompletion *) object;

  g_clear_object (&self->names);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (dt_completion_parent_class)->finalize (object);
}

static void
dt_completion_class_init (DtCompletionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dt_completion_finalize;
}

static void
dt_completion_init (DtCompletion *self)
{
  self->shown = g_ptr_array_new_with_free_func (g_free);
}

/* Before the entry is finalized: a widget must have no children left by then. */
static void
entry_destroy_cb (DtCompletion *self,
                  GtkWidget    *entry)
{
  if (self->popover != NULL)
    g_clear_pointer (&self->popover, gtk_widget_unparent);
}

static void
entry_destroyed (gpointer data)
{
  DtCompletion *self = data;

  self->entry = NULL;
  g_object_unref (self);
}

DtCompletion *
dt_completion_attach (GtkEntry   *entry,
                      GListModel *names)
{
  DtCompletion *self;
  GtkEventController *controller;

  g_return_val_if_fail (GTK_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (names), NULL);

  self = g_object_new (DT_TYPE_COMPLETION, NULL);
  self->entry = entry;
  self->names = g_object_ref (names);
  g_object_set_data_full (G_OBJECT (entry), "dt-completion", self, entry_destroyed);

  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "destroy", G_CALLBACK (entry_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (entry), controller);
  controller = gtk_event_controller_focus_new ();
  self->focus = GTK_EVENT_CONTROLLER_FOCUS (controller);
  g_signal_connect_object (controller, "leave", G_CALLBACK (focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (entry), controller);
  return self;
}

DtCompletion *
dt_completion_get_for_entry (GtkEntry *entry)
{
  g_return_val_if_fail (GTK_IS_ENTRY (entry), NULL);
  return g_object_get_data (G_OBJECT (entry), "dt-completion");
}

guint
dt_completion_get_n_shown (DtCompletion *self)
{
  g_return_val_if_fail (DT_IS_COMPLETION (self), 0);
  return is_open (self) ? self->shown->len : 0;
}

const char *
dt_completion_get_shown (DtCompletion *self,
                         guint         index)
{
  g_return_val_if_fail (DT_IS_COMPLETION (self), NULL);
  g_return_val_if_fail (index < self->shown->len, NULL);
  return g_ptr_array_index (self->shown, index);
}

gboolean
dt_completion_is_open (DtCompletion *self)
{
  g_return_val_if_fail (DT_IS_COMPLETION (self), FALSE);
  return is_open (self);
}

const char *
dt_completion_find (DtCompletion *self,
                    const char   *text)
{
  g_autofree char *clean = NULL;
  g_autofree char *wanted = NULL;
  guint n;

  g_return_val_if_fail (DT_IS_COMPLETION (self), NULL);

  if (text == NULL || (clean = dt_text_clean (text)) == NULL)
    return NULL;
  wanted = dt_text_fold (clean);
  n = g_list_model_get_n_items (self->names);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (self->names, i);
      const char *name = gtk_string_object_get_string (item);
      g_autofree char *folded = dt_text_fold (name);

      /* The string object outlives this call: the list holds it. */
      if (g_str_equal (folded, wanted))
        return name;
    }
  return NULL;
}

GtkWidget *
dt_completion_get_popover (DtCompletion *self)
{
  g_return_val_if_fail (DT_IS_COMPLETION (self), NULL);
  return self->popover;
}
