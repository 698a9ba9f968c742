/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-backup.h"

G_BEGIN_DECLS

/* dt_backup_verify () of the file at PATH, with messages that name NAME instead: a copy being
 * written is checked under its temporary name and spoken of under its final one. */
gboolean    _dt_backup_check_file     (const char    *path,
                                       const char    *name,
                                       gboolean       full,
                                       GError       **error);

G_END_DECLS
