/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-status.h"

G_BEGIN_DECLS

/* What needs attention today, and this year's progress: the overview tab (DESIGN §4, tab 1).
 * Computed from one connection in one read transaction, so a worker thread can compute it on
 * a connection of its own while the window goes on. The two parts can be computed apart:
 * what needs attention first (the top of the tab), this year's progress later. */

#define DT_ATTENTION_SESSION_DAYS 30   /* sessions coming within this many days */
#define DT_ATTENTION_DUE_DAYS      7   /* petitions due within this many days */
#define DT_ATTENTION_REPORT_DAYS  30   /* reports due within this many days */

typedef enum
{
  DT_ATTENTION_NOTICE,        /* a session coming up: its notice is due */
  DT_ATTENTION_MINUTES,       /* a planned session whose day has passed: minutes to record */
  DT_ATTENTION_CONCLUSION,    /* a held session without its conclusion notice */
  DT_ATTENTION_OVERDUE,       /* petitions of one agency past their deadline */
  DT_ATTENTION_DUE_SOON,      /* petitions of one agency due within DT_ATTENTION_DUE_DAYS */
  DT_ATTENTION_REPORT,        /* a report due by a plan's dates */
} DtAttentionKind;

typedef struct
{
  DtAttentionKind kind;
  gboolean        late;
  char           *code;       /* the session's or the plan's code */
  char           *name;       /* the session's topic; the agency (NULL: none yet) */
  char           *date;       /* the session's date; the report's due date */
  char           *due;        /* notice or conclusion due; earliest deadline of the petitions */
  char           *done;       /* the notice's date when it is out */
  int             days;       /* from today to DUE (or DATE): negative when it has passed */
  guint           count;      /* petitions */
  int             most_days_overdue;
  char           *period;     /* reports: "2025-H1", "2025" … (DESIGN §6) */
} DtAttentionItem;

typedef struct
{
  char  *name;                /* NULL: not recorded */
  guint  count;
} DtNamedCount;

typedef struct
{
  GDate           today;
  int             year;
  GPtrArray      *items;              /* DtAttentionItem, the most urgent first */
  guint           sessions_planned;   /* by this year's plans */
  guint           sessions_held;      /* this year's sessions, every kind */
  guint           dialogues_held;     /* of which dialogues: what the plans count */
  guint           sessions_to_come;
  guint           sessions_postponed;
  guint           sessions_cancelled;
  DtStatusCounts  petitions;          /* received this year, as of today */
  GPtrArray      *by_field;           /* DtNamedCount of this year's petitions, largest first */
  guint           overdue;            /* every open petition past its deadline, any year */
  guint           due_soon;
  gboolean        has_progress;       /* FALSE: the fields of this year's progress are zero */
} DtOverview;

/* Both parts, in one read transaction. */
DtOverview *dt_overview_compute        (DtDatabase   *db,
                                        const GDate  *today,
                                        GError      **error);
/* What needs attention (items, overdue, due_soon) alone: has_progress is FALSE. */
DtOverview *dt_overview_compute_attention (DtDatabase   *db,
                                           const GDate  *today,
                                           GError      **error);
/* This year's progress as of TODAY alone, nothing in items: for dt_overview_add_progress (). */
DtOverview *dt_overview_compute_progress  (DtDatabase   *db,
                                           const GDate  *today,
                                           GError      **error);
/* Takes the figures of this year's progress from PROGRESS into OVERVIEW (one of the same day
 * without them): OVERVIEW is then what dt_overview_compute () gives. */
void        dt_overview_add_progress      (DtOverview   *overview,
                                           DtOverview   *progress);
void        dt_overview_free           (DtOverview   *overview);

/* The period of the report a plan's due date asks for: 15/6 → "2025-H1", 10/12 → "2025";
 * a date in the first days of a quarter's next month is that quarter's, at the end of
 * September or in October the 9 months'. */
char       *dt_report_period_for_due   (const char   *due);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtOverview, dt_overview_free)

G_END_DECLS
