/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the benchmarks share: sorting their times, a demo database in a temporary folder, and
 * removing it afterwards. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "dt-database.h"
#include "dt-demo.h"

/* For g_array_sort () of doubles (times in milliseconds). */
static inline int
dt_bench_compare_doubles (gconstpointer a,
                          gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* A database of N demo petitions (`doithoai-cli demo`), in a new temporary folder whose name
 * is put in *DIR; the database's path. The database is closed again. */
static inline char *
dt_bench_make_demo (guint   n,
                    char  **dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = NULL;
  char *path;

  *dir = g_dir_make_tmp ("doithoai-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "bench.sqlite", NULL);
  db = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  if (!dt_demo_generate (db, n, 1, &error))
    g_error ("%s", error->message);
  return path;
}

/* The database at PATH with its working files; then DIR, its folder, unless NULL. */
static inline void
dt_bench_remove_database (const char *path,
                          const char *dir)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  if (dir != NULL)
    g_rmdir (dir);
}
