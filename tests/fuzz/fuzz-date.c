/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dates as people type them (dt_date_parse_typed) and as files write them (dt_date_parse):
 * never a crash; a date accepted is real, within the years allowed, and reads back the same
 * from its ISO and its dd/mm/yyyy forms; a refusal says why in a short message. */
#include "config.h"

#include "dt-error.h"
#include "dt-util.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_string (data, size);
  g_autoptr(GError) error = NULL;
  GDate date, again;

  /* The program's today is fixed: two-digit years are read relative to it. */
  g_setenv ("DOITHOAI_TODAY", "2026-11-26", TRUE);

  if (dt_date_parse_typed (text, &date, &error))
    {
      g_autofree char *iso = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *typed_iso = NULL;

      FUZZ_CHECK (error == NULL, "success with an error");
      FUZZ_CHECK (g_date_valid (&date), "invalid date from “%s”", text);
      FUZZ_CHECK (g_date_get_year (&date) >= DT_YEAR_MIN && g_date_get_year (&date) <= DT_YEAR_MAX,
                  "year %d from “%s”", g_date_get_year (&date), text);
      iso = dt_date_to_iso (&date);
      FUZZ_CHECK (dt_date_parse (iso, &again) && g_date_compare (&date, &again) == 0,
                  "“%s” → %s does not read back", text, iso);
      shown = dt_date_to_display (iso);
      FUZZ_CHECK (dt_date_parse_typed (shown, &again, NULL) && g_date_compare (&date, &again) == 0,
                  "“%s” → %s → %s does not read back", text, iso, shown);
      typed_iso = dt_date_parse_typed_iso (text, NULL);
      FUZZ_CHECK (g_strcmp0 (typed_iso, iso) == 0, "%s ≠ %s", typed_iso, iso);
    }
  else
    {
      g_assert_true (error != NULL);
      FUZZ_CHECK (g_error_matches (error, DT_ERROR, DT_ERROR_INVALID), "%s: code %d",
                  g_quark_to_string (error->domain), error->code);
      fuzz_check_message (error, 1000);
    }

  if (dt_date_parse (text, &date))
    {
      g_autofree char *iso = dt_date_to_iso (&date);

      /* Strict ISO: what is accepted is written exactly so, and is valid typed too. */
      FUZZ_CHECK (g_str_equal (iso, text), "“%s” read as %s", text, iso);
      FUZZ_CHECK (dt_date_is_valid (text), "parse and is_valid disagree on “%s”", text);
      FUZZ_CHECK (dt_date_parse_typed (text, &again, NULL) && g_date_compare (&date, &again) == 0,
                  "ISO “%s” not read the same when typed", text);
    }
  else
    FUZZ_CHECK (!dt_date_is_valid (text), "parse and is_valid disagree on “%s”", text);
  return 0;
}
