/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-period"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-error.h"
#include "dt-period.h"
#include "dt-util.h"

static const char * const roman[] = { "", "I", "II", "III", "IV" };

static void
set_month_range (DtPeriod *period,
                 int       first_month,
                 int       last_month)
{
  g_date_clear (&period->start, 1);
  g_date_clear (&period->end, 1);
  g_date_set_dmy (&period->start, 1, (GDateMonth) first_month, (GDateYear) period->year);
  g_date_set_dmy (&period->end,
                  g_date_get_days_in_month ((GDateMonth) last_month, (GDateYear) period->last_year),
                  (GDateMonth) last_month, (GDateYear) period->last_year);
}

static gboolean
check_year (int      year,
            GError **error)
{
  if (year < DT_YEAR_MIN || year > DT_YEAR_MAX)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The year %d is out of range: it must be between %d and %d."),
                   year, DT_YEAR_MIN, DT_YEAR_MAX);
      return FALSE;
    }
  return TRUE;
}

gboolean
dt_period_init (DtPeriod      *period,
                DtPeriodKind   kind,
                int            year,
                int            index,
                int            last_year,
                GError       **error)
{
  DtPeriod result = { .kind = kind, .year = year, .last_year = year, .index = 0 };

  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (kind < DT_N_PERIOD_KINDS && kind != DT_PERIOD_RANGE, FALSE);

  if (!check_year (year, error))
    return FALSE;

  switch (kind)
    {
    case DT_PERIOD_MONTH:
      if (index < 1 || index > 12)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("There is no month %d: months go from 01 to 12."), index);
          return FALSE;
        }
      result.index = index;
      set_month_range (&result, index, index);
      break;

    case DT_PERIOD_QUARTER:
      if (index < 1 || index > 4)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("There is no quarter %d: quarters go from Q1 to Q4."), index);
          return FALSE;
        }
      result.index = index;
      set_month_range (&result, 3 * index - 2, 3 * index);
      break;

    case DT_PERIOD_HALF:
      if (index < 1 || index > 2)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("There is no half year %d: the halves are H1 and H2."), index);
          return FALSE;
        }
      result.index = index;
      set_month_range (&result, 6 * index - 5, 6 * index);
      break;

    case DT_PERIOD_NINE_MONTHS:
      set_month_range (&result, 1, 9);
      break;

    case DT_PERIOD_YEAR:
      set_month_range (&result, 1, 12);
      break;

    case DT_PERIOD_YEARS:
      if (!check_year (last_year, error))
        return FALSE;
      if (last_year < year)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("The review %d..%d ends before it starts: write the first year "
                         "first, as in %d..%d."), year, last_year, last_year, year);
          return FALSE;
        }
      if (last_year - year + 1 > DT_PERIOD_MAX_YEARS)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("The review %d..%d covers %d years: at most %d are possible."),
                       year, last_year, last_year - year + 1, DT_PERIOD_MAX_YEARS);
          return FALSE;
        }
      result.last_year = last_year;
      set_month_range (&result, 1, 12);
      break;

    case DT_PERIOD_RANGE:
    case DT_N_PERIOD_KINDS:
    default:
      g_assert_not_reached ();
    }

  *period = result;
  return TRUE;
}

gboolean
dt_period_init_range (DtPeriod     *period,
                      const GDate  *from,
                      const GDate  *to,
                      GError      **error)
{
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (to != NULL && g_date_valid (to), FALSE);

  if (g_date_compare (from, to) > 0)
    {
      g_autofree char *from_shown = dt_date_format_display (from);
      g_autofree char *to_shown = dt_date_format_display (to);

      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The period starts on %s, after it ends on %s."), from_shown, to_shown);
      return FALSE;
    }
  memset (period, 0, sizeof *period);
  period->kind = DT_PERIOD_RANGE;
  period->year = g_date_get_year (from);
  period->last_year = g_date_get_year (to);
  period->start = *from;
  period->end = *to;
  return TRUE;
}

/* What was typed, as a message may show it: at most 80 characters, control characters and
 * bytes that are not UTF-8 escaped. */
static char *
quote (const char *text)
{
  return dt_text_quote (text, -1, 80);
}

static void
set_syntax_error (GError     **error,
                  const char  *typed)
{
  g_autofree char *text = quote (typed);

  g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
               _("“%s” is not a period. Write 2025-06 for a month, 2025-Q2 for a quarter, "
                 "2025-H1 for six months, 2025-9M for nine months, 2025 for a year, "
                 "2021..2025 for a review of several years, or 2025-04-01..2025-06-30 from "
                 "one day to another."), text);
}

/* A run of 1 to MAX digits making all of TEXT. */
static gboolean
parse_number (const char *text,
              guint       max,
              int        *value)
{
  gsize length = strlen (text);

  if (length == 0 || length > max)
    return FALSE;
  *value = 0;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }
  return TRUE;
}

static gboolean
parse_year (const char *text,
            int        *year)
{
  return strlen (text) == 4 && parse_number (text, 4, year);
}

static gboolean
parse_date_bound (const char  *whole,
                  const char  *text,
                  GDate       *date,
                  GError     **error)
{
  if (dt_date_parse (text, date))
    return TRUE;
  if (strlen (text) == 10 && text[4] == '-' && text[7] == '-')
    {
      g_autofree char *shown_text = quote (text);
      g_autofree char *shown_whole = quote (whole);

      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” in the period “%s” is not a real date between %d and %d."),
                   shown_text, shown_whole, DT_YEAR_MIN, DT_YEAR_MAX);
    }
  else
    set_syntax_error (error, whole);
  return FALSE;
}

gboolean
dt_period_parse (const char  *text,
                 DtPeriod    *period,
                 GError     **error)
{
  g_autofree char *clean = NULL;
  const char *dots;
  const char *dash;
  int year;

  g_return_val_if_fail (period != NULL, FALSE);

  clean = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*clean == '\0')
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("No period was given. Write 2025-06 for a month, 2025-Q2 for a quarter, "
                     "2025-H1 for six months, 2025-9M for nine months, 2025 for a year, "
                     "2021..2025 for a review of several years, or 2025-04-01..2025-06-30 "
                     "from one day to another."));
      return FALSE;
    }

  if ((dots = strstr (clean, "..")) != NULL)
    {
      g_autofree char *first = g_strstrip (g_strndup (clean, (gsize) (dots - clean)));
      g_autofree char *last = g_strstrip (g_strdup (dots + 2));
      int first_year, last_year;
      GDate from, to;

      if (parse_year (first, &first_year) && parse_year (last, &last_year))
        return dt_period_init (period, DT_PERIOD_YEARS, first_year, 0, last_year, error);
      if (strchr (first, '-') == NULL || strchr (last, '-') == NULL)
        {
          set_syntax_error (error, clean);
          return FALSE;
        }
      if (!parse_date_bound (clean, first, &from, error) ||
          !parse_date_bound (clean, last, &to, error))
        return FALSE;
      return dt_period_init_range (period, &from, &to, error);
    }

  if (parse_year (clean, &year))
    return dt_period_init (period, DT_PERIOD_YEAR, year, 0, year, error);

  dash = strchr (clean, '-');
  if (dash != NULL && dash - clean == 4)
    {
      g_autofree char *year_text = g_strndup (clean, 4);
      const char *part = dash + 1;
      int number;

      if (!parse_year (year_text, &year))
        {
          set_syntax_error (error, clean);
          return FALSE;
        }
      if ((part[0] == 'Q' || part[0] == 'q') && parse_number (part + 1, 2, &number))
        return dt_period_init (period, DT_PERIOD_QUARTER, year, number, year, error);
      if ((part[0] == 'H' || part[0] == 'h') && parse_number (part + 1, 2, &number))
        return dt_period_init (period, DT_PERIOD_HALF, year, number, year, error);
      if (g_ascii_strcasecmp (part, "9M") == 0)
        return dt_period_init (period, DT_PERIOD_NINE_MONTHS, year, 0, year, error);
      if (strlen (part) >= 2 && (part[strlen (part) - 1] == 'M' || part[strlen (part) - 1] == 'm'))
        {
          g_autofree char *shown = quote (clean);

          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("“%s”: the only report counted in months is 9M (January to "
                         "September); for six months write %d-H1."), shown, year);
          return FALSE;
        }
      if (parse_number (part, 2, &number))
        return dt_period_init (period, DT_PERIOD_MONTH, year, number, year, error);
      if (dt_date_is_valid (clean))
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("“%s” is a single day: for a period from one day to another write "
                         "%s..%s."), clean, clean, clean);
          return FALSE;
        }
    }

  set_syntax_error (error, clean);
  return FALSE;
}

void
dt_period_current (DtPeriodKind   kind,
                   const GDate   *today,
                   DtPeriod      *period)
{
  int year, month;
  gboolean ok = FALSE;

  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (period != NULL);

  year = g_date_get_year (today);
  month = g_date_get_month (today);
  switch (kind)
    {
    case DT_PERIOD_MONTH:
      ok = dt_period_init (period, kind, year, month, year, NULL);
      break;
    case DT_PERIOD_QUARTER:
      ok = dt_period_init (period, kind, year, (month + 2) / 3, year, NULL);
      break;
    case DT_PERIOD_HALF:
      ok = dt_period_init (period, kind, year, (month + 5) / 6, year, NULL);
      break;
    case DT_PERIOD_NINE_MONTHS:
    case DT_PERIOD_YEAR:
      ok = dt_period_init (period, kind, year, 0, year, NULL);
      break;
    case DT_PERIOD_YEARS:
      ok = dt_period_init (period, kind, MAX (DT_YEAR_MIN, year - 4), 0, year, NULL);
      break;
    case DT_PERIOD_RANGE:
      {
        GDate first;

        g_date_clear (&first, 1);
        g_date_set_dmy (&first, 1, (GDateMonth) month, (GDateYear) year);
        ok = dt_period_init_range (period, &first, today, NULL);
      }
      break;
    case DT_N_PERIOD_KINDS:
    default:
      g_return_if_reached ();
    }
  g_assert (ok);
}

void
dt_period_for_due_date (const GDate *due,
                        DtPeriod    *period)
{
  int year, month;
  gboolean ok;

  g_return_if_fail (due != NULL && g_date_valid (due));
  g_return_if_fail (period != NULL);

  year = g_date_get_year (due);
  month = g_date_get_month (due);
  switch (month)
    {
    case 1:
      ok = dt_period_init (period, DT_PERIOD_YEAR, MAX (DT_YEAR_MIN, year - 1), 0, 0, NULL);
      break;
    case 3:
      ok = dt_period_init (period, DT_PERIOD_QUARTER, year, 1, year, NULL);
      break;
    case 6:
      ok = dt_period_init (period, DT_PERIOD_HALF, year, 1, year, NULL);
      break;
    case 9:
      ok = dt_period_init (period, DT_PERIOD_NINE_MONTHS, year, 0, year, NULL);
      break;
    case 12:
      ok = dt_period_init (period, DT_PERIOD_YEAR, year, 0, year, NULL);
      break;
    default:
      ok = dt_period_init (period, DT_PERIOD_MONTH, year, month - 1, year, NULL);
      break;
    }
  g_assert (ok);
}

gboolean
dt_period_equal (const DtPeriod *a,
                 const DtPeriod *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->kind == b->kind && a->year == b->year && a->last_year == b->last_year &&
         a->index == b->index && g_date_compare (&a->start, &b->start) == 0 &&
         g_date_compare (&a->end, &b->end) == 0;
}

char *
dt_period_to_string (const DtPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  switch (period->kind)
    {
    case DT_PERIOD_MONTH:
      return g_strdup_printf ("%04d-%02d", period->year, period->index);
    case DT_PERIOD_QUARTER:
      return g_strdup_printf ("%04d-Q%d", period->year, period->index);
    case DT_PERIOD_HALF:
      return g_strdup_printf ("%04d-H%d", period->year, period->index);
    case DT_PERIOD_NINE_MONTHS:
      return g_strdup_printf ("%04d-9M", period->year);
    case DT_PERIOD_YEAR:
      return g_strdup_printf ("%04d", period->year);
    case DT_PERIOD_YEARS:
      return g_strdup_printf ("%04d..%04d", period->year, period->last_year);
    case DT_PERIOD_RANGE:
      {
        g_autofree char *from = dt_date_to_iso (&period->start);
        g_autofree char *to = dt_date_to_iso (&period->end);

        return g_strdup_printf ("%s..%s", from, to);
      }
    case DT_N_PERIOD_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
dt_period_title_vi (const DtPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  switch (period->kind)
    {
    case DT_PERIOD_MONTH:
      return g_strdup_printf ("Tháng %d năm %d", period->index, period->year);
    case DT_PERIOD_QUARTER:
      return g_strdup_printf ("Quý %s năm %d", roman[period->index], period->year);
    case DT_PERIOD_HALF:
      return g_strdup_printf (period->index == 1 ? "6 tháng đầu năm %d" : "6 tháng cuối năm %d",
                              period->year);
    case DT_PERIOD_NINE_MONTHS:
      return g_strdup_printf ("9 tháng năm %d", period->year);
    case DT_PERIOD_YEAR:
      return g_strdup_printf ("Năm %d", period->year);
    case DT_PERIOD_YEARS:
      return g_strdup_printf ("Giai đoạn %d - %d", period->year, period->last_year);
    case DT_PERIOD_RANGE:
      {
        g_autofree char *from = dt_date_format_display (&period->start);
        g_autofree char *to = dt_date_format_display (&period->end);

        return g_strdup_printf ("Từ ngày %s đến ngày %s", from, to);
      }
    case DT_N_PERIOD_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
dt_period_title (const DtPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  switch (period->kind)
    {
    case DT_PERIOD_MONTH:
      /* TRANSLATORS: a report's period: "Month 6 of 2025" */
      return g_strdup_printf (_("Month %d of %d"), period->index, period->year);
    case DT_PERIOD_QUARTER:
      /* TRANSLATORS: a report's period: "Quarter 2, 2025" */
      return g_strdup_printf (_("Quarter %d, %d"), period->index, period->year);
    case DT_PERIOD_HALF:
      return g_strdup_printf (period->index == 1 ? _("First half of %d") : _("Second half of %d"),
                              period->year);
    case DT_PERIOD_NINE_MONTHS:
      return g_strdup_printf (_("Nine months of %d"), period->year);
    case DT_PERIOD_YEAR:
      return g_strdup_printf (_("Year %d"), period->year);
    case DT_PERIOD_YEARS:
      return g_strdup_printf (_("Review %d–%d"), period->year, period->last_year);
    case DT_PERIOD_RANGE:
      {
        g_autofree char *from = dt_date_format_display (&period->start);
        g_autofree char *to = dt_date_format_display (&period->end);

        return g_strdup_printf (_("From %s to %s"), from, to);
      }
    case DT_N_PERIOD_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
dt_period_file_name (const DtPeriod *period)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (period != NULL, NULL);

  if (period->kind == DT_PERIOD_YEARS)
    return g_strdup_printf ("so-ket-%04d-%04d.xlsx", period->year, period->last_year);
  name = dt_period_to_string (period);
  /* No dots in the middle of a file name. */
  if (period->kind == DT_PERIOD_RANGE)
    {
      g_autofree char *from = dt_date_to_iso (&period->start);
      g_autofree char *to = dt_date_to_iso (&period->end);

      g_free (name);
      name = g_strdup_printf ("%s-den-%s", from, to);
    }
  return g_strdup_printf ("bao-cao-%s.xlsx", name);
}

guint
dt_period_get_n_years (const DtPeriod *period)
{
  g_return_val_if_fail (period != NULL, 0);

  return period->kind == DT_PERIOD_YEARS ? (guint) (period->last_year - period->year + 1) : 1;
}

void
dt_period_get_year (const DtPeriod *period,
                    guint           index,
                    DtPeriod       *year)
{
  g_return_if_fail (period != NULL && year != NULL);
  g_return_if_fail (index < dt_period_get_n_years (period));

  if (period->kind != DT_PERIOD_YEARS)
    {
      *year = *period;
      return;
    }
  dt_period_init (year, DT_PERIOD_YEAR, period->year + (int) index, 0, 0, NULL);
}

void
dt_period_default_as_of (const DtPeriod *period,
                         const GDate    *today,
                         GDate          *as_of)
{
  GDate now;

  g_return_if_fail (period != NULL && as_of != NULL);

  if (today == NULL)
    {
      dt_today (&now);
      today = &now;
    }
  *as_of = g_date_compare (today, &period->end) < 0 ? *today : period->end;
}

gboolean
dt_period_check_as_of (const DtPeriod  *period,
                       const GDate     *as_of,
                       GError         **error)
{
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), FALSE);

  if (g_date_compare (as_of, &period->start) < 0)
    {
      g_autofree char *as_of_shown = dt_date_format_display (as_of);
      g_autofree char *start_shown = dt_date_format_display (&period->start);

      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The report cannot be made as of %s: the period starts later, on %s."),
                   as_of_shown, start_shown);
      return FALSE;
    }
  return TRUE;
}
