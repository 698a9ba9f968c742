/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-application.h"
#include "dt-context.h"
#include "dt-database.h"

G_BEGIN_DECLS

#define DT_TYPE_WINDOW (dt_window_get_type ())
G_DECLARE_FINAL_TYPE (DtWindow, dt_window, DT, WINDOW, GtkApplicationWindow)

DtWindow   *dt_window_new          (DtApplication *application,
                                    DtDatabase    *database);
DtDatabase *dt_window_get_database (DtWindow      *self);
DtContext  *dt_window_get_context  (DtWindow      *self);
const char *dt_window_get_page     (DtWindow      *self);

G_END_DECLS
