/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-context.h"
#include "dt-petition-form.h"
#include "dt-register-view.h"

G_BEGIN_DECLS

/* Tab 4, Tiếp nhận ý kiến: the register of every petition (search, filters, order) and the
 * intake form with the likely duplicates beside it. What is typed is kept as a draft as it is
 * typed; a draft left by a crash is offered back. */
#define DT_TYPE_INTAKE_PAGE (dt_intake_page_get_type ())
G_DECLARE_FINAL_TYPE (DtIntakePage, dt_intake_page, DT, INTAKE_PAGE, GtkWidget)

/* Where a draft left by a crash waits to be taken back, apart from the one being typed. */
#define DT_INTAKE_RECOVERED_DRAFT "petition.recovered"

void            dt_intake_page_set_context   (DtIntakePage *self,
                                              DtContext    *context);
DtPetitionForm *dt_intake_page_get_form      (DtIntakePage *self);
DtRegisterView *dt_intake_page_get_register  (DtIntakePage *self);
/* "register" or "form". */
const char     *dt_intake_page_get_view      (DtIntakePage *self);
/* A draft from an earlier run is waiting to be taken back. */
gboolean        dt_intake_page_has_recovered_draft (DtIntakePage *self);
/* Whether DATABASE keeps a petition form's draft, left by a crash or offered back before: the
 * window makes the intake page at once when it does, to offer it. */
gboolean        dt_intake_page_drafts_waiting      (DtDatabase   *database);
/* Opens the petition in the form for editing. */
gboolean        dt_intake_page_open_petition (DtIntakePage *self,
                                              gint64        id);
/* Keeps what is being typed in the database now (it is kept as typed anyway, a moment
 * after each change). */
gboolean        dt_intake_page_save_draft    (DtIntakePage *self,
                                              GError      **error);
/* The likely duplicates shown beside the form, as their codes. */
GStrv           dt_intake_page_get_similar_codes (DtIntakePage *self);
/* Looks for likely duplicates now instead of a moment after the last key. */
void            dt_intake_page_update_similar (DtIntakePage *self);

G_END_DECLS
