/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-database.h"
#include "dt-records.h"

G_BEGIN_DECLS

/* What the pages of a window share, handed down from the window: the database, the settings
 * (or none), today's date, and the lists the forms offer (villages, agencies, fields, session
 * codes), kept up to date as the database changes. It also looks for writes by other
 * programs (the console program) every few seconds, so that what the pages show follows
 * them. */
#define DT_TYPE_CONTEXT (dt_context_get_type ())
G_DECLARE_FINAL_TYPE (DtContext, dt_context, DT, CONTEXT, GObject)

/* How long a change waits for another program's before it gives up: short, so that the
 * window never freezes on a database the console program holds. */
#define DT_CONTEXT_BUSY_TIMEOUT_MS 300
/* The window's page cache, in KiB: the register reads a page of rows at a time, and the system
 * keeps the file's pages besides. */
#define DT_CONTEXT_CACHE_KIB (2 * 1024)

DtContext  *dt_context_new           (DtDatabase *database,
                                      GSettings  *settings);
DtDatabase *dt_context_get_database  (DtContext  *self);
/* NULL when the schema is not installed. */
GSettings  *dt_context_get_settings  (DtContext  *self);
/* Today (DOITHOAI_TODAY when set): DtContext::today-changed says when it moves on. */
void        dt_context_get_today     (DtContext  *self,
                                      GDate      *today);
char       *dt_context_dup_today_iso (DtContext  *self);
/* A GtkStringList of the names of LIST, in the list's order, following the database. */
GListModel *dt_context_get_names     (DtContext  *self,
                                      DtList      list);
/* A GtkStringList of session codes, newest first, following the database. */
GListModel *dt_context_get_sessions  (DtContext  *self);
/* Looks now for a new day and for other programs' writes (the window calls it when it gets the
 * focus too). */
void        dt_context_check_external (DtContext *self);

/* The file is open only to read (dt_database_is_read_only ()): every change is turned off. */
gboolean    dt_context_get_read_only (DtContext  *self);
/* gtk_widget_action_set_enabled () for an action of WIDGET that writes: never enabled when
 * SELF (which may be NULL, before the page has its context) is read-only. */
void        dt_context_set_write_action_enabled (DtContext  *self,
                                                 GtkWidget  *widget,
                                                 const char *action_name,
                                                 gboolean    enabled);

/* Work done once the window is idle, ahead of need (reading a tab's list before it is first
 * shown): one task per turn of the main loop, so that a key or a frame waits for one task at
 * most, never for all of them. Returns an id for dt_context_cancel_idle (), never 0. */
guint       dt_context_add_idle      (DtContext  *self,
                                      GSourceFunc func,
                                      gpointer    data);
/* Forgets task ID if it has not run yet; 0 is ignored. */
void        dt_context_cancel_idle   (DtContext  *self,
                                      guint       id);
/* Reading ahead of need, in a thread of its own on a connection of its own (dt-database.h),
 * while the main thread goes on: FUNC (database, data, error) returns what it read, or NULL
 * and an error. */
typedef gpointer (*DtReadFunc) (DtDatabase  *database,
                                gpointer     data,
                                GError     **error);

/* Begins reading NAME ahead (one of a name at a time: one that runs is waited for and
 * dropped). DATA belongs to the thread until it is done, then goes with DATA_FREE; what
 * nobody takes goes with RESULT_FREE. */
void        dt_context_read_ahead    (DtContext      *self,
                                      const char     *name,
                                      DtReadFunc      func,
                                      gpointer        data,
                                      GDestroyNotify  data_free,
                                      GDestroyNotify  result_free);
/* TRUE when reading NAME ahead was begun and what it found is not taken yet. */
gboolean    dt_context_is_reading_ahead (DtContext   *self,
                                         const char  *name);
/* What the reading ahead of NAME found, waited for if it still runs, now the caller's. NULL
 * when there was none, it failed, or the database or the day changed after it began: the
 * caller reads it now. */
gpointer    dt_context_take_read_ahead (DtContext    *self,
                                        const char   *name);
/* Much was freed (rows of a list scrolled through or let go, a list read again): once the
 * window has been idle for a moment, the memory the C library keeps for later among pages
 * still in use goes back to the system (glibc; nothing elsewhere). Calls coalesce. */
void        dt_context_release_memory_later (DtContext *self);

G_END_DECLS
