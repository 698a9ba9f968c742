/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "doithoai-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#ifdef G_OS_WIN32
# include <fcntl.h>
# include <io.h>
# include <windows.h>
# include <gio/gwin32inputstream.h>
#else
# include <gio/gunixinputstream.h>
#endif

#include "dt-database.h"
#include "dt-demo.h"
#include "dt-error.h"
#include "dt-exchange.h"
#include "dt-calendar.h"
#include "dt-i18n.h"
#include "dt-lunar.h"
#include "dt-search.h"
#include "dt-status.h"
#include "dt-util.h"

enum
{
  EXIT_DONE = 0,
  EXIT_USAGE = 1,
  EXIT_INPUT = 2,
  EXIT_DATABASE = 3,
};

typedef struct
{
  const char *database;
  int         argc;
  char      **argv;
} Context;

typedef int (*CommandFunc) (Context *context);

typedef struct
{
  const char  *name;
  const char  *arguments;
  const char  *summary;
  CommandFunc  func;
} Command;

static int
fail (const GError *error)
{
  g_printerr ("doithoai-cli: %s\n", error->message);
  if (error->domain == DT_ERROR && error->code == DT_ERROR_DUPLICATE)
    g_printerr ("%s\n", _("Use “import --replace” to replace the records that already exist."));
  return dt_error_exit_status (error);
}

G_GNUC_PRINTF (1, 2)
static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("doithoai-cli: %s\n%s\n", message, _("Run “doithoai-cli --help” for usage."));
  return EXIT_USAGE;
}

/* Parses a command's own options; leaves its arguments in context->argv. */
static gboolean
parse_options (Context      *context,
               const char   *parameters,
               GOptionEntry *entries,
               int           min_args,
               int           max_args,
               int          *status)
{
  g_autoptr(GOptionContext) option_context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  int n_args;

  g_option_context_set_help_enabled (option_context, TRUE);
  if (entries != NULL)
    g_option_context_add_main_entries (option_context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);
  /* The strv form takes UTF-8 on every system, Windows included. */
  if (!g_option_context_parse_strv (option_context, &context->argv, &error))
    {
      *status = usage_error ("%s", error->message);
      return FALSE;
    }
  context->argc = (int) g_strv_length (context->argv);
  /* argv[0] is the command name. */
  n_args = context->argc - 1;
  if (n_args < min_args || n_args > max_args)
    {
      *status = usage_error (_("“%s” takes %s."), context->argv[0], parameters[0] != '\0'
                             ? parameters : _("no arguments"));
      return FALSE;
    }
  return TRUE;
}

static DtDatabase *
open_database (Context              *context,
               DtDatabaseOpenFlags   flags,
               int                  *status)
{
  g_autoptr(GError) error = NULL;
  DtDatabase *db = dt_database_open (context->database, flags, &error);

  if (db == NULL)
    *status = fail (error);
  return db;
}

static int
command_init (Context *context)
{
  g_autoptr(DtDatabase) db = NULL;
  int status = EXIT_DONE;

  if (!parse_options (context, "", NULL, 0, 0, &status))
    return status;
  if (!(db = open_database (context, DT_DATABASE_OPEN_CREATE, &status)))
    return status;
  g_print (_("Database ready: %s (schema version %d)\n"), dt_database_get_path (db),
           dt_database_get_user_version (db));
  return EXIT_DONE;
}

static int
command_import (Context *context)
{
  gboolean replace = FALSE;
  GOptionEntry entries[] = {
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Replace records whose code already exists"), NULL },
    { NULL }
  };
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  DtImportSummary summary;
  gboolean existed;
  gboolean ok;
  int status = EXIT_DONE;

  if (!parse_options (context, _("FILE.json"), entries, 1, 1, &status))
    return status;
  existed = g_file_test (context->database, G_FILE_TEST_EXISTS);
  if (!(db = open_database (context, DT_DATABASE_OPEN_CREATE, &status)))
    return status;
  if (g_str_equal (context->argv[1], "-"))
    {
#ifdef G_OS_WIN32
      g_autoptr(GInputStream) in = g_win32_input_stream_new (GetStdHandle (STD_INPUT_HANDLE),
                                                             FALSE);
#else
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
#endif
      ok = dt_exchange_import_stream (db, in, _("standard input"), -1, replace, &summary, NULL,
                                      NULL, NULL, &error);
    }
  else
    ok = dt_exchange_import_file (db, context->argv[1], replace, &summary, &error);
  if (!ok)
    {
      status = fail (error);
      g_printerr ("%s\n", _("Nothing was imported: the database is unchanged."));
      if (!existed)
        {
          /* A new database made only for this import goes away with it. */
          const char *suffixes[] = { "", "-wal", "-shm" };

          g_clear_object (&db);
          for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
            {
              g_autofree char *file = g_strconcat (context->database, suffixes[i], NULL);
              g_remove (file);
            }
        }
      return status;
    }
  g_print (_("Imported %u plans, %u sessions and %u petitions.\n"),
           summary.plans, summary.sessions, summary.petitions);
  if (summary.calendar_years > 0)
    g_print (_("Holiday calendars taken from the file: %u years.\n"), summary.calendar_years);
  if (summary.calendar_skipped > 0)
    g_print (_("Holiday calendars kept as they were in this database: %u years (use --replace "
               "to take the file's).\n"), summary.calendar_skipped);
  if (summary.unit_skipped)
    g_print ("%s\n", _("The unit settings in the file were not applied: this database already "
                       "has its own (use --replace to take them)."));
  return EXIT_DONE;
}

static gboolean
stdout_error (int      saved_errno,
              GError **error)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("The export could not be written to standard output: %s. What was written is "
                 "incomplete."), g_strerror (saved_errno));
  return FALSE;
}

/* Every piece checked: a full disk or a closed pipe must not look like success. */
static gboolean
write_stdout (gpointer     user_data,
              const void  *data,
              gsize        length,
              GError     **error)
{
  errno = 0;
  if (fwrite (data, 1, length, stdout) != length || ferror (stdout))
    return stdout_error (errno != 0 ? errno : EIO, error);
  return TRUE;
}

static gboolean
flush_stdout (GError **error)
{
  errno = 0;
  if (fflush (stdout) != 0 || ferror (stdout))
    return stdout_error (errno != 0 ? errno : EIO, error);
  return TRUE;
}

static int
command_export (Context *context)
{
  gboolean mask = FALSE;
  GOptionEntry entries[] = {
    { "mask-confidential", 0, 0, G_OPTION_ARG_NONE, &mask,
      N_("Hide the names and addresses of confidential petitioners"), NULL },
    { NULL }
  };
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  int status = EXIT_DONE;

  if (!parse_options (context, _("FILE.json"), entries, 1, 1, &status))
    return status;
  if (!(db = open_database (context, DT_DATABASE_OPEN_EXISTING, &status)))
    return status;
  path = context->argv[1];

  if (g_str_equal (path, "-"))
    {
#ifdef G_OS_WIN32
      /* The same bytes as in a file: no CR added before each line feed. */
      _setmode (_fileno (stdout), _O_BINARY);
#endif
      if (!dt_exchange_export_to (db, mask, write_stdout, NULL, NULL, NULL, NULL, &error) ||
          !flush_stdout (&error))
        {
          g_printerr ("doithoai-cli: %s\n", error->message);
          return EXIT_DATABASE;
        }
      return EXIT_DONE;
    }
  if (!dt_exchange_export_file (db, path, mask, &error))
    return fail (error);
  g_print (_("Exported to %s\n"), path);
  return EXIT_DONE;
}

static int
command_demo (Context *context)
{
  int petitions = DT_DEMO_DEFAULT_PETITIONS;
  int seed = 1;
  GOptionEntry entries[] = {
    { "petitions", 0, 0, G_OPTION_ARG_INT, &petitions, N_("Number of petitions (default 600)"),
      N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed of the generator (default 1)"), N_("S") },
    { NULL }
  };
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_DONE;

  if (!parse_options (context, "", entries, 0, 0, &status))
    return status;
  if (petitions < 0 || petitions > 2000000)
    return usage_error (_("--petitions must be between 0 and 2000000."));
  if (!(db = open_database (context, DT_DATABASE_OPEN_CREATE, &status)))
    return status;
  if (!dt_demo_generate (db, (guint) petitions, (guint32) seed, &error))
    return fail (error);
  g_print (_("Demo data written to %s: %lld plans, %lld sessions, %lld petitions.\n"),
           dt_database_get_path (db), (long long) dt_database_count (db, "plans", NULL),
           (long long) dt_database_count (db, "sessions", NULL),
           (long long) dt_database_count (db, "petitions", NULL));
  return EXIT_DONE;
}

static int
command_check (Context *context)
{
  static const struct {
    const char *table;
    const char *label;
  } counts[] = {
    { "plans", N_("Plans") },
    { "sessions", N_("Sessions") },
    { "petitions", N_("Petitions") },
    { "petition_events", N_("Petition events") },
    { "villages", N_("Villages") },
    { "agencies", N_("Agencies") },
    { "fields", N_("Fields") },
    { "calendar_years", N_("Calendar years set by hand") },
    { "audit_log", N_("Audit log entries") },
  };
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("List every warning, not only the first 50"),
      NULL },
    { NULL }
  };
  const guint max_warnings = 50;
  int status = EXIT_DONE;

  if (!parse_options (context, "", entries, 0, 0, &status))
    return status;
  if (!(db = open_database (context, DT_DATABASE_OPEN_EXISTING, &status)))
    return status;
  if (!(problems = dt_database_check (db, &error)))
    return fail (error);

  g_print (_("Database: %s (schema version %d)\n"), dt_database_get_path (db),
           dt_database_get_user_version (db));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      gint64 count = dt_database_count (db, counts[i].table, &error);
      if (count < 0)
        return fail (error);
      const char *label = _(counts[i].label);
      /* Padded by characters, not bytes: Vietnamese letters take several bytes. */
      glong pad = MAX (0, 34 - g_utf8_strlen (label, -1));

      g_print ("  %s%*s %lld\n", label, (int) pad, "", (long long) count);
    }
  if (problems->len > 0)
    {
      g_printerr (_("The database has %u integrity problems:\n"), problems->len);
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("  %s\n", (const char *) g_ptr_array_index (problems, i));
      return EXIT_DATABASE;
    }
  g_print ("%s\n", _("Integrity: no problems found."));

  {
    g_autoptr(GPtrArray) warnings = NULL;
    g_autofree char *shown = NULL;
    g_autofree char *today_iso = NULL;
    GDate today;

    dt_today (&today);
    today_iso = dt_date_to_iso (&today);
    shown = dt_date_to_display (today_iso);
    if (!(warnings = dt_rule_warnings (db, &today, &error)))
      return fail (error);
    if (warnings->len == 0)
      g_print (_("Deadlines as of %s: nothing late.\n"), shown);
    else
      g_print (_("Deadlines as of %s: %u warnings.\n"), shown, warnings->len);
    for (guint i = 0; i < warnings->len && (i < max_warnings || all); i++)
      g_print ("  %s\n", (const char *) g_ptr_array_index (warnings, i));
    if (warnings->len > max_warnings && !all)
      g_print (_("  … and %u more (see them all with “check --all”).\n"),
               warnings->len - max_warnings);
  }
  return EXIT_DONE;
}

static int
command_backup (Context *context)
{
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *destination = NULL;
  int status = EXIT_DONE;

  if (!parse_options (context, _("[FILE]"), NULL, 0, 1, &status))
    return status;
  if (!(db = open_database (context, DT_DATABASE_OPEN_EXISTING, &status)))
    return status;

  if (context->argc > 1)
    destination = g_strdup (context->argv[1]);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *dir = g_path_get_dirname (dt_database_get_path (db));
      g_autofree char *backups = g_build_filename (dir, "backups", NULL);
      g_autofree char *name = g_date_time_format (now, "doithoai-%Y-%m-%d-%H%M%S.sqlite");

      if (g_mkdir_with_parents (backups, 0700) != 0)
        {
          g_printerr ("doithoai-cli: %s: %s\n", backups, g_strerror (errno));
          return EXIT_INPUT;
        }
      destination = g_build_filename (backups, name, NULL);
    }
  if (!dt_database_backup (db, destination, &error))
    return fail (error);
  g_print (_("Backup written to %s\n"), destination);
  return EXIT_DONE;
}

static gboolean
parse_date_argument (const char *text,
                     GDate      *date,
                     int        *status)
{
  if (!dt_date_parse (text, date))
    {
      g_printerr ("doithoai-cli: ");
      g_printerr (_("“%s” is not a real date written YYYY-MM-DD between %d and %d.\n"), text,
                  DT_YEAR_MIN, DT_YEAR_MAX);
      *status = EXIT_INPUT;
      return FALSE;
    }
  return TRUE;
}

static int
command_workdays (Context *context)
{
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(DtWorkCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  const char *number;
  char *end = NULL;
  gint64 n;
  GDate from, result;
  int status = EXIT_DONE;

  /* No options: "-3" is a (wrong) number, not an option. */
  if (context->argc != 3)
    return usage_error (_("“%s” takes %s."), context->argv[0], _("DATE N"));
  if (!parse_date_argument (context->argv[1], &from, &status))
    return status;
  number = context->argv[2];
  n = g_ascii_strtoll (number, &end, 10);
  /* Digits only (a minus sign is read, to say that N may not be negative). */
  if (!g_ascii_isdigit (number[number[0] == '-']) || *end != '\0')
    {
      g_printerr ("doithoai-cli: %s\n", _("N must be a whole number of working days."));
      return EXIT_INPUT;
    }
  if (n < 0 || n > DT_WORKDAYS_MAX)
    {
      g_printerr ("doithoai-cli: ");
      g_printerr (_("The number of working days must be between 0 and %d, not %s.\n"),
                  DT_WORKDAYS_MAX, number);
      return EXIT_INPUT;
    }

  /* The secretary's own holiday tables when there is a database; the law's defaults else. */
  if (g_file_test (context->database, G_FILE_TEST_EXISTS))
    {
      if (!(db = open_database (context, DT_DATABASE_OPEN_EXISTING, &status)))
        return status;
      if (!(calendar = dt_work_calendar_new (db, &error)))
        return fail (error);
    }
  else
    calendar = dt_work_calendar_new_default ();

  if (!dt_work_calendar_add (calendar, &from, (int) n, &result, &error))
    return fail (error);
  iso = dt_date_to_iso (&result);
  g_print ("%s\n", iso);
  return EXIT_DONE;
}

static int
command_lunar (Context *context)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  DtLunarDate lunar;
  GDate date;
  int status = EXIT_DONE;

  if (!parse_options (context, _("DATE"), NULL, 1, 1, &status))
    return status;
  if (!parse_date_argument (context->argv[1], &date, &status))
    return status;
  if (!dt_lunar_from_solar (&date, &lunar, &error))
    return fail (error);
  text = dt_lunar_format (&lunar);
  g_print ("%s\n", text);
  return EXIT_DONE;
}

/* Free text on one line and in one column: tabs and line breaks become spaces. */
static char *
one_line (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  for (char *p = copy; *p != '\0'; p++)
    if (*p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';
  return copy;
}

static int
command_search (Context *context)
{
  int limit = 20;
  GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N petitions (default 20)"), N_("N") },
    { NULL }
  };
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  int status = EXIT_DONE;

  if (!parse_options (context, _("QUERY"), entries, 1, G_MAXINT, &status))
    return status;
  if (limit < 1 || limit > 100000)
    return usage_error (_("--limit must be between 1 and 100000."));
  if (!(db = open_database (context, DT_DATABASE_OPEN_EXISTING, &status)))
    return status;

  /* The words may come as one argument or several. */
  for (int i = 1; i < context->argc; i++)
    g_string_append_printf (query, "%s%s", i > 1 ? " " : "", context->argv[i]);
  if (!(hits = dt_search_petitions (db, query->str, (guint) limit, &error)))
    return fail (error);
  for (guint i = 0; i < hits->len; i++)
    {
      DtSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *petitioner = one_line (hit->petitioner);
      g_autofree char *summary = one_line (hit->summary);

      g_print ("%s\t%s\t%s\t%s\n", hit->code, hit->received, petitioner, summary);
    }
  return EXIT_DONE;
}

static const Command commands[] = {
  { "init", "", N_("Create the database, or bring it up to date"), command_init },
  { "import", "[--replace] FILE.json", N_("Import an exchange document (all or nothing)"),
    command_import },
  { "export", "[--mask-confidential] FILE.json", N_("Export everything as an exchange document"),
    command_export },
  { "demo", "[--petitions=N] [--seed=S]", N_("Fill an empty database with realistic demo data"),
    command_demo },
  { "search", "[--limit=N] QUERY", N_("Find petitions, with or without Vietnamese marks"),
    command_search },
  { "workdays", "DATE N", N_("The N-th working day after DATE"), command_workdays },
  { "lunar", "DATE", N_("The lunar date of DATE"), command_lunar },
  { "check", "[--all]", N_("Check integrity, count records, list what is late"),
    command_check },
  { "backup", "[FILE]", N_("Copy the database safely, even while it is in use"), command_backup },
};

static void
print_help (FILE *stream)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *default_path = dt_database_default_path ();

  g_string_append_printf (text, "%s\n  doithoai-cli [--database=FILE] %s\n\n%s\n",
                          _("Usage:"), _("COMMAND [OPTIONS] [ARGUMENTS]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-8s %-34s %s\n", commands[i].name, commands[i].arguments,
                            _(commands[i].summary));
  g_string_append_printf (text, "\n%s\n  --database=FILE  %s\n  %s\n\n%s\n",
                          _("Options:"), _("The database file; by default:"), default_path,
                          _("Dates are written YYYY-MM-DD. DOITHOAI_TODAY=YYYY-MM-DD replaces "
                            "today's date.\nExit status: 0 done, 1 bad usage, 2 bad input, "
                            "3 database problem."));
  fputs (text->str, stream);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *database = NULL;
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  const char *today = g_getenv ("DOITHOAI_TODAY");
  const Command *command = NULL;
  Context context = { 0 };
  int status;
  int i;

#ifdef G_OS_WIN32
  g_auto(GStrv) utf8_argv = g_win32_get_command_line ();

  SetConsoleOutputCP (CP_UTF8);
  argv = utf8_argv;
  argc = (int) g_strv_length (argv);
#endif

  dt_i18n_init ();

  /* Global options come before the command. */
  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_has_prefix (arg, "--database="))
        {
            g_free (database);
            database = g_strdup (arg + strlen ("--database="));
          }
      else if (g_str_equal (arg, "--database"))
        {
          if (++i >= argc)
            return usage_error (_("--database needs a file name."));
          g_free (database);
          database = g_strdup (argv[i]);
        }
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help (stdout);
          return EXIT_DONE;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("doithoai-cli %s\n", PACKAGE_VERSION);
          return EXIT_DONE;
        }
      else if (arg[0] == '-')
        return usage_error (_("Unknown option “%s”."), arg);
      else
        break;
    }

  if (i >= argc)
    {
      print_help (stderr);
      return EXIT_USAGE;
    }
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      command = &commands[c];
  if (command == NULL)
    return usage_error (_("Unknown command “%s”."), argv[i]);

  if (today != NULL && !dt_date_is_valid (today))
    return usage_error (_("DOITHOAI_TODAY must be a real date written YYYY-MM-DD, not “%s”."),
                        today);

  if (database == NULL)
    database = dt_database_default_path ();
  if (*database == '\0')
    return usage_error (_("--database needs a file name."));

  for (; i < argc; i++)
    g_ptr_array_add (rest, argv[i]);
  g_ptr_array_add (rest, NULL);

  context.database = database;
  context.argc = (int) rest->len - 1;
  context.argv = g_strdupv ((char **) rest->pdata);
  status = command->func (&context);
  g_strfreev (context.argv);
  return status;
}
