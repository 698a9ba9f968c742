/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-action-dialog.h"
#include "dt-context.h"
#include "dt-register-view.h"

G_BEGIN_DECLS

/* Tab 5, Theo dõi giải quyết: open petitions by deadline (overdue in red, due within 7 days in
 * amber), by agency, with the actions on the ones chosen and what happened to each. */
#define DT_TYPE_FOLLOWUP_PAGE (dt_followup_page_get_type ())
G_DECLARE_FINAL_TYPE (DtFollowupPage, dt_followup_page, DT, FOLLOWUP_PAGE, GtkWidget)

/* Reads what the tab first shows ahead of need, in a thread (dt_context_read_ahead ()): a page
 * made later with CONTEXT takes it when its tab is first shown, instead of reading it then. */
void            dt_followup_page_read_ahead  (DtContext      *context);
void            dt_followup_page_set_context (DtFollowupPage *self,
                                              DtContext      *context);
DtRegisterView *dt_followup_page_get_list    (DtFollowupPage *self);
/* Shows only what AGENCY still owes (NULL: every agency). FALSE when it is not on the list. */
gboolean        dt_followup_page_set_agency  (DtFollowupPage *self,
                                              const char     *agency);
/* Opens the dialog of KIND for the petitions chosen; NULL when none is (or the action does
 * not take several). */
DtActionDialog *dt_followup_page_run_action  (DtFollowupPage *self,
                                              DtActionKind    kind);
/* Reads what each agency owes again (it is read when the tab is shown, and a moment after
 * a change). */
void            dt_followup_page_reload      (DtFollowupPage *self);

G_END_DECLS
