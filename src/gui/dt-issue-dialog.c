/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-issue-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-issue-dialog.h"
#include "dt-util.h"

/* The number and date of a new document, proposed from what the office issued, before it is
 * printed or saved: the secretary may keep them, or type the ones the register gives. */
struct _DtIssueDialog
{
  GtkWindow  parent_instance;

  /* Template widgets */
  GtkEntry  *date_entry;
  GtkLabel  *heading_label;
  GtkButton *issue_button;
  GtkEntry  *number_entry;
  GtkLabel  *problem_label;
};

G_DEFINE_FINAL_TYPE (DtIssueDialog, dt_issue_dialog, GTK_TYPE_WINDOW)

enum {
  ISSUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problem (DtIssueDialog *self,
              GtkWidget     *entry,
              const char    *message)
{
  gtk_label_set_label (self->problem_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_widget_grab_focus (entry);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  dt_issue_dialog_accept (DT_ISSUE_DIALOG (widget));
}

static void
dt_issue_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DT_TYPE_ISSUE_DIALOG);

  G_OBJECT_CLASS (dt_issue_dialog_parent_class)->dispose (object);
}

static void
dt_issue_dialog_class_init (DtIssueDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_issue_dialog_dispose;

  /* The number as typed, and the date as ISO. */
  signals[ISSUED] = g_signal_new ("issued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                  G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/doithoai/DoiThoai/dt-issue-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtIssueDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, DtIssueDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, DtIssueDialog, issue_button);
  gtk_widget_class_bind_template_child (widget_class, DtIssueDialog, number_entry);
  gtk_widget_class_bind_template_child (widget_class, DtIssueDialog, problem_label);

  gtk_widget_class_install_action (widget_class, "issue.accept", NULL, accept_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
}

static void
dt_issue_dialog_init (DtIssueDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
dt_issue_dialog_new (GtkWindow  *parent,
                     const char *title,
                     const char *number,
                     const char *date,
                     const char *action_label)
{
  DtIssueDialog *self;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (title != NULL && action_label != NULL, NULL);

  self = g_object_new (DT_TYPE_ISSUE_DIALOG,
                       "transient-for", parent,
                       "destroy-with-parent", parent != NULL,
                       NULL);
  gtk_label_set_label (self->heading_label, title);
  gtk_button_set_label (self->issue_button, action_label);
  gtk_editable_set_text (GTK_EDITABLE (self->number_entry), number != NULL ? number : "");
  shown = date != NULL ? dt_date_to_display (date) : NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), shown != NULL ? shown : "");
  return GTK_WINDOW (self);
}

const char *
dt_issue_dialog_get_number (DtIssueDialog *self)
{
  g_return_val_if_fail (DT_IS_ISSUE_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->number_entry));
}

char *
dt_issue_dialog_get_date (DtIssueDialog *self)
{
  g_return_val_if_fail (DT_IS_ISSUE_DIALOG (self), NULL);

  return dt_date_parse_typed_iso (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)), NULL);
}

void
dt_issue_dialog_accept (DtIssueDialog *self)
{
  g_autofree char *number = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DT_IS_ISSUE_DIALOG (self));

  number = dt_text_clean (gtk_editable_get_text (GTK_EDITABLE (self->number_entry)));
  if (number == NULL)
    {
      show_problem (self, GTK_WIDGET (self->number_entry),
                    _("Type the document’s number, e.g. 15-TB/ĐU."));
      return;
    }
  date = dt_date_parse_typed_iso (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)),
                                  &error);
  if (date == NULL)
    {
      show_problem (self, GTK_WIDGET (self->date_entry), error->message);
      return;
    }
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->number_entry), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->date_entry), GTK_ACCESSIBLE_STATE_INVALID);
  g_signal_emit (self, signals[ISSUED], 0, number, date);
  gtk_window_close (GTK_WINDOW (self));
}
