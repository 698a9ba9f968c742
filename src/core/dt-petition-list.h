/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dt-database.h"
#include "dt-petition-query.h"

G_BEGIN_DECLS

/* The petitions of a register or a follow-up list as a GListModel of DtPetitionRow: an array
 * of ids from SQL, with the rows built on demand, a page at a time, and a small cache. It
 * follows the database: an edited petition is one items-changed (pos, 1, 1), a deleted one
 * (pos, 1, 0), a new one that passes the filter (pos, 0, 1); changing the filter, the order or
 * the search is one items-changed for the whole list. */
#define DT_TYPE_PETITION_LIST (dt_petition_list_get_type ())
G_DECLARE_FINAL_TYPE (DtPetitionList, dt_petition_list, DT, PETITION_LIST, GObject)

/* Most hits a search shows: the secretary narrows a search that finds more. */
#define DT_PETITION_LIST_MAX_HITS 2000

DtPetitionList         *dt_petition_list_new        (DtDatabase              *db,
                                                     GError                 **error);
/* With FILTER and ORDER from the start: the ids are read once, not once for every petition
 * and again for the view asked. */
DtPetitionList         *dt_petition_list_new_with_view (DtDatabase              *db,
                                                        const DtPetitionFilter  *filter,
                                                        DtPetitionOrder          order,
                                                        GError                 **error);
/* The same, with the IDS dt_petition_query_ids () gave for FILTER and ORDER, read already
 * (ahead of need, in another thread, on another connection); the list holds a reference. */
DtPetitionList         *dt_petition_list_new_with_ids (DtDatabase              *db,
                                                       const DtPetitionFilter  *filter,
                                                       DtPetitionOrder          order,
                                                       GArray                  *ids);
DtDatabase             *dt_petition_list_get_database (DtPetitionList        *self);
const DtPetitionFilter *dt_petition_list_get_filter (DtPetitionList          *self);
/* NULL shows every petition. */
gboolean                dt_petition_list_set_filter (DtPetitionList          *self,
                                                     const DtPetitionFilter  *filter,
                                                     GError                 **error);
/* dt_petition_list_set_filter () and dt_petition_list_set_order () together, in one read;
 * refused as a whole (the list unchanged) when the filter names what does not exist. */
gboolean                dt_petition_list_set_view   (DtPetitionList          *self,
                                                     const DtPetitionFilter  *filter,
                                                     DtPetitionOrder          order,
                                                     GError                 **error);
DtPetitionOrder         dt_petition_list_get_order  (DtPetitionList          *self);
gboolean                dt_petition_list_set_order  (DtPetitionList          *self,
                                                     DtPetitionOrder          order,
                                                     GError                 **error);
const char             *dt_petition_list_get_search (DtPetitionList          *self);
/* Words typed in the search box: the best hits first, within the filter (the order is the
 * search's own); NULL or blank for none. */
gboolean                dt_petition_list_set_search (DtPetitionList          *self,
                                                     const char              *query,
                                                     GError                 **error);
/* Reads the ids again and tells what changed (after a write the database could not tell
 * of, or when the day changes). */
gboolean                dt_petition_list_refresh    (DtPetitionList          *self,
                                                     GError                 **error);
gint64                  dt_petition_list_get_id     (DtPetitionList          *self,
                                                     guint                    position);
gboolean                dt_petition_list_find       (DtPetitionList          *self,
                                                     gint64                   id,
                                                     guint                   *position);

G_END_DECLS
