/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One window per database file, across every DoiThoai running for this user, with or without
 * a D-Bus session bus, on Linux and on Windows.
 *
 * The window open on a file holds a lock for it: a small key file in the user's runtime folder
 * (g_get_user_runtime_dir ()/doithoai), named after the file's identity (device and inode, or
 * volume and file index: the same for every spelling of the path, links included), that says
 * which process holds it and the loopback port (127.0.0.1 only) where it listens. A second
 * start on the same file finds the lock, asks that process to bring its window forward, and
 * opens nothing. A lock whose process is gone (a crash, a power cut) is stale: nobody answers
 * at its port, and it is taken over. */

typedef struct _DtInstanceLock DtInstanceLock;

typedef enum
{
  DT_INSTANCE_TAKEN,    /* this process now holds the file's lock */
  DT_INSTANCE_RAISED,   /* another process holds it and brought its window forward */
} DtInstanceResult;

/* Takes the lock of DATABASE_PATH (*LOCK set) or has its holder raise its window. FALSE with
 * ERROR only when the lock can be neither taken nor answered (no runtime folder, no loopback
 * socket): the caller then opens the file all the same. */
gboolean    dt_instance_lock_take       (const char        *database_path,
                                         DtInstanceResult  *result,
                                         DtInstanceLock   **lock,
                                         GError           **error);
/* The window brought forward when another start asks for this file. */
void        dt_instance_lock_set_window (DtInstanceLock    *lock,
                                         GtkWindow         *window);
/* Whether LOCK is the one of DATABASE_PATH as it is now: a file made since the lock was
 * taken has an identity of its own, and a lock of its own to take. */
gboolean    dt_instance_lock_is_for     (DtInstanceLock    *lock,
                                         const char        *database_path);
/* How many times another start asked for the window. */
guint       dt_instance_lock_get_raised (DtInstanceLock    *lock);
/* Stops listening and removes the lock file (when it is still this one's). */
void        dt_instance_lock_free       (DtInstanceLock    *lock);
/* Where the lock of DATABASE_PATH is kept. */
char       *dt_instance_lock_path       (const char        *database_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtInstanceLock, dt_instance_lock_free)

G_END_DECLS
