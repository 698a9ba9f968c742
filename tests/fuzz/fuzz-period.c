/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Report periods as typed (dt_period_parse): never a crash; a period accepted starts no later
 * than it ends, spans at most the years allowed, reads back the same from its own text, and
 * has titles and a file name in UTF-8; a refusal says why in a short message. */
#include "config.h"

#include "dt-error.h"
#include "dt-period.h"
#include "dt-util.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_string (data, size);
  g_autoptr(GError) error = NULL;
  DtPeriod period, again;

  g_setenv ("DOITHOAI_TODAY", "2026-11-26", TRUE);

  if (dt_period_parse (text, &period, &error))
    {
      g_autofree char *written = dt_period_to_string (&period);
      g_autofree char *title = dt_period_title (&period);
      g_autofree char *title_vi = dt_period_title_vi (&period);
      g_autofree char *file = dt_period_file_name (&period);
      guint n_years = dt_period_get_n_years (&period);
      GDate as_of;

      FUZZ_CHECK (g_date_valid (&period.start) && g_date_valid (&period.end), "“%s”", text);
      FUZZ_CHECK (g_date_compare (&period.start, &period.end) <= 0, "“%s” ends before it starts",
                  text);
      FUZZ_CHECK (n_years >= 1 && n_years <= DT_PERIOD_MAX_YEARS, "“%s”: %u years", text, n_years);
      for (guint i = 0; i < n_years; i++)
        {
          DtPeriod year;

          dt_period_get_year (&period, i, &year);
          FUZZ_CHECK (g_date_compare (&year.start, &year.end) <= 0, "year %u of “%s”", i, text);
        }
      FUZZ_CHECK (dt_period_parse (written, &again, NULL) && dt_period_equal (&period, &again),
                  "“%s” → “%s” does not read back", text, written);
      FUZZ_CHECK (g_utf8_validate (title, -1, NULL) && g_utf8_validate (title_vi, -1, NULL) &&
                  g_utf8_validate (file, -1, NULL), "“%s”", text);
      FUZZ_CHECK (strchr (file, '/') == NULL && strchr (file, '\\') == NULL,
                  "file name “%s” of “%s”", file, text);
      dt_period_default_as_of (&period, NULL, &as_of);
      FUZZ_CHECK (g_date_valid (&as_of), "as of of “%s”", text);
    }
  else
    {
      FUZZ_CHECK (g_error_matches (error, DT_ERROR, DT_ERROR_INVALID), "“%s”: %s code %d", text,
                  error != NULL ? g_quark_to_string (error->domain) : "no error",
                  error != NULL ? error->code : -1);
      fuzz_check_message (error, 1000);
    }
  return 0;
}
