/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dt-database.h"
#include "dt-period.h"

G_BEGIN_DECLS

/* The figures of the Excel report forms (DESIGN §6), computed by the rules of §2.2 as of a
 * date A: sessions by their date in the period, petitions over those received in the period
 * (and by A), duplicates counted apart, every status as of A. */

/* Petition counts. The eight from answered to unassigned add up to total. */
typedef struct
{
  guint total;              /* received, duplicates excluded */
  guint answered;           /* Đã trả lời tại hội nghị */
  guint resolved_on_time;   /* Đã giải quyết đúng hạn */
  guint resolved_late;      /* Đã giải quyết quá hạn */
  guint in_time;            /* Đang giải quyết trong hạn: assigned, not overdue */
  guint overdue;            /* Quá hạn chưa giải quyết: assigned, overdue */
  guint escalated;          /* Chuyển cấp có thẩm quyền */
  guint declined;           /* Không thuộc phạm vi */
  guint withdrawn;          /* Rút ý kiến */
  guint unassigned;         /* Chưa phân công */
  guint duplicates;         /* Ý kiến trùng lặp */
  guint assigned;           /* assigned to an agency by A, whatever became of them since */
} DtReportCounts;

typedef struct
{
  guint          held;                /* held, dated in the period and by A */
  guint          postponed;
  guint          cancelled;
  guint64        attendance;          /* of the held sessions */
  guint          notice_on_time;
  guint          notice_late;         /* later than due, or none */
  guint          conclusion_on_time;
  guint          conclusion_late;     /* later than due, or none while A is past the due date */
  DtReportCounts petitions;
} DtReportFigures;

/* The labels of the summary, in order. */
typedef enum
{
  DT_FIGURE_HELD,
  DT_FIGURE_POSTPONED,
  DT_FIGURE_CANCELLED,
  DT_FIGURE_ATTENDANCE,
  DT_FIGURE_NOTICE_ON_TIME,
  DT_FIGURE_NOTICE_LATE,
  DT_FIGURE_CONCLUSION_ON_TIME,
  DT_FIGURE_CONCLUSION_LATE,
  DT_FIGURE_TOTAL,
  DT_FIGURE_ANSWERED,
  DT_FIGURE_RESOLVED_ON_TIME,
  DT_FIGURE_RESOLVED_LATE,
  DT_FIGURE_IN_TIME,
  DT_FIGURE_OVERDUE,
  DT_FIGURE_ESCALATED,
  DT_FIGURE_DECLINED,
  DT_FIGURE_WITHDRAWN,
  DT_FIGURE_UNASSIGNED,
  DT_FIGURE_DUPLICATES,
  DT_FIGURE_RATE,
  DT_N_FIGURES
} DtFigure;

/* "Số cuộc đã tổ chức" …: the exact labels of DESIGN §6. */
const char *dt_figure_label_vi   (DtFigure               figure);
/* FALSE for a rate with nothing to divide by. */
gboolean    dt_figures_get       (const DtReportFigures *figures,
                                  DtFigure               figure,
                                  double                *value);
/* (answered + resolved) / (total − declined − withdrawn) × 100; FALSE when that is 0 / 0. */
gboolean    dt_report_counts_rate (const DtReportCounts *counts,
                                   double               *rate);

typedef enum
{
  DT_REPORT_BY_FIELD,
  DT_REPORT_BY_VILLAGE,
  DT_REPORT_BY_AGENCY,     /* only petitions assigned by A, to the agency they were given */
  DT_REPORT_BY_CHANNEL,
  DT_REPORT_BY_CONCERNS,   /* organisation, official, neither */
  DT_REPORT_N_BREAKDOWNS
} DtReportBreakdown;

/* The figures of the whole period, or of one year of a review. */
#define DT_REPORT_TOTAL (-1)

typedef struct _DtReport DtReport;

/* Called from the thread doing the work, now and then, with how far it has come (0 to 1). */
typedef void (*DtReportProgressFunc) (double    fraction,
                                      gpointer  user_data);

/* Reads one consistent snapshot. PERIOD's years are the columns of a review. Fails with
 * DT_ERROR_INVALID for an as-of date before the period, G_IO_ERROR_CANCELLED when
 * CANCELLABLE is. */
DtReport   *dt_report_compute         (DtDatabase             *db,
                                       const DtPeriod         *period,
                                       const GDate            *as_of,
                                       GCancellable           *cancellable,
                                       GError                **error);
void        dt_report_free            (DtReport               *report);
const DtPeriod *dt_report_get_period  (DtReport               *report);
void        dt_report_get_as_of       (DtReport               *report,
                                       GDate                  *as_of);
/* 1 except for a review. */
guint       dt_report_get_n_years     (DtReport               *report);
int         dt_report_get_year        (DtReport               *report,
                                       guint                   index);
/* YEAR: an index below dt_report_get_n_years (), or DT_REPORT_TOTAL. */
const DtReportFigures *dt_report_get_figures (DtReport        *report,
                                       int                     year);
/* The rows of a breakdown: every name of the office's list (fields, villages, agencies) or
 * every choice (channels, concerns), in Vietnamese order, then a row for petitions without
 * one when there are any. */
guint       dt_report_get_n_groups    (DtReport               *report,
                                       DtReportBreakdown       by);
/* Vietnamese: what the report prints. */
const char *dt_report_get_group_name  (DtReport               *report,
                                       DtReportBreakdown       by,
                                       guint                   index);
const DtReportCounts *dt_report_get_group_counts (DtReport    *report,
                                       DtReportBreakdown       by,
                                       guint                   index,
                                       int                     year);
/* Petitions overdue as of A whatever their received date (duplicates left out). */
guint       dt_report_get_n_overdue   (DtReport               *report);

/* Writes the workbook of DESIGN §6 to PATH (constant memory, through a temporary file beside
 * it, renamed at the end: PATH is never left half-written, and left as it was on failure).
 * Refuses PATH when it is the database itself or not a regular file. */
gboolean    dt_report_write_file      (DtDatabase             *db,
                                       const DtPeriod         *period,
                                       const GDate            *as_of,
                                       const char             *path,
                                       GCancellable           *cancellable,
                                       DtReportProgressFunc    progress,
                                       gpointer                user_data,
                                       GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtReport, dt_report_free)

G_END_DECLS
