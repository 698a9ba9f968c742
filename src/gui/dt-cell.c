/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-cell"

#include "config.h"

#include "dt-cell.h"
#include "dt-gui-util.h"

struct _DtCell
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;       /* made when first drawn */
  gboolean     layout_stale; /* TEXT changed since LAYOUT was given it */
  int          line_height;  /* of the font, in pixels; 0 until measured */
};

G_DEFINE_FINAL_TYPE (DtCell, dt_cell, GTK_TYPE_WIDGET)

/* The height of a line in CONTEXT's font. Asking Pango for a font's metrics takes some
 * 10 µs, and a column view makes 1,600 cells at once (200 rows of eight): the heights are
 * kept on the display, by what decides them (the font, the language, the resolution, the
 * hinting), so that the cells share one answer. */
static int
font_line_height (GtkWidget    *widget,
                  PangoContext *context)
{
  GObject *display = G_OBJECT (gtk_widget_get_display (widget));
  GHashTable *heights = g_object_get_data (display, "dt-cell-line-heights");
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));
  g_autofree char *key = NULL;
  PangoFontMetrics *metrics;
  int height;

  key = g_strdup_printf ("%s|%s|%g|%lu", font,
                         pango_language_to_string (pango_context_get_language (context)),
                         pango_cairo_context_get_resolution (context),
                         options != NULL ? cairo_font_options_hash (options) : 0);
  if (heights == NULL)
    {
      heights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (display, "dt-cell-line-heights", heights,
                              (GDestroyNotify) g_hash_table_unref);
    }
  if ((height = GPOINTER_TO_INT (g_hash_table_lookup (heights, key))) > 0)
    return height;

  metrics = pango_context_get_metrics (context, NULL, NULL);
  height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
  if (height <= 0)
    height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) +
                                pango_font_metrics_get_descent (metrics));
  pango_font_metrics_unref (metrics);
  height = MAX (height, 1);
  g_hash_table_insert (heights, g_steal_pointer (&key), GINT_TO_POINTER (height));
  return height;
}

static int
line_height (DtCell *self)
{
  if (self->line_height == 0)
    self->line_height = font_line_height (GTK_WIDGET (self),
                                          gtk_widget_get_pango_context (GTK_WIDGET (self)));
  return self->line_height;
}

static void
dt_cell_measure (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  DtCell *self = DT_CELL (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = line_height (self);
  else
    {
      /* The column gives the width; the text is cut to it. */
      *minimum = 0;
      *natural = line_height (self) * 4;
    }
}

static void
dt_cell_snapshot (GtkWidget   *widget,
                  GtkSnapshot *snapshot)
{
  DtCell *self = DT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color;
  int text_height;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
    }
  else if (self->layout_stale)
    pango_layout_set_text (self->layout, self->text, -1);
  self->layout_stale = FALSE;
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_get_pixel_size (self->layout, NULL, &text_height);

  dt_widget_get_color (widget, &color);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, MAX (0, (height - text_height) / 2)));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* Another font or scale: measured and laid out again. */
static void
dt_cell_css_changed (GtkWidget         *widget,
                     GtkCssStyleChange *change)
{
  DtCell *self = DT_CELL (widget);

  GTK_WIDGET_CLASS (dt_cell_parent_class)->css_changed (widget, change);
  self->line_height = 0;
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (widget);
}

static void
dt_cell_finalize (GObject *object)
{
  DtCell *self = (DtCell *) object;

  g_free (self->text);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (dt_cell_parent_class)->finalize (object);
}

static void
dt_cell_class_init (DtCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dt_cell_finalize;
  widget_class->measure = dt_cell_measure;
  widget_class->snapshot = dt_cell_snapshot;
  widget_class->css_changed = dt_cell_css_changed;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
dt_cell_init (DtCell *self)
{
}

GtkWidget *
dt_cell_new (void)
{
  return g_object_new (DT_TYPE_CELL, NULL);
}

const char *
dt_cell_get_text (DtCell *self)
{
  g_return_val_if_fail (DT_IS_CELL (self), NULL);
  return self->text;
}

gboolean
dt_cell_set_text (DtCell     *self,
                  const char *text)
{
  g_return_val_if_fail (DT_IS_CELL (self), FALSE);

  if (g_strcmp0 (self->text != NULL ? self->text : "", text != NULL ? text : "") == 0)
    return FALSE;
  g_free (self->text);
  self->text = g_strdup (text);
  /* Given to the layout when drawn: most of the rows a list keeps are not on screen. */
  self->layout_stale = TRUE;
  /* Same height whatever it says: drawn again, not measured again. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}
