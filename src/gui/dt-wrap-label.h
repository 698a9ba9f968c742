/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A text that wraps to the width it is given, never cut, for the overview's rows. A wrapping
 * GtkLabel lays its text out for its minimum width, for its natural width and for the width it
 * gets, shaping it again each time: this one is laid out at the width it gets alone. It asks
 * for a fixed minimum width and no more (its container decides its width), and is as tall as
 * its text at that width. */
#define DT_TYPE_WRAP_LABEL (dt_wrap_label_get_type ())
G_DECLARE_FINAL_TYPE (DtWrapLabel, dt_wrap_label, DT, WRAP_LABEL, GtkWidget)

GtkWidget  *dt_wrap_label_new      (const char  *text);
const char *dt_wrap_label_get_text (DtWrapLabel *self);

G_END_DECLS
