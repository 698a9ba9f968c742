/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-holiday-grid"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-gui-util.h"
#include "dt-holiday-grid.h"
#include "dt-lunar.h"
#include "dt-util.h"

struct _DtHolidayGrid
{
  GtkWidget  parent_instance;

  int        year;
  int        month;
  GtkWidget *box;
  GtkWidget *grid;
  GtkWidget *days[32];
};

G_DEFINE_FINAL_TYPE (DtHolidayGrid, dt_holiday_grid, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DAY_CLICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
dt_month_name (int month)
{
  const char *names[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };

  g_return_val_if_fail (month >= 1 && month <= 12, "");
  return _(names[month - 1]);
}

static const char *
weekday_short (int weekday)
{
  /* Translators: short names of the days of the week, Monday first, as calendars head their
   * columns (Vietnamese: T2 … CN). */
  const char *names[] = { N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su") };

  return _(names[weekday - 1]);
}

static void
day_clicked_cb (GtkButton     *button,
                DtHolidayGrid *self)
{
  g_signal_emit (self, signals[SIGNAL_DAY_CLICKED], 0,
                 g_object_get_data (G_OBJECT (button), "dt-date"));
}

static void
dt_holiday_grid_dispose (GObject *object)
{
  DtHolidayGrid *self = (DtHolidayGrid *) object;

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (dt_holiday_grid_parent_class)->dispose (object);
}

static void
dt_holiday_grid_class_init (DtHolidayGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_holiday_grid_dispose;

  /* A day (ISO) was clicked: the settings turn it into a holiday or back. */
  signals[SIGNAL_DAY_CLICKED] =
    g_signal_new ("day-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dt-holiday-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dt_holiday_grid_init (DtHolidayGrid *self)
{
}

GtkWidget *
dt_holiday_grid_new (int year,
                     int month)
{
  DtHolidayGrid *self = g_object_new (DT_TYPE_HOLIDAY_GRID, NULL);
  GtkWidget *title;
  GDate date;
  int column, row = 1;

  self->year = year;
  self->month = month;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  title = gtk_label_new (dt_month_name (month));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (self->box), title);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  title, NULL, -1);

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (self->grid), TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 2);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 2);
  for (int weekday = 1; weekday <= 7; weekday++)
    {
      GtkWidget *label = gtk_label_new (weekday_short (weekday));

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (self->grid), label, weekday - 1, 0, 1, 1);
    }

  g_date_set_dmy (&date, 1, (GDateMonth) month, (GDateYear) year);
  for (guint day = 1; day <= g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
       day++)
    {
      g_autofree char *text = g_strdup_printf ("%u", day);
      GtkWidget *button = gtk_button_new_with_label (text);

      g_date_set_day (&date, (GDateDay) day);
      column = g_date_get_weekday (&date) - 1;
      if (day > 1 && column == 0)
        row++;
      gtk_widget_add_css_class (button, "dt-day");
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "dt-date", dt_date_to_iso (&date), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (day_clicked_cb), self);
      gtk_grid_attach (GTK_GRID (self->grid), button, column, row, 1, 1);
      self->days[day] = button;
    }
  gtk_box_append (GTK_BOX (self->box), self->grid);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  return GTK_WIDGET (self);
}

void
dt_holiday_grid_set_days (DtHolidayGrid *self,
                          GHashTable    *holidays,
                          GHashTable    *workdays)
{
  g_return_if_fail (DT_IS_HOLIDAY_GRID (self));

  for (int day = 1; day <= 31; day++)
    {
      GtkWidget *button = self->days[day];
      const char *iso;
      g_autofree char *lunar_text = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *name = NULL;
      const char *kind;
      DtLunarDate lunar;
      GDate date;
      gboolean weekend, holiday, workday;

      if (button == NULL)
        continue;
      iso = g_object_get_data (G_OBJECT (button), "dt-date");
      dt_date_parse (iso, &date);
      weekend = g_date_get_weekday (&date) >= G_DATE_SATURDAY;
      holiday = g_hash_table_contains (holidays, iso);
      workday = g_hash_table_contains (workdays, iso);

      gtk_widget_remove_css_class (button, "dt-holiday");
      gtk_widget_remove_css_class (button, "dt-workday");
      gtk_widget_remove_css_class (button, "dt-weekend");
      if (holiday)
        {
          gtk_widget_add_css_class (button, "dt-holiday");
          kind = _("holiday");
        }
      else if (workday)
        {
          gtk_widget_add_css_class (button, "dt-workday");
          kind = _("make-up working day");
        }
      else if (weekend)
        {
          gtk_widget_add_css_class (button, "dt-weekend");
          kind = _("weekend");
        }
      else
        kind = _("working day");

      if (dt_lunar_from_solar (&date, &lunar, NULL))
        lunar_text = dt_lunar_format (&lunar);
      shown = dt_date_format_display (&date);
      /* Translators: a day of the holiday calendar: "02/09/2026, holiday (lunar 21/7/2026 (Bính Ngọ))". */
      name = g_strdup_printf (_("%s, %s (lunar %s)"), shown, kind,
                              lunar_text != NULL ? lunar_text : "—");
      dt_widget_set_tooltip (button, name);
      /* The name is the day shown; the rest is said after it. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, name, -1);
    }
}

GtkWidget *
dt_holiday_grid_get_button (DtHolidayGrid *self,
                            int            day)
{
  g_return_val_if_fail (DT_IS_HOLIDAY_GRID (self), NULL);
  g_return_val_if_fail (day >= 1 && day <= 31, NULL);

  return self->days[day];
}
