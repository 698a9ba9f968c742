/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-context.h"

G_BEGIN_DECLS

/* The annual plans tab: the plans by year on the left, the plan's form on the right. */

#define DT_TYPE_PLANS_PAGE (dt_plans_page_get_type ())
G_DECLARE_FINAL_TYPE (DtPlansPage, dt_plans_page, DT, PLANS_PAGE, GtkWidget)

void        dt_plans_page_set_context (DtPlansPage *self,
                                       DtContext   *context);
gboolean    dt_plans_page_show_plan   (DtPlansPage *self,
                                       const char  *code);
/* The plan on show, NULL for none or a new one not saved. */
const char *dt_plans_page_get_plan    (DtPlansPage *self);
/* Before leaving the tab or closing: a changed valid plan is saved, an invalid one kept as
 * a draft. */
void        dt_plans_page_leave       (DtPlansPage *self);

G_END_DECLS
