/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DT_TYPE_ISSUE_DIALOG (dt_issue_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DtIssueDialog, dt_issue_dialog, DT, ISSUE_DIALOG, GtkWindow)

/* Asks for the number and date of a document that has none yet, with NUMBER and DATE (ISO)
 * proposed. TITLE names the document; ACTION_LABEL is the button that goes on ("_Print…").
 * Emits DtIssueDialog::issued (number, ISO date) and closes when they are right. */
GtkWindow  *dt_issue_dialog_new        (GtkWindow     *parent,
                                        const char    *title,
                                        const char    *number,
                                        const char    *date,
                                        const char    *action_label);
const char *dt_issue_dialog_get_number (DtIssueDialog *self);
/* ISO, or NULL while the date typed is not one. */
char       *dt_issue_dialog_get_date   (DtIssueDialog *self);
/* What the button does: checks, then emits ::issued and closes. */
void        dt_issue_dialog_accept     (DtIssueDialog *self);

G_END_DECLS
