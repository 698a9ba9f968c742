/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark (on demand): meson test -C _build --benchmark --verbose search-100k
 *
 * On a database of `doithoai-cli demo --petitions=100000` (made in a temporary folder when
 * none is given), times 200 varied searches of two and three words (names, places, phrases
 * of summaries, and words drawn at random, with marks or without) through
 * dt_search_petitions (), side by side with a bare FTS5 prefix query on the same index, and
 * the status of every petition as of today. Prints medians and 95th percentiles. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dt-bench-util.h"
#include "dt-database-private.h"
#include "dt-search.h"
#include "dt-status.h"
#include "dt-text.h"
#include "dt-util.h"

#define N_QUERIES 200
#define LIMIT 50

static const char * const surnames[] = {
  "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Bùi", "Dương", "Lý",
};
static const char * const middles[] = { "Văn", "Thị", "Đức", "Minh", "Thanh", "Xuân" };
static const char * const givens[] = {
  "An", "Bình", "Dũng", "Hà", "Hạnh", "Hương", "Lan", "Nam", "Tâm", "Yến", "Đạt", "Anh",
};
/* Runs of words as a person recalls them from a summary or an address. */
static const char * const phrases[] = {
  "giấy chứng nhận", "rác thải", "nhà văn hóa", "đường liên thôn", "hộ nghèo", "thôn Đông",
  "Nam Hà", "Hà Tĩnh", "Thạch Lạc", "kênh mương", "trộm cắp", "sốt xuất huyết", "giống lúa",
  "chiếu sáng", "trường mầm non", "Bắc Sơn", "tranh chấp đất", "trợ cấp", "Yên Lạc",
  "bảo hiểm", "xe quá tải", "cờ bạc", "thủy lợi", "Hòa Bình",
};
static const char * const words[] = {
  "nguyễn", "văn", "trần", "thị", "lê", "phạm", "hoàng", "minh", "hà", "hải", "đường", "thôn",
  "đông", "tây", "đất", "đai", "rác", "thải", "nước", "kênh", "hỗ", "trợ", "giấy", "chứng",
  "nhận", "hộ", "nghèo", "sửa", "chữa", "nhà", "điện", "chiếu", "sáng", "trường", "học", "y",
  "tế", "thuốc", "lúa", "giống", "cống", "trộm", "cắp", "xe", "chợ", "bình", "an", "tình",
  "trạng", "hạnh", "DƯƠNG", "NGUYỄN", "đề", "nghị", "kiến", "ngh", "tr", "ph",
};

/* Searches whose every hit a register would list. */
static const char * const everything[] = {
  "nguyen van an", "nguyễn văn", "ha tinh", "an", "thon dong",
};

#define PICK(rand, array) (array[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* Query I of the run: a mix of the ways the secretary types. */
static char *
make_query (GRand *rand,
            int    i)
{
  g_autofree char *query = NULL;

  switch (i % 5)
    {
    case 0:
      query = g_strdup_printf ("%s %s %s", PICK (rand, surnames), PICK (rand, middles),
                               PICK (rand, givens));
      break;
    case 1:
      query = g_strdup_printf ("%s %s", g_rand_boolean (rand) ? PICK (rand, surnames)
                                                              : PICK (rand, middles),
                               PICK (rand, givens));
      break;
    case 2:
      /* A phrase; one of two words, now and then with a third. */
      {
        const char *phrase = PICK (rand, phrases);
        g_auto(GStrv) split = dt_text_words (phrase);

        if (g_strv_length (split) == 2 && g_rand_boolean (rand))
          query = g_strdup_printf ("%s %s", phrase, PICK (rand, words));
        else
          query = g_strdup (phrase);
      }
      break;
    case 3:
      query = g_strdup_printf ("%s %s", PICK (rand, words), PICK (rand, words));
      break;
    default:
      query = g_strdup_printf ("%s %s %s", PICK (rand, words), PICK (rand, words),
                               PICK (rand, words));
      break;
    }
  {
    g_auto(GStrv) split = dt_text_words (query);
    g_assert (g_strv_length (split) == 2 || g_strv_length (split) == 3);
  }
  /* Half of them typed without marks, as a quick hand does. */
  if (g_rand_boolean (rand))
    return dt_text_fold (query);
  return g_steal_pointer (&query);
}

static void
report (const char *label,
        GArray     *times)
{
  g_array_sort (times, dt_bench_compare_doubles);
  g_print ("%-34s median %7.3f ms   p95 %7.3f ms   max %7.3f ms\n", label,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, (times->len * 95) / 100),
           g_array_index (times, double, times->len - 1));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) status = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (2026);
  guint total_hits = 0;
  GDate today;

  g_setenv ("DOITHOAI_TODAY", "2026-11-26", FALSE);
  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      gint64 start = g_get_monotonic_time ();

      path = dt_bench_make_demo (100000, &dir);
      g_print ("demo --petitions=100000 written in %.1f s\n",
               (g_get_monotonic_time () - start) / 1e6);
    }
  if (db == NULL)
    {
      db = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
      g_assert_no_error (error);
    }
  g_print ("%" G_GINT64_FORMAT " petitions in %s\n", dt_database_count (db, "petitions", NULL),
           path);

  /* Warm the page cache the same way for both. */
  g_clear_pointer (&error, g_error_free);
  dt_search_petitions (db, "nguyen van", LIMIT, NULL);

  for (int i = 0; i < N_QUERIES; i++)
    {
      g_autofree char *query = make_query (rand, i);
      g_autofree char *prefixes = NULL;
      g_autoptr(GPtrArray) hits = NULL;
      sqlite3_stmt *stmt;
      gint64 t0, t1, t2;
      double ms;

      t0 = g_get_monotonic_time ();
      hits = dt_search_petitions (db, query, LIMIT, &error);
      t1 = g_get_monotonic_time ();
      g_assert_no_error (error);
      total_hits += hits->len;

      /* The bare FTS5 query on the same index: the floor for any search. */
      dt_search_build_prefix_query (query, &prefixes, NULL);
      t2 = g_get_monotonic_time ();
      stmt = _dt_database_prepare_static (db, "SELECT rowid FROM petitions_fts "
                                              "WHERE petitions_fts MATCH ? "
                                              "ORDER BY rowid DESC LIMIT 50", NULL);
      sqlite3_bind_text (stmt, 1, prefixes, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        ;
      sqlite3_reset (stmt);
      ms = (g_get_monotonic_time () - t2) / 1000.0;
      g_array_append_val (bare, ms);
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (ours, ms);
      if (g_getenv ("BENCH_VERBOSE") != NULL)
        g_print ("%8.3f ms  %8.3f ms  %s\n", ms, g_array_index (bare, double, bare->len - 1),
                 query);
    }
  g_print ("%d queries of two and three words, %u hits shown in all (at most %d each)\n",
           N_QUERIES, total_hits, LIMIT);
  report ("search, ranked (dt_search_petitions)", ours);
  report ("bare FTS5 prefix MATCH, newest 50", bare);

  /* A register that lists every hit asks for all of them, best first. */
  for (guint i = 0; i < G_N_ELEMENTS (everything); i++)
    {
      g_autoptr(GArray) ids = NULL;
      gint64 t0 = g_get_monotonic_time ();

      ids = dt_search_petition_ids (db, everything[i], G_MAXUINT, &error);
      g_assert_no_error (error);
      g_print ("all %6u ids for “%s” in %.1f ms\n", ids->len, everything[i],
               (g_get_monotonic_time () - t0) / 1000.0);
    }

  dt_today (&today);
  for (int i = 0; i < 7; i++)
    {
      DtStatusCounts counts;
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      if (!dt_status_count_all (db, &today, &counts, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (status, ms);
      if (i == 0)
        g_print ("status of %u petitions as of today: %u open, %u overdue\n", counts.total,
                 counts.by_status[DT_STATUS_ASSIGNED] + counts.by_status[DT_STATUS_ESCALATED] +
                 counts.by_status[DT_STATUS_RECEIVED], counts.overdue);
    }
  report ("status of every petition (7 runs)", status);

  g_rand_free (rand);
  g_clear_object (&db);
  if (dir != NULL)
    dt_bench_remove_database (path, dir);
  return EXIT_SUCCESS;
}
