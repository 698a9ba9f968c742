/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dt-context.h"

G_BEGIN_DECLS

/* The follow-up actions on petitions (DESIGN §4, tab 5), each a small dialog with its date
 * (today proposed) and its fields, calling the core's action; what the core refuses is said
 * in the dialog, which stays open. Assigning and adding an event take several petitions at
 * once, all or none. */
typedef enum
{
  DT_ACTION_ASSIGN,
  DT_ACTION_EVENT,
  DT_ACTION_ESCALATE,
  DT_ACTION_RESOLVE,
  DT_ACTION_DECLINE,
  DT_ACTION_WITHDRAW,
  DT_ACTION_DUPLICATE,
} DtActionKind;

#define DT_TYPE_ACTION_DIALOG (dt_action_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DtActionDialog, dt_action_dialog, DT, ACTION_DIALOG, GtkWindow)

/* CODES: the petitions acted on (one, except for assign and event). */
DtActionDialog *dt_action_dialog_new        (GtkWindow          *parent,
                                             DtContext          *context,
                                             DtActionKind        kind,
                                             const char * const *codes);
DtActionKind    dt_action_dialog_get_kind   (DtActionDialog     *self);
/* Does it, as the action button does: FALSE when refused (the dialog says why). */
gboolean        dt_action_dialog_apply      (DtActionDialog     *self);
/* What the dialog says went wrong, or NULL. */
const char     *dt_action_dialog_get_message (DtActionDialog    *self);

G_END_DECLS
