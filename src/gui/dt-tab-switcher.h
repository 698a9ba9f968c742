/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The window's tabs: a button for each page of a GtkStack, by its title, as GtkStackSwitcher
 * draws them (CSS node stackswitcher, linked) and tells a screen reader of them (a tab list of
 * tabs). GtkStackSwitcher in GTK 4.8 sets a tooltip on each of its buttons, and each asks the
 * X server where the pointer is (three round trips): in the window's start, five times. */
#define DT_TYPE_TAB_SWITCHER (dt_tab_switcher_get_type ())
G_DECLARE_FINAL_TYPE (DtTabSwitcher, dt_tab_switcher, DT, TAB_SWITCHER, GtkWidget)

GtkWidget *dt_tab_switcher_new       (void);
GtkStack  *dt_tab_switcher_get_stack (DtTabSwitcher *self);
void       dt_tab_switcher_set_stack (DtTabSwitcher *self,
                                      GtkStack      *stack);

G_END_DECLS
