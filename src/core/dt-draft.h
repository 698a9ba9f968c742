/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"

G_BEGIN_DECLS

/* Drafts of the forms being typed (table drafts of migration 0003), kept as they are typed
 * so that a crash or a power cut loses nothing. FORM names the form ("plan", "session",
 * "minutes" …), RECORD the record it edits (NULL: a new one); CONTENTS is the form's own. */

gboolean  dt_form_draft_save   (DtDatabase  *db,
                           const char  *form,
                           const char  *record,
                           const char  *contents,
                           GError     **error);
/* The draft of FORM, or NULL (without error) when there is none. RECORD and SAVED (an ISO
 * date and time, UTC), when asked, tell which record it edits and when it was kept. */
char     *dt_form_draft_load   (DtDatabase  *db,
                           const char  *form,
                           char       **record,
                           char       **saved,
                           GError     **error);
gboolean  dt_form_draft_delete (DtDatabase  *db,
                           const char  *form,
                           GError     **error);

G_END_DECLS
