/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-database.h"

G_BEGIN_DECLS

#define DT_TYPE_OVERVIEW_PAGE (dt_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (DtOverviewPage, dt_overview_page, DT, OVERVIEW_PAGE, GtkWidget)

DtDatabase *dt_overview_page_get_database (DtOverviewPage *self);
void        dt_overview_page_set_database (DtOverviewPage *self,
                                           DtDatabase     *database);
void        dt_overview_page_reload       (DtOverviewPage *self);

G_END_DECLS
