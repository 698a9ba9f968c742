/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-database.h"
#include "dt-documents.h"

G_BEGIN_DECLS

/* A "Print" menu button for a page's toolbar: Print…, Print Preview and Save as PDF… of the
 * document the page sets (the notice of the selected session, the reminder to the selected
 * agency…). Insensitive while there is none. */
#define DT_TYPE_PRINT_BUTTON (dt_print_button_get_type ())
G_DECLARE_FINAL_TYPE (DtPrintButton, dt_print_button, DT, PRINT_BUTTON, GtkWidget)

GtkWidget               *dt_print_button_new          (void);
void                     dt_print_button_set_database (DtPrintButton           *self,
                                                       DtDatabase              *db);
/* A copy of REQUEST is kept; NULL: nothing to print. */
void                     dt_print_button_set_request  (DtPrintButton           *self,
                                                       const DtDocumentRequest *request);
const DtDocumentRequest *dt_print_button_get_request  (DtPrintButton           *self);

G_END_DECLS
