/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Suggestions under an entry from a list of names (a GtkStringList: villages, fields,
 * agencies, sessions), matched as people type them: case and marks aside, at the start of any
 * word ("dong" offers "Thôn Đông"). Down and Up move through them, Enter or Tab takes the one
 * chosen, Escape closes them; a name typed without its marks becomes the name of the list on
 * Enter or when the entry is left. */
#define DT_TYPE_COMPLETION (dt_completion_get_type ())
G_DECLARE_FINAL_TYPE (DtCompletion, dt_completion, DT, COMPLETION, GObject)

/* The completion lives as long as ENTRY. */
DtCompletion *dt_completion_attach        (GtkEntry     *entry,
                                           GListModel   *names);
DtCompletion *dt_completion_get_for_entry (GtkEntry     *entry);
/* Shown now, with these suggestions (for tests and for screen readers' sake). */
guint         dt_completion_get_n_shown   (DtCompletion *self);
const char   *dt_completion_get_shown     (DtCompletion *self,
                                           guint         index);
gboolean      dt_completion_is_open       (DtCompletion *self);
/* The popover of the suggestions, NULL until they were first shown. */
GtkWidget    *dt_completion_get_popover   (DtCompletion *self);
/* The list's own spelling of TEXT (marks and case aside), or NULL when it is not there. */
const char   *dt_completion_find          (DtCompletion *self,
                                           const char   *text);

G_END_DECLS
