/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One connection per thread.
 *
 * A DtDatabase is one SQLite connection with its statement caches, its stack of open
 * transactions and its bulk state. It belongs to the thread that opened it and is used from
 * that thread alone (debug builds stop the program when another thread uses it). A worker —
 * a report, an import, an export — opens its own connection on the same file, in its own
 * thread, with dt_database_open_another() or dt_database_open(); inside one read transaction
 * it sees one consistent snapshot (WAL) while the window goes on writing. The window learns of
 * the worker's commits as of another program's, through dt_database_check_external(). */

#define DT_TYPE_DATABASE (dt_database_get_type ())
G_DECLARE_FINAL_TYPE (DtDatabase, dt_database, DT, DATABASE, GObject)

/* What a commit changed, as told by DtDatabase::changed. */
#define DT_TYPE_CHANGES (dt_changes_get_type ())
typedef struct _DtChanges DtChanges;

typedef enum
{
  DT_DATABASE_OPEN_EXISTING = 0,
  DT_DATABASE_OPEN_CREATE   = 1 << 0,
  /* Only reads. A file or folder that cannot be written opens this way by itself. */
  DT_DATABASE_OPEN_READ_ONLY = 1 << 1,
  /* Waits at most DT_DATABASE_SHORT_WAIT_MS, not 5 seconds, for another program that holds
   * the file while it is opened: the window says so at once instead of freezing. */
  DT_DATABASE_OPEN_SHORT_WAIT = 1 << 2,
} DtDatabaseOpenFlags;

#define DT_DATABASE_SHORT_WAIT_MS 300

/* Version of the schema this program writes (the newest migration). */
int         dt_database_schema_version  (void);
char       *dt_database_default_path    (void);

DtDatabase *dt_database_open            (const char           *path,
                                         DtDatabaseOpenFlags   flags,
                                         GError              **error);
/* A new connection on the same file, for the calling thread. */
DtDatabase *dt_database_open_another    (DtDatabase           *self,
                                         GError              **error);
const char *dt_database_get_path        (DtDatabase           *self);
/* Opened only to read: every change fails with a message that says so. */
gboolean    dt_database_is_read_only    (DtDatabase           *self);
/* How long a change waits for another program's to finish before giving up with
 * DT_ERROR_LOCKED (5 seconds unless set). */
void        dt_database_set_busy_timeout (DtDatabase          *self,
                                         int                  milliseconds);
/* How much of the file SQLite keeps in memory for this connection, in KiB (64 MiB unless set:
 * big imports need it; a window reading the register page by page does not). */
void        dt_database_set_cache_size  (DtDatabase           *self,
                                         int                  kib);
int         dt_database_get_user_version (DtDatabase          *self);
/* TRUE, after emitting DtDatabase::changed (external), when another connection or program
 * committed since the last look. Cheap: call it on a timer or when the window gets focus. */
gboolean    dt_database_check_external  (DtDatabase           *self,
                                         GError              **error);

gint64      dt_database_count           (DtDatabase           *self,
                                         const char           *table,
                                         GError              **error);
GPtrArray  *dt_database_check           (DtDatabase           *self,
                                         GError              **error);
gboolean    dt_database_backup          (DtDatabase           *self,
                                         const char           *destination,
                                         GError              **error);

GType       dt_changes_get_type         (void) G_GNUC_CONST;
DtChanges  *dt_changes_ref              (DtChanges            *changes);
void        dt_changes_unref            (DtChanges            *changes);
/* Another connection wrote: anything may have changed. */
gboolean    dt_changes_is_external      (const DtChanges      *changes);
/* TABLE is a table name ("petitions", "sessions", "villages" …). */
gboolean    dt_changes_touches          (const DtChanges      *changes,
                                         const char           *table);
gboolean    dt_changes_contains         (const DtChanges      *changes,
                                         const char           *table,
                                         gint64                id);
/* The ids changed in TABLE, sorted; NULL when they are not known (external, or too many). */
GArray     *dt_changes_get_rows         (const DtChanges      *changes,
                                         const char           *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtChanges, dt_changes_unref)

G_END_DECLS
