/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale and the message catalogue. The interface is Vietnamese unless the user
 * asked for another language (LANGUAGE, or DOITHOAI_LANGUAGE=en). */
void dt_i18n_init (void);

G_END_DECLS
