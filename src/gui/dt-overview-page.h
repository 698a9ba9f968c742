/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-context.h"
#include "dt-database.h"

G_BEGIN_DECLS

#define DT_TYPE_OVERVIEW_PAGE (dt_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (DtOverviewPage, dt_overview_page, DT, OVERVIEW_PAGE, GtkWidget)

/* Begins the tab's first computation ahead of need, in a thread (dt_context_read_ahead ()):
 * a page given CONTEXT before it is shown takes it instead of computing. */
void        dt_overview_page_read_ahead   (DtContext      *context);
DtDatabase *dt_overview_page_get_database (DtOverviewPage *self);
void        dt_overview_page_set_context  (DtOverviewPage *self,
                                           DtContext      *context);
void        dt_overview_page_reload       (DtOverviewPage *self);
/* How many items need attention, as last computed. */
guint       dt_overview_page_get_n_items  (DtOverviewPage *self);
/* How long the last computation took, in milliseconds: the first one, read ahead, computes
 * what needs attention alone. */
double      dt_overview_page_get_last_ms  (DtOverviewPage *self);
/* TRUE once the whole page is shown: the list of what needs attention first (the window's
 * first frame), the rest below it (this year's progress, the figures, the file) once that
 * frame is painted. */
gboolean    dt_overview_page_is_complete  (DtOverviewPage *self);
/* TRUE while that rest is on its way (the page waits for its frame to be painted, or is about
 * to show the rest): what the window does once idle waits for it. */
gboolean    dt_overview_page_is_completing (DtOverviewPage *self);

G_END_DECLS
