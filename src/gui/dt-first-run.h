/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-context.h"

G_BEGIN_DECLS

/* The short assistant of a new database: the unit's names and place, who signs, and the
 * villages, agencies and fields it starts with. Everything it sets can be changed later in
 * the settings. */

#define DT_TYPE_FIRST_RUN (dt_first_run_get_type ())
G_DECLARE_FINAL_TYPE (DtFirstRun, dt_first_run, DT, FIRST_RUN, GtkWindow)

GtkWindow  *dt_first_run_new      (GtkWindow  *parent,
                                   DtContext  *context);
/* "unit", "signer" or "lists". */
const char *dt_first_run_get_step (DtFirstRun *self);
void        dt_first_run_next     (DtFirstRun *self);
/* Saves it all; FALSE, showing the step and field at fault, when something is wrong. */
gboolean    dt_first_run_finish   (DtFirstRun *self);

G_END_DECLS
