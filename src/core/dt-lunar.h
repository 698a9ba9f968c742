/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A date of the Vietnamese lunisolar calendar (âm lịch): LEAP is TRUE in the
 * leap month (tháng nhuận), which repeats the number of the month before it.
 * YEAR is the lunar year, which starts at Tết: 1–20/1/2026 (solar) is still
 * the lunar year 2025. */
typedef struct
{
  int      day;
  int      month;
  int      year;
  gboolean leap;
} DtLunarDate;

/* Solar (Gregorian) to lunar, for solar dates 1900-01-01 to 2100-12-31;
 * FALSE and DT_ERROR_INVALID outside. */
gboolean    dt_lunar_from_solar (const GDate       *solar,
                                 DtLunarDate       *lunar,
                                 GError           **error);
/* Lunar to solar; FALSE and DT_ERROR_INVALID for a date that does not exist
 * (a leap month in a year without it, day 30 of a 29-day month, month 13…)
 * or whose solar date is outside 1900-01-01 to 2100-12-31. */
gboolean    dt_lunar_to_solar   (const DtLunarDate *lunar,
                                 GDate             *solar,
                                 GError           **error);
/* The solar date of Tết (lunar 1/1) of the lunar year YEAR, 1900 to 2100. */
gboolean    dt_lunar_new_year   (int                year,
                                 GDate             *solar,
                                 GError           **error);
/* The number of the month that the lunar year YEAR repeats as a leap month,
 * 0 when it has none or when YEAR is outside 1900 to 2100. */
int         dt_lunar_leap_month (int                year);
/* The can-chi name of a lunar year, “Bính Ngọ” for 2026: a name, in
 * Vietnamese in every language. The string belongs to the library and lives
 * as long as the program. */
const char *dt_lunar_year_name  (int                year);
/* “1/1/2026 (Bính Ngọ)”, “1/2/2023 nhuận (Quý Mão)”: day/month/year as
 * Vietnamese calendars write them, in every language. Free with g_free(). */
char       *dt_lunar_format     (const DtLunarDate *lunar);

G_END_DECLS
