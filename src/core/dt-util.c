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

int
dt_int64_compare (const gint64 *a,
                  const gint64 *b)
{
  return *a < *b ? -1 : *a > *b;
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
dt_date_format_display (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

char *
dt_date_to_display (const char *iso)
{
  GDate date;

  if (!dt_date_parse (iso, &date))
    return g_strdup (iso != NULL ? iso : "");
  return dt_date_format_display (&date);
}

/* Reads a run of at most 4 ASCII digits; returns how many (0 when none, or too many). */
static guint
read_number (const char **p,
             guint       *value)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit ((*p)[n]))
    {
      if (++n > 4)
        return 0;
      *value = *value * 10 + (guint) ((*p)[n - 1] - '0');
    }
  *p += n;
  return n;
}

static gboolean
is_date_separator (char c)
{
  return c == '/' || c == '-' || c == '.';
}

/* People type "58" for 1958 and "26" for 2026: the year ending in those two digits that is at
 * most 20 years after this one (and not after the last year the program accepts). */
static guint
expand_two_digit_year (guint yy)
{
  GDate today;
  guint latest;
  guint year;

  dt_today (&today);
  latest = MIN (g_date_get_year (&today) + 20, DT_YEAR_MAX);
  year = latest - latest % 100 + yy;
  if (year > latest)
    year -= 100;
  return year;
}

static gboolean
set_typed_format_error (GError **error)
{
  g_set_error_literal (error, DT_ERROR, DT_ERROR_INVALID,
                       _("Type the date as day/month/year, for example 15/4/2025."));
  return FALSE;
}

gboolean
dt_date_parse_typed (const char  *text,
                     GDate       *date,
                     GError     **error)
{
  g_autofree char *clean = NULL;
  const char *p;
  guint first, second, third;
  guint n_first, n_second, n_third;
  guint d, m, y;
  char separator;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clean = dt_text_clean (text);
  if (clean == NULL)
    return set_typed_format_error (error);

  p = clean;
  n_first = read_number (&p, &first);
  separator = *p;
  if (n_first == 0 || !is_date_separator (separator))
    return set_typed_format_error (error);
  p++;
  n_second = read_number (&p, &second);
  if (n_second == 0 || n_second > 2 || *p != separator)
    return set_typed_format_error (error);
  p++;
  n_third = read_number (&p, &third);
  if (n_third == 0 || *p != '\0')
    return set_typed_format_error (error);

  if (n_first == 4 && separator == '-' && n_third <= 2)
    {
      y = first;
      m = second;
      d = third;
    }
  else if (n_first <= 2 && (n_third == 4 || n_third == 2))
    {
      d = first;
      m = second;
      y = n_third == 2 ? expand_two_digit_year (third) : third;
    }
  else
    return set_typed_format_error (error);

  if (m < 1 || m > 12)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("There is no month %u: type the date as day/month/year, for example "
                     "15/4/2025."), m);
      return FALSE;
    }
  if (y < DT_YEAR_MIN || y > DT_YEAR_MAX)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The year %u is out of range: type a year from %d to %d."), y,
                   DT_YEAR_MIN, DT_YEAR_MAX);
      return FALSE;
    }
  if (d < 1 || d > g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Month %u of %u has no day %u."), m, y, d);
      return FALSE;
    }

  if (date != NULL)
    g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

char *
dt_date_parse_typed_iso (const char  *text,
                         GError     **error)
{
  GDate date;

  if (!dt_date_parse_typed (text, &date, error))
    return NULL;
  return dt_date_to_iso (&date);
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
  /* Neither the walk below nor g_utf8_normalize () may be given anything else. */
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
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

typedef enum
{
  FILE_PROBLEM_MISSING,
  FILE_PROBLEM_FOLDER,
  FILE_PROBLEM_DENIED,
  FILE_PROBLEM_FULL,
  FILE_PROBLEM_READ_ONLY,
  FILE_PROBLEM_OTHER,
} FileProblem;

static FileProblem
file_problem (const GError *cause)
{
  if (cause->domain == G_FILE_ERROR)
    switch (cause->code)
      {
      case G_FILE_ERROR_NOENT:
      case G_FILE_ERROR_NOTDIR:
        return FILE_PROBLEM_MISSING;
      case G_FILE_ERROR_ISDIR:
        return FILE_PROBLEM_FOLDER;
      case G_FILE_ERROR_ACCES:
      case G_FILE_ERROR_PERM:
        return FILE_PROBLEM_DENIED;
      case G_FILE_ERROR_NOSPC:
        return FILE_PROBLEM_FULL;
      case G_FILE_ERROR_ROFS:
        return FILE_PROBLEM_READ_ONLY;
      default:
        return FILE_PROBLEM_OTHER;
      }
  if (cause->domain == G_IO_ERROR)
    switch (cause->code)
      {
      case G_IO_ERROR_NOT_FOUND:
      case G_IO_ERROR_NOT_DIRECTORY:
        return FILE_PROBLEM_MISSING;
      case G_IO_ERROR_IS_DIRECTORY:
      case G_IO_ERROR_WOULD_MERGE:
      case G_IO_ERROR_WOULD_RECURSE:
        return FILE_PROBLEM_FOLDER;
      case G_IO_ERROR_PERMISSION_DENIED:
        return FILE_PROBLEM_DENIED;
      case G_IO_ERROR_NO_SPACE:
        return FILE_PROBLEM_FULL;
      case G_IO_ERROR_READ_ONLY:
        return FILE_PROBLEM_READ_ONLY;
      default:
        return FILE_PROBLEM_OTHER;
      }
  return FILE_PROBLEM_OTHER;
}

/* GLib's messages name a temporary file and speak English where its translations are not
 * installed (Windows, minimal systems): the program says what happened to the file the
 * person named, in its own words. Only an unforeseen cause keeps GLib's text. */
void
dt_file_set_error (GError       **error,
                const char    *path,
                gboolean       writing,
                const GError  *cause)
{
  FileProblem problem = file_problem (cause);

  /* Windows refuses to open a folder as a file with "access denied". */
  if (problem != FILE_PROBLEM_MISSING && g_file_test (path, G_FILE_TEST_IS_DIR))
    problem = FILE_PROBLEM_FOLDER;

  switch (problem)
    {
    case FILE_PROBLEM_MISSING:
      if (writing)
        g_set_error (error, DT_ERROR, DT_ERROR_IO, _("The folder for “%s” does not exist."),
                     path);
      else
        g_set_error (error, DT_ERROR, DT_ERROR_IO, _("There is no file “%s”."), path);
      break;
    case FILE_PROBLEM_FOLDER:
      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” is a folder, not a file."), path);
      break;
    case FILE_PROBLEM_DENIED:
      if (writing)
        g_set_error (error, DT_ERROR, DT_ERROR_IO, _("You are not allowed to write “%s”."),
                     path);
      else
        g_set_error (error, DT_ERROR, DT_ERROR_IO, _("You are not allowed to read “%s”."),
                     path);
      break;
    case FILE_PROBLEM_FULL:
      g_set_error (error, DT_ERROR, DT_ERROR_IO,
                   _("The disk is full: “%s” could not be written."), path);
      break;
    case FILE_PROBLEM_READ_ONLY:
      g_set_error (error, DT_ERROR, DT_ERROR_IO,
                   _("“%s” is on a disk that cannot be written to."), path);
      break;
    case FILE_PROBLEM_OTHER:
    default:
      if (writing)
        g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” could not be written: %s"), path,
                     cause->message);
      else
        g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” could not be read: %s"), path,
                     cause->message);
      break;
    }
}

gboolean
dt_file_read (const char  *path,
              char       **contents,
              gsize       *length,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_get_contents (path, contents, length, &local_error))
    {
      dt_file_set_error (error, path, FALSE, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
dt_file_check_readable (const char  *path,
                        GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Opening a folder succeeds on some systems; reading it does not. */
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” is a folder, not a file."), path);
      return FALSE;
    }
  file = g_file_new_for_path (path);
  /* Looked at before it is opened: opening a pipe with no writer waits forever. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, NULL,
                            NULL);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_IO,
                   _("“%s” is not a regular file (it is a device or a pipe)."), path);
      return FALSE;
    }
  if (!(stream = g_file_read (file, NULL, &local_error)))
    {
      dt_file_set_error (error, path, FALSE, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
dt_file_check_writable (const char  *path,
                        GError     **error)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” is a folder, not a file."), path);
      return FALSE;
    }
  folder = g_path_get_dirname (path);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("The folder for “%s” does not exist."), path);
      return FALSE;
    }
  return TRUE;
}

/* The file's identity, or NULL when it does not exist, cannot be looked at, or its file
 * system gives no file numbers (GLib's id then ends in ":0", the same for every file: some
 * network shares): the caller then compares names. */
static char *
file_identity (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ID_FILE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  const char *id = info != NULL ? g_file_info_get_attribute_string (info,
                                                                    G_FILE_ATTRIBUTE_ID_FILE)
                                : NULL;

  if (id == NULL || *id == '\0' || g_str_has_suffix (id, ":0"))
    return NULL;
  return g_strdup (id);
}

static gboolean
same_name (const char *a,
           const char *b)
{
#if defined(G_OS_WIN32) || defined(__APPLE__)
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  g_autofree char *na = g_utf8_normalize (fa, -1, G_NORMALIZE_NFC);
  g_autofree char *nb = g_utf8_normalize (fb, -1, G_NORMALIZE_NFC);

  return na != NULL && nb != NULL ? g_str_equal (na, nb) : g_str_equal (a, b);
#else
  return g_str_equal (a, b);
#endif
}

gboolean
dt_file_same (const char *a,
              const char *b)
{
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  id_a = file_identity (a);
  id_b = file_identity (b);
  if (id_a != NULL || id_b != NULL)
    return id_a != NULL && id_b != NULL && g_str_equal (id_a, id_b);

  /* Neither exists (or neither has a file number): the same name in the same folder. */
  {
    g_autofree char *absolute_a = g_canonicalize_filename (a, NULL);
    g_autofree char *absolute_b = g_canonicalize_filename (b, NULL);
    g_autofree char *name_a = g_path_get_basename (absolute_a);
    g_autofree char *name_b = g_path_get_basename (absolute_b);
    g_autofree char *folder_a = g_path_get_dirname (absolute_a);
    g_autofree char *folder_b = g_path_get_dirname (absolute_b);
    g_autofree char *folder_id_a = NULL;
    g_autofree char *folder_id_b = NULL;

    if (!same_name (name_a, name_b))
      return FALSE;
    folder_id_a = file_identity (folder_a);
    folder_id_b = file_identity (folder_b);
    if (folder_id_a != NULL && folder_id_b != NULL)
      return g_str_equal (folder_id_a, folder_id_b);
    /* Folders that do not exist either: nothing can be written there anyway. */
    return same_name (folder_a, folder_b);
  }
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
