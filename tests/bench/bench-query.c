/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark (on demand): meson test -C _build --benchmark --verbose query-100k
 *
 * On a database of `doithoai-cli demo --petitions=100000` (made in a temporary folder when
 * none is given as the first argument), times what the register and the follow-up list ask:
 * the ids in each order and for each single filter, a page of 50 rows by id, the follow-up
 * list (open petitions by deadline), and the memory of a DtPetitionList holding every id.
 * Then drops the indexes of migration 0003 and times the same queries again, side by side. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dt-bench-util.h"
#include "dt-database-private.h"
#include "dt-petition-list.h"
#include "dt-petition-query.h"
#include "dt-util.h"

#define RUNS 9

typedef struct
{
  const char       *label;
  DtPetitionOrder   order;
  void            (*setup) (DtPetitionFilter *filter);
} Case;

static void no_filter (DtPetitionFilter *f) { }
static void by_status (DtPetitionFilter *f) { f->statuses = 1u << DT_STATUS_ASSIGNED; }
static void by_field (DtPetitionFilter *f) { f->field = g_strdup ("Đất đai"); }
static void by_village (DtPetitionFilter *f) { f->village = g_strdup ("Thôn Trung Lương"); }
static void by_agency (DtPetitionFilter *f) { f->agency = g_strdup ("UBND xã"); }
static void by_channel (DtPetitionFilter *f) { f->channel = g_strdup ("front"); }
static void by_period (DtPetitionFilter *f)
{
  f->received_from = g_strdup ("2025-04-01");
  f->received_to = g_strdup ("2025-06-30");
}
static void by_session (DtPetitionFilter *f) { f->session = g_strdup ("HN-2025-01"); }
static void by_overdue (DtPetitionFilter *f) { f->overdue = TRUE; }
static void by_due_soon (DtPetitionFilter *f) { f->due_within = 7; }
static void by_confidential (DtPetitionFilter *f) { f->confidential = 1; }
static void by_duplicates (DtPetitionFilter *f) { f->duplicates = 1; }
static void by_concerns (DtPetitionFilter *f) { f->concerns = g_strdup ("official"); }
static void open_only (DtPetitionFilter *f) { f->statuses = DT_STATUSES_OPEN; }

static const Case cases[] = {
  { "all, by received date", DT_PETITION_ORDER_RECEIVED, no_filter },
  { "all, by code", DT_PETITION_ORDER_CODE, no_filter },
  { "all, by petitioner", DT_PETITION_ORDER_PETITIONER, no_filter },
  { "all, by deadline", DT_PETITION_ORDER_DEADLINE, no_filter },
  { "all, by days overdue", DT_PETITION_ORDER_DAYS_OVERDUE, no_filter },
  { "status: being resolved", DT_PETITION_ORDER_RECEIVED, by_status },
  { "field", DT_PETITION_ORDER_RECEIVED, by_field },
  { "village", DT_PETITION_ORDER_RECEIVED, by_village },
  { "agency", DT_PETITION_ORDER_RECEIVED, by_agency },
  { "channel", DT_PETITION_ORDER_RECEIVED, by_channel },
  { "received in a quarter", DT_PETITION_ORDER_RECEIVED, by_period },
  { "session", DT_PETITION_ORDER_RECEIVED, by_session },
  { "overdue", DT_PETITION_ORDER_RECEIVED, by_overdue },
  { "due within 7 days", DT_PETITION_ORDER_RECEIVED, by_due_soon },
  { "confidential", DT_PETITION_ORDER_RECEIVED, by_confidential },
  { "duplicates", DT_PETITION_ORDER_RECEIVED, by_duplicates },
  { "concerns an official", DT_PETITION_ORDER_RECEIVED, by_concerns },
  { "follow-up: open, by deadline", DT_PETITION_ORDER_DEADLINE, open_only },
};

static double
median (GArray *times)
{
  g_array_sort (times, dt_bench_compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

/* Median milliseconds of RUNS queries of case C; N gets the number of ids. */
static double
time_case (DtDatabase *db,
           const Case *c,
           guint      *n)
{
  g_autoptr(DtPetitionFilter) filter = dt_petition_filter_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  c->setup (filter);
  for (int run = 0; run < RUNS; run++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GArray) ids = dt_petition_query_ids (db, filter, c->order, &error);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;

      if (ids == NULL)
        g_error ("%s: %s", c->label, error->message);
      *n = ids->len;
      g_array_append_val (times, ms);
    }
  return median (times);
}

/* Resident memory in KiB, where the system tells it. */
static long
resident_kib (void)
{
#ifdef G_OS_UNIX
  g_autofree char *status = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "VmRSS:")) != NULL)
    return strtol (line + 6, NULL, 10);
#endif
  return -1;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  double with_index[G_N_ELEMENTS (cases)];
  guint counts[G_N_ELEMENTS (cases)];
  g_autoptr(GArray) page_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all = NULL;
  GRand *rand = g_rand_new_with_seed (2026);

  g_setenv ("DOITHOAI_TODAY", "2026-11-26", FALSE);
  path = argc > 1 ? g_strdup (argv[1]) : dt_bench_make_demo (100000, &dir);
  db = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_print ("%" G_GINT64_FORMAT " petitions in %s, %d runs each, medians\n",
           dt_database_count (db, "petitions", NULL), path, RUNS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    with_index[i] = time_case (db, &cases[i], &counts[i]);

  /* A page of the register: 50 rows by id, anywhere in the list. */
  all = dt_petition_query_ids (db, NULL, DT_PETITION_ORDER_RECEIVED, &error);
  g_assert_no_error (error);
  for (int run = 0; run < 200; run++)
    {
      guint start = g_rand_int_range (rand, 0, all->len - 50);
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GPtrArray) rows = dt_petition_rows_by_id (db, &g_array_index (all, gint64, start),
                                                          50, NULL, &error);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;

      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 50);
      g_array_append_val (page_times, ms);
    }

  {
    long before = resident_kib ();
    g_autoptr(DtPetitionList) list = dt_petition_list_new (db, &error);
    long after;
    guint position;

    g_assert_no_error (error);
    /* The first screen of rows, and the position index a selection uses. */
    for (guint i = 0; i < 40; i++)
      g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
    dt_petition_list_find (list, g_array_index (all, gint64, 5000), &position);
    after = resident_kib ();
    g_print ("DtPetitionList of %u ids, first screen shown and a row found: %ld KiB more "
             "resident memory (the ids alone are %zu KiB)\n",
             g_list_model_get_n_items (G_LIST_MODEL (list)), after - before,
             (gsize) g_list_model_get_n_items (G_LIST_MODEL (list)) * sizeof (gint64) / 1024);
  }

  /* The same queries without the indexes migration 0003 added, on a copy. */
  g_clear_object (&db);
  {
    g_autofree char *copy = g_strconcat (path, ".noindex", NULL);
    g_autoptr(DtDatabase) source = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);

    g_assert_no_error (error);
    if (!dt_database_backup (source, copy, &error))
      g_error ("%s", error->message);
    g_clear_object (&source);
    db = dt_database_open (copy, DT_DATABASE_OPEN_EXISTING, &error);
    g_assert_no_error (error);
    if (!_dt_database_exec (db, "DROP INDEX petitions_petitioner; DROP INDEX petitions_field;"
                                "DROP INDEX petitions_village; DROP INDEX petitions_agency;"
                                "DROP INDEX petitions_channel; DROP INDEX petitions_concerns;"
                                "DROP INDEX petitions_confidential; DROP INDEX petitions_duplicates;", &error))
      g_error ("%s", error->message);

    g_print ("%-32s %8s %12s %12s\n", "ids of", "rows", "0003 (ms)", "before (ms)");
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        guint n;
        double without = time_case (db, &cases[i], &n);

        g_print ("%-32s %8u %12.2f %12.2f\n", cases[i].label, counts[i], with_index[i], without);
      }
    g_clear_object (&db);
    g_remove (copy);
  }
  {
    double middle = median (page_times);

    g_print ("a page of 50 rows by id: median %.3f ms, max %.3f ms (200 pages)\n", middle,
             g_array_index (page_times, double, page_times->len - 1));
  }

  g_rand_free (rand);
  if (dir != NULL)
    dt_bench_remove_database (path, dir);
  return EXIT_SUCCESS;
}
