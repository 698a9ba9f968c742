/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-bar-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-bar-chart.h"
#include "dt-gui-util.h"

#define ROW_HEIGHT   26
#define BAR_HEIGHT   14
#define LABEL_WIDTH  0.38   /* of the width */
#define GAP          10

typedef struct
{
  char    *label;
  double   value;
  double   target;
  GdkRGBA  color;
} Row;

struct _DtBarChart
{
  GtkWidget  parent_instance;

  GArray    *rows;
};

G_DEFINE_FINAL_TYPE (DtBarChart, dt_bar_chart, GTK_TYPE_WIDGET)

static void
row_clear (Row *row)
{
  g_free (row->label);
}

static void
update_description (DtBarChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);

      if (text->len > 0)
        g_string_append (text, "; ");
      if (row->target >= 0)
        /* Translators: one row of a chart read aloud: "Quarter 2: 1 of 2". */
        g_string_append_printf (text, _("%s: %g of %g"), row->label, row->value, row->target);
      else
        g_string_append_printf (text, "%s: %g", row->label, row->value);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->str, -1);
}

static void
dt_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  DtBarChart *self = DT_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 360;
    }
  else
    *minimum = *natural = MAX (1, (int) self->rows->len) * ROW_HEIGHT;
}

static void
dt_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  DtBarChart *self = DT_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double label_width = (int) MIN (width * LABEL_WIDTH, 260);
  double figure_width = 56;
  double bar_space = MAX (10, width - label_width - figure_width - 2 * GAP);
  double max = 0;
  GdkRGBA foreground;
  cairo_t *cr;

  if (self->rows->len == 0 || width <= 0 || height <= 0)
    return;

  dt_widget_get_color (widget, &foreground);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);

      max = MAX (max, MAX (row->value, row->target));
    }
  if (max <= 0)
    max = 1;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      double y = i * ROW_HEIGHT;
      double bar_y = y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0;
      double x = label_width + GAP;
      double length = bar_space * row->value / max;
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, row->label);
      g_autofree char *figure = NULL;
      int text_width, text_height;

      /* The label, ellipsized to its column. */
      pango_layout_set_width (layout, (int) label_width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      gdk_cairo_set_source_rgba (cr, &foreground);
      cairo_move_to (cr, 0, y + (ROW_HEIGHT - text_height) / 2.0);
      pango_cairo_show_layout (cr, layout);

      /* The track, the target's outline, then the bar. */
      cairo_set_source_rgba (cr, foreground.red, foreground.green, foreground.blue, 0.08);
      cairo_rectangle (cr, x, bar_y, bar_space, BAR_HEIGHT);
      cairo_fill (cr);
      if (row->target > 0)
        {
          double target = bar_space * row->target / max;

          cairo_set_line_width (cr, 1.5);
          gdk_cairo_set_source_rgba (cr, &row->color);
          cairo_rectangle (cr, x + 0.75, bar_y + 0.75, MAX (0, target - 1.5), BAR_HEIGHT - 1.5);
          cairo_stroke (cr);
        }
      if (length > 0)
        {
          gdk_cairo_set_source_rgba (cr, &row->color);
          cairo_rectangle (cr, x, bar_y, MAX (2, length), BAR_HEIGHT);
          cairo_fill (cr);
        }

      if (row->target >= 0)
        figure = g_strdup_printf ("%g/%g", row->value, row->target);
      else
        figure = g_strdup_printf ("%g", row->value);
      pango_layout_set_text (layout, figure, -1);
      pango_layout_set_width (layout, -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      gdk_cairo_set_source_rgba (cr, &foreground);
      cairo_move_to (cr, width - text_width, y + (ROW_HEIGHT - text_height) / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_destroy (cr);
}

static void
dt_bar_chart_finalize (GObject *object)
{
  DtBarChart *self = (DtBarChart *) object;

  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (dt_bar_chart_parent_class)->finalize (object);
}

static void
dt_bar_chart_class_init (DtBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dt_bar_chart_finalize;

  widget_class->measure = dt_bar_chart_measure;
  widget_class->snapshot = dt_bar_chart_snapshot;

  gtk_widget_class_set_css_name (widget_class, "dt-bar-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dt_bar_chart_init (DtBarChart *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, (GDestroyNotify) row_clear);
}

GtkWidget *
dt_bar_chart_new (void)
{
  return g_object_new (DT_TYPE_BAR_CHART, NULL);
}

void
dt_bar_chart_clear (DtBarChart *self)
{
  g_return_if_fail (DT_IS_BAR_CHART (self));

  g_array_set_size (self->rows, 0);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
dt_bar_chart_add (DtBarChart *self,
                  const char *label,
                  double      value,
                  double      target,
                  const char *color)
{
  Row row = { 0 };

  g_return_if_fail (DT_IS_BAR_CHART (self));

  row.label = g_strdup (label != NULL ? label : "");
  row.value = value;
  row.target = target;
  if (color == NULL || !gdk_rgba_parse (&row.color, color))
    gdk_rgba_parse (&row.color, "#3584e4");
  g_array_append_val (self->rows, row);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
dt_bar_chart_get_n_rows (DtBarChart *self)
{
  g_return_val_if_fail (DT_IS_BAR_CHART (self), 0);

  return self->rows->len;
}
