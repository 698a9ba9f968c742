/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  DT_BANNER_INFO,
  DT_BANNER_WARNING,
} DtBannerKind;

/* A notice across the top of a window that asks nothing and blocks nothing: TEXT, read out
 * by screen readers as a status, and, when CLOSABLE, a button that hides it. NAME is the
 * widget's name (for tests). */
GtkWidget  *dt_banner_new      (const char   *name,
                                DtBannerKind  kind,
                                const char   *text,
                                gboolean      closable);
const char *dt_banner_get_text (GtkWidget    *banner);

G_END_DECLS
