/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-i18n"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "dt-i18n.h"

static char *
find_localedir (void)
{
  /* Uninstalled builds and tests find the catalogue in the build tree. */
  if (g_getenv ("DOITHOAI_LOCALEDIR") != NULL)
    return g_strdup (g_getenv ("DOITHOAI_LOCALEDIR"));

#ifdef G_OS_WIN32
  {
    /* Relative to the executable: the installer lets the office choose the folder. */
    g_autofree char *exe_dir = g_win32_get_package_installation_directory_of_module (NULL);

    return g_build_filename (exe_dir, "share", "locale", NULL);
  }
#else
  if (g_file_test (BUILD_LOCALEDIR "/vi/LC_MESSAGES/" GETTEXT_PACKAGE ".mo", G_FILE_TEST_EXISTS) &&
      !g_file_test (LOCALEDIR "/vi/LC_MESSAGES/" GETTEXT_PACKAGE ".mo", G_FILE_TEST_EXISTS))
    return g_strdup (BUILD_LOCALEDIR);
  return g_strdup (LOCALEDIR);
#endif
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

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
