/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's side of "nothing lost": restore from a backup (from the menu and from the
 * message about a damaged database), the day's backup at start and its failure, a read-only
 * file, a file another program holds, and one window per file. Screenshots restore-*.png,
 * start-backup-failed*.png and read-only*.png, in English and in Vietnamese. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#ifdef G_OS_UNIX
# include <unistd.h>
#endif

#include "dt-database-private.h"
#include "dt-test-util.h"
#include "gui-test.h"

#include "dt-backup.h"
#include "dt-banner.h"
#include "dt-error-window.h"
#include "dt-instance.h"
#include "dt-records.h"
#include "dt-restore-dialog.h"
#include "dt-util.h"
#include "dt-window-private.h"
#include "dt-window-safety.h"

/* Helpers */


static char *
new_folder (const char *name)
{
  char *folder = gui_temp_path (name);

  gui_remove_tree (folder);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  return folder;
}

static void
add_petition (DtDatabase *db,
              const char *code)
{
  dt_test_add_petition (db, code, "2026-11-20", "Đặng Thị Hương", NULL, NULL,
                        "Đề nghị sửa cầu Khe Gỗ");
}

/* A database at FOLDER/doithoai.sqlite with N petitions, closed. */
static char *
make_database (const char *folder,
               guint       n)
{
  char *path = g_build_filename (folder, "doithoai.sqlite", NULL);
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *code = g_strdup_printf ("2026-%04u", i);
      add_petition (db, code);
    }
  return path;
}

static gint64
count_petitions (const char *path)
{
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n;

  db = dt_database_open (path, DT_DATABASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  n = dt_database_count (db, "petitions", &error);
  g_assert_no_error (error);
  return n;
}

static DtWindow *
find_database_window (const char *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (gui_application ()));
       l != NULL; l = l->next)
    if (DT_IS_WINDOW (l->data) &&
        dt_file_same (dt_database_get_path (dt_window_get_database (l->data)), path))
      return l->data;
  return NULL;
}

static guint
count_database_windows (const char *path)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (gui_application ()));
       l != NULL; l = l->next)
    if (DT_IS_WINDOW (l->data) &&
        dt_file_same (dt_database_get_path (dt_window_get_database (l->data)), path))
      n++;
  return n;
}

static GtkWindow *
find_named_toplevel (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (window)) &&
          (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), name) == 0 ||
           gui_find_optional (GTK_WIDGET (window), name) != NULL))
        return window;
    }
  return NULL;
}

/* Closes every window the application has, and waits for them to go. */
static void
close_all (void)
{
  g_autoptr(GList) windows = NULL;

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (gui_application ())));
  for (GList *l = windows; l != NULL; l = l->next)
    gui_destroy (l->data);
  gui_wait_until (gtk_application_get_windows (GTK_APPLICATION (gui_application ())) == NULL);
}

static DtRestoreDialog *
wait_for_dialog (void)
{
  DtRestoreDialog *dialog = NULL;

  gui_wait_until ((dialog = (DtRestoreDialog *) gui_find_toplevel (DT_TYPE_RESTORE_DIALOG, NULL)) != NULL);
  gui_wait_until (!dt_restore_dialog_get_busy (dialog));
  return dialog;
}

static const DtBackup *
find_kind (DtRestoreDialog *dialog,
           DtBackupKind     kind)
{
  GPtrArray *backups = dt_restore_dialog_get_backups (dialog);

  for (guint i = 0; i < backups->len; i++)
    if (((DtBackup *) g_ptr_array_index (backups, i))->kind == kind)
      return g_ptr_array_index (backups, i);
  return NULL;
}

/* Says yes to "Restore this backup?", with the keyboard's choice of the button. */
static void
confirm_restore (DtRestoreDialog *dialog)
{
  GtkWindow *question;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "restore.restore", NULL));
  gui_wait_until ((question = find_named_toplevel ("restore-question")) != NULL);
  g_assert_nonnull (strstr (gui_label (GTK_WIDGET (question), "question-body"),
                            "doithoai.sqlite"));
  gtk_widget_activate (gui_find (GTK_WIDGET (question), "question-accept"));
}

/* Restore from the window's menu */

static void
test_restore_from_window (void)
{
  g_autofree char *folder = new_folder ("restore-window");
  g_autofree char *path = make_database (folder, 1);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *manual_path = NULL;
  DtRestoreDialog *dialog;
  const DtBackup *manual;
  const DtBackup *daily;
  GtkWindow *window;
  GtkWindow *message;

  if (gui_skip_without_display ())
    return;

  /* A copy by hand with one petition, then a second petition. */
  {
    g_autoptr(DtDatabase) db = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
    g_autoptr(DtBackup) made = dt_backup_make (db, DT_BACKUP_MANUAL, &error);

    g_assert_no_error (error);
    manual_path = g_strdup (made->path);
    add_petition (db, "2026-0002");
  }
  /* Copies are named to the second. */
  g_usleep (G_USEC_PER_SEC + 100000);

  window = dt_application_open (gui_application (), path);
  g_assert_true (DT_IS_WINDOW (window));
  /* The day's copy (two petitions) is made meanwhile, by a worker. */
  gui_wait_until (!dt_window_get_backing_up (DT_WINDOW (window)));
  g_assert_null (dt_window_get_banner (DT_WINDOW (window), "backup-banner"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  dialog = wait_for_dialog ();
  g_assert_cmpuint (dt_restore_dialog_get_backups (dialog)->len, ==, 2);
  daily = find_kind (dialog, DT_BACKUP_DAILY);
  manual = find_kind (dialog, DT_BACKUP_MANUAL);
  g_assert_nonnull (daily);
  g_assert_nonnull (manual);
  g_assert_cmpint (daily->petitions, ==, 2);
  g_assert_cmpint (manual->petitions, ==, 1);
  /* The newest good copy is the one chosen. */
  g_assert_true (dt_restore_dialog_get_selected (dialog) == daily);
  g_assert_true (dt_restore_dialog_select (dialog, manual_path));
  g_assert_true (dt_restore_dialog_get_selected (dialog) == manual);
  gui_screenshot (GTK_WIDGET (dialog), "restore-dialog");

  confirm_restore (dialog);
  /* The window closes, the copy is put in place, and the window opens again on it. */
  gui_wait_until (gui_find_toplevel (DT_TYPE_RESTORE_DIALOG, NULL) == NULL);
  gui_wait_until (find_database_window (path) != NULL);
  g_assert_cmpuint (count_database_windows (path), ==, 1);
  window = GTK_WINDOW (find_database_window (path));
  gui_wait_until ((message = find_named_toplevel ("question-close")) != NULL);
  g_assert_nonnull (strstr (gui_label (GTK_WIDGET (message), "question-body"),
                            "truoc-khoi-phuc"));
  gui_screenshot (GTK_WIDGET (message), "restore-done");

  /* What the database holds after: the copy's one petition. */
  g_assert_cmpint (dt_database_count (dt_window_get_database (DT_WINDOW (window)), "petitions",
                                      &error), ==, 1);
  g_assert_no_error (error);
  /* What it held before, saved first: both. */
  after = dt_backup_list (path, &error);
  g_assert_no_error (error);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < after->len; i++)
      {
        DtBackup *backup = g_ptr_array_index (after, i);

        if (backup->kind == DT_BACKUP_RESTORE)
          {
            g_assert_cmpint (backup->petitions, ==, 2);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
  close_all ();
}

/* A restore that fails changes nothing and says why */

static void
test_restore_fails (void)
{
  g_autofree char *folder = new_folder ("restore-fails");
  g_autofree char *path = make_database (folder, 2);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *backups = NULL;
  g_autoptr(GError) error = NULL;
  DtRestoreDialog *dialog;
  const DtBackup *manual;
  GtkWindow *window;

  if (gui_skip_without_display ())
    return;

  {
    g_autoptr(DtDatabase) db = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
    g_autoptr(DtBackup) made = dt_backup_make (db, DT_BACKUP_MANUAL, &error);

    g_assert_no_error (error);
    g_assert_true (made->readable);
  }
  /* A newer file in the folder that is no database: listed with what is wrong with it. */
  backups = dt_backup_folder (path);
  damaged = g_build_filename (backups, "doithoai-2026-11-26-235900-hang-ngay.sqlite", NULL);
  g_assert_true (g_file_set_contents (damaged, "these bytes are no database", -1, NULL));

  window = dt_application_open (gui_application (), path);
  g_assert_true (DT_IS_WINDOW (window));
  gui_wait_until (!dt_window_get_backing_up (DT_WINDOW (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL);
  dialog = wait_for_dialog ();
  manual = find_kind (dialog, DT_BACKUP_MANUAL);
  g_assert_nonnull (manual);

  /* The damaged copy cannot be chosen for a restore; the dialog says why. */
  g_assert_true (dt_restore_dialog_select (dialog, damaged));
  g_assert_nonnull (dt_restore_dialog_get_status (dialog));
  g_assert_false (gtk_widget_get_sensitive (gui_find (GTK_WIDGET (dialog), "restore-restore")));
  gui_screenshot (GTK_WIDGET (dialog), "restore-damaged-copy");

  /* The copy chosen goes away before the restore: a clear message, and nothing changed. */
  g_assert_true (dt_restore_dialog_select (dialog, manual->path));
  g_assert_true (gtk_widget_get_sensitive (gui_find (GTK_WIDGET (dialog), "restore-restore")));
  before = dt_test_file_checksum (path);
  g_assert_cmpint (g_remove (manual->path), ==, 0);
  confirm_restore (dialog);
  gui_wait_until (dt_restore_dialog_get_status (dialog) != NULL &&
                     !dt_restore_dialog_get_busy (dialog) &&
                     find_database_window (path) != NULL);
  {
    g_autofree char *start = g_strndup (_("The backup was not restored: %s"),
                                        strlen (_("The backup was not restored: %s")) - 2);

    g_assert_true (g_str_has_prefix (dt_restore_dialog_get_status (dialog), start));
    /* Which copy, and what is wrong with it. */
    g_assert_nonnull (strstr (dt_restore_dialog_get_status (dialog), "doithoai-2026-"));
  }
  /* The window is open on the file again, which holds what it held. */
  gui_wait_until (find_database_window (path) != NULL);
  gui_screenshot (GTK_WIDGET (dialog), "restore-failed");
  g_assert_cmpint (count_petitions (path), ==, 2);
  close_all ();
  after = dt_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* Restore from the message about a damaged database */

static void
test_restore_from_error_window (void)
{
  g_autofree char *folder = new_folder ("restore-damaged");
  g_autofree char *path = make_database (folder, 3);
  g_autoptr(GError) error = NULL;
  DtRestoreDialog *dialog;
  GtkWindow *window;
  GtkWidget *button;

  if (gui_skip_without_display ())
    return;

  {
    g_autoptr(DtDatabase) db = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
    g_autoptr(DtBackup) made = dt_backup_make (db, DT_BACKUP_MANUAL, &error);

    g_assert_no_error (error);
    g_assert_true (made->readable);
  }
  g_assert_true (g_file_set_contents (path, "the disk lost this file's pages", -1, NULL));

  window = dt_application_open (gui_application (), path);
  g_assert_true (DT_IS_ERROR_WINDOW (window));
  button = gui_find (GTK_WIDGET (window), "error-restore");
  g_assert_true (gtk_widget_get_visible (button));
  gtk_widget_activate (button);
  dialog = wait_for_dialog ();
  g_assert_nonnull (dt_restore_dialog_get_selected (dialog));
  g_assert_cmpint (dt_restore_dialog_get_selected (dialog)->petitions, ==, 3);
  gui_screenshot (GTK_WIDGET (dialog), "restore-from-error");

  /* From the keyboard: the chosen copy has the focus, and Enter on it asks to restore it. */
  {
    GtkWidget *focus = gui_focus (GTK_WIDGET (dialog));
    GtkWindow *question;

    g_assert_true (GTK_IS_LIST_BOX_ROW (focus));
    g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (focus)));
    gui_enter (GTK_WIDGET (dialog));
    gui_wait_until ((question = find_named_toplevel ("restore-question")) != NULL);
    /* Enter there is Cancel: a restore is never the answer by default. */
    gui_enter (GTK_WIDGET (question));
    gui_wait_until (find_named_toplevel ("restore-question") == NULL);
    g_assert_nonnull (gui_find_toplevel (DT_TYPE_ERROR_WINDOW, NULL));
  }

  confirm_restore (dialog);
  gui_wait_until (find_database_window (path) != NULL);
  /* The message went with the damage. */
  gui_wait_until (gui_find_toplevel (DT_TYPE_ERROR_WINDOW, NULL) == NULL);
  g_assert_cmpint (count_petitions (path), ==, 3);
  close_all ();
}

/* The day's backup at start */

static void
test_start_backup (void)
{
  g_autofree char *folder = new_folder ("start-backup");
  g_autofree char *path = make_database (folder, 2);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (gui_skip_without_display ())
    return;

  window = dt_application_open (gui_application (), path);
  g_assert_true (DT_IS_WINDOW (window));
  /* Started, not waited for: the window is there while the copy is being made. */
  g_assert_true (dt_window_get_backing_up (DT_WINDOW (window)));
  gui_wait_until (!dt_window_get_backing_up (DT_WINDOW (window)));

  backups = dt_backup_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpint (((DtBackup *) g_ptr_array_index (backups, 0))->kind, ==, DT_BACKUP_DAILY);
  g_assert_cmpint (((DtBackup *) g_ptr_array_index (backups, 0))->petitions, ==, 2);
  g_assert_null (dt_window_get_banner (DT_WINDOW (window), "backup-banner"));
  close_all ();
}

static void
test_start_backup_fails (void)
{
  g_autofree char *folder = new_folder ("start-backup-fails");
  g_autofree char *path = make_database (folder, 2);
  g_autofree char *backups = dt_backup_folder (path);
  GtkWidget *banner;
  GtkWindow *window;

  if (gui_skip_without_display ())
    return;

  /* Where the backup folder should be, a file: no folder can be made there (even by root). */
  g_assert_true (g_file_set_contents (backups, "not a folder", -1, NULL));

  window = dt_application_open (gui_application (), path);
  g_assert_true (DT_IS_WINDOW (window));
  gui_wait_until (!dt_window_get_backing_up (DT_WINDOW (window)));
  banner = dt_window_get_banner (DT_WINDOW (window), "backup-banner");
  g_assert_nonnull (banner);
  /* It names the folder and says why. */
  g_assert_nonnull (strstr (dt_banner_get_text (banner), backups));
  g_assert_nonnull (strstr (dt_banner_get_text (banner), "Sao lưu"));
  /* The window is usable meanwhile: nothing waits for an answer. */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window)));
  gtk_window_set_default_size (window, 1100, 640);
  gui_screenshot (GTK_WIDGET (window), "start-backup-failed");
  close_all ();
}

/* A read-only file */

/* Whether ACTION is on for WIDGET, as a button in it that asks for it would show. */
static gboolean
action_enabled (GtkWidget  *widget,
                const char *action)
{
  GtkWidget *button = gtk_button_new_with_label ("?");
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_parent (button, widget);
  gui_wait (20);
  enabled = gtk_widget_get_sensitive (button);
  gtk_widget_unparent (button);
  return enabled;
}

static void
test_read_only (void)
{
  g_autofree char *folder = new_folder ("read-only");
  g_autofree char *path = make_database (folder, 2);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const char * const writes[] = {
    "win.restore-backup", "win.settings", "win.first-run",
    "intake.new", "intake.save", "intake.delete", "intake.undo",
    "followup.assign", "followup.resolve", "followup.event",
    "plans.new", "sessions.new",
  };
  GtkWidget *banner;
  DtWindow *window;

  if (gui_skip_without_display ())
    return;

  before = dt_test_file_checksum (path);
  /* As a file or folder that cannot be written opens (which root, who runs the tests here,
   * would write all the same). */
  db = dt_database_open (path, DT_DATABASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (dt_database_is_read_only (db));
  window = dt_window_new (gui_application (), db);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 640);
  gtk_window_present (GTK_WINDOW (window));
  gui_wait_for_paint (GTK_WIDGET (window));

  banner = dt_window_get_banner (window, "read-only-banner");
  g_assert_nonnull (banner);
  g_assert_cmpstr (dt_banner_get_text (banner), ==,
                   _("This file is read-only: you can look, search, print and export; changes "
                     "are turned off."));
  /* No day's copy is made of it either. */
  g_assert_false (dt_window_get_backing_up (window));
  gui_screenshot (GTK_WIDGET (window), "read-only");

  /* Every action that writes is off, wherever it lives. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  gui_wait_for_paint (GTK_WIDGET (window));
  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      const char *page = g_str_has_prefix (writes[i], "intake.") ? "intake"
                         : g_str_has_prefix (writes[i], "followup.") ? "followup"
                         : g_str_has_prefix (writes[i], "plans.") ? "plans"
                         : g_str_has_prefix (writes[i], "sessions.") ? "sessions" : NULL;
      GtkWidget *target = page != NULL ? _dt_window_get_page (window, page) : banner;

      if (action_enabled (target, writes[i]))
        g_error ("%s could be used on a read-only file", writes[i]);
    }
  /* Those that do not write are on. */
  g_assert_true (action_enabled (_dt_window_get_page (window, "intake"), "intake.search"));
  g_assert_true (action_enabled (banner, "win.reports"));
  g_assert_true (action_enabled (banner, "win.backup"));
  /* Activated all the same (a shortcut would): nothing happens. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.settings", NULL);
  gtk_widget_activate_action (_dt_window_get_page (window, "intake"), "intake.new", NULL);
  gui_wait (100);
  g_assert_null (gui_find_toplevel (DT_TYPE_RESTORE_DIALOG, NULL));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (gui_application ()))), ==, 1);
  /* What is shown can still be looked at and searched. */
  g_assert_true (gtk_widget_activate_action (_dt_window_get_page (window, "intake"),
                                             "intake.search", NULL));
  gui_screenshot (GTK_WIDGET (window), "read-only-intake");
  gui_destroy (GTK_WINDOW (window));
  close_all ();
  g_clear_object (&db);

  /* Nothing wrote. */
  after = dt_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* A file another program holds */

static void
test_locked_at_start (void)
{
  g_autofree char *folder = new_folder ("locked");
  g_autofree char *path = make_database (folder, 1);
  g_autoptr(DtDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  gint64 started;

  if (gui_skip_without_display ())
    return;

  /* Another program has the file to itself (an exclusive lock, as a restore or a vacuum
   * takes it): no one can even read it meanwhile. */
  other = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (_dt_database_exec (other, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; "
                                           "DELETE FROM drafts; COMMIT;", &error));
  g_assert_no_error (error);

  started = g_get_monotonic_time ();
  window = dt_application_open (gui_application (), path);
  g_test_message ("The message about a locked file came after %.2f s",
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  g_assert_true (DT_IS_ERROR_WINDOW (window));
  g_assert_cmpstr (dt_error_window_get_heading (DT_ERROR_WINDOW (window)), ==,
                   _("The database is in use"));
  /* Which file, and what to do. */
  g_assert_nonnull (strstr (dt_error_window_get_message (DT_ERROR_WINDOW (window)), path));
  /* A restore would be the wrong remedy: not offered. Another file is. */
  g_assert_false (gtk_widget_get_visible (gui_find (GTK_WIDGET (window), "error-restore")));
  g_assert_true (gtk_widget_get_visible (gui_find (GTK_WIDGET (window),
                                                     "error-open-another")));
  gui_screenshot (GTK_WIDGET (window), "locked-at-start");
  close_all ();

  /* Once the other program lets go, the file opens. */
  g_clear_object (&other);
  window = dt_application_open (gui_application (), path);
  g_assert_true (DT_IS_WINDOW (window));
  gui_wait_until (!dt_window_get_backing_up (DT_WINDOW (window)));
  close_all ();
}

/* One window per file */

static void
test_single_instance_in_process (void)
{
  g_autofree char *folder = new_folder ("single");
  g_autofree char *path = make_database (folder, 1);
  g_autofree char *other_folder = new_folder ("single-other");
  g_autofree char *other = make_database (other_folder, 1);
  g_autofree char *link = g_build_filename (folder, "lối tắt.sqlite", NULL);
  g_autofree char *spelt = g_build_filename (folder, "..", "single", "doithoai.sqlite", NULL);
  GtkWindow *window;

  if (gui_skip_without_display ())
    return;

  window = dt_application_open (gui_application (), path);
  g_assert_true (DT_IS_WINDOW (window));
  /* The same file again, however it is named: the same window, brought forward. */
  g_assert_true (dt_application_open (gui_application (), spelt) == window);
#ifdef G_OS_UNIX
  g_assert_cmpint (symlink (path, link), ==, 0);
  g_assert_true (dt_application_open (gui_application (), link) == window);
#endif
  g_assert_cmpuint (count_database_windows (path), ==, 1);
  /* Another file beside it. */
  g_assert_true (DT_IS_WINDOW (dt_application_open (gui_application (), other)));
  g_assert_cmpuint (count_database_windows (path), ==, 1);
  g_assert_cmpuint (count_database_windows (other), ==, 1);
  /* A file made as it opens (the usual database, the first time) holds the lock of the file
   * it now is, which a second start finds. */
  {
    g_autofree char *fresh = g_build_filename (other_folder, "mới.sqlite", NULL);
    g_autofree char *fresh_lock = NULL;
    DtInstanceLock *lock;

    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
    window = dt_application_open (gui_application (), fresh);
    g_assert_true (DT_IS_WINDOW (window));
    lock = g_object_get_data (G_OBJECT (window), "dt-instance-lock");
    g_assert_nonnull (lock);
    g_assert_true (dt_instance_lock_is_for (lock, fresh));
    fresh_lock = dt_instance_lock_path (fresh);
    g_assert_true (g_file_test (fresh_lock, G_FILE_TEST_EXISTS));
  }
  close_all ();
  /* Closed, its lock is let go. */
  {
    g_autofree char *lock = dt_instance_lock_path (path);
    g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  }
}

typedef struct
{
  gboolean  done;
  char     *out;
  int       status;
} Child;

static void
child_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Child *child = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &child->out, NULL, &error);
  g_assert_no_error (error);
  child->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  child->done = TRUE;
}

/* doithoai --database=PATH in a process of its own, with the test's session bus or with none. */
static GSubprocess *
start_doithoai (const char *path,
                gboolean    bus)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *argument = g_strconcat ("--database=", path, NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  if (!bus)
    /* A bus that is not there: GApplication cannot hand the command line over. */
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                  "unix:path=/nonexistent/doithoai-test-bus", TRUE);
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, DT_TEST_DOITHOAI, argument, NULL);
  g_assert_no_error (error);
  return process;
}

static void
second_start (gconstpointer data)
{
  gboolean bus = GPOINTER_TO_INT (data);
  g_autofree char *folder = new_folder (bus ? "second-bus" : "second-no-bus");
  g_autofree char *path = make_database (folder, 1);
  g_autofree char *spelt = g_build_filename (folder, ".", "doithoai.sqlite", NULL);
  g_autofree char *other = g_build_filename (folder, "khác.sqlite", NULL);
  g_autofree char *other_lock = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSubprocess) beside = NULL;
  Child child = { 0 };
  DtInstanceLock *lock;
  GtkWindow *window;

  if (gui_skip_without_display ())
    return;
  if (bus && !gui_have_bus ())
    {
      g_test_skip ("No dbus-daemon to run a session bus with");
      return;
    }

  window = dt_application_open (gui_application (), path);
  g_assert_true (DT_IS_WINDOW (window));
  lock = g_object_get_data (G_OBJECT (window), "dt-instance-lock");
  g_assert_nonnull (lock);
  g_assert_cmpuint (dt_instance_lock_get_raised (lock), ==, 0);

  /* A second start on the same file brings this window forward and opens nothing. */
  process = start_doithoai (spelt, bus);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, child_done_cb, &child);
  gui_wait_until (child.done);
  g_assert_cmpint (child.status, ==, 0);
  g_assert_nonnull (strstr (child.out, "doithoai.sqlite"));
  g_assert_cmpuint (dt_instance_lock_get_raised (lock), ==, 1);
  g_assert_cmpuint (count_database_windows (path), ==, 1);
  g_free (child.out);

  /* Another file opens beside it, in a window of its own. */
  {
    g_autoptr(DtDatabase) db = dt_database_open (other, DT_DATABASE_OPEN_CREATE, NULL);
    g_assert_nonnull (db);
  }
  other_lock = dt_instance_lock_path (other);
  beside = start_doithoai (other, bus);
  gui_wait_until (g_file_test (other_lock, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (dt_instance_lock_get_raised (lock), ==, 1);
  g_subprocess_force_exit (beside);
  g_subprocess_wait (beside, NULL, NULL);
  close_all ();
}

static void
test_stale_lock (void)
{
  g_autofree char *folder = new_folder ("stale");
  g_autofree char *path = make_database (folder, 1);
  g_autofree char *lock_path = dt_instance_lock_path (path);
  g_autofree char *folder_of_lock = g_path_get_dirname (lock_path);
  g_autofree char *stale = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  guint16 port;

  if (gui_skip_without_display ())
    return;

  /* A lock left by a DoiThoai that was killed: its port, free now, answers no one. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  stale = g_strdup_printf ("[DoiThoai]\ndatabase=%s\nport=%u\ntoken=0123456789\n", path, port);
  g_assert_cmpint (g_mkdir_with_parents (folder_of_lock, 0700), ==, 0);
  g_assert_true (g_file_set_contents (lock_path, stale, -1, NULL));

  window = dt_application_open (gui_application (), path);
  g_assert_true (DT_IS_WINDOW (window));
  g_assert_true (g_file_get_contents (lock_path, &now, NULL, NULL));
  g_assert_cmpstr (now, !=, stale);
  close_all ();

  /* A lock file that is no lock at all (damaged) is taken over too. */
  g_assert_true (g_file_set_contents (lock_path, "\x01garbage", -1, NULL));
  window = dt_application_open (gui_application (), path);
  g_assert_true (DT_IS_WINDOW (window));
  close_all ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *runtime = g_dir_make_tmp ("doithoai-runtime-XXXXXX", NULL);
  int status;

  /* The windows' locks in a folder of the test's own, shared with the programs it starts. */
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_setenv ("DOITHOAI_TODAY", "2026-11-26", FALSE);
  gui_test_init (&argc, &argv, "gui", GUI_TEST_BUS_OWN);

  g_test_add_func ("/gui/safety/restore-from-window", test_restore_from_window);
  g_test_add_func ("/gui/safety/restore-fails", test_restore_fails);
  g_test_add_func ("/gui/safety/restore-from-error-window", test_restore_from_error_window);
  g_test_add_func ("/gui/safety/start-backup", test_start_backup);
  g_test_add_func ("/gui/safety/start-backup-fails", test_start_backup_fails);
  g_test_add_func ("/gui/safety/read-only", test_read_only);
  g_test_add_func ("/gui/safety/locked-at-start", test_locked_at_start);
  g_test_add_func ("/gui/safety/single-instance/in-process", test_single_instance_in_process);
  g_test_add_data_func ("/gui/safety/single-instance/second-start-no-bus", GINT_TO_POINTER (FALSE),
                        second_start);
  g_test_add_data_func ("/gui/safety/single-instance/second-start-with-bus", GINT_TO_POINTER (TRUE),
                        second_start);
  g_test_add_func ("/gui/safety/single-instance/stale-lock", test_stale_lock);

  status = gui_test_finish (g_test_run ());
  gui_remove_tree (runtime);
  return status;
}
