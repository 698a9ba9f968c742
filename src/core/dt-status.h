/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-calendar.h"
#include "dt-records.h"

G_BEGIN_DECLS

/* In the order of DESIGN §2.2, last match first: a petition is resolved before anything. */
typedef enum
{
  DT_STATUS_RESOLVED,
  DT_STATUS_ANSWERED,
  DT_STATUS_DECLINED,
  DT_STATUS_WITHDRAWN,
  DT_STATUS_ESCALATED,
  DT_STATUS_ASSIGNED,
  DT_STATUS_RECEIVED,
  DT_N_STATUSES
} DtStatus;

/* The dates a status is derived from; ISO strings or NULL. */
typedef struct
{
  const char *received;
  const char *answered_date;
  const char *assigned_date;
  const char *deadline;          /* the stored override, if any */
  const char *escalated_date;
  const char *declined_date;
  const char *withdrawn_date;
  const char *resolved_date;
} DtPetitionDates;

typedef struct
{
  DtStatus status;
  gboolean open;
  gboolean has_deadline;
  GDate    deadline;             /* override, or assigned + answer working days */
  gboolean overdue;              /* assigned, and the deadline is before the day asked */
  int      days_overdue;         /* calendar days since the deadline, when overdue */
  gboolean on_time;              /* resolved by the deadline (or without one) */
} DtPetitionState;

const char *dt_status_name      (DtStatus status);   /* "resolved", stable */
const char *dt_status_label     (DtStatus status);   /* in the interface language */
const char *dt_status_label_vi  (DtStatus status);   /* for documents: always Vietnamese */

/* The status alone, as of AS_OF_ISO (YYYY-MM-DD): the first rule of DESIGN §2.2 that holds. */
DtStatus  dt_petition_status_as_of  (const DtPetitionDates *dates,
                                     const char            *as_of_iso);
/* Never stored: derived from the dates as of AS_OF (DESIGN §2.2). */
void      dt_petition_state_compute (const DtPetitionDates *dates,
                                     const GDate           *as_of,
                                     DtWorkCalendar        *calendar,
                                     int                    answer_working_days,
                                     DtPetitionState       *state);
void      dt_petition_get_state     (const DtPetition      *petition,
                                     const GDate           *as_of,
                                     DtWorkCalendar        *calendar,
                                     int                    answer_working_days,
                                     DtPetitionState       *state);

typedef struct
{
  guint total;
  guint by_status[DT_N_STATUSES];
  guint overdue;
  guint resolved_late;
  guint duplicates;
} DtStatusCounts;

/* Every petition's status as of AS_OF, counted (duplicates counted apart). */
gboolean  dt_status_count_all       (DtDatabase            *db,
                                     const GDate           *as_of,
                                     DtStatusCounts        *counts,
                                     GError               **error);

/* Deadlines of the process (DESIGN §2): the notice is due LEAD days before the session
 * (the plan's lead days, else the unit's), the conclusion CONCLUSION days after it. */
gboolean  dt_session_notice_due     (DtDatabase            *db,
                                     const DtSession       *session,
                                     GDate                 *due,
                                     GError               **error);
gboolean  dt_session_conclusion_due (DtDatabase            *db,
                                     const DtSession       *session,
                                     GDate                 *due,
                                     GError               **error);
/* Both at once, for lists, under UNIT as dt_unit_load () read it. */
gboolean  dt_session_get_due_dates  (DtDatabase            *db,
                                     const DtUnit          *unit,
                                     const DtSession       *session,
                                     GDate                 *notice_due,
                                     GDate                 *conclusion_due,
                                     GError               **error);

/* Lines such as "Session HN-2025-01 (15/04/2025): the notice came out late." as of AS_OF:
 * late or missing notices and conclusions, then overdue petitions, longest overdue first. */
GPtrArray *dt_rule_warnings         (DtDatabase            *db,
                                     const GDate           *as_of,
                                     GError               **error);

/* The actions on a petition (DESIGN §4, follow-up). Each checks that it comes in a sane
 * order — not on a closed petition, not before the dates already recorded — and is one
 * change written to the audit log. */
gboolean  dt_petition_answer        (DtDatabase  *db,
                                     const char  *code,
                                     const char  *date,
                                     const char  *answer,
                                     GError     **error);
gboolean  dt_petition_assign        (DtDatabase  *db,
                                     const char  *code,
                                     const char  *agency,
                                     const char  *date,
                                     const char  *deadline,
                                     GError     **error);
gboolean  dt_petition_escalate      (DtDatabase  *db,
                                     const char  *code,
                                     const char  *to,
                                     const char  *number,
                                     const char  *date,
                                     GError     **error);
gboolean  dt_petition_resolve       (DtDatabase  *db,
                                     const char  *code,
                                     const char  *date,
                                     const char  *result,
                                     GError     **error);
gboolean  dt_petition_decline       (DtDatabase  *db,
                                     const char  *code,
                                     const char  *date,
                                     const char  *reason,
                                     GError     **error);
gboolean  dt_petition_withdraw      (DtDatabase  *db,
                                     const char  *code,
                                     const char  *date,
                                     GError     **error);
gboolean  dt_petition_mark_duplicate (DtDatabase *db,
                                      const char *code,
                                      const char *original,
                                      GError    **error);
gboolean  dt_petition_add_event     (DtDatabase  *db,
                                     const char  *code,
                                     const char  *date,
                                     const char  *text,
                                     const char  *number,
                                     GError     **error);

G_END_DECLS
