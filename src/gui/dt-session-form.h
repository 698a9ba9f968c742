/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-context.h"

G_BEGIN_DECLS

/* The session form (DESIGN §4 tab 3): kind, plan, date and time, place, village, topic,
 * chair, secretary, the notice's number and date. */

#define DT_TYPE_SESSION_FORM (dt_session_form_get_type ())
G_DECLARE_FINAL_TYPE (DtSessionForm, dt_session_form, DT, SESSION_FORM, GtkWidget)

GtkWidget  *dt_session_form_new         (void);
void        dt_session_form_set_context (DtSessionForm *self,
                                         DtContext     *context);
gboolean    dt_session_form_load        (DtSessionForm *self,
                                         const char    *code);
/* A new session of this year's plan, on DATE (ISO, NULL: none yet). */
void        dt_session_form_load_new    (DtSessionForm *self,
                                         const char    *date);
const char *dt_session_form_get_code    (DtSessionForm *self);
gboolean    dt_session_form_save        (DtSessionForm *self);
gboolean    dt_session_form_leave       (DtSessionForm *self);
gboolean    dt_session_form_is_dirty    (DtSessionForm *self);
/* The lists it offers (plans, villages) changed. */
void        dt_session_form_refresh_choices (DtSessionForm *self);

G_END_DECLS
