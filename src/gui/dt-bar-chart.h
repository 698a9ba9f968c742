/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A small horizontal bar chart drawn with Cairo: one row per item, its label on the left, a
 * bar as long as its value, the figure at the end; a target, when given, is drawn as the
 * outline the bar fills (held against planned). Screen readers hear the figures, the
 * chart's accessible description lists them. */

#define DT_TYPE_BAR_CHART (dt_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (DtBarChart, dt_bar_chart, DT, BAR_CHART, GtkWidget)

GtkWidget *dt_bar_chart_new      (void);
void       dt_bar_chart_clear    (DtBarChart *self);
/* COLOR: "#rrggbb", or NULL for the accent colour. TARGET < 0: none. */
void       dt_bar_chart_add      (DtBarChart *self,
                                  const char *label,
                                  double      value,
                                  double      target,
                                  const char *color);
guint      dt_bar_chart_get_n_rows (DtBarChart *self);

G_END_DECLS
