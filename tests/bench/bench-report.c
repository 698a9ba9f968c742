/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark (on demand): meson test -C _build --benchmark --verbose report-100k
 *
 * The annual report on `doithoai-cli demo --petitions=100000` (made in a temporary folder
 * when no database is given as the first argument), side by side in one run with a bare
 * libxlsxwriter program writing the same cells from memory (the physical limit of the
 * library): time, peak memory of the report alone (in a process of its own), and how long a
 * main loop waited at most while a worker thread wrote the report, as the window does. */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <xlsxwriter.h>
#ifdef G_OS_UNIX
# include <sys/resource.h>
#endif

#include "dt-database-private.h"
#include "dt-demo.h"
#include "dt-records.h"
#include "dt-report-private.h"
#include "dt-util.h"

#define N_PETITIONS 100000
#define YEAR "2025"

/* The peak resident memory of this process (KiB). VmHWM first: ru_maxrss carries the peak of
 * the parent over fork and exec. */
static long
peak_memory_kib (void)
{
#ifdef G_OS_UNIX
  g_autofree char *status = NULL;
  struct rusage usage;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *line = strstr (status, "VmHWM:");

      if (line != NULL)
        return strtol (line + strlen ("VmHWM:"), NULL, 10);
    }

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    return usage.ru_maxrss;
#endif
  return -1;
}

/* CPU time of this process so far (user and system), in seconds; wall time is at the
 * mercy of whatever else the machine runs. */
static double
cpu_seconds (void)
{
#ifdef G_OS_UNIX
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
#endif
  return 0;
}

/* The child: the report alone, timed, with its peak memory. */
static int
run_report (const char *db_path,
            const char *out_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = dt_database_open (db_path, DT_DATABASE_OPEN_EXISTING, &error);
  DtPeriod period;
  GDate as_of;
  gint64 start;
  double cpu;

  g_assert_no_error (error);
  dt_period_parse (YEAR, &period, NULL);
  dt_period_default_as_of (&period, NULL, &as_of);
  if (g_getenv ("BENCH_VERBOSE") != NULL)
    g_printerr ("peak memory after opening the database: %ld KiB\n", peak_memory_kib ());
  cpu = cpu_seconds ();
  start = g_get_monotonic_time ();
  if (!dt_report_write_file (db, &period, &as_of, out_path, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  g_print ("%.3f %.3f %ld\n", (g_get_monotonic_time () - start) / 1e6, cpu_seconds () - cpu,
           peak_memory_kib ());
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------------
 * The bare program: the same cells, already in memory
 * ------------------------------------------------------------------------------------------ */

typedef enum { CELL_TEXT, CELL_NUMBER, CELL_DATE, CELL_BLANK } CellKind;

typedef struct
{
  CellKind kind;
  char    *text;
  double   number;
  char     date[11];
} Cell;

typedef struct
{
  GArray *cells;     /* of Cell */
  guint   n_columns;
} Table;

static void
add_text (Table *t, const char *text)
{
  Cell c = { text != NULL ? CELL_TEXT : CELL_BLANK, g_strdup (text) };
  g_array_append_val (t->cells, c);
}

static void
add_number (Table *t, double number)
{
  Cell c = { CELL_NUMBER, NULL, number };
  g_array_append_val (t->cells, c);
}

static void
add_date (Table *t, const char *iso)
{
  Cell c = { iso != NULL ? CELL_DATE : CELL_BLANK };
  if (iso != NULL)
    g_strlcpy (c.date, iso, sizeof c.date);
  g_array_append_val (t->cells, c);
}

typedef struct
{
  Table sessions;
  Table petitions;
  guint n;
} Collect;

static gboolean
collect_session_cb (const DtReportSession  *s,
                    gpointer                user_data,
                    GError                **error)
{
  Collect *c = user_data;
  Table *t = &c->sessions;

  add_number (t, t->cells->len / 14 + 1);
  add_text (t, s->code);
  add_text (t, dt_choice_label_vi (DT_RECORD_SESSION, "kind", s->kind));
  add_date (t, s->date);
  add_text (t, s->location);
  add_text (t, s->topic);
  add_text (t, s->chair);
  add_text (t, dt_choice_label_vi (DT_RECORD_SESSION, "status", s->status));
  add_number (t, s->attendance != DT_NO_INT ? s->attendance : 0);
  add_number (t, s->petitions);
  add_date (t, s->notice_date);
  add_text (t, s->notice == 1 ? "Đúng hạn" : "Chậm");
  add_date (t, s->conclusion_date);
  add_text (t, s->conclusion == 1 ? "Đúng hạn" : "Chậm");
  return TRUE;
}

static gboolean
collect_petition_cb (const DtReportPetition  *p,
                     gpointer                 user_data,
                     GError                 **error)
{
  Collect *c = user_data;
  Table *t = &c->petitions;

  add_number (t, ++c->n);
  add_text (t, p->code);
  add_date (t, p->received);
  add_text (t, dt_choice_label_vi (DT_RECORD_PETITION, "channel", p->channel));
  add_text (t, p->confidential ? "(bảo mật)" : p->petitioner);
  add_text (t, p->village);
  add_text (t, p->field);
  add_text (t, p->summary);
  add_text (t, p->agency);
  add_date (t, p->assigned_date);
  add_date (t, p->deadline);
  add_text (t, _dt_report_category_label_vi (p->category));
  add_date (t, p->closed_date);
  add_text (t, p->duplicate_of);
  return TRUE;
}

static void
collect_overdue (DtDatabase *db,
                 DtReport   *report,
                 Table      *t)
{
  guint n_ids;
  const gint64 *ids = _dt_report_get_overdue_ids (report, &n_ids);
  sqlite3_stmt *stmt = _dt_database_prepare_static (db,
    "SELECT p.code, p.received, p.petitioner, v.name, f.name, p.summary, a.name, "
    "       p.assigned_date, dt_deadline (p.assigned_date, p.deadline) "
    "FROM petitions p LEFT JOIN villages v ON v.id = p.village_id "
    "LEFT JOIN fields f ON f.id = p.field_id LEFT JOIN agencies a ON a.id = p.agency_id "
    "WHERE p.id = ?", NULL);

  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      add_number (t, i + 1);
      add_text (t, (const char *) sqlite3_column_text (stmt, 0));
      add_date (t, (const char *) sqlite3_column_text (stmt, 1));
      for (int col = 2; col <= 6; col++)
        add_text (t, (const char *) sqlite3_column_text (stmt, col));
      add_date (t, (const char *) sqlite3_column_text (stmt, 7));
      add_date (t, (const char *) sqlite3_column_text (stmt, 8));
      add_number (t, 100);
      sqlite3_reset (stmt);
    }
}

static void
write_table (lxw_worksheet *ws,
             const Table   *t,
             lxw_format    *text,
             lxw_format    *number,
             lxw_format    *date)
{
  for (guint i = 0; i < t->cells->len; i++)
    {
      const Cell *c = &g_array_index (t->cells, Cell, i);
      lxw_row_t row = 9 + i / t->n_columns;
      lxw_col_t col = i % t->n_columns;
      lxw_datetime dt = { 0 };

      switch (c->kind)
        {
        case CELL_TEXT:
          worksheet_write_string (ws, row, col, c->text, text);
          break;
        case CELL_NUMBER:
          worksheet_write_number (ws, row, col, c->number, number);
          break;
        case CELL_DATE:
          sscanf (c->date, "%d-%d-%d", &dt.year, &dt.month, &dt.day);
          worksheet_write_datetime (ws, row, col, &dt, date);
          break;
        case CELL_BLANK:
        default:
          worksheet_write_blank (ws, row, col, text);
          break;
        }
    }
}

static double
write_bare (const char  *path,
            const Table *sessions,
            const Table *petitions,
            const Table *overdue,
            double      *cpu)
{
  double cpu_start = cpu_seconds ();
  g_autofree char *tmpdir = g_strdup (g_get_tmp_dir ());
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = tmpdir,
                                   .use_zip64 = LXW_TRUE };
  gint64 start = g_get_monotonic_time ();
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_format *text = workbook_add_format (wb);
  lxw_format *number = workbook_add_format (wb);
  lxw_format *date = workbook_add_format (wb);
  lxw_worksheet *summary;

  format_set_font_name (text, "Times New Roman");
  format_set_border (text, LXW_BORDER_THIN);
  format_set_text_wrap (text);
  format_set_font_name (number, "Times New Roman");
  format_set_border (number, LXW_BORDER_THIN);
  format_set_num_format (number, "#,##0");
  format_set_font_name (date, "Times New Roman");
  format_set_border (date, LXW_BORDER_THIN);
  format_set_num_format (date, "dd/mm/yyyy");

  summary = workbook_add_worksheet (wb, "Tổng hợp");
  for (guint i = 0; i < 20; i++)
    {
      worksheet_write_string (summary, 10 + i, 1, "Chỉ tiêu", text);
      worksheet_write_number (summary, 10 + i, 2, i, number);
    }
  write_table (workbook_add_worksheet (wb, "Hội nghị"), sessions, text, number, date);
  write_table (workbook_add_worksheet (wb, "Ý kiến, kiến nghị"), petitions, text, number, date);
  write_table (workbook_add_worksheet (wb, "Quá hạn"), overdue, text, number, date);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  *cpu = cpu_seconds () - cpu_start;
  return (g_get_monotonic_time () - start) / 1e6;
}

/* What flushing a written file to the disk costs, which the report does and the bare program
 * does not. */
static double
fsync_seconds (const char *path)
{
  gint64 start = g_get_monotonic_time ();
  int fd = g_open (path, O_RDWR, 0);

  g_assert_cmpint (fd, >=, 0);
  g_fsync (fd);
  g_close (fd, NULL);
  return (g_get_monotonic_time () - start) / 1e6;
}

/* ------------------------------------------------------------------------------------------
 * A main loop beside the worker, as the window has
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  DtDatabase *db;          /* for its path only */
  const char *out;
  gboolean    done;
  double      seconds;
  gint64      last_tick;
  gint64      longest;
  guint       over_50ms;
  guint       progress_updates;
  GMainContext *context;
} Loop;

static gboolean
progress_idle (gpointer user_data)
{
  Loop *loop = user_data;

  loop->progress_updates++;
  return G_SOURCE_REMOVE;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Loop *loop = user_data;
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, progress_idle, loop, NULL);
  g_source_attach (source, loop->context);
  g_source_unref (source);
}

static gpointer
worker (gpointer user_data)
{
  Loop *loop = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = dt_database_open_another (loop->db, &error);
  gint64 start = g_get_monotonic_time ();
  DtPeriod period;
  GDate as_of;

  g_assert_no_error (error);
  dt_period_parse (YEAR, &period, NULL);
  dt_period_default_as_of (&period, NULL, &as_of);
  if (!dt_report_write_file (db, &period, &as_of, loop->out, NULL, progress_cb, loop, &error))
    g_error ("%s", error->message);
  loop->seconds = (g_get_monotonic_time () - start) / 1e6;
  g_atomic_int_set (&loop->done, TRUE);
  g_main_context_wakeup (loop->context);
  return NULL;
}

static gboolean
tick_cb (gpointer user_data)
{
  Loop *loop = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - loop->last_tick;

  loop->longest = MAX (loop->longest, gap);
  loop->over_50ms += gap > 50000;
  loop->last_tick = now;
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *child_out = NULL;
  g_autofree char *self = NULL;
  g_autoptr(DtReport) report = NULL;
  Collect collect = { { g_array_new (FALSE, FALSE, sizeof (Cell)), 14 },
                      { g_array_new (FALSE, FALSE, sizeof (Cell)), 14 } };
  Table overdue = { g_array_new (FALSE, FALSE, sizeof (Cell)), 11 };
  DtReportScan scan = { collect_session_cb, collect_petition_cb, NULL, &collect, 0, 1 };
  DtPeriod period;
  GDate as_of;

  g_setenv ("DOITHOAI_TODAY", "2026-11-26", FALSE);
  if (argc == 4 && g_str_equal (argv[1], "--report"))
    return run_report (argv[2], argv[3]);

  dir = g_dir_make_tmp ("doithoai-bench-report-XXXXXX", &error);
  g_assert_no_error (error);
  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      gint64 start = g_get_monotonic_time ();

      path = g_build_filename (dir, "bench.sqlite", NULL);
      db = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      if (!dt_demo_generate (db, N_PETITIONS, 1, &error))
        g_error ("%s", error->message);
      g_print ("demo --petitions=%d written in %.1f s\n", N_PETITIONS,
               (g_get_monotonic_time () - start) / 1e6);
    }
  if (db == NULL)
    {
      db = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
      g_assert_no_error (error);
    }
  ours = g_build_filename (dir, "ours.xlsx", NULL);
  bare = g_build_filename (dir, "bare.xlsx", NULL);
  child_out = g_build_filename (dir, "child.xlsx", NULL);

  /* The cells, gathered once through the report's own scan (not timed). */
  dt_period_parse (YEAR, &period, NULL);
  dt_period_default_as_of (&period, NULL, &as_of);
  report = _dt_report_compute_scan (db, &period, &as_of, &scan, NULL, &error);
  g_assert_no_error (error);
  collect_overdue (db, report, &overdue);
  g_print ("annual report %s on %" G_GINT64_FORMAT " petitions: %u received in the year, "
           "%u sessions, %u overdue as of the end of the year; %u cells in the lists\n", YEAR,
           dt_database_count (db, "petitions", NULL), collect.n,
           collect.sessions.cells->len / 14, overdue.cells->len / 11,
           collect.sessions.cells->len + collect.petitions.cells->len + overdue.cells->len);

  /* The figures alone, without a workbook. */
  {
    double best = G_MAXDOUBLE;

    for (int round = 0; round < 3; round++)
      {
        gint64 start = g_get_monotonic_time ();
        g_autoptr(DtReport) figures = dt_report_compute (db, &period, &as_of, NULL, &error);

        g_assert_no_error (error);
        g_assert_nonnull (figures);
        best = MIN (best, (g_get_monotonic_time () - start) / 1e6);
      }
    g_print ("figures alone (dt_report_compute) %6.3f s\n", best);
  }

  /* Warm the page cache for both, then five rounds each, one after the other; the best of
   * each is kept, the machine being shared. */
  self = g_strdup (argv[0]);
  {
    double bare_seconds = G_MAXDOUBLE, bare_cpu = G_MAXDOUBLE, flush = G_MAXDOUBLE;
    double report_seconds = G_MAXDOUBLE, report_cpu = G_MAXDOUBLE;
    long report_kib = -1;
    GStatBuf a, b;

    for (int round = 0; round < 5; round++)
      {
        const char *child_argv[] = { self, "--report", path, child_out, NULL };
        g_autofree char *out = NULL;
        int wait_status;
        double seconds, cpu;
        long kib;

        seconds = write_bare (bare, &collect.sessions, &collect.petitions, &overdue, &cpu);
        bare_seconds = MIN (bare_seconds, seconds);
        bare_cpu = MIN (bare_cpu, cpu);
        flush = MIN (flush, fsync_seconds (bare));
        g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                      &wait_status, &error);
        g_assert_no_error (error);
        g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
        g_assert_cmpint (sscanf (out, "%lf %lf %ld", &seconds, &cpu, &kib), ==, 3);
        report_seconds = MIN (report_seconds, seconds);
        report_cpu = MIN (report_cpu, cpu);
        report_kib = MAX (report_kib, kib);
      }
    g_stat (child_out, &a);
    g_stat (bare, &b);
    g_print ("DoiThoai report      %6.3f s wall  %6.3f s CPU   peak memory %5.1f MiB (the whole "
             "process)   %6.1f KiB file\n", report_seconds, report_cpu, report_kib / 1024.0,
             a.st_size / 1024.0);
    g_print ("bare libxlsxwriter   %6.3f s wall  %6.3f s CPU   (the same cells from memory)"
             "              %6.1f KiB file\n", bare_seconds, bare_cpu, b.st_size / 1024.0);
    g_print ("ratio                %6.2fx wall   %5.2fx CPU   (target <= 1.30x; peak memory "
             "target <= 80 MiB)\n", report_seconds / bare_seconds, report_cpu / bare_cpu);
    g_print ("flushing the bare file to the disk, as the report does its own: %.3f s; with it "
             "the wall ratio is %.2fx\n", flush, report_seconds / (bare_seconds + flush));
  }

  /* A main loop with a 5 ms timer, while a worker thread writes the report. */
  {
    Loop loop = { db, ours };
    GSource *timer;
    GThread *thread;

    loop.context = g_main_context_default ();
    loop.last_tick = g_get_monotonic_time ();
    timer = g_timeout_source_new (5);
    g_source_set_callback (timer, tick_cb, &loop, NULL);
    g_source_attach (timer, loop.context);
    thread = g_thread_new ("report", worker, &loop);
    while (!g_atomic_int_get (&loop.done))
      g_main_context_iteration (loop.context, TRUE);
    g_thread_join (thread);
    g_source_destroy (timer);
    g_source_unref (timer);
    while (g_main_context_iteration (loop.context, FALSE))
      ;
    g_print ("main loop beside the worker (%.3f s): longest wait %.1f ms, %u waits over 50 ms, "
             "%u progress updates\n", loop.seconds, loop.longest / 1000.0, loop.over_50ms,
             loop.progress_updates);
  }

  g_clear_pointer (&report, dt_report_free);
  g_clear_object (&db);
  {
    const char *files[] = { ours, bare, child_out };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      g_remove (files[i]);
    if (argc <= 1)
      {
        g_autofree char *wal = g_strconcat (path, "-wal", NULL);
        g_autofree char *shm = g_strconcat (path, "-shm", NULL);

        g_remove (wal);
        g_remove (shm);
        g_remove (path);
      }
    g_rmdir (dir);
  }
  return EXIT_SUCCESS;
}
