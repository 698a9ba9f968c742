/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DT_ERROR (dt_error_quark ())

/* Each code maps to one exit status of doithoai-cli (DESIGN §7). */
typedef enum
{
  DT_ERROR_INVALID,       /* bad input: a record or a document is wrong (exit 2) */
  DT_ERROR_DUPLICATE,     /* a code that already exists (exit 2) */
  DT_ERROR_NOT_FOUND,     /* a referenced record does not exist (exit 2) */
  DT_ERROR_IO,            /* a file could not be read or written (exit 2) */
  DT_ERROR_DATABASE,      /* any other database failure (exit 3) */
  DT_ERROR_CORRUPT,       /* damaged file, or not a database at all (exit 3) */
  DT_ERROR_NEWER,         /* written by a newer version of the program (exit 3) */
  DT_ERROR_LOCKED,        /* busy: another program holds it (exit 3) */
  DT_ERROR_FOREIGN,       /* a SQLite database of some other program (exit 3) */
  DT_ERROR_MISSING,       /* no database at that path (exit 3) */
  DT_ERROR_CONFLICT,      /* the record changed since it was loaded: reload it (exit 2) */
} DtError;

GQuark      dt_error_quark       (void);
int         dt_error_exit_status (const GError *error);

/* A validation error names the record kind ("petition") and the field's key ("received",
 * "events[1].date") for a program, besides its message; the hint is the message a form shows
 * beside that field ("Received date: type the date as day/month/year …"), or else the
 * message itself. */
void        dt_error_set_field   (GError       *error,
                                  const char   *record,
                                  const char   *field,
                                  const char   *hint);
const char *dt_error_get_record  (const GError *error);
const char *dt_error_get_field   (const GError *error);
const char *dt_error_get_hint    (const GError *error);

G_END_DECLS
