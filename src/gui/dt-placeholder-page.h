/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DT_TYPE_PLACEHOLDER_PAGE (dt_placeholder_page_get_type ())
G_DECLARE_FINAL_TYPE (DtPlaceholderPage, dt_placeholder_page, DT, PLACEHOLDER_PAGE, GtkWidget)

const char *dt_placeholder_page_get_icon_name   (DtPlaceholderPage *self);
void        dt_placeholder_page_set_icon_name   (DtPlaceholderPage *self,
                                                 const char        *icon_name);
const char *dt_placeholder_page_get_title       (DtPlaceholderPage *self);
void        dt_placeholder_page_set_title       (DtPlaceholderPage *self,
                                                 const char        *title);
const char *dt_placeholder_page_get_description (DtPlaceholderPage *self);
void        dt_placeholder_page_set_description (DtPlaceholderPage *self,
                                                 const char        *description);

G_END_DECLS
