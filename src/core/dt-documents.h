/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"
#include "dt-document.h"

G_BEGIN_DECLS

/* The six printed documents of DESIGN §5, made from the records, always in Vietnamese. */
typedef enum
{
  DT_DOCUMENT_NOTICE,       /* Thông báo: the session notice, for the loudspeakers too */
  DT_DOCUMENT_MINUTES,      /* Biên bản of a session */
  DT_DOCUMENT_CONCLUSION,   /* Thông báo kết luận, with the assignments (public: masked) */
  DT_DOCUMENT_TRANSFER,     /* Phiếu chuyển: petitions to the agency they are assigned to */
  DT_DOCUMENT_REMINDER,     /* Công văn đôn đốc: what an agency still owes, overdue first */
  DT_DOCUMENT_PLAN,         /* Kế hoạch: the annual plan */
  DT_N_DOCUMENT_KINDS
} DtDocumentKind;

/* What to print. Which record depends on the kind: SESSION for the notice, minutes and
 * conclusion; PETITIONS for a transfer slip; AGENCY for a reminder; PLAN for the plan. */
typedef struct
{
  DtDocumentKind   kind;
  char            *session;     /* a session's code */
  char           **petitions;   /* petitions' codes, all assigned to one agency */
  char            *agency;      /* an agency's name */
  char            *plan;        /* a plan's code */
  char            *as_of;       /* reminder: ISO; NULL: the document's date */
  char            *number;      /* NULL: the one on the record, else the next one */
  char            *date;        /* ISO; NULL: the one on the record, else today */
} DtDocumentRequest;

/* "notice", "minutes", "conclusion", "transfer", "reminder", "plan": for the command line. */
const char *dt_document_kind_name      (DtDocumentKind  kind);
gboolean    dt_document_kind_from_name (const char     *name,
                                        DtDocumentKind *kind);
/* What the window calls it, in the interface language ("Session notice"). */
const char *dt_document_kind_label     (DtDocumentKind  kind);
/* The document's own name in Vietnamese ("Thông báo kết luận"). */
const char *dt_document_kind_title_vi  (DtDocumentKind  kind);
/* The type in its number, "TB" in 15-TB/ĐU; NULL for the minutes, which have none. */
const char *dt_document_kind_symbol    (DtDocumentKind  kind);

DtDocumentRequest *dt_document_request_new  (DtDocumentKind           kind);
DtDocumentRequest *dt_document_request_copy (const DtDocumentRequest *request);
void               dt_document_request_free (DtDocumentRequest       *request);

/* The number to propose for a new document of KIND dated in YEAR: one more than the highest
 * of that type the office has given that year — notices, conclusions, plans, escalations,
 * transfer slips, letters ("15-TB/ĐU" after "14-TB/ĐU"), from 01 in a new year — with the
 * unit's symbol. NULL without error for the minutes. */
char       *dt_document_next_number    (DtDatabase              *db,
                                        DtDocumentKind           kind,
                                        int                      year,
                                        GError                 **error);
/* The number and date the document carries: the request's, else those on the record, else
 * the next number and today (RECORDED then FALSE). NUMBER is NULL for the minutes. Fails
 * with DT_ERROR_NOT_FOUND for a record that does not exist. */
gboolean    dt_document_get_number     (DtDatabase              *db,
                                        const DtDocumentRequest *request,
                                        char                   **number,
                                        char                   **date,
                                        gboolean                *recorded,
                                        GError                 **error);
/* The document, ready to draw or write. A record that lacks what it needs (a notice of a
 * session with no time) fails with DT_ERROR_INVALID naming the field
 * (dt_error_get_field ()). */
DtDocument *dt_document_build          (DtDatabase              *db,
                                        const DtDocumentRequest *request,
                                        GError                 **error);
/* Stores the number and date (dt_document_get_number ()) on the record, in one
 * transaction: on the session for a notice or conclusion, on the plan, and as a dated
 * event with the number on each petition of a transfer slip or reminder. A number the office
 * already gave to another document that year is refused (DT_ERROR_DUPLICATE). */
gboolean    dt_document_record         (DtDatabase              *db,
                                        const DtDocumentRequest *request,
                                        GError                 **error);
/* A file name for the PDF, e.g. "Thông báo HN-2025-01.pdf". */
char       *dt_document_file_name      (const DtDocumentRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtDocumentRequest, dt_document_request_free)

G_END_DECLS
