/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A date as people type it (15/4/2025, 15-4-25, 2025-04-15 …: dt_date_parse_typed ()), or
 * picked from a calendar (the button, or Alt+Down), with its lunar date beside it. Enter in
 * it is the entry's "activate". */
#define DT_TYPE_DATE_ENTRY (dt_date_entry_get_type ())
G_DECLARE_FINAL_TYPE (DtDateEntry, dt_date_entry, DT, DATE_ENTRY, GtkWidget)

GtkWidget  *dt_date_entry_new        (void);
GtkEntry   *dt_date_entry_get_entry  (DtDateEntry  *self);
const char *dt_date_entry_get_text   (DtDateEntry  *self);
void        dt_date_entry_set_text   (DtDateEntry  *self,
                                      const char   *text);
/* ISO, or NULL: FALSE with ERROR (what to type) when the text is not a date; TRUE and NULL
 * when it is empty. */
gboolean    dt_date_entry_get_iso    (DtDateEntry  *self,
                                      char        **iso,
                                      GError      **error);
/* Shows ISO as dd/mm/yyyy (NULL empties it). */
void        dt_date_entry_set_iso    (DtDateEntry  *self,
                                      const char   *iso);
/* What the lunar caption says now ("" when the text is not a date). */
const char *dt_date_entry_get_lunar  (DtDateEntry  *self);
void        dt_date_entry_set_label  (DtDateEntry  *self,
                                      const char   *label);
void        dt_date_entry_popup_calendar (DtDateEntry *self);

G_END_DECLS
