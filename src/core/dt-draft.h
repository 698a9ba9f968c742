/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"

G_BEGIN_DECLS

/* What a form holds while it is being typed, kept in the database (the drafts table of
 * migration 0003) so that a crash or a power cut loses nothing. A draft keeps the text of each
 * field exactly as typed, even when it is not valid yet ("15/4/20"), under the field's key;
 * one draft per form. Every form keeps its drafts here: intake ("petition"), plans
 * ("plan:KH-2026"), sessions, minutes, conclusions. */
typedef struct _DtDraft DtDraft;

/* FORM names the form ("petition", "plan:new"); RECORD what it edits (a code or a row id), NULL for a new
 * record. */
DtDraft    *dt_draft_new        (const char     *form,
                                 const char     *record);
void        dt_draft_free       (DtDraft        *draft);
DtDraft    *dt_draft_copy       (const DtDraft  *draft);
const char *dt_draft_get_form   (const DtDraft  *draft);
const char *dt_draft_get_record (const DtDraft  *draft);
/* NULL or empty VALUE removes KEY. */
void        dt_draft_set        (DtDraft        *draft,
                                 const char     *key,
                                 const char     *value);
const char *dt_draft_get        (const DtDraft  *draft,
                                 const char     *key);
/* A list of texts (the lines of a list editor) under one KEY; an empty list removes KEY.
 * No text may hold the character U+001E. */
void        dt_draft_set_list   (DtDraft            *draft,
                                 const char         *key,
                                 const char * const *texts);
/* The list under KEY: an empty one when KEY holds nothing. */
char      **dt_draft_get_list   (const DtDraft      *draft,
                                 const char         *key);
/* The keys that hold a value, sorted. */
char      **dt_draft_get_keys   (const DtDraft  *draft);
/* TRUE when no field holds anything: nothing worth offering back. */
gboolean    dt_draft_is_empty   (const DtDraft  *draft);
gboolean    dt_draft_equal      (const DtDraft  *a,
                                 const DtDraft  *b);
/* When it was last saved (local time), or NULL for a draft not read from the database. */
GDateTime  *dt_draft_get_saved  (const DtDraft  *draft);

/* Replaces the form's draft, in one transaction of its own (or the caller's). */
gboolean    dt_draft_save       (DtDatabase     *db,
                                 const DtDraft  *draft,
                                 GError        **error);
/* The form's draft; NULL without an error when there is none. A draft that cannot be read
 * (damaged) is an error, DT_ERROR_CORRUPT. */
DtDraft    *dt_draft_load       (DtDatabase     *db,
                                 const char     *form,
                                 GError        **error);
/* Removes the form's draft (the form was saved or given up). No draft is not an error. */
gboolean    dt_draft_discard    (DtDatabase     *db,
                                 const char     *form,
                                 GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtDraft, dt_draft_free)

G_END_DECLS
