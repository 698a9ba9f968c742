/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-context"

#include "config.h"

#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "dt-context.h"
#include "dt-error.h"
#include "dt-search.h"
#include "dt-util.h"

/* Cheap (PRAGMA data_version): often enough that the console program's writes show within
 * moments. */
#define EXTERNAL_CHECK_SECONDS 2
#define TODAY_CHECK_SECONDS    30
/* How long the window stays idle before freed memory is given back. */
#define RELEASE_MEMORY_MS      1000

struct _DtContext
{
  GObject      parent_instance;

  DtDatabase  *database;
  GSettings   *settings;
  gulong       changed_id;
  guint        external_id;
  guint        today_id;
  GDate        today;
  GtkStringList *names[3];     /* by DtList */
  GtkStringList *sessions;
  GQueue       idle_tasks;      /* of IdleTask, first to run first */
  guint        idle_id;
  guint        last_task_id;
  guint        release_id;
  guint        merge_id;        /* the search index's next merging, a timeout */
  guint        merge_task_id;   /* ... or the idle task doing it */
  guint        merge_retries;   /* found the database locked, in a row */
  GHashTable  *read_aheads;     /* name → ReadAhead */
};

typedef struct
{
  GThread        *thread;
  char           *path;
  gboolean        read_only;
  DtReadFunc      func;
  gpointer        data;
  GDestroyNotify  data_free;
  gpointer        result;
  GDestroyNotify  result_free;
  GError         *error;
  gboolean        stale;        /* the database or the day changed after it began */
  gint64          started;
  gint64          done;
} ReadAhead;

typedef struct
{
  guint       id;
  GSourceFunc func;
  gpointer    data;
} IdleTask;

G_DEFINE_FINAL_TYPE (DtContext, dt_context, G_TYPE_OBJECT)

enum {
  TODAY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const list_tables[] = {
  [DT_LIST_VILLAGES] = "villages",
  [DT_LIST_AGENCIES] = "agencies",
  [DT_LIST_FIELDS] = "fields",
};

/* Replaces what LIST holds only where it differs: an entry's completion keeps its place. */
static void
update_strings (GtkStringList *list,
                char         **values)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint n_new = values != NULL ? g_strv_length (values) : 0;
  gboolean same = n_old == n_new;

  for (guint i = 0; same && i < n_new; i++)
    same = g_strcmp0 (gtk_string_list_get_string (list, i), values[i]) == 0;
  if (!same)
    gtk_string_list_splice (list, 0, n_old, (const char * const *) values);
}

static void
reload_names (DtContext *self,
              DtList     list)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  if (self->names[list] == NULL)
    return;
  names = dt_list_get (self->database, list, &error);
  if (names == NULL)
    {
      g_warning ("Cannot read the %s: %s", list_tables[list], error->message);
      return;
    }
  update_strings (self->names[list], names);
}

static void
reload_sessions (DtContext *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) codes = NULL;
  guint n;

  if (self->sessions == NULL)
    return;
  codes = dt_session_list_codes (self->database, &error);
  if (codes == NULL)
    {
      g_warning ("Cannot read the sessions: %s", error->message);
      return;
    }
  /* Newest first: the session being typed up is nearly always the latest. */
  n = g_strv_length (codes);
  for (guint i = 0; i < n / 2; i++)
    {
      char *swap = codes[i];
      codes[i] = codes[n - 1 - i];
      codes[n - 1 - i] = swap;
    }
  update_strings (self->sessions, codes);
}

/* What was read ahead from now on may be older than the database or the day. */
static void
read_aheads_are_stale (DtContext *self)
{
  GHashTableIter iter;
  gpointer read;

  if (self->read_aheads == NULL)
    return;
  g_hash_table_iter_init (&iter, self->read_aheads);
  while (g_hash_table_iter_next (&iter, NULL, &read))
    ((ReadAhead *) read)->stale = TRUE;
}

/* FTS5 merges the search index only when asked, since migration 0012 (dt_search_merge_index
 * ()): once the petitions stopped changing for a second, some 64 pages at a time in idle tasks
 * (5–10 ms each at 100,000 petitions), a moment apart, for as long as there is more. Work
 * nobody waits for does not wait for a lock either: while another program writes, it is tried
 * again a few times, then left for the next change (or the close). */
#define MERGE_DELAY_MS 1000
#define MERGE_STEP_GAP_MS 50
#define MERGE_RETRY_MS 10000
#define MERGE_RETRIES 3
#define MERGE_PAGES 64

static void merge_later (DtContext *self,
                         guint      delay_ms);

static gboolean
merge_step_cb (gpointer user_data)
{
  DtContext *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  gboolean merged = FALSE;

  gboolean done;

  self->merge_task_id = 0;
  dt_database_set_busy_timeout (self->database, 0);
  done = dt_search_merge_index (self->database, MERGE_PAGES, &merged, &error);
  dt_database_set_busy_timeout (self->database, DT_CONTEXT_BUSY_TIMEOUT_MS);
  if (!done)
    {
      /* The console program writing, say: later. */
      g_debug ("The search index was not merged: %s", error->message);
      if (g_error_matches (error, DT_ERROR, DT_ERROR_LOCKED) && self->merge_retries++ < MERGE_RETRIES)
        merge_later (self, MERGE_RETRY_MS);
      return G_SOURCE_REMOVE;
    }
  self->merge_retries = 0;
  g_debug ("The search index merged%s in %.1f ms", merged ? "" : " (nothing to merge)",
           (g_get_monotonic_time () - started) / 1000.0);
  if (merged)
    merge_later (self, MERGE_STEP_GAP_MS);
  return G_SOURCE_REMOVE;
}

static gboolean
merge_timeout_cb (gpointer user_data)
{
  DtContext *self = user_data;

  self->merge_id = 0;
  self->merge_task_id = dt_context_add_idle (self, merge_step_cb, self);
  return G_SOURCE_REMOVE;
}

static void
merge_later (DtContext *self,
             guint      delay_ms)
{
  g_clear_handle_id (&self->merge_id, g_source_remove);
  if (self->merge_task_id != 0)
    dt_context_cancel_idle (self, self->merge_task_id);
  self->merge_task_id = 0;
  self->merge_id = g_timeout_add (delay_ms, merge_timeout_cb, self);
}

static void
database_changed_cb (DtContext  *self,
                     DtChanges  *changes,
                     DtDatabase *database)
{
  read_aheads_are_stale (self);
  if (dt_changes_touches (changes, "petitions") && !dt_database_is_read_only (database))
    {
      self->merge_retries = 0;
      merge_later (self, MERGE_DELAY_MS);
    }
  for (guint i = 0; i < G_N_ELEMENTS (list_tables); i++)
    if (dt_changes_touches (changes, list_tables[i]))
      reload_names (self, i);
  if (dt_changes_touches (changes, "sessions"))
    reload_sessions (self);
}

static gboolean
external_check_cb (gpointer user_data)
{
  dt_context_check_external (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
today_check_cb (gpointer user_data)
{
  DtContext *self = user_data;
  GDate today;

  dt_today (&today);
  if (g_date_compare (&today, &self->today) != 0)
    {
      self->today = today;
      read_aheads_are_stale (self);
      g_signal_emit (self, signals[TODAY_CHANGED], 0);
    }
  return G_SOURCE_CONTINUE;
}

static void
dt_context_dispose (GObject *object)
{
  DtContext *self = (DtContext *) object;

  g_clear_handle_id (&self->external_id, g_source_remove);
  g_clear_handle_id (&self->today_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->release_id, g_source_remove);
  g_clear_handle_id (&self->merge_id, g_source_remove);
  self->merge_task_id = 0;
  g_queue_clear_full (&self->idle_tasks, g_free);
  /* Threads that still read are waited for. */
  g_clear_pointer (&self->read_aheads, g_hash_table_unref);
  if (self->database != NULL)
    g_clear_signal_handler (&self->changed_id, self->database);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  for (guint i = 0; i < G_N_ELEMENTS (self->names); i++)
    g_clear_object (&self->names[i]);
  g_clear_object (&self->sessions);

  G_OBJECT_CLASS (dt_context_parent_class)->dispose (object);
}

static void
dt_context_class_init (DtContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_context_dispose;

  /**
   * DtContext::today-changed:
   *
   * The day moved on (the window was left open overnight): statuses and deadlines as of
   * today are different.
   */
  signals[TODAY_CHANGED] =
    g_signal_new ("today-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
dt_context_init (DtContext *self)
{
  dt_today (&self->today);
}

DtContext *
dt_context_new (DtDatabase *database,
                GSettings  *settings)
{
  DtContext *self;

  g_return_val_if_fail (DT_IS_DATABASE (database), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (DT_TYPE_CONTEXT, NULL);
  self->database = g_object_ref (database);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  dt_database_set_busy_timeout (database, DT_CONTEXT_BUSY_TIMEOUT_MS);
  dt_database_set_cache_size (database, DT_CONTEXT_CACHE_KIB);
  self->changed_id = g_signal_connect_object (database, "changed",
                                              G_CALLBACK (database_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  self->external_id = g_timeout_add_seconds (EXTERNAL_CHECK_SECONDS, external_check_cb, self);
  self->today_id = g_timeout_add_seconds (TODAY_CHECK_SECONDS, today_check_cb, self);
  return self;
}

DtDatabase *
dt_context_get_database (DtContext *self)
{
  g_return_val_if_fail (DT_IS_CONTEXT (self), NULL);
  return self->database;
}

GSettings *
dt_context_get_settings (DtContext *self)
{
  g_return_val_if_fail (DT_IS_CONTEXT (self), NULL);
  return self->settings;
}

void
dt_context_get_today (DtContext *self,
                      GDate     *today)
{
  g_return_if_fail (DT_IS_CONTEXT (self));
  g_return_if_fail (today != NULL);
  *today = self->today;
}

char *
dt_context_dup_today_iso (DtContext *self)
{
  g_return_val_if_fail (DT_IS_CONTEXT (self), NULL);
  return dt_date_to_iso (&self->today);
}

GListModel *
dt_context_get_names (DtContext *self,
                      DtList     list)
{
  g_return_val_if_fail (DT_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (list < G_N_ELEMENTS (self->names), NULL);

  if (self->names[list] == NULL)
    {
      self->names[list] = gtk_string_list_new (NULL);
      reload_names (self, list);
    }
  return G_LIST_MODEL (self->names[list]);
}

GListModel *
dt_context_get_sessions (DtContext *self)
{
  g_return_val_if_fail (DT_IS_CONTEXT (self), NULL);

  if (self->sessions == NULL)
    {
      self->sessions = gtk_string_list_new (NULL);
      reload_sessions (self);
    }
  return G_LIST_MODEL (self->sessions);
}

void
dt_context_check_external (DtContext *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DT_IS_CONTEXT (self));

  /* Back at the window after a while: the day may have moved on too. */
  today_check_cb (self);
  /* Listeners (this context among them) hear of it through DtDatabase::changed. */
  if (!dt_database_check_external (self->database, &error) && error != NULL)
    g_debug ("Cannot look for other programs' changes: %s", error->message);
}

static gboolean
run_idle_task_cb (gpointer user_data)
{
  DtContext *self = user_data;
  g_autofree IdleTask *task = g_queue_pop_head (&self->idle_tasks);
  gint64 started = g_get_monotonic_time ();

  if (task != NULL)
    {
      task->func (task->data);
      g_debug ("A task done while the window was idle took %.1f ms",
               (g_get_monotonic_time () - started) / 1000.0);
    }
  if (!g_queue_is_empty (&self->idle_tasks))
    return G_SOURCE_CONTINUE;
  self->idle_id = 0;
  /* The work of the window's start is done: what it only needed meanwhile goes back. */
  dt_context_release_memory_later (self);
  return G_SOURCE_REMOVE;
}

static gboolean
release_memory_cb (gpointer user_data)
{
  DtContext *self = user_data;

  self->release_id = 0;
#if defined(__GLIBC__)
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

void
dt_context_release_memory_later (DtContext *self)
{
  g_return_if_fail (DT_IS_CONTEXT (self));

  /* From the last call: scrolling asks at each step. */
  g_clear_handle_id (&self->release_id, g_source_remove);
  self->release_id = g_timeout_add_full (G_PRIORITY_LOW, RELEASE_MEMORY_MS, release_memory_cb,
                                         self, NULL);
}

guint
dt_context_add_idle (DtContext   *self,
                     GSourceFunc  func,
                     gpointer     data)
{
  IdleTask *task;

  g_return_val_if_fail (DT_IS_CONTEXT (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  task = g_new0 (IdleTask, 1);
  task->id = ++self->last_task_id;
  if (task->id == 0)
    task->id = ++self->last_task_id;
  task->func = func;
  task->data = data;
  g_queue_push_tail (&self->idle_tasks, task);
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, run_idle_task_cb, self, NULL);
  return task->id;
}

void
dt_context_cancel_idle (DtContext *self,
                        guint      id)
{
  g_return_if_fail (DT_IS_CONTEXT (self));

  if (id == 0)
    return;
  for (GList *l = self->idle_tasks.head; l != NULL; l = l->next)
    {
      IdleTask *task = l->data;

      if (task->id == id)
        {
          g_queue_delete_link (&self->idle_tasks, l);
          g_free (task);
          return;
        }
    }
}

static gpointer
read_ahead_thread (gpointer user_data)
{
  ReadAhead *read = user_data;
  g_autoptr(DtDatabase) database = NULL;

  /* One connection per thread; a file another program holds is given up on quickly, as the
   * window's own is: the main thread may be waiting for this one. */
  database = dt_database_open (read->path,
                               (read->read_only ? DT_DATABASE_OPEN_READ_ONLY
                                                : DT_DATABASE_OPEN_EXISTING) |
                               DT_DATABASE_OPEN_SHORT_WAIT, &read->error);
  if (database != NULL)
    {
      dt_database_set_busy_timeout (database, DT_CONTEXT_BUSY_TIMEOUT_MS);
      dt_database_set_cache_size (database, DT_CONTEXT_CACHE_KIB);
      read->result = read->func (database, read->data, &read->error);
    }
  read->done = g_get_monotonic_time ();
  return NULL;
}

/* Waits for the thread, if it runs, and lets go of what it was given. */
static void
read_ahead_join (ReadAhead *read)
{
  if (read->thread == NULL)
    return;
  g_thread_join (g_steal_pointer (&read->thread));
  if (read->data_free != NULL)
    g_clear_pointer (&read->data, read->data_free);
}

static void
read_ahead_free (ReadAhead *read)
{
  read_ahead_join (read);
  if (read->result != NULL && read->result_free != NULL)
    read->result_free (read->result);
  g_clear_error (&read->error);
  g_free (read->path);
  g_free (read);
}

void
dt_context_read_ahead (DtContext      *self,
                       const char     *name,
                       DtReadFunc      func,
                       gpointer        data,
                       GDestroyNotify  data_free,
                       GDestroyNotify  result_free)
{
  g_autoptr(GError) error = NULL;
  ReadAhead *read;

  g_return_if_fail (DT_IS_CONTEXT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (func != NULL);

  if (self->read_aheads == NULL)
    self->read_aheads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) read_ahead_free);
  read = g_new0 (ReadAhead, 1);
  read->path = g_strdup (dt_database_get_path (self->database));
  read->read_only = dt_database_is_read_only (self->database);
  read->func = func;
  read->data = data;
  read->data_free = data_free;
  read->result_free = result_free;
  read->started = g_get_monotonic_time ();
  read->thread = g_thread_try_new ("dt-read-ahead", read_ahead_thread, read, &error);
  if (read->thread == NULL)
    {
      /* Nothing read ahead: the caller reads when it needs it. */
      g_debug ("Cannot read %s ahead: %s", name, error->message);
      if (data_free != NULL)
        data_free (data);
      g_free (read->path);
      g_free (read);
      g_hash_table_remove (self->read_aheads, name);
      return;
    }
  g_hash_table_replace (self->read_aheads, g_strdup (name), read);
}

gboolean
dt_context_is_reading_ahead (DtContext  *self,
                             const char *name)
{
  g_return_val_if_fail (DT_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return self->read_aheads != NULL && g_hash_table_contains (self->read_aheads, name);
}

gpointer
dt_context_take_read_ahead (DtContext  *self,
                            const char *name)
{
  ReadAhead *read;
  gpointer result = NULL;
  gint64 asked = g_get_monotonic_time ();

  g_return_val_if_fail (DT_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->read_aheads == NULL || !(read = g_hash_table_lookup (self->read_aheads, name)))
    return NULL;
  read_ahead_join (read);
  g_debug ("%s read ahead in %.1f ms (%s), waited for %.1f ms", name,
           (read->done - read->started) / 1000.0,
           read->result == NULL ? (read->error != NULL ? read->error->message : "nothing")
                                : read->stale ? "too old" : "taken",
           (g_get_monotonic_time () - asked) / 1000.0);
  if (!read->stale)
    result = g_steal_pointer (&read->result);
  g_hash_table_remove (self->read_aheads, name);
  return result;
}

gboolean
dt_context_get_read_only (DtContext *self)
{
  g_return_val_if_fail (DT_IS_CONTEXT (self), FALSE);

  return dt_database_is_read_only (self->database);
}

void
dt_context_set_write_action_enabled (DtContext  *self,
                                     GtkWidget  *widget,
                                     const char *action_name,
                                     gboolean    enabled)
{
  g_return_if_fail (self == NULL || DT_IS_CONTEXT (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_action_set_enabled (widget, action_name,
                                 enabled && (self == NULL || !dt_context_get_read_only (self)));
}
