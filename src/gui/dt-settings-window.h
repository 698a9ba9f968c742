/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-context.h"

G_BEGIN_DECLS

/* The unit's settings (DESIGN §3, §4): the unit and its signer, the villages, agencies and
 * fields (add, rename, merge, retire: a name in use is never lost), the holiday calendar of a
 * year, the rules and the document margins. Every change is validated by the core and
 * written to the audit log. */

#define DT_TYPE_SETTINGS_WINDOW (dt_settings_window_get_type ())
G_DECLARE_FINAL_TYPE (DtSettingsWindow, dt_settings_window, DT, SETTINGS_WINDOW, GtkWindow)

GtkWindow *dt_settings_window_new       (GtkWindow        *parent,
                                         DtContext        *context);
/* "unit", "villages", "agencies", "fields", "holidays", "rules" or "margins". */
void       dt_settings_window_show_page (DtSettingsWindow *self,
                                         const char       *name);
/* The holidays page shows YEAR. */
void       dt_settings_window_show_year (DtSettingsWindow *self,
                                         int               year);
/* Clicks the day ISO of the holidays page, as a person would. */
gboolean   dt_settings_window_click_day (DtSettingsWindow *self,
                                         const char       *iso);

G_END_DECLS
