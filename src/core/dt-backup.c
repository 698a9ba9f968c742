/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-backup"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dt-backup.h"
#include "dt-backup-private.h"
#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-output.h"
#include "dt-text.h"
#include "dt-util.h"

#define FOLDER_NAME "Sao lưu"
#define EXTENSION ".sqlite"
/* 'DtHN', as dt-database.c writes it. */
#define DT_APPLICATION_ID 0x4474484e
/* "YYYY-MM-DD-HHMMSS" */
#define STAMP_LENGTH 17

/* In the file names, without marks: every file system and archive program takes them. */
static const char * const kind_names[] = {
  [DT_BACKUP_DAILY] = "hang-ngay",
  [DT_BACKUP_MIGRATION] = "truoc-nang-cap",
  [DT_BACKUP_RESTORE] = "truoc-khoi-phuc",
  [DT_BACKUP_MANUAL] = NULL,
  [DT_BACKUP_OTHER] = NULL,
};

void
dt_backup_free (DtBackup *backup)
{
  if (backup == NULL)
    return;
  g_clear_pointer (&backup->made, g_date_time_unref);
  g_free (backup->path);
  g_free (backup->problem);
  g_free (backup);
}

const char *
dt_backup_kind_label (DtBackupKind kind)
{
  switch (kind)
    {
    case DT_BACKUP_DAILY:
      return _("daily");
    case DT_BACKUP_MIGRATION:
      return _("before an update of the program");
    case DT_BACKUP_RESTORE:
      return _("before a restore");
    case DT_BACKUP_MANUAL:
      return _("made by hand");
    case DT_BACKUP_OTHER:
    default:
      return _("other copy");
    }
}

char *
dt_backup_folder (const char *database_path)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);
  folder = g_path_get_dirname (database_path);
  return g_build_filename (folder, FOLDER_NAME, NULL);
}

/* "doithoai.sqlite" → "doithoai": what each copy's name begins with. */
static char *
database_stem (const char *database_path)
{
  g_autofree char *base = g_path_get_basename (database_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static char *
display_name (const char *path)
{
  return g_filename_display_name (path);
}

/* STEM-YYYY-MM-DD-HHMMSS[-KIND][-N].sqlite: the kind and the time, or FALSE for a file that
 * is not a copy of this database. */
static gboolean
parse_name (const char    *name,
            const char    *stem,
            DtBackupKind  *kind,
            GDateTime    **made)
{
  gsize stem_length = strlen (stem);
  g_autofree char *rest = NULL;
  const char *p;
  int year, month, day, hour, minute, second;

  if (!g_str_has_prefix (name, stem) || name[stem_length] != '-' ||
      !g_str_has_suffix (name, EXTENSION))
    return FALSE;
  p = name + stem_length + 1;
  if (strlen (p) < STAMP_LENGTH + strlen (EXTENSION) ||
      sscanf (p, "%4d-%2d-%2d-%2d%2d%2d", &year, &month, &day, &hour, &minute, &second) != 6)
    return FALSE;
  for (guint i = 0; i < STAMP_LENGTH; i++)
    if ((i == 4 || i == 7 || i == 10) ? p[i] != '-' : !g_ascii_isdigit (p[i]))
      return FALSE;
  *made = g_date_time_new_local (year, month, day, hour, minute, second);
  if (*made == NULL)
    return FALSE;

  /* What follows the time: nothing, a kind, a number to tell copies of one second apart. */
  rest = g_strndup (p + STAMP_LENGTH, strlen (p) - STAMP_LENGTH - strlen (EXTENSION));
  *kind = DT_BACKUP_MANUAL;
  for (guint k = 0; k < G_N_ELEMENTS (kind_names); k++)
    if (kind_names[k] != NULL && rest[0] == '-' && g_str_has_prefix (rest + 1, kind_names[k]))
      {
        const char *after = rest + 1 + strlen (kind_names[k]);

        *kind = (DtBackupKind) k;
        memmove (rest, after, strlen (after) + 1);
        break;
      }
  if (rest[0] != '\0')
    {
      guint64 n;

      if (rest[0] != '-' || !g_ascii_string_to_unsigned (rest + 1, 10, 2, 999, &n, NULL))
        {
          g_clear_pointer (made, g_date_time_unref);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
query_int64 (sqlite3     *db,
             const char  *sql,
             gint64      *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static void
zero_func (sqlite3_context *context,
           int              argc,
           sqlite3_value  **argv)
{
  sqlite3_result_int (context, 0);
}

/* The functions the schema names (a generated column, views and triggers): SQLite cannot
 * read the schema, and so check the copy, without them. */
static void
register_functions (sqlite3 *db)
{
  _dt_database_register_text_functions (db);
  sqlite3_create_function_v2 (db, "dt_defer_index", 1, SQLITE_UTF8, NULL, zero_func, NULL, NULL,
                              NULL);
  sqlite3_create_function_v2 (db, "dt_actor", 0, SQLITE_UTF8, NULL, zero_func, NULL, NULL, NULL);
}

/* Opened to read only, and never to write a -wal, -shm or journal beside the copy. */
static sqlite3 *
open_copy (const char  *path,
           int         *rc)
{
  sqlite3 *db = NULL;

  *rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (*rc != SQLITE_OK)
    {
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 2000);
  register_functions (db);
  return db;
}

/* Whether the file DB reads is a database of ours this program can read: DT_DATABASE_USABLE,
 * or else what it is, with *PROBLEM saying so in a few words. SCHEMA gets its version. */
static DtDatabaseState
check_identity (sqlite3  *db,
                int      *schema,
                char    **problem)
{
  gint64 application_id = 0, version = 0, objects = 0;

  if (!query_int64 (db, "PRAGMA application_id", &application_id) ||
      !query_int64 (db, "PRAGMA user_version", &version) ||
      !query_int64 (db, "SELECT count(*) FROM sqlite_schema", &objects))
    {
      int rc = sqlite3_errcode (db) & 0xff;

      if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
        {
          *problem = g_strdup (_("it is damaged or is not a database"));
          return DT_DATABASE_DAMAGED;
        }
      *problem = g_strdup_printf (_("it cannot be read (%s)"), sqlite3_errmsg (db));
      return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? DT_DATABASE_LOCKED
                                                      : DT_DATABASE_UNREADABLE;
    }
  *schema = (int) version;
  if (application_id != DT_APPLICATION_ID || version < 1)
    {
      *problem = g_strdup (_("it is not a DoiThoai database"));
      return DT_DATABASE_FOREIGN;
    }
  if (version > dt_database_schema_version ())
    {
      *problem = g_strdup_printf (_("it was made by a newer version of DoiThoai (schema %d; "
                                    "this program knows up to %d)"), (int) version,
                                  dt_database_schema_version ());
      return DT_DATABASE_NEWER;
    }
  return DT_DATABASE_USABLE;
}

/* The first complaint of quick_check or integrity_check, or NULL when the pages are sound. */
static char *
check_pages (sqlite3  *db,
             gboolean  full)
{
  sqlite3_stmt *stmt = NULL;
  char *problem = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, full ? "PRAGMA integrity_check (1)" : "PRAGMA quick_check (1)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        {
          g_autofree char *quoted = dt_text_quote (line, -1, 80);
          problem = g_strdup_printf (_("it is damaged (%s)"), quoted);
        }
    }
  else
    problem = g_strdup_printf (_("it is damaged (%s)"), sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return problem;
}

gboolean
_dt_backup_check_file (const char  *path,
                       const char  *name,
                       gboolean     full,
                       GError     **error)
{
  g_autofree char *shown = display_name (name);
  g_autofree char *problem = NULL;
  sqlite3 *db;
  int schema = 0;
  int rc;

  if (!(db = open_copy (path, &rc)))
    problem = g_strdup_printf (_("it cannot be opened (%s)"), sqlite3_errstr (rc));
  else if (check_identity (db, &schema, &problem) == DT_DATABASE_USABLE)
    problem = check_pages (db, full);
  sqlite3_close (db);

  if (problem != NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” cannot be used as a copy of the database: %s."), shown, problem);
      return FALSE;
    }
  return TRUE;
}

gboolean
dt_backup_verify (const char  *path,
                  gboolean     full,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *shown = display_name (path);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                     _("“%s” is not a regular file: it cannot be a copy of the database."), shown);
      else
        g_set_error (error, DT_ERROR, DT_ERROR_INVALID, _("There is no file “%s”."), shown);
      return FALSE;
    }
  return _dt_backup_check_file (path, path, full, error);
}

/* The copy's size and records, as a DtBackup of KIND made at MADE (NULL: the file's time). */
static DtBackup *
read_backup (const char   *path,
             DtBackupKind  kind,
             GDateTime    *made,
             gboolean      count)
{
  DtBackup *backup = g_new0 (DtBackup, 1);
  GStatBuf buf;

  backup->path = g_strdup (path);
  backup->kind = kind;
  if (g_stat (path, &buf) == 0)
    backup->size = (goffset) buf.st_size;
  if (made != NULL)
    backup->made = g_date_time_ref (made);
  else
    backup->made = g_date_time_new_from_unix_local (g_stat (path, &buf) == 0 ? buf.st_mtime : 0);

  if (count)
    {
      sqlite3 *db;
      int rc;

      if (!(db = open_copy (path, &rc)))
        backup->problem = g_strdup_printf (_("it cannot be opened (%s)"), sqlite3_errstr (rc));
      else if (check_identity (db, &backup->schema_version, &backup->problem) ==
                 DT_DATABASE_USABLE &&
               !(query_int64 (db, "SELECT count(*) FROM plans", &backup->plans) &&
                 query_int64 (db, "SELECT count(*) FROM sessions", &backup->sessions) &&
                 query_int64 (db, "SELECT count(*) FROM petitions", &backup->petitions)))
        backup->problem = g_strdup_printf (_("it is damaged (%s)"), sqlite3_errmsg (db));
      sqlite3_close (db);
      backup->readable = backup->problem == NULL;
    }
  return backup;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const DtBackup *x = *(DtBackup * const *) a;
  const DtBackup *y = *(DtBackup * const *) b;
  int order = g_date_time_compare (y->made, x->made);

  /* In one second: the later name (“-2”) first. */
  return order != 0 ? order : -g_strcmp0 (x->path, y->path);
}

/* The copies of DATABASE_PATH, newest first; COUNT: opened to read their records. */
static GPtrArray *
list_backups (const char  *database_path,
              gboolean     count,
              GError     **error)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_backup_free);
  g_autofree char *folder = dt_backup_folder (database_path);
  g_autofree char *stem = database_stem (database_path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&backups);
  if (!(dir = g_dir_open (folder, 0, &local_error)))
    {
      g_autofree char *shown = display_name (folder);

      dt_file_set_error (error, shown, FALSE, local_error);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GDateTime) made = NULL;
      DtBackupKind kind;

      /* Temporaries of a copy being written begin with a dot. */
      if (name[0] == '.' || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!parse_name (name, stem, &kind, &made))
        {
          /* A database someone put there by hand, named after this one. */
          if (!g_str_has_prefix (name, stem) || !g_str_has_suffix (name, EXTENSION))
            continue;
          kind = DT_BACKUP_OTHER;
        }
      g_ptr_array_add (backups, read_backup (path, kind, made, count));
    }
  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

GPtrArray *
dt_backup_list (const char  *database_path,
                GError     **error)
{
  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_backups (database_path, TRUE, error);
}

static gboolean
make_folder (const char  *folder,
             GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *shown = display_name (folder);

      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("The backup folder “%s” cannot be made: %s"),
                   shown, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* A name for a new copy of KIND, made now, that no file has yet. */
static char *
new_backup_path (const char   *database_path,
                 DtBackupKind  kind)
{
  g_autofree char *folder = dt_backup_folder (database_path);
  g_autofree char *stem = database_stem (database_path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *clock = g_date_time_format (now, "%H%M%S");
  g_autofree char *stamp = NULL;
  GDate today;

  /* The day is the program's today (DOITHOAI_TODAY), the time the clock's. */
  dt_today (&today);
  stamp = g_strdup_printf ("%04d-%02d-%02d-%s", g_date_get_year (&today),
                           g_date_get_month (&today), g_date_get_day (&today), clock);
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *number = n > 1 ? g_strdup_printf ("-%u", n) : g_strdup ("");
      g_autofree char *name = g_strdup_printf ("%s-%s%s%s%s" EXTENSION, stem, stamp,
                                               kind_names[kind] != NULL ? "-" : "",
                                               kind_names[kind] != NULL ? kind_names[kind] : "",
                                               number);
      char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
  return NULL;
}

DtBackup *
dt_backup_make (DtDatabase    *db,
                DtBackupKind   kind,
                GError       **error)
{
  const char *database_path;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) made = NULL;
  g_autofree char *base = NULL;
  g_autofree char *stem = NULL;
  DtBackupKind parsed;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind != DT_BACKUP_OTHER, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  database_path = dt_database_get_path (db);
  folder = dt_backup_folder (database_path);
  if (!make_folder (folder, error))
    return NULL;
  if (!(path = new_backup_path (database_path, kind)))
    {
      g_autofree char *shown = display_name (folder);

      g_set_error (error, DT_ERROR, DT_ERROR_IO,
                   _("Too many copies were made in one second in “%s”."), shown);
      return NULL;
    }
  if (!dt_database_backup (db, path, error))
    return NULL;

  base = g_path_get_basename (path);
  stem = database_stem (database_path);
  if (!parse_name (base, stem, &parsed, &made))
    g_assert_not_reached ();
  return read_backup (path, kind, made, TRUE);
}

/* Temporaries of copies whose writer was killed (a power cut, a crash): none takes an hour. */
static void
remove_stale_temporaries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      GStatBuf buf;

      if (name[0] == '.' && strstr (name, ".part") != NULL && g_stat (path, &buf) == 0 &&
          now - (gint64) buf.st_mtime > 3600)
        g_remove (path);
    }
}

/* Keeps the newest daily copy of each of the last DT_BACKUP_KEEP_DAYS days that have one, and
 * of each of the last DT_BACKUP_KEEP_MONTHS months; removes the other daily copies. The other
 * kinds are never removed here. */
static void
prune (const char *database_path)
{
  g_autoptr(GPtrArray) backups = list_backups (database_path, FALSE, NULL);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_autofree char *folder = dt_backup_folder (database_path);

  remove_stale_temporaries (folder);
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      DtBackup *backup = g_ptr_array_index (backups, i);
      g_autofree char *day = NULL;
      g_autofree char *month = NULL;
      gboolean keep = FALSE;

      if (backup->kind != DT_BACKUP_DAILY)
        continue;
      /* Newest first: the first copy met of a day or a month is the one kept for it. */
      day = g_date_time_format (backup->made, "%Y-%m-%d");
      month = g_date_time_format (backup->made, "%Y-%m");
      if (!g_hash_table_contains (days, day) && g_hash_table_size (days) < DT_BACKUP_KEEP_DAYS)
        {
          g_hash_table_add (days, g_steal_pointer (&day));
          keep = TRUE;
        }
      if (!g_hash_table_contains (months, month) &&
          g_hash_table_size (months) < DT_BACKUP_KEEP_MONTHS)
        {
          g_hash_table_add (months, g_steal_pointer (&month));
          keep = TRUE;
        }
      if (!keep && g_remove (backup->path) != 0)
        g_debug ("Old copy %s not removed: %s", backup->path, g_strerror (errno));
    }
}

gboolean
dt_backup_at_start (DtDatabase  *db,
                    DtBackup   **made,
                    GError     **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(DtBackup) backup = NULL;
  const char *database_path;
  sqlite3_stmt *stmt;
  gboolean written;
  int rc;
  GDate today;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (made != NULL)
    *made = NULL;
  if (dt_database_is_read_only (db))
    return TRUE;
  /* Every change is in the audit log: an empty one means nothing to lose. Asked without
   * counting it, which would read all of it. */
  if (!(stmt = _dt_database_prepare_static (db, "SELECT EXISTS (SELECT 1 FROM audit_log)",
                                            error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  written = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _dt_database_fail (db, rc, error);
  if (!written)
    return TRUE;

  database_path = dt_database_get_path (db);
  if (!(backups = list_backups (database_path, FALSE, error)))
    return FALSE;
  dt_today (&today);
  for (guint i = 0; i < backups->len; i++)
    {
      DtBackup *old = g_ptr_array_index (backups, i);

      if (old->kind == DT_BACKUP_DAILY &&
          g_date_time_get_year (old->made) == g_date_get_year (&today) &&
          g_date_time_get_month (old->made) == (int) g_date_get_month (&today) &&
          g_date_time_get_day_of_month (old->made) == g_date_get_day (&today))
        return TRUE;
    }

  if (!(backup = dt_backup_make (db, DT_BACKUP_DAILY, error)))
    return FALSE;
  prune (database_path);
  if (made != NULL)
    *made = g_steal_pointer (&backup);
  return TRUE;
}

DtBackup *
dt_backup_find_newest_good (const char  *database_path,
                            GError     **error)
{
  g_autoptr(GPtrArray) backups = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(backups = list_backups (database_path, FALSE, error)))
    return NULL;
  for (guint i = 0; i < backups->len; i++)
    {
      DtBackup *backup = g_ptr_array_index (backups, i);

      if (dt_backup_verify (backup->path, FALSE, NULL))
        return read_backup (backup->path, backup->kind, backup->made, TRUE);
    }
  return NULL;
}

/* ------------------------------------------------------------------------------------------
 * Restore
 * ------------------------------------------------------------------------------------------ */

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);
  g_autoptr(GFileInfo) ia = NULL;
  g_autoptr(GFileInfo) ib = NULL;
  const char *id_a, *id_b;

  if (g_file_equal (fa, fb))
    return TRUE;
  ia = g_file_query_info (fa, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  ib = g_file_query_info (fb, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (ia == NULL || ib == NULL)
    return FALSE;
  id_a = g_file_info_get_attribute_string (ia, G_FILE_ATTRIBUTE_ID_FILE);
  id_b = g_file_info_get_attribute_string (ib, G_FILE_ATTRIBUTE_ID_FILE);
  return id_a != NULL && g_strcmp0 (id_a, id_b) == 0;
}

/* Copies the file SOURCE, byte for byte, through a private DtOutput to TARGET. */
static gboolean
copy_bytes (const char  *source,
            const char  *target,
            GError     **error)
{
  g_autoptr(DtOutput) output = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  gssize n;

  if (!(output = dt_output_new (target, NULL, error)))
    return FALSE;
  dt_output_set_private (output);
  if (!(in = g_file_read (file, NULL, &local_error)))
    {
      g_autofree char *shown = display_name (source);

      dt_file_set_error (error, shown, FALSE, local_error);
      return FALSE;
    }
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, 256 * 1024, NULL,
                                   &local_error)) > 0)
    if (!dt_output_write (output, buffer, (gsize) n, error))
      return FALSE;
  if (n < 0)
    {
      g_autofree char *shown = display_name (source);

      dt_file_set_error (error, shown, FALSE, local_error);
      return FALSE;
    }
  return dt_output_commit (output, error);
}

/* The file as it is, and its -wal when there is one (a damaged file's last commits may be
 * there), into the backup folder. */
static DtBackup *
save_as_it_is (const char  *database_path,
               GError     **error)
{
  g_autofree char *folder = dt_backup_folder (database_path);
  g_autofree char *path = NULL;
  g_autofree char *wal = g_strconcat (database_path, "-wal", NULL);
  g_autofree char *base = NULL;
  g_autofree char *stem = database_stem (database_path);
  g_autoptr(GDateTime) made = NULL;
  DtBackupKind kind;

  if (!make_folder (folder, error) || !(path = new_backup_path (database_path, DT_BACKUP_RESTORE)))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, DT_ERROR, DT_ERROR_IO, _("No name is left for the copy."));
      return NULL;
    }
  if (g_file_test (wal, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *wal_copy = g_strconcat (path, "-wal", NULL);

      if (!copy_bytes (wal, wal_copy, error))
        return NULL;
    }
  if (!copy_bytes (database_path, path, error))
    {
      g_autofree char *wal_copy = g_strconcat (path, "-wal", NULL);

      g_remove (wal_copy);
      return NULL;
    }
  base = g_path_get_basename (path);
  if (!parse_name (base, stem, &kind, &made))
    g_assert_not_reached ();
  return read_backup (path, DT_BACKUP_RESTORE, made, TRUE);
}

/* SOURCE's pages, through SQLite's backup, into the private DtOutput for TARGET. */
static gboolean
copy_database (const char  *source,
               const char  *target,
               GError     **error)
{
  g_autoptr(DtOutput) output = NULL;
  g_autofree char *shown = display_name (target);
  sqlite3 *from = NULL;
  sqlite3 *to = NULL;
  sqlite3_backup *backup;
  int rc;

  if (!(output = dt_output_new (target, NULL, error)))
    return FALSE;
  dt_output_set_private (output);
  if (!(from = open_copy (source, &rc)))
    {
      g_autofree char *source_shown = display_name (source);

      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” cannot be read: %s"), source_shown,
                   sqlite3_errstr (rc));
      return FALSE;
    }
  rc = sqlite3_open_v2 (dt_output_get_temporary_path (output), &to, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      register_functions (to);
      if ((backup = sqlite3_backup_init (to, "main", from, "main")) == NULL)
        rc = sqlite3_errcode (to);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK && (rc & 0xff) == SQLITE_FULL)
    g_set_error (error, DT_ERROR, DT_ERROR_IO, _("The disk is full: “%s” could not be written."),
                 shown);
  else if (rc != SQLITE_OK)
    g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” could not be written: %s"), shown,
                 to != NULL ? sqlite3_errmsg (to) : sqlite3_errstr (rc));
  sqlite3_close (from);
  if (sqlite3_close (to) != SQLITE_OK && rc == SQLITE_OK)
    {
      rc = SQLITE_IOERR;
      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” could not be written: %s"), shown,
                   sqlite3_errmsg (to));
      sqlite3_close_v2 (to);
    }
  if (rc != SQLITE_OK)
    return FALSE;
  return _dt_backup_check_file (dt_output_get_temporary_path (output), target, FALSE, error) &&
         dt_output_commit (output, error);
}

static void
remove_companions (const char *database_path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (database_path, suffixes[i], NULL);
      g_remove (file);
    }
}

static gboolean
set_locked (GError     **error,
            const char  *database_path)
{
  g_autofree char *shown = display_name (database_path);

  g_set_error (error, DT_ERROR, DT_ERROR_LOCKED,
               _("“%s” is open in another program (DoiThoai, or a console command still "
                 "running). Close it there, then restore again. Nothing was changed."), shown);
  return FALSE;
}

typedef enum
{
  TAKEN,        /* this connection alone has the file, locked, in rollback-journal mode */
  IN_USE,       /* another connection or program has it */
  UNWRITABLE,   /* too damaged to be written through SQLite */
} Taking;

/* Takes the database for this connection alone: leaving WAL for a rollback journal fails
 * while any other connection has the file open, and in exclusive locking mode the lock taken
 * by the first write is kept until the connection closes: no one may read or write until
 * then. */
static Taking
take_alone (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  Taking taking = TAKEN;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "delete") != 0)
    taking = IN_USE;
  else if (rc != SQLITE_ROW)
    taking = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? IN_USE : UNWRITABLE;
  sqlite3_finalize (stmt);
  if (taking != TAKEN)
    return taking;

  rc = sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;", NULL, NULL,
                     NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? IN_USE : UNWRITABLE;
    }
  return TAKEN;
}

/* The copy's pages into DB, the open database, in one transaction: a crash on the way leaves
 * the file as it was (its journal undoes the rest at the next open). */
static gboolean
write_pages (sqlite3     *db,
             const char  *backup_path,
             const char  *database_path,
             GError     **error)
{
  g_autofree char *shown = display_name (database_path);
  sqlite3_backup *backup;
  sqlite3 *from;
  int rc;

  if (!(from = open_copy (backup_path, &rc)))
    {
      g_autofree char *backup_shown = display_name (backup_path);

      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” cannot be read: %s"), backup_shown,
                   sqlite3_errstr (rc));
      return FALSE;
    }
  if ((backup = sqlite3_backup_init (db, "main", from, "main")) == NULL)
    rc = sqlite3_errcode (db);
  else
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
      if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_OK)
        rc = sqlite3_errcode (db);
    }
  sqlite3_close (from);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_FULL)
        g_set_error (error, DT_ERROR, DT_ERROR_IO,
                     _("The disk holding “%s” is full: it was left as it was."), shown);
      else
        g_set_error (error, DT_ERROR, DT_ERROR_IO,
                     _("“%s” could not be written (%s): it was left as it was."), shown,
                     sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

gboolean
dt_backup_restore (const char  *database_path,
                   const char  *backup_path,
                   DtBackup   **saved,
                   GError     **error)
{
  g_autoptr(DtBackup) before = NULL;
  g_autofree char *folder = NULL;
  sqlite3 *db = NULL;
  Taking taking = UNWRITABLE;
  gboolean ok;
  int rc;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (saved != NULL)
    *saved = NULL;
  if (g_file_test (database_path, G_FILE_TEST_EXISTS) && same_file (database_path, backup_path))
    {
      g_autofree char *shown = display_name (backup_path);

      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” is the database itself, not a copy of it."), shown);
      return FALSE;
    }
  /* Nothing is touched before the copy is known to be whole. */
  if (!dt_backup_verify (backup_path, TRUE, error))
    return FALSE;
  if (g_file_test (database_path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *shown = display_name (database_path);

      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” is a folder, not a database file."),
                   shown);
      return FALSE;
    }
  folder = g_path_get_dirname (database_path);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR) && !make_folder (folder, error))
    return FALSE;

  if (!g_file_test (database_path, G_FILE_TEST_EXISTS))
    {
      /* A -wal without its database cannot be read, and SQLite would replay it over the
       * copy: it goes first. */
      remove_companions (database_path);
      return copy_database (backup_path, database_path, error);
    }

  rc = sqlite3_open_v2 (database_path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, 1000);
      register_functions (db);
      taking = take_alone (db);
    }
  if (taking == IN_USE)
    {
      sqlite3_close (db);
      return set_locked (error, database_path);
    }

  /* The file as it is: from here on, no one else may read or write it until db closes. */
  if (!(before = save_as_it_is (database_path, error)))
    {
      sqlite3_close (db);
      g_prefix_error (error, "%s ", _("The database as it is could not be saved first, so "
                                      "nothing was restored:"));
      return FALSE;
    }

  if (taking == TAKEN)
    {
      ok = write_pages (db, backup_path, database_path, error);
      /* Back to normal locking; the next open goes back to WAL. */
      sqlite3_exec (db, "PRAGMA locking_mode = NORMAL; SELECT count(*) FROM sqlite_schema;",
                    NULL, NULL, NULL);
      sqlite3_close (db);
    }
  else
    {
      /* Too damaged for SQLite to write it: a whole new file in its place, then the old
       * file's working files, which would be read with it, go (they are in the copy). */
      sqlite3_close (db);
      ok = copy_database (backup_path, database_path, error);
      if (ok)
        remove_companions (database_path);
    }
  if (!ok)
    return FALSE;
  if (saved != NULL)
    *saved = g_steal_pointer (&before);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------
 * Diagnosis at start
 * ------------------------------------------------------------------------------------------ */

void
dt_diagnosis_free (DtDiagnosis *diagnosis)
{
  if (diagnosis == NULL)
    return;
  g_free (diagnosis->path);
  g_free (diagnosis->message);
  dt_backup_free (diagnosis->backup);
  g_free (diagnosis);
}

static DtDatabaseState
state_of_error (const GError *error)
{
  if (error->domain != DT_ERROR)
    return DT_DATABASE_UNREADABLE;
  switch (error->code)
    {
    case DT_ERROR_MISSING:
      return DT_DATABASE_MISSING;
    case DT_ERROR_CORRUPT:
      return DT_DATABASE_DAMAGED;
    case DT_ERROR_FOREIGN:
      return DT_DATABASE_FOREIGN;
    case DT_ERROR_NEWER:
      return DT_DATABASE_NEWER;
    case DT_ERROR_LOCKED:
      return DT_DATABASE_LOCKED;
    default:
      return DT_DATABASE_UNREADABLE;
    }
}

DtDiagnosis *
dt_backup_diagnose (const char   *database_path,
                    const GError *open_error)
{
  DtDiagnosis *diagnosis;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);

  diagnosis = g_new0 (DtDiagnosis, 1);
  diagnosis->path = g_strdup (database_path);
  shown = display_name (database_path);

  if (open_error != NULL)
    {
      diagnosis->state = state_of_error (open_error);
      diagnosis->message = g_strdup (open_error->message);
    }
  else if (!g_file_test (database_path, G_FILE_TEST_EXISTS))
    {
      diagnosis->state = DT_DATABASE_MISSING;
      diagnosis->message = g_strdup_printf (_("There is no database at “%s”."), shown);
    }
  else
    {
      g_autofree char *problem = NULL;
      sqlite3 *db = NULL;
      int schema = 0;
      int rc;

      /* Read-write, as the program opens it: a -wal left by a crash is read too. */
      rc = sqlite3_open_v2 (database_path, &db, SQLITE_OPEN_READWRITE, NULL);
      if (rc != SQLITE_OK)
        rc = sqlite3_open_v2 (database_path, &db, SQLITE_OPEN_READONLY, NULL);
      if (rc != SQLITE_OK)
        {
          diagnosis->state = DT_DATABASE_UNREADABLE;
          diagnosis->message = g_strdup_printf (_("The database “%s” cannot be opened: %s"),
                                                shown, sqlite3_errstr (rc));
        }
      else
        {
          sqlite3_extended_result_codes (db, 1);
          sqlite3_busy_timeout (db, 2000);
          register_functions (db);
          diagnosis->state = check_identity (db, &schema, &problem);
          if (diagnosis->state == DT_DATABASE_USABLE && (problem = check_pages (db, FALSE)))
            diagnosis->state = DT_DATABASE_DAMAGED;
          if (problem != NULL)
            diagnosis->message = g_strdup_printf (_("The database “%s” cannot be used: %s."),
                                                  shown, problem);
        }
      sqlite3_close (db);
    }

  if (diagnosis->state != DT_DATABASE_USABLE && diagnosis->state != DT_DATABASE_NEWER &&
      diagnosis->state != DT_DATABASE_LOCKED)
    diagnosis->backup = dt_backup_find_newest_good (database_path, NULL);
  return diagnosis;
}
