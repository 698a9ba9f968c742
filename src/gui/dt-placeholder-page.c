/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-placeholder-page"

#include "config.h"

#include "dt-placeholder-page.h"

/* What a tab shows until its real content exists: an icon, a title and one sentence. */
struct _DtPlaceholderPage
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkBox    *box;
  GtkLabel  *description_label;
  GtkImage  *image;
  GtkLabel  *title_label;
};

G_DEFINE_FINAL_TYPE (DtPlaceholderPage, dt_placeholder_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  PROP_ICON_NAME,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dt_placeholder_page_dispose (GObject *object)
{
  DtPlaceholderPage *self = (DtPlaceholderPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_PLACEHOLDER_PAGE);

  G_OBJECT_CLASS (dt_placeholder_page_parent_class)->dispose (object);
}

static void
dt_placeholder_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DtPlaceholderPage *self = DT_PLACEHOLDER_PAGE (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, dt_placeholder_page_get_description (self));
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, dt_placeholder_page_get_icon_name (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, dt_placeholder_page_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_placeholder_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DtPlaceholderPage *self = DT_PLACEHOLDER_PAGE (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      dt_placeholder_page_set_description (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      dt_placeholder_page_set_icon_name (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      dt_placeholder_page_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_placeholder_page_class_init (DtPlaceholderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_placeholder_page_dispose;
  object_class->get_property = dt_placeholder_page_get_property;
  object_class->set_property = dt_placeholder_page_set_property;

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/doithoai/DoiThoai/dt-placeholder-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtPlaceholderPage, box);
  gtk_widget_class_bind_template_child (widget_class, DtPlaceholderPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, DtPlaceholderPage, image);
  gtk_widget_class_bind_template_child (widget_class, DtPlaceholderPage, title_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dt_placeholder_page_init (DtPlaceholderPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
dt_placeholder_page_get_icon_name (DtPlaceholderPage *self)
{
  g_return_val_if_fail (DT_IS_PLACEHOLDER_PAGE (self), NULL);

  return gtk_image_get_icon_name (self->image);
}

void
dt_placeholder_page_set_icon_name (DtPlaceholderPage *self,
                                   const char        *icon_name)
{
  g_return_if_fail (DT_IS_PLACEHOLDER_PAGE (self));

  if (g_strcmp0 (icon_name, dt_placeholder_page_get_icon_name (self)) == 0)
    return;

  gtk_image_set_from_icon_name (self->image, icon_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

const char *
dt_placeholder_page_get_title (DtPlaceholderPage *self)
{
  g_return_val_if_fail (DT_IS_PLACEHOLDER_PAGE (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
dt_placeholder_page_set_title (DtPlaceholderPage *self,
                               const char        *title)
{
  g_return_if_fail (DT_IS_PLACEHOLDER_PAGE (self));

  if (g_strcmp0 (title, dt_placeholder_page_get_title (self)) == 0)
    return;

  gtk_label_set_label (self->title_label, title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
dt_placeholder_page_get_description (DtPlaceholderPage *self)
{
  g_return_val_if_fail (DT_IS_PLACEHOLDER_PAGE (self), NULL);

  return gtk_label_get_label (self->description_label);
}

void
dt_placeholder_page_set_description (DtPlaceholderPage *self,
                                     const char        *description)
{
  g_return_if_fail (DT_IS_PLACEHOLDER_PAGE (self));

  if (g_strcmp0 (description, dt_placeholder_page_get_description (self)) == 0)
    return;

  gtk_label_set_label (self->description_label, description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}
