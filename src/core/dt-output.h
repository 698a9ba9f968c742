/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"

G_BEGIN_DECLS

/* Every file the program writes (exports, backups, reports, documents) goes through one
 * DtOutput: it is written to a temporary file beside the target, checked write by write,
 * flushed to disk and only then renamed over the target. On any failure, or when the output
 * is freed without a commit, no temporary is left behind and the target is as it was.
 *
 * A target is refused when it is the database given at creation (or its -wal, -shm or
 * -journal), under any name that leads to the same file, or when it exists and is not a
 * regular file (a folder, a device, a pipe). Messages name the target, never the temporary. */
typedef struct _DtOutput DtOutput;

/* Hands out a document piece by piece, as it is made. */
typedef gboolean (*DtWriteFunc) (gpointer      user_data,
                                 const void   *data,
                                 gsize         length,
                                 GError      **error);

DtOutput   *dt_output_new                (const char  *path,
                                          DtDatabase  *database,
                                          GError     **error);
/* Only the owner may read the file (0600 on Unix, whatever the target's mode was): for copies
 * of the database, which hold the petitioners' names. */
void        dt_output_set_private        (DtOutput    *self);
/* Buffered; the final flush is in dt_output_commit (). */
gboolean    dt_output_write              (DtOutput    *self,
                                          const void  *data,
                                          gsize        length,
                                          GError     **error);
/* Matches DtWriteFunc, for writers that stream into any sink. */
gboolean    dt_output_write_func         (gpointer     self,
                                          const void  *data,
                                          gsize        length,
                                          GError     **error);
/* For a library that writes its own file (SQLite, libxlsxwriter, cairo): the temporary file,
 * empty, for it to fill and close before dt_output_commit (). Writes through
 * dt_output_write () are no longer possible after this. */
const char *dt_output_get_temporary_path (DtOutput    *self);
const char *dt_output_get_path           (DtOutput    *self);
/* Flushes, syncs to disk, checks the target again and renames the file into place. The
 * output is finished either way: on failure every temporary is removed. */
gboolean    dt_output_commit             (DtOutput    *self,
                                          GError     **error);
/* Removes the temporary files; the target stays as it was. */
void        dt_output_abort              (DtOutput    *self);
/* Aborts an output that was not committed. */
void        dt_output_free               (DtOutput    *self);

/* A whole file at once, through a DtOutput. */
gboolean    dt_output_write_file         (const char  *path,
                                          DtDatabase  *database,
                                          const void  *contents,
                                          gsize        length,
                                          GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtOutput, dt_output_free)

G_END_DECLS
