/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-context.h"

G_BEGIN_DECLS

/* The sessions and minutes tab: the sessions of a year with their state and due dates on the
 * left; on the right the session, its minutes with the opinions raised, and its conclusion. */

#define DT_TYPE_SESSIONS_PAGE (dt_sessions_page_get_type ())
G_DECLARE_FINAL_TYPE (DtSessionsPage, dt_sessions_page, DT, SESSIONS_PAGE, GtkWidget)

void        dt_sessions_page_set_context  (DtSessionsPage *self,
                                           DtContext      *context);
/* Shows the session CODE at STEP: "session", "minutes" or "conclusion" (NULL: the step it is
 * at: minutes once its day has come, conclusion once held). */
gboolean    dt_sessions_page_show_session (DtSessionsPage *self,
                                           const char     *code,
                                           const char     *step);
const char *dt_sessions_page_get_session  (DtSessionsPage *self);
const char *dt_sessions_page_get_step     (DtSessionsPage *self);
void        dt_sessions_page_leave        (DtSessionsPage *self);
guint       dt_sessions_page_get_n_rows   (DtSessionsPage *self);

G_END_DECLS
