/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* 12,345 or 12.345, as the interface language groups digits. */
char     *dt_format_count          (gint64       count);
/* dd/mm/yyyy for ISO, or "" for NULL. */
char     *dt_format_date           (const char  *iso);
/* When a draft was kept (dt_draft_get_saved (), local time), as a person reads it:
 * "01/12/2026 16:40". */
char     *dt_format_saved          (GDateTime   *saved);

/* The colour WIDGET's text is drawn in, from its style (GTK 4.10 has a call of its own for it,
 * 4.8 only the style context that 4.10 deprecates). */
void      dt_widget_get_color      (GtkWidget   *widget,
                                    GdkRGBA     *color);

/* Names WIDGET for screen readers by LABEL, the text shown beside it. */
void      dt_widget_set_label      (GtkWidget   *widget,
                                    const char  *label);
/* Gives WIDGET the accessible name of the widget LABEL (a label's mnemonic goes to WIDGET), as
 * a label beside it gives it to the eye. */
void      dt_widget_set_label_widget (GtkWidget *widget,
                                      GtkWidget *label);
/* A button with a mnemonic (_Save) whose accessible name is its label, once; and the same
 * mended on a built tree (buttons of templates). */
GtkWidget *dt_button_new           (const char  *label);
void      dt_button_fix_name       (GtkWidget   *widget);
/* Names each control under ROOT for screen readers by what it shows: buttons, check buttons
 * and menu buttons by their label (without the mnemonic's underline, which GTK 4.8 would read
 * out with it), icon buttons by their tooltip, search entries by their placeholder, the button
 * of a drop-down by the choice it shows. Call it once the widgets are made. */
void      dt_accessible_name_controls (GtkWidget *root);

/* Marks WIDGET as wrong, with HINT shown in MESSAGE (a label under it) and told to screen
 * readers; NULL HINT clears both. */
void      dt_widget_set_problem    (GtkWidget   *widget,
                                    GtkLabel    *message,
                                    const char  *hint);

/* A row of a sidebar list (plans, sessions) for the record CODE: CONTENT, the lines that
 * show it, with the lists' margins; ACCESSIBLE is what a screen reader says of it. */
GtkWidget *dt_record_row_new       (const char  *code,
                                    GtkWidget   *content,
                                    const char  *accessible);
const char *dt_record_row_get_code (GtkListBoxRow *row);
/* The row of CODE in LIST, or NULL. */
GtkListBoxRow *dt_record_row_find  (GtkListBox  *list,
                                    const char  *code);
/* Selects the row of CODE in LIST, when there is one (NULL CODE: none). */
void      dt_record_row_select     (GtkListBox  *list,
                                    const char  *code);
/* The second line of such a row: small, dim, cut short with "…". */
GtkWidget *dt_row_subtitle_new     (const char  *text);

/* A label for what went wrong, above or under a form's fields, called NAME: it wraps, and
 * stays hidden until there is something to say. */
GtkWidget *dt_problem_label_new    (const char  *name);
/* Shows TEXT in LABEL; NULL hides it. */
void      dt_label_show_text       (GtkWidget   *label,
                                    const char  *text);

/* The text of a GtkEditable, trimmed; NULL when blank. */
char     *dt_editable_dup_text     (GtkEditable *editable);
/* The whole text of a text view, trimmed; NULL when blank. */
char     *dt_text_view_dup_text    (GtkTextView *view);
void      dt_text_view_set_text    (GtkTextView *view,
                                    const char  *text);
/* An entry for a date typed as people type them: dd/mm/yyyy shown when empty, and 5/4/25
 * shown back as 05/04/2025 once the focus leaves (she sees the date the program understood). */
void      dt_entry_take_dates      (GtkEntry    *entry);
/* Shows the top of SCROLLER once the new content is laid out (the focus moving into a form
 * would otherwise leave it scrolled half-way). */
void      dt_scroll_to_top         (GtkScrolledWindow *scroller);

/* The choice shown in the button is cut short with "…" when the window is narrow (its
 * tooltip and the list, which opens wider, say it whole). */
void      dt_drop_down_ellipsize   (GtkDropDown *dropdown);
/* The program's own icons (its icon, the tabs' symbols) put in the icon theme, once: called
 * before anything shows one of them. Not at start: GTK reads the theme while it starts, in a
 * thread, and adding to it makes it read the theme again (some 8 ms), where the window's
 * first frame needs only the theme's own icons. */
void      dt_gui_ensure_icons      (void);
/* gtk_widget_set_tooltip_text (), which the program's code and templates use in its stead.
 * GTK 4.8 asks the display where the pointer is whenever a tooltip is set on a visible
 * widget, in case it is under it: a round trip to the X server, even for a widget in no
 * window (0.5 ms each here, 14 of them in the plans tab's page). A widget not on screen is
 * given its tooltip while it is hidden. */
void      dt_widget_set_tooltip    (GtkWidget  *widget,
                                    const char *text);

/* A modal question with a Cancel button and one that does the thing (destructive when
 * DESTRUCTIVE): CALLBACK gets TRUE when it was chosen. The window is returned, for tests. */
typedef void (*DtConfirmFunc) (gpointer user_data,
                               gboolean confirmed);
GtkWindow *dt_confirm              (GtkWidget     *parent,
                                    const char    *heading,
                                    const char    *body,
                                    const char    *action_label,
                                    gboolean       destructive,
                                    DtConfirmFunc  callback,
                                    gpointer       user_data);

G_END_DECLS
