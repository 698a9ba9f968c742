/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-calendar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-calendar.h"
#include "dt-error.h"
#include "dt-lunar.h"
#include "dt-records.h"
#include "dt-util.h"

typedef struct
{
  GHashTable *off;        /* Julian days off (besides weekends) */
  GHashTable *work;       /* Julian make-up working days */
} Year;

typedef struct
{
  gint64  key;            /* Julian day of the start << 12 | number of working days */
  guint32 julian;         /* the answer */
} Addition;

struct _DtWorkCalendar
{
  GHashTable *years;      /* year → Year, filled as needed */
  GHashTable *edited;     /* year → DtCalendarYear, the secretary's tables */
  GHashTable *additions;  /* &Addition.key → Addition */
};

static void
year_free (Year *year)
{
  g_hash_table_unref (year->off);
  g_hash_table_unref (year->work);
  g_free (year);
}

static int
compare_julian (gconstpointer a,
                gconstpointer b)
{
  guint32 ja = *(const guint32 *) a;
  guint32 jb = *(const guint32 *) b;

  return ja < jb ? -1 : ja > jb;
}

static gboolean
is_weekend (const GDate *date)
{
  return g_date_get_weekday (date) >= G_DATE_SATURDAY;
}

/* Julian days of the default days off of YEAR, compensation included. */
static GArray *
default_days_off (int      year,
                  GError **error)
{
  static const struct { int day; int month; } fixed[] = {
    { 1, 1 }, { 30, 4 }, { 1, 5 }, { 1, 9 }, { 2, 9 },
  };
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);
  DtLunarDate hung_kings = { 10, 3, year, FALSE };
  GDate date;
  guint n_holidays;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      guint32 julian;

      g_date_set_dmy (&date, (GDateDay) fixed[i].day, (GDateMonth) fixed[i].month,
                      (GDateYear) year);
      julian = g_date_get_julian (&date);
      g_array_append_val (days, julian);
    }

  /* Tết: the day before lunar new year, then lunar 1/1 to 1/4. */
  if (!dt_lunar_new_year (year, &date, error))
    return NULL;
  g_date_subtract_days (&date, 1);
  for (int i = 0; i < 5; i++)
    {
      guint32 julian = g_date_get_julian (&date) + (guint32) i;
      g_array_append_val (days, julian);
    }

  if (!dt_lunar_to_solar (&hung_kings, &date, error))
    return NULL;
  {
    guint32 julian = g_date_get_julian (&date);
    g_array_append_val (days, julian);
  }

  g_array_sort (days, compare_julian);
  for (guint i = 0; i < days->len; i++)
    g_hash_table_add (taken, GUINT_TO_POINTER (g_array_index (days, guint32, i)));

  /* A day off on a Saturday or Sunday gives the next weekday that is still a working day. */
  n_holidays = days->len;
  for (guint i = 0; i < n_holidays; i++)
    {
      guint32 julian = g_array_index (days, guint32, i);

      g_date_set_julian (&date, julian);
      if (!is_weekend (&date))
        continue;
      do
        g_date_add_days (&date, 1);
      while (is_weekend (&date) ||
             g_hash_table_contains (taken, GUINT_TO_POINTER (g_date_get_julian (&date))));
      julian = g_date_get_julian (&date);
      g_hash_table_add (taken, GUINT_TO_POINTER (julian));
      g_array_append_val (days, julian);
    }
  g_array_sort (days, compare_julian);
  return g_steal_pointer (&days);
}

char **
dt_calendar_default_holidays (int      year,
                              GError **error)
{
  g_autoptr(GArray) days = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (year < DT_YEAR_MIN || year > DT_YEAR_MAX)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The year %d is outside %d to %d."), year, DT_YEAR_MIN, DT_YEAR_MAX);
      return NULL;
    }
  if (!(days = default_days_off (year, error)))
    return NULL;
  for (guint i = 0; i < days->len; i++)
    {
      GDate date;
      g_autofree char *iso = NULL;

      g_date_set_julian (&date, g_array_index (days, guint32, i));
      iso = dt_date_to_iso (&date);
      g_strv_builder_add (builder, iso);
    }
  return g_strv_builder_end (builder);
}

static DtWorkCalendar *
calendar_new (void)
{
  DtWorkCalendar *calendar = g_new0 (DtWorkCalendar, 1);

  calendar->years = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) year_free);
  calendar->edited = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) dt_calendar_year_free);
  calendar->additions = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  return calendar;
}

DtWorkCalendar *
dt_work_calendar_new_default (void)
{
  return calendar_new ();
}

DtWorkCalendar *
dt_work_calendar_new (DtDatabase  *db,
                      GError     **error)
{
  g_autoptr(GPtrArray) years = NULL;
  DtWorkCalendar *calendar;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  if (!(years = dt_calendar_list (db, error)))
    return NULL;
  calendar = calendar_new ();
  for (guint i = 0; i < years->len; i++)
    {
      DtCalendarYear *year = g_ptr_array_index (years, i);
      g_hash_table_insert (calendar->edited, GINT_TO_POINTER (year->year),
                           g_ptr_array_steal_index_fast (years, i--));
    }
  return calendar;
}

void
dt_work_calendar_free (DtWorkCalendar *calendar)
{
  if (calendar == NULL)
    return;
  g_hash_table_unref (calendar->years);
  g_hash_table_unref (calendar->edited);
  g_hash_table_unref (calendar->additions);
  g_free (calendar);
}

static void
add_dates (GHashTable  *set,
           char       **dates)
{
  for (guint i = 0; dates != NULL && dates[i] != NULL; i++)
    {
      GDate date;
      if (dt_date_parse (dates[i], &date))
        g_hash_table_add (set, GUINT_TO_POINTER (g_date_get_julian (&date)));
    }
}

static Year *
get_year (DtWorkCalendar *calendar,
          int             number)
{
  Year *year = g_hash_table_lookup (calendar->years, GINT_TO_POINTER (number));
  DtCalendarYear *edited;

  if (year != NULL)
    return year;

  year = g_new0 (Year, 1);
  year->off = g_hash_table_new (NULL, NULL);
  year->work = g_hash_table_new (NULL, NULL);

  edited = g_hash_table_lookup (calendar->edited, GINT_TO_POINTER (number));
  if (edited != NULL)
    {
      add_dates (year->off, edited->holidays);
      add_dates (year->work, edited->workdays);
    }
  else if (number >= DT_YEAR_MIN && number <= DT_YEAR_MAX)
    {
      g_autoptr(GArray) days = default_days_off (number, NULL);

      for (guint i = 0; days != NULL && i < days->len; i++)
        g_hash_table_add (year->off, GUINT_TO_POINTER (g_array_index (days, guint32, i)));
    }
  g_hash_table_insert (calendar->years, GINT_TO_POINTER (number), year);
  return year;
}

gboolean
dt_work_calendar_is_working_day (DtWorkCalendar *calendar,
                                 const GDate    *date)
{
  Year *year;
  gpointer julian;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  year = get_year (calendar, g_date_get_year (date));
  julian = GUINT_TO_POINTER (g_date_get_julian (date));
  if (g_hash_table_contains (year->work, julian))
    return TRUE;
  return !is_weekend (date) && !g_hash_table_contains (year->off, julian);
}

gboolean
dt_work_calendar_add (DtWorkCalendar  *calendar,
                      const GDate     *from,
                      int              n,
                      GDate           *result,
                      GError         **error)
{
  Addition *known;
  gint64 key;
  GDate date;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (n < 0 || n > DT_WORKDAYS_MAX)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The number of working days must be between 0 and %d, not %d."),
                   DT_WORKDAYS_MAX, n);
      return FALSE;
    }

  /* Deadlines of many petitions share their start: remember each answer. */
  key = ((gint64) g_date_get_julian (from) << 12) | n;
  known = g_hash_table_lookup (calendar->additions, &key);
  if (known != NULL)
    {
      g_date_clear (result, 1);
      g_date_set_julian (result, known->julian);
      return TRUE;
    }

  /* Day by day in Julian numbers, as dt_work_calendar_is_working_day () decides: a GDate
   * would work out its day and month again at each step. */
  {
    guint32 julian = g_date_get_julian (from);
    guint32 year_last = 0;
    Year *year = NULL;

    for (int counted = 0; counted < n;)
      {
        gpointer key_julian;

        julian++;
        if (year == NULL || julian > year_last)
          {
            GDateYear number;

            g_date_clear (&date, 1);
            g_date_set_julian (&date, julian);
            number = g_date_get_year (&date);
            if (number > DT_YEAR_MAX)
              {
                g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                             _("%d working days after this date fall beyond the year %d."),
                             n, DT_YEAR_MAX);
                return FALSE;
              }
            year = get_year (calendar, number);
            g_date_set_dmy (&date, 31, G_DATE_DECEMBER, number);
            year_last = g_date_get_julian (&date);
          }
        key_julian = GUINT_TO_POINTER (julian);
        /* GLib's weekday of a Julian day: 1 is a Monday. */
        if (g_hash_table_contains (year->work, key_julian) ||
            ((julian - 1) % 7 + 1 < G_DATE_SATURDAY &&
             !g_hash_table_contains (year->off, key_julian)))
          counted++;
      }
    g_date_clear (&date, 1);
    g_date_set_julian (&date, julian);
  }

  known = g_new (Addition, 1);
  known->key = key;
  known->julian = g_date_get_julian (&date);
  g_hash_table_insert (calendar->additions, &known->key, known);
  *result = date;
  return TRUE;
}
