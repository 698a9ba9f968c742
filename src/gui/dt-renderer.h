/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

const char *dt_renderer_choose         (const char *environment,
                                        const char *setting);
void        dt_renderer_apply          (GSettings  *settings);
void        dt_renderer_apply_at_start (void);

G_END_DECLS
