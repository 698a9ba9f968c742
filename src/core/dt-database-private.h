/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "dt-database.h"

G_BEGIN_DECLS

sqlite3      *_dt_database_get_handle (DtDatabase  *self);
/* A prepared statement, cached for the life of the connection and reset for reuse. */
sqlite3_stmt *_dt_database_prepare    (DtDatabase  *self,
                                       const char  *sql,
                                       GError     **error);
/* The same for SQL text that lives as long as the program (literals, memoised SQL):
 * looked up by address, which matters on paths run once per record. */
sqlite3_stmt *_dt_database_prepare_static (DtDatabase  *self,
                                           const char  *sql,
                                           GError     **error);
/* Runs statements that take no parameters. */
gboolean      _dt_database_exec       (DtDatabase  *self,
                                       const char  *sql,
                                       GError     **error);
/* The one place where SQLite's result codes become GErrors. */
gboolean      _dt_database_fail       (DtDatabase  *self,
                                       int          rc,
                                       GError     **error);
/* Steps a statement that returns no rows, and resets it. */
gboolean      _dt_database_step_done  (DtDatabase   *self,
                                       sqlite3_stmt *stmt,
                                       GError      **error);

G_END_DECLS
