/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-records.h"

G_BEGIN_DECLS

/* The annual plans as the plans tab shows them (DESIGN §4, tab 2). */

typedef struct
{
  char  *code;
  int    year;
  char  *number;
  char  *title;
  guint  planned;                /* dialogues planned, or else the planned sessions listed */
  guint  sessions;               /* of the plan, cancelled ones left out */
  guint  held;
} DtPlanSummary;

void           dt_plan_summary_free  (DtPlanSummary *summary);
/* Every plan, the latest year first. */
GPtrArray     *dt_plan_summaries     (DtDatabase    *db,
                                      GError       **error);
/* The code of the (first) plan of YEAR, or NULL without error when there is none. */
char          *dt_plan_find_for_year (DtDatabase    *db,
                                      int            year,
                                      GError       **error);

/* A copy of PLAN for YEAR: every date moved by the years between (29 February becomes the
 * 28th), the code and the number cleared (a new plan is numbered when it is issued). */
DtPlan        *dt_plan_copy_for_year (const DtPlan  *plan,
                                      int            year);
/* Copies the plan CODE to YEAR under the next plan code of that year and returns that code. */
char          *dt_plan_copy_to_year  (DtDatabase    *db,
                                      const char    *code,
                                      int            year,
                                      GError       **error);

/* Planned against held, by quarter (1 to 4 at index 0 to 3). */
typedef struct
{
  int    year;
  guint  planned;                /* dialogues planned, or else the planned sessions listed */
  guint  planned_by_quarter[4];  /* planned sessions listed, by quarter or month */
  guint  held_by_quarter[4];     /* sessions of the plan held, by the quarter of their date */
  guint  to_come_by_quarter[4];  /* still planned */
  guint  held;
  guint  to_come;
  guint  postponed;
  guint  cancelled;
} DtPlanProgress;

gboolean       dt_plan_get_progress  (DtDatabase    *db,
                                      const char    *code,
                                      DtPlanProgress *progress,
                                      GError       **error);

/* ISO date ISO moved by YEARS years; 29 February falls back to the 28th. */
char          *dt_date_shift_years   (const char    *iso,
                                      int            years);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtPlanSummary, dt_plan_summary_free)

G_END_DECLS
