/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"
#include "dt-status.h"

G_BEGIN_DECLS

/* Which petitions a list shows. Every criterion left at its "any" value is ignored; the
 * names (field, village, agency) and the session code must exist. */
typedef struct
{
  guint  statuses;          /* 1 << DtStatus, as of AS_OF; 0: any */
  GDate  as_of;             /* for statuses, overdue and due soon; invalid: today */
  char  *field;
  char  *village;
  char  *agency;
  char  *channel;           /* "session", "front" … */
  char  *concerns;          /* "organisation", "official", or "none" for neither */
  char  *session;           /* a session's code */
  char  *received_from;     /* ISO, inclusive */
  char  *received_to;       /* ISO, inclusive */
  gboolean overdue;         /* assigned and past the deadline as of AS_OF */
  int    due_within;        /* assigned, not overdue, deadline within this many days; < 0: any */
  int    confidential;      /* 1 only confidential, 0 none, < 0 any */
  int    duplicates;        /* 1 only duplicates, 0 no duplicates, < 0 any */
} DtPetitionFilter;

#define DT_STATUSES_OPEN ((1u << DT_STATUS_ASSIGNED) | (1u << DT_STATUS_ESCALATED) | \
                          (1u << DT_STATUS_RECEIVED))

typedef enum
{
  DT_PETITION_ORDER_RECEIVED,      /* newest first */
  DT_PETITION_ORDER_CODE,
  DT_PETITION_ORDER_PETITIONER,    /* Vietnamese dictionary order, nameless last */
  DT_PETITION_ORDER_DEADLINE,      /* earliest first, none last */
  DT_PETITION_ORDER_DAYS_OVERDUE,  /* longest overdue first, then by deadline */
} DtPetitionOrder;

#define DT_TYPE_PETITION_FILTER (dt_petition_filter_get_type ())

GType             dt_petition_filter_get_type (void) G_GNUC_CONST;
DtPetitionFilter *dt_petition_filter_new      (void);
DtPetitionFilter *dt_petition_filter_copy     (const DtPetitionFilter *filter);
void              dt_petition_filter_free     (DtPetitionFilter       *filter);
gboolean          dt_petition_filter_equal    (const DtPetitionFilter *a,
                                               const DtPetitionFilter *b);

/* The ids of the petitions FILTER lets through (NULL: all), in ORDER. An unknown name or
 * session is an error (DT_ERROR_NOT_FOUND), not an empty list. */
GArray   *dt_petition_query_ids   (DtDatabase              *db,
                                   const DtPetitionFilter  *filter,
                                   DtPetitionOrder          order,
                                   GError                 **error);
/* Of the N_IDS petitions IDS (a search's hits), those FILTER lets through (NULL: all), in the
 * order given: read for those ids alone, not for every petition the filter lets through. */
GArray   *dt_petition_query_ids_among (DtDatabase             *db,
                                       const DtPetitionFilter *filter,
                                       const gint64           *ids,
                                       guint                   n_ids,
                                       GError                **error);

#define DT_TYPE_PETITION_ROW (dt_petition_row_get_type ())
G_DECLARE_FINAL_TYPE (DtPetitionRow, dt_petition_row, DT, PETITION_ROW, GObject)

/* What a list shows of a petition, with its status as of a date. */
gint64       dt_petition_row_get_id           (DtPetitionRow *self);
const char  *dt_petition_row_get_code         (DtPetitionRow *self);
const char  *dt_petition_row_get_received     (DtPetitionRow *self);
/* The name as written; dt_petition_row_get_petitioner_shown () masks a confidential one. */
const char  *dt_petition_row_get_petitioner   (DtPetitionRow *self);
const char  *dt_petition_row_get_petitioner_shown (DtPetitionRow *self);
gboolean     dt_petition_row_get_confidential (DtPetitionRow *self);
const char  *dt_petition_row_get_village      (DtPetitionRow *self);
const char  *dt_petition_row_get_field        (DtPetitionRow *self);
const char  *dt_petition_row_get_agency       (DtPetitionRow *self);
const char  *dt_petition_row_get_channel      (DtPetitionRow *self);
const char  *dt_petition_row_get_summary      (DtPetitionRow *self);
gboolean     dt_petition_row_get_duplicate    (DtPetitionRow *self);
gint64       dt_petition_row_get_revision     (DtPetitionRow *self);
DtStatus     dt_petition_row_get_status       (DtPetitionRow *self);
/* ISO, or NULL without a deadline. */
const char  *dt_petition_row_get_deadline     (DtPetitionRow *self);
int          dt_petition_row_get_days_overdue (DtPetitionRow *self);
/* Same id and revision and status: what a list shows is the same. */
gboolean     dt_petition_row_equal            (DtPetitionRow *a,
                                               DtPetitionRow *b);

/* Rows for IDS, in the order given, with their status as of AS_OF (NULL: today). An id
 * without a petition (deleted meanwhile) gives no row: compare ids to tell. */
GPtrArray *dt_petition_rows_by_id (DtDatabase    *db,
                                   const gint64  *ids,
                                   guint          n_ids,
                                   const GDate   *as_of,
                                   GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtPetitionFilter, dt_petition_filter_free)

G_END_DECLS
