/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-petition-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-database-private.h"
#include "dt-petition-list.h"
#include "dt-search.h"
#include "dt-text.h"
#include "dt-util.h"

#define PAGE_SIZE 50
/* Rows kept once read: the 200 a list view of GTK 4.8 keeps bound, and a few pages either side
 * of them for scrolling back (more only held memory: 2,000 rows were 1–2 MB a list). */
#define CACHE_MAX 600

struct _DtPetitionList
{
  GObject           parent_instance;

  DtDatabase       *db;
  gulong            changed_id;
  DtPetitionFilter *filter;
  DtPetitionOrder   order;
  char             *search;
  GArray           *ids;         /* gint64, in the order shown */
  /* While a search is on: the ids without it, as they were when it began, for the search
   * to come back to in one copy (no longer when anything changed meanwhile). */
  GArray           *unsearched;
  GHashTable       *positions;   /* id → position + 1, built when first asked */
  GHashTable       *cache;       /* id → DtPetitionRow */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DtPetitionList, dt_petition_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
dt_petition_list_get_item_type (GListModel *model)
{
  return DT_TYPE_PETITION_ROW;
}

static guint
dt_petition_list_get_n_items (GListModel *model)
{
  return DT_PETITION_LIST (model)->ids->len;
}

static void
as_of_date (DtPetitionList *self,
            GDate          *as_of)
{
  if (self->filter != NULL && g_date_valid (&self->filter->as_of))
    *as_of = self->filter->as_of;
  else
    dt_today (as_of);
}

static gboolean
fetch_page (DtPetitionList  *self,
            guint            position,
            GError         **error)
{
  guint start = position / PAGE_SIZE * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - start);
  g_autoptr(GPtrArray) rows = NULL;
  GDate as_of;

  as_of_date (self, &as_of);
  if (g_hash_table_size (self->cache) + n > CACHE_MAX)
    g_hash_table_remove_all (self->cache);
  rows = dt_petition_rows_by_id (self->db, &g_array_index (self->ids, gint64, start), n,
                                 &as_of, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      DtPetitionRow *row = g_ptr_array_index (rows, i);
      gint64 *id = g_new (gint64, 1);

      *id = dt_petition_row_get_id (row);
      g_hash_table_replace (self->cache, id, g_object_ref (row));
    }
  return TRUE;
}

static gpointer
dt_petition_list_get_item (GListModel *model,
                           guint       position)
{
  DtPetitionList *self = DT_PETITION_LIST (model);
  g_autoptr(GError) error = NULL;
  DtPetitionRow *row;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;
  id = g_array_index (self->ids, gint64, position);
  if ((row = g_hash_table_lookup (self->cache, &id)) != NULL)
    return g_object_ref (row);
  if (!fetch_page (self, position, &error))
    g_warning ("Petitions could not be read: %s", error->message);
  if ((row = g_hash_table_lookup (self->cache, &id)) != NULL)
    return g_object_ref (row);
  /* Deleted by another program since the ids were read: an empty row until the refresh. */
  return g_object_new (DT_TYPE_PETITION_ROW, NULL);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = dt_petition_list_get_item_type;
  iface->get_n_items = dt_petition_list_get_n_items;
  iface->get_item = dt_petition_list_get_item;
}

/* Hits of the search, best first, kept to those the filter lets through. */
static GArray *
search_ids (DtPetitionList  *self,
            GError         **error)
{
  g_autoptr(GArray) hits = dt_search_petition_ids (self->db, self->search,
                                                   DT_PETITION_LIST_MAX_HITS, error);

  if (hits == NULL)
    return NULL;
  if (self->filter == NULL)
    return g_steal_pointer (&hits);
  /* The filter asked of the hits alone: at each key typed, not of all 100,000 petitions. */
  return dt_petition_query_ids_among (self->db, self->filter, (const gint64 *) hits->data,
                                      hits->len, error);
}

static GArray *
read_ids (DtPetitionList  *self,
          GError         **error)
{
  if (self->search != NULL)
    return search_ids (self, error);
  return dt_petition_query_ids (self->db, self->filter, self->order, error);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Puts NEW_IDS in place and emits the one items-changed that covers the difference: the ids
 * both arrays share at the start and at the end stay. Then rows that are CHANGED (or all
 * cached ones, when CHANGES says another program wrote) and stayed put get (pos, 1, 1). */
static void
replace_ids (DtPetitionList  *self,
             GArray          *new_ids,
             const DtChanges *changes)
{
  g_autoptr(GArray) old_ids = self->ids;
  guint n_old = old_ids->len, n_new = new_ids->len;
  guint prefix = 0, suffix = 0;
  g_autoptr(GArray) refresh = g_array_new (FALSE, FALSE, sizeof (guint));

  while (prefix < n_old && prefix < n_new &&
         g_array_index (old_ids, gint64, prefix) == g_array_index (new_ids, gint64, prefix))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         g_array_index (old_ids, gint64, n_old - 1 - suffix) ==
           g_array_index (new_ids, gint64, n_new - 1 - suffix))
    suffix++;

  self->ids = g_array_ref (new_ids);
  g_clear_pointer (&self->positions, g_hash_table_unref);

  if (changes != NULL)
    {
      GDate as_of;
      g_autoptr(GPtrArray) old_rows = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GArray) cached = g_array_new (FALSE, FALSE, sizeof (gint64));
      GHashTableIter iter;
      gpointer key, value;

      /* Rows in the cache that may be out of date are read again and compared. */
      g_hash_table_iter_init (&iter, self->cache);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (dt_changes_is_external (changes) ||
            !dt_changes_touches (changes, "petitions") ||
            dt_changes_contains (changes, "petitions", *(gint64 *) key))
          {
            g_array_append_vals (cached, key, 1);
            g_ptr_array_add (old_rows, g_object_ref (value));
          }
      as_of_date (self, &as_of);
      if (cached->len > 0)
        {
          g_autoptr(GPtrArray) rows = dt_petition_rows_by_id (self->db, (gint64 *) cached->data,
                                                              cached->len, &as_of, NULL);
          g_autoptr(GHashTable) fresh = g_hash_table_new (g_int64_hash, g_int64_equal);

          for (guint i = 0; rows != NULL && i < rows->len; i++)
            {
              DtPetitionRow *row = g_ptr_array_index (rows, i);
              gint64 *id = g_new (gint64, 1);

              *id = dt_petition_row_get_id (row);
              g_hash_table_insert (fresh, id, row);
              g_hash_table_replace (self->cache, id, g_object_ref (row));
            }
          for (guint i = 0; i < old_rows->len; i++)
            {
              DtPetitionRow *old_row = g_ptr_array_index (old_rows, i);
              gint64 id = dt_petition_row_get_id (old_row);
              DtPetitionRow *row = g_hash_table_lookup (fresh, &id);
              guint position;

              if (row == NULL)
                {
                  g_hash_table_remove (self->cache, &id);
                  continue;
                }
              if (!dt_petition_row_equal (row, old_row) &&
                  dt_petition_list_find (self, id, &position) &&
                  (position < prefix || position >= n_new - suffix))
                g_array_append_val (refresh, position);
            }
        }
    }
  else
    g_hash_table_remove_all (self->cache);

  if (prefix + suffix < n_old || prefix + suffix < n_new)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_old - prefix - suffix,
                                n_new - prefix - suffix);
  g_array_sort (refresh, compare_uint);
  for (guint i = 0; i < refresh->len; i++)
    g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (refresh, guint, i), 1, 1);
}

static gboolean
reload (DtPetitionList   *self,
        const DtChanges  *changes,
        GError          **error)
{
  g_autoptr(GArray) ids = read_ids (self, error);

  if (ids == NULL)
    return FALSE;
  replace_ids (self, ids, changes);
  return TRUE;
}

static void
database_changed_cb (DtPetitionList *self,
                     DtChanges      *changes,
                     DtDatabase     *db)
{
  g_autoptr(GError) error = NULL;
  static const char * const shown[] = {
    "petitions", "villages", "fields", "agencies", "sessions", "calendar_years",
    "calendar_days", "unit", NULL
  };
  gboolean touched = FALSE;

  for (guint i = 0; shown[i] != NULL && !touched; i++)
    touched = dt_changes_touches (changes, shown[i]);
  if (touched)
    g_clear_pointer (&self->unsearched, g_array_unref);
  if (touched && !reload (self, changes, &error))
    g_warning ("The list of petitions could not be read again: %s", error->message);
}

static void
dt_petition_list_dispose (GObject *object)
{
  DtPetitionList *self = (DtPetitionList *) object;

  g_clear_signal_handler (&self->changed_id, self->db);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (dt_petition_list_parent_class)->dispose (object);
}

static void
dt_petition_list_finalize (GObject *object)
{
  DtPetitionList *self = (DtPetitionList *) object;

  g_clear_pointer (&self->filter, dt_petition_filter_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->unsearched, g_array_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (dt_petition_list_parent_class)->finalize (object);
}

static void
dt_petition_list_class_init (DtPetitionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_petition_list_dispose;
  object_class->finalize = dt_petition_list_finalize;
}

static void
dt_petition_list_init (DtPetitionList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

DtPetitionList *
dt_petition_list_new (DtDatabase  *db,
                      GError     **error)
{
  return dt_petition_list_new_with_view (db, NULL, DT_PETITION_ORDER_RECEIVED, error);
}

/* The list without its ids yet. */
static DtPetitionList *
list_new (DtDatabase             *db,
          const DtPetitionFilter *filter,
          DtPetitionOrder         order)
{
  DtPetitionList *self = g_object_new (DT_TYPE_PETITION_LIST, NULL);

  self->db = g_object_ref (db);
  self->filter = filter != NULL ? dt_petition_filter_copy (filter) : NULL;
  self->order = order;
  self->changed_id = g_signal_connect_object (db, "changed", G_CALLBACK (database_changed_cb),
                                              self, G_CONNECT_SWAPPED);
  return self;
}

DtPetitionList *
dt_petition_list_new_with_view (DtDatabase              *db,
                                const DtPetitionFilter  *filter,
                                DtPetitionOrder          order,
                                GError                 **error)
{
  g_autoptr(DtPetitionList) self = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (order <= DT_PETITION_ORDER_DAYS_OVERDUE, NULL);

  self = list_new (db, filter, order);
  if (!reload (self, NULL, error))
    return NULL;
  return g_steal_pointer (&self);
}

DtPetitionList *
dt_petition_list_new_with_ids (DtDatabase             *db,
                               const DtPetitionFilter *filter,
                               DtPetitionOrder         order,
                               GArray                 *ids)
{
  DtPetitionList *self;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (order <= DT_PETITION_ORDER_DAYS_OVERDUE, NULL);
  g_return_val_if_fail (ids != NULL && g_array_get_element_size (ids) == sizeof (gint64), NULL);

  self = list_new (db, filter, order);
  replace_ids (self, ids, NULL);
  return self;
}

DtDatabase *
dt_petition_list_get_database (DtPetitionList *self)
{
  g_return_val_if_fail (DT_IS_PETITION_LIST (self), NULL);
  return self->db;
}

const DtPetitionFilter *
dt_petition_list_get_filter (DtPetitionList *self)
{
  g_return_val_if_fail (DT_IS_PETITION_LIST (self), NULL);
  return self->filter;
}

/* A new view of the list: one items-changed for all of it, nothing kept. */
/* IDS in place of the list's, as one change; KEEP_ROWS when the rows in the cache still
 * hold (the same day's status: a search or an order, not a filter). */
static void
reset_to (DtPetitionList *self,
          GArray         *ids,
          gboolean        keep_rows)
{
  guint n_old = self->ids->len;

  g_array_unref (self->ids);
  self->ids = ids;
  g_clear_pointer (&self->positions, g_hash_table_unref);
  if (!keep_rows)
    g_hash_table_remove_all (self->cache);
  if (n_old > 0 || self->ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, self->ids->len);
}

static gboolean
reset (DtPetitionList  *self,
       gboolean         keep_rows,
       GError         **error)
{
  GArray *ids = read_ids (self, error);

  if (ids == NULL)
    return FALSE;
  reset_to (self, ids, keep_rows);
  return TRUE;
}

gboolean
dt_petition_list_set_filter (DtPetitionList          *self,
                             const DtPetitionFilter  *filter,
                             GError                 **error)
{
  g_return_val_if_fail (DT_IS_PETITION_LIST (self), FALSE);

  /* A filter naming what does not exist is refused: the list stays as it was. */
  return dt_petition_list_set_view (self, filter, self->order, error);
}

gboolean
dt_petition_list_set_view (DtPetitionList          *self,
                           const DtPetitionFilter  *filter,
                           DtPetitionOrder          order,
                           GError                 **error)
{
  DtPetitionFilter *old_filter;
  DtPetitionOrder old_order;
  gboolean same_filter;

  g_return_val_if_fail (DT_IS_PETITION_LIST (self), FALSE);
  g_return_val_if_fail (order <= DT_PETITION_ORDER_DAYS_OVERDUE, FALSE);

  same_filter = dt_petition_filter_equal (self->filter, filter);
  if (same_filter && order == self->order)
    return TRUE;
  old_filter = g_steal_pointer (&self->filter);
  old_order = self->order;
  self->filter = filter != NULL ? dt_petition_filter_copy (filter) : NULL;
  self->order = order;
  g_clear_pointer (&self->unsearched, g_array_unref);
  /* A search keeps its own order: only a new filter reads it again. */
  if ((self->search == NULL || !same_filter) && !reset (self, same_filter, error))
    {
      g_clear_pointer (&self->filter, dt_petition_filter_free);
      self->filter = old_filter;
      self->order = old_order;
      return FALSE;
    }
  g_clear_pointer (&old_filter, dt_petition_filter_free);
  return TRUE;
}

DtPetitionOrder
dt_petition_list_get_order (DtPetitionList *self)
{
  g_return_val_if_fail (DT_IS_PETITION_LIST (self), DT_PETITION_ORDER_RECEIVED);
  return self->order;
}

gboolean
dt_petition_list_set_order (DtPetitionList   *self,
                            DtPetitionOrder   order,
                            GError          **error)
{
  g_return_val_if_fail (DT_IS_PETITION_LIST (self), FALSE);

  return dt_petition_list_set_view (self, self->filter, order, error);
}

const char *
dt_petition_list_get_search (DtPetitionList *self)
{
  g_return_val_if_fail (DT_IS_PETITION_LIST (self), NULL);
  return self->search;
}

gboolean
dt_petition_list_set_search (DtPetitionList  *self,
                             const char      *query,
                             GError         **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *old = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (DT_IS_PETITION_LIST (self), FALSE);

  if (query != NULL && g_utf8_validate (query, -1, NULL))
    {
      clean = dt_text_clean (query);
      words = clean != NULL ? dt_text_words (clean) : NULL;
      if (words == NULL || words[0] == NULL)
        g_clear_pointer (&clean, g_free);
    }
  else if (query != NULL)
    clean = g_strdup (query);  /* the search says what is wrong with it */

  if (g_strcmp0 (clean, self->search) == 0)
    return TRUE;
  old = g_steal_pointer (&self->search);
  self->search = g_steal_pointer (&clean);
  /* Back to the whole list (the box emptied, or all of it typed over): the ids it had when
   * the search began, unless something changed since. */
  if (self->search == NULL && self->unsearched != NULL)
    {
      reset_to (self, g_steal_pointer (&self->unsearched), TRUE);
      return TRUE;
    }
  if (old == NULL && self->unsearched == NULL)
    self->unsearched = g_array_ref (self->ids);
  if (!reset (self, TRUE, error))
    {
      g_free (self->search);
      self->search = g_steal_pointer (&old);
      if (self->search == NULL)
        g_clear_pointer (&self->unsearched, g_array_unref);
      return FALSE;
    }
  return TRUE;
}

gboolean
dt_petition_list_refresh (DtPetitionList  *self,
                          GError         **error)
{
  g_autoptr(DtChanges) everything = NULL;

  g_return_val_if_fail (DT_IS_PETITION_LIST (self), FALSE);

  everything = _dt_changes_new_from_rows (NULL, 0);
  g_clear_pointer (&self->unsearched, g_array_unref);
  return reload (self, everything, error);
}

gint64
dt_petition_list_get_id (DtPetitionList *self,
                         guint           position)
{
  g_return_val_if_fail (DT_IS_PETITION_LIST (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);
  return g_array_index (self->ids, gint64, position);
}

gboolean
dt_petition_list_find (DtPetitionList *self,
                       gint64          id,
                       guint          *position)
{
  gpointer found;

  g_return_val_if_fail (DT_IS_PETITION_LIST (self), FALSE);

  if (self->positions == NULL)
    {
      self->positions = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < self->ids->len; i++)
        g_hash_table_insert (self->positions, &g_array_index (self->ids, gint64, i),
                             GUINT_TO_POINTER (i + 1));
    }
  found = g_hash_table_lookup (self->positions, &id);
  if (found == NULL)
    return FALSE;
  if (position != NULL)
    *position = GPOINTER_TO_UINT (found) - 1;
  return TRUE;
}
