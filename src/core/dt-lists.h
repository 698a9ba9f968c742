/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-records.h"

G_BEGIN_DECLS

/* The editable lists of DESIGN §3 (villages, agencies, fields) as the settings show them. A
 * name in use is never lost: it can be renamed (the records follow, they refer to it by id),
 * merged into another (its records move there first) or retired (no longer offered in the
 * forms, still shown by the records that use it); only an unused name can be removed
 * (dt_list_remove ()). Each change is one transaction, written to the audit log. */

typedef struct
{
  char     *name;
  gboolean  retired;
  guint     uses;                /* sessions and petitions naming it */
} DtListEntry;

void        dt_list_entry_free  (DtListEntry  *entry);

/* Every name, retired ones included, in Vietnamese dictionary order. */
GPtrArray  *dt_list_entries     (DtDatabase   *db,
                                 DtList        list,
                                 GError      **error);
/* What a form offers: the names not retired, in Vietnamese dictionary order. */
char      **dt_list_get_active  (DtDatabase   *db,
                                 DtList        list,
                                 GError      **error);
/* Refuses a new name that is already in the list (DT_ERROR_DUPLICATE): merge instead. */
gboolean    dt_list_rename      (DtDatabase   *db,
                                 DtList        list,
                                 const char   *name,
                                 const char   *new_name,
                                 GError      **error);
/* Moves every record naming NAME to INTO, then removes NAME. */
gboolean    dt_list_merge       (DtDatabase   *db,
                                 DtList        list,
                                 const char   *name,
                                 const char   *into,
                                 GError      **error);
gboolean    dt_list_set_retired (DtDatabase   *db,
                                 DtList        list,
                                 const char   *name,
                                 gboolean      retired,
                                 GError      **error);
/* A new office in one go (the first-run assistant): the unit, then the names of each list
 * (NULL: none), added to what is there. All or nothing. */
gboolean    dt_office_set_up    (DtDatabase          *db,
                                 const DtUnit        *unit,
                                 const char * const  *villages,
                                 const char * const  *agencies,
                                 const char * const  *fields,
                                 GError             **error);
/* Names an office usually starts with, in Vietnamese (they are data, not interface). */
const char * const *dt_list_get_suggestions (DtList list);

/* What the interface calls a list ("Villages"), in the interface language. */
const char *dt_list_get_label   (DtList        list);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtListEntry, dt_list_entry_free)

G_END_DECLS
