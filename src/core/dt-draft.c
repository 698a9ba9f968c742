/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-draft"

#include "config.h"

#include "dt-database-private.h"
#include "dt-draft.h"

gboolean
dt_form_draft_save (DtDatabase  *db,
               const char  *form,
               const char  *record,
               const char  *contents,
               GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (form != NULL && contents != NULL, FALSE);

  stmt = _dt_database_prepare_static (db,
    "INSERT INTO drafts (form, record, contents) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (form) DO UPDATE SET record = ?2, contents = ?3, "
    "saved = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, form, -1, SQLITE_TRANSIENT);
  if (record != NULL)
    sqlite3_bind_text (stmt, 2, record, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, contents, -1, SQLITE_TRANSIENT);
  return _dt_database_step_done (db, stmt, error);
}

char *
dt_form_draft_load (DtDatabase  *db,
               const char  *form,
               char       **record,
               char       **saved,
               GError     **error)
{
  sqlite3_stmt *stmt;
  char *contents = NULL;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (form != NULL, NULL);

  stmt = _dt_database_prepare_static (db,
    "SELECT contents, record, saved FROM drafts WHERE form = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, form, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      contents = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (record != NULL)
        *record = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (saved != NULL)
        *saved = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _dt_database_fail (db, rc, error);
  return contents;
}

gboolean
dt_form_draft_delete (DtDatabase  *db,
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
