/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Small modal questions and messages, the same on GTK 4.8 and later. */

typedef void (*DtAnswerFunc) (int       response,
                              gpointer  user_data);

/* A message with a Close button. */
GtkWindow *dt_show_message   (GtkWidget     *parent,
                              const char    *heading,
                              const char    *body);
/* A question: CANCEL_LABEL answers GTK_RESPONSE_CANCEL, ACCEPT_LABEL GTK_RESPONSE_ACCEPT
 * (in red when DESTRUCTIVE), OTHER_LABEL (when not NULL) GTK_RESPONSE_REJECT. FUNC is called
 * once, closing the window included (GTK_RESPONSE_CANCEL). */
GtkWindow *dt_ask            (GtkWidget     *parent,
                              const char    *heading,
                              const char    *body,
                              const char    *cancel_label,
                              const char    *other_label,
                              const char    *accept_label,
                              gboolean       destructive,
                              DtAnswerFunc   func,
                              gpointer       user_data);
/* A question with one line to type (a reason): FUNC gets the text, or NULL when cancelled. */
typedef void (*DtTextFunc) (const char *text,
                            gpointer    user_data);
GtkWindow *dt_ask_text       (GtkWidget     *parent,
                              const char    *heading,
                              const char    *body,
                              const char    *label,
                              const char    *initial,
                              const char    *accept_label,
                              DtTextFunc     func,
                              gpointer       user_data);

/* A question with a choice among NAMES: FUNC gets the name chosen, or NULL when cancelled. */
GtkWindow *dt_ask_choice     (GtkWidget          *parent,
                              const char         *heading,
                              const char         *body,
                              const char         *label,
                              const char * const *names,
                              const char         *accept_label,
                              gboolean            destructive,
                              DtTextFunc          func,
                              gpointer            user_data);

/* A file to open or to save to, in the system's own chooser: FUNC gets its path, or NULL when
 * cancelled. FOLDER and NAME, when given, are where it starts. */
typedef void (*DtFileFunc) (const char *path,
                            gpointer    user_data);
void       dt_choose_file    (GtkWindow          *parent,
                              const char         *title,
                              const char         *accept_label,
                              gboolean            save,
                              const char         *folder,
                              const char         *name,
                              DtFileFunc          func,
                              gpointer            user_data);

G_END_DECLS
