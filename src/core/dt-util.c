/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-util"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "dt-error.h"
#include "dt-util.h"

int
dt_strcmp_p (const char **a,
             const char **b)
{
  return strcmp (*a, *b);
}

static gboolean
parse_digits (const char *text,
              guint       n,
              guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (guint) (text[i] - '0');
    }
  return TRUE;
}

gboolean
dt_date_parse (const char *text,
               GDate      *date)
{
  guint y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m) ||
      !parse_digits (text + 8, 2, &d))
    return FALSE;
  if (y < DT_YEAR_MIN || y > DT_YEAR_MAX || m < 1 || m > 12 || d < 1 ||
      d > g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y))
    return FALSE;
  if (date != NULL)
    g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

gboolean
dt_date_is_valid (const char *text)
{
  return dt_date_parse (text, NULL);
}

char *
dt_date_to_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

char *
dt_date_to_display (const char *iso)
{
  GDate date;

  if (!dt_date_parse (iso, &date))
    return g_strdup (iso != NULL ? iso : "");
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&date), g_date_get_month (&date),
                          g_date_get_year (&date));
}

gboolean
dt_time_is_valid (const char *text)
{
  guint h, m;

  if (text == NULL || strlen (text) != 5 || text[2] != ':')
    return FALSE;
  return parse_digits (text, 2, &h) && parse_digits (text + 3, 2, &m) && h < 24 && m < 60;
}

void
dt_today (GDate *date)
{
  const char *forced = g_getenv ("DOITHOAI_TODAY");
  g_autoptr(GDateTime) now = NULL;

  if (forced != NULL && dt_date_parse (forced, date))
    return;
  now = g_date_time_new_now_local ();
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

char *
dt_today_iso (void)
{
  GDate today;

  dt_today (&today);
  return dt_date_to_iso (&today);
}

/* TRUE when TEXT is certainly in NFC already: only characters that no normalisation
 * changes (below the combining marks, Vietnamese precomposed letters, common punctuation). */
static gboolean
is_plainly_nfc (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0300 && !(c >= 0x1E00 && c <= 0x1EFF) && !(c >= 0x2010 && c <= 0x2027))
        return FALSE;
    }
  return TRUE;
}

char *
dt_utf8_nfc (const char *text)
{
  if (text == NULL)
    return NULL;
  return is_plainly_nfc (text) ? g_strdup (text) : g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
}

char *
dt_text_clean (const char *text)
{
  g_autofree char *normal = NULL;

  if (text == NULL)
    return NULL;
  const char *start;
  const char *end;

  normal = dt_utf8_nfc (text);
  if (normal == NULL)
    return NULL;

  /* Any Unicode space counts, the no-break space that word processors paste included. */
  start = normal;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *previous = g_utf8_prev_char (end);
      if (!g_unichar_isspace (g_utf8_get_char (previous)))
        break;
      end = previous;
    }
  if (end == start)
    return NULL;
  return g_strndup (start, (gsize) (end - start));
}

static gboolean
must_escape (gunichar c)
{
  /* C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional overrides
   * that make a terminal show text in another order than it is. */
  return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

char *
dt_text_quote (const char *text,
               gssize      length,
               guint       max_chars)
{
  g_autoptr(GString) out = NULL;
  const char *p;
  const char *end;
  guint n = 0;

  if (text == NULL)
    return g_strdup ("");
  end = text + (length < 0 ? strlen (text) : (gsize) length);
  out = g_string_sized_new (MIN ((gsize) (end - text), (gsize) max_chars * 2) + 8);
  for (p = text; p < end; n++)
    {
      gunichar c;

      if (n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guint) (guchar) *p);
          p++;
          continue;
        }
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (must_escape (c))
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
