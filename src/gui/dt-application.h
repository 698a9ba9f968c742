/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-database.h"

G_BEGIN_DECLS

#define DT_TYPE_APPLICATION (dt_application_get_type ())
G_DECLARE_FINAL_TYPE (DtApplication, dt_application, DT, APPLICATION, GtkApplication)

DtApplication *dt_application_new             (void);
DtDatabase    *dt_application_open_database   (DtApplication *self,
                                               const char    *path,
                                               GError       **error);
GtkWindow     *dt_application_open            (DtApplication *self,
                                               const char    *path);
GtkWindow     *dt_application_show_error      (DtApplication *self,
                                               GtkWindow     *parent,
                                               const GError  *error);
GtkWindow     *dt_application_ask_create      (DtApplication *self,
                                               const char    *path);
gboolean       dt_application_backup          (DtApplication *self,
                                               GtkWindow     *parent,
                                               DtDatabase    *database);
char         **dt_application_get_recent      (DtApplication *self);
char          *dt_application_get_sample_path (DtApplication *self);
void           dt_application_apply_language  (void);
GSettings     *dt_application_get_settings    (DtApplication *self);
int            dt_application_get_exit_status (DtApplication *self);

G_END_DECLS
