/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#ifdef G_OS_WIN32
# include <io.h>
#else
# include <unistd.h>
#endif

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dt-error.h"
#include "dt-output.h"
#include "dt-util.h"

#ifndef O_BINARY
# define O_BINARY 0
#endif

#define BUFFER_SIZE (256 * 1024)
/* Symbolic links followed before giving up, as the kernel does. */
#define MAX_LINKS 40

struct _DtOutput
{
  char    *path;        /* as the caller named it, for messages */
  char    *target;      /* the file that is replaced: PATH with its links followed */
  char    *temporary;
  char   **protected;   /* the database and its working files */
  int      fd;          /* -1 once closed or handed to a library */
  guint8  *buffer;
  gsize    buffered;
  gboolean handed_out;
  gboolean finished;
  gboolean private;     /* readable by the owner only */
};

static char *
display_name (const char *path)
{
  return g_filename_display_name (path);
}

static gboolean
set_io_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  g_autofree char *name = display_name (path);
  g_autoptr(GError) cause = g_error_new_literal (G_FILE_ERROR,
                                                 g_file_error_from_errno (saved_errno),
                                                 g_strerror (saved_errno));

  /* FAT32 disks (USB sticks) take no file over 4 GB, and a limit may be set on file sizes. */
  if (saved_errno == EFBIG)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_IO,
                   _("“%s” could not be written: it grew larger than its disk, or the system, "
                     "allows one file to be."), name);
      return FALSE;
    }
  dt_file_set_error (error, name, TRUE, cause);
  return FALSE;
}

/* PATH made absolute, with symbolic links to it followed: the file a rename would replace
 * is the one the name leads to, not the link. */
static char *
follow_links (const char *path)
{
  g_autofree char *current = g_canonicalize_filename (path, NULL);

  for (guint i = 0; i < MAX_LINKS && g_file_test (current, G_FILE_TEST_IS_SYMLINK); i++)
    {
      g_autofree char *link = g_file_read_link (current, NULL);
      g_autofree char *folder = NULL;

      if (link == NULL)
        break;
      folder = g_path_get_dirname (current);
      g_free (current);
      current = g_canonicalize_filename (link, folder);
    }
  return g_steal_pointer (&current);
}

/* TRUE when A and B are one file, by identity rather than by name (dt-util.h). */
static gboolean
same_file (const char *a,
           const char *b)
{
  return dt_file_same (a, b);
}

static gboolean
check_target (DtOutput  *self,
              GError   **error)
{
  g_autofree char *name = display_name (self->path);
  GStatBuf buf;

  for (guint i = 0; self->protected != NULL && self->protected[i] != NULL; i++)
    if (same_file (self->target, self->protected[i]))
      {
        g_set_error (error, DT_ERROR, DT_ERROR_IO,
                     _("“%s” is the open database or one of its working files: nothing was "
                       "written. Choose another file name."), name);
        return FALSE;
      }

  if (g_stat (self->target, &buf) == 0 && S_ISDIR (buf.st_mode))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” is a folder, not a file."), name);
      return FALSE;
    }
  if (g_stat (self->target, &buf) == 0 && !S_ISREG (buf.st_mode))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_IO,
                   _("“%s” exists and is not a regular file (it is a folder, a device or a "
                     "pipe): nothing was written. Choose another file name."), name);
      return FALSE;
    }
  return TRUE;
}

static char *
temporary_template (const char *target)
{
  g_autofree char *folder = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *name = NULL;

  /* Beside the target, so that the rename stays on one file system. */
  if (strlen (base) > 64)
    base[0] = '\0';
  name = g_strdup_printf (".%s.XXXXXX.part", base);
  return g_build_filename (folder, name, NULL);
}

DtOutput *
dt_output_new (const char  *path,
               DtDatabase  *database,
               GError     **error)
{
  DtOutput *self;
  int saved_errno;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (database == NULL || DT_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (DtOutput, 1);
  self->fd = -1;
  self->path = g_strdup (path);
  self->target = follow_links (path);
  if (database != NULL)
    {
      g_autofree char *live = follow_links (dt_database_get_path (database));

      self->protected = g_new0 (char *, 5);
      self->protected[0] = g_strdup (live);
      self->protected[1] = g_strconcat (live, "-wal", NULL);
      self->protected[2] = g_strconcat (live, "-shm", NULL);
      self->protected[3] = g_strconcat (live, "-journal", NULL);
    }

  if (!check_target (self, error))
    {
      self->finished = TRUE;
      dt_output_free (self);
      return NULL;
    }

  self->temporary = temporary_template (self->target);
  self->fd = g_mkstemp_full (self->temporary, O_RDWR | O_BINARY, 0644);
  if (self->fd < 0)
    {
      saved_errno = errno;
      g_clear_pointer (&self->temporary, g_free);
      self->finished = TRUE;
      set_io_error (error, path, saved_errno);
      dt_output_free (self);
      return NULL;
    }
  self->buffer = g_malloc (BUFFER_SIZE);
  return self;
}

void
dt_output_set_private (DtOutput *self)
{
  g_return_if_fail (self != NULL && !self->finished);

  self->private = TRUE;
#ifdef G_OS_UNIX
  /* At once, before anything is written into it. */
  g_chmod (self->temporary, 0600);
#endif
}

static gboolean
write_all (DtOutput    *self,
           const void  *data,
           gsize        length,
           GError     **error)
{
  const guint8 *p = data;

  while (length > 0)
    {
      gssize written = write (self->fd, p, MIN (length, (gsize) G_MAXINT / 2));

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return set_io_error (error, self->path, written < 0 ? errno : ENOSPC);
      p += written;
      length -= (gsize) written;
    }
  return TRUE;
}

static gboolean
flush_buffer (DtOutput  *self,
              GError   **error)
{
  gboolean ok = self->buffered == 0 || write_all (self, self->buffer, self->buffered, error);

  self->buffered = 0;
  return ok;
}

gboolean
dt_output_write (DtOutput    *self,
                 const void  *data,
                 gsize        length,
                 GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->handed_out && !self->finished, FALSE);

  if (self->buffered + length > BUFFER_SIZE)
    {
      if (!flush_buffer (self, error))
        return FALSE;
      if (length >= BUFFER_SIZE)
        return write_all (self, data, length, error);
    }
  memcpy (self->buffer + self->buffered, data, length);
  self->buffered += length;
  return TRUE;
}

gboolean
dt_output_write_func (gpointer     self,
                      const void  *data,
                      gsize        length,
                      GError     **error)
{
  return dt_output_write (self, data, length, error);
}

const char *
dt_output_get_temporary_path (DtOutput *self)
{
  g_return_val_if_fail (self != NULL && !self->finished, NULL);

  if (!self->handed_out)
    {
      g_close (self->fd, NULL);
      self->fd = -1;
      self->handed_out = TRUE;
    }
  return self->temporary;
}

const char *
dt_output_get_path (DtOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

static void
sync_folder (const char *file)
{
#ifdef G_OS_UNIX
  g_autofree char *folder = g_path_get_dirname (file);
  int fd = g_open (folder, O_RDONLY, 0);

  /* Makes the rename itself durable; some file systems cannot, which is no failure. */
  if (fd >= 0)
    {
      g_fsync (fd);
      g_close (fd, NULL);
    }
#endif
}

gboolean
dt_output_commit (DtOutput  *self,
                  GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  GStatBuf buf;
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  if (self->handed_out)
    {
      /* The library closed its file; it is opened again only to be synced. */
      self->fd = g_open (self->temporary, O_RDWR | O_BINARY, 0);
      if (self->fd < 0)
        {
          set_io_error (error, self->path, errno);
          goto fail;
        }
    }
  else if (!flush_buffer (self, error))
    goto fail;

  if (g_fsync (self->fd) != 0)
    {
      set_io_error (error, self->path, errno);
      goto fail;
    }
  fd = self->fd;
  self->fd = -1;
  if (!g_close (fd, &local_error))
    {
      g_autofree char *name = display_name (self->path);

      dt_file_set_error (error, name, TRUE, local_error);
      goto fail;
    }

  /* The target may have changed while the file was written. */
  if (!check_target (self, error))
    goto fail;
#ifdef G_OS_UNIX
  if (self->private)
    g_chmod (self->temporary, 0600);
  else if (g_stat (self->target, &buf) == 0)
    g_chmod (self->temporary, buf.st_mode & 07777);
#else
  (void) buf;
#endif
  if (g_rename (self->temporary, self->target) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = display_name (self->path);

      /* Windows keeps the files a program has open (Excel, a PDF viewer) locked. */
      if ((saved_errno == EACCES || saved_errno == EPERM || saved_errno == EBUSY) &&
          g_file_test (self->target, G_FILE_TEST_EXISTS))
        g_set_error (error, DT_ERROR, DT_ERROR_IO,
                     _("“%s” could not be replaced: it may be open in another program, such "
                       "as Excel. Close it there, or choose another name, and try again."), name);
      else
        set_io_error (error, self->path, saved_errno);
      goto fail;
    }
  sync_folder (self->target);
  g_clear_pointer (&self->temporary, g_free);
  self->finished = TRUE;
  return TRUE;

fail:
  dt_output_abort (self);
  return FALSE;
}

void
dt_output_abort (DtOutput *self)
{
  /* Also what SQLite leaves beside a database it failed to write. */
  static const char * const companions[] = { "", "-journal", "-wal", "-shm" };

  g_return_if_fail (self != NULL);

  if (self->fd >= 0)
    g_close (self->fd, NULL);
  self->fd = -1;
  for (guint i = 0; self->temporary != NULL && i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *file = g_strconcat (self->temporary, companions[i], NULL);
      g_remove (file);
    }
  g_clear_pointer (&self->temporary, g_free);
  self->finished = TRUE;
}

void
dt_output_free (DtOutput *self)
{
  if (self == NULL)
    return;
  if (!self->finished)
    dt_output_abort (self);
  g_strfreev (self->protected);
  g_free (self->buffer);
  g_free (self->temporary);
  g_free (self->target);
  g_free (self->path);
  g_free (self);
}

gboolean
dt_output_write_file (const char  *path,
                      DtDatabase  *database,
                      const void  *contents,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(DtOutput) output = dt_output_new (path, database, error);

  return output != NULL && dt_output_write (output, contents, length, error) &&
         dt_output_commit (output, error);
}
