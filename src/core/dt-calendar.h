/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"

G_BEGIN_DECLS

/* The most working days counted in one go: ten years' worth. */
#define DT_WORKDAYS_MAX 2600

typedef struct _DtWorkCalendar DtWorkCalendar;

/* Working days (DESIGN §2.1): Monday to Friday that is not a day off, or any make-up working
 * day. A year the secretary edited uses her table alone; any other year the defaults of the
 * Labor Code. Not thread-safe: one calendar per thread. */
DtWorkCalendar *dt_work_calendar_new          (DtDatabase      *db,
                                               GError         **error);
DtWorkCalendar *dt_work_calendar_new_default  (void);
void            dt_work_calendar_free         (DtWorkCalendar  *calendar);

gboolean        dt_work_calendar_is_working_day (DtWorkCalendar *calendar,
                                                 const GDate    *date);
/* The N-th working day strictly after FROM (FROM itself for N = 0). */
gboolean        dt_work_calendar_add          (DtWorkCalendar  *calendar,
                                               const GDate     *from,
                                               int              n,
                                               GDate           *result,
                                               GError         **error);

/* The default days off of YEAR: 1/1, Tết (the day before lunar new year and lunar 1/1 to
 * 1/4), Hùng Kings day (lunar 10/3), 30/4, 1/5, 1/9 and 2/9, and for each of them that falls
 * on a Saturday or Sunday the next weekday. Sorted ISO dates. */
char          **dt_calendar_default_holidays  (int              year,
                                               GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtWorkCalendar, dt_work_calendar_free)

G_END_DECLS
