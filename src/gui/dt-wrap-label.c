/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-wrap-label"

#include "config.h"

#include "dt-gui-util.h"
#include "dt-wrap-label.h"

/* What it asks for at least: the rows it is made for are far wider (the overview's content is
 * at least 720 pixels wide), and a word longer than that is broken, not cut. */
#define MINIMUM_WIDTH 120

struct _DtWrapLabel
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;       /* made when first needed */
  int          laid_width;   /* what LAYOUT is laid out for, in pixels; -1: unwrapped */
};

G_DEFINE_FINAL_TYPE (DtWrapLabel, dt_wrap_label, GTK_TYPE_WIDGET)

/* The layout, at WIDTH pixels (-1: on one line): laid out again only for another width. */
static PangoLayout *
layout_for_width (DtWrapLabel *self,
                  int          width)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_width (self->layout, -1);
      self->laid_width = -1;
    }
  if (width != self->laid_width)
    {
      pango_layout_set_width (self->layout, width < 0 ? -1 : width * PANGO_SCALE);
      self->laid_width = width;
    }
  return self->layout;
}

static GtkSizeRequestMode
dt_wrap_label_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
dt_wrap_label_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  DtWrapLabel *self = DT_WRAP_LABEL (widget);
  PangoLayout *layout;
  int height;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = MINIMUM_WIDTH;
      return;
    }
  layout = layout_for_width (self, for_size < 0 ? -1 : MAX (for_size, MINIMUM_WIDTH));
  pango_layout_get_pixel_size (layout, NULL, &height);
  *minimum = *natural = height;
  *minimum_baseline = *natural_baseline = PANGO_PIXELS (pango_layout_get_baseline (layout));
}

static void
dt_wrap_label_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DtWrapLabel *self = DT_WRAP_LABEL (widget);
  GdkRGBA color;

  if (self->text == NULL || *self->text == '\0')
    return;
  dt_widget_get_color (widget, &color);
  gtk_snapshot_append_layout (snapshot,
                              layout_for_width (self, MAX (gtk_widget_get_width (widget),
                                                           MINIMUM_WIDTH)),
                              &color);
}

/* Another font or scale: laid out again. */
static void
dt_wrap_label_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  DtWrapLabel *self = DT_WRAP_LABEL (widget);

  GTK_WIDGET_CLASS (dt_wrap_label_parent_class)->css_changed (widget, change);
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (widget);
}

static void
dt_wrap_label_finalize (GObject *object)
{
  DtWrapLabel *self = (DtWrapLabel *) object;

  g_free (self->text);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (dt_wrap_label_parent_class)->finalize (object);
}

static void
dt_wrap_label_class_init (DtWrapLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dt_wrap_label_finalize;
  widget_class->get_request_mode = dt_wrap_label_get_request_mode;
  widget_class->measure = dt_wrap_label_measure;
  widget_class->snapshot = dt_wrap_label_snapshot;
  widget_class->css_changed = dt_wrap_label_css_changed;

  /* Styled as a label: "heading", "dim-label" and the like apply. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
dt_wrap_label_init (DtWrapLabel *self)
{
}

GtkWidget *
dt_wrap_label_new (const char *text)
{
  DtWrapLabel *self = g_object_new (DT_TYPE_WRAP_LABEL, NULL);

  self->text = g_strdup (text != NULL ? text : "");
  /* Read out as it shows. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text, -1);
  return GTK_WIDGET (self);
}

const char *
dt_wrap_label_get_text (DtWrapLabel *self)
{
  g_return_val_if_fail (DT_IS_WRAP_LABEL (self), NULL);

  return self->text;
}
