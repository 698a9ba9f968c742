/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "dt-calendar.h"
#include "dt-database.h"

G_BEGIN_DECLS

typedef struct
{
  const char *table;             /* interned */
  gint64      rowid;
} DtChangedRow;

sqlite3      *_dt_database_get_handle (DtDatabase  *self);
/* A prepared statement, cached for the life of the connection and reset for reuse. One still
 * stepping is never handed out twice: a second copy is prepared. */
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

/* Transactions nest: BEGIN IMMEDIATE at the top, savepoints inside. Every change of several
 * rows is one of them; the listeners hear of it after the outermost commits. */
gboolean      _dt_database_savepoint  (DtDatabase  *self,
                                       GError     **error);
gboolean      _dt_database_release    (DtDatabase  *self,
                                       GError     **error);
void          _dt_database_undo       (DtDatabase  *self);
/* A bulk change, inside the caller's transaction, is undone as a whole on any failure: its
 * records take no savepoints of their own, and the search index is brought up to date once,
 * at the end (KEEP), instead of row by row, and then merged when the change was large.
 * _dt_database_index_deferred () indexes the petitions written so far, without ending the
 * bulk change (an import does it by batches, to bound the memory it takes). */
void          _dt_database_begin_bulk (DtDatabase  *self);
gboolean      _dt_database_index_deferred (DtDatabase  *self,
                                           GError     **error);
gboolean      _dt_database_end_bulk   (DtDatabase  *self,
                                       gboolean     keep,
                                       GError     **error);

void          _dt_database_flush_changes (DtDatabase *self);
DtChanges    *_dt_changes_new_from_rows  (const DtChangedRow *rows,
                                          guint               n_rows);
/* The working calendar and the answer rule of this connection, built once and rebuilt after
 * the calendar or the unit changes. Owned by the database. */
DtWorkCalendar *_dt_database_get_rules   (DtDatabase  *self,
                                          int         *answer_working_days,
                                          GError     **error);
/* ASSIGNED + the answer working days, memoised with the calendar: owned by the database. */
const char   *_dt_database_computed_deadline (DtDatabase  *self,
                                              const char  *assigned,
                                              GError     **error);
/* SQL functions over the status rules (dt-status.c): dt_status (), dt_deadline (),
 * dt_days_overdue (). */
void          _dt_status_register_sql    (DtDatabase  *self);

/* dt_fold () and dt_sort_key (), which the schema's generated columns and views name, on a
 * connection of SQLite's own (a backup being checked, say). */
void          _dt_database_register_text_functions (sqlite3 *db);

G_END_DECLS
