/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

#include "dt-database.h"

G_BEGIN_DECLS

/* A printed document laid out as a Party document (Hướng dẫn 36-HD/VPTW, DESIGN §5): A4
 * portrait, Times New Roman (or a font with the same metrics), the two-column heading, title
 * and summary, justified body, tables whose header row comes back on every page, "Nơi nhận"
 * and signatures, page numbers from page 2.
 *
 * The content is given first; the pages are worked out once, on first need, with a font
 * context of its own (72 units per inch, no hinting), so that the same pages come out on a
 * printer's cairo context (GtkPrintOperation), in a PDF file and in the tests. Drawing uses
 * points with the origin at the paper's top left corner. No GTK here. */

#define DT_DOCUMENT_PAGE_WIDTH  (210.0 * 72.0 / 25.4)
#define DT_DOCUMENT_PAGE_HEIGHT (297.0 * 72.0 / 25.4)

typedef struct _DtDocument      DtDocument;
typedef struct _DtDocumentTable DtDocumentTable;

typedef enum
{
  DT_TEXT_BODY,       /* 14, justified, first line indented */
  DT_TEXT_HEADING,    /* 14 bold, justified, first line indented, kept with what follows */
  DT_TEXT_CENTERED,   /* 14, centred, kept with what follows ("Kính gửi: …") */
  DT_TEXT_NOTE,       /* 14 italic, justified, first line indented, kept with what precedes */
} DtTextStyle;

DtDocument *dt_document_new             (void);
void        dt_document_free            (DtDocument  *self);

/* In millimetres, as the unit settings keep them; 20/20/30/15 unless set. */
void        dt_document_set_margins     (DtDocument  *self,
                                         double       top,
                                         double       bottom,
                                         double       left,
                                         double       right);
/* The heading: the superior body and the issuing body (upper-cased here), the number
 * ("15-TB/ĐU", printed "Số 15-TB/ĐU"; NULL for none), under it the subject of a letter
 * ("V/v …", NULL for none), and the place and date line on the right. */
void        dt_document_set_heading     (DtDocument  *self,
                                         const char  *superior,
                                         const char  *issuer,
                                         const char  *number,
                                         const char  *subject,
                                         const char  *date_line);
/* "THÔNG BÁO" and its summary line; a letter has neither (NULL). */
void        dt_document_set_title       (DtDocument  *self,
                                         const char  *title,
                                         const char  *summary);
/* For the PDF's metadata and the print job's name. */
void        dt_document_set_name        (DtDocument  *self,
                                         const char  *name);
const char *dt_document_get_name        (DtDocument  *self);

/* Paragraphs of plain text, or of Pango markup (<b>, <i>) for the _markup variants. A line
 * break in TEXT starts a new paragraph of the same style. */
void        dt_document_add_text        (DtDocument  *self,
                                         DtTextStyle  style,
                                         const char  *text);
void        dt_document_add_markup      (DtDocument  *self,
                                         DtTextStyle  style,
                                         const char  *markup);
void        dt_document_add_printf      (DtDocument  *self,
                                         DtTextStyle  style,
                                         const char  *format,
                                         ...) G_GNUC_PRINTF (3, 4);

/* A table of N_COLUMNS whose widths are in proportion to WIDTHS, each column aligned as
 * ALIGNS says (NULL: left). Its first row is the header, repeated on every page it spans;
 * a row is never split across pages (a cell longer than a page is cut short). */
DtDocumentTable *dt_document_add_table  (DtDocument           *self,
                                         guint                 n_columns,
                                         const double         *widths,
                                         const PangoAlignment *aligns);
/* CELLS: N_COLUMNS plain texts (NULL for an empty cell). */
void        dt_document_table_add_row   (DtDocumentTable      *table,
                                         const char * const   *cells);

/* The end of the document, kept together and never alone on a page: "Nơi nhận:" and its
 * lines on the left, when there are LINES; the signatures on the right, or two side by side
 * (minutes: the secretary on the left, the chair on the right). ON_BEHALF ("T/M BAN THƯỜNG
 * VỤ") may be NULL, and so may NAME (signed by hand). */
void        dt_document_set_recipients  (DtDocument           *self,
                                         const char * const   *lines);
void        dt_document_add_signature   (DtDocument           *self,
                                         const char           *on_behalf,
                                         const char           *title,
                                         const char           *name);

/* The pages: worked out on first call, then the same until the content changes. */
int         dt_document_get_n_pages     (DtDocument  *self);
/* Draws page PAGE (from 0) on CR, in points from the paper's top left corner. */
void        dt_document_draw_page       (DtDocument  *self,
                                         cairo_t     *cr,
                                         int          page);
/* The whole document as a PDF file, through a DtOutput: PATH is never left half-written, and
 * never DATABASE's file (may be NULL). Errors (DT_ERROR_IO) name PATH. */
gboolean    dt_document_write_pdf       (DtDocument  *self,
                                         const char  *path,
                                         DtDatabase  *database,
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtDocument, dt_document_free)

G_END_DECLS
