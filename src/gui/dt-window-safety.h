/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-window.h"

G_BEGIN_DECLS

/* The window's side of keeping the records safe, started once its pages have their context:
 *   - the notices across its top (BANNERS, a vertical box above the tabs);
 *   - a read-only file: a notice that says so, and every action that writes turned off;
 *   - the day's backup (dt_backup_at_start ()), made by a worker thread on a connection of
 *     its own so that nothing waits for it; when it fails, a notice names the folder and the
 *     reason. */
void        _dt_window_safety_start      (DtWindow *self,
                                          GtkBox   *banners);
/* The notice called NAME ("read-only-banner", "backup-banner") when shown, else NULL. */
GtkWidget  *dt_window_get_banner         (DtWindow   *self,
                                          const char *name);
/* While the day's backup is being made. */
gboolean    dt_window_get_backing_up     (DtWindow *self);

G_END_DECLS
