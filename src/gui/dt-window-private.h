/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-context.h"
#include "dt-window.h"

G_BEGIN_DECLS

/* The one place where pages hand over the printed documents (DESIGN §5) and the report
 * dialog (§6): through the window's actions win.print-document ("(ss)": kind, code) and
 * win.open-report ("(ss)": kind, period). */
void       _dt_window_print_document (DtWindow   *self,
                                      const char *kind,
                                      const char *code);
void       _dt_window_open_report    (DtWindow   *self,
                                      const char *kind,
                                      const char *period);
/* The follow-up tab, for petitions of AGENCY ("" none) overdue or due soon (win.show-followup,
 * "(sb)"). The follow-up tab is part 1's: it shows the tab, and filters once that tab can. */
void       _dt_window_show_followup  (DtWindow   *self,
                                      const char *agency,
                                      gboolean    overdue);
DtContext *_dt_window_get_context    (DtWindow   *self);
GtkWidget *_dt_window_get_page       (DtWindow   *self,
                                      const char *name);

G_END_DECLS
