/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DT_TYPE_ERROR_WINDOW (dt_error_window_get_type ())
G_DECLARE_FINAL_TYPE (DtErrorWindow, dt_error_window, DT, ERROR_WINDOW, GtkWindow)

GtkWindow  *dt_error_window_new         (GtkWindow     *parent,
                                         const char    *heading,
                                         const char    *message);
const char *dt_error_window_get_heading (DtErrorWindow *self);
const char *dt_error_window_get_message (DtErrorWindow *self);
/* The database that could not be used: the window then offers to open another one or to
 * restore this one from a backup (app.open-database, app.restore-backup). */
void        dt_error_window_set_database (DtErrorWindow *self,
                                          const char    *path);
const char *dt_error_window_get_database (DtErrorWindow *self);
/* Hides "Restore from Backup" for a database that is fine but cannot be used now. */
void        dt_error_window_set_restore_offered (DtErrorWindow *self,
                                                 gboolean       offered);

G_END_DECLS
