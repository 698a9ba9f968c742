/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"
#include "dt-records.h"

G_BEGIN_DECLS

/* What the follow-up tab needs beyond the single actions of dt-status.h: deadlines proposed
 * before an assignment, several petitions at once, the resolution with the day the petitioner
 * was told, each petition's timeline and audit history, and what each agency still owes. */

/* The deadline an assignment made on ASSIGNED_DATE (ISO) gets: the unit's answer working days
 * after it, holidays and make-up days counted (DESIGN §2.1). ISO; NULL and an error for a date
 * that is not one. */
char      *dt_petition_deadline_for       (DtDatabase          *db,
                                           const char          *assigned_date,
                                           GError             **error);

/* dt_petition_resolve (), and the date the petitioner was informed (NULL: not yet), in one
 * change. */
gboolean   dt_petition_resolve_and_inform (DtDatabase          *db,
                                           const char          *code,
                                           const char          *date,
                                           const char          *result,
                                           const char          *informed_date,
                                           GError             **error);

/* The same action on each of CODES, all in one change: one refused, none done (the error
 * names it). */
gboolean   dt_petitions_assign            (DtDatabase          *db,
                                           const char * const  *codes,
                                           const char          *agency,
                                           const char          *date,
                                           const char          *deadline,
                                           GError             **error);
gboolean   dt_petitions_add_event         (DtDatabase          *db,
                                           const char * const  *codes,
                                           const char          *date,
                                           const char          *text,
                                           const char          *number,
                                           GError             **error);

typedef enum
{
  DT_TIMELINE_RECEIVED,
  DT_TIMELINE_ANSWERED,
  DT_TIMELINE_ASSIGNED,
  DT_TIMELINE_EVENT,
  DT_TIMELINE_ESCALATED,
  DT_TIMELINE_DECLINED,
  DT_TIMELINE_WITHDRAWN,
  DT_TIMELINE_RESOLVED,
  DT_TIMELINE_INFORMED,
} DtTimelineKind;

typedef struct
{
  DtTimelineKind  kind;
  char           *date;       /* ISO */
  char           *text;       /* what happened, in the interface language */
  char           *detail;     /* what was recorded with it (answer, reason, number …), or NULL */
} DtTimelineEntry;

void       dt_timeline_entry_free         (DtTimelineEntry     *entry);
/* What happened to PETITION, by date (the order of DESIGN §2.2 within a day). */
GPtrArray *dt_petition_timeline           (const DtPetition    *petition);

typedef struct
{
  GDateTime *time;            /* local */
  char      *actor;
  char      *action;          /* "insert", "update", "delete" */
  char      *text;            /* in the interface language */
} DtHistoryEntry;

void       dt_history_entry_free          (DtHistoryEntry      *entry);
/* The audit log of the petition with row ID and of its events, newest first, at most LIMIT. */
GPtrArray *dt_petition_history            (DtDatabase          *db,
                                           gint64               id,
                                           guint                limit,
                                           GError             **error);

typedef struct
{
  char  *agency;              /* NULL: not yet assigned to any */
  guint  open;
  guint  overdue;
  guint  due_soon;            /* not overdue, deadline within DUE_WITHIN days */
} DtAgencyLoad;

void       dt_agency_load_free            (DtAgencyLoad        *load);
/* Open petitions as of AS_OF (NULL: today), by agency: every agency of the list, in its
 * order, with what it still owes (nothing too), then those assigned to none. Duplicates are
 * left out. */
GPtrArray *dt_followup_agency_loads       (DtDatabase          *db,
                                           const GDate         *as_of,
                                           int                  due_within,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtTimelineEntry, dt_timeline_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtHistoryEntry, dt_history_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtAgencyLoad, dt_agency_load_free)

G_END_DECLS
