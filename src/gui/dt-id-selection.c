/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-id-selection"

#include "config.h"

#include "dt-id-selection.h"

/* A position of the list, as GTK sees it. The selection remembers it only while GTK holds
 * it (the same object for the same position); scrolled past, it goes. */
struct _DtRowRef
{
  GObject        parent_instance;
  guint          position;
  DtIdSelection *owner;          /* unowned; NULL once the selection is gone */
};

G_DEFINE_FINAL_TYPE (DtRowRef, dt_row_ref, G_TYPE_OBJECT)

static void forget_ref (DtIdSelection *self,
                        DtRowRef      *ref);

static void
dt_row_ref_finalize (GObject *object)
{
  DtRowRef *self = (DtRowRef *) object;

  if (self->owner != NULL)
    forget_ref (self->owner, self);
  G_OBJECT_CLASS (dt_row_ref_parent_class)->finalize (object);
}

static void
dt_row_ref_class_init (DtRowRefClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dt_row_ref_finalize;
}

static void
dt_row_ref_init (DtRowRef *self)
{
}

guint
dt_row_ref_get_position (DtRowRef *self)
{
  g_return_val_if_fail (DT_IS_ROW_REF (self), 0);
  return self->position;
}

struct _DtIdSelection
{
  GObject         parent_instance;

  DtPetitionList *list;
  GHashTable     *chosen;     /* set of gint64 ids (owned keys) */
  GPtrArray      *refs;       /* DtRowRef by position while GTK holds it (no reference) */
  guint           n_shown;    /* what GTK was told the list holds */
  guint           limit;      /* at most that many shown (dt_id_selection_set_limit ()) */
  gboolean        multiple;
};

enum {
  CONTENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DtIdSelection, dt_id_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      selection_model_iface_init))

static guint
n_items (DtIdSelection *self)
{
  return self->n_shown;
}

static gint64
id_at (DtIdSelection *self,
       guint          position)
{
  return dt_petition_list_get_id (self->list, position);
}

static gboolean
chosen (DtIdSelection *self,
        gint64         id)
{
  return g_hash_table_contains (self->chosen, &id);
}

static void
choose (DtIdSelection *self,
        gint64         id)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_add (self->chosen, key);
}

/* The span of positions now chosen, to tell GTK what to redraw: [first, last]. */
static gboolean
chosen_span (DtIdSelection *self,
             guint         *first,
             guint         *last)
{
  GHashTableIter iter;
  gpointer key;
  gboolean any = FALSE;

  g_hash_table_iter_init (&iter, self->chosen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint position;

      if (!dt_petition_list_find (self->list, *(gint64 *) key, &position))
        continue;
      if (!any || position < *first)
        *first = position;
      if (!any || position > *last)
        *last = position;
      any = TRUE;
    }
  return any;
}

/* Empties the choice; the span of what was chosen is added to [*first, *last]. */
static gboolean
clear (DtIdSelection *self,
       guint         *first,
       guint         *last,
       gboolean      *any)
{
  guint a = 0, b = 0;

  if (g_hash_table_size (self->chosen) == 0)
    return FALSE;
  if (chosen_span (self, &a, &b))
    {
      *first = *any ? MIN (*first, a) : a;
      *last = *any ? MAX (*last, b) : b;
      *any = TRUE;
    }
  g_hash_table_remove_all (self->chosen);
  return TRUE;
}

static void
changed (DtIdSelection *self,
         gboolean       any,
         guint          first,
         guint          last)
{
  guint n = n_items (self);

  /* Within what GTK was told of (dt_id_selection_set_limit ()); said all the same when the
   * change lies beyond it, for those who follow the selection through this signal. */
  if (!any || n == 0)
    return;
  first = MIN (first, n - 1);
  last = MIN (MAX (last, first), n - 1);
  gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), first, last - first + 1);
}

/* GListModel: the list, as it is */

static GType
get_item_type (GListModel *model)
{
  return DT_TYPE_ROW_REF;
}

static guint
get_n_items (GListModel *model)
{
  return n_items (DT_ID_SELECTION (model));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  DtIdSelection *self = DT_ID_SELECTION (model);
  DtRowRef *ref;

  if (position >= n_items (self))
    return NULL;
  if (position >= self->refs->len)
    g_ptr_array_set_size (self->refs, position + 1);
  ref = g_ptr_array_index (self->refs, position);
  if (ref != NULL)
    return g_object_ref (ref);
  ref = g_object_new (DT_TYPE_ROW_REF, NULL);
  ref->position = position;
  ref->owner = self;
  self->refs->pdata[position] = ref;
  return ref;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* GtkSelectionModel */

static gboolean
is_selected (GtkSelectionModel *model,
             guint              position)
{
  DtIdSelection *self = DT_ID_SELECTION (model);

  return position < n_items (self) && chosen (self, id_at (self, position));
}

static GtkBitset *
get_selection_in_range (GtkSelectionModel *model,
                        guint              position,
                        guint              n)
{
  DtIdSelection *self = DT_ID_SELECTION (model);
  GtkBitset *bitset = gtk_bitset_new_empty ();
  guint total = n_items (self);
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (self->chosen) < n)
    {
      /* Few chosen: where each of them is. */
      g_hash_table_iter_init (&iter, self->chosen);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          guint found;

          if (dt_petition_list_find (self->list, *(gint64 *) key, &found) && found >= position &&
              found < position + n)
            gtk_bitset_add (bitset, found);
        }
      return bitset;
    }
  for (guint i = position; i < position + n && i < total; i++)
    if (chosen (self, id_at (self, i)))
      gtk_bitset_add (bitset, i);
  return bitset;
}

static gboolean
select_range (GtkSelectionModel *model,
              guint              position,
              guint              n,
              gboolean           unselect_rest)
{
  DtIdSelection *self = DT_ID_SELECTION (model);
  guint total = n_items (self);
  guint end;
  /* What changes on screen: the range chosen, and what was chosen before when it goes. */
  guint first, last;
  gboolean any = TRUE;

  if (n == 0 || position >= total)
    return FALSE;
  end = MIN (position + n, total);
  if (!self->multiple)
    {
      /* One at a time: the last of the range. */
      unselect_rest = TRUE;
      position = end - 1;
    }
  first = position;
  last = end - 1;
  if (unselect_rest)
    clear (self, &first, &last, &any);
  for (guint i = position; i < end; i++)
    choose (self, id_at (self, i));
  changed (self, any, first, last);
  return TRUE;
}

static gboolean
select_item (GtkSelectionModel *model,
             guint              position,
             gboolean           unselect_rest)
{
  return select_range (model, position, 1, unselect_rest);
}

static gboolean
unselect_range (GtkSelectionModel *model,
                guint              position,
                guint              n)
{
  DtIdSelection *self = DT_ID_SELECTION (model);
  guint total = n_items (self);
  gboolean any = FALSE;
  guint first = 0, last = 0;

  for (guint i = position; i < position + n && i < total; i++)
    {
      gint64 id = id_at (self, i);

      if (g_hash_table_remove (self->chosen, &id))
        {
          if (!any)
            first = i;
          last = i;
          any = TRUE;
        }
    }
  changed (self, any, first, last);
  return TRUE;
}

static gboolean
unselect_item (GtkSelectionModel *model,
               guint              position)
{
  return unselect_range (model, position, 1);
}

static gboolean
select_all (GtkSelectionModel *model)
{
  DtIdSelection *self = DT_ID_SELECTION (model);

  if (!self->multiple)
    return FALSE;
  /* All of them, not only those shown yet. */
  dt_id_selection_set_limit (self, G_MAXUINT);
  if (n_items (self) == 0)
    return FALSE;
  return select_range (model, 0, n_items (self), TRUE);
}

static gboolean
unselect_all (GtkSelectionModel *model)
{
  DtIdSelection *self = DT_ID_SELECTION (model);
  guint first = 0, last = 0;
  gboolean any = FALSE;

  if (clear (self, &first, &last, &any))
    changed (self, any, first, last);
  return TRUE;
}

static gboolean
set_selection (GtkSelectionModel *model,
               GtkBitset         *selected,
               GtkBitset         *mask)
{
  DtIdSelection *self = DT_ID_SELECTION (model);
  guint total = n_items (self);
  GtkBitsetIter iter;
  guint position;
  gboolean any = FALSE;
  guint first = 0, last = 0;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, mask, &position); ok && position < total;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = id_at (self, position);
      gboolean wanted = gtk_bitset_contains (selected, position);

      if (wanted == chosen (self, id))
        continue;
      if (wanted)
        {
          if (!self->multiple)
            clear (self, &first, &last, &any);
          choose (self, id);
        }
      else
        g_hash_table_remove (self->chosen, &id);
      first = any ? MIN (first, position) : position;
      last = any ? MAX (last, position) : position;
      any = TRUE;
    }
  changed (self, any, first, last);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = is_selected;
  iface->get_selection_in_range = get_selection_in_range;
  iface->select_item = select_item;
  iface->unselect_item = unselect_item;
  iface->select_range = select_range;
  iface->unselect_range = unselect_range;
  iface->select_all = select_all;
  iface->unselect_all = unselect_all;
  iface->set_selection = set_selection;
}

/* What GTK is told the list holds, the list's length up to the limit, and the change of it
 * at the end; the new size. */
static guint
show_size (DtIdSelection *self)
{
  guint n_old = self->n_shown;
  guint n_new = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->list)), self->limit);

  self->n_shown = n_new;
  if (n_new < n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_new, n_old - n_new, 0);
  else if (n_new > n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_old, 0, n_new - n_old);
  return n_new;
}

/* GTK hears that the list grew or shrank at its end, no more: the positions it shows stay
 * the same objects, bound again by the view (contents-changed). The highlight of what is
 * chosen is looked at again too, as it may be elsewhere now. */
static void
items_changed_cb (DtIdSelection *self,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GListModel    *list)
{
  guint n_new = show_size (self);

  /* Replaced in place, those rows alone; else all that follow moved. */
  if (position < n_new)
    g_signal_emit (self, signals[CONTENTS_CHANGED], 0, position,
                   removed == added ? MIN (added, n_new - position) : n_new - position);
  if (g_hash_table_size (self->chosen) > 0 && n_new > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), 0, n_new);
}

static void
dt_id_selection_dispose (GObject *object)
{
  DtIdSelection *self = (DtIdSelection *) object;

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, items_changed_cb, self);
  g_clear_object (&self->list);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  if (self->refs != NULL)
    for (guint i = 0; i < self->refs->len; i++)
      if (self->refs->pdata[i] != NULL)
        ((DtRowRef *) self->refs->pdata[i])->owner = NULL;
  g_clear_pointer (&self->refs, g_ptr_array_unref);

  G_OBJECT_CLASS (dt_id_selection_parent_class)->dispose (object);
}

static void
forget_ref (DtIdSelection *self,
            DtRowRef      *ref)
{
  if (self->refs != NULL && ref->position < self->refs->len &&
      self->refs->pdata[ref->position] == ref)
    self->refs->pdata[ref->position] = NULL;
}

static void
dt_id_selection_class_init (DtIdSelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dt_id_selection_dispose;

  /**
   * DtIdSelection::contents-changed:
   * @position: the first position whose petition may have changed
   * @n_items: how many from there (all to the end when the list was read again)
   *
   * The rows shown there are to be bound again: GTK was not told they changed.
   */
  signals[CONTENTS_CHANGED] =
    g_signal_new ("contents-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
dt_id_selection_init (DtIdSelection *self)
{
  self->chosen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->refs = g_ptr_array_new ();
  self->limit = G_MAXUINT;
}

DtIdSelection *
dt_id_selection_new (DtPetitionList *list,
                     gboolean        multiple)
{
  DtIdSelection *self;

  g_return_val_if_fail (DT_IS_PETITION_LIST (list), NULL);

  self = g_object_new (DT_TYPE_ID_SELECTION, NULL);
  self->list = g_object_ref (list);
  self->multiple = multiple;
  self->n_shown = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (items_changed_cb), self);
  return self;
}

DtPetitionList *
dt_id_selection_get_list (DtIdSelection *self)
{
  g_return_val_if_fail (DT_IS_ID_SELECTION (self), NULL);
  return self->list;
}

DtPetitionRow *
dt_id_selection_get_row (DtIdSelection *self,
                         guint          position)
{
  g_return_val_if_fail (DT_IS_ID_SELECTION (self), NULL);

  if (position >= n_items (self))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->list), position);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = ((const guint *) a)[0], y = ((const guint *) b)[0];

  return x < y ? -1 : x > y;
}

GArray *
dt_id_selection_get_ids (DtIdSelection *self)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (DT_IS_ID_SELECTION (self), ids);

  /* Positions with the index of the id they came from, sorted by position. */
  {
    g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_hash_table_iter_init (&iter, self->chosen);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        guint position;
        guint pair[2];

        if (!dt_petition_list_find (self->list, *(gint64 *) key, &position))
          continue;
        pair[0] = position;
        pair[1] = found->len;
        g_array_append_val (found, *(gint64 *) key);
        g_array_append_vals (pairs, pair, 1);
      }
    g_array_sort (pairs, compare_positions);
    for (guint i = 0; i < pairs->len; i++)
      {
        guint *pair = &((guint *) pairs->data)[i * 2];
        g_array_append_val (ids, g_array_index (found, gint64, pair[1]));
      }
  }
  return ids;
}

void
dt_id_selection_set_limit (DtIdSelection *self,
                           guint          limit)
{
  g_return_if_fail (DT_IS_ID_SELECTION (self));

  if (self->limit == limit)
    return;
  self->limit = limit;
  show_size (self);
}

guint
dt_id_selection_get_limit (DtIdSelection *self)
{
  g_return_val_if_fail (DT_IS_ID_SELECTION (self), 0);
  return self->limit;
}

void
dt_id_selection_set_id (DtIdSelection *self,
                        gint64         id)
{
  guint first = 0, last = 0, position;
  gboolean any = FALSE;

  g_return_if_fail (DT_IS_ID_SELECTION (self));

  clear (self, &first, &last, &any);
  if (id != 0)
    {
      choose (self, id);
      if (dt_petition_list_find (self->list, id, &position))
        {
          first = any ? MIN (first, position) : position;
          last = any ? MAX (last, position) : position;
          any = TRUE;
        }
    }
  changed (self, any, first, last);
}
