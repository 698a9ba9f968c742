/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-renderer"

#include "config.h"

#include <glib/gi18n.h>

#include <gtk/gtk.h>

#include "dt-renderer.h"

/* How the window is drawn. GTK 4 draws with OpenGL by default; on old office PCs whose
 * graphics drivers misbehave with it (a black or garbled window) the Cairo renderer, drawing
 * on the processor, works everywhere. The choice is the "renderer" setting (settings window,
 * "This Computer"), and DOITHOAI_RENDERER=cairo overrides it for one start, e.g. from a
 * shortcut, when the window cannot be seen well enough to reach the setting. Both end in
 * GSK_RENDERER, which GTK reads once, when the display opens: so this runs in main (), before
 * the application starts GTK. */

static gboolean
known (const char *renderer)
{
  return g_strcmp0 (renderer, "default") == 0 || g_strcmp0 (renderer, "cairo") == 0;
}

/* The renderer to use: "cairo" or "default", from DOITHOAI_RENDERER when it is one of them,
 * else from the setting. */
const char *
dt_renderer_choose (const char *environment,
                    const char *setting)
{
  if (environment != NULL && *environment != '\0')
    {
      g_autofree char *copy = g_strdup (environment);
      g_autofree char *folded = g_ascii_strdown (g_strstrip (copy), -1);

      if (known (folded))
        return g_str_equal (folded, "cairo") ? "cairo" : "default";
      /* TRANSLATORS: DOITHOAI_RENDERER, “cairo” and “default” are left as they are. */
      g_printerr (_("DOITHOAI_RENDERER=%s is neither “cairo” nor “default”: ignored\n"),
                  environment);
    }
  return g_strcmp0 (setting, "cairo") == 0 ? "cairo" : "default";
}

/* Adds WORD to the comma-separated list in the environment variable NAME, unless it is in. */
static void
add_to_list (const char *name,
             const char *word)
{
  const char *value = g_getenv (name);
  g_auto(GStrv) words = NULL;
  g_autofree char *joined = NULL;

  if (value == NULL || *value == '\0')
    {
      g_setenv (name, word, TRUE);
      return;
    }
  words = g_strsplit_set (value, ",:; ", -1);   /* as g_parse_debug_string () reads them */
  for (guint i = 0; words[i] != NULL; i++)
    if (g_ascii_strcasecmp (words[i], word) == 0)
      return;
  joined = g_strconcat (value, ",", word, NULL);
  g_setenv (name, joined, TRUE);
}

/* Drawn with Cairo, the window needs no OpenGL: GDK would still open it when the display opens
 * (on X11, to choose the windows' visual), which loads the graphics driver (Mesa's brings
 * LLVM: some 50 MB of memory and 38 ms of each start on the test machine) and is where a
 * faulty driver fails, on the very PCs the Cairo renderer is for. GTK 4.8 to 4.15 read the switch from GDK_DEBUG, 4.16 and
 * later from GDK_DISABLE. */
static void
disable_opengl (void)
{
  if (gtk_get_major_version () > 4 || gtk_get_minor_version () >= 16)
    add_to_list ("GDK_DISABLE", "gl");
  else
    add_to_list ("GDK_DEBUG", "gl-disable");
}

/* Sets GSK_RENDERER=cairo when the setting (settings may be NULL: no schema) or
 * DOITHOAI_RENDERER asks for it. "default" leaves GSK_RENDERER as it is: a developer's own
 * choice of GTK renderer still works. With Cairo, whoever chose it, OpenGL is not opened at
 * all. Call before GTK opens the display. */
void
dt_renderer_apply (GSettings *settings)
{
  g_autofree char *setting = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings != NULL)
    {
      g_object_get (settings, "settings-schema", &schema, NULL);
      if (schema != NULL && g_settings_schema_has_key (schema, "renderer"))
        setting = g_settings_get_string (settings, "renderer");
    }

  if (g_str_equal (dt_renderer_choose (g_getenv ("DOITHOAI_RENDERER"), setting), "cairo"))
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0)
    disable_opengl ();
}

/* dt_renderer_apply () with the application's settings, when their schema is installed. */
void
dt_renderer_apply_at_start (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    settings = g_settings_new_full (schema, NULL, NULL);
  dt_renderer_apply (settings);
}
