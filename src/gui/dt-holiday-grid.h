/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One month of the holiday calendar (DESIGN §2.1): a button a day, holidays and make-up working
 * days marked, weekends dimmed; each day's lunar date in its tooltip and accessible name, so
 * that Tết can be found at a glance. A click asks for the day to change. */

#define DT_TYPE_HOLIDAY_GRID (dt_holiday_grid_get_type ())
G_DECLARE_FINAL_TYPE (DtHolidayGrid, dt_holiday_grid, DT, HOLIDAY_GRID, GtkWidget)

GtkWidget  *dt_holiday_grid_new        (int             year,
                                        int             month);
/* Sets of ISO dates. */
void        dt_holiday_grid_set_days   (DtHolidayGrid  *self,
                                        GHashTable     *holidays,
                                        GHashTable     *workdays);
GtkWidget  *dt_holiday_grid_get_button (DtHolidayGrid  *self,
                                        int             day);
const char *dt_month_name              (int             month);

G_END_DECLS
