/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"

G_BEGIN_DECLS

#define DT_DEMO_DEFAULT_PETITIONS 600

/* Realistic data for a commune over the five years before this one and this year, every
 * petition status present. The same seed and the same today give the same data. Refuses a
 * database that already holds plans, sessions or petitions. */
gboolean dt_demo_generate (DtDatabase  *db,
                           guint        n_petitions,
                           guint32      seed,
                           GError     **error);

G_END_DECLS
