/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-dialogs.h"
#include "dt-form.h"

/* Built by hand rather than with GtkMessageDialog (deprecated after 4.8) or GtkAlertDialog
 * (4.10): one look, one keyboard behaviour, and accessible names everywhere. */

typedef struct
{
  DtAnswerFunc  func;
  DtTextFunc    text_func;
  gpointer      user_data;
  GtkWidget    *entry;
  gboolean      answered;
} Question;

static void
question_answer (GtkWindow *window,
                 int        response)
{
  Question *question = g_object_get_data (G_OBJECT (window), "dt-question");

  if (question == NULL || question->answered)
    return;
  question->answered = TRUE;
  if (question->func != NULL)
    question->func (response, question->user_data);
  if (question->text_func != NULL)
    {
      g_autofree char *text = NULL;

      if (response == GTK_RESPONSE_ACCEPT && GTK_IS_EDITABLE (question->entry))
        text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (question->entry))));
      else if (response == GTK_RESPONSE_ACCEPT && GTK_IS_DROP_DOWN (question->entry))
        {
          GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (question->entry));

          text = item != NULL ? g_strdup (gtk_string_object_get_string (item)) : NULL;
        }
      question->text_func (response == GTK_RESPONSE_ACCEPT ? text : NULL, question->user_data);
    }
  gtk_window_destroy (window);
}

static void
button_clicked_cb (GtkButton *button,
                   GtkWindow *window)
{
  question_answer (window, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button),
                                                                "dt-response")));
}

static gboolean
close_request_cb (GtkWindow *window,
                  gpointer   user_data)
{
  question_answer (window, GTK_RESPONSE_CANCEL);
  return FALSE;
}

static GtkWidget *
add_button (GtkWidget  *box,
            GtkWindow  *window,
            const char *label,
            int         response)
{
  GtkWidget *button = dt_button_new (label);

  g_object_set_data (G_OBJECT (button), "dt-response", GINT_TO_POINTER (response));
  g_signal_connect (button, "clicked", G_CALLBACK (button_clicked_cb), window);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static GtkWindow *
question_window (GtkWidget   *parent,
                 const char  *heading,
                 const char  *body,
                 GtkWidget  **content,
                 GtkWidget  **buttons)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  GtkWidget *box, *title, *text;
  GtkEventController *keys;

  gtk_window_set_modal (window, TRUE);
  gtk_window_set_resizable (window, FALSE);
  gtk_window_set_destroy_with_parent (window, TRUE);
  gtk_window_set_title (window, heading);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (window, GTK_WINDOW (root));
  gtk_widget_add_css_class (GTK_WIDGET (window), "dt-question");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 18);

  title = gtk_label_new (heading);
  gtk_widget_set_name (title, "question-heading");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 44);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-3");
  gtk_box_append (GTK_BOX (box), title);
  if (body != NULL)
    {
      text = gtk_label_new (body);
      gtk_widget_set_name (text, "question-body");
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (text), 52);
      gtk_label_set_width_chars (GTK_LABEL (text), 36);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_box_append (GTK_BOX (box), text);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (window),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, text, NULL, -1);
    }
  *content = box;

  *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_halign (*buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (*buttons, 12);
  gtk_box_append (GTK_BOX (box), *buttons);
  gtk_window_set_child (window, box);

  g_signal_connect (window, "close-request", G_CALLBACK (close_request_cb), NULL);
  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (window), keys);
  return window;
}

GtkWindow *
dt_show_message (GtkWidget  *parent,
                 const char *heading,
                 const char *body)
{
  Question *question = g_new0 (Question, 1);
  GtkWidget *content, *buttons, *close;
  GtkWindow *window;

  window = question_window (parent, heading, body, &content, &buttons);
  g_object_set_data_full (G_OBJECT (window), "dt-question", question, g_free);
  close = add_button (buttons, window, _("_Close"), GTK_RESPONSE_CLOSE);
  gtk_widget_set_name (close, "question-close");
  gtk_window_set_default_widget (window, close);
  gtk_window_present (window);
  gtk_widget_grab_focus (close);
  return window;
}

GtkWindow *
dt_ask (GtkWidget    *parent,
        const char   *heading,
        const char   *body,
        const char   *cancel_label,
        const char   *other_label,
        const char   *accept_label,
        gboolean      destructive,
        DtAnswerFunc  func,
        gpointer      user_data)
{
  Question *question = g_new0 (Question, 1);
  GtkWidget *content, *buttons, *accept, *cancel;
  GtkWindow *window;

  question->func = func;
  question->user_data = user_data;
  window = question_window (parent, heading, body, &content, &buttons);
  g_object_set_data_full (G_OBJECT (window), "dt-question", question, g_free);
  cancel = add_button (buttons, window, cancel_label, GTK_RESPONSE_CANCEL);
  gtk_widget_set_name (cancel, "question-cancel");
  if (other_label != NULL)
    gtk_widget_set_name (add_button (buttons, window, other_label, GTK_RESPONSE_REJECT),
                         "question-other");
  accept = add_button (buttons, window, accept_label, GTK_RESPONSE_ACCEPT);
  gtk_widget_set_name (accept, "question-accept");
  gtk_widget_add_css_class (accept, destructive ? "destructive-action" : "suggested-action");
  /* A destructive answer is never the one Enter gives. */
  gtk_window_set_default_widget (window, destructive ? cancel : accept);
  gtk_window_present (window);
  gtk_widget_grab_focus (destructive ? cancel : accept);
  return window;
}

static void
entry_activate_cb (GtkEntry  *entry,
                   GtkWindow *window)
{
  question_answer (window, GTK_RESPONSE_ACCEPT);
}

GtkWindow *
dt_ask_text (GtkWidget  *parent,
             const char *heading,
             const char *body,
             const char *label,
             const char *initial,
             const char *accept_label,
             DtTextFunc  func,
             gpointer    user_data)
{
  Question *question = g_new0 (Question, 1);
  GtkWidget *content, *buttons, *accept, *caption;
  GtkWindow *window;

  question->text_func = func;
  question->user_data = user_data;
  window = question_window (parent, heading, body, &content, &buttons);
  g_object_set_data_full (G_OBJECT (window), "dt-question", question, g_free);

  caption = gtk_label_new_with_mnemonic (label);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  question->entry = gtk_entry_new ();
  gtk_widget_set_name (question->entry, "question-entry");
  gtk_editable_set_width_chars (GTK_EDITABLE (question->entry), 40);
  if (initial != NULL)
    gtk_editable_set_text (GTK_EDITABLE (question->entry), initial);
  dt_widget_set_label_widget (question->entry, caption);
  g_signal_connect (question->entry, "activate", G_CALLBACK (entry_activate_cb), window);
  gtk_box_insert_child_after (GTK_BOX (content), caption,
                              gtk_widget_get_prev_sibling (buttons));
  gtk_box_insert_child_after (GTK_BOX (content), question->entry, caption);

  add_button (buttons, window, _("_Cancel"), GTK_RESPONSE_CANCEL);
  accept = add_button (buttons, window, accept_label, GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (accept, "suggested-action");
  gtk_widget_set_name (accept, "question-accept");
  gtk_window_present (window);
  gtk_widget_grab_focus (question->entry);
  return window;
}

GtkWindow *
dt_ask_choice (GtkWidget          *parent,
               const char         *heading,
               const char         *body,
               const char         *label,
               const char * const *names,
               const char         *accept_label,
               gboolean            destructive,
               DtTextFunc          func,
               gpointer            user_data)
{
  Question *question = g_new0 (Question, 1);
  GtkWidget *content, *buttons, *accept, *caption;
  GtkWindow *window;

  question->text_func = func;
  question->user_data = user_data;
  window = question_window (parent, heading, body, &content, &buttons);
  g_object_set_data_full (G_OBJECT (window), "dt-question", question, g_free);

  caption = gtk_label_new_with_mnemonic (label);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  question->entry = gtk_drop_down_new_from_strings (names);
  gtk_widget_set_name (question->entry, "question-choice");
  dt_widget_set_label_widget (question->entry, caption);
  gtk_box_insert_child_after (GTK_BOX (content), caption,
                              gtk_widget_get_prev_sibling (buttons));
  gtk_box_insert_child_after (GTK_BOX (content), question->entry, caption);

  add_button (buttons, window, _("_Cancel"), GTK_RESPONSE_CANCEL);
  accept = add_button (buttons, window, accept_label, GTK_RESPONSE_ACCEPT);
  gtk_widget_set_name (accept, "question-accept");
  gtk_widget_add_css_class (accept, destructive ? "destructive-action" : "suggested-action");
  gtk_window_present (window);
  gtk_widget_grab_focus (question->entry);
  return window;
}

typedef struct
{
  DtFileFunc func;
  gpointer   user_data;
} FileQuestion;

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
file_dialog_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  FileQuestion *question = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  gboolean save = GPOINTER_TO_INT (g_object_get_data (object, "dt-save"));

  if (save)
    file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);
  else
    file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);
  if (file != NULL)
    path = g_file_get_path (file);
  question->func (path, question->user_data);
  g_free (question);
}
G_GNUC_END_IGNORE_DEPRECATIONS
#else
static void
native_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    FileQuestion    *question)
{
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        path = g_file_get_path (file);
    }
  question->func (path, question->user_data);
  g_free (question);
  g_object_unref (dialog);
}
#endif

void
dt_choose_file (GtkWindow  *parent,
                const char *title,
                const char *accept_label,
                gboolean    save,
                const char *folder,
                const char *name,
                DtFileFunc  func,
                gpointer    user_data)
{
  FileQuestion *question = g_new0 (FileQuestion, 1);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) start = folder != NULL ? g_file_new_for_path (folder) : NULL;

  question->func = func;
  question->user_data = user_data;
  gtk_file_filter_set_name (filter, _("DoiThoai databases"));
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_filter_add_pattern (filter, "*.db");

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, title);
    gtk_file_dialog_set_accept_label (dialog, accept_label);
    gtk_file_dialog_set_modal (dialog, TRUE);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    if (start != NULL)
      gtk_file_dialog_set_initial_folder (dialog, start);
    if (name != NULL)
      gtk_file_dialog_set_initial_name (dialog, name);
    g_object_set_data (G_OBJECT (dialog), "dt-save", GINT_TO_POINTER (save));
    if (save)
      gtk_file_dialog_save (dialog, parent, NULL, file_dialog_done_cb, question);
    else
      gtk_file_dialog_open (dialog, parent, NULL, file_dialog_done_cb, question);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    GtkFileChooserNative *dialog;

    dialog = gtk_file_chooser_native_new (title, parent,
                                          save ? GTK_FILE_CHOOSER_ACTION_SAVE
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                          accept_label, _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    if (start != NULL)
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), start, NULL);
    if (save && name != NULL)
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    g_signal_connect (dialog, "response", G_CALLBACK (native_response_cb), question);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
  }
#endif
}
