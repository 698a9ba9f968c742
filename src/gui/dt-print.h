/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-database.h"
#include "dt-documents.h"

G_BEGIN_DECLS

/* Printing the documents of DESIGN §5 from any page: the system's print dialog (native on
 * Windows, with a preview on Linux), the print preview, or a PDF file. The pages are the
 * core's (dt-document.h): the same as the command line's PDF. */
typedef enum
{
  DT_PRINT_ACTION_PRINT,       /* the print dialog */
  DT_PRINT_ACTION_PREVIEW,     /* straight to the preview */
  DT_PRINT_ACTION_SAVE_PDF,    /* a file chooser, then the PDF */
} DtPrintAction;

/* An A4 print operation that draws DOCUMENT page by page; it owns DOCUMENT. */
GtkPrintOperation *dt_print_operation_new (DtDocument              *document);

/* Prints, previews or saves the document REQUEST names, over PARENT. A document without a
 * number yet first asks for one (DtIssueDialog), proposed from what the office issued, and
 * records it on its record once printed or saved. Problems are shown in a dialog. */
void               dt_print_document      (GtkWindow               *parent,
                                           DtDatabase              *db,
                                           const DtDocumentRequest *request,
                                           DtPrintAction            action);

/* What "Save as PDF…" does once a file is chosen: the PDF at PATH (through a temporary file),
 * then, when RECORD, the number and date on the record. */
gboolean           dt_print_save_pdf      (DtDatabase              *db,
                                           const DtDocumentRequest *request,
                                           const char              *path,
                                           gboolean                 record,
                                           GError                 **error);

G_END_DECLS
