/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-row-content"

#include "config.h"

#include "dt-gui-util.h"
#include "dt-row-content.h"

/* The layout of a row as a box with margins would give it: 12 pixels at each side and between
 * the icon, the texts and the arrow, 8 above and below, 2 between the title and the detail.
 * The icon is as large as GTK's theme makes a list's icons (-gtk-icon-size). */
#define MARGIN_X     12
#define MARGIN_Y     8
#define SPACING      12
#define TEXT_SPACING 2
#define ICON_SIZE    16

struct _DtRowContent
{
  GtkWidget     parent_instance;

  char             *icon_name;
  GtkIconPaintable *icon;    /* looked up when first drawn, again after a change of theme */
  GtkWidget        *title;
  GtkWidget        *detail;
  GtkWidget        *arrow;
};

G_DEFINE_FINAL_TYPE (DtRowContent, dt_row_content, GTK_TYPE_WIDGET)

/* The arrow's width, as it asks for it. */
static int
arrow_width (DtRowContent *self)
{
  int width;

  gtk_widget_measure (self->arrow, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  return width;
}

/* What the row takes beside the texts, in pixels across. */
static int
beside_texts (DtRowContent *self)
{
  return MARGIN_X + ICON_SIZE + SPACING + SPACING + arrow_width (self) + MARGIN_X;
}

static int
height_at (GtkWidget *child,
           int        width)
{
  int height;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
  return height;
}

static GtkSizeRequestMode
dt_row_content_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
dt_row_content_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  DtRowContent *self = DT_ROW_CONTENT (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int title_min, title_nat, detail_min, detail_nat;

      gtk_widget_measure (self->title, orientation, -1, &title_min, &title_nat, NULL, NULL);
      gtk_widget_measure (self->detail, orientation, -1, &detail_min, &detail_nat, NULL, NULL);
      *minimum = beside_texts (self) + MAX (title_min, detail_min);
      *natural = beside_texts (self) + MAX (title_nat, detail_nat);
    }
  else
    {
      int width = for_size < 0 ? -1 : MAX (for_size - beside_texts (self), 0);
      int texts = height_at (self->title, width) + TEXT_SPACING + height_at (self->detail, width);

      *minimum = *natural = MARGIN_Y + MAX (MAX (texts, ICON_SIZE), height_at (self->arrow, -1)) +
                            MARGIN_Y;
    }
}

/* Where something WIDTH wide X pixels from the start of WIDGET's line goes: from the left, or
 * from the right when written right to left. */
static int
from_start (GtkWidget *widget,
            int        x,
            int        width)
{
  return gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL
         ? gtk_widget_get_width (widget) - x - width : x;
}

/* CHILD at X from the start of the line, Y, WIDTH × HEIGHT. */
static void
place (GtkWidget *widget,
       GtkWidget *child,
       int        x,
       int        y,
       int        width,
       int        height)
{
  gtk_widget_size_allocate (child,
                            &(GtkAllocation) { from_start (widget, x, width), y, width, height },
                            -1);
}

static void
dt_row_content_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  DtRowContent *self = DT_ROW_CONTENT (widget);
  int arrow = arrow_width (self);
  int texts_width = MAX (width - beside_texts (self), 0);
  int inner = MAX (height - 2 * MARGIN_Y, 0);
  int title = height_at (self->title, texts_width);
  int x = MARGIN_X + ICON_SIZE + SPACING;

  place (widget, self->title, x, MARGIN_Y, texts_width, title);
  place (widget, self->detail, x, MARGIN_Y + title + TEXT_SPACING, texts_width,
         MAX (inner - title - TEXT_SPACING, 0));
  place (widget, self->arrow, width - MARGIN_X - arrow, MARGIN_Y, arrow, inner);
}

/* The icon, in the colour of the detail: an error's colour when the row is late, the text's
 * otherwise (a dimmed detail is dimmed by its opacity, which the icon does not take). */
static void
snapshot_icon (DtRowContent *self,
               GtkSnapshot  *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA colors[4];
  int x = from_start (widget, MARGIN_X, ICON_SIZE);
  int y = MARGIN_Y + (MAX (gtk_widget_get_height (widget) - 2 * MARGIN_Y, 0) - ICON_SIZE) / 2;

  if (self->icon == NULL)
    self->icon = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (
                                               gtk_widget_get_display (widget)),
                                             self->icon_name, NULL, ICON_SIZE,
                                             gtk_widget_get_scale_factor (widget),
                                             gtk_widget_get_direction (widget), 0);
  dt_widget_get_color (self->detail, &colors[0]);
  /* Error, warning, success: none of the icons shown here has such parts. */
  colors[1] = colors[2] = colors[3] = colors[0];

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (self->icon), snapshot,
                                            ICON_SIZE, ICON_SIZE, colors, G_N_ELEMENTS (colors));
  gtk_snapshot_restore (snapshot);
}

static void
dt_row_content_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  DtRowContent *self = DT_ROW_CONTENT (widget);

  snapshot_icon (self, snapshot);
  GTK_WIDGET_CLASS (dt_row_content_parent_class)->snapshot (widget, snapshot);
}

/* Another theme, scale or direction: the icon is looked up again. */
static void
dt_row_content_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  DtRowContent *self = DT_ROW_CONTENT (widget);

  GTK_WIDGET_CLASS (dt_row_content_parent_class)->css_changed (widget, change);
  g_clear_object (&self->icon);
}

static void
dt_row_content_direction_changed (GtkWidget        *widget,
                                  GtkTextDirection  previous)
{
  DtRowContent *self = DT_ROW_CONTENT (widget);

  GTK_WIDGET_CLASS (dt_row_content_parent_class)->direction_changed (widget, previous);
  g_clear_object (&self->icon);
}

static void
scale_changed_cb (DtRowContent *self)
{
  g_clear_object (&self->icon);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dt_row_content_dispose (GObject *object)
{
  DtRowContent *self = (DtRowContent *) object;

  g_clear_pointer (&self->title, gtk_widget_unparent);
  g_clear_pointer (&self->detail, gtk_widget_unparent);
  g_clear_pointer (&self->arrow, gtk_widget_unparent);
  g_clear_object (&self->icon);

  G_OBJECT_CLASS (dt_row_content_parent_class)->dispose (object);
}

static void
dt_row_content_finalize (GObject *object)
{
  DtRowContent *self = (DtRowContent *) object;

  g_free (self->icon_name);

  G_OBJECT_CLASS (dt_row_content_parent_class)->finalize (object);
}

static void
dt_row_content_class_init (DtRowContentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_row_content_dispose;
  object_class->finalize = dt_row_content_finalize;
  widget_class->get_request_mode = dt_row_content_get_request_mode;
  widget_class->measure = dt_row_content_measure;
  widget_class->size_allocate = dt_row_content_size_allocate;
  widget_class->snapshot = dt_row_content_snapshot;
  widget_class->css_changed = dt_row_content_css_changed;
  widget_class->direction_changed = dt_row_content_direction_changed;

  gtk_widget_class_set_css_name (widget_class, "box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dt_row_content_init (DtRowContent *self)
{
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_changed_cb), NULL);
}

/* ICON_NAME (a symbolic icon), TITLE over DETAIL (widgets of a height for their width), and a
 * dimmed arrow. */
GtkWidget *
dt_row_content_new (const char *icon_name,
                    GtkWidget  *title,
                    GtkWidget  *detail)
{
  DtRowContent *self;

  g_return_val_if_fail (icon_name != NULL, NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (title), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (detail), NULL);

  self = g_object_new (DT_TYPE_ROW_CONTENT, NULL);
  self->icon_name = g_strdup (icon_name);
  self->title = title;
  self->detail = detail;
  /* Its dimness is the theme's, as a dimmed label's: an image of its own takes it. */
  self->arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_widget_add_css_class (self->arrow, "dim-label");
  gtk_widget_set_parent (self->title, GTK_WIDGET (self));
  gtk_widget_set_parent (self->detail, GTK_WIDGET (self));
  gtk_widget_set_parent (self->arrow, GTK_WIDGET (self));
  return GTK_WIDGET (self);
}
