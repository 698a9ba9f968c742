/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-date-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-date-entry.h"
#include "dt-gui-util.h"
#include "dt-lunar.h"
#include "dt-util.h"

struct _DtDateEntry
{
  GtkWidget       parent_instance;

  GtkEntry       *entry;
  GtkMenuButton  *button;
  GtkPopover     *popover;
  GtkCalendar    *calendar;
  GtkLabel       *lunar;
};

G_DEFINE_FINAL_TYPE (DtDateEntry, dt_date_entry, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_lunar (DtDateEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  DtLunarDate lunar;
  GDate date;

  if (*text != '\0' && dt_date_parse_typed (text, &date, NULL) &&
      dt_lunar_from_solar (&date, &lunar, NULL))
    {
      g_autofree char *formatted = dt_lunar_format (&lunar);
      /* Translators: the lunar date shown beside a date typed in a form, e.g.
       * "Lunar 18/3/2025 (Ất Tỵ)". */
      g_autofree char *caption = g_strdup_printf (_("Lunar %s"), formatted);

      gtk_label_set_label (self->lunar, caption);
    }
  else
    gtk_label_set_label (self->lunar, "");
}

static void
entry_changed_cb (DtDateEntry *self,
                  GtkEditable *editable)
{
  update_lunar (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Typed dates are shown the way documents write them once the entry is left. */
static void
focus_leave_cb (DtDateEntry             *self,
                GtkEventControllerFocus *controller)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *shown = NULL;
  GDate date;

  if (*text == '\0' || !dt_date_parse_typed (text, &date, NULL))
    return;
  shown = dt_date_format_display (&date);
  if (g_strcmp0 (shown, text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), shown);
}

static gboolean calendar_key_cb (DtDateEntry           *self,
                                 guint                  keyval,
                                 guint                  keycode,
                                 GdkModifierType        state,
                                 GtkEventControllerKey *controller);
static void     calendar_pressed_cb (GtkGestureClick *gesture,
                                     int              n_press,
                                     double           x,
                                     double           y,
                                     DtDateEntry     *self);

static void
ensure_calendar (DtDateEntry *self)
{
  GtkGesture *click;
  GtkEventController *controller;

  if (self->calendar != NULL)
    return;
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (calendar_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), GTK_EVENT_CONTROLLER (click));
  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (calendar_key_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), controller);

  gtk_popover_set_child (self->popover, GTK_WIDGET (self->calendar));
}

static void
popover_show_cb (DtDateEntry *self,
                 GtkPopover  *popover)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GDateTime) when = NULL;
  GDate date;

  ensure_calendar (self);
  if (*text == '\0' || !dt_date_parse_typed (text, &date, NULL))
    dt_today (&date);
  when = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);
  gtk_calendar_select_day (self->calendar, when);
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
pick (DtDateEntry *self)
{
  g_autoptr(GDateTime) when = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (when, "%d/%m/%Y");

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_popover_popdown (self->popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
}

static gboolean
pick_idle_cb (gpointer user_data)
{
  DtDateEntry *self = user_data;

  pick (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* Seen before the calendar's own handling of the click, which selects the day: the day is
 * taken just after, unless the click turned the month. */
static void
calendar_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     DtDateEntry     *self)
{
  GtkWidget *calendar = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (calendar, x, y, GTK_PICK_DEFAULT);

  if (picked != NULL && gtk_widget_has_css_class (picked, "day-number") &&
      !gtk_widget_has_css_class (picked, "other-month"))
    g_idle_add (pick_idle_cb, g_object_ref (self));
}

static gboolean
calendar_key_cb (DtDateEntry           *self,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_space)
    {
      pick (self);
      return TRUE;
    }
  return FALSE;
}

static gboolean
entry_key_cb (DtDateEntry           *self,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && (state & GDK_ALT_MASK) != 0)
    {
      dt_date_entry_popup_calendar (self);
      return TRUE;
    }
  return FALSE;
}

static void
dt_date_entry_dispose (GObject *object)
{
  DtDateEntry *self = (DtDateEntry *) object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dt_date_entry_parent_class)->dispose (object);
}

static gboolean
dt_date_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (DT_DATE_ENTRY (widget)->entry));
}

static void
dt_date_entry_class_init (DtDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_date_entry_dispose;
  widget_class->grab_focus = dt_date_entry_grab_focus;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "dt-date-entry");
}

static void
dt_date_entry_init (DtDateEntry *self)
{
  GtkEventController *controller;
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_box_layout_set_spacing (layout, 6);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 10);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 12);
  /* Translators: what a date field shows while it is empty. */
  gtk_entry_set_placeholder_text (self->entry, _("dd/mm/yyyy"));
  gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_parent (GTK_WIDGET (self->entry), GTK_WIDGET (self));
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);
  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (entry_key_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);

  /* The calendar is made the first time it is shown (ensure_calendar ()): a form, a dialog
   * or a filter shows one now and then, and a calendar is some fifty widgets. */
  self->popover = GTK_POPOVER (gtk_popover_new ());
  g_signal_connect_object (self->popover, "show", G_CALLBACK (popover_show_cb), self,
                           G_CONNECT_SWAPPED);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
  /* Tab goes from field to field; the calendar opens with Alt+Down from the entry. Only the
   * button inside the menu button is kept out of the focus chain: its popover, a child of the
   * menu button, must still take the focus. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->button)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_widget_set_can_focus (child, FALSE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self->button), FALSE);
  dt_widget_set_tooltip (GTK_WIDGET (self->button), _("Choose from the calendar (Alt+Down)"));
  dt_widget_set_label (GTK_WIDGET (self->button), _("Choose from the calendar"));
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  self->lunar = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->lunar, 0);
  /* On a narrow screen it goes onto two lines rather than widen the form. */
  gtk_label_set_wrap (self->lunar, TRUE);
  gtk_label_set_natural_wrap_mode (self->lunar, GTK_NATURAL_WRAP_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->lunar), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->lunar), "caption");
  gtk_widget_set_parent (GTK_WIDGET (self->lunar), GTK_WIDGET (self));
}

GtkWidget *
dt_date_entry_new (void)
{
  return g_object_new (DT_TYPE_DATE_ENTRY, NULL);
}

GtkEntry *
dt_date_entry_get_entry (DtDateEntry *self)
{
  g_return_val_if_fail (DT_IS_DATE_ENTRY (self), NULL);
  return self->entry;
}

const char *
dt_date_entry_get_text (DtDateEntry *self)
{
  g_return_val_if_fail (DT_IS_DATE_ENTRY (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
dt_date_entry_set_text (DtDateEntry *self,
                        const char  *text)
{
  g_return_if_fail (DT_IS_DATE_ENTRY (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
}

gboolean
dt_date_entry_get_iso (DtDateEntry  *self,
                       char        **iso,
                       GError      **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (DT_IS_DATE_ENTRY (self), FALSE);
  g_return_val_if_fail (iso != NULL, FALSE);

  *iso = NULL;
  text = dt_text_clean (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  if (text == NULL)
    return TRUE;
  *iso = dt_date_parse_typed_iso (text, error);
  return *iso != NULL;
}

void
dt_date_entry_set_iso (DtDateEntry *self,
                       const char  *iso)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (DT_IS_DATE_ENTRY (self));

  if (iso != NULL)
    shown = dt_date_to_display (iso);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), shown != NULL ? shown : "");
}

const char *
dt_date_entry_get_lunar (DtDateEntry *self)
{
  g_return_val_if_fail (DT_IS_DATE_ENTRY (self), NULL);
  return gtk_label_get_label (self->lunar);
}

void
dt_date_entry_set_label (DtDateEntry *self,
                         const char  *label)
{
  g_return_if_fail (DT_IS_DATE_ENTRY (self));
  dt_widget_set_label (GTK_WIDGET (self->entry), label);
  dt_widget_set_label (GTK_WIDGET (self), label);
}

void
dt_date_entry_popup_calendar (DtDateEntry *self)
{
  g_return_if_fail (DT_IS_DATE_ENTRY (self));
  gtk_menu_button_popup (self->button);
}
