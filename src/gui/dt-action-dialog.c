/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-action-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-action-dialog.h"
#include "dt-completion.h"
#include "dt-date-entry.h"
#include "dt-error.h"
#include "dt-followup.h"
#include "dt-gui-util.h"
#include "dt-similar.h"
#include "dt-status.h"
#include "dt-util.h"

/* What the office records is Vietnamese whatever the interface language: the texts proposed
 * for an event and for declining an individual matter go into the database and documents. */
static const char * const event_texts[] = {
  "Đã nhắc nhở cơ quan được giao giải quyết",
  "Cơ quan được giao đã có văn bản trả lời",
  "Đã nhận văn bản liên quan",
  "",
};
static const char individual_reason[] =
  "Ý kiến riêng lẻ của cá nhân, không thuộc nội dung đối thoại; đề nghị công dân liên hệ "
  "bộ phận tiếp công dân để được hướng dẫn giải quyết theo quy định.";

struct _DtActionDialog
{
  GtkWindow     parent_instance;

  DtContext    *context;
  DtActionKind  kind;
  GStrv         codes;
  GtkGrid      *grid;
  int           rows;
  GtkLabel     *message;
  GtkButton    *apply_button;
  GHashTable   *problems;   /* field key → GtkLabel under it */
  GHashTable   *inputs;     /* field key → input widget */

  DtDateEntry  *date;
  const char   *date_key;
  /* The deadline (assign), the day the petitioner was told (resolve). */
  DtDateEntry  *second_date;
  const char   *second_key;
  GtkEntry     *text;        /* agency, event text, to whom, original */
  GtkTextView  *long_text;   /* result, reason: a few lines */
  GtkEntry     *number;
  GtkDropDown  *event_kind;
  GtkLabel     *deadline;
};

G_DEFINE_FINAL_TYPE (DtActionDialog, dt_action_dialog, GTK_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static DtDatabase *
database (DtActionDialog *self)
{
  return dt_context_get_database (self->context);
}

static GtkWidget *
add_field (DtActionDialog *self,
           const char     *key,
           const char     *label_text,
           GtkWidget      *input,
           GtkWidget      *labelled)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *problem = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dt-field-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), labelled);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (labelled), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (problem), 50);
  gtk_widget_add_css_class (problem, "dt-field-problem");
  gtk_widget_set_visible (problem, FALSE);

  gtk_grid_attach (self->grid, label, 0, self->rows++, 1, 1);
  gtk_grid_attach (self->grid, input, 0, self->rows++, 1, 1);
  gtk_grid_attach (self->grid, problem, 0, self->rows++, 1, 1);
  g_hash_table_insert (self->problems, g_strdup (key), problem);
  g_hash_table_insert (self->inputs, g_strdup (key), labelled);
  return input;
}

static void
activate_cb (GtkEntry       *entry,
             DtActionDialog *self)
{
  dt_action_dialog_apply (self);
}

static GtkEntry *
add_entry (DtActionDialog *self,
           const char     *key,
           const char     *name,
           const char     *label)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  gtk_widget_set_name (GTK_WIDGET (entry), name);
  gtk_widget_set_hexpand (GTK_WIDGET (entry), TRUE);
  g_signal_connect (entry, "activate", G_CALLBACK (activate_cb), self);
  add_field (self, key, label, GTK_WIDGET (entry), GTK_WIDGET (entry));
  return entry;
}

static GtkTextView *
add_text_view (DtActionDialog *self,
               const char     *key,
               const char     *name,
               const char     *label)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkTextView *view = GTK_TEXT_VIEW (gtk_text_view_new ());

  gtk_widget_set_name (GTK_WIDGET (view), name);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (view, FALSE);
  gtk_text_view_set_top_margin (view, 6);
  gtk_text_view_set_bottom_margin (view, 6);
  gtk_text_view_set_left_margin (view, 8);
  gtk_text_view_set_right_margin (view, 8);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 64);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
  add_field (self, key, label, scroller, GTK_WIDGET (view));
  return view;
}

static DtDateEntry *
add_date (DtActionDialog *self,
          const char     *key,
          const char     *name,
          const char     *label,
          gboolean        today)
{
  DtDateEntry *entry = DT_DATE_ENTRY (dt_date_entry_new ());

  gtk_widget_set_name (GTK_WIDGET (entry), name);
  if (today)
    {
      g_autofree char *iso = dt_context_dup_today_iso (self->context);
      dt_date_entry_set_iso (entry, iso);
    }
  g_signal_connect (dt_date_entry_get_entry (entry), "activate", G_CALLBACK (activate_cb), self);
  if (self->date_key == NULL)
    self->date_key = key;
  else
    self->second_key = key;
  add_field (self, key, label, GTK_WIDGET (entry), GTK_WIDGET (dt_date_entry_get_entry (entry)));
  return entry;
}

static void
show_message (DtActionDialog *self,
              const char     *message)
{
  gtk_label_set_label (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
}

static void
clear_problems (DtActionDialog *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->problems);
  while (g_hash_table_iter_next (&iter, &key, &value))
    dt_widget_set_problem (g_hash_table_lookup (self->inputs, key), value, NULL);
  show_message (self, NULL);
}

static gboolean
set_problem (DtActionDialog *self,
             const char     *key,
             const char     *hint)
{
  GtkLabel *problem = key != NULL ? g_hash_table_lookup (self->problems, key) : NULL;
  GtkWidget *input = key != NULL ? g_hash_table_lookup (self->inputs, key) : NULL;

  if (problem == NULL)
    return FALSE;
  dt_widget_set_problem (input, problem, hint);
  gtk_widget_grab_focus (input);
  return TRUE;
}

/* The deadline an assignment on the date typed gets, said before it is made. */
static void
update_deadline (DtActionDialog *self)
{
  g_autofree char *date = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *other = NULL;
  g_autofree char *text = NULL;

  if (self->deadline == NULL)
    return;
  if (dt_date_entry_get_iso (self->date, &date, NULL) && date != NULL)
    deadline = dt_petition_deadline_for (database (self), date, NULL);
  if (dt_date_entry_get_iso (self->second_date, &other, NULL) && other != NULL)
    {
      g_autofree char *shown = dt_date_to_display (other);
      text = g_strdup_printf (_("The answer is due by %s, the deadline typed below."), shown);
    }
  else if (deadline != NULL)
    {
      g_autoptr(DtUnit) unit = dt_unit_load (database (self), NULL);
      g_autofree char *shown = dt_date_to_display (deadline);
      int days = unit != NULL ? unit->answer_working_days : 30;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The answer is due by %s: %d working day after the "
                                           "assignment, holidays left out.",
                                           "The answer is due by %s: %d working days after the "
                                           "assignment, holidays left out.", days),
                              shown, days);
    }
  else
    text = g_strdup (_("Type the date of the assignment to see its deadline."));
  gtk_label_set_label (self->deadline, text);
}

static void
event_kind_cb (DtActionDialog *self)
{
  guint index = gtk_drop_down_get_selected (self->event_kind);

  if (index < G_N_ELEMENTS (event_texts))
    gtk_editable_set_text (GTK_EDITABLE (self->text), event_texts[index]);
}

static void
similar_clicked_cb (GtkButton      *button,
                    DtActionDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->text),
                         g_object_get_data (G_OBJECT (button), "dt-code"));
  gtk_widget_grab_focus (GTK_WIDGET (self->text));
}

static void
add_similar (DtActionDialog *self,
             DtPetition     *petition)
{
  g_autoptr(GPtrArray) similar = dt_petition_find_similar (database (self), petition, 4, NULL);
  GtkWidget *box;
  GtkWidget *heading;

  if (similar == NULL || similar->len == 0)
    return;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  heading = gtk_label_new (_("Likely originals:"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_box_append (GTK_BOX (box), heading);
  for (guint i = 0; i < similar->len; i++)
    {
      DtSimilarPetition *item = g_ptr_array_index (similar, i);
      g_autofree char *date = dt_format_date (item->received);
      g_autofree char *text = g_strdup_printf ("%s · %s · %s", item->code, date,
                                               item->summary != NULL ? item->summary : "");
      GtkWidget *button = gtk_button_new_with_label (text);
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (button, "flat");
      dt_widget_set_tooltip (button, text);
      g_object_set_data_full (G_OBJECT (button), "dt-code", g_strdup (item->code), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (similar_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_grid_attach (self->grid, box, 0, self->rows++, 1, 1);
}

static void
build (DtActionDialog *self)
{
  guint n = g_strv_length (self->codes);
  g_autoptr(DtPetition) petition = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *subtitle = NULL;
  const char *action = NULL;
  GtkWidget *heading_label;
  GtkWidget *subtitle_label;

  if (n == 1)
    petition = dt_petition_load (database (self), self->codes[0], NULL);

  switch (self->kind)
    {
    case DT_ACTION_ASSIGN:
      heading = n == 1 ? g_strdup_printf (_("Assign Petition %s"), self->codes[0])
                       : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Assign %u Petition",
                                                       "Assign %u Petitions", n), n);
      action = _("_Assign");
      self->text = add_entry (self, "assigned_to", "action-agency", _("_Agency that will answer"));
      dt_completion_attach (self->text, dt_context_get_names (self->context, DT_LIST_AGENCIES));
      if (petition != NULL && petition->assigned_to != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->text), petition->assigned_to);
      self->date = add_date (self, "assigned_date", "action-date", _("Assigned _on"), TRUE);
      self->deadline = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_set_name (GTK_WIDGET (self->deadline), "action-computed-deadline");
      gtk_label_set_xalign (self->deadline, 0);
      gtk_label_set_wrap (self->deadline, TRUE);
      gtk_label_set_max_width_chars (self->deadline, 50);
      gtk_widget_add_css_class (GTK_WIDGET (self->deadline), "dt-deadline-note");
      gtk_grid_attach (self->grid, GTK_WIDGET (self->deadline), 0, self->rows++, 1, 1);
      self->second_date = add_date (self, "deadline", "action-deadline",
                                    _("Another _deadline (leave empty for the rule’s)"), FALSE);
      g_signal_connect_swapped (self->date, "changed", G_CALLBACK (update_deadline), self);
      g_signal_connect_swapped (self->second_date, "changed", G_CALLBACK (update_deadline), self);
      update_deadline (self);
      break;

    case DT_ACTION_EVENT:
      heading = n == 1 ? g_strdup_printf (_("Add an Event to Petition %s"), self->codes[0])
                       : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "Add an Event to %u Petition",
                                                       "Add an Event to %u Petitions", n), n);
      action = _("_Record");
      {
        const char *kinds[] = { _("Reminder to the agency"), _("Reply from the agency"),
                                _("Document received"), _("Something else"), NULL };

        self->event_kind = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (kinds));
        gtk_widget_set_name (GTK_WIDGET (self->event_kind), "action-event-kind");
        add_field (self, "kind", _("_Kind"), GTK_WIDGET (self->event_kind),
                   GTK_WIDGET (self->event_kind));
      }
      self->text = add_entry (self, "text", "action-text", _("_What happened"));
      self->number = add_entry (self, "number", "action-number", _("Document _number"));
      self->date = add_date (self, "date", "action-date", _("_Date"), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->text), event_texts[0]);
      g_signal_connect_swapped (self->event_kind, "notify::selected", G_CALLBACK (event_kind_cb),
                                self);
      break;

    case DT_ACTION_ESCALATE:
      heading = g_strdup_printf (_("Send Petition %s On to the Competent Level"), self->codes[0]);
      action = _("_Send On");
      self->text = add_entry (self, "escalated_to", "action-to", _("Sent _to"));
      gtk_entry_set_placeholder_text (self->text, _("e.g. UBND huyện"));
      self->number = add_entry (self, "escalated_number", "action-number",
                                _("Dispatch _number"));
      self->date = add_date (self, "escalated_date", "action-date", _("_Date"), TRUE);
      break;

    case DT_ACTION_RESOLVE:
      heading = g_strdup_printf (_("Resolve Petition %s"), self->codes[0]);
      action = _("_Mark Resolved");
      self->long_text = add_text_view (self, "result", "action-result", _("_Result"));
      self->date = add_date (self, "resolved_date", "action-date", _("Resolved _on"), TRUE);
      self->second_date = add_date (self, "informed_date", "action-informed",
                                    _("Petitioner _told on (empty: not yet)"), TRUE);
      break;

    case DT_ACTION_DECLINE:
      heading = g_strdup_printf (_("Decline Petition %s"), self->codes[0]);
      action = _("_Decline");
      self->long_text = add_text_view (self, "declined_reason", "action-reason", _("_Reason"));
      if (petition != NULL && petition->individual)
        dt_text_view_set_text (self->long_text, individual_reason);
      self->date = add_date (self, "declined_date", "action-date", _("_Date"), TRUE);
      break;

    case DT_ACTION_WITHDRAW:
      heading = g_strdup_printf (_("Petition %s Withdrawn"), self->codes[0]);
      action = _("_Withdraw");
      self->date = add_date (self, "withdrawn_date", "action-date",
                             _("_Date the petitioner withdrew it"), TRUE);
      break;

    case DT_ACTION_DUPLICATE:
      heading = g_strdup_printf (_("Petition %s Is a Duplicate"), self->codes[0]);
      action = _("_Mark Duplicate");
      self->text = add_entry (self, "duplicate_of", "action-original",
                              _("Code of the _original petition"));
      if (petition != NULL)
        add_similar (self, petition);
      break;

    default:
      g_assert_not_reached ();
    }

  if (petition != NULL)
    {
      const char *who = petition->confidential ? _("(confidential)") : petition->petitioner;

      subtitle = g_strdup_printf ("%s%s%s", who != NULL ? who : "", who != NULL ? " — " : "",
                                  petition->summary != NULL ? petition->summary : "");
    }
  else if (n > 1)
    subtitle = g_strjoinv (", ", self->codes);

  heading_label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (heading_label), 0);
  gtk_label_set_wrap (GTK_LABEL (heading_label), TRUE);
  gtk_widget_add_css_class (heading_label, "title-4");
  gtk_grid_insert_row (self->grid, 0);
  gtk_grid_attach (self->grid, heading_label, 0, 0, 1, 1);
  if (subtitle != NULL)
    {
      subtitle_label = gtk_label_new (subtitle);
      gtk_widget_set_name (subtitle_label, "action-subtitle");
      gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
      gtk_label_set_wrap (GTK_LABEL (subtitle_label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (subtitle_label), 56);
      gtk_label_set_lines (GTK_LABEL (subtitle_label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (subtitle_label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (subtitle_label, "dim-label");
      gtk_widget_set_margin_bottom (subtitle_label, 6);
      gtk_grid_insert_row (self->grid, 1);
      gtk_grid_attach (self->grid, subtitle_label, 0, 1, 1, 1);
    }

  gtk_window_set_title (GTK_WINDOW (self), heading);
  gtk_button_set_label (self->apply_button, action);
  dt_accessible_name_controls (GTK_WIDGET (self));
}

static void
apply_clicked_cb (DtActionDialog *self)
{
  dt_action_dialog_apply (self);
}

static void
cancel_clicked_cb (DtActionDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
dt_action_dialog_dispose (GObject *object)
{
  DtActionDialog *self = (DtActionDialog *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (dt_action_dialog_parent_class)->dispose (object);
}

static void
dt_action_dialog_finalize (GObject *object)
{
  DtActionDialog *self = (DtActionDialog *) object;

  g_clear_pointer (&self->codes, g_strfreev);
  g_clear_pointer (&self->problems, g_hash_table_unref);
  g_clear_pointer (&self->inputs, g_hash_table_unref);

  G_OBJECT_CLASS (dt_action_dialog_parent_class)->finalize (object);
}

static void
dt_action_dialog_class_init (DtActionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_action_dialog_dispose;
  object_class->finalize = dt_action_dialog_finalize;

  /**
   * DtActionDialog::done:
   *
   * The action was recorded; the dialog closes.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dt_action_dialog_init (DtActionDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, -1);
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dt-dialog");

  gtk_widget_set_margin_top (box, 20);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 4);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->grid));

  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->message), "action-message");
  gtk_label_set_xalign (self->message, 0);
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_max_width_chars (self->message, 56);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "dt-form-message");
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_widget_set_name (cancel, "action-cancel");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  self->apply_button = GTK_BUTTON (gtk_button_new ());
  gtk_button_set_use_underline (self->apply_button, TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->apply_button), "action-apply");
  gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "suggested-action");
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (apply_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->apply_button));
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_window_set_child (GTK_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->apply_button));
}

DtActionDialog *
dt_action_dialog_new (GtkWindow          *parent,
                      DtContext          *context,
                      DtActionKind        kind,
                      const char * const *codes)
{
  DtActionDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (codes != NULL && codes[0] != NULL, NULL);
  g_return_val_if_fail (kind == DT_ACTION_ASSIGN || kind == DT_ACTION_EVENT || codes[1] == NULL,
                        NULL);

  self = g_object_new (DT_TYPE_ACTION_DIALOG, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->context = g_object_ref (context);
  self->kind = kind;
  self->codes = g_strdupv ((char **) codes);
  build (self);
  return self;
}

DtActionKind
dt_action_dialog_get_kind (DtActionDialog *self)
{
  g_return_val_if_fail (DT_IS_ACTION_DIALOG (self), DT_ACTION_ASSIGN);
  return self->kind;
}

/* The dialog's field for a key of the core's errors ("events[2].text" is the event's text). */
static const char *
dialog_key (DtActionDialog *self,
            const char     *field)
{
  if (field == NULL)
    return NULL;
  if (g_str_has_prefix (field, "events["))
    {
      const char *dot = strchr (field, '.');
      return dot != NULL ? dot + 1 : NULL;
    }
  return field;
}

gboolean
dt_action_dialog_apply (DtActionDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *second = NULL;
  g_autofree char *text = NULL;
  g_autofree char *number = NULL;
  const char * const *codes;
  DtDatabase *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (DT_IS_ACTION_DIALOG (self), FALSE);

  db = database (self);
  codes = (const char * const *) self->codes;
  clear_problems (self);

  if (self->date != NULL && !dt_date_entry_get_iso (self->date, &date, &error))
    {
      set_problem (self, self->date_key, error->message);
      return FALSE;
    }
  if (self->second_date != NULL && !dt_date_entry_get_iso (self->second_date, &second, &error))
    {
      set_problem (self, self->second_key, error->message);
      return FALSE;
    }
  /* Every action has its date. */
  if (self->date != NULL && date == NULL)
    {
      set_problem (self, self->date_key, _("Type the date, for example 15/4/2025."));
      return FALSE;
    }
  if (self->text != NULL)
    {
      DtCompletion *completion = dt_completion_get_for_entry (self->text);
      const char *name;

      text = dt_editable_dup_text (GTK_EDITABLE (self->text));
      if (completion != NULL && text != NULL && (name = dt_completion_find (completion, text)))
        {
          g_free (text);
          text = g_strdup (name);
        }
    }
  if (self->long_text != NULL)
    text = dt_text_view_dup_text (self->long_text);
  if (self->number != NULL)
    number = dt_editable_dup_text (GTK_EDITABLE (self->number));

  switch (self->kind)
    {
    case DT_ACTION_ASSIGN:
      if (text == NULL)
        {
          set_problem (self, "assigned_to", _("Choose the agency that will answer."));
          return FALSE;
        }
      ok = dt_petitions_assign (db, codes, text, date, second, &error);
      break;
    case DT_ACTION_EVENT:
      if (text == NULL)
        {
          set_problem (self, "text", _("Say what happened."));
          return FALSE;
        }
      ok = dt_petitions_add_event (db, codes, date, text, number, &error);
      break;
    case DT_ACTION_ESCALATE:
      if (text == NULL)
        {
          set_problem (self, "escalated_to", _("Say to whom it was sent on."));
          return FALSE;
        }
      ok = dt_petition_escalate (db, codes[0], text, number, date, &error);
      break;
    case DT_ACTION_RESOLVE:
      ok = dt_petition_resolve_and_inform (db, codes[0], date, text, second, &error);
      break;
    case DT_ACTION_DECLINE:
      ok = dt_petition_decline (db, codes[0], date, text, &error);
      break;
    case DT_ACTION_WITHDRAW:
      ok = dt_petition_withdraw (db, codes[0], date, &error);
      break;
    case DT_ACTION_DUPLICATE:
      if (text == NULL)
        {
          set_problem (self, "duplicate_of", _("Type the code of the petition it repeats."));
          return FALSE;
        }
      ok = dt_petition_mark_duplicate (db, codes[0], text, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      const char *key = dialog_key (self, dt_error_get_field (error));

      if (error->code == DT_ERROR_LOCKED)
        show_message (self, _("The database is in use by another program: nothing was "
                              "recorded. Try again in a moment."));
      else if (!set_problem (self, key, dt_error_get_hint (error)))
        show_message (self, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[DONE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

const char *
dt_action_dialog_get_message (DtActionDialog *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (DT_IS_ACTION_DIALOG (self), NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->message)))
    return gtk_label_get_label (self->message);
  g_hash_table_iter_init (&iter, self->problems);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (gtk_widget_get_visible (value))
      return gtk_label_get_label (value);
  return NULL;
}
