/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-backups"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dt-backups.h"
#include "dt-error.h"
#include "dt-output.h"
#include "dt-util.h"

char *
dt_backup_default_path (const char *database,
                        GDateTime  *when)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *file = NULL;
  char *dot;

  g_return_val_if_fail (database != NULL && when != NULL, NULL);

  folder = g_path_get_dirname (database);
  name = g_path_get_basename (database);
  stem = g_strdup (name);
  if ((dot = strrchr (stem, '.')) != NULL && dot != stem)
    *dot = '\0';
  stamp = g_date_time_format (when, "%Y-%m-%d-%H%M%S");
  file = g_strdup_printf ("%s-%s.sqlite", stem, stamp);
  return g_build_filename (folder, "backups", file, NULL);
}

static const char * const journals[] = { "", "-wal", "-shm", "-journal" };

static void
put_back (const char *path,
          const char *aside)
{
  for (guint i = 0; i < G_N_ELEMENTS (journals); i++)
    {
      g_autofree char *from = g_strconcat (aside, journals[i], NULL);
      g_autofree char *to = g_strconcat (path, journals[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
}

gboolean
dt_database_restore (const char  *path,
                     const char  *backup,
                     char       **kept,
                     GError     **error)
{
  g_autoptr(DtDatabase) check = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) partial_file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DtOutput) output = NULL;
  const char *partial;
  g_autofree char *stamp = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *live = NULL;
  gboolean moved = FALSE;

  g_return_val_if_fail (path != NULL && backup != NULL, FALSE);

  wanted = g_canonicalize_filename (backup, NULL);
  live = g_canonicalize_filename (path, NULL);
  if (g_str_equal (wanted, live))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_IO,
                   _("“%s” is the database itself, not a backup of it."), backup);
      return FALSE;
    }
  /* A backup that cannot be opened would only replace one problem with another. */
  if (!dt_file_check_readable (backup, error) ||
      !(check = dt_database_open (backup, DT_DATABASE_OPEN_EXISTING, error)))
    return FALSE;
  g_clear_object (&check);

  /* Copied beside the database first, then renamed over it whole. */
  if (!(output = dt_output_new (path, NULL, error)))
    return FALSE;
  partial = dt_output_get_temporary_path (output);
  source = g_file_new_for_path (backup);
  partial_file = g_file_new_for_path (partial);
  if (!g_file_copy (source, partial_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL,
                    &local_error))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("The backup “%s” could not be copied: %s"),
                   backup, local_error->message);
      return FALSE;
    }

  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  aside = g_strdup_printf ("%s.before-restore-%s", path, stamp);
  for (guint i = 0; i < G_N_ELEMENTS (journals); i++)
    {
      g_autofree char *from = g_strconcat (path, journals[i], NULL);
      g_autofree char *to = g_strconcat (aside, journals[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (from, to) != 0)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_IO,
                       _("“%s” could not be set aside before the restore: %s"), from,
                       g_strerror (errno));
          put_back (path, aside);
          return FALSE;
        }
      moved |= i == 0;
    }
  if (!dt_output_commit (output, error))
    {
      put_back (path, aside);
      return FALSE;
    }
  if (kept != NULL)
    *kept = moved ? g_steal_pointer (&aside) : NULL;
  return TRUE;
}
