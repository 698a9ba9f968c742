/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-gui-util.h"

#include "dt-database.h"
#include "dt-draft.h"
#include "dt-records.h"

G_BEGIN_DECLS

/* The fields of a form on a grid: each label on the left names its field for the eye and for
 * screen readers, the field is built for the kind the core gives it (dates typed as people
 * type them, choices in a drop-down), and the core's problem with a field is shown right
 * under it. Values go in and out as the records hold them: ISO dates, stable choice values,
 * numbers as text, NULL for empty. */

#define DT_TYPE_FORM (dt_form_get_type ())
G_DECLARE_FINAL_TYPE (DtForm, dt_form, DT, FORM, GObject)

DtForm     *dt_form_new             (DtRecordKind        kind,
                                     GtkGrid            *grid);
/* The field KEY of the record kind, as the core describes it. */
GtkWidget  *dt_form_add             (DtForm             *self,
                                     const char         *key);
/* A free text of several lines. */
GtkWidget  *dt_form_add_text_area   (DtForm             *self,
                                     const char         *key,
                                     int                 lines);
/* A field of the form's own: LABEL names WIDGET, whose problems show under it. FOCUS, the
 * widget that takes the keyboard (WIDGET when NULL). */
void        dt_form_add_custom      (DtForm             *self,
                                     const char         *key,
                                     const char         *label,
                                     GtkWidget          *widget,
                                     GtkWidget          *focus);
void        dt_form_add_heading     (DtForm             *self,
                                     const char         *text);
GtkWidget  *dt_form_get_widget      (DtForm             *self,
                                     const char         *key);
GtkWidget  *dt_form_get_label       (DtForm             *self,
                                     const char         *key);
/* The names a drop-down of names or codes offers, an empty choice first. */
void        dt_form_set_names       (DtForm             *self,
                                     const char         *key,
                                     const char * const *names);
void        dt_form_set_value       (DtForm             *self,
                                     const char         *key,
                                     const char         *value);
void        dt_form_set_int         (DtForm             *self,
                                     const char         *key,
                                     int                 value);
/* NULL for an empty field; NULL with ERROR (naming the field) for a date, time or number
 * that cannot be read. */
char       *dt_form_get_value       (DtForm             *self,
                                     const char         *key,
                                     GError            **error);
int         dt_form_get_int         (DtForm             *self,
                                     const char         *key,
                                     GError            **error);
/* Shows each problem under its field (a key such as "planned_sessions[2].month" or
 * "minutes.end" goes to the field that holds it) and moves the focus to the first one.
 * Returns the problems no field of the form holds, as one message (NULL when none). */
char       *dt_form_show_problems   (DtForm             *self,
                                     GPtrArray          *problems);
void        dt_form_clear_problems  (DtForm             *self);
/* TRUE when one of the form's fields shows the problems of KEY. */
gboolean    dt_form_holds           (DtForm             *self,
                                     const char         *key);
/* TRUE once the person changed a field since the last dt_form_set_clean (). */
gboolean    dt_form_is_dirty        (DtForm             *self);
void        dt_form_set_clean       (DtForm             *self);
void        dt_form_set_sensitive   (DtForm             *self,
                                     gboolean            sensitive);
/* What is typed, field by field, into a draft (the form's own fields are the caller's); and
 * back. */
void        dt_form_save_draft      (DtForm             *self,
                                     DtDraft            *draft);
void        dt_form_load_draft      (DtForm             *self,
                                     const DtDraft      *draft);

/* Keeps what is typed as a draft under KEY (see dt-draft.h) a moment after each change, for
 * RECORD (NULL: a new one); NULL DATABASE stops it. */
void        dt_form_keep_drafts     (DtForm             *self,
                                     DtDatabase         *database,
                                     const char         *key,
                                     const char         *record);
/* Puts back the draft kept under the key, if any: TRUE, with when it was kept
 * (dt_format_saved ()). */
gboolean    dt_form_restore_draft   (DtForm             *self,
                                     char              **saved);
/* Writes a draft now if one is waiting. */
void        dt_form_flush_draft     (DtForm             *self);
/* The record was saved: its draft has served. */
void        dt_form_drop_draft      (DtForm             *self);

/* The bar over a form that says a draft is shown (its LABEL, for the caller to fill), with a
 * button that discards it through ACTION (called NAME when not NULL); hidden at first. */
GtkWidget  *dt_draft_bar_new        (const char         *action,
                                     const char         *name,
                                     GtkWidget         **label);

G_END_DECLS
