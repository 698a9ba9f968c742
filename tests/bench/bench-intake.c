/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark (on demand): meson test -C _build --benchmark --verbose intake-100k
 *
 * On a database of `doithoai-cli demo --petitions=100000` (made in a temporary folder when
 * none is given as the first argument), times what the intake and follow-up tabs ask of the
 * core besides the register's queries (bench-query): the likely duplicates of a petition
 * being typed, word by word, as the form asks while the secretary types; what each agency
 * owes; saving a draft; saving a petition. Figures: median and 95th percentile, ms. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dt-bench-util.h"
#include "dt-database-private.h"
#include "dt-draft.h"
#include "dt-followup.h"
#include "dt-similar.h"
#include "dt-util.h"

static void
report (const char *label,
        GArray     *times)
{
  g_array_sort (times, dt_bench_compare_doubles);
  g_print ("%-58s median %6.2f ms, p95 %6.2f ms, max %6.2f ms (%u runs)\n", label,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, (times->len * 95) / 100),
           g_array_index (times, double, times->len - 1), times->len);
}

#define TIME(times, statement)                                          \
  G_STMT_START {                                                        \
    gint64 t0_ = g_get_monotonic_time ();                               \
    statement;                                                          \
    double ms_ = (g_get_monotonic_time () - t0_) / 1000.0;              \
    g_array_append_val (times, ms_);                                    \
  } G_STMT_END

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GArray) similar_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) draft_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) save_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) codes = NULL;
  guint found = 0;

  g_setenv ("DOITHOAI_TODAY", "2026-11-26", FALSE);
  path = argc > 1 ? g_strdup (argv[1]) : dt_bench_make_demo (100000, &dir);
  db = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_print ("%" G_GINT64_FORMAT " petitions in %s\n",
           dt_database_count (db, "petitions", NULL), path);

  /* Twenty petitions of the demo typed again, one more word at a time, as the form asks. */
  codes = dt_petition_list_codes (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(DtPetition) stored = dt_petition_load (db, codes[g_strv_length (codes) - 1 -
                                                                 i * 997], &error);
      g_autoptr(DtPetition) typed = dt_petition_new ();
      g_auto(GStrv) words = NULL;
      g_autoptr(GString) summary = g_string_new (NULL);

      g_assert_no_error (error);
      typed->received = g_strdup (stored->received);
      typed->petitioner = g_strdup (stored->petitioner);
      typed->village = g_strdup (stored->village);
      typed->field = g_strdup (stored->field);
      words = g_strsplit (stored->summary, " ", -1);
      for (guint w = 0; words[w] != NULL; w++)
        {
          g_autoptr(GPtrArray) similar = NULL;

          g_string_append_printf (summary, "%s%s", w > 0 ? " " : "", words[w]);
          g_free (typed->summary);
          typed->summary = g_strdup (summary->str);
          TIME (similar_times, similar = dt_petition_find_similar (db, typed, 5, &error));
          g_assert_no_error (error);
          if (words[w + 1] == NULL && similar->len > 0)
            found++;
        }
    }
  report ("likely duplicates of a petition being typed", similar_times);
  g_print ("  a likely duplicate found for %u of 20 fully typed copies\n", found);

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GPtrArray) loads = NULL;

      /* The rules are read once per connection; a change of the unit drops them. */
      TIME (load_times, loads = dt_followup_agency_loads (db, NULL, 7, &error));
      g_assert_no_error (error);
    }
  report ("open petitions by agency (overdue, due within 7 days)", load_times);

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(DtDraft) draft = dt_draft_new ("bench", NULL);
      g_autofree char *summary = g_strdup_printf ("Đề nghị sửa đường lần %u", i);

      dt_draft_set (draft, "summary", summary);
      dt_draft_set (draft, "petitioner", "Trần Thị Bình");
      TIME (draft_times, dt_draft_save (db, draft, &error));
      g_assert_no_error (error);
    }
  dt_draft_discard (db, "bench", NULL);
  report ("saving a draft", draft_times);

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(DtPetition) petition = dt_petition_new ();

      petition->code = g_strdup_printf ("BENCH-%04u", i);
      petition->received = g_strdup ("2026-11-26");
      petition->channel = g_strdup ("direct");
      petition->petitioner = g_strdup ("Trần Thị Bình");
      petition->village = g_strdup ("Thôn Đông");
      petition->field = g_strdup ("Đất đai");
      petition->summary = g_strdup ("Đề nghị sửa chữa đoạn đường liên thôn bị sụt lún");
      TIME (save_times, dt_petition_insert (db, petition, &error));
      g_assert_no_error (error);
    }
  report ("saving a new petition", save_times);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *code = g_strdup_printf ("BENCH-%04u", i);
      dt_petition_delete (db, code, NULL);
    }

  g_clear_object (&db);
  if (dir != NULL)
    dt_bench_remove_database (path, dir);
  return 0;
}
