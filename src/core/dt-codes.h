/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"

G_BEGIN_DECLS

/* The code to propose for a new record of YEAR, in the office's own pattern: the used code of
 * that year with the highest serial number, plus one, with its prefix and zero-padding
 * (YK-2026-007 → YK-2026-008). A year with none yet takes the pattern of the year before with
 * the serial back at 1, or else the defaults: 2026-0001 for petitions, HN-2026-01, TD-2026-01
 * and TX-2026-01 for dialogue, reception and contact sessions, KH-2026 for plans (a second plan
 * of a year is KH-2026-2). Never a code that exists. */
char *dt_petition_next_code (DtDatabase  *db,
                             int          year,
                             GError     **error);
/* KIND: "dialogue", "reception" or "contact"; only sessions of that kind set the pattern. */
char *dt_session_next_code  (DtDatabase  *db,
                             const char  *kind,
                             int          year,
                             GError     **error);
char *dt_plan_next_code     (DtDatabase  *db,
                             int          year,
                             GError     **error);

G_END_DECLS
