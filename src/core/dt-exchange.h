/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"

G_BEGIN_DECLS

#define DT_EXCHANGE_FORMAT  "doithoai-exchange"
#define DT_EXCHANGE_VERSION 1

typedef struct
{
  guint    plans;
  guint    sessions;
  guint    petitions;
  guint    calendar_years;
  gboolean unit_applied;
  gboolean unit_skipped;   /* the document had a unit, the database kept its own */
} DtImportSummary;

/* All or nothing: one transaction; any bad record leaves the database as it was. */
gboolean  dt_exchange_import_data   (DtDatabase       *db,
                                     const char       *data,
                                     gsize             length,
                                     const char       *source_name,
                                     gboolean          replace,
                                     DtImportSummary  *summary,
                                     GError          **error);
gboolean  dt_exchange_import_file   (DtDatabase       *db,
                                     const char       *path,
                                     gboolean          replace,
                                     DtImportSummary  *summary,
                                     GError          **error);

/* The whole database as an exchange document (DESIGN §8). Confidential petitioners are
 * replaced by “(bảo mật)” when masked. */
char     *dt_exchange_export_string (DtDatabase       *db,
                                     gboolean          mask_confidential,
                                     GError          **error);
/* Written to a temporary file and renamed: never half-written at PATH. */
gboolean  dt_exchange_export_file   (DtDatabase       *db,
                                     const char       *path,
                                     gboolean          mask_confidential,
                                     GError          **error);

G_END_DECLS
