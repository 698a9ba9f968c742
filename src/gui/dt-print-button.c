/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-print-button"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-gui-util.h"
#include "dt-print-button.h"
#include "dt-print.h"

struct _DtPrintButton
{
  GtkWidget          parent_instance;

  GtkWidget         *menu_button;
  DtDatabase        *database;
  DtDocumentRequest *request;
};

G_DEFINE_FINAL_TYPE (DtPrintButton, dt_print_button, GTK_TYPE_WIDGET)

static void
update_actions (DtPrintButton *self)
{
  gboolean can = self->database != NULL && self->request != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.print", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.preview", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.save-pdf", can);
  gtk_widget_set_sensitive (self->menu_button, can);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DtPrintButton *self = DT_PRINT_BUTTON (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  DtPrintAction action = DT_PRINT_ACTION_PRINT;

  if (self->database == NULL || self->request == NULL)
    return;
  if (g_str_equal (action_name, "print.preview"))
    action = DT_PRINT_ACTION_PREVIEW;
  else if (g_str_equal (action_name, "print.save-pdf"))
    action = DT_PRINT_ACTION_SAVE_PDF;
  dt_print_document (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->database,
                     self->request, action);
}

static void
dt_print_button_dispose (GObject *object)
{
  DtPrintButton *self = (DtPrintButton *) object;

  g_clear_pointer (&self->menu_button, gtk_widget_unparent);
  g_clear_object (&self->database);
  g_clear_pointer (&self->request, dt_document_request_free);

  G_OBJECT_CLASS (dt_print_button_parent_class)->dispose (object);
}

static void
dt_print_button_class_init (DtPrintButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_print_button_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "print.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "print.preview", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "print.save-pdf", NULL, print_action);
}

static void
dt_print_button_init (DtPrintButton *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  g_menu_append (menu, _("_Print…"), "print.print");
  g_menu_append (menu, _("Print Pre_view"), "print.preview");
  g_menu_append (menu, _("_Save as PDF…"), "print.save-pdf");

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->menu_button), _("_Print"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->menu_button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), G_MENU_MODEL (menu));
  dt_widget_set_tooltip (self->menu_button,
                               _("Print the document, preview it, or save it as PDF"));
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
  update_actions (self);
}

GtkWidget *
dt_print_button_new (void)
{
  return g_object_new (DT_TYPE_PRINT_BUTTON, NULL);
}

void
dt_print_button_set_database (DtPrintButton *self,
                              DtDatabase    *db)
{
  g_return_if_fail (DT_IS_PRINT_BUTTON (self));
  g_return_if_fail (db == NULL || DT_IS_DATABASE (db));

  g_set_object (&self->database, db);
  update_actions (self);
}

void
dt_print_button_set_request (DtPrintButton           *self,
                             const DtDocumentRequest *request)
{
  g_return_if_fail (DT_IS_PRINT_BUTTON (self));

  g_clear_pointer (&self->request, dt_document_request_free);
  if (request != NULL)
    self->request = dt_document_request_copy (request);
  update_actions (self);
}

const DtDocumentRequest *
dt_print_button_get_request (DtPrintButton *self)
{
  g_return_val_if_fail (DT_IS_PRINT_BUTTON (self), NULL);

  return self->request;
}
