/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-backup.h"
#include "dt-banner.h"
#include "dt-window-private.h"
#include "dt-window-safety.h"

#define BANNERS_KEY   "dt-safety-banners"
#define BACKUP_KEY    "dt-safety-backup"

/* The window's actions that write, turned off for a read-only file (the pages turn off their
 * own, see dt_context_get_read_only ()). */
static const char * const window_write_actions[] = {
  "win.restore-backup", "win.settings", "win.first-run",
};

GtkWidget *
dt_window_get_banner (DtWindow   *self,
                      const char *name)
{
  GtkWidget *banners;

  g_return_val_if_fail (DT_IS_WINDOW (self), NULL);

  if (!(banners = g_object_get_data (G_OBJECT (self), BANNERS_KEY)))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (banners);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_name (child), name) == 0 && gtk_widget_get_visible (child))
      return child;
  return NULL;
}

static void
show_banner (DtWindow     *self,
             const char   *name,
             DtBannerKind  kind,
             const char   *text,
             gboolean      closable)
{
  GtkBox *banners = g_object_get_data (G_OBJECT (self), BANNERS_KEY);

  if (banners != NULL)
    gtk_box_append (banners, dt_banner_new (name, kind, text, closable));
}

/* The day's backup */

typedef struct
{
  GWeakRef      window;
  GCancellable *cancellable;
  gboolean      running;
  gulong        map_id;
  guint         idle_id;
} Backup;

static void
backup_free (Backup *backup)
{
  g_clear_handle_id (&backup->idle_id, g_source_remove);
  g_cancellable_cancel (backup->cancellable);
  g_clear_object (&backup->cancellable);
  g_weak_ref_clear (&backup->window);
  g_free (backup);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(DtBackup) made = NULL;
  g_autoptr(GError) error = NULL;

  /* A connection of this thread's own (one per thread, dt-database.h). */
  if (!(database = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error)) ||
      !dt_backup_at_start (database, &made, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&made), (GDestroyNotify) dt_backup_free);
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DtWindow) self = user_data;
  g_autoptr(DtBackup) made = NULL;
  g_autoptr(GError) error = NULL;
  Backup *backup = g_object_get_data (G_OBJECT (self), BACKUP_KEY);

  made = g_task_propagate_pointer (G_TASK (result), &error);
  if (backup != NULL)
    backup->running = FALSE;
  if (g_task_had_error (G_TASK (result)) && backup != NULL &&
      !g_cancellable_is_cancelled (backup->cancellable) && error != NULL)
    {
      const char *path = dt_database_get_path (dt_window_get_database (self));
      g_autofree char *folder = dt_backup_folder (path);
      g_autofree char *text = NULL;

      g_autofree char *reason = g_str_has_suffix (error->message, ".")
                                ? g_strdup (error->message)
                                : g_strconcat (error->message, ".", NULL);

      /* The folder is named once: most reasons name it already. */
      if (strstr (reason, folder) != NULL)
        text = g_strdup_printf (_("Today’s backup was not made. %s The records themselves are "
                                  "safe; make a copy with Back Up Now once this is mended."),
                                reason);
      else
        text = g_strdup_printf (_("Today’s backup was not made in “%s”. %s The records "
                                  "themselves are safe; make a copy with Back Up Now once this "
                                  "is mended."), folder, reason);
      g_debug ("%s", text);
      show_banner (self, "backup-banner", DT_BANNER_WARNING, text, TRUE);
    }
  else if (made != NULL)
    g_debug ("The day's backup: %s", made->path);
}

static gboolean
backup_idle_cb (gpointer user_data)
{
  DtWindow *self = user_data;
  DtDatabase *database = dt_window_get_database (self);
  Backup *backup = g_object_get_data (G_OBJECT (self), BACKUP_KEY);
  g_autoptr(GTask) task = NULL;

  backup->idle_id = 0;
  task = g_task_new (NULL, backup->cancellable, backup_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, backup_idle_cb);
  g_task_set_task_data (task, g_strdup (dt_database_get_path (database)), g_free);
  g_task_run_in_thread (task, backup_thread);
  return G_SOURCE_REMOVE;
}

/* Once the window is on the screen: copying the whole file takes a second or two of a
 * processor, which the window's first frame should not wait for. The copy starts after that
 * frame (G_PRIORITY_LOW comes after GTK's layout and painting). */
static void
backup_map_cb (DtWindow *self)
{
  Backup *backup = g_object_get_data (G_OBJECT (self), BACKUP_KEY);

  g_clear_signal_handler (&backup->map_id, self);
  if (backup->idle_id == 0)
    backup->idle_id = g_idle_add_full (G_PRIORITY_LOW, backup_idle_cb, self, NULL);
}

static void
start_backup (DtWindow *self)
{
  Backup *backup;

  backup = g_new0 (Backup, 1);
  backup->cancellable = g_cancellable_new ();
  /* Running from now on, as far as anyone asks: it is on its way. */
  backup->running = TRUE;
  /* Cancelled (its result ignored) when the window goes. */
  g_object_set_data_full (G_OBJECT (self), BACKUP_KEY, backup, (GDestroyNotify) backup_free);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    backup_map_cb (self);
  else
    backup->map_id = g_signal_connect (self, "map", G_CALLBACK (backup_map_cb), NULL);
}

gboolean
dt_window_get_backing_up (DtWindow *self)
{
  Backup *backup;

  g_return_val_if_fail (DT_IS_WINDOW (self), FALSE);

  backup = g_object_get_data (G_OBJECT (self), BACKUP_KEY);
  return backup != NULL && backup->running;
}

void
_dt_window_safety_start (DtWindow *self,
                         GtkBox   *banners)
{
  DtDatabase *database;

  g_return_if_fail (DT_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_BOX (banners));

  database = dt_window_get_database (self);
  g_object_set_data (G_OBJECT (self), BANNERS_KEY, banners);

  if (dt_database_is_read_only (database))
    {
      for (guint i = 0; i < G_N_ELEMENTS (window_write_actions); i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), window_write_actions[i], FALSE);
      show_banner (self, "read-only-banner", DT_BANNER_INFO,
                   _("This file is read-only: you can look, search, print and export; changes "
                     "are turned off."), FALSE);
      return;
    }
  start_backup (self);
}
