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
# include <fcntl.h>
# include <signal.h>
# include <unistd.h>
# include <gio/gunixinputstream.h>
#endif

#include "dt-backup.h"
#include "dt-database.h"
#include "dt-demo.h"
#include "dt-documents.h"
#include "dt-error.h"
#include "dt-exchange.h"
#include "dt-calendar.h"
#include "dt-i18n.h"
#include "dt-lunar.h"
#include "dt-period.h"
#include "dt-report.h"
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

typedef struct _Command Command;

typedef struct
{
  const Command *command;
  /* --database, before or after the command; the default once the options are read. */
  char          *database;
  int            argc;
  char         **argv;
} Context;

static void
context_clear (Context *context)
{
  g_clear_pointer (&context->database, g_free);
  g_clear_pointer (&context->argv, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Context, context_clear)

typedef int (*CommandFunc) (Context *context);

struct _Command
{
  const char  *name;
  const char  *arguments;
  const char  *summary;
  /* What the command does, in a sentence or two, for its --help. */
  const char  *description;
  CommandFunc  func;
  gboolean     uses_database;
  /* The position among the arguments of a file the command reads, or writes; 0 for none.
   * Checked before any work, so that a wrong name is told in the program's own words. */
  int          input_file;
  int          output_file;
};

/* The command being run, for the hint after a usage error. */
static const char *usage_command;

#ifdef G_OS_WIN32
/* Output on Windows. A console shows Vietnamese only when it is handed UTF-16 (WriteConsoleW):
 * the C runtime's text mode garbles UTF-8 even with the console set to UTF-8. Redirected to a
 * file or a pipe, output is the program's UTF-8 byte for byte, with LF line ends as on Linux
 * (binary mode): what `export -` and `search` print is read by other programs. */
static gboolean
write_console (DWORD       which,
               const char *text)
{
  HANDLE handle = GetStdHandle (which);
  g_autofree char *valid = NULL;
  g_autofree gunichar2 *wide = NULL;
  glong length = 0, done = 0;
  DWORD mode;

  if (handle == NULL || handle == INVALID_HANDLE_VALUE || !GetConsoleMode (handle, &mode))
    return FALSE;
  valid = g_utf8_make_valid (text, -1);
  if ((wide = g_utf8_to_utf16 (valid, -1, NULL, &length, NULL)) == NULL)
    return FALSE;
  while (done < length)
    {
      /* Older consoles take at most 64 KiB a call; a surrogate pair is never split (a chunk
       * does not end on a high surrogate, 0xD800 to 0xDBFF). */
      DWORD chunk = (DWORD) MIN (length - done, 8192);
      DWORD written = 0;

      if (done + (glong) chunk < length && (wide[done + chunk - 1] & 0xFC00) == 0xD800)
        chunk--;
      if (!WriteConsoleW (handle, wide + done, chunk, &written, NULL) || written == 0)
        break;
      done += (glong) written;
    }
  return TRUE;
}

static void
print_stdout (const char *text)
{
  fflush (stdout);
  if (!write_console (STD_OUTPUT_HANDLE, text))
    fputs (text, stdout);
}

static void
print_stderr (const char *text)
{
  /* After whatever was printed before it. */
  fflush (stdout);
  if (!write_console (STD_ERROR_HANDLE, text))
    {
      fputs (text, stderr);
      fflush (stderr);
    }
}

static void
setup_windows_output (void)
{
  /* For the bytes that still reach a console through the C runtime. */
  SetConsoleOutputCP (CP_UTF8);
  _setmode (_fileno (stdout), _O_BINARY);
  _setmode (_fileno (stderr), _O_BINARY);
  g_set_print_handler (print_stdout);
  g_set_printerr_handler (print_stderr);
}
#endif

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
  g_autofree char *hint = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (usage_command != NULL)
    hint = g_strdup_printf (_("Run “doithoai-cli %s --help” for usage."), usage_command);
  else
    hint = g_strdup (_("Run “doithoai-cli --help” for usage."));
  g_printerr ("doithoai-cli: %s\n%s\n", message, hint);
  return EXIT_USAGE;
}

static gboolean
is_help_option (const char *arg)
{
  return g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "-?");
}

/* "-" alone is an argument (standard output), and so is "-3": a wrong number, not an option. */
static gboolean
looks_like_option (const char *arg)
{
  return arg[0] == '-' && arg[1] != '\0' && !g_ascii_isdigit (arg[1]);
}

static void
append_option_help (GString    *text,
                    const char *label,
                    const char *description)
{
  /* Aligned by characters: Vietnamese letters take several bytes. */
  glong pad = MAX (1, 24 - g_utf8_strlen (label, -1));

  g_string_append_printf (text, "  %s%*s%s\n", label, (int) pad, "", description);
}

/* Appends TEXT broken into lines of at most WIDTH characters (not bytes), at spaces. */
static void
append_wrapped (GString    *out,
                const char *text,
                glong       width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  glong column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      glong length = g_utf8_strlen (words[i], -1);

      if (column > 0 && column + 1 + length > width)
        {
          g_string_append_c (out, '\n');
          column = 0;
        }
      else if (column > 0)
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[i]);
      column += length;
    }
  g_string_append_c (out, '\n');
}

static void
print_command_help (const Context      *context,
                    const GOptionEntry *entries)
{
  const Command *command = context->command;
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n  doithoai-cli %s%s%s%s\n\n", _("Usage:"),
                          command->uses_database ? "[--database=FILE] " : "", command->name,
                          command->arguments[0] != '\0' ? " " : "", command->arguments);
  append_wrapped (text, _(command->description), 78);
  g_string_append_printf (text, "\n%s\n", _("Options:"));
  for (const GOptionEntry *entry = entries; entry != NULL && entry->long_name != NULL; entry++)
    {
      g_autofree char *label = NULL;

      if (entry->arg == G_OPTION_ARG_NONE)
        label = g_strdup_printf ("--%s", entry->long_name);
      else
        label = g_strdup_printf ("--%s=%s", entry->long_name,
                                 entry->arg_description != NULL ? _(entry->arg_description)
                                                                : _("VALUE"));
      append_option_help (text, label, _(entry->description));
    }
  if (command->uses_database)
    {
      g_autofree char *default_path = dt_database_default_path ();
      g_autofree char *description = g_strdup_printf ("%s %s",
                                                      _("The database file; by default:"),
                                                      default_path);

      append_option_help (text, "--database=FILE", description);
    }
  append_option_help (text, "--help", _("Show this help"));
  g_print ("%s", text->str);
}

static const GOptionEntry *
find_option (const GOptionEntry *entries,
             const char         *name)
{
  for (const GOptionEntry *entry = entries; entry != NULL && entry->long_name != NULL; entry++)
    if (g_str_equal (entry->long_name, name))
      return entry;
  return NULL;
}

/* The value of option NAME: after its "=", or else the next argument. */
static const char *
take_value (Context    *context,
            int        *i,
            const char *inline_value)
{
  if (inline_value != NULL)
    return inline_value;
  if (context->argv[*i + 1] == NULL)
    return NULL;
  return context->argv[++*i];
}

/* Reads a command's own options, and --database, in the program's own words for every
 * mistake (GOption's are GLib's English where its translations are missing, and word an
 * unknown option differently from ours); leaves the command's arguments in context->argv.
 * --help anywhere shows the command's help. FALSE when the command must stop with STATUS. */
static gboolean
parse_options (Context      *context,
               const char   *parameters,
               GOptionEntry *entries,
               int           min_args,
               int           max_args,
               int          *status)
{
  g_autoptr(GPtrArray) arguments = g_ptr_array_new_with_free_func (g_free);
  gboolean options_ended = FALSE;
  int n_args;

  for (int i = 1; context->argv[i] != NULL && !g_str_equal (context->argv[i], "--"); i++)
    if (is_help_option (context->argv[i]))
      {
        print_command_help (context, entries);
        *status = EXIT_DONE;
        return FALSE;
      }

  g_ptr_array_add (arguments, g_strdup (context->argv[0]));
  for (int i = 1; context->argv[i] != NULL; i++)
    {
      const char *arg = context->argv[i];
      const char *equals;
      const char *value;
      const GOptionEntry *entry = NULL;
      g_autofree char *name = NULL;

      if (options_ended || !looks_like_option (arg))
        {
          g_ptr_array_add (arguments, g_strdup (arg));
          continue;
        }
      if (g_str_equal (arg, "--"))
        {
          options_ended = TRUE;
          continue;
        }

      equals = strchr (arg, '=');
      name = equals != NULL ? g_strndup (arg, (gsize) (equals - arg)) : g_strdup (arg);
      if (g_str_equal (name, "--database"))
        {
          value = take_value (context, &i, equals != NULL ? equals + 1 : NULL);
          if (value == NULL || *value == '\0')
            {
              *status = usage_error (_("--database needs a file name."));
              return FALSE;
            }
          g_free (context->database);
          context->database = g_strdup (value);
          continue;
        }

      if (g_str_has_prefix (name, "--"))
        entry = find_option (entries, name + 2);
      if (entry == NULL)
        {
          *status = usage_error (_("Unknown option “%s”."), name);
          return FALSE;
        }

      if (entry->arg == G_OPTION_ARG_NONE)
        {
          if (equals != NULL)
            {
              *status = usage_error (_("%s takes no value."), name);
              return FALSE;
            }
          *(gboolean *) entry->arg_data = TRUE;
          continue;
        }

      value = take_value (context, &i, equals != NULL ? equals + 1 : NULL);
      if (value == NULL)
        {
          *status = usage_error (_("%s needs a value."), name);
          return FALSE;
        }
      if (entry->arg == G_OPTION_ARG_INT)
        {
          gint64 number;

          if (!g_ascii_string_to_signed (value, 10, G_MININT, G_MAXINT, &number, NULL))
            {
              *status = usage_error (_("%s takes a whole number, not “%s”."), name, value);
              return FALSE;
            }
          *(int *) entry->arg_data = (int) number;
        }
      else
        {
          /* The command line is UTF-8 on every system (see main), so a file name too. */
          g_assert (entry->arg == G_OPTION_ARG_STRING || entry->arg == G_OPTION_ARG_FILENAME);
          g_free (*(char **) entry->arg_data);
          *(char **) entry->arg_data = g_strdup (value);
        }
    }
  g_ptr_array_add (arguments, NULL);
  g_strfreev (context->argv);
  context->argv = (char **) g_ptr_array_steal (arguments, NULL);
  context->argc = (int) g_strv_length (context->argv);

  /* argv[0] is the command name. */
  n_args = context->argc - 1;
  if (n_args < min_args || n_args > max_args)
    {
      *status = usage_error (_("“%s” takes %s."), context->argv[0], parameters[0] != '\0'
                             ? parameters : _("no arguments"));
      return FALSE;
    }

  if (context->database == NULL)
    context->database = dt_database_default_path ();

  /* Files named on the command line, before any work: a database is not even created for
   * an import whose file is not there. */
  {
    const Command *command = context->command;
    g_autoptr(GError) error = NULL;

    if (command->input_file > 0 && command->input_file <= n_args &&
        !g_str_equal (context->argv[command->input_file], "-") &&
        !dt_file_check_readable (context->argv[command->input_file], &error))
      {
        *status = fail (error);
        return FALSE;
      }
    if (command->output_file > 0 && command->output_file <= n_args &&
        !g_str_equal (context->argv[command->output_file], "-") &&
        !dt_file_check_writable (context->argv[command->output_file], &error))
      {
        *status = fail (error);
        return FALSE;
      }
  }
  return TRUE;
}

static char *
format_size (goffset size)
{
  return g_format_size_full ((guint64) size, G_FORMAT_SIZE_DEFAULT);
}

/* "2026-11-26 08:30, 412 plans, 1,000 sessions …" for a copy that can be read. */
static char *
describe_backup (const DtBackup *backup)
{
  g_autofree char *when = g_date_time_format (backup->made, "%Y-%m-%d %H:%M");
  g_autofree char *size = format_size (backup->size);

  if (!backup->readable)
    return g_strdup_printf (_("%s, %s, %s: cannot be used: %s"), when,
                            dt_backup_kind_label (backup->kind), size, backup->problem);
  return g_strdup_printf (_("%s, %s, %s: %lld plans, %lld sessions, %lld petitions"), when,
                          dt_backup_kind_label (backup->kind), size, (long long) backup->plans,
                          (long long) backup->sessions, (long long) backup->petitions);
}

/* A database that cannot be used: when it is damaged or gone, the newest good copy. */
static void
suggest_restore (const char   *path,
                 const GError *error)
{
  g_autoptr(DtDiagnosis) diagnosis = NULL;
  g_autofree char *described = NULL;
  g_autofree char *quoted_database = NULL;
  g_autofree char *quoted_backup = NULL;

  if (error->domain != DT_ERROR ||
      (error->code != DT_ERROR_CORRUPT && error->code != DT_ERROR_MISSING))
    return;
  diagnosis = dt_backup_diagnose (path, error);
  if (diagnosis->backup == NULL)
    return;
  described = describe_backup (diagnosis->backup);
  quoted_database = g_shell_quote (path);
  quoted_backup = g_shell_quote (diagnosis->backup->path);
  g_printerr (_("The newest good copy is %s (%s). To put it in place of the database:\n"
                "  doithoai-cli --database=%s restore %s\n"), diagnosis->backup->path,
              described, quoted_database, quoted_backup);
}

/* The first start of a day keeps a copy; one that fails is told, and the work goes on. */
static void
back_up_at_start (DtDatabase *db)
{
  g_autoptr(GError) error = NULL;

  if (!dt_backup_at_start (db, NULL, &error))
    g_printerr (_("doithoai-cli: warning: today's copy of the database was not made: %s\n"),
                error->message);
}

static DtDatabase *
open_database (Context              *context,
               DtDatabaseOpenFlags   flags,
               int                  *status)
{
  g_autoptr(GError) error = NULL;
  DtDatabase *db = NULL;

  /* Else SQLite's own words, when the file is to be created. */
  if (g_file_test (context->database, G_FILE_TEST_IS_DIR))
    g_set_error (&error, DT_ERROR, DT_ERROR_DATABASE, _("“%s” is a folder, not a database file."),
                 context->database);
  else
    db = dt_database_open (context->database, flags, &error);

  if (db == NULL)
    {
      *status = fail (error);
      suggest_restore (context->database, error);
      return NULL;
    }
  back_up_at_start (db);
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

  if (context->argc == 1)
    {
      g_autoptr(DtBackup) backup = dt_backup_make (db, DT_BACKUP_MANUAL, &error);
      g_autofree char *described = NULL;

      if (backup == NULL)
        return fail (error);
      described = describe_backup (backup);
      g_print (_("Backup written to %s (%s)\n"), backup->path, described);
      return EXIT_DONE;
    }
  destination = g_strdup (context->argv[1]);
  if (!dt_database_backup (db, destination, &error))
    return fail (error);
  g_print (_("Backup written to %s\n"), destination);
  return EXIT_DONE;
}

static int
list_backups (Context *context)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = dt_backup_folder (context->database);

  if (!(backups = dt_backup_list (context->database, &error)))
    return fail (error);
  if (backups->len == 0)
    {
      g_print (_("There is no copy of %s in %s yet.\n"), context->database, folder);
      return EXIT_DONE;
    }
  g_print (_("Copies of %s in %s, newest first:\n"), context->database, folder);
  for (guint i = 0; i < backups->len; i++)
    {
      DtBackup *backup = g_ptr_array_index (backups, i);
      g_autofree char *base = g_path_get_basename (backup->path);
      g_autofree char *described = describe_backup (backup);

      g_print ("  %s\n    %s\n", base, described);
    }
  g_print ("%s\n", _("Put one in place of the database with “doithoai-cli restore FILE”."));
  return EXIT_DONE;
}

static int
command_restore (Context *context)
{
  g_autoptr(DtBackup) saved = NULL;
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  int status = EXIT_DONE;

  if (!parse_options (context, _("[BACKUP]"), NULL, 0, 1, &status))
    return status;
  if (context->argc == 1)
    return list_backups (context);

  /* A name from the list is enough: it is looked for in the backup folder. */
  backup = g_strdup (context->argv[1]);
  if (!g_file_test (backup, G_FILE_TEST_EXISTS) && !strchr (backup, G_DIR_SEPARATOR) &&
      !strchr (backup, '/'))
    {
      g_autofree char *folder = dt_backup_folder (context->database);
      g_autofree char *in_folder = g_build_filename (folder, backup, NULL);

      if (g_file_test (in_folder, G_FILE_TEST_EXISTS))
        {
          g_free (backup);
          backup = g_steal_pointer (&in_folder);
        }
    }
  if (!dt_backup_restore (context->database, backup, &saved, &error))
    {
      status = fail (error);
      g_printerr ("%s\n", _("Nothing was restored."));
      return status;
    }
  if (saved != NULL)
    g_print (_("The database as it was is kept in %s\n"), saved->path);

  /* Opened at once: a copy made by an older version is brought up to date now. */
  if (!(db = dt_database_open (context->database, DT_DATABASE_OPEN_EXISTING, &error)))
    return fail (error);
  g_print (_("Restored %s from %s: %lld plans, %lld sessions, %lld petitions.\n"),
           context->database, backup, (long long) dt_database_count (db, "plans", NULL),
           (long long) dt_database_count (db, "sessions", NULL),
           (long long) dt_database_count (db, "petitions", NULL));
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

  /* "-3" stays an argument: a wrong number, not an option. */
  if (!parse_options (context, _("DATE N"), NULL, 2, 2, &status))
    return status;
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

/* One printed document as a PDF: the record is named by the option of its kind. */
static int
command_document (Context *context)
{
  g_autofree char *session = NULL;
  g_autofree char *petitions = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *number = NULL;
  g_autofree char *date = NULL;
  g_autofree char *output = NULL;
  gboolean record = FALSE;
  GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_STRING, &session,
      N_("The session of a notice, minutes or conclusion"), N_("CODE") },
    { "petition", 0, 0, G_OPTION_ARG_STRING, &petitions,
      N_("The petitions of a transfer slip, separated by commas"), N_("CODE[,CODE…]") },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &agency, N_("The agency of a reminder letter"),
      N_("NAME") },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan, N_("The plan to print"), N_("CODE") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Reminder: what is owed on this date (default: the letter’s date)"), N_("DATE") },
    { "number", 0, 0, G_OPTION_ARG_STRING, &number,
      N_("The number (default: the one recorded, else the next one)"), N_("NUMBER") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      N_("The document’s date (default: the one recorded, else today)"), N_("DATE") },
    { "record", 0, 0, G_OPTION_ARG_NONE, &record,
      N_("Record the number and date on the session, plan or petitions"), NULL },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"),
      N_("FILE.pdf") },
    { NULL }
  };
  static const char * const needs[DT_N_DOCUMENT_KINDS] = {
    "--session", "--session", "--session", "--petition", "--agency", "--plan",
  };
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(DtDocument) document = NULL;
  g_autoptr(DtDocumentRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  DtDocumentKind kind;
  const char *given[DT_N_DOCUMENT_KINDS];
  int status = EXIT_DONE;
  GDate check;

  if (!parse_options (context, _("KIND"), entries, 1, 1, &status))
    return status;
  if (!dt_document_kind_from_name (context->argv[1], &kind))
    return usage_error (_("“%s” is not a kind of document: notice, minutes, conclusion, "
                          "transfer, reminder or plan."), context->argv[1]);

  given[DT_DOCUMENT_NOTICE] = given[DT_DOCUMENT_MINUTES] = given[DT_DOCUMENT_CONCLUSION] = session;
  given[DT_DOCUMENT_TRANSFER] = petitions;
  given[DT_DOCUMENT_REMINDER] = agency;
  given[DT_DOCUMENT_PLAN] = plan;
  if (given[kind] == NULL || *given[kind] == '\0')
    return usage_error (_("A %s needs %s."), context->argv[1], needs[kind]);
  if ((session != NULL && kind > DT_DOCUMENT_CONCLUSION) ||
      (petitions != NULL && kind != DT_DOCUMENT_TRANSFER) ||
      (agency != NULL && kind != DT_DOCUMENT_REMINDER) ||
      (plan != NULL && kind != DT_DOCUMENT_PLAN) ||
      (as_of != NULL && kind != DT_DOCUMENT_REMINDER))
    return usage_error (_("A %s is made from %s alone."), context->argv[1], needs[kind]);
  if (output == NULL || *output == '\0')
    return usage_error (_("Say where to write the PDF with --output=FILE.pdf."));
  if (as_of != NULL && !parse_date_argument (as_of, &check, &status))
    return status;
  if (date != NULL && !parse_date_argument (date, &check, &status))
    return status;

  /* The output's folder first, and never over the database itself: a wrong --output is a
   * usage mistake, told before any work. */
  if (!dt_file_check_writable (output, &error))
    {
      g_printerr ("doithoai-cli: %s\n", error->message);
      return EXIT_USAGE;
    }
  {
    g_autofree char *a = g_canonicalize_filename (output, NULL);
    g_autofree char *b = g_canonicalize_filename (context->database, NULL);

    if (g_str_equal (a, b))
      return usage_error (_("“%s” is the database: write the PDF to another file."), output);
  }

  if (!(db = open_database (context, DT_DATABASE_OPEN_EXISTING, &status)))
    return status;

  request = dt_document_request_new (kind);
  request->session = g_strdup (session);
  request->agency = g_strdup (agency);
  request->plan = g_strdup (plan);
  request->as_of = g_strdup (as_of);
  request->number = g_strdup (number);
  request->date = g_strdup (date);
  if (petitions != NULL)
    {
      g_auto(GStrv) codes = g_strsplit (petitions, ",", -1);
      g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; codes[i] != NULL; i++)
        {
          g_strstrip (codes[i]);
          if (*codes[i] != '\0')
            g_ptr_array_add (clean, g_strdup (codes[i]));
        }
      g_ptr_array_add (clean, NULL);
      request->petitions = (char **) g_ptr_array_steal (clean, NULL);
    }

  if (!(document = dt_document_build (db, request, &error)))
    return fail (error);
  if (!dt_document_write_pdf (document, output, db, &error))
    {
      /* The file named on the command line cannot be written: try another one. */
      g_printerr ("doithoai-cli: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (record && !dt_document_record (db, request, &error))
    {
      g_printerr ("doithoai-cli: %s\n", error->message);
      g_printerr (_("The PDF was written, but its number was not recorded.\n"));
      return dt_error_exit_status (error);
    }
  g_print (_("%s written to %s (%d pages)\n"), dt_document_get_name (document), output,
           dt_document_get_n_pages (document));
  return EXIT_DONE;
}

/* libxlsxwriter tells its own errors on standard error, in English and naming the temporary
 * file: the program says them in its own words instead. -1 when nothing was changed. */
static int
quiet_stderr (void)
{
#ifdef G_OS_UNIX
  int saved, null;

  fflush (stderr);
  if ((saved = dup (STDERR_FILENO)) < 0)
    return -1;
  if ((null = open ("/dev/null", O_WRONLY)) >= 0)
    {
      dup2 (null, STDERR_FILENO);
      close (null);
    }
  return saved;
#else
  return -1;
#endif
}

static void
restore_stderr (int saved)
{
#ifdef G_OS_UNIX
  if (saved < 0)
    return;
  fflush (stderr);
  dup2 (saved, STDERR_FILENO);
  close (saved);
#endif
}

static int
command_report (Context *context)
{
  g_autofree char *period_text = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text,
      N_("2025-06, 2025-Q2, 2025-H1, 2025-9M, 2025, 2021..2025 or FROM..TO"), N_("P") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Figures as of DATE (default: the period's end, or today when earlier)"), N_("DATE") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The workbook to write"),
      N_("FILE.xlsx") },
    { NULL }
  };
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of_shown = NULL;
  g_autofree char *title = NULL;
  DtPeriod period;
  GDate as_of;
  gboolean ok;
  int status = EXIT_DONE;

  if (!parse_options (context, "", entries, 0, 0, &status))
    return status;
  if (period_text == NULL)
    return usage_error (_("Say which period with --period, such as --period=2025-Q2."));
  if (output == NULL || *output == '\0')
    return usage_error (_("Say where to write the workbook with --output=FILE.xlsx."));
  if (!dt_period_parse (period_text, &period, &error))
    return usage_error ("%s", error->message);
  if (as_of_text == NULL)
    dt_period_default_as_of (&period, NULL, &as_of);
  else if (!dt_date_parse (as_of_text, &as_of))
    return usage_error (_("--as-of takes a real date written YYYY-MM-DD, not “%s”."),
                        as_of_text);
  if (!dt_period_check_as_of (&period, &as_of, &error))
    return usage_error ("%s", error->message);

  if (!(db = open_database (context, DT_DATABASE_OPEN_EXISTING, &status)))
    return status;
  {
    int saved = quiet_stderr ();

    ok = dt_report_write_file (db, &period, &as_of, output, NULL, NULL, NULL, &error);
    restore_stderr (saved);
  }
  if (!ok)
    {
      status = fail (error);
      g_printerr ("%s\n", _("No report was written."));
      return status;
    }
  title = dt_period_title (&period);
  as_of_shown = dt_date_format_display (&as_of);
  g_print (_("Report for %s, as of %s, written to %s\n"), title, as_of_shown, output);
  return EXIT_DONE;
}

static const Command commands[] = {
  { .name = "init", .arguments = "",
    .summary = N_("Create the database, or bring it up to date"),
    .description = N_("Creates the database file, or brings one made by an older version up "
                      "to date; the records in it are kept."),
    .func = command_init, .uses_database = TRUE },
  { .name = "import", .arguments = "[--replace] FILE.json",
    .summary = N_("Import an exchange document (all or nothing)"),
    .description = N_("Adds the records of an exchange document (JSON) to the database: all "
                      "of them, or none when one of them is wrong."),
    .func = command_import, .uses_database = TRUE, .input_file = 1 },
  { .name = "export", .arguments = "[--mask-confidential] FILE.json",
    .summary = N_("Export everything as an exchange document"),
    .description = N_("Writes everything the database holds as an exchange document (JSON); "
                      "“-” as FILE writes it to the screen."),
    .func = command_export, .uses_database = TRUE, .output_file = 1 },
  { .name = "demo", .arguments = "[--petitions=N] [--seed=S]",
    .summary = N_("Fill an empty database with realistic demo data"),
    .description = N_("Fills an empty database with realistic made-up records over the five "
                      "years before this one and this year, to try the program out."),
    .func = command_demo, .uses_database = TRUE },
  { .name = "search", .arguments = "[--limit=N] QUERY",
    .summary = N_("Find petitions, with or without Vietnamese marks"),
    .description = N_("Finds petitions by code, name, address or the words of their summary "
                      "and content, typed with or without Vietnamese marks: one line each, "
                      "best first."),
    .func = command_search, .uses_database = TRUE },
  { .name = "workdays", .arguments = "DATE N",
    .summary = N_("The N-th working day after DATE"),
    .description = N_("Prints the N-th working day after DATE, by the holidays and make-up "
                      "days of the database, or by the law’s default holidays when there is "
                      "no database."),
    .func = command_workdays, .uses_database = TRUE },
  { .name = "lunar", .arguments = "DATE",
    .summary = N_("The lunar date of DATE"),
    .description = N_("Prints the Vietnamese lunar date of DATE and the name of its year."),
    .func = command_lunar },
  { .name = "report", .arguments = "--period=P [--as-of=D] --output=F",
    .summary = N_("Write the Excel report form of a period"),
    .description = N_("Writes the Excel report form of a period: a month (2025-06), a quarter "
                      "(2025-Q2), six months (2025-H1), nine months (2025-9M), a year (2025), a "
                      "review of several years, one column each (2021..2025), or from one day "
                      "to another (2025-04-01..2025-06-30). Figures are as of the period's end, "
                      "or today when that is earlier, unless --as-of says otherwise."),
    .func = command_report, .uses_database = TRUE },
  { .name = "check", .arguments = "[--all]",
    .summary = N_("Check integrity, count records, list what is late"),
    .description = N_("Checks the database for damage, counts its records and lists what is "
                      "late as of today."),
    .func = command_check, .uses_database = TRUE },
  { .name = "document", .arguments = "KIND OPTIONS --output=FILE.pdf",
    .summary = N_("Write a notice, minutes or other document as PDF"),
    .description = N_("Writes one printed document as a PDF file: KIND is notice, minutes or "
                      "conclusion (of --session), transfer (of --petition), reminder (to "
                      "--agency) or plan (--plan). It carries the number and date recorded, "
                      "else the next number and today; --record keeps them."),
    .func = command_document, .uses_database = TRUE },
  { .name = "backup", .arguments = "[FILE]",
    .summary = N_("Copy the database safely, even while it is in use"),
    .description = N_("Copies the database safely, even while it is in use, to FILE or else "
                      "to a dated file in the “Sao lưu” folder beside it. Every copy is checked "
                      "before it is kept, and only its owner may read it."),
    .func = command_backup, .uses_database = TRUE, .output_file = 1 },
  { .name = "restore", .arguments = "[BACKUP]",
    .summary = N_("Put a backup in place of the database"),
    .description = N_("Puts the copy BACKUP in place of the database, after checking it whole "
                      "and saving the database as it is in the “Sao lưu” folder. Refused while "
                      "another program has the database open. Without BACKUP, lists the copies "
                      "in that folder, newest first, with their records."),
    .func = command_restore, .uses_database = TRUE },
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
  g_string_append_printf (text, "%s\n",
                          _("Run “doithoai-cli COMMAND --help” for what a command does and its "
                            "options."));
  if (stream == stderr)
    g_printerr ("%s", text->str);
  else
    g_print ("%s", text->str);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  const char *today = g_getenv ("DOITHOAI_TODAY");
  const Command *command = NULL;
  /* Freed on every way out, usage errors included. */
  g_auto(Context) context = { 0 };
  int status;
  int i;

#ifdef G_OS_WIN32
  g_auto(GStrv) utf8_argv = g_win32_get_command_line ();

  setup_windows_output ();
  argv = utf8_argv;
  argc = (int) g_strv_length (argv);
#endif

  dt_i18n_init ();
#ifdef G_OS_UNIX
  /* A limit on file sizes ends a write with an error the program words, not with a signal
   * that kills it half-way. */
  signal (SIGXFSZ, SIG_IGN);
#endif

  /* Options before the command; --database may also come after it (parse_options). */
  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_has_prefix (arg, "--database=") || g_str_equal (arg, "--database"))
        {
          const char *value = arg[strlen ("--database")] == '=' ? arg + strlen ("--database=")
                                                                : argv[++i];

          if (value == NULL || *value == '\0')
            return usage_error (_("--database needs a file name."));
          g_free (context.database);
          context.database = g_strdup (value);
        }
      else if (is_help_option (arg))
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
        {
          g_autofree char *name = g_strndup (arg, strcspn (arg, "="));

          return usage_error (_("Unknown option “%s”."), name);
        }
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
  usage_command = command->name;

  if (today != NULL && !dt_date_is_valid (today))
    return usage_error (_("DOITHOAI_TODAY must be a real date written YYYY-MM-DD, not “%s”."),
                        today);

  for (; i < argc; i++)
    g_ptr_array_add (rest, argv[i]);
  g_ptr_array_add (rest, NULL);

  context.command = command;
  context.argc = (int) rest->len - 1;
  context.argv = g_strdupv ((char **) rest->pdata);
  status = command->func (&context);
  return status;
}
