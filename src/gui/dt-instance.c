/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-instance"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dt-error.h"
#include "dt-instance.h"

#define GROUP            "DoiThoai"
#define REQUEST          "DoiThoai raise "
#define ANSWER           "raised"
/* A holder answers at once on the loopback: more is a process that hangs. */
#define TIMEOUT_S        2
/* A lock file being written by its holder at this very moment is read again. */
#define READ_TRIES       20
#define READ_WAIT_US     (50 * 1000)
#define TAKE_TRIES       5

struct _DtInstanceLock
{
  char           *lock_path;
  char           *token;
  GSocketService *service;
  GCancellable   *cancellable;
  GtkWindow      *window;       /* weak */
  guint           raised;
};

/* The file's identity, links followed; NULL when it does not exist or has none. */
static char *
identity_of (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ID_FILE))
    return NULL;
  return g_strdup (g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE));
}

char *
dt_instance_lock_path (const char *database_path)
{
  g_autofree char *identity = NULL;
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);

  if ((identity = identity_of (database_path)) != NULL)
    key = g_strconcat ("file:", identity, NULL);
  else
    {
      /* Not made yet: its folder's identity and its name. */
      g_autofree char *absolute = g_canonicalize_filename (database_path, NULL);
      g_autofree char *folder = g_path_get_dirname (absolute);
      g_autofree char *base = g_path_get_basename (absolute);
      g_autofree char *folder_identity = identity_of (folder);
#ifdef G_OS_WIN32
      g_autofree char *folded = g_utf8_casefold (base, -1);
#else
      g_autofree char *folded = g_strdup (base);
#endif

      key = g_strconcat ("name:", folder_identity != NULL ? folder_identity : folder, "/",
                         folded, NULL);
    }
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  hash[32] = '\0';
  name = g_strconcat (hash, ".lock", NULL);
  return g_build_filename (g_get_user_runtime_dir (), "doithoai", name, NULL);
}

/* The holder's side: a request to raise the window */

typedef struct
{
  DtInstanceLock    *lock;
  GCancellable      *cancellable;
  GSocketConnection *connection;
  GDataInputStream  *input;
} Request;

static void
request_free (Request *request)
{
  g_io_stream_close (G_IO_STREAM (request->connection), NULL, NULL);
  g_clear_object (&request->input);
  g_clear_object (&request->connection);
  g_clear_object (&request->cancellable);
  g_free (request);
}

static void
request_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *expected = NULL;
  DtInstanceLock *lock;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                    &error);
  if (g_cancellable_is_cancelled (request->cancellable))
    {
      /* The lock is gone. */
      request_free (request);
      return;
    }
  lock = request->lock;
  expected = g_strconcat (REQUEST, lock->token, NULL);
  if (line != NULL && g_str_equal (line, expected))
    {
      GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (request->connection));

      lock->raised++;
      g_debug ("Another start asked for %s: its window is brought forward", lock->lock_path);
      if (lock->window != NULL)
        gtk_window_present (lock->window);
      g_output_stream_write_all (output, ANSWER "\n", strlen (ANSWER "\n"), NULL, NULL, NULL);
    }
  request_free (request);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  DtInstanceLock *lock = user_data;
  Request *request = g_new0 (Request, 1);

  request->lock = lock;
  request->cancellable = g_object_ref (lock->cancellable);
  request->connection = g_object_ref (connection);
  request->input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_data_input_stream_read_line_async (request->input, G_PRIORITY_DEFAULT, lock->cancellable,
                                       request_read_cb, request);
  return TRUE;
}

/* Listens on the loopback only: no other computer can ask anything. */
static gboolean
start_service (DtInstanceLock  *lock,
               guint16         *port,
               GError         **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  lock->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (lock->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &effective, error))
    return FALSE;
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (lock->service, "incoming", G_CALLBACK (incoming_cb), lock);
  g_socket_service_start (lock->service);
  return TRUE;
}

/* The other start's side */

typedef enum
{
  HOLDER_ANSWERED,
  HOLDER_GONE,       /* nobody at its port: a stale lock */
  HOLDER_UNREADABLE, /* the file is being written, or is not a lock */
} Holder;

static Holder
ask_holder (const char *lock_path,
            char      **contents_out)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *token = NULL;
  g_autofree char *request = NULL;
  g_autofree char *answer = NULL;
  gsize length;
  int port;

  if (!g_file_get_contents (lock_path, &contents, &length, NULL))
    return HOLDER_UNREADABLE;
  if (!g_key_file_load_from_data (key_file, contents, length, G_KEY_FILE_NONE, NULL) ||
      (port = g_key_file_get_integer (key_file, GROUP, "port", NULL)) <= 0 || port > 65535 ||
      !(token = g_key_file_get_string (key_file, GROUP, "token", NULL)))
    {
      *contents_out = g_steal_pointer (&contents);
      return HOLDER_UNREADABLE;
    }
  *contents_out = g_steal_pointer (&contents);

  client = g_socket_client_new ();
  g_socket_client_set_timeout (client, TIMEOUT_S);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) port, NULL,
                                                &error);
  if (connection == NULL)
    {
      g_debug ("Nobody holds %s any more (%s)", lock_path, error->message);
      return HOLDER_GONE;
    }
  request = g_strconcat (REQUEST, token, "\n", NULL);
  input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                  request, strlen (request), NULL, NULL, &error) ||
      !(answer = g_data_input_stream_read_line_utf8 (input, NULL, NULL, &error)) ||
      !g_str_equal (answer, ANSWER))
    {
      /* Another program took the port since: the holder is gone. */
      g_debug ("No answer for %s: %s", lock_path, error != NULL ? error->message : answer);
      return HOLDER_GONE;
    }
  return HOLDER_ANSWERED;
}

/* Removes a stale lock if it is still the one read: another start may have taken it over. */
static void
remove_stale (const char *lock_path,
              const char *contents)
{
  g_autofree char *now = NULL;

  if (g_file_get_contents (lock_path, &now, NULL, NULL) && g_strcmp0 (now, contents) == 0)
    g_remove (lock_path);
}

static gboolean
write_lock (GFileOutputStream  *stream,
            DtInstanceLock     *lock,
            const char         *database_path,
            guint16             port,
            GError            **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_key_file_set_string (key_file, GROUP, "database", database_path);
  g_key_file_set_integer (key_file, GROUP, "port", port);
  g_key_file_set_string (key_file, GROUP, "token", lock->token);
  data = g_key_file_to_data (key_file, &length, NULL);
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, length, NULL, NULL,
                                  &local_error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” could not be written: %s"),
                   lock->lock_path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static DtInstanceLock *
lock_new (const char *lock_path)
{
  DtInstanceLock *lock = g_new0 (DtInstanceLock, 1);
  guint8 random[16];

  for (guint i = 0; i < G_N_ELEMENTS (random); i++)
    random[i] = (guint8) g_random_int_range (0, 256);
  lock->lock_path = g_strdup (lock_path);
  lock->token = g_compute_checksum_for_data (G_CHECKSUM_SHA256, random, sizeof random);
  lock->cancellable = g_cancellable_new ();
  return lock;
}

gboolean
dt_instance_lock_take (const char        *database_path,
                       DtInstanceResult  *result,
                       DtInstanceLock   **lock_out,
                       GError           **error)
{
  g_autofree char *lock_path = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GFile) file = NULL;
  guint unreadable = 0;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (result != NULL && lock_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *lock_out = NULL;
  lock_path = dt_instance_lock_path (database_path);
  folder = g_path_get_dirname (lock_path);
  file = g_file_new_for_path (lock_path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("The folder “%s” cannot be created: %s"),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint attempt = 0; attempt < TAKE_TRIES + READ_TRIES; attempt++)
    {
      g_autofree char *contents = NULL;
      g_autoptr(GError) local_error = NULL;
      /* Made only when there is none: of two starts at once, one makes it. */
      g_autoptr(GFileOutputStream) stream = g_file_create (file, G_FILE_CREATE_PRIVATE, NULL,
                                                           &local_error);

      if (stream != NULL)
        {
          g_autoptr(DtInstanceLock) lock = lock_new (lock_path);
          guint16 port = 0;

          if (!start_service (lock, &port, error) ||
              !write_lock (stream, lock, database_path, port, error))
            {
              g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
              g_file_delete (file, NULL, NULL);
              return FALSE;
            }
          *result = DT_INSTANCE_TAKEN;
          *lock_out = g_steal_pointer (&lock);
          return TRUE;
        }
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” could not be written: %s"),
                       lock_path, local_error->message);
          return FALSE;
        }

      switch (ask_holder (lock_path, &contents))
        {
        case HOLDER_ANSWERED:
          *result = DT_INSTANCE_RAISED;
          return TRUE;
        case HOLDER_UNREADABLE:
          /* Being written this very moment, most likely: read again in a moment, then take it
           * over. */
          if (++unreadable < READ_TRIES)
            {
              g_usleep (READ_WAIT_US);
              break;
            }
          G_GNUC_FALLTHROUGH;
        case HOLDER_GONE:
        default:
          if (contents != NULL)
            remove_stale (lock_path, contents);
          else
            g_remove (lock_path);
          break;
        }
    }

  g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” is taken and given back by other starts "
                                               "again and again."), lock_path);
  return FALSE;
}

void
dt_instance_lock_set_window (DtInstanceLock *lock,
                             GtkWindow      *window)
{
  g_return_if_fail (lock != NULL);
  g_return_if_fail (window == NULL || GTK_IS_WINDOW (window));

  if (lock->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (lock->window), (gpointer *) &lock->window);
  lock->window = window;
  if (window != NULL)
    g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &lock->window);
}

gboolean
dt_instance_lock_is_for (DtInstanceLock *lock,
                         const char     *database_path)
{
  g_autofree char *lock_path = NULL;

  g_return_val_if_fail (lock != NULL, FALSE);
  g_return_val_if_fail (database_path != NULL, FALSE);

  lock_path = dt_instance_lock_path (database_path);
  return g_str_equal (lock_path, lock->lock_path);
}

guint
dt_instance_lock_get_raised (DtInstanceLock *lock)
{
  g_return_val_if_fail (lock != NULL, 0);

  return lock->raised;
}

void
dt_instance_lock_free (DtInstanceLock *lock)
{
  if (lock == NULL)
    return;

  dt_instance_lock_set_window (lock, NULL);
  g_cancellable_cancel (lock->cancellable);
  if (lock->service != NULL)
    {
      g_socket_service_stop (lock->service);
      g_socket_listener_close (G_SOCKET_LISTENER (lock->service));
      g_signal_handlers_disconnect_by_data (lock->service, lock);
      g_clear_object (&lock->service);
    }
  /* Only when it is still this one's (a start that thought it stale may have taken it). */
  {
    g_autoptr(GKeyFile) key_file = g_key_file_new ();
    g_autofree char *token = NULL;

    if (g_key_file_load_from_file (key_file, lock->lock_path, G_KEY_FILE_NONE, NULL) &&
        (token = g_key_file_get_string (key_file, GROUP, "token", NULL)) != NULL &&
        g_str_equal (token, lock->token))
      g_remove (lock->lock_path);
  }
  g_clear_object (&lock->cancellable);
  g_free (lock->lock_path);
  g_free (lock->token);
  g_free (lock);
}
