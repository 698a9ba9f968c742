/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"
#include "dt-output.h"
#include "dt-util.h"

G_BEGIN_DECLS

#define DT_EXCHANGE_FORMAT  "doithoai-exchange"
#define DT_EXCHANGE_VERSION 1
/* The largest document imported: 1 GiB, some nine times the export of an office with
 * 100,000 petitions. Anything larger is a mistake (a disk image, a device) or an attack. */
#define DT_EXCHANGE_MAX_BYTES (G_GUINT64_CONSTANT (1) << 30)

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

/* All or nothing: one transaction; any bad record leaves the database as it was. The
 * document is read as a stream, record by record, so that memory stays small whatever its
 * size. Cancelling gives G_IO_ERROR_CANCELLED and leaves the database as it was. */
gboolean  dt_exchange_import_data      (DtDatabase       *db,
                                        const char       *data,
                                        gsize             length,
                                        const char       *source_name,
                                        gboolean          replace,
                                        DtImportSummary  *summary,
                                        GError          **error);
/* Only regular files of at most DT_EXCHANGE_MAX_BYTES. */
gboolean  dt_exchange_import_file      (DtDatabase       *db,
                                        const char       *path,
                                        gboolean          replace,
                                        DtImportSummary  *summary,
                                        GError          **error);
gboolean  dt_exchange_import_file_full (DtDatabase       *db,
                                        const char       *path,
                                        gboolean          replace,
                                        DtImportSummary  *summary,
                                        GCancellable     *cancellable,
                                        DtProgressFunc    progress,
                                        gpointer          progress_data,
                                        GError          **error);
/* SIZE is the length of the document when known (for the progress), else -1; reading stops
 * with an error past DT_EXCHANGE_MAX_BYTES. */
gboolean  dt_exchange_import_stream    (DtDatabase       *db,
                                        GInputStream     *stream,
                                        const char       *source_name,
                                        goffset           size,
                                        gboolean          replace,
                                        DtImportSummary  *summary,
                                        GCancellable     *cancellable,
                                        DtProgressFunc    progress,
                                        gpointer          progress_data,
                                        GError          **error);

/* The whole database as an exchange document (DESIGN §8). When masked, a confidential
 * petitioner's name becomes “(bảo mật)” wherever it is written, and the address is left out.
 * It is made from one consistent snapshot and handed to WRITE piece by piece. */
gboolean  dt_exchange_export_to        (DtDatabase       *db,
                                        gboolean          mask_confidential,
                                        DtWriteFunc       write,
                                        gpointer          write_data,
                                        GCancellable     *cancellable,
                                        DtProgressFunc    progress,
                                        gpointer          progress_data,
                                        GError          **error);
char     *dt_exchange_export_string    (DtDatabase       *db,
                                        gboolean          mask_confidential,
                                        GError          **error);
/* Through a DtOutput: never half-written at PATH, never over the database itself. Cancelled,
 * it leaves PATH as it was. */
gboolean  dt_exchange_export_file      (DtDatabase       *db,
                                        const char       *path,
                                        gboolean          mask_confidential,
                                        GError          **error);
gboolean  dt_exchange_export_file_full (DtDatabase       *db,
                                        const char       *path,
                                        gboolean          mask_confidential,
                                        GCancellable     *cancellable,
                                        DtProgressFunc    progress,
                                        gpointer          progress_data,
                                        GError          **error);

G_END_DECLS
