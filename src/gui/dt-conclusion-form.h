/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-context.h"

G_BEGIN_DECLS

/* The conclusion step of a session (DESIGN §2, §4 tab 3): the conclusion notice's number and
 * date, and every opinion still open assigned to an agency in one table, which sets its
 * deadline. */

#define DT_TYPE_CONCLUSION_FORM (dt_conclusion_form_get_type ())
G_DECLARE_FINAL_TYPE (DtConclusionForm, dt_conclusion_form, DT, CONCLUSION_FORM, GtkWidget)

GtkWidget *dt_conclusion_form_new          (void);
void       dt_conclusion_form_set_context  (DtConclusionForm *self,
                                            DtContext        *context);
gboolean   dt_conclusion_form_load         (DtConclusionForm *self,
                                            const char       *code);
/* Chooses AGENCY for the opinion CODE in the table (as a person would). */
gboolean   dt_conclusion_form_set_agency   (DtConclusionForm *self,
                                            const char       *petition,
                                            const char       *agency);
/* Records the conclusion and the assignments. */
gboolean   dt_conclusion_form_issue        (DtConclusionForm *self);
guint      dt_conclusion_form_get_n_open   (DtConclusionForm *self);

G_END_DECLS
