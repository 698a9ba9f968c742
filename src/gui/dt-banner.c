/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-banner.h"
#include "dt-gui-util.h"

static void
close_clicked_cb (GtkButton *button,
                  GtkWidget *banner)
{
  gtk_widget_set_visible (banner, FALSE);
}

GtkWidget *
dt_banner_new (const char   *name,
               DtBannerKind  kind,
               const char   *text,
               gboolean      closable)
{
  GtkWidget *banner;
  GtkWidget *icon;
  GtkWidget *label;

  g_return_val_if_fail (text != NULL, NULL);

  banner = g_object_new (GTK_TYPE_BOX,
                         "orientation", GTK_ORIENTATION_HORIZONTAL,
                         "spacing", 10,
                         "accessible-role", GTK_ACCESSIBLE_ROLE_STATUS,
                         "name", name,
                         NULL);
  gtk_widget_add_css_class (banner, "dt-banner");
  gtk_widget_add_css_class (banner, kind == DT_BANNER_WARNING ? "dt-banner-warning"
                                                              : "dt-banner-info");

  icon = gtk_image_new_from_icon_name (kind == DT_BANNER_WARNING ? "dialog-warning-symbolic"
                                                                 : "changes-prevent-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "", -1);
  g_object_set (icon, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_box_append (GTK_BOX (banner), icon);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (banner), label);
  g_object_set_data (G_OBJECT (banner), "dt-banner-label", label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (banner), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);

  if (closable)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      dt_widget_set_tooltip (button, _("Hide this notice"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Hide this notice"), -1);
      g_signal_connect (button, "clicked", G_CALLBACK (close_clicked_cb), banner);
      gtk_box_append (GTK_BOX (banner), button);
    }
  return banner;
}

const char *
dt_banner_get_text (GtkWidget *banner)
{
  GtkLabel *label;

  g_return_val_if_fail (GTK_IS_WIDGET (banner), NULL);

  label = g_object_get_data (G_OBJECT (banner), "dt-banner-label");
  return label != NULL ? gtk_label_get_label (label) : NULL;
}
