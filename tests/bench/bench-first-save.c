/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark (on demand): meson test -C _build --benchmark --verbose first-save-100k
 *
 * The first petition saved after a bulk load, as the window does it: a database made by the
 * demo (and a second one by importing the demo's export), closed, opened again on a new
 * connection, and one petition saved; then 500 more (DT_BENCH_SAVES; DT_BENCH_PETITIONS sets
 * the size of the demo). Figures: the search tables' segments before the save, the time of
 * the saves, and the sizes of the file and its write-ahead log before and after. A first
 * argument names an existing database to use instead (it is written to: give it a copy). */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "dt-bench-util.h"
#include "dt-codes.h"
#include "dt-database-private.h"
#include "dt-demo.h"
#include "dt-exchange.h"
#include "dt-records.h"
#include "dt-util.h"

static double
megabytes (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return 0;
  return buf.st_size / 1e6;
}

static double
wal_megabytes (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  return megabytes (wal);
}

/* Segments of an FTS5 table: its data rows other than the structure and the averages carry
 * the segment's id above bit 37 of their row id (FTS5_SEGMENT_ROWID in fts5Int.h). */
static gint64
segments (DtDatabase *db,
          const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (DISTINCT rowid >> 37) FROM %s_data "
                                          "WHERE rowid >> 37 > 0", table);
  sqlite3_stmt *stmt = _dt_database_prepare (db, sql, NULL);
  gint64 count = -1;

  g_assert (stmt != NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static double
save_one (DtDatabase *db,
          guint       i)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtPetition) petition = dt_petition_new ();
  gint64 t0;

  petition->code = dt_petition_next_code (db, 2026, &error);
  g_assert_no_error (error);
  petition->received = g_strdup ("2026-11-26");
  petition->channel = g_strdup ("direct");
  petition->petitioner = g_strdup_printf ("Trần Thị Bình %u", i);
  petition->village = g_strdup ("Thôn Đông");
  petition->field = g_strdup ("Đất đai");
  petition->summary = g_strdup ("Đề nghị sửa chữa đoạn đường liên thôn bị sụt lún");
  t0 = g_get_monotonic_time ();
  if (dt_petition_insert (db, petition, &error) == 0)
    g_error ("%s", error->message);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static void
first_saves (const char *label,
             const char *path,
             guint       n_saves)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
  double first, max = 0, total = 0;
  guint slow = 0, worst = 0;

  g_assert_no_error (error);
  g_print ("%s: %" G_GINT64_FORMAT " petitions; file %.1f MB, WAL %.1f MB; search segments: "
           "%" G_GINT64_FORMAT " folded, %" G_GINT64_FORMAT " exact\n", label,
           dt_database_count (db, "petitions", NULL), megabytes (path), wal_megabytes (path),
           segments (db, "petitions_fts"), segments (db, "petitions_exact_fts"));
  first = save_one (db, 0);
  g_print ("  first save %8.2f ms; then file %.1f MB, WAL %.1f MB\n", first, megabytes (path),
           wal_megabytes (path));
  for (guint i = 1; i <= n_saves; i++)
    {
      double ms = save_one (db, i);

      total += ms;
      slow += ms > 50;
      if (ms > max)
        {
          max = ms;
          worst = i;
        }
      if (i == 20 || i == n_saves)
        g_print ("  %u more saves: mean %.2f ms, max %.2f ms (save %u), %u over 50 ms; then "
                 "file %.1f MB, WAL %.1f MB\n", i, total / i, max, worst + 1, slow,
                 megabytes (path), wal_megabytes (path));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *demo_path = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *import_path = NULL;
  guint n = 100000;
  guint n_saves = 500;
  gint64 t0;

  g_setenv ("DOITHOAI_TODAY", "2026-11-26", FALSE);
  if (g_getenv ("DT_BENCH_SAVES") != NULL)
    n_saves = MAX (20, (guint) atoi (g_getenv ("DT_BENCH_SAVES")));
  if (argc > 1)
    {
      first_saves (argv[1], argv[1], n_saves);
      return 0;
    }
  if (g_getenv ("DT_BENCH_PETITIONS") != NULL)
    n = (guint) atoi (g_getenv ("DT_BENCH_PETITIONS"));

  dir = g_dir_make_tmp ("doithoai-bench-XXXXXX", &error);
  g_assert_no_error (error);
  demo_path = g_build_filename (dir, "demo.sqlite", NULL);
  export_path = g_build_filename (dir, "demo.json", NULL);
  import_path = g_build_filename (dir, "import.sqlite", NULL);

  {
    g_autoptr(DtDatabase) db = dt_database_open (demo_path, DT_DATABASE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    t0 = g_get_monotonic_time ();
    if (!dt_demo_generate (db, n, 1, &error))
      g_error ("%s", error->message);
    g_print ("demo of %u petitions: %.1f s\n", n, (g_get_monotonic_time () - t0) / 1e6);
    if (!dt_exchange_export_file (db, export_path, FALSE, &error))
      g_error ("%s", error->message);
  }
  {
    g_autoptr(DtDatabase) db = dt_database_open (import_path, DT_DATABASE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    t0 = g_get_monotonic_time ();
    if (!dt_exchange_import_file (db, export_path, FALSE, NULL, &error))
      g_error ("%s", error->message);
    g_print ("import of its export: %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
  }

  first_saves ("after the demo", demo_path, n_saves);
  first_saves ("after the import", import_path, n_saves);

  dt_bench_remove_database (demo_path, NULL);
  dt_bench_remove_database (import_path, NULL);
  g_remove (export_path);
  g_rmdir (dir);
  return 0;
}
