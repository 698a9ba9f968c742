/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-petition-list.h"

G_BEGIN_DECLS

/* A selection of petitions by row id over a DtPetitionList, single or multiple, for a
 * GtkColumnView. GTK 4.8 reads every item a change of its model adds — its selection models to
 * carry their selection over, its list views to find the rows they already show — and, finding
 * none, throws away the row widgets it had and makes new ones: on 100,000 petitions, at each
 * key typed in the search box. So this model hands GTK one DtRowRef per position, the same for
 * as long as the position exists, and tells it only that the list grew or shrank at its end;
 * DtIdSelection::contents-changed says that the rows shown are to be bound again, which the
 * view does, reading them from the list (dt_id_selection_get_row ()). Kept by id, what is
 * chosen stays chosen when its row is edited, moves or comes back after a search. */
#define DT_TYPE_ROW_REF (dt_row_ref_get_type ())
G_DECLARE_FINAL_TYPE (DtRowRef, dt_row_ref, DT, ROW_REF, GObject)

guint           dt_row_ref_get_position      (DtRowRef       *self);

#define DT_TYPE_ID_SELECTION (dt_id_selection_get_type ())
G_DECLARE_FINAL_TYPE (DtIdSelection, dt_id_selection, DT, ID_SELECTION, GObject)

DtIdSelection  *dt_id_selection_new          (DtPetitionList *list,
                                              gboolean        multiple);
DtPetitionList *dt_id_selection_get_list     (DtIdSelection  *self);
/* The ids chosen that the list shows, in its order. */
GArray         *dt_id_selection_get_ids      (DtIdSelection  *self);
/* The row shown at POSITION, read from the list (a page at a time). */
DtPetitionRow  *dt_id_selection_get_row      (DtIdSelection  *self,
                                              guint           position);
/* Shows GTK no more than LIMIT of the list's rows (G_MAXUINT, as made: all of them). GTK 4.8
 * makes the widgets of the first 200 rows as soon as a column view has its model; told of a
 * few at a time, it makes them a few at a time (dt-register-view.c). */
void            dt_id_selection_set_limit    (DtIdSelection  *self,
                                              guint           limit);
guint           dt_id_selection_get_limit    (DtIdSelection  *self);
/* Chooses ID alone (0: none). */
void            dt_id_selection_set_id       (DtIdSelection  *self,
                                              gint64          id);

G_END_DECLS
