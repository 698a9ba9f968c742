/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DT_TYPE_DATABASE (dt_database_get_type ())
G_DECLARE_FINAL_TYPE (DtDatabase, dt_database, DT, DATABASE, GObject)

typedef enum
{
  DT_DATABASE_OPEN_EXISTING = 0,
  DT_DATABASE_OPEN_CREATE   = 1 << 0,
  /* Only reads. A file or folder that cannot be written opens this way by itself. */
  DT_DATABASE_OPEN_READ_ONLY = 1 << 1,
} DtDatabaseOpenFlags;

/* Version of the schema this program writes (the newest migration). */
int         dt_database_schema_version  (void);
char       *dt_database_default_path    (void);

DtDatabase *dt_database_open            (const char           *path,
                                         DtDatabaseOpenFlags   flags,
                                         GError              **error);
const char *dt_database_get_path        (DtDatabase           *self);
/* Opened only to read: every change fails with a message that says so. */
gboolean    dt_database_is_read_only    (DtDatabase           *self);
/* How long a change waits for another program's to finish before giving up with
 * DT_ERROR_LOCKED (5 seconds unless set). */
void        dt_database_set_busy_timeout (DtDatabase          *self,
                                         int                  milliseconds);
int         dt_database_get_user_version (DtDatabase          *self);

gboolean    dt_database_begin           (DtDatabase           *self,
                                         GError              **error);
gboolean    dt_database_commit          (DtDatabase           *self,
                                         GError              **error);
void        dt_database_rollback        (DtDatabase           *self);

gint64      dt_database_count           (DtDatabase           *self,
                                         const char           *table,
                                         GError              **error);
GPtrArray  *dt_database_check           (DtDatabase           *self,
                                         GError              **error);
gboolean    dt_database_backup          (DtDatabase           *self,
                                         const char           *destination,
                                         GError              **error);

G_END_DECLS
