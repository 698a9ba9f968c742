/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"

G_BEGIN_DECLS

/* Where "Back up now" writes: a folder "backups" beside the database, one file a time,
 * "doithoai-2026-12-01-090504.sqlite". */
char     *dt_backup_default_path (const char  *database,
                                  GDateTime   *when);
/* Puts the backup BACKUP in place of the database PATH (damaged, say), which is kept aside
 * first, with its journal files, as PATH.before-restore-STAMP (returned in KEPT when there was
 * one). The backup must be a DoiThoai database this program can open; nothing moves when it
 * is not. */
gboolean  dt_database_restore    (const char  *path,
                                  const char  *backup,
                                  char       **kept,
                                  GError     **error);

G_END_DECLS
