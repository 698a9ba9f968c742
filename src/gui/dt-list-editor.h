/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* An editable list of lines (the legal bases of a plan) or of dates (its reports due): one
 * entry a line, a button to remove it, one to add a line. Each entry is named for screen
 * readers by the list's item name and its number ("Legal basis 2"). */

#define DT_TYPE_LIST_EDITOR (dt_list_editor_get_type ())
G_DECLARE_FINAL_TYPE (DtListEditor, dt_list_editor, DT, LIST_EDITOR, GtkWidget)

/* ITEM_NAME: "Legal basis"; ADD_LABEL: "_Add a Legal Basis". */
GtkWidget  *dt_list_editor_new        (const char          *item_name,
                                       const char          *add_label,
                                       gboolean             dates);
void        dt_list_editor_set_values (DtListEditor        *self,
                                       const char * const  *values);
/* Blank lines left out; dates as ISO. NULL with ERROR naming the line for a date that cannot
 * be read. */
char      **dt_list_editor_get_values (DtListEditor        *self,
                                       GError             **error);
/* What is typed, lines as they are, for a draft. */
char      **dt_list_editor_get_texts  (DtListEditor        *self);
void        dt_list_editor_set_texts  (DtListEditor        *self,
                                       const char * const  *texts);
/* Adds an empty line and puts the cursor in it. */
GtkWidget  *dt_list_editor_add_line   (DtListEditor        *self);
guint       dt_list_editor_get_n_lines (DtListEditor       *self);
GtkWidget  *dt_list_editor_get_entry  (DtListEditor        *self,
                                       guint                index);
GtkWidget  *dt_list_editor_get_add_button (DtListEditor    *self);

G_END_DECLS
