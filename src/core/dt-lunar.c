/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Vietnamese lunisolar calendar (âm lịch).
 *
 * The rules, as Hồ Ngọc Đức describes the calendar in use in Vietnam:
 *  - days are civil days at UTC+7;
 *  - a month begins on the day that contains the new moon;
 *  - month 11 is the month that contains the winter solstice (apparent solar
 *    longitude 270°);
 *  - when 13 months lie between one month 11 and the next, the first of them
 *    after month 11 that contains no major solar term (trung khí: the Sun
 *    crossing a multiple of 30°) is a leap month and repeats the number of the
 *    month before it;
 *  - the lunar year begins with month 1, the second or third month after
 *    month 11.
 * A month “contains” an instant when the instant falls between the local
 * midnight that begins its first day and the one that begins the next month.
 *
 * The astronomy comes from Jean Meeus, Astronomical Algorithms (2nd ed.):
 * new moons from the mean phase and its periodic and planetary corrections
 * (chapter 49), the apparent longitude of the Sun from the geometric mean
 * longitude, the equation of the centre, nutation and aberration (chapter 25).
 * Both work in Dynamical Time; ΔT = TT − UT comes from the polynomials of
 * Espenak and Meeus (NASA, Five Millennium Canon of Solar Eclipses).
 *
 * One new moon, in 1967, lies closer to midnight than the series can tell:
 * see day_fixes.
 *
 * Everything is computed once, for the lunar months from late 1897 to early
 * 2102, into a table; conversions then only search the table. */
#define G_LOG_DOMAIN "dt-lunar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-error.h"
#include "dt-lunar.h"
#include "dt-util.h"

#define TIME_ZONE        (7.0 / 24.0)   /* UTC+7, in days */
#define JDN_GDATE_OFFSET 1721425        /* Julian day number of GDate's Julian day 0 */
#define J2000            2451545.0
#define SYNODIC_MONTH    29.530588861

/* The table covers every lunar year from FIRST_YEAR to LAST_YEAR whole, and
 * the Tết of LAST_YEAR + 1. */
#define FIRST_YEAR (DT_YEAR_MIN - 2)
#define LAST_YEAR  DT_YEAR_MAX

/* ------------------------------------------------------------------------ */
/* Arithmetic. dtcore does not link libm: these few lines keep it so, and
 * give the same digits on every platform. */

static double
floor_d (double x)
{
  double t = (double) (gint64) x;

  return t > x ? t - 1.0 : t;
}

/* X reduced to [0, 360). */
static double
normalize_deg (double x)
{
  return x - 360.0 * floor_d (x / 360.0);
}

/* sin and cos of X radians, |X| ≤ π/4, by their Taylor series: the first
 * neglected term is below 1e-19. */
static double
sin_small (double x)
{
  double x2 = x * x;
  double sum = 0.0;

  for (int n = 17; n > 1; n -= 2)
    sum = (sum + 1.0) * -x2 / (double) (n * (n - 1));
  return x * (sum + 1.0);
}

static double
cos_small (double x)
{
  double x2 = x * x;
  double sum = 0.0;

  for (int n = 18; n > 0; n -= 2)
    sum = (sum + 1.0) * -x2 / (double) (n * (n - 1));
  return sum + 1.0;
}

/* The sine of an angle in degrees. */
static double
sin_deg (double degrees)
{
  double x = normalize_deg (degrees);
  int octant = (int) (x / 45.0);
  double r;

  /* sin (x) for x = 90° q + r, r in [−45°, 45°) */
  x -= 90.0 * (double) ((octant + 1) / 2);
  r = x * (G_PI / 180.0);
  switch (((octant + 1) / 2) % 4)
    {
    case 0:
      return sin_small (r);
    case 1:
      return cos_small (r);
    case 2:
      return -sin_small (r);
    default:
      return -cos_small (r);
    }
}

/* ------------------------------------------------------------------------ */
/* Astronomy */

/* ΔT = TT − UT in seconds at the Julian day JD: Espenak and Meeus. */
static double
delta_t (double jd)
{
  double y = 2000.0 + (jd - J2000) / 365.25;
  double t;

  if (y < 1900.0)
    {
      t = y - 1860.0;
      return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t -
             0.0004473624 * t * t * t * t + t * t * t * t * t / 233174.0;
    }
  if (y < 1920.0)
    {
      t = y - 1900.0;
      return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t -
             0.000197 * t * t * t * t;
    }
  if (y < 1941.0)
    {
      t = y - 1920.0;
      return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
    }
  if (y < 1961.0)
    {
      t = y - 1950.0;
      return 29.07 + 0.407 * t - t * t / 233.0 + t * t * t / 2547.0;
    }
  if (y < 1986.0)
    {
      t = y - 1975.0;
      return 45.45 + 1.067 * t - t * t / 260.0 - t * t * t / 718.0;
    }
  if (y < 2005.0)
    {
      t = y - 2000.0;
      return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
             0.000651814 * t * t * t * t + 0.00002373599 * t * t * t * t * t;
    }
  if (y < 2050.0)
    {
      t = y - 2000.0;
      return 62.92 + 0.32217 * t + 0.005589 * t * t;
    }
  t = (y - 1820.0) / 100.0;
  return -20.0 + 32.0 * t * t - 0.5628 * (2150.0 - y);
}

/* Periodic terms of the new moon (Meeus table 49.A): coefficient in days,
 * power of E, then the multiples of M, M′, F and Ω in the argument. */
static const struct
{
  double coefficient;
  int    e, m, mp, f, om;
} new_moon_terms[] = {
  { -0.40720, 0, 0, 1, 0, 0 },
  { 0.17241, 1, 1, 0, 0, 0 },
  { 0.01608, 0, 0, 2, 0, 0 },
  { 0.01039, 0, 0, 0, 2, 0 },
  { 0.00739, 1, -1, 1, 0, 0 },
  { -0.00514, 1, 1, 1, 0, 0 },
  { 0.00208, 2, 2, 0, 0, 0 },
  { -0.00111, 0, 0, 1, -2, 0 },
  { -0.00057, 0, 0, 1, 2, 0 },
  { 0.00056, 1, 1, 2, 0, 0 },
  { -0.00042, 0, 0, 3, 0, 0 },
  { 0.00042, 1, 1, 0, 2, 0 },
  { 0.00038, 1, 1, 0, -2, 0 },
  { -0.00024, 1, -1, 2, 0, 0 },
  { -0.00017, 0, 0, 0, 0, 1 },
  { -0.00007, 0, 2, 1, 0, 0 },
  { 0.00004, 0, 0, 2, -2, 0 },
  { 0.00004, 0, 3, 0, 0, 0 },
  { 0.00003, 0, 1, 1, -2, 0 },
  { 0.00003, 0, 0, 2, 2, 0 },
  { -0.00003, 0, 1, 1, 2, 0 },
  { 0.00003, 0, -1, 1, 2, 0 },
  { -0.00002, 0, -1, 1, -2, 0 },
  { -0.00002, 0, 1, 3, 0, 0 },
  { 0.00002, 0, 0, 4, 0, 0 },
};

/* Additional corrections for the planetary arguments A1…A14 (Meeus ch. 49):
 * coefficient in days, then the argument in degrees, a + b k. */
static const struct
{
  double coefficient, a, b;
} planetary_terms[] = {
  { 0.000325, 299.77, 0.107408 },  /* A1, also − 0.009173 T² */
  { 0.000165, 251.88, 0.016321 },
  { 0.000164, 251.83, 26.651886 },
  { 0.000126, 349.42, 36.412478 },
  { 0.000110, 84.66, 18.206239 },
  { 0.000062, 141.74, 53.303771 },
  { 0.000060, 207.14, 2.453732 },
  { 0.000056, 154.84, 7.306860 },
  { 0.000047, 34.52, 27.261239 },
  { 0.000042, 207.19, 0.121824 },
  { 0.000040, 291.34, 1.844379 },
  { 0.000037, 161.72, 24.198154 },
  { 0.000035, 239.56, 25.513099 },
  { 0.000023, 331.55, 3.592518 },
};

/* The Julian day (UT) of new moon number K, K = 0 being 2000 January 6. */
static double
new_moon (int k)
{
  double kd = (double) k;
  double t = kd / 1236.85;
  double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
  double jde = 2451550.09766 + SYNODIC_MONTH * kd + 0.00015437 * t2 - 0.000000150 * t3 +
               0.00000000073 * t4;
  double e = 1.0 - 0.002516 * t - 0.0000074 * t2;
  /* Sun's mean anomaly, Moon's mean anomaly, Moon's argument of latitude,
   * longitude of the ascending node, all in degrees */
  double m = normalize_deg (2.5534 + 29.10535670 * kd - 0.0000014 * t2 - 0.00000011 * t3);
  double mp = normalize_deg (201.5643 + 385.81693528 * kd + 0.0107582 * t2 + 0.00001238 * t3 -
                             0.000000058 * t4);
  double f = normalize_deg (160.7108 + 390.67050284 * kd - 0.0016118 * t2 - 0.00000227 * t3 +
                            0.000000011 * t4);
  double om = normalize_deg (124.7746 - 1.56375588 * kd + 0.0020672 * t2 + 0.00000215 * t3);
  double correction = 0.0;

  for (guint i = 0; i < G_N_ELEMENTS (new_moon_terms); i++)
    {
      double c = new_moon_terms[i].coefficient;

      for (int p = 0; p < new_moon_terms[i].e; p++)
        c *= e;
      correction += c * sin_deg (new_moon_terms[i].m * m + new_moon_terms[i].mp * mp +
                                 new_moon_terms[i].f * f + new_moon_terms[i].om * om);
    }
  for (guint i = 0; i < G_N_ELEMENTS (planetary_terms); i++)
    {
      double a = planetary_terms[i].a + planetary_terms[i].b * kd;

      if (i == 0)
        a -= 0.009173 * t2;
      correction += planetary_terms[i].coefficient * sin_deg (a);
    }
  jde += correction;
  return jde - delta_t (jde) / 86400.0;
}

/* The apparent longitude of the Sun in degrees, [0, 360), at the Julian
 * day JD (UT): Meeus ch. 25, accurate to about 0.01° (10″ on average, 33″ at
 * worst against DE431 from 1897 to 2102), a quarter of an hour of the Sun’s
 * motion. From 1900 to 2100 one decision alone rests on a finer margin: the
 * leap month of 1938, 8 at UTC+7, because the autumn equinox comes 33 s before
 * the local midnight that starts the next month; this formula puts it 83 s
 * before, and test-lunar checks the result. */
static double
sun_longitude (double jd)
{
  double t = (jd + delta_t (jd) / 86400.0 - J2000) / 36525.0;
  double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  double m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
  double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin_deg (m) +
             (0.019993 - 0.000101 * t) * sin_deg (2.0 * m) + 0.000289 * sin_deg (3.0 * m);
  double omega = 125.04 - 1934.136 * t;

  return normalize_deg (l0 + c - 0.00569 - 0.00478 * sin_deg (omega));
}

/* New moons that the series above puts on the wrong side of a local
 * midnight, with the day they really fall on. The series is good to a few
 * seconds: against the DE431 ephemeris (Swiss Ephemeris, with the measured
 * ΔT) it is off by 17 s at most from 1897 to 2025, 4.5 s on average, and in
 * that time this is the only new moon whose day it gets wrong; PyEphem agrees.
 * After 2025 the uncertainty of ΔT, a minute or more by 2100, outweighs the
 * series’, and nothing better than the series is known. */
static const struct
{
  int computed, real;
} day_fixes[] = {
  { 2439679, 2439680 },   /* 1967-07-07 17:00:04 UT: 1967-07-08 at UTC+7, not the 7th */
};

/* The Julian day number of the local (UTC+7) day that contains the instant JD. */
static int
local_day (double jd)
{
  return (int) floor_d (jd + 0.5 + TIME_ZONE);
}

/* The instant (Julian day, UT) of the local midnight that begins day JDN. */
static double
local_midnight (int jdn)
{
  return (double) jdn - 0.5 - TIME_ZONE;
}

/* ------------------------------------------------------------------------ */
/* The table */

typedef struct
{
  int    start;   /* Julian day number of its day 1 */
  gint16 year;
  gint8  month;
  gint8  leap;
} LunarMonth;

typedef struct
{
  LunarMonth *months;                               /* months[n].start ends the last */
  guint       n;
  guint       new_year[LAST_YEAR - FIRST_YEAR + 2]; /* index of month 1 of each year */
  gint8       leap_month[LAST_YEAR - FIRST_YEAR + 1];
} LunarTable;

static int
jdn_from_ymd (int year,
              int month,
              int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return (int) g_date_get_julian (&date) + JDN_GDATE_OFFSET;
}

static int
year_of_jdn (int jdn)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (jdn - JDN_GDATE_OFFSET));
  return g_date_get_year (&date);
}

static LunarTable *
build_table (void)
{
  /* every month from before month 11 of FIRST_YEAR − 1 to after month 11
   * of LAST_YEAR + 1, with a spare one at each end */
  double from = (double) jdn_from_ymd (FIRST_YEAR - 1, 10, 1);
  double to = (double) jdn_from_ymd (LAST_YEAR + 2, 2, 1);
  int k0 = (int) floor_d ((from - 2451550.1) / SYNODIC_MONTH);
  guint count = (guint) ((to - from) / SYNODIC_MONTH) + 3;
  g_autofree int *start = g_new (int, count);
  g_autofree double *longitude = g_new (double, count);
  g_autofree guint *month11 = g_new (guint, count / 12 + 2);
  guint n11 = 0;
  LunarTable *table = g_new0 (LunarTable, 1);
  guint n = 0;

  for (guint i = 0; i < count; i++)
    {
      start[i] = local_day (new_moon (k0 + (int) i));
      for (guint f = 0; f < G_N_ELEMENTS (day_fixes); f++)
        if (start[i] == day_fixes[f].computed)
          start[i] = day_fixes[f].real;
      longitude[i] = sun_longitude (local_midnight (start[i]));
    }

  /* Month i contains the solstice when the longitude, counted from 270°,
   * wraps around between its beginning and the next month's. */
  for (guint i = 0; i + 1 < count; i++)
    if (normalize_deg (longitude[i] - 270.0) > normalize_deg (longitude[i + 1] - 270.0))
      month11[n11++] = i;
  g_assert (n11 == (guint) (LAST_YEAR - FIRST_YEAR + 3));
  g_assert (year_of_jdn (start[month11[0]]) == FIRST_YEAR - 1);

  table->months = g_new0 (LunarMonth, month11[n11 - 1] - month11[0] + 1);
  for (guint s = 0; s + 1 < n11; s++)
    {
      guint a = month11[s], b = month11[s + 1];
      int year = year_of_jdn (start[a]);
      guint leap = 0;   /* index of the leap month, 0 for none */
      int number = 11;

      g_assert (b - a == 12 || b - a == 13);
      if (b - a == 13)
        {
          /* The first month without a major term: the Sun stays between the
           * same two multiples of 30° from its first day to the next month's. */
          for (guint i = a + 1; i < b && leap == 0; i++)
            if ((int) (longitude[i] / 30.0) == (int) (longitude[i + 1] / 30.0))
              leap = i;
          g_assert (leap != 0);
        }

      for (guint i = a; i < b; i++)
        {
          LunarMonth *month = &table->months[n++];

          if (i != a && i != leap)
            {
              number = number % 12 + 1;
              if (number == 1)
                year++;
            }
          month->start = start[i];
          month->year = (gint16) year;
          month->month = (gint8) number;
          month->leap = i == leap;
          if (month->leap && year >= FIRST_YEAR && year <= LAST_YEAR)
            table->leap_month[year - FIRST_YEAR] = (gint8) number;
          if (number == 1 && !month->leap && year >= FIRST_YEAR && year <= LAST_YEAR + 1)
            table->new_year[year - FIRST_YEAR] = n - 1;
        }
    }
  table->months[n].start = start[month11[n11 - 1]];
  table->n = n;
  return table;
}

static const LunarTable *
get_table (void)
{
  static LunarTable *table = NULL;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, build_table ());
  return table;
}

/* The index of the month that contains the day JDN, which the table covers. */
static guint
find_month (const LunarTable *table,
            int               jdn)
{
  guint low = 0, high = table->n;   /* months[low].start ≤ jdn < months[high].start */

  g_assert (table->months[0].start <= jdn && jdn < table->months[table->n].start);
  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;

      if (table->months[middle].start <= jdn)
        low = middle;
      else
        high = middle;
    }
  return low;
}

static void
set_jdn (GDate *date,
         int    jdn)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, (guint32) (jdn - JDN_GDATE_OFFSET));
}

static gboolean
jdn_in_range (int jdn)
{
  return jdn >= jdn_from_ymd (DT_YEAR_MIN, 1, 1) && jdn <= jdn_from_ymd (DT_YEAR_MAX, 12, 31);
}

/* ------------------------------------------------------------------------ */
/* Public functions */

gboolean
dt_lunar_from_solar (const GDate *solar,
                     DtLunarDate *lunar,
                     GError     **error)
{
  const LunarTable *table;
  const LunarMonth *month;
  int jdn;

  g_return_val_if_fail (solar != NULL && g_date_valid (solar), FALSE);
  g_return_val_if_fail (lunar != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  jdn = (int) g_date_get_julian (solar) + JDN_GDATE_OFFSET;
  if (!jdn_in_range (jdn))
    {
      g_autofree char *iso = dt_date_to_iso (solar);

      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The date %s is outside the years %d to %d."), iso, DT_YEAR_MIN,
                   DT_YEAR_MAX);
      return FALSE;
    }

  table = get_table ();
  month = &table->months[find_month (table, jdn)];
  lunar->day = jdn - month->start + 1;
  lunar->month = month->month;
  lunar->year = month->year;
  lunar->leap = month->leap;
  return TRUE;
}

gboolean
dt_lunar_to_solar (const DtLunarDate *lunar,
                   GDate             *solar,
                   GError           **error)
{
  const LunarTable *table;
  g_autofree char *text = NULL;
  guint first, last;
  int length;

  g_return_val_if_fail (lunar != NULL, FALSE);
  g_return_val_if_fail (solar != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* the lunar year before the first accepted solar year ends in it */
  if (lunar->year < DT_YEAR_MIN - 1 || lunar->year > DT_YEAR_MAX)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The lunar year %d is outside %d to %d."), lunar->year, DT_YEAR_MIN,
                   DT_YEAR_MAX);
      return FALSE;
    }
  text = dt_lunar_format (lunar);
  if (lunar->month < 1 || lunar->month > 12 || lunar->day < 1 || lunar->day > 30)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID, _("“%s” is not a real lunar date."),
                   text);
      return FALSE;
    }

  table = get_table ();
  first = table->new_year[lunar->year - FIRST_YEAR];
  last = table->new_year[lunar->year + 1 - FIRST_YEAR];
  for (guint i = first; i < last; i++)
    {
      const LunarMonth *month = &table->months[i];

      if (month->month != lunar->month || month->leap != (lunar->leap != FALSE))
        continue;
      length = table->months[i + 1].start - month->start;
      if (lunar->day > length)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("“%s” is not a real lunar date: that month has %d days."), text,
                       length);
          return FALSE;
        }
      if (!jdn_in_range (month->start + lunar->day - 1))
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("“%s” falls outside the years %d to %d."), text, DT_YEAR_MIN,
                       DT_YEAR_MAX);
          return FALSE;
        }
      set_jdn (solar, month->start + lunar->day - 1);
      return TRUE;
    }

  /* only a leap month can be missing */
  g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
               _("“%s” is not a real lunar date: the lunar year %d has no leap month %d."), text,
               lunar->year, lunar->month);
  return FALSE;
}

gboolean
dt_lunar_new_year (int      year,
                   GDate   *solar,
                   GError **error)
{
  const LunarTable *table;

  g_return_val_if_fail (solar != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (year < DT_YEAR_MIN || year > DT_YEAR_MAX)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The lunar year %d is outside %d to %d."), year, DT_YEAR_MIN, DT_YEAR_MAX);
      return FALSE;
    }
  table = get_table ();
  set_jdn (solar, table->months[table->new_year[year - FIRST_YEAR]].start);
  return TRUE;
}

int
dt_lunar_leap_month (int year)
{
  if (year < DT_YEAR_MIN || year > DT_YEAR_MAX)
    return 0;
  return get_table ()->leap_month[year - FIRST_YEAR];
}

const char *
dt_lunar_year_name (int year)
{
  static const char *const stems[] = {
    "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý",
  };
  static const char *const branches[] = {
    "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi",
  };
  /* 1984 is Giáp Tý; the remainders stay positive for any year */
  int stem = ((year - 1984) % 10 + 10) % 10;
  int branch = ((year - 1984) % 12 + 12) % 12;
  g_autofree char *name = g_strconcat (stems[stem], " ", branches[branch], NULL);

  return g_intern_string (name);
}

char *
dt_lunar_format (const DtLunarDate *lunar)
{
  g_return_val_if_fail (lunar != NULL, NULL);

  return g_strdup_printf ("%d/%d/%d%s (%s)", lunar->day, lunar->month, lunar->year,
                          lunar->leap ? " nhuận" : "", dt_lunar_year_name (lunar->year));
}
