/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-sessions"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-codes.h"
#include "dt-error.h"
#include "dt-records-private.h"
#include "dt-sessions.h"
#include "dt-status.h"
#include "dt-util.h"

void
dt_session_info_free (DtSessionInfo *info)
{
  if (info == NULL)
    return;
  dt_session_free (info->session);
  g_free (info);
}

static gboolean
is_late (const char  *recorded,
         const GDate *due,
         const GDate *as_of)
{
  GDate date;

  if (recorded != NULL && dt_date_parse (recorded, &date))
    return g_date_compare (&date, due) > 0;
  return g_date_compare (as_of, due) > 0;
}

static gboolean
count_petitions (DtDatabase     *db,
                 const char     *code,
                 const char     *as_of,
                 DtSessionInfo  *info,
                 GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _dt_database_prepare_static (db,
    "SELECT count (*), coalesce (sum (dt_status (p.received, p.answered_date, p.assigned_date, "
    "         p.deadline, p.escalated_date, p.declined_date, p.withdrawn_date, p.resolved_date, "
    "         ?2) IN ('received', 'assigned', 'escalated')), 0) "
    "FROM petitions p JOIN sessions s ON s.id = p.session_id WHERE s.code = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, as_of, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info->petitions = (guint) sqlite3_column_int (stmt, 0);
      info->open = (guint) sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}

static DtSessionInfo *
info_new (DtDatabase   *db,
          const DtUnit *unit,
          const char   *code,
          const GDate  *as_of,
          const char   *as_of_iso,
          GError      **error)
{
  g_autoptr(DtSessionInfo) info = g_new0 (DtSessionInfo, 1);
  const char *status;

  if (!(info->session = dt_session_load (db, code, error)) ||
      !dt_session_get_due_dates (db, unit, info->session, &info->notice_due,
                                 &info->conclusion_due, error) ||
      !count_petitions (db, code, as_of_iso, info, error))
    return NULL;

  status = info->session->status;
  if (g_strcmp0 (status, "planned") == 0 || g_strcmp0 (status, "held") == 0)
    info->notice_late = is_late (info->session->notice_date, &info->notice_due, as_of);
  if (g_strcmp0 (status, "held") == 0)
    info->conclusion_late = is_late (info->session->conclusion_date, &info->conclusion_due,
                                     as_of);
  return g_steal_pointer (&info);
}

GPtrArray *
dt_session_infos (DtDatabase   *db,
                  int           year,
                  const GDate  *as_of,
                  GError      **error)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_session_info_free);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DtUnit) unit = NULL;
  g_autofree char *as_of_iso = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  as_of_iso = dt_date_to_iso (as_of);
  from = g_strdup_printf ("%04d-01-01", year);
  to = g_strdup_printf ("%04d-12-31", year);
  if (!(unit = dt_unit_load (db, error)))
    return NULL;

  stmt = _dt_database_prepare_static (db,
    "SELECT code FROM sessions WHERE ?1 = 0 OR date BETWEEN ?2 AND ?3 "
    "ORDER BY date DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dt_database_fail (db, rc, error);
      return NULL;
    }

  for (guint i = 0; i < codes->len; i++)
    {
      DtSessionInfo *info = info_new (db, unit, g_ptr_array_index (codes, i), as_of, as_of_iso,
                                      error);

      if (info == NULL)
        return NULL;
      g_ptr_array_add (infos, info);
    }
  return g_steal_pointer (&infos);
}

DtSessionInfo *
dt_session_info_load (DtDatabase   *db,
                      const char   *code,
                      const GDate  *as_of,
                      GError      **error)
{
  g_autoptr(DtUnit) unit = NULL;
  g_autofree char *as_of_iso = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  as_of_iso = dt_date_to_iso (as_of);
  if (!(unit = dt_unit_load (db, error)))
    return NULL;
  return info_new (db, unit, code, as_of, as_of_iso, error);
}

GArray *
dt_session_years (DtDatabase  *db,
                  GError     **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  stmt = _dt_database_prepare_static (db,
    "SELECT DISTINCT CAST (substr (date, 1, 4) AS INTEGER) FROM sessions ORDER BY 1 DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);

      g_array_append_val (years, year);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dt_database_fail (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&years);
}

char **
dt_session_petition_codes (DtDatabase  *db,
                           const char  *code,
                           GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  stmt = _dt_database_prepare_static (db,
    "SELECT p.code FROM petitions p JOIN sessions s ON s.id = p.session_id "
    "WHERE s.code = ? ORDER BY p.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
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

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

char *
dt_session_add_opinion (DtDatabase        *db,
                        const char        *code,
                        const DtPetition  *opinion,
                        GError           **error)
{
  g_autoptr(DtSession) session = NULL;
  g_autoptr(DtPetition) petition = NULL;
  GDate date;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL && opinion != NULL, NULL);

  if (!_dt_database_savepoint (db, error))
    return NULL;
  if (!(session = dt_session_load (db, code, error)) ||
      !(petition = _dt_record_clean (&_dt_petition_spec, opinion, error)))
    goto undo;
  if (!dt_date_parse (session->date, &date))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Session “%s” has no valid date."), session->code);
      goto undo;
    }
  petition->id = 0;
  petition->revision = 0;
  replace (&petition->received, session->date);
  replace (&petition->channel, "session");
  replace (&petition->session, session->code);
  if (petition->answer != NULL && petition->answered_date == NULL)
    replace (&petition->answered_date, session->date);
  g_free (petition->code);
  if (!(petition->code = dt_petition_next_code (db, g_date_get_year (&date), error)) ||
      !dt_petition_insert (db, petition, error))
    goto undo;
  if (!_dt_database_release (db, error))
    return NULL;
  return g_steal_pointer (&petition->code);

undo:
  _dt_database_undo (db);
  return NULL;
}

gboolean
dt_session_conclude (DtDatabase          *db,
                     const char          *code,
                     const char          *number,
                     const char          *date,
                     const char * const  *petitions,
                     const char * const  *agencies,
                     GError             **error)
{
  g_autoptr(DtSession) session = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (petitions == NULL || agencies != NULL, FALSE);

  if (date == NULL || !dt_date_is_valid (date))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Session “%s”: the conclusion notice needs its date."), code);
      if (error != NULL)
        dt_error_set_field (*error, "session", "conclusion_date",
                            _("Type the date of the conclusion notice."));
      return FALSE;
    }
  if (!_dt_database_savepoint (db, error))
    return FALSE;
  if (!(session = dt_session_load (db, code, error)))
    goto undo;
  if (g_strcmp0 (session->status, "held") != 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Session “%s” has not been held: record its minutes before the "
                     "conclusion."), code);
      goto undo;
    }
  replace (&session->conclusion_number, number);
  replace (&session->conclusion_date, date);
  if (!dt_session_update (db, session, error))
    goto undo;

  for (guint i = 0; petitions != NULL && petitions[i] != NULL; i++)
    {
      g_autoptr(DtPetition) petition = NULL;

      if (agencies[i] == NULL || *agencies[i] == '\0')
        continue;
      if (!(petition = dt_petition_load (db, petitions[i], error)))
        goto undo;
      if (g_strcmp0 (petition->session, code) != 0)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("Petition “%s” was not raised at session “%s”."), petitions[i], code);
          goto undo;
        }
      if (!dt_petition_assign (db, petitions[i], agencies[i], date, NULL, error))
        goto undo;
    }
  return _dt_database_release (db, error);

undo:
  _dt_database_undo (db);
  return FALSE;
}

gboolean
dt_session_set_status (DtDatabase  *db,
                       const char  *code,
                       const char  *status,
                       const char  *reason,
                       GError     **error)
{
  g_autoptr(DtSession) session = NULL;
  g_autofree char *clean = dt_text_clean (reason);
  gboolean stops;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (code != NULL && status != NULL, FALSE);

  stops = g_str_equal (status, "postponed") || g_str_equal (status, "cancelled");
  if (stops && clean == NULL)
    {
      if (g_str_equal (status, "postponed"))
        g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                     _("Session “%s”: say why it is postponed."), code);
      else
        g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                     _("Session “%s”: say why it is cancelled."), code);
      if (error != NULL)
        dt_error_set_field (*error, "session", "status_reason", _("Type the reason."));
      return FALSE;
    }
  if (!_dt_database_savepoint (db, error))
    return FALSE;
  if (!(session = dt_session_load (db, code, error)))
    goto undo;
  if (stops && g_strcmp0 (session->status, "held") == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Session “%s” has been held: it can no longer be postponed or cancelled."),
                   code);
      goto undo;
    }
  replace (&session->status, status);
  replace (&session->status_reason, stops ? clean : NULL);
  if (!dt_session_update (db, session, error))
    goto undo;
  return _dt_database_release (db, error);

undo:
  _dt_database_undo (db);
  return FALSE;
}

static gboolean
exec_code (DtDatabase  *db,
           const char  *sql,
           const char  *first,
           const char  *second,
           GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _dt_database_prepare_static (db, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  if (second != NULL)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_TRANSIENT);
  return _dt_database_step_done (db, stmt, error);
}

gboolean
dt_session_delete_full (DtDatabase          *db,
                        const char          *code,
                        DtSessionPetitions   what,
                        const char          *move_to,
                        GError             **error)
{
  g_auto(GStrv) petitions = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!_dt_database_savepoint (db, error))
    return FALSE;
  if (!(petitions = dt_session_petition_codes (db, code, error)))
    goto undo;

  if (petitions[0] != NULL)
    switch (what)
      {
      case DT_SESSION_PETITIONS_MOVE:
        {
          g_autoptr(DtSession) target = NULL;

          if (move_to == NULL || g_strcmp0 (move_to, code) == 0)
            {
              g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                           _("Choose another session to move the petitions of “%s” to."), code);
              goto undo;
            }
          if (!(target = dt_session_load (db, move_to, error)))
            goto undo;
          if (!exec_code (db,
                          "UPDATE petitions SET session_id = (SELECT id FROM sessions "
                          "WHERE code = ?2), revision = revision + 1 "
                          "WHERE session_id = (SELECT id FROM sessions WHERE code = ?1)",
                          code, move_to, error))
            goto undo;
        }
        break;

      case DT_SESSION_PETITIONS_DELETE:
        for (guint i = 0; petitions[i] != NULL; i++)
          if (!dt_petition_delete (db, petitions[i], error))
            goto undo;
        break;

      case DT_SESSION_PETITIONS_REFUSE:
      default:
        g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                     dngettext (GETTEXT_PACKAGE,
                                  "Session “%s” cannot be deleted: %u petition was raised there. "
                                  "Move it to another session or delete it with the session.",
                                  "Session “%s” cannot be deleted: %u petitions were raised "
                                  "there. Move them to another session or delete them with the "
                                  "session.", g_strv_length (petitions)),
                     code, g_strv_length (petitions));
        goto undo;
      }

  if (!dt_session_delete (db, code, error))
    goto undo;
  return _dt_database_release (db, error);

undo:
  _dt_database_undo (db);
  return FALSE;
}
