/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dt-test-util.h"

#include <gio/gio.h>
#ifdef G_OS_UNIX
# include <sys/stat.h>
# include <sys/wait.h>
# include <unistd.h>
#endif

/* The day the console program takes for today, unless a test says otherwise. */
#define TODAY "2026-11-26"

static char *
database_option (DtTestFixture *fixture,
                 const char    *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  return g_strconcat ("--database=", path, NULL);
}

static void
test_usage (DtTestFixture *fixture,
            gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "x.sqlite");
  g_auto(DtTestRun) run = { 0 };

  dt_test_cli (&run, TODAY, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "import"));

  dt_test_cli (&run, TODAY, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "backup"));

  dt_test_cli (&run, TODAY, db, "dance", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "dance"));

  dt_test_cli (&run, TODAY, db, "export", NULL);
  g_assert_cmpint (run.status, ==, 1);

  dt_test_cli (&run, TODAY, db, "import", "--frobnicate", "a.json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "frobnicate"));

  dt_test_cli (&run, TODAY, db, "demo", "--petitions=-5", NULL);
  g_assert_cmpint (run.status, ==, 1);

  dt_test_cli (&run, "2026-02-30", db, "init", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "DOITHOAI_TODAY"));

  /* None of these created the database. */
  g_assert_false (g_file_test (db + strlen ("--database="), G_FILE_TEST_EXISTS));
}

static void
test_init_import_export (DtTestFixture *fixture,
                         gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "Dữ liệu xã.sqlite");
  g_autofree char *full = dt_test_data_path ("full.json");
  g_autofree char *out = g_build_filename (fixture->dir, "out.json", NULL);
  g_autofree char *out2 = g_build_filename (fixture->dir, "out2.json", NULL);
  g_autofree char *db2 = database_option (fixture, "second.sqlite");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_auto(DtTestRun) run = { 0 };

  dt_test_cli (&run, TODAY, db, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db, "import", full, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "3"));

  /* The same again: codes exist, exit 2, the hint names --replace. */
  dt_test_cli (&run, TODAY, db, "import", full, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--replace"));
  dt_test_cli (&run, TODAY, db, "import", "--replace", full, NULL);
  g_assert_cmpint (run.status, ==, 0);

  dt_test_cli (&run, TODAY, db, "export", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db2, "import", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db2, "export", out2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (out2, &b, NULL, NULL));
  g_assert_cmpstr (a, ==, b);

  dt_test_cli (&run, TODAY, db, "check", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Petitions"));
}

static void
test_bad_input (DtTestFixture *fixture,
                gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "bad.sqlite");
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.json", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.json", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "no-folder", "out.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(DtTestRun) run = { 0 };

  dt_test_cli (&run, TODAY, db, "demo", "--petitions=50", NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db, "export", "-", NULL);
  before = g_steal_pointer (&run.out);
  /* Machine-readable output has LF line ends on Windows too, and is UTF-8. */
  g_assert_nonnull (strchr (before, '\n'));
  g_assert_null (strchr (before, '\r'));
  g_assert_true (g_utf8_validate (before, -1, NULL));

  g_assert_true (g_file_set_contents (bad, "{\"format\": \"doithoai-exchange\", \"version\": 1, "
                                      "\"petitions\": [{\"code\": \"X\", \"received\": "
                                      "\"2025-13-01\", \"channel\": \"phone\", \"summary\": "
                                      "\"s\"}]}", -1, NULL));
  dt_test_cli (&run, TODAY, db, "import", bad, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Received date"));
  g_assert_nonnull (strstr (run.err, "2025-13-01"));

  dt_test_cli (&run, TODAY, db, "import", missing, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "missing.json"));

  /* A failed import into a new file leaves no empty database behind. */
  {
    g_autofree char *fresh = database_option (fixture, "fresh.sqlite");

    dt_test_cli (&run, TODAY, fresh, "import", bad, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_false (g_file_test (fresh + strlen ("--database="), G_FILE_TEST_EXISTS));
  }

  dt_test_cli (&run, TODAY, db, "export", out, NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* Demo data only goes into an empty database. */
  dt_test_cli (&run, TODAY, db, "demo", NULL);
  g_assert_cmpint (run.status, ==, 2);

  dt_test_cli (&run, TODAY, db, "export", "-", NULL);
  after = g_steal_pointer (&run.out);
  g_assert_cmpstr (before, ==, after);
}

static void
test_database_problems (DtTestFixture *fixture,
                        gconstpointer  data)
{
  g_autofree char *garbage = g_build_filename (fixture->dir, "garbage.sqlite", NULL);
  g_autofree char *garbage_opt = g_strconcat ("--database=", garbage, NULL);
  g_autofree char *newer_opt = database_option (fixture, "newer.sqlite");
  g_autofree char *missing_opt = database_option (fixture, "missing.sqlite");
  g_autofree char *out = g_build_filename (fixture->dir, "out.json", NULL);
  g_autofree char *full = dt_test_data_path ("full.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(DtTestRun) run = { 0 };
  char junk[4096];

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (char) (i * 31 % 253);
  g_assert_true (g_file_set_contents (garbage, junk, sizeof junk, NULL));
  before = dt_test_file_checksum (garbage);
  dt_test_cli (&run, TODAY, garbage_opt, "check", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "damaged"));
  /* A good file into the damaged database (a missing one would be refused first). */
  dt_test_cli (&run, TODAY, garbage_opt, "import", full, NULL);
  g_assert_cmpint (run.status, ==, 3);
  after = dt_test_file_checksum (garbage);
  g_assert_cmpstr (before, ==, after);

  dt_test_cli (&run, TODAY, missing_opt, "export", out, NULL);
  g_assert_cmpint (run.status, ==, 3);

  /* A database from a newer program: exit 3, the file untouched. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DtDatabase) db = NULL;
    const char *path = newer_opt + strlen ("--database=");
    sqlite3 *raw = NULL;
    g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = DELETE; "
                                            "PRAGMA user_version = %d",
                                            dt_database_schema_version () + 5);

    db = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
    g_assert_no_error (error);
    g_clear_object (&db);
    g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (raw);

    g_clear_pointer (&before, g_free);
    g_clear_pointer (&after, g_free);
    before = dt_test_file_checksum (path);
    dt_test_cli (&run, TODAY, newer_opt, "demo", NULL);
    g_assert_cmpint (run.status, ==, 3);
    g_assert_nonnull (strstr (run.err, "newer"));
    after = dt_test_file_checksum (path);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_demo_determinism (DtTestFixture *fixture,
                       gconstpointer  data)
{
  g_autofree char *a = database_option (fixture, "a.sqlite");
  g_autofree char *b = database_option (fixture, "b.sqlite");
  g_autofree char *c = database_option (fixture, "c.sqlite");
  g_autofree char *export_a = NULL;
  g_autofree char *export_b = NULL;
  g_autofree char *export_c = NULL;
  g_auto(DtTestRun) run = { 0 };
  const char *statuses[] = { "\"resolved_date\": \"", "\"answered_date\": \"",
                             "\"declined_date\": \"", "\"withdrawn_date\": \"",
                             "\"escalated_date\": \"", "\"assigned_date\": \"",
                             "\"duplicate_of\": \"", "\"confidential\": true",
                             "\"status\": \"postponed\"", "\"status\": \"cancelled\"",
                             "\"status\": \"planned\"", "\"status\": \"held\"" };

  dt_test_cli (&run, TODAY, a, "demo", "--petitions=400", "--seed=7", NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, b, "demo", "--petitions=400", "--seed=7", NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, c, "demo", "--petitions=400", "--seed=8", NULL);
  g_assert_cmpint (run.status, ==, 0);

  dt_test_cli (&run, TODAY, a, "export", "-", NULL);
  export_a = g_steal_pointer (&run.out);
  dt_test_cli (&run, TODAY, b, "export", "-", NULL);
  export_b = g_steal_pointer (&run.out);
  dt_test_cli (&run, TODAY, c, "export", "-", NULL);
  export_c = g_steal_pointer (&run.out);
  g_assert_cmpstr (export_a, ==, export_b);
  g_assert_cmpstr (export_a, !=, export_c);

  /* Every kind of outcome is there, over the five years before this one and this year. */
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (strstr (export_a, statuses[i]) == NULL)
      g_error ("The demo data has no %s", statuses[i]);
  g_assert_nonnull (strstr (export_a, "\"code\": \"KH-2021\""));
  g_assert_nonnull (strstr (export_a, "\"code\": \"KH-2026\""));
  g_assert_null (strstr (export_a, "\"code\": \"KH-2020\""));
  g_assert_null (strstr (export_a, "\"received\": \"2026-11-27\""));
  /* Some petitions are still waiting for an agency (no assignment, no outcome). */
  g_assert_nonnull (strstr (export_a, "\"assigned_to\": null, \"assigned_date\": null, "
                                      "\"deadline\": null, \"escalated_to\": null"));
}

static void
test_backup (DtTestFixture *fixture,
             gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "main.sqlite");
  g_autofree char *target = g_build_filename (fixture->dir, "Bản sao.sqlite", NULL);
  g_autofree char *target_db = g_strconcat ("--database=", target, NULL);
  g_autofree char *a = NULL;
  g_auto(DtTestRun) run = { 0 };

  dt_test_cli (&run, TODAY, db, "demo", "--petitions=30", NULL);
  dt_test_cli (&run, TODAY, db, "backup", target, NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db, "export", "-", NULL);
  a = g_steal_pointer (&run.out);
  dt_test_cli (&run, TODAY, target_db, "export", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (a, ==, run.out);

  /* Without a name it goes into the backup folder beside the database. */
  dt_test_cli (&run, TODAY, db, "backup", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Sao lưu"));
}


/* The lines of TEXT that begin with PREFIX, after spaces. */
static char *
line_starting (const char *text,
               const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (g_strstrip (lines[i]), prefix))
      return g_strdup (lines[i]);
  return NULL;
}

static void
test_restore (DtTestFixture *fixture,
              gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "main.sqlite");
  const char *path = db + strlen ("--database=");
  g_autofree char *full = dt_test_data_path ("full.json");
  g_autofree char *exported = NULL;
  g_autofree char *copy_name = NULL;
  g_autofree char *suggested = NULL;
  g_autofree char *garbage = g_strnfill (50000, 'x');
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(DtTestRun) run = { 0 };

  dt_test_cli (&run, TODAY, db, "demo", "--petitions=40", NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db, "export", "-", NULL);
  exported = g_steal_pointer (&run.out);
  dt_test_cli (&run, TODAY, db, "backup", NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db, "import", "--replace", full, NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* Without a file: the copies, newest first, with their records. */
  dt_test_cli (&run, TODAY, db, "restore", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "40 petitions"));
  g_assert_nonnull (strstr (run.out, "made by hand"));
  g_assert_nonnull (strstr (run.out, "daily"));
  copy_name = line_starting (run.out, "main-");
  g_assert_nonnull (copy_name);
  g_assert_true (g_str_has_suffix (copy_name, ".sqlite"));

  /* While another program has the database open: refused, in so many words. */
  {
    g_autoptr(DtDatabase) holder = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);

    g_assert_no_error (error);
    g_assert_nonnull (holder);
    dt_test_cli (&run, TODAY, db, "restore", copy_name, NULL);
    g_assert_cmpint (run.status, ==, 3);
    g_assert_nonnull (strstr (run.err, "open in another program"));
    g_assert_nonnull (strstr (run.err, "Nothing was restored"));
  }

  /* The manual copy, by its name in the list: the database as it was is kept first. */
  dt_test_cli (&run, TODAY, db, "restore", copy_name, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "truoc-khoi-phuc"));
  g_assert_nonnull (strstr (run.out, "40 petitions"));
  dt_test_cli (&run, TODAY, db, "export", "-", NULL);
  g_assert_cmpstr (run.out, ==, exported);

  /* A damaged database: the console names the newest good copy and the command to restore
   * it, which works as said. */
  g_assert_true (g_file_set_contents (path, garbage, 50000, NULL));
  dt_test_cli (&run, TODAY, db, "search", "nguyen", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "damaged"));
  suggested = line_starting (run.err, "doithoai-cli ");
  g_assert_nonnull (suggested);
  g_assert_true (g_shell_parse_argv (suggested, NULL, &argv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (argv), ==, 4);
  dt_test_cli (&run, TODAY, argv[1], argv[2], argv[3], NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db, "check", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* A file that is not a copy of a database replaces nothing. */
  dt_test_cli (&run, TODAY, db, "restore", full, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "full.json"));
  dt_test_cli (&run, TODAY, db, "restore", "no-such-copy.sqlite", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no-such-copy.sqlite"));
  dt_test_cli (&run, TODAY, db, "check", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_rules_commands (DtTestFixture *fixture,
                     gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "rules.sqlite");
  g_autofree char *full = dt_test_data_path ("full.json");
  g_auto(DtTestRun) run = { 0 };

  dt_test_cli (&run, TODAY, "lunar", "2026-02-17", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "1/1/2026 (Bính Ngọ)\n");
  dt_test_cli (&run, TODAY, "lunar", "2023-03-22", NULL);
  g_assert_cmpstr (run.out, ==, "1/2/2023 nhuận (Quý Mão)\n");
  dt_test_cli (&run, TODAY, "lunar", "2023-02-30", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "2023-02-30"));
  dt_test_cli (&run, TODAY, "lunar", "2101-01-01", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* Without a database, the law's default days off. */
  dt_test_cli (&run, TODAY, db, "workdays", "2026-02-13", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "2026-02-23\n");
  dt_test_cli (&run, TODAY, db, "workdays", "2026-02-13", "-1", NULL);
  g_assert_cmpint (run.status, ==, 2);
  dt_test_cli (&run, TODAY, db, "workdays", "2026-02-13", "ba", NULL);
  g_assert_cmpint (run.status, ==, 2);
  dt_test_cli (&run, TODAY, db, "workdays", "2026-02-13", "+5", NULL);
  g_assert_cmpint (run.status, ==, 2);
  dt_test_cli (&run, TODAY, db, "workdays", "2026-02-13", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_false (g_file_test (db + strlen ("--database="), G_FILE_TEST_EXISTS));

  /* With one, its own tables: full.json makes 2025-01-28/29 days off, 2025-02-08 worked. */
  dt_test_cli (&run, TODAY, db, "import", full, NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db, "workdays", "2025-02-07", "1", NULL);
  g_assert_cmpstr (run.out, ==, "2025-02-08\n");
  dt_test_cli (&run, TODAY, db, "workdays", "2025-01-30", "1", NULL);
  g_assert_cmpstr (run.out, ==, "2025-01-31\n");

  dt_test_cli (&run, TODAY, db, "search", "tran thi", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "2025-0001\t2025-04-15\tTrần Thị Bình\t"
                                "Đề nghị cấp giấy chứng nhận quyền sử dụng đất\n");
  dt_test_cli (&run, TODAY, db, "search", "--limit=1", "rac", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (strlen (run.out), >, 0);
  g_assert_null (strchr (strchr (run.out, '\n') + 1, '\n'));
  dt_test_cli (&run, TODAY, db, "search", "\"*:", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  dt_test_cli (&run, TODAY, db, "search", "--limit=0", "rac", NULL);
  g_assert_cmpint (run.status, ==, 1);

  /* As of 2025-06-20: the open petition 2025-0003 was escalated, 2025-0001 resolved in time;
   * the session's notice (5 days before, the plan's rule) was on time. */
  dt_test_cli (&run, "2025-06-20", db, "check", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "nothing late"));
  /* Later, the postponed session of 10/7 is no concern, but nothing else changed either. */
  dt_test_cli (&run, "2025-12-31", db, "check", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "nothing late"));
}

static void
test_command_help (DtTestFixture *fixture,
                   gconstpointer  data)
{
  static const struct {
    const char *command;
    const char *usage;
    const char *sentence;
  } cases[] = {
    { "init", "doithoai-cli [--database=FILE] init\n", "Creates the database file" },
    { "import", "doithoai-cli [--database=FILE] import [--replace] FILE.json\n",
      "Adds the records of an exchange document" },
    { "export", "doithoai-cli [--database=FILE] export [--mask-confidential] FILE.json\n",
      "Writes everything the database holds" },
    { "demo", "doithoai-cli [--database=FILE] demo [--petitions=N] [--seed=S]\n",
      "Fills an empty database" },
    { "search", "doithoai-cli [--database=FILE] search [--limit=N] QUERY\n",
      "Finds petitions" },
    { "workdays", "doithoai-cli [--database=FILE] workdays DATE N\n",
      "Prints the N-th working day after DATE" },
    { "lunar", "doithoai-cli lunar DATE\n", "Prints the Vietnamese lunar date of DATE" },
    { "check", "doithoai-cli [--database=FILE] check [--all]\n", "Checks the database" },
    { "backup", "doithoai-cli [--database=FILE] backup [FILE]\n", "Copies the database" },
  };
  g_autofree char *db = database_option (fixture, "help.sqlite");
  g_auto(DtTestRun) run = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      dt_test_cli (&run, TODAY, cases[i].command, "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_str_has_prefix (run.out, "Usage:\n"));
      g_assert_nonnull (strstr (run.out, cases[i].usage));
      g_assert_nonnull (strstr (run.out, cases[i].sentence));
      g_assert_cmpstr (run.err, ==, "");
    }

  /* Its own options, described; -h too, and after arguments or mistakes. */
  dt_test_cli (&run, TODAY, "demo", "-h", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--petitions=N"));
  g_assert_nonnull (strstr (run.out, "Number of petitions"));
  dt_test_cli (&run, TODAY, db, "workdays", "2026-02-13", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "workdays DATE N"));
  dt_test_cli (&run, TODAY, db, "import", "--frobnicate", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--replace"));
  /* The program's own help names the way to a command's. */
  dt_test_cli (&run, TODAY, "--help", NULL);
  g_assert_nonnull (strstr (run.out, "doithoai-cli COMMAND --help"));

  /* In Vietnamese, the default language. */
  g_setenv ("DOITHOAI_LANGUAGE", "vi", TRUE);
  dt_test_cli (&run, TODAY, "lunar", "--help", NULL);
  g_unsetenv ("DOITHOAI_LANGUAGE");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "In ra ngày âm lịch"));

  g_assert_false (g_file_test (db + strlen ("--database="), G_FILE_TEST_EXISTS));
}

static void
test_database_after_command (DtTestFixture *fixture,
                             gconstpointer  data)
{
  g_autofree char *a = database_option (fixture, "a.sqlite");
  g_autofree char *b_path = g_build_filename (fixture->dir, "b.sqlite", NULL);
  g_autofree char *full = dt_test_data_path ("full.json");
  g_auto(DtTestRun) run = { 0 };

  dt_test_cli (&run, TODAY, "init", a, NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, "check", a, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, a + strlen ("--database=")));
  /* As a separate word, between the options and arguments, and the later one wins. */
  dt_test_cli (&run, TODAY, a, "import", "--database", b_path, full, NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, "search", "tran thi", "--database", b_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "2025-0001\t"));
  dt_test_cli (&run, TODAY, "search", "tran thi", a, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  dt_test_cli (&run, TODAY, "workdays", a, "2026-02-13", "1", NULL);
  g_assert_cmpstr (run.out, ==, "2026-02-23\n");

  dt_test_cli (&run, TODAY, "check", "--database", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--database needs a file name."));
  dt_test_cli (&run, TODAY, "check", "--database=", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--database needs a file name."));
}

/* STDERR is exactly "doithoai-cli: " BEFORE PATH AFTER, a line of its own. */
static void
assert_message (const DtTestRun *run,
                const char      *before,
                const char      *path,
                const char      *after)
{
  g_autofree char *expected = g_strconcat ("doithoai-cli: ", before, path, after, "\n", NULL);

  g_assert_true (g_str_has_prefix (run->err, expected));
}

static void
test_own_words (DtTestFixture *fixture,
                gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "words.sqlite");
  const char *db_path = db + strlen ("--database=");
  g_autofree char *missing = g_build_filename (fixture->dir, "thiếu.json", NULL);
  g_autofree char *nowhere = g_build_filename (fixture->dir, "không có", "ra.json", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "thư mục", NULL);
  g_autofree char *folder_db = g_strconcat ("--database=", folder, NULL);
  g_auto(DtTestRun) run = { 0 };

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  /* The file to import: nothing is done, not even the database made. */
  dt_test_cli (&run, TODAY, db, "import", missing, NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_message (&run, "There is no file “", missing, "”.");
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
  dt_test_cli (&run, TODAY, db, "import", folder, NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_message (&run, "“", folder, "” is a folder, not a file.");

  /* Files to write. */
  dt_test_cli (&run, TODAY, db, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db, "export", nowhere, NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_message (&run, "The folder for “", nowhere, "” does not exist.");
  dt_test_cli (&run, TODAY, db, "export", folder, NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_message (&run, "“", folder, "” is a folder, not a file.");
  dt_test_cli (&run, TODAY, db, "backup", nowhere, NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_message (&run, "The folder for “", nowhere, "” does not exist.");

  /* A folder given as the database, to create or to open: not SQLite's words. */
  dt_test_cli (&run, TODAY, folder_db, "init", NULL);
  g_assert_cmpint (run.status, ==, 3);
  assert_message (&run, "“", folder, "” is a folder, not a database file.");
  dt_test_cli (&run, TODAY, folder_db, "check", NULL);
  g_assert_cmpint (run.status, ==, 3);
  assert_message (&run, "“", folder, "” is a folder, not a database file.");

  /* Values of options: the option named, not GLib's "Cannot parse integer value". */
  dt_test_cli (&run, TODAY, db, "demo", "--petitions=abc", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_message (&run, "--petitions takes a whole number, not “abc”.", "", "");
  dt_test_cli (&run, TODAY, db, "search", "--limit", "mười", "rac", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_message (&run, "--limit takes a whole number, not “mười”.", "", "");
  dt_test_cli (&run, TODAY, db, "demo", "--seed", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_message (&run, "--seed needs a value.", "", "");
  dt_test_cli (&run, TODAY, db, "import", "--replace=yes", missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_message (&run, "--replace takes no value.", "", "");
  g_assert_nonnull (strstr (run.err, "Run “doithoai-cli import --help” for usage."));

  /* Translated. */
  g_setenv ("DOITHOAI_LANGUAGE", "vi", TRUE);
  dt_test_cli (&run, TODAY, db, "import", missing, NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_message (&run, "Không có tệp “", missing, "”.");
  dt_test_cli (&run, TODAY, db, "demo", "--petitions=abc", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_message (&run, "--petitions cần một số nguyên, không phải “abc”.", "", "");
  g_unsetenv ("DOITHOAI_LANGUAGE");

  g_rmdir (folder);
}

static void
test_unknown_option (DtTestFixture *fixture,
                     gconstpointer  data)
{
  static const char * const commands[][4] = {
    { "--frob", NULL },
    { "--frob=3", "init", NULL },
    { "init", "--frob", NULL },
    { "import", "--frob", "a.json", NULL },
    { "export", "--frob=1", "-", NULL },
    { "demo", "--frob", NULL },
    { "search", "--frob", "rac", NULL },
    { "workdays", "--frob", "2026-02-13", "1" },
    { "lunar", "--frob", "2026-02-17", NULL },
    { "check", "--frob", NULL },
    { "backup", "--frob", NULL },
  };
  g_autofree char *db = database_option (fixture, "unknown.sqlite");
  g_auto(DtTestRun) run = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char * const *words = commands[i];

      dt_test_cli (&run, TODAY, db, words[0], words[1], words[2], words[3], NULL);
      g_assert_cmpint (run.status, ==, 1);
      assert_message (&run, "Unknown option “--frob”.", "", "");
    }
  g_assert_false (g_file_test (db + strlen ("--database="), G_FILE_TEST_EXISTS));
}

static void
test_export_guard (DtTestFixture *fixture,
                   gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "main.sqlite");
  const char *path = db + strlen ("--database=");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_auto(DtTestRun) run = { 0 };

  dt_test_cli (&run, TODAY, db, "demo", "--petitions=30", NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db, "export", "-", NULL);
  before = g_steal_pointer (&run.out);

  /* Over the database itself, or its journal: refused, exit 2, the database unharmed. */
  dt_test_cli (&run, TODAY, db, "export", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "open database"));
  dt_test_cli (&run, TODAY, db, "export", wal, NULL);
  g_assert_cmpint (run.status, ==, 2);
  dt_test_cli (&run, TODAY, db, "backup", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  dt_test_cli (&run, TODAY, db, "export", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, before);
}

#ifdef G_OS_UNIX
/* Redirections need the Unix side of GSubprocessLauncher. */
/* Runs doithoai-cli with ARGV (NULL-terminated), its standard input read from IN_PATH and its
 * output written to OUT_PATH when they are not NULL; RUN_AS, when not NULL, goes before the
 * program (another user). Returns the exit status; the error output in ERR. */
static int
cli_redirected (const char * const  *run_as,
                const char          *in_path,
                const char          *out_path,
                char               **err,
                const char * const  *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDERR_PIPE;

  for (guint i = 0; run_as != NULL && run_as[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) run_as[i]);
  g_ptr_array_add (args, (gpointer) g_getenv ("DOITHOAI_CLI"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  if (out_path == NULL)
    flags |= G_SUBPROCESS_FLAGS_STDOUT_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_setenv (launcher, "DOITHOAI_TODAY", "2026-11-26", TRUE);
  if (in_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, in_path);
  if (out_path != NULL)
    g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, err, &error);
  g_assert_no_error (error);
  if (g_test_verbose ())
    g_printerr ("exit %d\nstderr: %s\n", g_subprocess_get_exit_status (process), *err);
  return g_subprocess_get_exit_status (process);
}

static void
test_import_stdin (DtTestFixture *fixture,
                   gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "stdin.sqlite");
  g_autofree char *full = dt_test_data_path ("full.json");
  g_autofree char *err = NULL;
  const char *argv[] = { db, "import", "-", NULL };
  g_auto(DtTestRun) run = { 0 };

  g_assert_cmpint (cli_redirected (NULL, full, NULL, &err, argv), ==, 0);
  dt_test_cli (&run, TODAY, db, "search", "tran thi", NULL);
  g_assert_nonnull (strstr (run.out, "2025-0001"));

  /* What is not JSON is named as standard input. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_redirected (NULL, db + strlen ("--database="), NULL, &err, argv), ==, 2);
  g_assert_nonnull (strstr (err, "standard input"));
}

static void
test_export_stdout_full (DtTestFixture *fixture,
                         gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "full.sqlite");
  g_autofree char *err = NULL;
  const char *argv[] = { db, "export", "-", NULL };
  g_auto(DtTestRun) run = { 0 };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("No /dev/full here");
      return;
    }
  dt_test_cli (&run, TODAY, db, "demo", "--petitions=30", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* Standard output on a full disk: a failure, not a success with nothing written. */
  g_assert_cmpint (cli_redirected (NULL, NULL, "/dev/full", &err, argv), ==, 3);
  g_assert_nonnull (strstr (err, "standard output"));
}

static void
test_import_fifo (DtTestFixture *fixture,
                  gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "fifo.sqlite");
  g_autofree char *fifo = g_build_filename (fixture->dir, "pipe.json", NULL);
  g_auto(DtTestRun) run = { 0 };

  /* Nothing writes into the pipe: the import must not wait for it. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  dt_test_cli (&run, TODAY, db, "import", fifo, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "not a regular file"));
  dt_test_cli (&run, TODAY, db, "import", "/dev/zero", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* Root may mount: a backup onto a small file system of its own, in a mount namespace that
 * disappears with the shell. */
static const char full_disk_script[] =
  "db=$1; dir=$2; cli=$3; low=$4; high=$5\n"
  "kb=$low\n"
  "while [ $kb -le $high ]; do\n"
  "  mount -t tmpfs -o size=${kb}k tmpfs \"$dir\" || exit 99\n"
  "  \"$cli\" --database=\"$db\" backup \"$dir/t.sqlite\" >/dev/null 2>&1\n"
  "  echo \"$kb $? $(ls -A \"$dir\" | tr '\\n' ' ')\"\n"
  "  umount \"$dir\"\n"
  "  kb=$((kb + 4))\n"
  "done\n";

static void
test_backup_full_disk (DtTestFixture *fixture,
                       gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "main.sqlite");
  const char *path = db + strlen ("--database=");
  g_autofree char *mount_point = g_build_filename (fixture->dir, "disk", NULL);
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *out = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(DtTestRun) run = { 0 };
  GStatBuf buf;
  int wait_status = 0;

  if (unshare == NULL || getuid () != 0 ||
      !g_spawn_command_line_sync ("unshare -m true", NULL, NULL, &wait_status, NULL) ||
      wait_status != 0)
    {
      g_test_skip ("A small file system of its own needs root and unshare");
      return;
    }
  dt_test_cli (&run, TODAY, db, "demo", "--petitions=200", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);

  /* From a disk too small for the copy to one just large enough, 4 KiB at a time: the copy
   * fits but not its journal, or not the journal mode's change. */
  low = g_strdup_printf ("%d", (int) (buf.st_size / 1024) - 24);
  high = g_strdup_printf ("%d", (int) (buf.st_size / 1024) + 40);
  {
    const char *argv[] = { unshare, "-m", "sh", "-c", full_disk_script, "sh", path, mount_point,
                           g_getenv ("DOITHOAI_CLI"), low, high, NULL };
    g_autoptr(GError) error = NULL;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                  &wait_status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  }

  if (g_test_verbose ())
    g_printerr ("%s", out);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 17);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (g_strstrip (lines[i]), " ", -1);
      gboolean done = g_str_equal (words[1], "0");

      /* Written whole, or not at all and nothing left behind. */
      if (done ? g_strv_length (words) != 3 || !g_str_equal (words[2], "t.sqlite")
               : g_strv_length (words) != 2 || !g_str_equal (words[1], "2"))
        g_error ("A backup onto a disk of %s KiB left: %s", words[0], lines[i]);
    }
  /* The last one had room enough. */
  g_assert_true (g_str_has_suffix (lines[16], " 0 t.sqlite"));
}

/* A document of N petitions of their own, a few KiB each, for imports that fill a disk. */
static char *
write_big_document (const char *folder,
                    guint       n)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"doithoai-exchange\", \"version\": 1, "
                                          "\"petitions\": [");
  g_autofree char *filler = g_strnfill (1500, 'x');
  char *path = g_build_filename (folder, "big.json", NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s\n {\"code\": \"X%05u\", \"received\": \"2025-04-15\", "
                            "\"channel\": \"front\", \"petitioner\": \"Người số %u\", "
                            "\"summary\": \"Kiến nghị số %u\", \"content\": \"%s\"}",
                            i == 0 ? "" : ",", i, i, i, filler);
  g_string_append (json, "]}\n");
  g_assert_true (g_file_set_contents (path, json->str, (gssize) json->len, NULL));
  return path;
}

/* Two small disks of their own: the database's, with 400 KiB left (room to open and read it,
 * not to copy it), and the outputs', with LEAVE KiB left for each step. One line per step,
 * "STEP EXIT MESSAGES", the lines that are not the day's copy's warning, joined by "|"; then
 * what the disks hold, and the database's state once room is made again. The steps run on a
 * day with no copy yet: each start tries to make it, and says it could not. */
static const char small_disk_script[] =
  "cli=$1; source=$2; dir=$3; big=$4\n"
  "mount -t tmpfs -o size=8192k tmpfs \"$dir\" || exit 99\n"
  "mkdir \"$dir/out\" && mount -t tmpfs -o size=512k tmpfs \"$dir/out\" || exit 99\n"
  "cp \"$source\" \"$dir/db.sqlite\"\n"
  "db=\"--database=$dir/db.sqlite\"\n"
  "out=\"$dir/out\"\n"
  "\"$cli\" \"$db\" export - > \"$dir/../before.json\"\n"
  "fill () {\n"
  "  rm -f \"$1/filler\"\n"
  "  free=$(df -k --output=avail \"$1\" | tail -1)\n"
  "  head -c $(( (free - $2) * 1024 )) /dev/zero > \"$1/filler\"\n"
  "}\n"
  "step () {\n"
  "  name=$1; leave=$2; shift 2\n"
  "  fill \"$out\" \"$leave\"\n"
  "  fill \"$dir\" 400\n"
  "  DOITHOAI_TODAY=2026-11-27 \"$cli\" \"$db\" \"$@\" > /dev/null 2> \"$dir/../err\"\n"
  "  status=$?\n"
  "  echo \"$name $status $(grep -v 'copy of the database was not made' \"$dir/../err\" | "
  "tr '\\n' '|')\"\n"
  "  grep -c 'copy of the database was not made: The disk is full' \"$dir/../err\" >> "
  "\"$dir/../warnings\"\n"
  "}\n"
  "step import 0 import \"$big\"\n"
  "step export 16 export \"$out/out.json\"\n"
  "step report 4 report --period=2025 \"--output=$out/r.xlsx\"\n"
  "step document 4 document notice --session=HN-2025-01 \"--output=$out/n.pdf\"\n"
  "step backup 200 backup \"$out/b.sqlite\"\n"
  "rm -f \"$dir/filler\" \"$out/filler\"\n"
  "echo \"left $(ls -A \"$dir\" | tr '\\n' ' ')\"\n"
  "echo \"outputs $(ls -A \"$out\" | tr '\\n' ' ')\"\n"
  "echo \"copies $(ls -A \"$dir/Sao lưu\" | tr '\\n' ' ')\"\n"
  "\"$cli\" \"$db\" check > /dev/null 2>&1; echo \"check $?\"\n"
  "\"$cli\" \"$db\" export - > \"$dir/../after.json\"\n"
  "cmp -s \"$dir/../before.json\" \"$dir/../after.json\" && echo 'data same' || echo 'data changed'\n"
  "echo \"warnings $(tr '\\n' ' ' < \"$dir/../warnings\")\"\n";

static void
test_small_disk (DtTestFixture *fixture,
                 gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "main.sqlite");
  const char *path = db + strlen ("--database=");
  g_autofree char *mount_point = g_build_filename (fixture->dir, "disk", NULL);
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *big = write_big_document (fixture->dir, 3000);
  g_autofree char *out = NULL;
  g_autoptr(GHashTable) lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) split = NULL;
  g_auto(DtTestRun) run = { 0 };
  int wait_status = 0;
  static const struct {
    const char *step;
    const char *status;   /* the exit status expected */
  } steps[] = {
    { "import", "3" }, { "export", "2" }, { "report", "2" }, { "document", "1" },
    { "backup", "2" },
  };

  if (unshare == NULL || getuid () != 0 ||
      !g_spawn_command_line_sync ("unshare -m true", NULL, NULL, &wait_status, NULL) ||
      wait_status != 0)
    {
      g_test_skip ("A small file system of its own needs root and unshare");
      return;
    }
  dt_test_cli (&run, TODAY, db, "demo", "--petitions=200", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  {
    const char *argv[] = { unshare, "-m", "sh", "-c", small_disk_script, "sh",
                           g_getenv ("DOITHOAI_CLI"), path, mount_point, big, NULL };
    g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "DOITHOAI_TODAY", "2026-11-26",
                                           TRUE);
    g_autoptr(GError) error = NULL;

    envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                  &wait_status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  }
  if (g_test_verbose ())
    g_printerr ("%s", out);

  split = g_strsplit (g_strstrip (out), "\n", -1);
  for (guint i = 0; split[i] != NULL; i++)
    {
      char *space = strchr (split[i], ' ');

      if (space != NULL)
        g_hash_table_insert (lines, g_strndup (split[i], (gsize) (space - split[i])),
                             g_strdup (space + 1));
    }
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      const char *line = g_hash_table_lookup (lines, steps[i].step);

      /* Refused with the exit status of its kind, in words that say the disk is full. */
      if (line == NULL || !g_str_has_prefix (line, steps[i].status) ||
          strstr (line, "full") == NULL)
        g_error ("On a full disk, %s: “%s”", steps[i].step, line);
    }
  g_assert_nonnull (strstr (g_hash_table_lookup (lines, "import"), "Nothing was imported"));
  /* Nothing half-written at any name, no temporary left; of the day's copies only the one
   * made while there was room, on the day before. */
  g_assert_cmpstr (g_hash_table_lookup (lines, "left"), ==, "Sao lưu db.sqlite out ");
  g_assert_cmpstr (g_hash_table_lookup (lines, "outputs"), ==, "");
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (lines, "copies"), "db-2026-11-26-"));
  g_assert_true (g_str_has_suffix (g_hash_table_lookup (lines, "copies"), "-hang-ngay.sqlite "));
  /* The day's copy could not be made, and each start said so. */
  g_assert_cmpstr (g_hash_table_lookup (lines, "warnings"), ==, "1 1 1 1 1");
  /* And the data already saved is whole, as it was. */
  g_assert_cmpstr (g_hash_table_lookup (lines, "check"), ==, "0");
  g_assert_cmpstr (g_hash_table_lookup (lines, "data"), ==, "same");
}

/* Without root: a limit on the size of any file the program writes (ulimit -f, in blocks of
 * 512 bytes), as a disk too small or a USB stick's 4 GB limit would set it. */
static void
test_file_size_limit (DtTestFixture *fixture,
                      gconstpointer  data)
{
  g_autofree char *db = database_option (fixture, "main.sqlite");
  const char *path = db + strlen ("--database=");
  g_autofree char *big = write_big_document (fixture->dir, 3000);
  g_autofree char *before = NULL;
  g_autofree char *export_path = g_build_filename (fixture->dir, "out.json", NULL);
  g_autofree char *report_path = g_build_filename (fixture->dir, "r.xlsx", NULL);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "n.pdf", NULL);
  g_autofree char *copy_path = g_build_filename (fixture->dir, "b.sqlite", NULL);
  g_autofree char *report_option = g_strconcat ("--output=", report_path, NULL);
  g_autofree char *pdf_option = g_strconcat ("--output=", pdf_path, NULL);
  g_auto(DtTestRun) run = { 0 };
  GStatBuf buf;
  struct {
    const char *blocks;
    const char *args[6];
    int         status;
    const char *file;
  } steps[] = {
    { NULL, { "import", big }, 3, NULL },
    { "80", { "export", export_path }, 2, export_path },
    { "80", { "report", "--period=2025", report_option }, 2, report_path },
    { "80", { "document", "notice", "--session=HN-2025-01", pdf_option }, 1, pdf_path },
    { "400", { "backup", copy_path }, 2, copy_path },
  };
  g_autofree char *import_blocks = NULL;

  /* Enough petitions for a workbook larger than the -shm SQLite must be able to make. */
  dt_test_cli (&run, TODAY, db, "demo", "--petitions=1500", NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db, "backup", NULL);       /* the day's copy,
               made while there is room */
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db, "export", "-", NULL);
  before = g_steal_pointer (&run.out);
  /* The database may grow a little, not take the whole import. */
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  import_blocks = g_strdup_printf ("%d", (int) (buf.st_size / 512) + 64);
  steps[0].blocks = import_blocks;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *limit = g_strdup_printf ("ulimit -f %s; exec \"$0\" \"$@\"",
                                                steps[i].blocks);
      const char *cli_path = g_getenv ("DOITHOAI_CLI");
      const char *argv[] = { "sh", "-c", limit, cli_path, db, steps[i].args[0],
                             steps[i].args[1], steps[i].args[2], steps[i].args[3],
                             steps[i].args[4], NULL };
      g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "DOITHOAI_TODAY", "2026-11-26",
                                             TRUE);
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int wait_status;

      g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                    NULL, NULL, NULL, &err, &wait_status, &error);
      g_assert_no_error (error);
      if (g_test_verbose ())
        g_printerr ("%s: %s", steps[i].args[0], err);
      /* An exit with a message, not a signal half-way. */
      if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != steps[i].status)
        g_error ("%s under a file size limit: exit %d, signal %d: %s", steps[i].args[0],
                 WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1,
                 WIFSIGNALED (wait_status) ? WTERMSIG (wait_status) : 0, err);
      if (strstr (err, "full") == NULL && strstr (err, "larger than") == NULL &&
          strstr (err, "too large") == NULL)
        g_error ("%s: the message does not say why: %s", steps[i].args[0], err);
      if (steps[i].file != NULL)
        g_assert_false (g_file_test (steps[i].file, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (dt_test_count_files (fixture->dir, ".part"), ==, 0);
    }

  dt_test_cli (&run, TODAY, db, "check", NULL);
  g_assert_cmpint (run.status, ==, 0);
  dt_test_cli (&run, TODAY, db, "export", "-", NULL);
  g_assert_cmpstr (run.out, ==, before);
}

/* Root may write anything: the read-only cases run as “nobody” then. */
static const char * const *
other_user (void)
{
  static const char * const as_nobody[] = { "setpriv", "--reuid=65534", "--regid=65534",
                                            "--clear-groups", NULL };
  g_autofree char *setpriv = NULL;

  if (getuid () != 0)
    return NULL;
  setpriv = g_find_program_in_path ("setpriv");
  return setpriv != NULL ? as_nobody : (const char * const *) -1;
}

static void
test_read_only (DtTestFixture *fixture,
                gconstpointer  data)
{
  const char * const *run_as = other_user ();
  g_autofree char *source = dt_test_data_path ("full.json");
  g_autofree char *full = g_build_filename (fixture->dir, "full.json", NULL);
  g_autofree char *closed = g_build_filename (fixture->dir, "closed", NULL);
  g_autofree char *open = g_build_filename (fixture->dir, "open", NULL);
  const char *folders[] = { closed, open };
  g_autofree char *expected = NULL;
  g_auto(DtTestRun) run = { 0 };

  if (run_as == (const char * const *) -1)
    {
      g_test_skip ("Running as root without setpriv: permissions cannot be tested");
      return;
    }
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  /* The document to import beside the databases, where the other user can read it: the
   * source tree may be in a folder closed to others. */
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (full, contents, length, NULL));
    g_assert_cmpint (g_chmod (full, 0644), ==, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (folders[i], "db.sqlite", NULL);
      g_autofree char *option = g_strconcat ("--database=", path, NULL);

      g_assert_cmpint (g_mkdir (folders[i], 0755), ==, 0);
      dt_test_cli (&run, TODAY, option, "import", full, NULL);
      g_assert_cmpint (run.status, ==, 0);
      dt_test_cli (&run, TODAY, option, "export", "-", NULL);
      g_free (expected);
      expected = g_steal_pointer (&run.out);
      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
    }
  /* A read-only file in a folder that cannot be written either, and one in a folder open to
   * all, where SQLite can make its -shm. */
  g_assert_cmpint (g_chmod (closed, 0555), ==, 0);
  g_assert_cmpint (g_chmod (open, 0777), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (folders[i], "db.sqlite", NULL);
      g_autofree char *option = g_strconcat ("--database=", path, NULL);
      g_autofree char *out = g_build_filename (fixture->dir, "out.json", NULL);
      g_autofree char *before = dt_test_file_checksum (path);
      g_autofree char *after = NULL;
      g_autofree char *exported = NULL;
      g_autofree char *err = NULL;
      const char *search[] = { option, "search", "tran thi", NULL };
      const char *check[] = { option, "check", NULL };
      const char *export[] = { option, "export", "-", NULL };
      const char *import[] = { option, "import", "--replace", full, NULL };

      g_assert_cmpint (cli_redirected (run_as, NULL, NULL, &err, search), ==, 0);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (cli_redirected (run_as, NULL, NULL, &err, check), ==, 0);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (cli_redirected (run_as, NULL, out, &err, export), ==, 0);
      g_assert_true (g_file_get_contents (out, &exported, NULL, NULL));
      g_assert_cmpstr (exported, ==, expected);
      g_remove (out);
      g_clear_pointer (&err, g_free);

      /* A change: exit 3, and the message says why. */
      g_assert_cmpint (cli_redirected (run_as, NULL, NULL, &err, import), ==, 3);
      g_assert_nonnull (strstr (err, "read-only"));
      after = dt_test_file_checksum (path);
      g_assert_cmpstr (before, ==, after);
    }
  /* Left as they were found, for the clean-up. */
  g_chmod (closed, 0755);
}
#endif

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/cli/usage", test_usage);
  DT_TEST_ADD ("/cli/init-import-export", test_init_import_export);
  DT_TEST_ADD ("/cli/bad-input", test_bad_input);
  DT_TEST_ADD ("/cli/database-problems", test_database_problems);
  DT_TEST_ADD ("/cli/demo-determinism", test_demo_determinism);
  DT_TEST_ADD ("/cli/backup", test_backup);
  DT_TEST_ADD ("/cli/restore", test_restore);
  DT_TEST_ADD ("/cli/rules-commands", test_rules_commands);
  DT_TEST_ADD ("/cli/command-help", test_command_help);
  DT_TEST_ADD ("/cli/database-after-command", test_database_after_command);
  DT_TEST_ADD ("/cli/own-words", test_own_words);
  DT_TEST_ADD ("/cli/unknown-option", test_unknown_option);
  DT_TEST_ADD ("/cli/export-guard", test_export_guard);
#ifdef G_OS_UNIX
  DT_TEST_ADD ("/cli/import-stdin", test_import_stdin);
  DT_TEST_ADD ("/cli/export-stdout-full", test_export_stdout_full);
  DT_TEST_ADD ("/cli/import-fifo", test_import_fifo);
  DT_TEST_ADD ("/cli/read-only", test_read_only);
  DT_TEST_ADD ("/cli/backup-full-disk", test_backup_full_disk);
  DT_TEST_ADD ("/cli/small-disk", test_small_disk);
  DT_TEST_ADD ("/cli/file-size-limit", test_file_size_limit);
#endif

  return g_test_run ();
}
