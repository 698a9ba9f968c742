/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Without libFuzzer: runs a target over every file of the folders (or files) named on the
 * command line, once each, so that the seed corpora are checked by the test suite with any
 * compiler, and a finding saved by the fuzzer can be replayed under a debugger. */
#include "config.h"

#include <stdio.h>

#include "fuzz-common.h"

static guint
replay (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      guint n = 0;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        n += replay (g_ptr_array_index (names, i));
      return n;
    }
  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return 1;
}

int
main (int    argc,
      char **argv)
{
  guint n = 0;

  /* TAP, for meson. */
  for (int i = 1; i < argc; i++)
    n += replay (argv[i]);
  printf ("1..1\nok 1 - %u inputs\n", n);
  return n > 0 ? 0 : 1;
}
