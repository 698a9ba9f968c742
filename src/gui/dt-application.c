/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#if defined(GDK_WINDOWING_X11) && HAVE_X11
#include <gdk/x11/gdkx.h>
#endif

#include "dt-application.h"
#include "dt-backup.h"
#include "dt-demo.h"
#include "dt-dialogs.h"
#include "dt-error.h"
#include "dt-error-window.h"
#include "dt-instance.h"
#include "dt-output.h"
#include "dt-restore-dialog.h"
#include "dt-util.h"
#include "dt-window.h"

#define RECENT_MAX 8
#define SAMPLE_PETITIONS 600

struct _DtApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  int             exit_status;
  guint           settings_looked_up : 1;
};

G_DEFINE_FINAL_TYPE (DtApplication, dt_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database FILE instead of the usual one"), N_("FILE") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version of the program and exit"), NULL },
  { NULL }
};

static DtWindow *
find_window (DtApplication *self,
             const char    *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      DtDatabase *database;

      if (!DT_IS_WINDOW (l->data))
        continue;
      database = dt_window_get_database (l->data);
      /* The same file however it is spelt: links, "..", letter case on Windows. */
      if (dt_file_same (dt_database_get_path (database), path))
        return l->data;
    }

  return NULL;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  DtApplication *self = user_data;
  static const char *authors[] = { "The DoiThoai authors", NULL };
  const char *translators = _("translator-credits");
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkAboutDialog *dialog;

  dialog = GTK_ABOUT_DIALOG (gtk_about_dialog_new ());
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));

  gtk_about_dialog_set_program_name (dialog, "DoiThoai");
  gtk_about_dialog_set_logo_icon_name (dialog, APP_ID);
  gtk_about_dialog_set_version (dialog, PACKAGE_VERSION);
  gtk_about_dialog_set_comments (dialog,
                                 _("Plans, notices and minutes of the direct dialogue sessions "
                                   "between the commune’s leaders and the People, and the "
                                   "follow-up of every petition until it is answered."));
  gtk_about_dialog_set_copyright (dialog, "© 2026 The DoiThoai authors");
  gtk_about_dialog_set_license_type (dialog, GTK_LICENSE_GPL_3_0);
  gtk_about_dialog_set_authors (dialog, authors);
  /* Untranslated, the marker itself would be shown as a credit. */
  if (g_strcmp0 (translators, "translator-credits") != 0)
    gtk_about_dialog_set_translator_credits (dialog, translators);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  DtApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Closing, not destroying, lets each window save its size; the application ends with its
   * last window. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
remember (DtApplication *self,
          const char    *path)
{
  GSettings *settings = dt_application_get_settings (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  if (settings == NULL)
    return;
  recent = g_settings_get_strv (settings, "recent-databases");
  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < RECENT_MAX; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-databases", (const char * const *) updated);
}

static void
release_lock_cb (GtkWidget *window)
{
  g_object_set_data (G_OBJECT (window), "dt-instance-lock", NULL);
}

/* The window of DATABASE, holding the file's lock (dt-instance.h): LOCK, taken before the file
 * was opened, or, for a file made since (whose identity is new), one taken now. */
static GtkWindow *
new_window (DtApplication  *self,
            DtDatabase     *database,
            DtInstanceLock *lock)
{
  const char *path = dt_database_get_path (database);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (lock != NULL && !dt_instance_lock_is_for (lock, path))
    g_clear_pointer (&lock, dt_instance_lock_free);
  if (lock == NULL)
    {
      DtInstanceResult taken;

      if (!dt_instance_lock_take (path, &taken, &lock, &error))
        g_debug ("One window per file is not ensured for %s: %s", path, error->message);
      /* A file made a moment ago that another start already holds: there is no better
       * answer than this window too. */
    }

  window = GTK_WINDOW (dt_window_new (self, database));
  if (lock != NULL)
    {
      /* Held as long as the window is open: let go as it closes, not when the last reference
       * to it goes. */
      dt_instance_lock_set_window (lock, window);
      g_object_set_data_full (G_OBJECT (window), "dt-instance-lock", lock,
                              (GDestroyNotify) dt_instance_lock_free);
      g_signal_connect (window, "destroy", G_CALLBACK (release_lock_cb), NULL);
    }
  remember (self, path);
  gtk_window_present (window);
  return window;
}

static GtkWindow *
open_created (DtApplication *self,
              const char    *path)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
  if (database == NULL)
    return dt_application_show_error (self, gtk_application_get_active_window (GTK_APPLICATION (self)),
                                      error);
  return new_window (self, database, NULL);
}

static void
opened_cb (const char *path,
           gpointer    user_data)
{
  g_autoptr(DtApplication) self = user_data;

  if (path != NULL)
    dt_application_open (self, path);
}

static void
open_database_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  DtApplication *self = user_data;

  dt_choose_file (gtk_application_get_active_window (GTK_APPLICATION (self)),
                  _("Open a Database"), _("_Open"), FALSE, NULL, NULL, opened_cb,
                  g_object_ref (self));
}

static void
created_cb (const char *path,
            gpointer    user_data)
{
  g_autoptr(DtApplication) self = user_data;

  if (path == NULL)
    return;
  /* Chosen over a file that exists: that one is opened, never emptied. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    dt_application_open (self, path);
  else
    open_created (self, path);
}

static void
new_database_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  DtApplication *self = user_data;
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "doithoai", NULL);

  g_mkdir_with_parents (folder, 0700);
  dt_choose_file (gtk_application_get_active_window (GTK_APPLICATION (self)),
                  _("New Database"), _("_Create"), TRUE, folder, "doithoai-moi.sqlite",
                  created_cb, g_object_ref (self));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  dt_application_open (DT_APPLICATION (user_data), g_variant_get_string (parameter, NULL));
}

static void
open_sample_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DtApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dt_application_get_sample_path (self);

  /* A file of its own, made once: the sample never mixes with the office's records. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *folder = g_path_get_dirname (path);
      g_autoptr(DtOutput) output = NULL;
      g_autoptr(DtDatabase) database = NULL;

      g_mkdir_with_parents (folder, 0700);
      /* Made under another name and renamed whole: a half-made sample never opens. */
      if ((output = dt_output_new (path, NULL, &error)) != NULL)
        database = dt_database_open (dt_output_get_temporary_path (output),
                                     DT_DATABASE_OPEN_CREATE, &error);
      if (database == NULL || !dt_demo_generate (database, SAMPLE_PETITIONS, 1, &error))
        {
          dt_application_show_error (self,
                                     gtk_application_get_active_window (GTK_APPLICATION (self)),
                                     error);
          return;
        }
      /* Closed first: its write-ahead log goes back into the file. */
      g_clear_object (&database);
      if (!dt_output_commit (output, &error))
        {
          dt_application_show_error (self,
                                     gtk_application_get_active_window (GTK_APPLICATION (self)),
                                     error);
          return;
        }
    }
  dt_application_open (self, path);
}

/* app.restore-backup ("path"): the backups of that file, from the message about a database
 * that cannot be opened. */
static void
restore_backup_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  DtApplication *self = user_data;

  dt_restore_dialog_show (GTK_APPLICATION (self),
                          gtk_application_get_active_window (GTK_APPLICATION (self)),
                          g_variant_get_string (parameter, NULL));
}

static void
language_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  DtApplication *self = user_data;
  GSettings *settings = dt_application_get_settings (self);
  const char *language = g_variant_get_string (parameter, NULL);

  g_simple_action_set_state (action, parameter);
  if (settings != NULL)
    g_settings_set_string (settings, "language", language);
  /* Said in the language chosen: that is the one she reads. */
  dt_show_message (GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self))),
                   g_str_equal (language, "en") ? "English from the next start"
                                                : "Tiếng Việt từ lần mở sau",
                   g_str_equal (language, "en")
                   ? "DoiThoai will be in English the next time it starts. Printed documents "
                     "and reports stay in Vietnamese."
                   : "DoiThoai sẽ hiển thị bằng tiếng Việt từ lần mở chương trình sau. Văn "
                     "bản in và báo cáo luôn bằng tiếng Việt.");
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "quit", .activate = quit_action },
  { .name = "new-database", .activate = new_database_action },
  { .name = "open-database", .activate = open_database_action },
  { .name = "open-recent", .activate = open_recent_action, .parameter_type = "s" },
  { .name = "open-sample", .activate = open_sample_action },
  { .name = "restore-backup", .activate = restore_backup_action, .parameter_type = "s" },
  { .name = "language", .activate = language_action, .parameter_type = "s", .state = "'vi'" },
};

/* On X11, GTK 4.8 names each window of the application for the desktop's shell in six
 * properties as the window is made, and asks the X server for each property's number in turn:
 * six round trips to the server, some 0.5 ms each here, before the first frame. Asked for
 * together now, in one, they are in Xlib's own cache when GTK asks. */
static void
intern_window_atoms (void)
{
#if defined(GDK_WINDOWING_X11) && HAVE_X11
  static const char * const names[] = {
    "_GTK_APPLICATION_ID", "_GTK_UNIQUE_BUS_NAME", "_GTK_APPLICATION_OBJECT_PATH",
    "_GTK_WINDOW_OBJECT_PATH", "_GTK_APP_MENU_OBJECT_PATH", "_GTK_MENUBAR_OBJECT_PATH",
  };
  GdkDisplay *display = gdk_display_get_default ();
  Atom atoms[G_N_ELEMENTS (names)];

  if (GDK_IS_X11_DISPLAY (display))
    XInternAtoms (gdk_x11_display_get_xdisplay (display), (char **) names, G_N_ELEMENTS (names),
                  False, atoms);
#endif
}

static void
dt_application_startup (GApplication *application)
{
  DtApplication *self = DT_APPLICATION (application);
  g_autoptr(GtkCssProvider) provider = NULL;

  G_APPLICATION_CLASS (dt_application_parent_class)->startup (application);
  intern_window_atoms ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", "F1", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open-database",
                                         (const char *[]) { "<Control>o", NULL });

  /* The menu shows the language the window speaks now. */
  {
    const char * const *names = g_get_language_names ();
    const char *language = "vi";
    GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "language");

    if (g_getenv ("LANGUAGE") != NULL && g_str_has_prefix (g_getenv ("LANGUAGE"), "en"))
      language = "en";
    else if (g_getenv ("LANGUAGE") == NULL && names[0] != NULL && g_str_has_prefix (names[0], "en"))
      language = "en";
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (language));
  }

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/doithoai/DoiThoai/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  /* The windows' icon is set once the main window has painted its first frame
   * (dt_window_map ()), or when a message comes first (dt_error_window_new ()): on X11 the
   * window asks the icon theme for every size of it and draws them, 10–20 ms. */
}

static int
dt_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("doithoai %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static int
dt_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  DtApplication *self = DT_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *path = NULL;
  const char *argument = NULL;
  GtkWindow *window;
  int status = 0;

  if (g_variant_dict_lookup (options, "database", "^&ay", &argument) && *argument != '\0')
    {
      /* Relative to the folder of the command that asked, which may be another process. */
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                              argument);
      path = g_file_get_path (file);
      if (path == NULL)
        {
          g_application_command_line_printerr (command_line,
                                               _("“%s” is not a file on this computer.\n"),
                                               argument);
          return 1;
        }
    }
  else
    path = dt_database_default_path ();

  /* A file named on the command line that is not there is most likely mistyped: ask, and say
   * which file, instead of quietly starting an empty database. */
  if (argument != NULL && *argument != '\0' && !g_file_test (path, G_FILE_TEST_EXISTS))
    window = dt_application_ask_create (self, path);
  else
    window = dt_application_open (self, path);
  if (window == NULL)
    /* Another DoiThoai has the file open: its window was brought forward. */
    g_application_command_line_print (command_line,
                                      _("“%s” is open in another DoiThoai window already: that "
                                        "window was brought forward.\n"), path);
  else if (g_application_command_line_get_is_remote (command_line) && !DT_IS_WINDOW (window))
    g_object_set_data_full (G_OBJECT (window), "dt-command-line",
                            g_object_ref (command_line), g_object_unref);

  if (DT_IS_ERROR_WINDOW (window))
    /* DESIGN §7: 3 for a database that is locked, damaged or from a newer version. A remote
     * caller waits for its exit status until the message is closed. */
    status = 3;

  if (!g_application_command_line_get_is_remote (command_line))
    self->exit_status = status;

  return status;
}

static void
dt_application_activate (GApplication *application)
{
  DtApplication *self = DT_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = dt_database_default_path ();
  dt_application_open (self, path);
}

static void
dt_application_finalize (GObject *object)
{
  DtApplication *self = (DtApplication *) object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dt_application_parent_class)->finalize (object);
}

static void
dt_application_class_init (DtApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = dt_application_finalize;

  application_class->activate = dt_application_activate;
  application_class->command_line = dt_application_command_line;
  application_class->handle_local_options = dt_application_handle_local_options;
  application_class->startup = dt_application_startup;
}

static void
dt_application_init (DtApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Records of the dialogue sessions with the People "
                                              "and of the petitions raised there."));
}

DtApplication *
dt_application_new (void)
{
  DtApplication *self = g_object_new (DT_TYPE_APPLICATION,
                                      "application-id", APP_ID,
                                      "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                                      NULL);

  /* Nothing of GtkApplication's automatic resources: its icons would be added to the theme
   * as it starts (dt_gui_ensure_icons () says why not), and the shortcuts window is made
   * when asked for (win.show-help-overlay). */
  g_application_set_resource_base_path (G_APPLICATION (self), NULL);
  return self;
}

/* Opens, or creates when it does not exist, the database at path (the default database, and
 * one she chose to create). */
DtDatabase *
dt_application_open_database (DtApplication  *self,
                              const char     *path,
                              GError        **error)
{
  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Another program holding the file is said at once (dt_application_open ()), never waited
   * for on the main thread. */
  return dt_database_open (path, DT_DATABASE_OPEN_CREATE | DT_DATABASE_OPEN_SHORT_WAIT, error);
}

/* Shows the window of the database at path, opening it when needed. Returns the window
 * shown: the main window, or the message saying why the database cannot be used; NULL when
 * another DoiThoai has the file open (dt-instance.h): that window was brought forward
 * instead. One window per file, in this process and across them. */
GtkWindow *
dt_application_open (DtApplication *self,
                     const char    *path)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(DtInstanceLock) lock = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  DtInstanceResult taken;
  GtkWindow *window;

  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  canonical = g_canonicalize_filename (path, NULL);

  window = GTK_WINDOW (find_window (self, canonical));
  if (window != NULL)
    {
      gtk_window_present (window);
      return window;
    }
  /* Open in another DoiThoai (with or without a session bus to hand the command line over):
   * that window comes forward. A lock that cannot be taken at all does not stop her. */
  if (!dt_instance_lock_take (canonical, &taken, &lock, &error))
    {
      g_debug ("One window per file is not ensured for %s: %s", canonical, error->message);
      g_clear_error (&error);
    }
  else if (taken == DT_INSTANCE_RAISED)
    {
      g_debug ("%s is open in another DoiThoai: its window was brought forward", canonical);
      return NULL;
    }

  database = dt_application_open_database (self, canonical, &error);
  if (database == NULL)
    {
      g_debug ("Cannot open %s: %s", canonical, error->message);
      if (g_error_matches (error, DT_ERROR, DT_ERROR_LOCKED))
        {
          /* The console program (an import), or a restore, has it: said at once. */
          window = dt_error_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                        _("The database is in use"), error->message);
          gtk_window_set_application (window, GTK_APPLICATION (self));
          gtk_window_present (window);
        }
      else
        window = dt_application_show_error (self,
                                            gtk_application_get_active_window (GTK_APPLICATION (self)),
                                            error);
      dt_error_window_set_database (DT_ERROR_WINDOW (window), canonical);
      /* Not for a file another program holds or a newer version wrote: the file is fine. */
      if (g_error_matches (error, DT_ERROR, DT_ERROR_LOCKED) ||
          g_error_matches (error, DT_ERROR, DT_ERROR_NEWER))
        dt_error_window_set_restore_offered (DT_ERROR_WINDOW (window), FALSE);
      return window;
    }

  return new_window (self, database, g_steal_pointer (&lock));
}

typedef struct
{
  DtApplication *self;
  char          *path;
} CreateQuestion;

static void
create_answer_cb (int      response,
                  gpointer user_data)
{
  CreateQuestion *question = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    open_created (question->self, question->path);
  else if (response == GTK_RESPONSE_REJECT)
    open_database_action (NULL, NULL, question->self);
  else
    /* DESIGN §7: no database at that path. */
    question->self->exit_status = 3;
  g_object_unref (question->self);
  g_free (question->path);
  g_free (question);
}

/* Asks before creating a database at PATH, which does not exist. */
GtkWindow *
dt_application_ask_create (DtApplication *self,
                           const char    *path)
{
  CreateQuestion *question = g_new0 (CreateQuestion, 1);
  g_autofree char *body = NULL;
  GtkWindow *window;

  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);

  question->self = g_object_ref (self);
  question->path = g_canonicalize_filename (path, NULL);
  body = g_strdup_printf (_("There is no database at “%s”. If the name was mistyped, cancel and "
                            "give the right one. Create a new, empty database there?"),
                          question->path);
  window = dt_ask (NULL, _("Create a new database?"), body, _("_Cancel"), _("_Open Another…"),
                   _("C_reate"), FALSE, create_answer_cb, question);
  gtk_widget_set_name (GTK_WIDGET (window), "create-database-question");
  gtk_window_set_application (window, GTK_APPLICATION (self));
  return window;
}

/* Makes a copy of DATABASE in its backup folder (dt_backup_make (), DT_BACKUP_MANUAL), and
 * says where. */
gboolean
dt_application_backup (DtApplication *self,
                       GtkWindow     *parent,
                       DtDatabase    *database)
{
  g_autoptr(DtBackup) backup = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DT_IS_APPLICATION (self), FALSE);

  if (!(backup = dt_backup_make (database, DT_BACKUP_MANUAL, &error)))
    {
      dt_show_message (GTK_WIDGET (parent), _("The backup was not made"), error->message);
      return FALSE;
    }
  body = g_strdup_printf (_("A copy of everything recorded so far is in “%s”. Keep a copy of "
                            "that folder on a USB stick or another computer too."), backup->path);
  dt_show_message (GTK_WIDGET (parent), _("Backed up"), body);
  g_object_set_data_full (G_OBJECT (self), "dt-last-backup", g_strdup (backup->path), g_free);
  return TRUE;
}

/* The recent databases, the latest first. */
char **
dt_application_get_recent (DtApplication *self)
{
  GSettings *settings;

  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);

  settings = dt_application_get_settings (self);
  return settings != NULL ? g_settings_get_strv (settings, "recent-databases")
                          : g_new0 (char *, 1);
}

/* Where the sample data lives: a file apart, beside the usual database. */
char *
dt_application_get_sample_path (DtApplication *self)
{
  return g_build_filename (g_get_user_data_dir (), "doithoai", "du-lieu-mau.sqlite", NULL);
}

/* Before anything is translated: the language chosen in the menu, unless the environment
 * asks for one (DOITHOAI_LANGUAGE). */
void
dt_application_apply_language (void)
{
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *language = NULL;

  if (g_getenv ("DOITHOAI_LANGUAGE") != NULL)
    return;
  source = g_settings_schema_source_get_default ();
  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) ||
      !g_settings_schema_has_key (schema, "language"))
    return;
  settings = g_settings_new_full (schema, NULL, NULL);
  language = g_settings_get_string (settings, "language");
  if (language != NULL && *language != '\0')
    g_setenv ("DOITHOAI_LANGUAGE", language, TRUE);
}

/* The message for a database that cannot be used. It belongs to the application, so the
 * program ends when it is closed and no other window is open. */
GtkWindow *
dt_application_show_error (DtApplication *self,
                           GtkWindow     *parent,
                           const GError  *error)
{
  GtkWindow *window;

  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  window = dt_error_window_new (parent, _("The database cannot be opened"), error->message);
  gtk_window_set_application (window, GTK_APPLICATION (self));
  gtk_window_present (window);
  return window;
}

/* The settings, or NULL when the schema is not installed (an uninstalled build run
 * without GSETTINGS_SCHEMA_DIR): the window then simply does not remember its size. */
GSettings *
dt_application_get_settings (DtApplication *self)
{
  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);

  if (!self->settings_looked_up)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      self->settings_looked_up = TRUE;
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
      if (schema != NULL)
        self->settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_warning ("The settings schema %s is not installed: the window size will not be "
                   "remembered", APP_ID);
    }

  return self->settings;
}

/* What the program should exit with: 3 when the database given on the command line could
 * not be used (DESIGN §7), 0 otherwise. */
int
dt_application_get_exit_status (DtApplication *self)
{
  g_return_val_if_fail (DT_IS_APPLICATION (self), 1);

  return self->exit_status;
}
