/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-database.h"
#include "dt-period.h"

G_BEGIN_DECLS

#define DT_TYPE_REPORT_DIALOG (dt_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DtReportDialog, dt_report_dialog, DT, REPORT_DIALOG, GtkWindow)

/* The Excel report forms (DESIGN §6): kind, period (the current one proposed), as-of date
 * and file; the workbook is written by a worker thread on its own connection, with a
 * progress bar and Cancel, and opened, or its folder, at the end. */
DtReportDialog *dt_report_dialog_new         (GtkWindow       *parent,
                                              DtDatabase      *database);
/* Shows the dialog for PARENT's database filled in with PERIOD (NULL: the current quarter),
 * e.g. for the overview's "reports due". */
DtReportDialog *dt_report_dialog_show        (GtkWindow       *parent,
                                              DtDatabase      *database,
                                              const DtPeriod  *period);
/* Selects PERIOD's kind and period; the as-of date and the file name follow it unless typed
 * by hand. */
void            dt_report_dialog_set_period  (DtReportDialog  *self,
                                              const DtPeriod  *period);
/* FALSE, with ERROR, when the form does not make a period. */
gboolean        dt_report_dialog_get_period  (DtReportDialog  *self,
                                              DtPeriod        *period,
                                              GError         **error);
void            dt_report_dialog_set_as_of   (DtReportDialog  *self,
                                              const GDate     *as_of);
void            dt_report_dialog_set_output  (DtReportDialog  *self,
                                              const char      *path);
const char     *dt_report_dialog_get_output  (DtReportDialog  *self);
/* While a report is being written. */
gboolean        dt_report_dialog_get_running (DtReportDialog  *self);
/* The last report written, NULL before one is. */
const char     *dt_report_dialog_get_written (DtReportDialog  *self);

G_END_DECLS
