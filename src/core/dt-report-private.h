/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-report.h"
#include "dt-status.h"

G_BEGIN_DECLS

/* Where a petition stands as of A, as the report counts it: the eight columns that add up to
 * the total, and duplicates apart. */
typedef enum
{
  DT_REPORT_ANSWERED,
  DT_REPORT_RESOLVED_ON_TIME,
  DT_REPORT_RESOLVED_LATE,
  DT_REPORT_IN_TIME,
  DT_REPORT_OVERDUE,
  DT_REPORT_ESCALATED,
  DT_REPORT_DECLINED,
  DT_REPORT_WITHDRAWN,
  DT_REPORT_UNASSIGNED,
  DT_REPORT_DUPLICATE,
  DT_REPORT_N_CATEGORIES
} DtReportCategory;

const char *_dt_report_category_label_vi (DtReportCategory category);

/* One session of the period, as the Hội nghị sheet lists it. Strings belong to the scan. */
typedef struct
{
  const char *code;
  const char *kind;             /* "dialogue" … */
  const char *date;
  const char *time;
  const char *location;
  const char *village;
  const char *topic;
  const char *chair;
  const char *status;           /* as of A: a held session dated after A is still planned */
  int         attendance;       /* DT_NO_INT when not recorded */
  guint       petitions;        /* raised there and received by A, duplicates left out */
  const char *notice_number;
  const char *notice_date;
  GDate       notice_due;
  const char *conclusion_number;
  const char *conclusion_date;  /* NULL when recorded after A */
  GDate       conclusion_due;
  int         notice;           /* held: 1 on time, 0 late; -1 not held */
  int         conclusion;       /* held: 1 on time, 0 late, -1 not yet due or not held */
} DtReportSession;

/* One petition received in the period. */
typedef struct
{
  gint64           id;
  const char      *code;
  const char      *received;
  const char      *channel;
  const char      *petitioner;
  gboolean         confidential;
  const char      *village;
  const char      *field;
  const char      *summary;
  const char      *agency;         /* when assigned by A */
  const char      *assigned_date;  /* when by A */
  const char      *deadline;       /* ISO, stored or computed; NULL without one */
  const char      *closed_date;    /* the date of the status as of A, for the closed ones */
  const char      *escalated_to;   /* when escalated by A */
  const char      *duplicate_of;   /* the original's code */
  const char      *concerns;
  DtPetitionState  state;
  DtReportCategory category;
} DtReportPetition;

typedef gboolean (*DtReportSessionFunc)  (const DtReportSession  *session,
                                          gpointer                user_data,
                                          GError                **error);
typedef gboolean (*DtReportPetitionFunc) (const DtReportPetition *petition,
                                          gpointer                user_data,
                                          GError                **error);

typedef struct
{
  DtReportSessionFunc   session;
  DtReportPetitionFunc  petition;
  DtReportProgressFunc  progress;
  gpointer              user_data;
  /* The part of the whole work the scan stands for, for the progress. */
  double                progress_from;
  double                progress_to;
} DtReportScan;

/* dt_report_compute (), with each session and each petition of the period handed to SCAN on
 * the way, in order of date (sessions) and of received date and code (petitions). Runs
 * inside the caller's transaction when one is open. */
DtReport   *_dt_report_compute_scan   (DtDatabase          *db,
                                       const DtPeriod      *period,
                                       const GDate         *as_of,
                                       const DtReportScan  *scan,
                                       GCancellable        *cancellable,
                                       GError             **error);
/* The overdue petitions' ids, longest overdue first, then by code. */
const gint64 *_dt_report_get_overdue_ids (DtReport     *report,
                                          guint        *n_ids);
const char *_dt_report_get_as_of_iso  (DtReport            *report);

G_END_DECLS
