/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-application"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-application.h"
#include "dt-error.h"
#include "dt-error-window.h"
#include "dt-window.h"

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
      if (g_strcmp0 (dt_database_get_path (database), path) == 0)
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

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "quit", .activate = quit_action },
};

static void
dt_application_startup (GApplication *application)
{
  DtApplication *self = DT_APPLICATION (application);
  g_autoptr(GtkCssProvider) provider = NULL;

  G_APPLICATION_CLASS (dt_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", "F1", NULL });

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/doithoai/DoiThoai/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  gtk_window_set_default_icon_name (APP_ID);
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

  window = dt_application_open (self, path);

  if (DT_IS_ERROR_WINDOW (window))
    {
      /* DESIGN §7: 3 for a database that is locked, damaged or from a newer version. */
      status = 3;
      /* A remote caller waits for its exit status until the message is closed. */
      if (g_application_command_line_get_is_remote (command_line))
        g_object_set_data_full (G_OBJECT (window), "dt-command-line",
                                g_object_ref (command_line), g_object_unref);
    }

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
  return g_object_new (DT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/doithoai/DoiThoai",
                       NULL);
}

/* Opens, or creates when it does not exist, the database at path. */
DtDatabase *
dt_application_open_database (DtApplication  *self,
                              const char     *path,
                              GError        **error)
{
  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return dt_database_open (path, DT_DATABASE_OPEN_CREATE, error);
}

/* Shows the window of the database at path, opening it when needed. Returns the window
 * shown: the main window, or the message saying why the database cannot be used. */
GtkWindow *
dt_application_open (DtApplication *self,
                     const char    *path)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
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

  database = dt_application_open_database (self, canonical, &error);
  if (database == NULL)
    {
      g_debug ("Cannot open %s: %s", canonical, error->message);
      return dt_application_show_error (self,
                                        gtk_application_get_active_window (GTK_APPLICATION (self)),
                                        error);
    }

  window = GTK_WINDOW (dt_window_new (self, database));
  gtk_window_present (window);
  return window;
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
