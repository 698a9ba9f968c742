/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-plans"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-codes.h"
#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-plans.h"
#include "dt-util.h"

void
dt_plan_summary_free (DtPlanSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->code);
  g_free (summary->number);
  g_free (summary->title);
  g_free (summary);
}

GPtrArray *
dt_plan_summaries (DtDatabase  *db,
                   GError     **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_plan_summary_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  stmt = _dt_database_prepare_static (db,
    "SELECT p.code, p.year, p.number, p.title, "
    "       coalesce (p.dialogues_planned, "
    "                 (SELECT count (*) FROM planned_sessions x WHERE x.plan_id = p.id)), "
    "       (SELECT count (*) FROM sessions s WHERE s.plan_id = p.id AND s.status <> 'cancelled'), "
    "       (SELECT count (*) FROM sessions s WHERE s.plan_id = p.id AND s.status = 'held') "
    "FROM plans p ORDER BY p.year DESC, p.id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtPlanSummary *summary = g_new0 (DtPlanSummary, 1);

      summary->code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      summary->year = sqlite3_column_int (stmt, 1);
      summary->number = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      summary->title = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      summary->planned = (guint) sqlite3_column_int (stmt, 4);
      summary->sessions = (guint) sqlite3_column_int (stmt, 5);
      summary->held = (guint) sqlite3_column_int (stmt, 6);
      g_ptr_array_add (plans, summary);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dt_database_fail (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&plans);
}

char *
dt_plan_find_for_year (DtDatabase  *db,
                       int          year,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  char *code = NULL;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  stmt = _dt_database_prepare_static (db, "SELECT code FROM plans WHERE year = ? ORDER BY id "
                                          "LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _dt_database_fail (db, rc, error);
  return code;
}

char *
dt_date_shift_years (const char *iso,
                     int         years)
{
  GDate date;
  int year;
  GDateMonth month;
  GDateDay day;

  if (iso == NULL || !dt_date_parse (iso, &date))
    return NULL;
  year = (int) g_date_get_year (&date) + years;
  month = g_date_get_month (&date);
  day = g_date_get_day (&date);
  if (year < DT_YEAR_MIN || year > DT_YEAR_MAX)
    return NULL;
  if (day > g_date_get_days_in_month (month, (GDateYear) year))
    day = g_date_get_days_in_month (month, (GDateYear) year);
  g_date_set_dmy (&date, day, month, (GDateYear) year);
  return dt_date_to_iso (&date);
}

DtPlan *
dt_plan_copy_for_year (const DtPlan *plan,
                       int           year)
{
  DtPlan *copy;
  int years;

  g_return_val_if_fail (plan != NULL, NULL);

  years = year - plan->year;
  copy = dt_plan_new ();
  copy->year = year;
  copy->issued = dt_date_shift_years (plan->issued, years);
  copy->title = g_strdup (plan->title);
  copy->bases = g_strdupv (plan->bases);
  copy->purpose = g_strdup (plan->purpose);
  copy->dialogues_planned = plan->dialogues_planned;
  copy->notice_lead_days = plan->notice_lead_days;
  copy->expected_attendance = plan->expected_attendance;

  /* Titles say which year they are for: "… năm 2025" becomes "… năm 2026". */
  if (copy->title != NULL && years != 0)
    {
      g_autofree char *from = g_strdup_printf ("%d", plan->year);
      g_autofree char *to = g_strdup_printf ("%d", year);
      g_auto(GStrv) parts = g_strsplit (copy->title, from, -1);

      g_free (copy->title);
      copy->title = g_strjoinv (to, parts);
    }

  if (plan->reports_due != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; plan->reports_due[i] != NULL; i++)
        {
          g_autofree char *moved = dt_date_shift_years (plan->reports_due[i], years);

          if (moved != NULL)
            g_strv_builder_add (builder, moved);
        }
      copy->reports_due = g_strv_builder_end (builder);
    }

  for (guint i = 0; plan->planned_sessions != NULL && i < plan->planned_sessions->len; i++)
    {
      const DtPlannedSession *planned = g_ptr_array_index (plan->planned_sessions, i);
      DtPlannedSession *moved = dt_planned_session_new ();

      moved->quarter = planned->quarter;
      moved->month = planned->month;
      moved->location = g_strdup (planned->location);
      moved->topic = g_strdup (planned->topic);
      g_ptr_array_add (copy->planned_sessions, moved);
    }

  return copy;
}

char *
dt_plan_copy_to_year (DtDatabase  *db,
                      const char  *code,
                      int          year,
                      GError     **error)
{
  g_autoptr(DtPlan) plan = NULL;
  g_autoptr(DtPlan) copy = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (year < DT_YEAR_MIN || year > DT_YEAR_MAX)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The year %d is outside %d to %d."), year, DT_YEAR_MIN, DT_YEAR_MAX);
      return NULL;
    }
  if (!_dt_database_savepoint (db, error))
    return NULL;
  if (!(plan = dt_plan_load (db, code, error)))
    goto undo;
  copy = dt_plan_copy_for_year (plan, year);
  if (!(copy->code = dt_plan_next_code (db, year, error)) || !dt_plan_insert (db, copy, error))
    goto undo;
  if (!_dt_database_release (db, error))
    return NULL;
  return g_steal_pointer (&copy->code);

undo:
  _dt_database_undo (db);
  return NULL;
}

static guint
quarter_of (int quarter,
            int month)
{
  if (quarter >= 1 && quarter <= 4)
    return (guint) quarter;
  if (month >= 1 && month <= 12)
    return (guint) (month - 1) / 3 + 1;
  return 0;
}

gboolean
dt_plan_get_progress (DtDatabase      *db,
                      const char      *code,
                      DtPlanProgress  *progress,
                      GError         **error)
{
  g_autoptr(DtPlan) plan = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (code != NULL && progress != NULL, FALSE);

  memset (progress, 0, sizeof *progress);
  if (!(plan = dt_plan_load (db, code, error)))
    return FALSE;
  progress->year = plan->year;

  for (guint i = 0; i < plan->planned_sessions->len; i++)
    {
      const DtPlannedSession *planned = g_ptr_array_index (plan->planned_sessions, i);
      guint quarter = quarter_of (planned->quarter, planned->month);

      if (quarter > 0)
        progress->planned_by_quarter[quarter - 1]++;
    }
  progress->planned = plan->dialogues_planned != DT_NO_INT ? (guint) plan->dialogues_planned
                                                           : plan->planned_sessions->len;

  stmt = _dt_database_prepare_static (db,
    "SELECT s.date, s.status FROM sessions s JOIN plans p ON p.id = s.plan_id "
    "WHERE p.code = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 1);
      GDate date;
      guint quarter = 4;

      if (dt_date_parse ((const char *) sqlite3_column_text (stmt, 0), &date))
        {
          /* A session the plan pushed into the next year still belongs to its last quarter. */
          if ((int) g_date_get_year (&date) == plan->year)
            quarter = quarter_of (0, g_date_get_month (&date));
          else if ((int) g_date_get_year (&date) < plan->year)
            quarter = 1;
        }
      if (g_strcmp0 (status, "held") == 0)
        {
          progress->held++;
          progress->held_by_quarter[quarter - 1]++;
        }
      else if (g_strcmp0 (status, "planned") == 0)
        {
          progress->to_come++;
          progress->to_come_by_quarter[quarter - 1]++;
        }
      else if (g_strcmp0 (status, "postponed") == 0)
        progress->postponed++;
      else if (g_strcmp0 (status, "cancelled") == 0)
        progress->cancelled++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}
