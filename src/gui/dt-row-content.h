/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a row of the overview's list of what needs attention shows: an icon, a title over a
 * detail, and an arrow to say it opens something. The two texts are its children; it lays
 * them out and draws the two icons itself. A box holding two images and a column of the
 * texts is five widgets more for each row, each styled, measured and drawn: at 100,000
 * petitions, some 6 ms of the window's first frame for its ten rows. */
#define DT_TYPE_ROW_CONTENT (dt_row_content_get_type ())
G_DECLARE_FINAL_TYPE (DtRowContent, dt_row_content, DT, ROW_CONTENT, GtkWidget)

GtkWidget *dt_row_content_new (const char *icon_name,
                                GtkWidget  *title,
                                GtkWidget  *detail);

G_END_DECLS
