/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Cairo renderer for old PCs: the "renderer" setting and DOITHOAI_RENDERER end in
 * GSK_RENDERER before GTK starts, and the settings window's check box changes the setting.
 * The first cases need no display. */
#include "config.h"

#include <glib/gstdio.h>

#include "dt-context.h"
#include "dt-renderer.h"
#include "dt-settings-window.h"
#include "gui-test.h"

static gboolean have_display;

static GSettings *
new_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "renderer");
  return settings;
}

static void
forget_environment (void)
{
  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("DOITHOAI_RENDERER");
  g_unsetenv ("GDK_DEBUG");
  g_unsetenv ("GDK_DISABLE");
}

/* Where this GTK reads the switch that keeps OpenGL closed, and the switch. */
static const char *
opengl_variable (void)
{
  return gtk_get_minor_version () >= 16 ? "GDK_DISABLE" : "GDK_DEBUG";
}

static const char *
opengl_switch (void)
{
  return gtk_get_minor_version () >= 16 ? "gl" : "gl-disable";
}

static void
test_choose (void)
{
  g_assert_cmpstr (dt_renderer_choose (NULL, NULL), ==, "default");
  g_assert_cmpstr (dt_renderer_choose (NULL, "default"), ==, "default");
  g_assert_cmpstr (dt_renderer_choose (NULL, "cairo"), ==, "cairo");
  g_assert_cmpstr (dt_renderer_choose ("", "cairo"), ==, "cairo");
  /* The environment wins over the setting, both ways. */
  g_assert_cmpstr (dt_renderer_choose ("cairo", "default"), ==, "cairo");
  g_assert_cmpstr (dt_renderer_choose (" Cairo ", NULL), ==, "cairo");
  g_assert_cmpstr (dt_renderer_choose ("default", "cairo"), ==, "default");
  /* A value it does not know is ignored (and said on standard error). */
  if (g_test_subprocess ())
    {
      g_assert_cmpstr (dt_renderer_choose ("vulkan", "cairo"), ==, "cairo");
      g_assert_cmpstr (dt_renderer_choose ("vulkan", NULL), ==, "default");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*DOITHOAI_RENDERER=vulkan*");
}

/* What an old PC's secretary does once: the setting, then every start draws with Cairo. */
static void
test_setting_sets_environment (void)
{
  g_autoptr(GSettings) settings = new_settings ();

  forget_environment ();
  dt_renderer_apply_at_start ();
  g_assert_null (g_getenv ("GSK_RENDERER"));

  g_settings_set_string (settings, "renderer", "cairo");
  dt_renderer_apply_at_start ();
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");

  /* Back to the default: GTK chooses again. */
  forget_environment ();
  g_settings_set_string (settings, "renderer", "default");
  dt_renderer_apply_at_start ();
  g_assert_null (g_getenv ("GSK_RENDERER"));

  /* A developer's own GSK_RENDERER stays when nothing asks for Cairo. */
  g_setenv ("GSK_RENDERER", "ngl", TRUE);
  dt_renderer_apply (settings);
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "ngl");
  g_settings_set_string (settings, "renderer", "cairo");
  dt_renderer_apply (settings);
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");

  /* No schema (an uninstalled build without GSETTINGS_SCHEMA_DIR): nothing is set. */
  forget_environment ();
  dt_renderer_apply (NULL);
  g_assert_null (g_getenv ("GSK_RENDERER"));
  g_assert_null (g_getenv (opengl_variable ()));
  g_settings_reset (settings, "renderer");
}

/* With Cairo, OpenGL stays closed: added to what GDK_DEBUG (or GDK_DISABLE) already says,
 * once. Not with GTK's own renderer, nor with one a developer chose. */
static void
test_cairo_keeps_opengl_closed (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autofree char *expected = NULL;

  forget_environment ();
  dt_renderer_apply (settings);
  g_assert_null (g_getenv (opengl_variable ()));

  g_setenv ("GSK_RENDERER", "ngl", TRUE);
  dt_renderer_apply (settings);
  g_assert_null (g_getenv (opengl_variable ()));

  forget_environment ();
  g_settings_set_string (settings, "renderer", "cairo");
  dt_renderer_apply (settings);
  g_assert_cmpstr (g_getenv (opengl_variable ()), ==, opengl_switch ());
  dt_renderer_apply (settings);
  g_assert_cmpstr (g_getenv (opengl_variable ()), ==, opengl_switch ());

  /* A developer's GSK_RENDERER=cairo, and what they already asked of GDK. */
  forget_environment ();
  g_settings_reset (settings, "renderer");
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv (opengl_variable (), "events", TRUE);
  dt_renderer_apply (settings);
  expected = g_strconcat ("events,", opengl_switch (), NULL);
  g_assert_cmpstr (g_getenv (opengl_variable ()), ==, expected);
  dt_renderer_apply (settings);
  g_assert_cmpstr (g_getenv (opengl_variable ()), ==, expected);
  forget_environment ();
}

/* What GDK makes of it: in a process of its own, which opens the display only after. */
static void
test_display_without_opengl (void)
{
  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      forget_environment ();
      g_setenv ("DOITHOAI_RENDERER", "cairo", TRUE);
      dt_renderer_apply (NULL);
      g_assert_true (gtk_init_check ());
      g_assert_false (gdk_display_prepare_gl (gdk_display_get_default (), &error));
      g_assert_error (error, GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_environment_overrides (void)
{
  g_autoptr(GSettings) settings = new_settings ();

  forget_environment ();
  g_setenv ("DOITHOAI_RENDERER", "cairo", TRUE);
  dt_renderer_apply_at_start ();
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");

  /* DOITHOAI_RENDERER=default undoes the setting for one start. */
  forget_environment ();
  g_settings_set_string (settings, "renderer", "cairo");
  g_setenv ("DOITHOAI_RENDERER", "default", TRUE);
  dt_renderer_apply_at_start ();
  g_assert_null (g_getenv ("GSK_RENDERER"));
  forget_environment ();
  g_settings_reset (settings, "renderer");
}

/* The check box of Settings → This Computer is the setting. */
static void
test_settings_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(DtContext) context = NULL;
  g_autoptr(GSettings) settings = new_settings ();
  GtkWindow *window;
  GtkWidget *check;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  /* As every widget test under Xvfb. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  dir = g_dir_make_tmp ("doithoai-renderer-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "văn phòng.sqlite", NULL);
  database = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  context = dt_context_new (database, settings);

  window = dt_settings_window_new (NULL, context);
  dt_settings_window_show_page (DT_SETTINGS_WINDOW (window), "computer");
  gtk_window_present (window);
  check = gui_find (GTK_WIDGET (window), "computer-renderer");
  g_assert_true (gtk_widget_get_sensitive (check));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  gtk_widget_activate (check);
  gui_flush ();
  {
    g_autofree char *renderer = g_settings_get_string (settings, "renderer");

    g_assert_cmpstr (renderer, ==, "cairo");
  }
  gui_screenshot (GTK_WIDGET (window), "settings-computer");

  gtk_widget_activate (check);
  gui_flush ();
  {
    g_autofree char *renderer = g_settings_get_string (settings, "renderer");

    g_assert_cmpstr (renderer, ==, "default");
  }

  /* Changed elsewhere (another window), the box follows. */
  g_settings_set_string (settings, "renderer", "cairo");
  gui_flush ();
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  gtk_window_destroy (window);
  gui_flush ();
  g_settings_reset (settings, "renderer");
  g_clear_object (&context);
  g_clear_object (&database);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", DT_TEST_SCHEMA_DIR, FALSE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/renderer/choose", test_choose);
  g_test_add_func ("/gui/renderer/setting-sets-environment", test_setting_sets_environment);
  g_test_add_func ("/gui/renderer/environment-overrides", test_environment_overrides);
  g_test_add_func ("/gui/renderer/cairo-keeps-opengl-closed", test_cairo_keeps_opengl_closed);
  g_test_add_func ("/gui/renderer/display-without-opengl", test_display_without_opengl);
  g_test_add_func ("/gui/renderer/settings-window", test_settings_window);

  /* GTK reads GSK_RENDERER when a window is first drawn, not here. GDK_DEBUG is read now:
   * the subprocess that checks it opens the display itself. */
  have_display = g_test_subprocess () ? TRUE : gtk_init_check ();

  return g_test_run ();
}
