/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-context.h"

G_BEGIN_DECLS

/* The form of an annual plan (DESIGN §3, §4 tab 2): every field of the plan, its legal bases
 * and report dates as editable lists, its planned sessions by quarter or month, and its
 * progress. A form being typed is kept as a draft; a valid one is saved when she moves on. */

#define DT_TYPE_PLAN_FORM (dt_plan_form_get_type ())
G_DECLARE_FINAL_TYPE (DtPlanForm, dt_plan_form, DT, PLAN_FORM, GtkWidget)

GtkWidget  *dt_plan_form_new          (void);
void        dt_plan_form_set_context  (DtPlanForm *self,
                                       DtContext  *context);
/* Shows the plan CODE. */
gboolean    dt_plan_form_load         (DtPlanForm *self,
                                       const char *code);
/* An empty plan for YEAR, with the usual report dates. */
void        dt_plan_form_load_new     (DtPlanForm *self,
                                       int         year);
/* NULL for a plan not saved yet. */
const char *dt_plan_form_get_code     (DtPlanForm *self);
/* Validates and writes; FALSE, the problems shown at their fields, when it cannot. */
gboolean    dt_plan_form_save         (DtPlanForm *self);
/* Before moving on: a changed valid form is saved, an invalid one kept as a draft. Returns
 * TRUE when the form was saved or had nothing to save. */
gboolean    dt_plan_form_leave        (DtPlanForm *self);
gboolean    dt_plan_form_is_dirty     (DtPlanForm *self);

G_END_DECLS
