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
  guint    calendar_skipped; /* years the database had set already (kept without --replace) */
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

/* The whole database as an exchange document (DESIGN §8). When masked, a confidential
 * petitioner's name becomes “(bảo mật)” wherever it is written, and the address is left out. */
char     *dt_exchange_export_string (DtDatabase       *db,
                                     gboolean          mask_confidential,
                                     GError          **error);
/* Written to a temporary file and renamed: never half-written at PATH. */
gboolean  dt_exchange_export_file   (DtDatabase       *db,
                                     const char       *path,
                                     gboolean          mask_confidential,
                                     GError          **error);

G_END_DECLS
