/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The periods a report covers (DESIGN §6). */
typedef enum
{
  DT_PERIOD_MONTH,         /* 2025-06 */
  DT_PERIOD_QUARTER,       /* 2025-Q2 */
  DT_PERIOD_HALF,          /* 2025-H1, 2025-H2 */
  DT_PERIOD_NINE_MONTHS,   /* 2025-9M: January to September */
  DT_PERIOD_YEAR,          /* 2025 */
  DT_PERIOD_YEARS,         /* 2021..2025: a multi-year review, one column per year */
  DT_PERIOD_RANGE,         /* 2025-04-01..2025-06-30: from one day to another */
  DT_N_PERIOD_KINDS
} DtPeriodKind;

/* The most years a review covers. */
#define DT_PERIOD_MAX_YEARS 20

typedef struct
{
  DtPeriodKind kind;
  int          year;       /* the (first) year; of the start for a range */
  int          last_year;  /* the same as year except for a review */
  int          index;      /* month 1–12, quarter 1–4, half 1–2; else 0 */
  GDate        start;      /* first day, inclusive */
  GDate        end;        /* last day, inclusive */
} DtPeriod;

/* "2025-06", "2025-Q2", "2025-H1", "2025-9M", "2025", "2021..2025" or
 * "2025-04-01..2025-06-30", with white space around and q/h/m in either case. Fails with
 * DT_ERROR_INVALID and a message saying what is wrong and what to type. */
gboolean  dt_period_parse           (const char    *text,
                                     DtPeriod      *period,
                                     GError       **error);
/* INDEX: the month, quarter or half (1 for 9 months and years); LAST_YEAR for a review. */
gboolean  dt_period_init            (DtPeriod      *period,
                                     DtPeriodKind   kind,
                                     int            year,
                                     int            index,
                                     int            last_year,
                                     GError       **error);
gboolean  dt_period_init_range      (DtPeriod      *period,
                                     const GDate   *from,
                                     const GDate   *to,
                                     GError       **error);
/* The period of KIND that holds TODAY (a review: the five years ending with this one; a
 * range: this month so far). */
void      dt_period_current         (DtPeriodKind   kind,
                                     const GDate   *today,
                                     DtPeriod      *period);
/* The report a plan's due date asks for (seed 004: the 6-month report is due 15/6, the
 * annual one 10/12): due in March, the first quarter; June, the first half; September, nine
 * months; December, the year; January, the year before; any other month, the month before. */
void      dt_period_for_due_date    (const GDate   *due,
                                     DtPeriod      *period);

gboolean  dt_period_equal           (const DtPeriod *a,
                                     const DtPeriod *b);
/* As dt_period_parse () reads it: "2025-Q2". */
char     *dt_period_to_string       (const DtPeriod *period);
/* For the report itself, always Vietnamese: "Quý II năm 2025", "6 tháng đầu năm 2025",
 * "Giai đoạn 2021 - 2025", "Từ ngày 01/04/2025 đến ngày 30/06/2025". */
char     *dt_period_title_vi        (const DtPeriod *period);
/* The same in the interface language. */
char     *dt_period_title           (const DtPeriod *period);
/* A file name without folder: "bao-cao-2025-Q2.xlsx", "so-ket-2021-2025.xlsx". */
char     *dt_period_file_name       (const DtPeriod *period);

/* The years of a review, each as a period of its own (a single year for the others). */
guint     dt_period_get_n_years     (const DtPeriod *period);
void      dt_period_get_year        (const DtPeriod *period,
                                     guint           index,
                                     DtPeriod       *year);

/* DESIGN §6: the earlier of the period's end and TODAY (NULL: today). */
void      dt_period_default_as_of   (const DtPeriod *period,
                                     const GDate    *today,
                                     GDate          *as_of);
/* Figures as of a day before the period starts would all be nothing. */
gboolean  dt_period_check_as_of     (const DtPeriod *period,
                                     const GDate    *as_of,
                                     GError        **error);

G_END_DECLS
