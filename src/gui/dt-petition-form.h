/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-context.h"
#include "dt-draft.h"
#include "dt-records.h"

G_BEGIN_DECLS

/* The intake form of a petition (DESIGN §4, tab 4), new or opened for editing. The fields
 * come in the order Tab and Enter go through them; what the core refuses is marked beside
 * the field with the core's own words, and nothing is saved until it is put right. */
#define DT_TYPE_PETITION_FORM (dt_petition_form_get_type ())
G_DECLARE_FINAL_TYPE (DtPetitionForm, dt_petition_form, DT, PETITION_FORM, GtkWidget)

/* The key of the form's draft in the drafts table. */
#define DT_PETITION_FORM_DRAFT "petition"

void        dt_petition_form_set_context   (DtPetitionForm  *self,
                                            DtContext       *context);
/* An empty form with the next code proposed. KEEP_BATCH keeps the received date, the channel
 * and the session of the petition just saved: what the next one of a pile shares. */
void        dt_petition_form_start_new     (DtPetitionForm  *self,
                                            gboolean         keep_batch);
gboolean    dt_petition_form_open          (DtPetitionForm  *self,
                                            gint64           id,
                                            GError         **error);
/* 0 for a new petition. */
gint64      dt_petition_form_get_id        (DtPetitionForm  *self);
const char *dt_petition_form_get_code      (DtPetitionForm  *self);
gboolean    dt_petition_form_get_modified  (DtPetitionForm  *self);
/* Checks and saves: the row id, or 0 when something is wrong (marked in the form; ERROR says
 * what, in a sentence). */
gint64      dt_petition_form_save          (DtPetitionForm  *self,
                                            GError         **error);
/* What has been typed so far as a record, for the likely duplicates: dates that cannot be
 * read yet are left out. */
DtPetition *dt_petition_form_get_typed     (DtPetitionForm  *self);
void        dt_petition_form_set_duplicate_of (DtPetitionForm *self,
                                            const char      *code,
                                            const char      *description);
const char *dt_petition_form_get_duplicate_of (DtPetitionForm *self);
/* What is typed, exactly, to be kept as a draft; and the form back from one. */
DtDraft    *dt_petition_form_to_draft      (DtPetitionForm  *self);
gboolean    dt_petition_form_restore_draft (DtPetitionForm  *self,
                                            const DtDraft   *draft,
                                            GError         **error);
/* The problem shown beside the field KEY ("received"), or NULL. */
const char *dt_petition_form_get_problem   (DtPetitionForm  *self,
                                            const char      *key);
/* Puts the focus where typing starts. */
void        dt_petition_form_focus_start   (DtPetitionForm  *self);

G_END_DECLS
