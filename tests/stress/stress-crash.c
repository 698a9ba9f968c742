/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash safety: writers in separate processes, killed with SIGKILL at random moments.
 *
 * Each round starts, on one database, at the same time:
 *   - doithoai-cli import of a document of its own (a batch of petitions with codes of its
 *     own), which is all or nothing;
 *   - this program as an editing writer (--writer): it inserts petitions and edits them, one
 *     transaction each, and says so on standard output after each commit returns;
 *   - doithoai-cli report or document, writing a workbook or a PDF;
 * then kills all three with SIGKILL after a random delay, and checks:
 *   - PRAGMA integrity_check passes (and the database opens);
 *   - every write acknowledged is there: each petition the writer said it inserted, each edit
 *     it said it made (or a later one);
 *   - no import is half applied: its batch is all there or not at all, and all there when
 *     the import had said it was done;
 *   - the workbook or the PDF is either absent at its final path or whole;
 *   - every copy in the backup folder at its final name passes quick_check.
 *
 *   stress-crash [--kills=N] [--seed=S] [--keep]     (on demand: --kills=1000)
 *
 * Unix only: it kills processes. Prints its figures at the end. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dt-backup.h"
#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-records.h"

#define BATCH_PETITIONS 150
/* The kill comes within one of these, in turn: most land while the import, the writer and
 * the document are at work, some before they started, some after they were done. */
static const guint max_delays_ms[] = { 40, 80, 150, 400 };
/* A fresh office every so many rounds keeps each check short. */
#define ROUNDS_PER_OFFICE 100

/* ------------------------------------------------------------------------------------------
 * The editing writer
 * ------------------------------------------------------------------------------------------ */

static int
run_writer (const char *path,
            int         first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) first);

  if (!(db = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error)))
    {
      g_printerr ("writer: %s\n", error->message);
      return 1;
    }
  /* Waits its turn behind the import rather than failing. */
  dt_database_set_busy_timeout (db, 30000);
  for (int n = first;; n++)
    {
      if (codes->len == 0 || g_rand_int_range (rand, 0, 3) == 0)
        {
          g_autoptr(DtPetition) petition = dt_petition_new ();

          petition->code = g_strdup_printf ("W%07d", n);
          petition->received = g_strdup ("2026-03-02");
          petition->channel = g_strdup ("written");
          petition->petitioner = g_strdup ("Nguyễn Văn Viết");
          petition->summary = g_strdup_printf ("edit %d", n);
          if (dt_petition_insert (db, petition, &error) <= 0)
            {
              g_printerr ("writer: %s\n", error->message);
              return 1;
            }
          g_ptr_array_add (codes, g_strdup (petition->code));
          printf ("I %s %d\n", petition->code, n);
        }
      else
        {
          const char *code = g_ptr_array_index (codes, g_rand_int_range (rand, 0, (gint32) codes->len));
          g_autoptr(DtPetition) petition = dt_petition_load (db, code, &error);

          if (petition == NULL)
            {
              g_printerr ("writer: %s\n", error->message);
              return 1;
            }
          g_free (petition->summary);
          petition->summary = g_strdup_printf ("edit %d", n);
          if (!dt_petition_update (db, petition, &error))
            {
              g_printerr ("writer: %s\n", error->message);
              return 1;
            }
          printf ("E %s %d\n", code, n);
        }
      /* Told only once the commit has returned. */
      fflush (stdout);
    }
  return 0;
}

/* ------------------------------------------------------------------------------------------
 * The rounds
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  char       *dir;
  char       *db;
  char       *cli;
  char       *self;
  GRand      *rand;
  GHashTable *inserted;     /* code → the writer's n at insert (acknowledged) */
  GHashTable *edited;       /* code → the last n acknowledged for it */
  int         next_n;       /* the writer's next number */
  GString    *pending;      /* what the writer said, not yet a whole line */
  /* Figures. */
  guint       rounds;
  guint       imports_done;
  guint       imports_absent;
  guint       imports_acknowledged;
  guint       acks;
  guint       inserts_acknowledged;
  guint       outputs_whole;
  guint       outputs_absent;
  guint       temporaries_left;
  guint       backups_checked;
  gint64      longest_check_us;
} Stress;

static pid_t
spawn (Stress      *stress,
       char       **argv,
       int         *out_fd)
{
  g_autoptr(GError) error = NULL;
  GPid pid;

  if (!g_spawn_async_with_pipes (NULL, argv, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL |
                                 (out_fd == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                                 NULL, NULL, &pid, NULL, out_fd, NULL, &error))
    g_error ("%s", error->message);
  return pid;
}

/* A document of its own for round ROUND: BATCH_PETITIONS petitions B<round>-<i>. */
static char *
write_batch (Stress *stress,
             guint   round)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"doithoai-exchange\", \"version\": 1, "
                                          "\"petitions\": [");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (stress->dir, "batch.json", NULL);

  for (guint i = 0; i < BATCH_PETITIONS; i++)
    g_string_append_printf (json, "%s\n {\"code\": \"B%05u-%03u\", \"received\": \"2025-04-15\", "
                            "\"channel\": \"front\", \"petitioner\": \"Trần Thị Nhập\", "
                            "\"village\": \"Thôn %u\", \"summary\": \"Kiến nghị số %u của đợt "
                            "%u\", \"events\": [{\"date\": \"2025-05-10\", \"text\": \"Nhắc\"}]}",
                            i == 0 ? "" : ",", round, i, i % 7, i, round);
  g_string_append (json, "]}\n");
  if (!g_file_set_contents (path, json->str, (gssize) json->len, &error))
    g_error ("%s", error->message);
  return path;
}

static void
read_acks (Stress *stress,
           int     fd)
{
  char buffer[4096];
  gssize n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (stress->pending, buffer, n);
  close (fd);

  /* Only whole lines: a line cut by the kill was never said. */
  while (TRUE)
    {
      char *end = strchr (stress->pending->str, '\n');
      char kind;
      char code[32];
      int number;

      if (end == NULL)
        break;
      *end = '\0';
      if (sscanf (stress->pending->str, "%c %31s %d", &kind, code, &number) == 3)
        {
          stress->acks++;
          if (kind == 'I')
            {
              g_hash_table_insert (stress->inserted, g_strdup (code), GINT_TO_POINTER (number));
              stress->inserts_acknowledged++;
            }
          g_hash_table_insert (stress->edited, g_strdup (code), GINT_TO_POINTER (number));
          stress->next_n = MAX (stress->next_n, number + 1);
        }
      g_string_erase (stress->pending, 0, end - stress->pending->str + 1);
    }
  g_string_truncate (stress->pending, 0);
}

static int
wait_status (pid_t pid)
{
  int status = 0;

  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  return status;
}

static gint64
query_count (sqlite3    *db,
             const char *sql,
             const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The end of a whole PDF or workbook (a zip's end-of-central-directory record). */
static gboolean
is_whole (const char *path,
          gboolean    pdf)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  if (pdf)
    return length > 8 && g_str_has_prefix (contents, "%PDF-") &&
           g_strrstr_len (contents + length - MIN (length, 32), MIN (length, 32), "%%EOF") != NULL;
  /* libxlsxwriter writes no zip comment: the record is the last 22 bytes. */
  return length > 22 && g_str_has_prefix (contents, "PK\003\004") &&
         memcmp (contents + length - 22, "PK\005\006", 4) == 0;
}

static guint
remove_temporaries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.' && strstr (name, ".part") != NULL)
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);
        g_remove (path);
        n++;
      }
  return n;
}

static void
check (Stress     *stress,
       guint       round,
       gboolean    import_said_done,
       const char *output,
       gboolean    pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatabase) opened = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *prefix = g_strdup_printf ("B%05u-", round);
  g_autofree char *backups = dt_backup_folder (stress->db);
  g_autoptr(GPtrArray) copies = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 started = g_get_monotonic_time ();
  sqlite3 *db;
  gint64 batch;

  /* Opens, as the program would after the crash: the -wal is recovered here. */
  opened = dt_database_open (stress->db, DT_DATABASE_OPEN_EXISTING, &error);
  if (opened == NULL)
    g_error ("round %u: the database does not open after the kill: %s", round, error->message);
  problems = dt_database_check (opened, &error);
  g_assert_no_error (error);
  if (problems->len > 0)
    g_error ("round %u: integrity_check: %s", round, (char *) problems->pdata[0]);
  db = _dt_database_get_handle (opened);

  batch = query_count (db, "SELECT count(*) FROM petitions WHERE code >= ?1 AND "
                           "code < ?1 || '~'", prefix);
  if (batch != 0 && batch != BATCH_PETITIONS)
    g_error ("round %u: the import is half applied: %" G_GINT64_FORMAT " of %d petitions",
             round, batch, BATCH_PETITIONS);
  if (import_said_done && batch != BATCH_PETITIONS)
    g_error ("round %u: the import said it was done, and its petitions are not there", round);
  if (batch == BATCH_PETITIONS)
    {
      stress->imports_done++;
      /* Their events came with them. */
      g_assert_cmpint (query_count (db, "SELECT count(*) FROM petition_events e JOIN petitions p "
                                        "ON p.id = e.petition_id WHERE p.code >= ?1 AND "
                                        "p.code < ?1 || '~'", prefix), ==, BATCH_PETITIONS);
    }
  else
    stress->imports_absent++;
  stress->imports_acknowledged += import_said_done;

  g_hash_table_iter_init (&iter, stress->edited);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *summary = NULL;
      sqlite3_stmt *stmt = NULL;
      int number = -1;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT summary FROM petitions WHERE code = ?",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        summary = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      if (summary == NULL)
        g_error ("round %u: petition %s, acknowledged, is gone", round, (char *) key);
      if (sscanf (summary, "edit %d", &number) != 1 || number < GPOINTER_TO_INT (value))
        g_error ("round %u: petition %s says “%s”, edit %d was acknowledged", round,
                 (char *) key, summary, GPOINTER_TO_INT (value));
    }

  /* The document: whole at its final path, or not there. */
  if (g_file_test (output, G_FILE_TEST_EXISTS))
    {
      if (!is_whole (output, pdf))
        g_error ("round %u: %s is at its final path half-written", round, output);
      stress->outputs_whole++;
      g_remove (output);
    }
  else
    stress->outputs_absent++;
  stress->temporaries_left += remove_temporaries (stress->dir);
  stress->temporaries_left += remove_temporaries (backups);

  /* A copy at its final name was checked before it took it. */
  copies = dt_backup_list (stress->db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < copies->len; i++)
    {
      DtBackup *copy = g_ptr_array_index (copies, i);

      if (!dt_backup_verify (copy->path, FALSE, &error))
        g_error ("round %u: %s", round, error->message);
      stress->backups_checked++;
    }
  stress->longest_check_us = MAX (stress->longest_check_us, g_get_monotonic_time () - started);
}

static void
round_once (Stress *stress,
            guint   round)
{
  g_autofree char *batch = write_batch (stress, round);
  g_autofree char *database_option = g_strconcat ("--database=", stress->db, NULL);
  g_autofree char *from = g_strdup_printf ("%d", stress->next_n);
  gboolean pdf = round % 2 == 1;
  g_autofree char *output = g_build_filename (stress->dir, pdf ? "notice.pdf" : "report.xlsx",
                                              NULL);
  g_autofree char *output_option = g_strconcat ("--output=", output, NULL);
  char *import_argv[] = { stress->cli, database_option, "import", batch, NULL };
  char *writer_argv[] = { stress->self, "--writer", stress->db, from, NULL };
  char *report_argv[] = { stress->cli, database_option, "report", "--period=2025",
                          output_option, NULL };
  char *document_argv[] = { stress->cli, database_option, "document", "notice",
                            "--session=HN-2025-01", output_option, NULL };
  pid_t import, writer, document;
  int writer_out = -1;
  int status;
  guint delay;

  import = spawn (stress, import_argv, NULL);
  writer = spawn (stress, writer_argv, &writer_out);
  document = spawn (stress, pdf ? document_argv : report_argv, NULL);

  delay = (guint) g_rand_int_range (stress->rand, 0,
                                    max_delays_ms[round % G_N_ELEMENTS (max_delays_ms)] * 1000);
  g_usleep (delay);
  kill (import, SIGKILL);
  kill (writer, SIGKILL);
  kill (document, SIGKILL);

  status = wait_status (import);
  wait_status (writer);
  wait_status (document);
  read_acks (stress, writer_out);
  check (stress, round, WIFEXITED (status) && WEXITSTATUS (status) == 0, output, pdf);
  stress->rounds++;
}

/* The database, its working files, its copies and the batch: all but the folder. */
static void
remove_office (Stress *stress)
{
  g_autofree char *backups = dt_backup_folder (stress->db);
  g_autofree char *batch = g_build_filename (stress->dir, "batch.json", NULL);
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autoptr(GDir) dir = g_dir_open (backups, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (backups, name, NULL);
      g_remove (path);
    }
  g_rmdir (backups);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (stress->db, suffixes[i], NULL);
      g_remove (path);
    }
  g_remove (batch);
  g_hash_table_remove_all (stress->inserted);
  g_hash_table_remove_all (stress->edited);
}

/* A small office to start from: a session for the notice, a year for the report. */
static void
set_up (Stress *stress)
{
  g_autofree char *database_option = g_strconcat ("--database=", stress->db, NULL);
  g_autofree char *data = g_build_filename (g_getenv ("DOITHOAI_TEST_DATA"), "full.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { stress->cli, database_option, "import", data, NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("set-up: %s %s", error->message, err != NULL ? err : "");
}

int
main (int    argc,
      char **argv)
{
  int kills = 8;
  int seed = 0;
  gboolean keep = FALSE;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "kills", 0, 0, G_OPTION_ARG_INT, &kills, "Rounds, one kill each (default 8)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the delays (default: from the clock)",
      "S" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the folder for a look afterwards", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) options = NULL;
  Stress stress = { 0 };
  gint64 started;

  if (argc == 4 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2], atoi (argv[3]));

  options = g_option_context_new ("— writers killed at random, and what they leave");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (seed == 0)
    seed = (int) (g_get_real_time () % G_MAXINT);
  /* A day of its own: the console makes its daily copy at its first start. */
  g_setenv ("DOITHOAI_TODAY", "2026-03-02", TRUE);

  stress.dir = g_dir_make_tmp ("doithoai-crash-XXXXXX", &error);
  g_assert_no_error (error);
  stress.db = g_build_filename (stress.dir, "office.sqlite", NULL);
  stress.cli = g_strdup (g_getenv ("DOITHOAI_CLI"));
  stress.self = g_file_read_link ("/proc/self/exe", NULL);
  if (stress.self == NULL)
    stress.self = g_canonicalize_filename (argv[0], NULL);
  stress.rand = g_rand_new_with_seed ((guint32) seed);
  stress.inserted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stress.edited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stress.pending = g_string_new (NULL);
  stress.next_n = 1;
  g_assert_nonnull (stress.cli);

  set_up (&stress);
  started = g_get_monotonic_time ();
  for (guint round = 1; round <= (guint) kills; round++)
    {
      if (round % ROUNDS_PER_OFFICE == 0)
        {
          remove_office (&stress);
          set_up (&stress);
        }
      round_once (&stress, round);
      if (round % 100 == 0)
        g_printerr ("# %u rounds\n", round);
    }

  /* TAP, for meson: one test, with the figures. */
  printf ("1..1\n");
  printf ("# seed %d, %u kills in %.1f s\n", seed, stress.rounds,
          (g_get_monotonic_time () - started) / 1e6);
  printf ("# imports: %u whole (%u of them acknowledged), %u not there, none half applied\n",
          stress.imports_done, stress.imports_acknowledged, stress.imports_absent);
  printf ("# writer: %u writes acknowledged (%u inserts, %u edits), all found\n", stress.acks,
          stress.inserts_acknowledged, stress.acks - stress.inserts_acknowledged);
  printf ("# documents: %u whole at their final path, %u not there, none half-written; %u "
          "temporaries left by killed writers\n", stress.outputs_whole, stress.outputs_absent,
          stress.temporaries_left);
  printf ("# backups: %u checks of copies at their final names, all passed\n",
          stress.backups_checked);
  printf ("# longest check after a kill: %.0f ms\n", stress.longest_check_us / 1e3);
  printf ("ok 1 - integrity, acknowledged writes, whole imports and documents after %u kills\n",
          stress.rounds);

  if (keep)
    printf ("# kept: %s\n", stress.dir);
  else
    {
      remove_office (&stress);
      g_rmdir (stress.dir);
    }
  g_hash_table_unref (stress.inserted);
  g_hash_table_unref (stress.edited);
  g_string_free (stress.pending, TRUE);
  g_rand_free (stress.rand);
  g_free (stress.self);
  g_free (stress.cli);
  g_free (stress.db);
  g_free (stress.dir);
  return 0;
}
