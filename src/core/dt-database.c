/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-database"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dt-database-private.h"
#include "dt-records-private.h"
#include "dt-text.h"
#include "dt-error.h"
#include "dt-output.h"
#include "dt-util.h"

#ifndef W_OK
# define W_OK 2
#endif

#define MIGRATIONS_PATH "/io/github/doithoai/DoiThoai/migrations"
/* 'DtHN' in ASCII: tells our files from other programs' SQLite databases. */
#define DT_APPLICATION_ID 0x4474484e

struct _DtDatabase
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;
  GHashTable *static_statements;  /* keyed by the address of an immortal SQL string */
  GArray     *levels;        /* per open level: LEVEL_OUTER, LEVEL_SAVEPOINT or LEVEL_NONE */
  gboolean    bulk;
  GArray     *deferred;      /* petition ids whose search entry waits for the bulk's end */
  int         user_version;
  gboolean    read_only;
};

G_DEFINE_FINAL_TYPE (DtDatabase, dt_database, G_TYPE_OBJECT)

static void
actor_func (sqlite3_context *context,
            int              argc,
            sqlite3_value  **argv)
{
  const char *name = g_get_real_name ();

  if (name == NULL || g_str_equal (name, "Unknown") || *name == '\0')
    name = g_get_user_name ();
  sqlite3_result_text (context, name, -1, SQLITE_TRANSIENT);
}

static void
fold_func (sqlite3_context *context,
           int              argc,
           sqlite3_value  **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, dt_text_fold (text), -1, g_free);
}

static void
defer_index_func (sqlite3_context *context,
                  int              argc,
                  sqlite3_value  **argv)
{
  DtDatabase *self = sqlite3_user_data (context);
  gint64 id = sqlite3_value_int64 (argv[0]);

  if (self->bulk)
    g_array_append_val (self->deferred, id);
  sqlite3_result_int (context, self->bulk);
}

static void
statement_free (gpointer data)
{
  sqlite3_finalize (data);
}

static char **
list_migrations (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);

  if (names == NULL)
    return g_new0 (char *, 1);
  /* Numbered names sort in the order they must run. */
  qsort (names, g_strv_length (names), sizeof (char *), (GCompareFunc) dt_strcmp_p);
  return g_steal_pointer (&names);
}

int
dt_database_schema_version (void)
{
  g_auto(GStrv) names = list_migrations ();
  guint n = g_strv_length (names);

  return n == 0 ? 0 : (int) g_ascii_strtoll (names[n - 1], NULL, 10);
}

char *
dt_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "doithoai", "doithoai.sqlite", NULL);
}

static void
dt_database_finalize (GObject *object)
{
  DtDatabase *self = (DtDatabase *) object;

  g_clear_pointer (&self->static_statements, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_pointer (&self->deferred, g_array_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (dt_database_parent_class)->finalize (object);
}

static void
dt_database_class_init (DtDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dt_database_finalize;
}

static void
dt_database_init (DtDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            statement_free);
  self->static_statements = g_hash_table_new_full (NULL, NULL, NULL, statement_free);
  self->levels = g_array_new (FALSE, FALSE, sizeof (int));
  self->deferred = g_array_new (FALSE, FALSE, sizeof (gint64));
}

gboolean
_dt_database_fail (DtDatabase  *self,
                   int          rc,
                   GError     **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, DT_ERROR, DT_ERROR_CORRUPT,
                   _("The file “%s” is damaged or is not a DoiThoai database."), self->path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, DT_ERROR, DT_ERROR_LOCKED,
                   _("The database “%s” is in use by another program. Close it and try again."),
                   self->path);
      break;
    case SQLITE_FULL:
      g_set_error (error, DT_ERROR, DT_ERROR_DATABASE,
                   _("The disk holding “%s” is full. Nothing was saved."), self->path);
      break;
    case SQLITE_READONLY:
      if (self->read_only)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_DATABASE,
                       _("The database “%s” is read-only (the file or its folder cannot be "
                         "written): it can be searched, checked and exported, not changed. "
                         "Nothing was changed."), self->path);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
      g_set_error (error, DT_ERROR, DT_ERROR_DATABASE,
                   _("The database “%s” cannot be opened or written: %s"), self->path, detail);
      break;
    default:
      g_set_error (error, DT_ERROR, DT_ERROR_DATABASE,
                   _("Database error in “%s”: %s"), self->path, detail);
      break;
    }
  return FALSE;
}

sqlite3 *
_dt_database_get_handle (DtDatabase *self)
{
  return self->db;
}

static sqlite3_stmt *
prepare_cached (DtDatabase  *self,
                GHashTable  *cache,
                const char  *sql,
                gboolean     copy_key,
                GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (cache, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _dt_database_fail (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (cache, copy_key ? g_strdup (sql) : (gpointer) sql, stmt);
  return stmt;
}

sqlite3_stmt *
_dt_database_prepare (DtDatabase  *self,
                      const char  *sql,
                      GError     **error)
{
  return prepare_cached (self, self->statements, sql, TRUE, error);
}

sqlite3_stmt *
_dt_database_prepare_static (DtDatabase  *self,
                             const char  *sql,
                             GError     **error)
{
  return prepare_cached (self, self->static_statements, sql, FALSE, error);
}

gboolean
_dt_database_exec (DtDatabase  *self,
                   const char  *sql,
                   GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _dt_database_fail (self, rc, error);
  return TRUE;
}

gboolean
_dt_database_step_done (DtDatabase    *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _dt_database_fail (self, rc, error);
  return TRUE;
}

static gboolean
query_int (DtDatabase  *self,
           const char  *sql,
           int         *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }
  sqlite3_finalize (stmt);
  return _dt_database_fail (self, rc, error);
}

static gboolean
migrate (DtDatabase  *self,
         GError     **error)
{
  g_auto(GStrv) names = list_migrations ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      int version = (int) g_ascii_strtoll (names[i], NULL, 10);
      g_autofree char *path = NULL;
      g_autofree char *pragma = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;

      if (version <= self->user_version)
        continue;

      path = g_build_path ("/", MIGRATIONS_PATH, names[i], NULL);
      bytes = g_resources_lookup_data (path, 0, error);
      if (bytes == NULL)
        return FALSE;
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      pragma = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                version, DT_APPLICATION_ID);

      if (!_dt_database_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      /* Another program may have migrated the file while this one waited for the lock. */
      if (!query_int (self, "PRAGMA user_version", &self->user_version, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (version <= self->user_version)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          continue;
        }
      if (!_dt_database_exec (self, sql, error) || !_dt_database_exec (self, pragma, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (!_dt_database_exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      g_debug ("Migrated %s to version %d", self->path, version);
      self->user_version = version;
    }
  return TRUE;
}

/* A file this user cannot write, or in a folder where SQLite cannot make its -wal and -shm,
 * is opened to read only. In such a folder, a database that no program has open and that
 * was closed cleanly (no -wal or -journal beside it) is read as immutable: SQLite then needs
 * no -shm. */
static char *
read_only_uri (const char *path,
               gboolean   *read_only)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *absolute = NULL;
  g_autofree char *uri = NULL;

  if (!*read_only && g_access (path, W_OK) == 0 && g_access (folder, W_OK) == 0)
    return NULL;
  *read_only = TRUE;
  if (g_access (folder, W_OK) == 0 || g_file_test (wal, G_FILE_TEST_EXISTS) ||
      g_file_test (journal, G_FILE_TEST_EXISTS))
    return NULL;
  absolute = g_canonicalize_filename (path, NULL);
  if (!(uri = g_filename_to_uri (absolute, NULL, NULL)))
    return NULL;
  return g_strconcat (uri, "?immutable=1", NULL);
}

DtDatabase *
dt_database_open (const char           *path,
                  DtDatabaseOpenFlags   flags,
                  GError              **error)
{
  g_autoptr(DtDatabase) self = NULL;
  g_autofree char *uri = NULL;
  int sqlite_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
  int application_id = 0;
  int n_objects = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (DT_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  if (flags & DT_DATABASE_OPEN_CREATE)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      sqlite_flags |= SQLITE_OPEN_CREATE;
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, DT_ERROR, DT_ERROR_DATABASE,
                       _("The folder “%s” cannot be created: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
    }
  else if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_MISSING,
                   _("There is no database at “%s”. Create one with “doithoai-cli init”."), path);
      return NULL;
    }
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_DATABASE,
                   _("“%s” is a folder, not a database file."), path);
      return NULL;
    }

  if (!(flags & DT_DATABASE_OPEN_CREATE) || g_file_test (path, G_FILE_TEST_EXISTS))
    {
      self->read_only = (flags & DT_DATABASE_OPEN_READ_ONLY) != 0;
      uri = read_only_uri (path, &self->read_only);
      if (self->read_only)
        sqlite_flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX | (uri ? SQLITE_OPEN_URI : 0);
    }

  rc = sqlite3_open_v2 (uri != NULL ? uri : path, &self->db, sqlite_flags, NULL);
  if (rc != SQLITE_OK)
    {
      _dt_database_fail (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_create_function_v2 (self->db, "dt_actor", 0, SQLITE_UTF8, NULL,
                              actor_func, NULL, NULL, NULL);
  sqlite3_create_function_v2 (self->db, "dt_defer_index", 1, SQLITE_UTF8, self,
                              defer_index_func, NULL, NULL, NULL);
  sqlite3_create_function_v2 (self->db, "dt_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                              fold_func, NULL, NULL, NULL);

  /* Only reads until we know the file is ours and not from a newer program. */
  if (!query_int (self, "PRAGMA user_version", &self->user_version, error) ||
      !query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return NULL;

  if (self->user_version > dt_database_schema_version () && application_id == DT_APPLICATION_ID)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_NEWER,
                   _("The database “%s” was written by a newer version of DoiThoai "
                     "(schema %d; this program knows up to %d). Update the program; "
                     "the file was not changed."),
                   path, self->user_version, dt_database_schema_version ());
      return NULL;
    }
  if ((self->user_version == 0 && n_objects > 0) ||
      (self->user_version > 0 && application_id != DT_APPLICATION_ID))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_FOREIGN,
                   _("“%s” is a database of another program, not of DoiThoai. "
                     "It was not changed."), path);
      return NULL;
    }

  if (self->read_only)
    {
      /* Neither the journal mode nor a migration can be written. */
      if (self->user_version < dt_database_schema_version ())
        {
          g_set_error (error, DT_ERROR, DT_ERROR_DATABASE,
                       _("The database “%s” is read-only and was made by an older version of "
                         "DoiThoai. Open it once where it can be written, to bring it up to "
                         "date."), path);
          return NULL;
        }
      if (!_dt_database_exec (self, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; "
                                    "PRAGMA temp_store = MEMORY;", error))
        return NULL;
      return g_steal_pointer (&self);
    }

  if (!_dt_database_exec (self,
                          "PRAGMA journal_mode = WAL;"
                          "PRAGMA synchronous = FULL;"
                          "PRAGMA foreign_keys = ON;"
                          /* Big imports would spill pages to the WAL again and again. */
                          "PRAGMA cache_size = -65536;"
                          /* Savepoint journals in memory: one per record written. */
                          "PRAGMA temp_store = MEMORY;",
                          error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
dt_database_get_path (DtDatabase *self)
{
  g_return_val_if_fail (DT_IS_DATABASE (self), NULL);
  return self->path;
}

gboolean
dt_database_is_read_only (DtDatabase *self)
{
  g_return_val_if_fail (DT_IS_DATABASE (self), FALSE);
  return self->read_only;
}

void
dt_database_set_busy_timeout (DtDatabase *self,
                              int         milliseconds)
{
  g_return_if_fail (DT_IS_DATABASE (self));
  sqlite3_busy_timeout (self->db, MAX (milliseconds, 0));
}

int
dt_database_get_user_version (DtDatabase *self)
{
  g_return_val_if_fail (DT_IS_DATABASE (self), 0);
  return self->user_version;
}

enum
{
  LEVEL_NONE,        /* nested in a bulk change: the whole is undone on failure */
  LEVEL_SAVEPOINT,
  LEVEL_OUTER,
};

void
_dt_database_begin_bulk (DtDatabase *self)
{
  self->bulk = TRUE;
  g_array_set_size (self->deferred, 0);
}

gboolean
_dt_database_end_bulk (DtDatabase  *self,
                       gboolean     keep,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  gint64 started = g_get_monotonic_time ();

  self->bulk = FALSE;
  if (!keep || self->deferred->len == 0)
    {
      g_array_set_size (self->deferred, 0);
      return TRUE;
    }

  /* One statement each way, whatever the number of petitions. */
  ok = _dt_database_exec (self, "CREATE TEMP TABLE IF NOT EXISTS deferred_index "
                                "(id INTEGER PRIMARY KEY); DELETE FROM temp.deferred_index",
                          error);
  for (guint i = 0; ok && i < self->deferred->len; i++)
    {
      ok = (stmt = _dt_database_prepare_static (self, "INSERT OR IGNORE INTO temp.deferred_index "
                                                      "(id) VALUES (?)", error)) != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (self->deferred, gint64, i));
          ok = _dt_database_step_done (self, stmt, error);
        }
    }
  g_array_set_size (self->deferred, 0);
  g_debug ("bulk: %" G_GINT64_FORMAT " µs to note the petitions", g_get_monotonic_time () - started);
  ok = ok && _dt_database_exec (self,
                                  "DELETE FROM petitions_fts WHERE rowid IN "
                                  "  (SELECT id FROM temp.deferred_index);"
                                  "INSERT INTO petitions_fts (rowid, folded, exact) "
                                  "  SELECT id, dt_fold (text), text FROM petitions_search_text "
                                  "  WHERE id IN (SELECT id FROM temp.deferred_index);"
                                  "DELETE FROM temp.deferred_index;",
                                  error);
  g_debug ("bulk: %" G_GINT64_FORMAT " µs in all", g_get_monotonic_time () - started);
  return ok;
}

gboolean
_dt_database_savepoint (DtDatabase  *self,
                        GError     **error)
{
  gboolean outer = sqlite3_get_autocommit (self->db) != 0;
  int level = outer ? LEVEL_OUTER : self->bulk ? LEVEL_NONE : LEVEL_SAVEPOINT;

  /* A bulk change is always inside a transaction of its caller. */
  if (outer && self->bulk)
    return _dt_database_fail (self, SQLITE_MISUSE, error);

  if (!outer && self->levels->len == 0)
    return _dt_database_fail (self, SQLITE_MISUSE, error);
  if (level != LEVEL_NONE &&
      !_dt_database_exec (self, outer ? "BEGIN IMMEDIATE" : "SAVEPOINT dt", error))
    return FALSE;
  g_array_append_val (self->levels, level);
  return TRUE;
}

gboolean
_dt_database_release (DtDatabase  *self,
                      GError     **error)
{
  int level;

  g_return_val_if_fail (self->levels->len > 0, FALSE);
  level = g_array_index (self->levels, int, self->levels->len - 1);
  if (level != LEVEL_NONE &&
      !_dt_database_exec (self, level == LEVEL_OUTER ? "COMMIT" : "RELEASE dt", error))
    {
      _dt_database_undo (self);
      return FALSE;
    }
  g_array_set_size (self->levels, self->levels->len - 1);
  return TRUE;
}

void
_dt_database_undo (DtDatabase *self)
{
  int level;

  g_return_if_fail (self->levels->len > 0);
  level = g_array_index (self->levels, int, self->levels->len - 1);
  g_array_set_size (self->levels, self->levels->len - 1);
  if (level == LEVEL_NONE || sqlite3_get_autocommit (self->db))
    return;
  sqlite3_exec (self->db, level == LEVEL_OUTER ? "ROLLBACK" : "ROLLBACK TO dt; RELEASE dt",
                NULL, NULL, NULL);
}

gboolean
dt_database_begin (DtDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (DT_IS_DATABASE (self), FALSE);
  return _dt_database_savepoint (self, error);
}

gboolean
dt_database_commit (DtDatabase  *self,
                    GError     **error)
{
  g_return_val_if_fail (DT_IS_DATABASE (self), FALSE);
  return _dt_database_release (self, error);
}

void
dt_database_rollback (DtDatabase *self)
{
  g_return_if_fail (DT_IS_DATABASE (self));
  _dt_database_undo (self);
}

gint64
dt_database_count (DtDatabase  *self,
                   const char  *table,
                   GError     **error)
{
  static const char * const tables[] = {
    "villages", "agencies", "fields", "calendar_years", "calendar_days", "plans",
    "planned_sessions", "sessions", "petitions", "petition_events", "audit_log", NULL
  };
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 count;

  g_return_val_if_fail (DT_IS_DATABASE (self), -1);
  g_return_val_if_fail (g_strv_contains (tables, table), -1);

  sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  if (!(stmt = _dt_database_prepare (self, sql, error)))
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _dt_database_fail (self, sqlite3_errcode (self->db), error);
      sqlite3_reset (stmt);
      return -1;
    }
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

GPtrArray *
dt_database_check (DtDatabase  *self,
                   GError     **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (self), NULL);

  if (!(stmt = _dt_database_prepare (self, "PRAGMA integrity_check", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup (line));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dt_database_fail (self, rc, error);
      return NULL;
    }

  if (!(stmt = _dt_database_prepare (self, "PRAGMA foreign_key_check", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("A record in “%s” (row %lld) refers to a missing “%s” record."),
                                      (const char *) sqlite3_column_text (stmt, 0),
                                      (long long) sqlite3_column_int64 (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dt_database_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&problems);
}

gboolean
dt_database_backup (DtDatabase  *self,
                    const char  *destination,
                    GError     **error)
{
  g_autoptr(DtOutput) output = NULL;
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  /* Never over the live file or its working files, whatever name leads to them. */
  if (!(output = dt_output_new (destination, self, error)))
    return FALSE;

  rc = sqlite3_open_v2 (dt_output_get_temporary_path (output), &target,
                        SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (target, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (target);
      else
        {
          /* Whole copy in one step: a consistent snapshot even while others write. */
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_name (destination);

      g_set_error (error, DT_ERROR, DT_ERROR_IO,
                   _("The backup “%s” could not be written: %s"), name,
                   target != NULL ? sqlite3_errmsg (target) : sqlite3_errstr (rc));
      sqlite3_close (target);
      return FALSE;   /* the output removes the copy and its journal */
    }
  if (sqlite3_close (target) != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_name (destination);

      g_set_error (error, DT_ERROR, DT_ERROR_IO,
                   _("The backup “%s” could not be written: %s"), name, sqlite3_errmsg (target));
      sqlite3_close_v2 (target);
      return FALSE;
    }
  return dt_output_commit (output, error);
}
