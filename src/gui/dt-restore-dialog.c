/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-restore-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-application.h"
#include "dt-dialogs.h"
#include "dt-error-window.h"
#include "dt-error.h"
#include "dt-gui-util.h"
#include "dt-restore-dialog.h"
#include "dt-util.h"
#include "dt-window.h"

/* How long a restore waits for the closed windows' connections (and their workers') to be
 * gone before it says the file is in use. */
#define RELEASE_TRIES    50
#define RELEASE_WAIT_US  (100 * 1000)

struct _DtRestoreDialog
{
  GtkWindow       parent_instance;

  GtkApplication *application;
  char           *database_path;
  GPtrArray      *backups;         /* DtBackup, newest first */
  GCancellable   *cancellable;
  char           *status;
  guint           loading : 1;
  guint           restoring : 1;
  guint           closed_windows : 1;

  /* Template widgets */
  GtkLabel       *intro_label;
  GtkListBox     *list_box;
  GtkButton      *restore_button;
  GtkSpinner     *spinner;
  GtkLabel       *status_label;
};

G_DEFINE_FINAL_TYPE (DtRestoreDialog, dt_restore_dialog, GTK_TYPE_WINDOW)

/* Helpers */

static char *
format_made (GDateTime *made)
{
  /* dd/mm/yyyy hh:mm, as the office writes dates. */
  return g_date_time_format (made, "%d/%m/%Y %H:%M");
}

/* A daily copy older than the days kept stays as its month's copy. */
static const char *
kind_label (DtRestoreDialog *self,
            const DtBackup  *backup)
{
  g_autoptr(GHashTable) days = NULL;

  if (backup->kind != DT_BACKUP_DAILY)
    switch (backup->kind)
      {
      case DT_BACKUP_MIGRATION:
        return _("before an update");
      case DT_BACKUP_RESTORE:
        return _("before a restore");
      case DT_BACKUP_MANUAL:
        return _("manual");
      case DT_BACKUP_DAILY:
      case DT_BACKUP_OTHER:
      default:
        return dt_backup_kind_label (backup->kind);
      }

  days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < self->backups->len; i++)
    {
      DtBackup *other = g_ptr_array_index (self->backups, i);

      if (other->kind == DT_BACKUP_DAILY)
        g_hash_table_add (days, g_date_time_format (other->made, "%Y-%m-%d"));
      if (other == backup)
        break;
    }
  return g_hash_table_size (days) > DT_BACKUP_KEEP_DAYS ? _("monthly") : _("daily");
}

static char *
format_contents (const DtBackup *backup)
{
  g_autofree char *plans = dt_format_count (backup->plans);
  g_autofree char *sessions = dt_format_count (backup->sessions);
  g_autofree char *petitions = dt_format_count (backup->petitions);
  g_autofree char *plans_text = NULL;
  g_autofree char *sessions_text = NULL;
  g_autofree char *petitions_text = NULL;

  plans_text = g_strdup_printf (g_dngettext (NULL, "%s plan", "%s plans", backup->plans), plans);
  sessions_text = g_strdup_printf (g_dngettext (NULL, "%s session", "%s sessions",
                                                backup->sessions), sessions);
  petitions_text = g_strdup_printf (g_dngettext (NULL, "%s petition", "%s petitions",
                                                 backup->petitions), petitions);
  return g_strdup_printf ("%s · %s · %s", plans_text, sessions_text, petitions_text);
}

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           int         width_chars,
           float       xalign,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (width_chars > 0)
    gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  else
    {
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
make_row (DtRestoreDialog *self,
          DtBackup        *backup)
{
  g_autofree char *made = format_made (backup->made);
  g_autofree char *size = g_format_size (backup->size);
  g_autofree char *contents = backup->readable ? format_contents (backup) : NULL;
  g_autofree char *name = NULL;
  const char *kind = kind_label (self, backup);
  const char *what = backup->readable ? contents : backup->problem;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  add_label (box, made, 16, 0, "heading");
  add_label (box, kind, 16, 0, NULL);
  add_label (box, what != NULL ? what : "", -1, 0, backup->readable ? NULL : "error");
  add_label (box, size, 9, 1, "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Read out whole, as it is shown. */
  name = g_strdup_printf ("%s, %s, %s, %s", made, kind, what != NULL ? what : "", size);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (row), "dt-backup", backup);
  return row;
}

static DtBackup *
row_backup (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "dt-backup") : NULL;
}

static void
set_status (DtRestoreDialog *self,
            const char      *status,
            gboolean         problem)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_label (self->status_label, status != NULL ? status : "");
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
update (DtRestoreDialog *self)
{
  DtBackup *backup = row_backup (gtk_list_box_get_selected_row (self->list_box));
  gboolean busy = self->loading || self->restoring;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "restore.restore",
                                 !busy && backup != NULL && backup->readable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->list_box), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
row_selected_cb (DtRestoreDialog *self,
                 GtkListBoxRow   *row,
                 GtkListBox      *list_box)
{
  DtBackup *backup = row_backup (row);

  /* Rows go as the dialog does. */
  if (self->status_label == NULL)
    return;
  if (!self->restoring)
    {
      if (backup != NULL && !backup->readable)
        {
          g_autofree char *text = g_strdup_printf (_("This copy cannot be restored: %s"),
                                                   backup->problem);
          set_status (self, text, TRUE);
        }
      else if (self->status != NULL && !self->loading)
        set_status (self, NULL, FALSE);
    }
  update (self);
}

static void
row_activated_cb (DtRestoreDialog *self,
                  GtkListBoxRow   *row,
                  GtkListBox      *list_box)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "restore.restore", NULL);
}

/* Reading the list */

typedef struct
{
  GPtrArray *backups;
  int        good;
} Listing;

static void
listing_free (Listing *listing)
{
  g_clear_pointer (&listing->backups, g_ptr_array_unref);
  g_free (listing);
}

/* The list, and the newest copy that passes the quick check: the ones before it that do not
 * are shown with what is wrong. */
static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *database_path = task_data;
  g_autoptr(GError) error = NULL;
  Listing *listing;
  GPtrArray *backups;

  if (!(backups = dt_backup_list (database_path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  listing = g_new0 (Listing, 1);
  listing->backups = backups;
  listing->good = -1;
  for (guint i = 0; i < backups->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      DtBackup *backup = g_ptr_array_index (backups, i);

      if (!backup->readable)
        continue;
      if (dt_backup_verify (backup->path, FALSE, &error))
        {
          listing->good = (int) i;
          break;
        }
      backup->readable = FALSE;
      g_free (backup->problem);
      backup->problem = g_strdup (error->message);
      g_clear_error (&error);
    }
  g_task_return_pointer (task, listing, (GDestroyNotify) listing_free);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Listing *listing = g_task_propagate_pointer (G_TASK (result), &error);
  DtRestoreDialog *self;
  GtkListBoxRow *chosen = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = DT_RESTORE_DIALOG (source);
  self->loading = FALSE;
  if (listing == NULL)
    {
      set_status (self, error->message, TRUE);
      update (self);
      return;
    }

  g_clear_pointer (&self->backups, g_ptr_array_unref);
  self->backups = g_steal_pointer (&listing->backups);
  for (guint i = 0; i < self->backups->len; i++)
    {
      GtkWidget *row = make_row (self, g_ptr_array_index (self->backups, i));

      gtk_list_box_append (self->list_box, row);
      if ((int) i == listing->good)
        chosen = GTK_LIST_BOX_ROW (row);
    }
  if (self->backups->len == 0)
    {
      g_autofree char *folder = dt_backup_folder (self->database_path);
      g_autofree char *text = g_strdup_printf (_("There is no backup in “%s” yet."), folder);

      set_status (self, text, TRUE);
    }
  else if (chosen == NULL)
    set_status (self, _("None of the backups passes its check: none can be restored."), TRUE);
  else
    {
      set_status (self, _("The newest backup that passes its check is chosen."), FALSE);
      gtk_list_box_select_row (self->list_box, chosen);
    }
  update (self);
  if (chosen != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (chosen));
  listing_free (listing);
}

static void
load (DtRestoreDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, listed_cb, NULL);

  self->loading = TRUE;
  set_status (self, _("Reading the backups…"), FALSE);
  update (self);
  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, g_strdup (self->database_path), g_free);
  g_task_run_in_thread (task, list_thread);
}

/* Restoring */

typedef struct
{
  char     *database_path;
  char     *backup_path;
  DtBackup *saved;
} Job;

static void
job_free (Job *job)
{
  g_free (job->database_path);
  g_free (job->backup_path);
  g_clear_pointer (&job->saved, dt_backup_free);
  g_free (job);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;

  /* The closed windows' connections go as their last references do, on the main loop. */
  for (guint i = 0; i < RELEASE_TRIES; i++)
    {
      g_clear_error (&error);
      if (dt_backup_restore (job->database_path, job->backup_path, &job->saved, &error))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      if (!g_error_matches (error, DT_ERROR, DT_ERROR_LOCKED))
        break;
      g_usleep (RELEASE_WAIT_US);
    }
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DtRestoreDialog *self = DT_RESTORE_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  self->restoring = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = g_strdup_printf (_("The backup was not restored: %s"),
                                               error->message);

      set_status (self, text, TRUE);
      update (self);
      /* The file as it was, in its window again. */
      if (self->closed_windows)
        {
          window = dt_application_open (DT_APPLICATION (self->application), self->database_path);
          if (DT_IS_WINDOW (window))
            gtk_window_set_transient_for (GTK_WINDOW (self), window);
          self->closed_windows = FALSE;
        }
      gtk_window_present (GTK_WINDOW (self));
      return;
    }

  /* The message about the file that could not be used goes with the damage. */
  {
    g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (self->application));

    for (GList *l = windows; l != NULL; l = l->next)
      if (DT_IS_ERROR_WINDOW (l->data) &&
          dt_error_window_get_database (l->data) != NULL &&
          dt_file_same (dt_error_window_get_database (l->data), self->database_path))
        {
          if (gtk_window_get_transient_for (GTK_WINDOW (self)) == l->data)
            gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
          gtk_window_destroy (l->data);
        }
  }
  window = dt_application_open (DT_APPLICATION (self->application), self->database_path);
  if (DT_IS_WINDOW (window))
    {
      g_autofree char *made = NULL;
      g_autofree char *body = NULL;
      const DtBackup *chosen = NULL;

      for (guint i = 0; self->backups != NULL && i < self->backups->len; i++)
        if (g_strcmp0 (((DtBackup *) g_ptr_array_index (self->backups, i))->path,
                       job->backup_path) == 0)
          chosen = g_ptr_array_index (self->backups, i);
      made = chosen != NULL ? format_made (chosen->made) : g_strdup (job->backup_path);
      if (job->saved != NULL)
        body = g_strdup_printf (_("The records are now those of the backup of %s. What the file "
                                  "held before is kept in “%s”."), made, job->saved->path);
      else
        body = g_strdup_printf (_("The records are now those of the backup of %s."), made);
      dt_show_message (GTK_WIDGET (window), _("Backup restored"), body);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_restore (DtRestoreDialog *self,
               DtBackup        *backup)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GList) windows = NULL;
  Job *job;

  self->restoring = TRUE;
  set_status (self, _("Restoring… The window of this file is closed meanwhile; it opens "
                      "again when the backup is in place."), FALSE);
  update (self);

  /* Each window on the file closes as when she closes it: what its forms hold is kept. The
   * dialog stays, on its own. */
  windows = g_list_copy (gtk_application_get_windows (self->application));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      DtDatabase *database;

      if (!DT_IS_WINDOW (l->data))
        continue;
      database = dt_window_get_database (l->data);
      if (!dt_file_same (dt_database_get_path (database), self->database_path))
        continue;
      if (gtk_window_get_transient_for (GTK_WINDOW (self)) == l->data)
        gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
      gtk_window_close (l->data);
      self->closed_windows = TRUE;
    }

  job = g_new0 (Job, 1);
  job->database_path = g_strdup (self->database_path);
  job->backup_path = g_strdup (backup->path);
  task = g_task_new (self, NULL, restored_cb, NULL);
  g_task_set_source_tag (task, start_restore);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, restore_thread);
}

static void
confirm_cb (int      response,
            gpointer user_data)
{
  g_autoptr(DtRestoreDialog) self = user_data;
  DtBackup *backup = row_backup (gtk_list_box_get_selected_row (self->list_box));

  if (response == GTK_RESPONSE_ACCEPT && backup != NULL && !self->restoring)
    start_restore (self, backup);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DtRestoreDialog *self = DT_RESTORE_DIALOG (widget);
  DtBackup *backup = row_backup (gtk_list_box_get_selected_row (self->list_box));
  g_autofree char *made = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWindow *question;

  if (backup == NULL || !backup->readable || self->restoring || self->loading)
    return;
  made = format_made (backup->made);
  contents = format_contents (backup);
  name = g_path_get_basename (self->database_path);
  body = g_strdup_printf (_("Everything in “%s” will be replaced by the backup of %s (%s). What "
                            "the file holds now is saved in the backup folder first, so this "
                            "can be undone by restoring that copy."), name, made, contents);
  question = dt_ask (GTK_WIDGET (self), _("Restore this backup?"), body, _("_Cancel"), NULL,
                     _("_Restore"), TRUE, confirm_cb, g_object_ref (self));
  gtk_widget_set_name (GTK_WIDGET (question), "restore-question");
}

/* GObject */

static void
dt_restore_dialog_dispose (GObject *object)
{
  DtRestoreDialog *self = (DtRestoreDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_RESTORE_DIALOG);

  G_OBJECT_CLASS (dt_restore_dialog_parent_class)->dispose (object);
}

static void
dt_restore_dialog_finalize (GObject *object)
{
  DtRestoreDialog *self = (DtRestoreDialog *) object;

  g_clear_object (&self->application);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_free (self->database_path);
  g_free (self->status);

  G_OBJECT_CLASS (dt_restore_dialog_parent_class)->finalize (object);
}

static void
dt_restore_dialog_class_init (DtRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_restore_dialog_dispose;
  object_class->finalize = dt_restore_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/doithoai/DoiThoai/dt-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtRestoreDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, DtRestoreDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, DtRestoreDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, DtRestoreDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DtRestoreDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);

  gtk_widget_class_install_action (widget_class, "restore.restore", NULL, restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dt_restore_dialog_init (DtRestoreDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->backups = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_backup_free);
  dt_accessible_name_controls (GTK_WIDGET (self));
}

static gboolean
close_request_cb (DtRestoreDialog *self)
{
  /* Not while the file is being replaced: its window comes back at the end. */
  return self->restoring;
}

DtRestoreDialog *
dt_restore_dialog_new (GtkApplication *application,
                       GtkWindow      *parent,
                       const char     *database_path)
{
  DtRestoreDialog *self;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  self = g_object_new (DT_TYPE_RESTORE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->application = g_object_ref (application);
  self->database_path = g_strdup (database_path);
  gtk_window_set_application (GTK_WINDOW (self), application);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

  folder = dt_backup_folder (database_path);
  name = g_path_get_basename (database_path);
  intro = g_strdup_printf (_("The copies of “%s” kept in “%s”. Choose one to put in place of "
                             "the file: what the file holds now is saved there first."),
                           name, folder);
  gtk_label_set_label (self->intro_label, intro);
  load (self);
  return self;
}

DtRestoreDialog *
dt_restore_dialog_show (GtkApplication *application,
                        GtkWindow      *parent,
                        const char     *database_path)
{
  DtRestoreDialog *self = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (DT_IS_RESTORE_DIALOG (l->data) &&
        dt_file_same (DT_RESTORE_DIALOG (l->data)->database_path, database_path))
      self = l->data;
  if (self == NULL)
    self = dt_restore_dialog_new (application, parent, database_path);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

const char *
dt_restore_dialog_get_database (DtRestoreDialog *self)
{
  g_return_val_if_fail (DT_IS_RESTORE_DIALOG (self), NULL);

  return self->database_path;
}

gboolean
dt_restore_dialog_get_busy (DtRestoreDialog *self)
{
  g_return_val_if_fail (DT_IS_RESTORE_DIALOG (self), FALSE);

  return self->loading || self->restoring;
}

GPtrArray *
dt_restore_dialog_get_backups (DtRestoreDialog *self)
{
  g_return_val_if_fail (DT_IS_RESTORE_DIALOG (self), NULL);

  return self->backups;
}

const DtBackup *
dt_restore_dialog_get_selected (DtRestoreDialog *self)
{
  g_return_val_if_fail (DT_IS_RESTORE_DIALOG (self), NULL);

  return row_backup (gtk_list_box_get_selected_row (self->list_box));
}

gboolean
dt_restore_dialog_select (DtRestoreDialog *self,
                          const char      *path)
{
  g_return_val_if_fail (DT_IS_RESTORE_DIALOG (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      DtBackup *backup = GTK_IS_LIST_BOX_ROW (row) ? row_backup (GTK_LIST_BOX_ROW (row)) : NULL;

      if (backup != NULL && g_strcmp0 (backup->path, path) == 0)
        {
          gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
          return TRUE;
        }
    }
  return FALSE;
}

const char *
dt_restore_dialog_get_status (DtRestoreDialog *self)
{
  g_return_val_if_fail (DT_IS_RESTORE_DIALOG (self), NULL);

  return self->status;
}
