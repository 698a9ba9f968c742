/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-i18n"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "dt-i18n.h"

static gboolean
has_catalogue (const char *localedir)
{
  g_autofree char *mo = g_build_filename (localedir, "vi", "LC_MESSAGES", GETTEXT_PACKAGE ".mo",
                                          NULL);

  return g_file_test (mo, G_FILE_TEST_IS_REGULAR);
}

static char *
find_localedir (void)
{
  /* Tests, and anyone who wants another catalogue, say where it is. */
  if (g_getenv ("DOITHOAI_LOCALEDIR") != NULL)
    return g_strdup (g_getenv ("DOITHOAI_LOCALEDIR"));

#ifdef G_OS_WIN32
  {
    /* Relative to the program, wherever the office put it: the folder of the .exe, or the
     * one above it when that is bin\ (the installed and portable layout, bin\ beside
     * share\locale\). */
    g_autofree char *top = g_win32_get_package_installation_directory_of_module (NULL);
    g_autofree char *installed = g_build_filename (top, "share", "locale", NULL);
    g_autofree char *folder = g_strdup (top);

    if (has_catalogue (installed))
      return g_steal_pointer (&installed);

    /* An uninstalled build: the programs are in src\cli, src\gui or tests\ of the build
     * folder, whose po\ holds the compiled catalogue. */
    for (guint up = 0; up < 3 && folder != NULL; up++)
      {
        g_autofree char *po = g_build_filename (folder, "po", NULL);
        g_autofree char *ninja = g_build_filename (folder, "build.ninja", NULL);
        g_autofree char *parent = g_path_get_dirname (folder);

        if (has_catalogue (po) && g_file_test (ninja, G_FILE_TEST_IS_REGULAR))
          return g_steal_pointer (&po);
        if (g_str_equal (parent, folder))
          break;
        g_free (folder);
        folder = g_steal_pointer (&parent);
      }
    return g_steal_pointer (&installed);
  }
#else
  if (has_catalogue (BUILD_LOCALEDIR) && !has_catalogue (LOCALEDIR))
    return g_strdup (BUILD_LOCALEDIR);
  return g_strdup (LOCALEDIR);
#endif
}

/* The catalogue's folder may have Vietnamese letters on Windows, which libintl's narrow
 * bindtextdomain () takes in the ANSI code page: the folder is handed over as GLib does for
 * its own catalogue, in the code page when it can be spelt there, else by its 8.3 short
 * name. libintl 0.21's wide wbindtextdomain () is the last resort only: under wine it loses
 * the catalogue whenever another domain was looked up first (GIO's registry thread does that
 * at start-up), so the interface came up in English at random. */
static void
bind_catalogue (const char *localedir)
{
#ifdef G_OS_WIN32
  g_autofree char *ansi = g_win32_locale_filename_from_utf8 (localedir);

  if (ansi != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, ansi);
      return;
    }
# if defined(LIBINTL_VERSION) && LIBINTL_VERSION >= 0x001400
  {
    g_autofree gunichar2 *wide = g_utf8_to_utf16 (localedir, -1, NULL, NULL, NULL);

    if (wide != NULL)
      {
        wbindtextdomain (GETTEXT_PACKAGE, (const wchar_t *) wide);
        return;
      }
  }
# endif
#endif
  bindtextdomain (GETTEXT_PACKAGE, localedir);
}

void
dt_i18n_init (void)
{
  g_autofree char *localedir = find_localedir ();
  const char *wanted = g_getenv ("DOITHOAI_LANGUAGE");
  const char *current;

  current = setlocale (LC_ALL, "");
  /* gettext ignores LANGUAGE under the C locale; a UTF-8 variant keeps it working. */
  if (current == NULL || g_str_equal (current, "C") || g_str_equal (current, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");

  if (wanted != NULL && *wanted != '\0')
    g_setenv ("LANGUAGE", wanted, TRUE);
  else if (g_getenv ("LANGUAGE") == NULL || *g_getenv ("LANGUAGE") == '\0')
    {
      const char * const *names = g_get_language_names ();
      gboolean english = FALSE;

      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_has_prefix (names[i], "en"))
          english = TRUE;
      /* Vietnamese by default (DESIGN §1), English when the system asks for it. */
      g_setenv ("LANGUAGE", english ? "en" : "vi", TRUE);
    }

  bind_catalogue (localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
