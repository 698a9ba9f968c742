/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-lists"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-lists.h"
#include "dt-records-private.h"
#include "dt-util.h"

#define NAME_MAX_CHARS 128

/* The columns that name an entry of each list. */
static const struct
{
  const char *table;
  const char *column;
} references[][2] = {
  [DT_LIST_VILLAGES] = { { "sessions", "village_id" }, { "petitions", "village_id" } },
  [DT_LIST_AGENCIES] = { { "petitions", "agency_id" }, { NULL, NULL } },
  [DT_LIST_FIELDS] = { { "petitions", "field_id" }, { NULL, NULL } },
};

void
dt_list_entry_free (DtListEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry);
}

const char *
dt_list_get_label (DtList list)
{
  switch (list)
    {
    case DT_LIST_VILLAGES:
      return _("Villages");
    case DT_LIST_AGENCIES:
      return _("Agencies");
    case DT_LIST_FIELDS:
    default:
      return _("Fields");
    }
}

/* The same rules as dt_list_add (): one short line. */
static char *
clean_name (const char  *name,
            GError     **error)
{
  g_autofree char *clean = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL) || !(clean = dt_text_clean (name)))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID, _("A name is required."));
      return NULL;
    }
  if (strpbrk (clean, "\r\n\t") != NULL || g_utf8_strlen (clean, -1) > NAME_MAX_CHARS)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” is not a usable name: keep it on one line and short."), clean);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* The row of NAME; 0 with ERROR set when it is not in the list. */
static gint64
find_name (DtDatabase  *db,
           DtList       list,
           const char  *name,
           gboolean     must_exist,
           GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE name = ?",
                                          _dt_list_table (list));
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (!(stmt = _dt_database_prepare (db, sql, error)))
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _dt_database_fail (db, rc, error);
      return -1;
    }
  if (id == 0 && must_exist)
    g_set_error (error, DT_ERROR, DT_ERROR_NOT_FOUND, _("“%s” is not in the list."), name);
  return id;
}

static gboolean
exec_bound (DtDatabase  *db,
            const char  *sql,
            gint64       first,
            gint64       second,
            GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _dt_database_prepare (db, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, second);
  return _dt_database_step_done (db, stmt, error);
}

/* Points the records of entry FROM at entry TO (the same for a rename, so that the search
 * index, which holds village names, is rewritten); each petition touched counts as changed,
 * so that a form still open on it does not write the old name back. */
static gboolean
move_references (DtDatabase  *db,
                 DtList       list,
                 gint64       from,
                 gint64       to,
                 GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (references[list]); i++)
    {
      g_autofree char *sql = NULL;
      const char *table = references[list][i].table;

      if (table == NULL)
        continue;
      sql = g_strdup_printf ("UPDATE %s SET %s = ?2%s WHERE %s = ?1", table,
                             references[list][i].column,
                             g_str_equal (table, "petitions") ? ", revision = revision + 1" : "",
                             references[list][i].column);
      if (!exec_bound (db, sql, from, to, error))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
dt_list_entries (DtDatabase  *db,
                 DtList       list,
                 GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_list_entry_free);
  g_autoptr(GString) sql = g_string_new ("SELECT l.name, l.retired, 0");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (references[list]); i++)
    if (references[list][i].table != NULL)
      g_string_append_printf (sql, " + (SELECT count (*) FROM %s r WHERE r.%s = l.id)",
                              references[list][i].table, references[list][i].column);
  g_string_append_printf (sql, " FROM %s l ORDER BY dt_sort_key (l.name)", _dt_list_table (list));

  if (!(stmt = _dt_database_prepare (db, sql->str, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtListEntry *entry = g_new0 (DtListEntry, 1);

      entry->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entry->retired = sqlite3_column_int (stmt, 1) != 0;
      entry->uses = (guint) sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dt_database_fail (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

char **
dt_list_get_active (DtDatabase  *db,
                    DtList       list,
                    GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM %s WHERE retired = 0 "
                                          "ORDER BY dt_sort_key (name)", _dt_list_table (list));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  if (!(stmt = _dt_database_prepare (db, sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dt_database_fail (db, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gboolean
dt_list_rename (DtDatabase  *db,
                DtList       list,
                const char  *name,
                const char  *new_name,
                GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *sql = NULL;
  gint64 id, other;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!(clean = clean_name (new_name, error)))
    return FALSE;
  if (!_dt_database_savepoint (db, error))
    return FALSE;
  if ((id = find_name (db, list, name, TRUE, error)) <= 0)
    goto undo;
  if ((other = find_name (db, list, clean, FALSE, error)) < 0)
    goto undo;
  if (other != 0 && other != id)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_DUPLICATE,
                   _("“%s” is already in the list: merge “%s” into it instead."), clean, name);
      goto undo;
    }
  sql = g_strdup_printf ("UPDATE %s SET name = ? WHERE id = ?", _dt_list_table (list));
  {
    sqlite3_stmt *stmt = _dt_database_prepare (db, sql, error);

    if (stmt == NULL)
      goto undo;
    sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, id);
    if (!_dt_database_step_done (db, stmt, error))
      goto undo;
  }
  if (!move_references (db, list, id, id, error))
    goto undo;
  return _dt_database_release (db, error);

undo:
  _dt_database_undo (db);
  return FALSE;
}

gboolean
dt_list_merge (DtDatabase  *db,
               DtList       list,
               const char  *name,
               const char  *into,
               GError     **error)
{
  g_autofree char *sql = NULL;
  gint64 from, to;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (name != NULL && into != NULL, FALSE);

  if (!_dt_database_savepoint (db, error))
    return FALSE;
  if ((from = find_name (db, list, name, TRUE, error)) <= 0 ||
      (to = find_name (db, list, into, TRUE, error)) <= 0)
    goto undo;
  if (from == to)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” cannot be merged into itself: choose another name."), name);
      goto undo;
    }
  if (!move_references (db, list, from, to, error))
    goto undo;
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", _dt_list_table (list));
  if (!exec_bound (db, sql, from, 0, error))
    goto undo;
  return _dt_database_release (db, error);

undo:
  _dt_database_undo (db);
  return FALSE;
}

gboolean
dt_list_set_retired (DtDatabase  *db,
                     DtList       list,
                     const char  *name,
                     gboolean     retired,
                     GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET retired = ? WHERE id = ?",
                                          _dt_list_table (list));
  gint64 id;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if ((id = find_name (db, list, name, TRUE, error)) <= 0)
    return FALSE;
  return exec_bound (db, sql, retired ? 1 : 0, id, error);
}

gboolean
dt_office_set_up (DtDatabase          *db,
                  const DtUnit        *unit,
                  const char * const  *villages,
                  const char * const  *agencies,
                  const char * const  *fields,
                  GError             **error)
{
  const char * const *lists[] = {
    [DT_LIST_VILLAGES] = villages, [DT_LIST_AGENCIES] = agencies, [DT_LIST_FIELDS] = fields,
  };

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (unit != NULL, FALSE);

  if (!_dt_database_savepoint (db, error))
    return FALSE;
  if (!dt_unit_save (db, unit, error))
    goto undo;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      {
        g_autofree char *clean = dt_text_clean (lists[l][i]);

        if (clean != NULL && !dt_list_add (db, (DtList) l, clean, error))
          goto undo;
      }
  return _dt_database_release (db, error);

undo:
  _dt_database_undo (db);
  return FALSE;
}

const char * const *
dt_list_get_suggestions (DtList list)
{
  static const char * const agencies[] = {
    "UBND xã", "UBMTTQ xã", "Công an xã", "Hội Nông dân xã", "Hội Liên hiệp Phụ nữ xã",
    "Đoàn Thanh niên xã", "Hội Cựu chiến binh xã", "Công chức Địa chính - Xây dựng",
    "Công chức Văn hóa - Xã hội", "Trạm Y tế xã", NULL,
  };
  static const char * const fields[] = {
    "Đất đai", "Môi trường", "Xây dựng nông thôn mới", "Chính sách xã hội", "Giao thông",
    "Thủy lợi", "An ninh trật tự", "Y tế", "Giáo dục", "Nông nghiệp", NULL,
  };
  static const char * const none[] = { NULL };

  switch (list)
    {
    case DT_LIST_AGENCIES:
      return agencies;
    case DT_LIST_FIELDS:
      return fields;
    case DT_LIST_VILLAGES:
    default:
      return none;
    }
}
