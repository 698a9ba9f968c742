/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-draft"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <jansson.h>

#include "dt-database-private.h"
#include "dt-draft.h"
#include "dt-error.h"
#include "dt-util.h"

/* A petition's content may be 100,000 characters; a draft many times that is not a form's. */
#define DRAFT_MAX_BYTES (4 * 1024 * 1024)
/* Between the texts of a list kept under one key. */
#define LIST_SEPARATOR "\x1e"

struct _DtDraft
{
  char       *form;
  char       *record;
  GHashTable *values;    /* key → text as typed */
  GDateTime  *saved;
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (json_t, json_decref)

DtDraft *
dt_draft_new (const char *form,
              const char *record)
{
  DtDraft *draft;

  g_return_val_if_fail (form != NULL && *form != '\0', NULL);

  draft = g_new0 (DtDraft, 1);
  draft->form = g_strdup (form);
  draft->record = record != NULL && *record != '\0' ? g_strdup (record) : NULL;
  draft->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return draft;
}

void
dt_draft_free (DtDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->form);
  g_free (draft->record);
  g_hash_table_unref (draft->values);
  g_clear_pointer (&draft->saved, g_date_time_unref);
  g_free (draft);
}

DtDraft *
dt_draft_copy (const DtDraft *draft)
{
  DtDraft *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (draft != NULL, NULL);

  copy = dt_draft_new (draft->form, draft->record);
  g_hash_table_iter_init (&iter, draft->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->values, g_strdup (key), g_strdup (value));
  if (draft->saved != NULL)
    copy->saved = g_date_time_ref (draft->saved);
  return copy;
}

const char *
dt_draft_get_form (const DtDraft *draft)
{
  g_return_val_if_fail (draft != NULL, NULL);
  return draft->form;
}

const char *
dt_draft_get_record (const DtDraft *draft)
{
  g_return_val_if_fail (draft != NULL, NULL);
  return draft->record;
}

void
dt_draft_set (DtDraft    *draft,
              const char *key,
              const char *value)
{
  g_return_if_fail (draft != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  if (value == NULL || *value == '\0')
    g_hash_table_remove (draft->values, key);
  else
    g_hash_table_insert (draft->values, g_strdup (key), g_strdup (value));
}

const char *
dt_draft_get (const DtDraft *draft,
              const char    *key)
{
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return g_hash_table_lookup (draft->values, key);
}

void
dt_draft_set_list (DtDraft            *draft,
                   const char         *key,
                   const char * const *texts)
{
  g_autofree char *joined = NULL;

  g_return_if_fail (draft != NULL);

  if (texts != NULL)
    joined = g_strjoinv (LIST_SEPARATOR, (char **) texts);
  dt_draft_set (draft, key, joined);
}

char **
dt_draft_get_list (const DtDraft *draft,
                   const char    *key)
{
  const char *joined = dt_draft_get (draft, key);

  if (joined == NULL)
    return g_new0 (char *, 1);
  return g_strsplit (joined, LIST_SEPARATOR, -1);
}

char **
dt_draft_get_keys (const DtDraft *draft)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  char **result;

  g_return_val_if_fail (draft != NULL, NULL);

  keys = g_hash_table_get_keys_as_array (draft->values, &n);
  result = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    result[i] = g_strdup (keys[i]);
  qsort (result, n, sizeof (char *), (int (*) (const void *, const void *)) dt_strcmp_p);
  return result;
}

gboolean
dt_draft_is_empty (const DtDraft *draft)
{
  g_return_val_if_fail (draft != NULL, TRUE);
  return g_hash_table_size (draft->values) == 0;
}

gboolean
dt_draft_equal (const DtDraft *a,
                const DtDraft *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (a == NULL || b == NULL)
    return a == b;
  if (g_strcmp0 (a->form, b->form) != 0 || g_strcmp0 (a->record, b->record) != 0 ||
      g_hash_table_size (a->values) != g_hash_table_size (b->values))
    return FALSE;
  g_hash_table_iter_init (&iter, a->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b->values, key)) != 0)
      return FALSE;
  return TRUE;
}

GDateTime *
dt_draft_get_saved (const DtDraft *draft)
{
  g_return_val_if_fail (draft != NULL, NULL);
  return draft->saved;
}

static char *
draft_to_json (const DtDraft  *draft,
               GError        **error)
{
  g_autoptr(json_t) object = json_object ();
  GHashTableIter iter;
  gpointer key, value;
  char *text;

  g_hash_table_iter_init (&iter, draft->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("The draft of the form “%s” holds text that is not valid UTF-8."),
                       draft->form);
          return NULL;
        }
      json_object_set_new (object, key, json_string (value));
    }
  text = json_dumps (object, JSON_SORT_KEYS | JSON_COMPACT);
  if (text == NULL || strlen (text) > DRAFT_MAX_BYTES)
    {
      free (text);
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The draft of the form “%s” is too large to be kept."), draft->form);
      return NULL;
    }
  return text;
}

gboolean
dt_draft_save (DtDatabase     *db,
               const DtDraft  *draft,
               GError        **error)
{
  char *contents;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(contents = draft_to_json (draft, error)))
    return FALSE;
  if (!_dt_database_savepoint (db, error))
    {
      free (contents);
      return FALSE;
    }
  stmt = _dt_database_prepare_static (db,
    "INSERT INTO drafts (form, record, contents, saved) "
    "VALUES (?1, ?2, ?3, strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')) "
    "ON CONFLICT (form) DO UPDATE SET record = excluded.record, contents = excluded.contents, "
    "saved = excluded.saved", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, draft->form, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, draft->record, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, contents, -1, SQLITE_TRANSIENT);
      ok = _dt_database_step_done (db, stmt, error);
    }
  free (contents);
  if (!ok)
    {
      _dt_database_undo (db);
      return FALSE;
    }
  return _dt_database_release (db, error);
}

/* The drafts of plans, sessions and minutes were once kept as a key file: the fields in the
 * group "form", the plan's lists in "lists". Such a draft left in a database comes back. */
static gboolean
draft_from_key_file (DtDraft    *draft,
                     const char *contents)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto(GStrv) fields = NULL;
  g_auto(GStrv) lists = NULL;

  if (!g_key_file_load_from_data (file, contents, -1, G_KEY_FILE_NONE, NULL))
    return FALSE;
  fields = g_key_file_get_keys (file, "form", NULL, NULL);
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_string (file, "form", fields[i], NULL);

      dt_draft_set (draft, fields[i], value);
    }
  lists = g_key_file_get_keys (file, "lists", NULL, NULL);
  for (guint i = 0; lists != NULL && lists[i] != NULL; i++)
    {
      g_auto(GStrv) texts = g_key_file_get_string_list (file, "lists", lists[i], NULL, NULL);

      dt_draft_set_list (draft, lists[i], (const char * const *) texts);
    }
  return TRUE;
}

static gboolean
draft_from_json (DtDraft    *draft,
                 const char *contents)
{
  g_autoptr(json_t) object = NULL;
  json_error_t json_error;
  const char *key;
  json_t *value;

  object = json_loads (contents, JSON_REJECT_DUPLICATES, &json_error);
  if (object == NULL || !json_is_object (object))
    return FALSE;
  json_object_foreach (object, key, value)
    {
      if (!json_is_string (value))
        return FALSE;
      dt_draft_set (draft, key, json_string_value (value));
    }
  return TRUE;
}

static DtDraft *
draft_from_row (const char  *form,
                const char  *record,
                const char  *contents,
                const char  *saved,
                GError     **error)
{
  g_autoptr(DtDraft) draft = dt_draft_new (form, record);
  gboolean read;

  if (contents == NULL)
    read = FALSE;
  else if (contents[0] == '[')
    read = draft_from_key_file (draft, contents);
  else
    read = draft_from_json (draft, contents);
  if (!read)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_CORRUPT,
                   _("The draft of the form “%s” is damaged and cannot be read."), form);
      return NULL;
    }
  if (saved != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (saved, NULL);

      if (utc != NULL)
        draft->saved = g_date_time_to_local (utc);
    }
  return g_steal_pointer (&draft);
}

DtDraft *
dt_draft_load (DtDatabase  *db,
               const char  *form,
               GError     **error)
{
  sqlite3_stmt *stmt;
  DtDraft *draft = NULL;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _dt_database_prepare_static (db,
    "SELECT record, contents, saved FROM drafts WHERE form = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, form, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    draft = draft_from_row (form, (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2), error);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _dt_database_fail (db, rc, error);
  return draft;
}

gboolean
dt_draft_discard (DtDatabase  *db,
                  const char  *form,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (form != NULL, FALSE);

  stmt = _dt_database_prepare_static (db, "DELETE FROM drafts WHERE form = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, form, -1, SQLITE_TRANSIENT);
  return _dt_database_step_done (db, stmt, error);
}
