/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-backup.h"

G_BEGIN_DECLS

#define DT_TYPE_RESTORE_DIALOG (dt_restore_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DtRestoreDialog, dt_restore_dialog, DT, RESTORE_DIALOG, GtkWindow)

/* The copies of a database in its backup folder (dt_backup_list ()), newest first, with the
 * date, the kind, the size and what each holds; the newest one that passes its check is
 * chosen. Restore asks first, closes the windows open on the file (as when she closes them:
 * what their forms hold goes into the file's drafts, and so into the copy of the file as it
 * was), puts the copy in place in a worker thread (dt_backup_restore (): the copy is verified,
 * the file as it is is saved first) and opens the window again on the restored file. On
 * failure it says why and the file, unchanged, is opened again.
 *
 * PARENT is the window it belongs to: the main window, or the message about a database
 * that cannot be opened (closed, with any other about this file, once the restore has
 * worked). */
DtRestoreDialog *dt_restore_dialog_new          (GtkApplication  *application,
                                                 GtkWindow       *parent,
                                                 const char      *database_path);
/* The dialog for DATABASE_PATH, made or, when one is open on that file, raised. */
DtRestoreDialog *dt_restore_dialog_show         (GtkApplication  *application,
                                                 GtkWindow       *parent,
                                                 const char      *database_path);
const char      *dt_restore_dialog_get_database (DtRestoreDialog *self);
/* While the list is read or a restore runs. */
gboolean         dt_restore_dialog_get_busy     (DtRestoreDialog *self);
/* The copies listed (DtBackup), empty until they are read. */
GPtrArray       *dt_restore_dialog_get_backups  (DtRestoreDialog *self);
/* The copy chosen, or NULL. */
const DtBackup  *dt_restore_dialog_get_selected (DtRestoreDialog *self);
/* Chooses the copy at PATH; FALSE when it is not listed. */
gboolean         dt_restore_dialog_select       (DtRestoreDialog *self,
                                                 const char      *path);
/* What the dialog says under the list: why a copy cannot be restored, what went wrong. */
const char      *dt_restore_dialog_get_status   (DtRestoreDialog *self);

G_END_DECLS
