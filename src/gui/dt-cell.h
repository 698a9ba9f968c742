/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One line of text in a cell of a long list, cut short with "…" to the width it is given.
 * Its height is that of a line of its font, known without looking at the text; the text is
 * laid out only when the cell is drawn. GTK 4.8 keeps 200 rows of a list bound around what is
 * shown, so that a label's layout on each change of each of them (or GtkInscription's
 * metrics) would be most of the work of a keystroke in the search box. */
#define DT_TYPE_CELL (dt_cell_get_type ())
G_DECLARE_FINAL_TYPE (DtCell, dt_cell, DT, CELL, GtkWidget)

GtkWidget  *dt_cell_new      (void);
const char *dt_cell_get_text (DtCell     *self);
/* FALSE when it was that already. */
gboolean    dt_cell_set_text (DtCell     *self,
                              const char *text);

G_END_DECLS
