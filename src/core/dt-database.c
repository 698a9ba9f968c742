/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-database"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dt-backup-private.h"
#include "dt-calendar.h"
#include "dt-core-resources.h"
#include "dt-database-private.h"
#include "dt-records-private.h"
#include "dt-text.h"
#include "dt-error.h"
#include "dt-search.h"
#include "dt-output.h"
#include "dt-util.h"

#ifndef W_OK
# define W_OK 2
#endif

#define MIGRATIONS_PATH "/io/github/doithoai/DoiThoai/migrations"
/* 'DtHN' in ASCII: tells our files from other programs' SQLite databases. */
#define DT_APPLICATION_ID 0x4474484e

/* Rows changed by the open transaction, or by the one just committed: what a listener is
 * told. Past this many rows of one table it is told "many" and reloads what it shows. */
#define CHANGES_MAX_ROWS 10000

struct _DtChanges
{
  grefcount   ref_count;
  gboolean    external;      /* another connection wrote: what changed is not known */
  GHashTable *tables;        /* interned table name → GHashTable of gint64 row ids, or NULL: many */
};

struct _DtDatabase
{
  GObject         parent_instance;

  sqlite3        *db;
  char           *path;
  GThread        *owner;         /* the thread that opened it: the only one that may use it */
  GHashTable     *statements;
  GHashTable     *static_statements;  /* keyed by the address of an immortal SQL string */
  GArray         *levels;        /* per open level: LEVEL_OUTER, LEVEL_SAVEPOINT or LEVEL_NONE */
  GArray         *level_marks;   /* per open level: the number of changes noted when it began */
  gboolean        bulk;
  GArray         *deferred;      /* petition ids whose search entry waits for the bulk's end */
  guint           bulk_indexed;  /* petitions this bulk change has indexed so far */
  int             user_version;
  gboolean        read_only;

  GArray         *pending;       /* DtChangedRow: noted by the update hook, not yet committed */
  gboolean        committed;     /* the commit hook ran since the changes were last told */
  gboolean        indexed;       /* petitions written: the search index may need merging */
  gint64          data_version;  /* of the last look at other connections' commits */

  DtWorkCalendar *calendar;      /* built on demand for the rules; dropped when they change */
  int             answer_working_days;
  GHashTable     *deadlines;     /* assigned date → computed deadline (ISO), with the calendar */
};


G_DEFINE_FINAL_TYPE (DtDatabase, dt_database, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (DtChanges, dt_changes, dt_changes_ref, dt_changes_unref)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Statements are cached per connection, and a connection belongs to one thread: using it from
 * another corrupts bound parameters, savepoints and the caches silently, so debug builds stop
 * the program at the first such call. */
#ifdef DT_CHECK_THREADS
#define CHECK_OWNER(self)                                                                     \
  G_STMT_START {                                                                              \
    if (G_UNLIKELY ((self)->owner != g_thread_self ()))                                       \
      g_error ("The database “%s” was used from a thread that did not open it: each thread "  \
               "must open its own connection (dt_database_open_another).", (self)->path);      \
  } G_STMT_END
#else
#define CHECK_OWNER(self) G_STMT_START { } G_STMT_END
#endif

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

typedef char *(*TextFunc) (const char *text);

/* dt_fold () and dt_sort_key (): the text through the function given as user data. */
static void
text_func (sqlite3_context *context,
           int              argc,
           sqlite3_value  **argv)
{
  TextFunc func = (TextFunc) sqlite3_user_data (context);
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, func (text), -1, g_free);
}

void
_dt_database_register_text_functions (sqlite3 *db)
{
  int deterministic = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  sqlite3_create_function_v2 (db, "dt_fold", 1, deterministic, (gpointer) dt_text_fold,
                              text_func, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "dt_sort_key", 1, deterministic, (gpointer) dt_text_sort_key,
                              text_func, NULL, NULL, NULL);
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

static void
drop_rules (DtDatabase *self)
{
  g_clear_pointer (&self->calendar, dt_work_calendar_free);
  g_clear_pointer (&self->deadlines, g_hash_table_unref);
}

static void
statements_free (gpointer data)
{
  g_ptr_array_unref (data);
}

/* The tables whose changes a list or a page may show. */
static const char *
watched_table (const char *table)
{
  static const char * const watched[] = {
    "petitions", "petition_events", "sessions", "plans", "plan_bases", "plan_reports_due",
    "planned_sessions", "villages", "agencies", "fields", "unit", "calendar_years",
    "calendar_days", "drafts", NULL
  };

  for (guint i = 0; watched[i] != NULL; i++)
    if (g_str_equal (table, watched[i]))
      return watched[i];
  return NULL;
}

static void
update_hook (void          *user_data,
             int            operation,
             const char    *database,
             const char    *table,
             sqlite3_int64  rowid)
{
  DtDatabase *self = user_data;
  DtChangedRow row;

  if (!g_str_equal (database, "main") || !(row.table = watched_table (table)))
    return;
  row.rowid = rowid;
  g_array_append_val (self->pending, row);
}

static int
commit_hook (void *user_data)
{
  DtDatabase *self = user_data;

  self->committed = TRUE;
  return 0;
}

static void
rollback_hook (void *user_data)
{
  DtDatabase *self = user_data;

  g_array_set_size (self->pending, 0);
}

static char **
list_migrations (void)
{
  static gsize registered;
  g_auto(GStrv) names = NULL;

  /* Registered by hand: a constructor in an object nothing refers to would be dropped by the
   * linker, and the program would create databases without a schema. */
  if (g_once_init_enter (&registered))
    {
      dt_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);

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

/* The search index's merging, left to whoever writes since migration 0012, done as the
 * connection closes: after the console program's commands, say. A bulk change merges its own
 * at its end; what a few records leave takes a few milliseconds. Bounded all the same. */
#define CLOSE_MERGE_STEPS 20
#define CLOSE_MERGE_PAGES 500

static void
merge_index_before_close (DtDatabase *self)
{
  gboolean merged = TRUE;

  if (!self->indexed || self->read_only || self->owner != g_thread_self () ||
      !sqlite3_get_autocommit (self->db))
    return;
  for (guint i = 0; i < CLOSE_MERGE_STEPS && merged; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!dt_search_merge_index (self, CLOSE_MERGE_PAGES, &merged, &error))
        {
          g_debug ("The search index was not merged: %s", error->message);
          return;
        }
    }
}

static void
dt_database_finalize (GObject *object)
{
  DtDatabase *self = (DtDatabase *) object;

  if (self->db != NULL)
    merge_index_before_close (self);

  g_clear_pointer (&self->static_statements, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_pointer (&self->level_marks, g_array_unref);
  g_clear_pointer (&self->deferred, g_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  drop_rules (self);
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

  /**
   * DtDatabase::changed:
   * @changes: the tables and rows changed
   *
   * Emitted after a commit of this connection (never after a rollback), and when
   * dt_database_check_external() finds that another connection or program committed.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DT_TYPE_CHANGES | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
dt_database_init (DtDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, statements_free);
  self->static_statements = g_hash_table_new_full (NULL, NULL, NULL, statements_free);
  self->levels = g_array_new (FALSE, FALSE, sizeof (int));
  self->level_marks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->deferred = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending = g_array_new (FALSE, FALSE, sizeof (DtChangedRow));
  self->owner = g_thread_self ();
}

static gboolean
is_disk_full_errno (int code)
{
#ifdef EDQUOT
  if (code == EDQUOT)
    return TRUE;
#endif
  return code == ENOSPC || code == EFBIG;
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
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      /* What SQLite calls a "disk I/O error" is most often no room left, for the -wal or the
       * -shm it makes when it opens the file. */
      if (self->db != NULL && is_disk_full_errno (sqlite3_system_errno (self->db)))
        {
          g_set_error (error, DT_ERROR, DT_ERROR_DATABASE,
                       _("The disk holding “%s” is full. Nothing was saved."), self->path);
          break;
        }
      /* The errno behind a failed write is often lost by then: what failed is told. */
      if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_DIR_FSYNC ||
          rc == SQLITE_IOERR_TRUNCATE || rc == SQLITE_IOERR_SHMSIZE)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_DATABASE,
                       _("The database “%s” could not be written: the disk refused it (it may be "
                         "full or failing, or the file too large for it). Nothing was saved."),
                       self->path);
          break;
        }
      g_set_error (error, DT_ERROR, DT_ERROR_DATABASE,
                   _("The database “%s” cannot be opened or written: %s"), self->path, detail);
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
    case SQLITE_PERM:
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

/* A statement still stepping (its caller loops over rows while something it calls runs the
 * same SQL) is never handed out again: another copy is prepared and kept beside it. */
static sqlite3_stmt *
prepare_cached (DtDatabase  *self,
                GHashTable  *cache,
                const char  *sql,
                gboolean     copy_key,
                GError     **error)
{
  GPtrArray *copies;
  sqlite3_stmt *stmt = NULL;
  int rc;

  CHECK_OWNER (self);

  copies = g_hash_table_lookup (cache, sql);
  for (guint i = 0; copies != NULL && i < copies->len; i++)
    {
      stmt = g_ptr_array_index (copies, i);
      if (!sqlite3_stmt_busy (stmt))
        {
          sqlite3_reset (stmt);
          sqlite3_clear_bindings (stmt);
          return stmt;
        }
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _dt_database_fail (self, rc, error);
      return NULL;
    }
  if (copies == NULL)
    {
      copies = g_ptr_array_new_with_free_func (statement_free);
      g_hash_table_insert (cache, copy_key ? g_strdup (sql) : (gpointer) sql, copies);
    }
  g_ptr_array_add (copies, stmt);
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
  int rc;

  CHECK_OWNER (self);
  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _dt_database_fail (self, rc, error);
  _dt_database_flush_changes (self);
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
  _dt_database_flush_changes (self);
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
query_int64 (DtDatabase  *self,
             const char  *sql,
             gint64      *value,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _dt_database_prepare_static (self, sql, error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _dt_database_fail (self, rc, error);
  return TRUE;
}

/* The file as it was, before the first migration of an older version's database changes it:
 * an update of the program that goes wrong can be undone by restoring it. */
static gboolean
back_up_before_migration (DtDatabase  *self,
                          GError     **error)
{
  g_autoptr(DtBackup) backup = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(backup = dt_backup_make (self, DT_BACKUP_MIGRATION, &local_error)))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_DATABASE,
                   _("The database “%s” was made by an older version of DoiThoai and must be "
                     "brought up to date, but a copy of it could not be saved first: %s "
                     "Nothing was changed."), self->path, local_error->message);
      return FALSE;
    }
  g_debug ("Saved %s before migrating it from version %d", backup->path, self->user_version);
  return TRUE;
}

static gboolean
migrate (DtDatabase  *self,
         GError     **error)
{
  g_auto(GStrv) names = list_migrations ();

  /* A new database (version 0) has nothing to keep. */
  if (self->user_version > 0 && self->user_version < dt_database_schema_version () &&
      !back_up_before_migration (self, error))
    return FALSE;

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
  /* One connection per thread (see dt-database.h): SQLite's own lock on every call would
   * protect nothing more, and costs a tenth of a long read. */
  int sqlite_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int application_id = 0;
  int n_objects = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (dt_database_schema_version () == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_DATABASE,
                   _("This copy of DoiThoai was built without its database schema: “%s” was "
                     "not opened. Reinstall the program."), path);
      return NULL;
    }

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
#ifdef G_OS_UNIX
      /* Readable by its owner only: it holds the petitioners' names. SQLite gives its -wal
       * and -shm the same mode. */
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);

          if (fd >= 0)
            g_close (fd, NULL);
        }
#endif
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
        sqlite_flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | (uri ? SQLITE_OPEN_URI : 0);
    }

  rc = sqlite3_open_v2 (uri != NULL ? uri : path, &self->db, sqlite_flags, NULL);
  if (rc != SQLITE_OK)
    {
      _dt_database_fail (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db,
                        (flags & DT_DATABASE_OPEN_SHORT_WAIT) ? DT_DATABASE_SHORT_WAIT_MS : 5000);
  sqlite3_create_function_v2 (self->db, "dt_actor", 0, SQLITE_UTF8, NULL,
                              actor_func, NULL, NULL, NULL);
  sqlite3_create_function_v2 (self->db, "dt_defer_index", 1, SQLITE_UTF8, self,
                              defer_index_func, NULL, NULL, NULL);
  _dt_database_register_text_functions (self->db);
  _dt_status_register_sql (self);
  sqlite3_update_hook (self->db, update_hook, self);
  sqlite3_commit_hook (self->db, commit_hook, self);
  sqlite3_rollback_hook (self->db, rollback_hook, self);

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
  g_array_set_size (self->pending, 0);
  self->committed = FALSE;
  if (!query_int64 (self, "PRAGMA data_version", &self->data_version, error))
    return NULL;

  return g_steal_pointer (&self);
}

DtDatabase *
dt_database_open_another (DtDatabase  *self,
                          GError     **error)
{
  g_return_val_if_fail (DT_IS_DATABASE (self), NULL);

  /* Same file, same schema: the migrations find nothing to do. A file opened read-only is
   * opened so again (writing the journal mode would fail on it). */
  return dt_database_open (self->path,
                           self->read_only ? DT_DATABASE_OPEN_READ_ONLY
                                           : DT_DATABASE_OPEN_EXISTING,
                           error);
}

gboolean
dt_database_check_external (DtDatabase  *self,
                            GError     **error)
{
  g_autoptr(DtChanges) changes = NULL;
  gint64 version;

  g_return_val_if_fail (DT_IS_DATABASE (self), FALSE);
  CHECK_OWNER (self);

  /* Inside a transaction the snapshot is this connection's own: look again after it. */
  if (!sqlite3_get_autocommit (self->db))
    return FALSE;
  if (!query_int64 (self, "PRAGMA data_version", &version, error) ||
      version == self->data_version)
    return FALSE;
  self->data_version = version;

  changes = g_atomic_rc_box_new0 (DtChanges);
  g_ref_count_init (&changes->ref_count);
  changes->external = TRUE;
  drop_rules (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, changes);
  return TRUE;
}

/* Called after every statement: once a commit went through and no transaction is open any
 * more, the listeners are told what it changed. */
void
_dt_database_flush_changes (DtDatabase *self)
{
  g_autoptr(DtChanges) changes = NULL;

  if (!self->committed || !sqlite3_get_autocommit (self->db))
    return;
  self->committed = FALSE;
  if (self->pending->len == 0)
    return;

  changes = _dt_changes_new_from_rows ((const DtChangedRow *) (gpointer) self->pending->data,
                                      self->pending->len);
  g_array_set_size (self->pending, 0);
  if (dt_changes_touches (changes, "petitions"))
    self->indexed = TRUE;
  if (dt_changes_touches (changes, "calendar_years") ||
      dt_changes_touches (changes, "calendar_days") || dt_changes_touches (changes, "unit"))
    drop_rules (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, changes);
}

const char *
_dt_database_computed_deadline (DtDatabase  *self,
                                const char  *assigned,
                                GError     **error)
{
  DtWorkCalendar *calendar;
  const char *known;
  GDate from, deadline;
  int answer_days;
  char *iso;

  if (self->deadlines != NULL && (known = g_hash_table_lookup (self->deadlines, assigned)))
    return known;
  if (!(calendar = _dt_database_get_rules (self, &answer_days, error)))
    return NULL;
  if (!dt_date_parse (assigned, &from))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” is not a real date (expected YYYY-MM-DD)."), assigned);
      return NULL;
    }
  if (!dt_work_calendar_add (calendar, &from, answer_days, &deadline, error))
    return NULL;
  if (self->deadlines == NULL)
    self->deadlines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  iso = dt_date_to_iso (&deadline);
  g_hash_table_insert (self->deadlines, g_strdup (assigned), iso);
  return iso;
}

DtWorkCalendar *
_dt_database_get_rules (DtDatabase  *self,
                        int         *answer_working_days,
                        GError     **error)
{
  if (self->calendar == NULL)
    {
      g_autoptr(DtUnit) unit = dt_unit_load (self, error);

      if (unit == NULL || !(self->calendar = dt_work_calendar_new (self, error)))
        return NULL;
      self->answer_working_days = unit->answer_working_days;
    }
  if (answer_working_days != NULL)
    *answer_working_days = self->answer_working_days;
  return self->calendar;
}

/* NULL stands for "too many rows to list". */
static void
row_set_free (gpointer data)
{
  if (data != NULL)
    g_hash_table_unref (data);
}

DtChanges *
_dt_changes_new_from_rows (const DtChangedRow *rows,
                          guint               n_rows)
{
  DtChanges *changes = g_atomic_rc_box_new0 (DtChanges);

  g_ref_count_init (&changes->ref_count);
  changes->tables = g_hash_table_new_full (NULL, NULL, NULL, row_set_free);
  for (guint i = 0; i < n_rows; i++)
    {
      const char *table = g_intern_string (rows[i].table);
      GHashTable *ids;

      if (!g_hash_table_lookup_extended (changes->tables, table, NULL, (gpointer *) &ids))
        {
          ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
          g_hash_table_insert (changes->tables, (gpointer) table, ids);
        }
      if (ids == NULL)
        continue;
      if (g_hash_table_size (ids) >= CHANGES_MAX_ROWS)
        {
          g_hash_table_insert (changes->tables, (gpointer) table, NULL);
          continue;
        }
      g_hash_table_add (ids, g_memdup2 (&rows[i].rowid, sizeof (gint64)));
    }
  return changes;
}

DtChanges *
dt_changes_ref (DtChanges *changes)
{
  g_return_val_if_fail (changes != NULL, NULL);
  g_ref_count_inc (&changes->ref_count);
  return changes;
}

void
dt_changes_unref (DtChanges *changes)
{
  g_return_if_fail (changes != NULL);
  if (g_ref_count_dec (&changes->ref_count))
    {
      g_clear_pointer (&changes->tables, g_hash_table_unref);
      g_atomic_rc_box_release (changes);
    }
}

gboolean
dt_changes_is_external (const DtChanges *changes)
{
  g_return_val_if_fail (changes != NULL, FALSE);
  return changes->external;
}

gboolean
dt_changes_touches (const DtChanges *changes,
                    const char      *table)
{
  g_return_val_if_fail (changes != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  return changes->external ||
         g_hash_table_contains (changes->tables, g_intern_string (table));
}

gboolean
dt_changes_contains (const DtChanges *changes,
                     const char      *table,
                     gint64           id)
{
  GHashTable *ids;

  g_return_val_if_fail (changes != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  if (changes->external)
    return TRUE;
  if (!g_hash_table_lookup_extended (changes->tables, g_intern_string (table), NULL,
                                     (gpointer *) &ids))
    return FALSE;
  return ids == NULL || g_hash_table_contains (ids, &id);
}

GArray *
dt_changes_get_rows (const DtChanges *changes,
                     const char      *table)
{
  GHashTable *ids;
  GHashTableIter iter;
  gpointer key;
  GArray *rows;

  g_return_val_if_fail (changes != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  if (changes->external)
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!g_hash_table_lookup_extended (changes->tables, g_intern_string (table), NULL,
                                     (gpointer *) &ids))
    return rows;
  if (ids == NULL)
    {
      g_array_unref (rows);
      return NULL;
    }
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_vals (rows, key, 1);
  g_array_sort (rows, (GCompareFunc) dt_int64_compare);
  return rows;
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

void
dt_database_set_cache_size (DtDatabase *self,
                            int         kib)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DT_IS_DATABASE (self));
  g_return_if_fail (kib > 0);
  sql = g_strdup_printf ("PRAGMA cache_size = -%d;", kib);
  if (!_dt_database_exec (self, sql, &error))
    g_warning ("The page cache could not be set: %s", error->message);
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

/* A bulk change of fewer petitions leaves segments small enough for the merges that follow
 * (dt_search_merge_index ()) to take in their stride. */
#define BULK_MERGE_MIN 1000

void
_dt_database_begin_bulk (DtDatabase *self)
{
  self->bulk = TRUE;
  self->bulk_indexed = 0;
  g_array_set_size (self->deferred, 0);
}

gboolean
_dt_database_index_deferred (DtDatabase  *self,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  gint64 started = g_get_monotonic_time ();

  if (self->deferred->len == 0)
    return TRUE;

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
  self->bulk_indexed += self->deferred->len;
  g_array_set_size (self->deferred, 0);
  g_debug ("bulk: %" G_GINT64_FORMAT " µs to note the petitions", g_get_monotonic_time () - started);
  ok = ok && _dt_database_exec (self,
                                  "DELETE FROM petitions_fts WHERE rowid IN "
                                  "  (SELECT id FROM temp.deferred_index);"
                                  "DELETE FROM petitions_exact_fts WHERE rowid IN "
                                  "  (SELECT id FROM temp.deferred_index);"
                                  "INSERT INTO petitions_fts (rowid, code, petitioner, place, "
                                  "    summary, content) "
                                  "  SELECT id, code, petitioner, place, summary, content "
                                  "  FROM petitions_search_text "
                                  "  WHERE id IN (SELECT id FROM temp.deferred_index);"
                                  "INSERT INTO petitions_exact_fts (rowid, code, petitioner, "
                                  "    place, summary, content) "
                                  "  SELECT id, code_exact, petitioner_exact, place_exact, "
                                  "    summary_exact, content_exact "
                                  "  FROM petitions_search_text "
                                  "  WHERE id IN (SELECT id FROM temp.deferred_index);"
                                  "DELETE FROM temp.deferred_index;",
                                  error);
  g_debug ("bulk: %" G_GINT64_FORMAT " µs to index them", g_get_monotonic_time () - started);
  return ok;
}

gboolean
_dt_database_end_bulk (DtDatabase  *self,
                       gboolean     keep,
                       GError     **error)
{
  gint64 started;

  self->bulk = FALSE;
  if (!keep)
    {
      g_array_set_size (self->deferred, 0);
      self->bulk_indexed = 0;
      return TRUE;
    }
  if (!_dt_database_index_deferred (self, error))
    return FALSE;
  if (self->bulk_indexed < BULK_MERGE_MIN)
    return TRUE;

  /* A bulk load leaves the search index in a few large segments on the level where each
   * save adds a small one, and FTS5 merges a level whole once it holds 16: at 100,000
   * petitions, the twelfth save after a demo took 2 s, wrote 300 MB to the log and grew the
   * file by 90 MB. Merged into one segment now, inside the bulk change's transaction (2 s at
   * 100,000); migration 0010 keeps later saves from merging it whole again. */
  started = g_get_monotonic_time ();
  self->bulk_indexed = 0;
  if (!_dt_database_exec (self,
                          "INSERT INTO petitions_fts (petitions_fts) VALUES ('optimize');"
                          "INSERT INTO petitions_exact_fts (petitions_exact_fts) "
                          "  VALUES ('optimize');",
                          error))
    return FALSE;
  g_debug ("bulk: %" G_GINT64_FORMAT " µs to merge the search index",
           g_get_monotonic_time () - started);
  return TRUE;
}

gboolean
_dt_database_savepoint (DtDatabase  *self,
                        GError     **error)
{
  gboolean outer;
  int level;

  CHECK_OWNER (self);
  outer = sqlite3_get_autocommit (self->db) != 0;
  level = outer ? LEVEL_OUTER : self->bulk ? LEVEL_NONE : LEVEL_SAVEPOINT;

  /* A bulk change is always inside a transaction of its caller. */
  if (outer && self->bulk)
    return _dt_database_fail (self, SQLITE_MISUSE, error);

  if (!outer && self->levels->len == 0)
    return _dt_database_fail (self, SQLITE_MISUSE, error);
  if (level != LEVEL_NONE &&
      !_dt_database_exec (self, outer ? "BEGIN IMMEDIATE" : "SAVEPOINT dt", error))
    return FALSE;
  g_array_append_val (self->levels, level);
  g_array_append_val (self->level_marks, self->pending->len);
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
  g_array_set_size (self->level_marks, self->level_marks->len - 1);
  _dt_database_flush_changes (self);
  return TRUE;
}

void
_dt_database_undo (DtDatabase *self)
{
  guint mark;
  int level;

  g_return_if_fail (self->levels->len > 0);
  level = g_array_index (self->levels, int, self->levels->len - 1);
  mark = g_array_index (self->level_marks, guint, self->level_marks->len - 1);
  g_array_set_size (self->levels, self->levels->len - 1);
  g_array_set_size (self->level_marks, self->level_marks->len - 1);
  if (level == LEVEL_NONE || sqlite3_get_autocommit (self->db))
    return;
  sqlite3_exec (self->db, level == LEVEL_OUTER ? "ROLLBACK" : "ROLLBACK TO dt; RELEASE dt",
                NULL, NULL, NULL);
  /* What the savepoint undid was never written. */
  if (mark < self->pending->len)
    g_array_set_size (self->pending, mark);
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

/* The page cache of a connection while it copies the whole file, in KiB. */
#define BACKUP_CACHE_KIB 2048

gboolean
dt_database_backup (DtDatabase  *self,
                    const char  *destination,
                    GError     **error)
{
  g_autoptr(DtOutput) output = NULL;
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int cache_size;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  /* Never over the live file or its working files, whatever name leads to them. */
  if (!(output = dt_output_new (destination, self, error)))
    return FALSE;
  dt_output_set_private (output);

  /* Every page of the file passes through the connection's page cache: at its usual size
   * (64 MiB) the copy would fill it, and a worker's memory would grow by as much. */
  if (!query_int (self, "PRAGMA cache_size", &cache_size, error))
    return FALSE;
  sqlite3_exec (self->db, "PRAGMA cache_size = -" G_STRINGIFY (BACKUP_CACHE_KIB), NULL, NULL,
                NULL);
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
  {
    g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = %d", cache_size);

    sqlite3_exec (self->db, pragma, NULL, NULL, NULL);
  }

  if (rc != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_name (destination);

      if ((rc & 0xff) == SQLITE_FULL ||
          (target != NULL && is_disk_full_errno (sqlite3_system_errno (target))))
        g_set_error (error, DT_ERROR, DT_ERROR_IO,
                     _("The disk is full: “%s” could not be written."), name);
      else
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
  /* Checked before it takes the name: a copy that fails is no copy. */
  return _dt_backup_check_file (dt_output_get_temporary_path (output), destination, FALSE,
                                error) &&
         dt_output_commit (output, error);
}
