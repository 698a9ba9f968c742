/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dt-database.h"

G_BEGIN_DECLS

/* What the pages of a window share: its database, the settings and today's date. The window
 * makes one and hands it down; pages never reach up into the application. It also watches
 * the clock and the file: when the day changes it notifies "today", and on a timer it asks
 * the database whether another program wrote (DtDatabase::changed follows). */

#define DT_TYPE_CONTEXT (dt_context_get_type ())
G_DECLARE_FINAL_TYPE (DtContext, dt_context, DT, CONTEXT, GObject)

DtContext  *dt_context_new            (DtDatabase *database,
                                       GSettings  *settings);
DtDatabase *dt_context_get_database   (DtContext  *self);
/* NULL when the schema is not installed. */
GSettings  *dt_context_get_settings   (DtContext  *self);
void        dt_context_get_today      (DtContext  *self,
                                       GDate      *today);
/* YYYY-MM-DD */
const char *dt_context_get_today_iso  (DtContext  *self);
/* Looks at once for a new day and for other programs' commits (the window calls it when it
 * gets the focus; a timer calls it every few seconds). */
void        dt_context_check          (DtContext  *self);

G_END_DECLS
