/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-context.h"

G_BEGIN_DECLS

/* The minutes of a session (DESIGN §4 tab 3): start and end, attendance, composition,
 * proceedings and conclusion, and the opinions raised, typed one after the other in a fast
 * line; each becomes a petition raised "at the session", and one answered there is recorded
 * as answered on the spot. */

#define DT_TYPE_MINUTES_FORM (dt_minutes_form_get_type ())
G_DECLARE_FINAL_TYPE (DtMinutesForm, dt_minutes_form, DT, MINUTES_FORM, GtkWidget)

GtkWidget *dt_minutes_form_new           (void);
void       dt_minutes_form_set_context   (DtMinutesForm *self,
                                          DtContext     *context);
gboolean   dt_minutes_form_load          (DtMinutesForm *self,
                                          const char    *code);
gboolean   dt_minutes_form_save          (DtMinutesForm *self);
gboolean   dt_minutes_form_leave         (DtMinutesForm *self);
/* The fast line: records one opinion from what is typed in it. */
gboolean   dt_minutes_form_add_opinion   (DtMinutesForm *self);
guint      dt_minutes_form_get_n_opinions (DtMinutesForm *self);
void       dt_minutes_form_refresh_choices (DtMinutesForm *self);

G_END_DECLS
