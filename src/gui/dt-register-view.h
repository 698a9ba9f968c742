/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-context.h"
#include "dt-petition-list.h"

G_BEGIN_DECLS

/* A list of petitions in a GtkColumnView over the core's DtPetitionList, which reads ids from
 * SQL and rows a page at a time: fluid at 100,000 petitions. The register shows when each
 * was received and its status; follow-up shows deadlines first, overdue in red and due soon
 * in amber, and lets several be chosen at once. */
typedef enum
{
  DT_REGISTER_MODE_REGISTER,
  DT_REGISTER_MODE_FOLLOWUP,
} DtRegisterMode;

/* Within this many days of its deadline, a petition is due soon (amber). */
#define DT_DUE_SOON_DAYS 7

#define DT_TYPE_REGISTER_VIEW (dt_register_view_get_type ())
G_DECLARE_FINAL_TYPE (DtRegisterView, dt_register_view, DT, REGISTER_VIEW, GtkWidget)

GtkWidget      *dt_register_view_new              (DtRegisterMode  mode);
void            dt_register_view_set_context      (DtRegisterView *self,
                                                   DtContext      *context);
/* Reads the register's first list (every petition, newest first) ahead of need, in a thread
 * (dt_context_read_ahead ()): a register view made later with CONTEXT takes it. */
void            dt_register_view_read_ahead       (DtContext      *context);
/* NULL until a context is set. */
DtPetitionList *dt_register_view_get_list         (DtRegisterView *self);
/* dt_petition_list_set_view () on the list, made now with it if it was not yet (one read). */
gboolean        dt_register_view_set_view         (DtRegisterView          *self,
                                                   const DtPetitionFilter  *filter,
                                                   DtPetitionOrder          order,
                                                   GError                 **error);
/* The same; a list made now takes the IDS FILTER and ORDER give, read already (read ahead:
 * dt_context_read_ahead ()), instead of reading them. NULL reads them. */
gboolean        dt_register_view_set_view_with_ids (DtRegisterView         *self,
                                                    const DtPetitionFilter *filter,
                                                    DtPetitionOrder         order,
                                                    GArray                 *ids,
                                                    GError                **error);
GtkColumnView  *dt_register_view_get_column_view  (DtRegisterView *self);
/* Confidential petitioners are masked unless this is set on purpose. */
void            dt_register_view_set_show_confidential (DtRegisterView *self,
                                                   gboolean        show);
/* 0 when none (or several) is chosen. */
gint64          dt_register_view_get_selected_id  (DtRegisterView *self);
/* The ids chosen, in the order of the list. */
GArray         *dt_register_view_get_selected_ids (DtRegisterView *self);
/* Selects the petition and scrolls to it; FALSE when the list does not show it. */
gboolean        dt_register_view_select_id        (DtRegisterView *self,
                                                   gint64          id);
void            dt_register_view_select_position  (DtRegisterView *self,
                                                   guint           position);
/* Around the first settings of a list (its filter and order): the view is given the list once
 * they are made, instead of hearing of each change of 100,000 rows. */
void            dt_register_view_begin_change     (DtRegisterView *self);
void            dt_register_view_end_change       (DtRegisterView *self);

/* Back to the first row (after a new search, filter or order). */
void            dt_register_view_scroll_to_top    (DtRegisterView *self);
/* What CELL, a cell of the list, says on hover: a status's whole name, or all of the text it
 * cuts short; NULL for nothing. */
const char     *dt_register_view_cell_tooltip     (GtkWidget      *cell);
/* What a screen reader calls the list. */
void            dt_register_view_set_accessible_label (DtRegisterView *self,
                                                   const char     *label);

G_END_DECLS
