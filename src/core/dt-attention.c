/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-attention"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-attention.h"
#include "dt-calendar.h"
#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-util.h"

static void
item_free (DtAttentionItem *item)
{
  g_free (item->code);
  g_free (item->name);
  g_free (item->date);
  g_free (item->due);
  g_free (item->done);
  g_free (item->period);
  g_free (item);
}

static void
named_count_free (DtNamedCount *count)
{
  g_free (count->name);
  g_free (count);
}

void
dt_overview_free (DtOverview *overview)
{
  if (overview == NULL)
    return;
  g_clear_pointer (&overview->items, g_ptr_array_unref);
  g_clear_pointer (&overview->by_field, g_ptr_array_unref);
  g_free (overview);
}

char *
dt_report_period_for_due (const char *due)
{
  GDate date;
  int year;

  if (due == NULL || !dt_date_parse (due, &date))
    return NULL;
  year = g_date_get_year (&date);
  switch (g_date_get_month (&date))
    {
    case G_DATE_JANUARY:
    case G_DATE_FEBRUARY:
      return g_strdup_printf ("%d", year - 1);
    case G_DATE_MARCH:
    case G_DATE_APRIL:
    case G_DATE_MAY:
      return g_strdup_printf ("%d-Q1", year);
    case G_DATE_JUNE:
    case G_DATE_JULY:
    case G_DATE_AUGUST:
      return g_strdup_printf ("%d-H1", year);
    case G_DATE_SEPTEMBER:
    case G_DATE_OCTOBER:
      return g_strdup_printf ("%d-9M", year);
    case G_DATE_NOVEMBER:
    case G_DATE_DECEMBER:
    default:
      return g_strdup_printf ("%d", year);
    }
}

static int
days_to (const GDate *today,
         const GDate *date)
{
  return g_date_days_between (today, date);
}

static DtAttentionItem *
item_new (GPtrArray       *items,
          DtAttentionKind  kind)
{
  DtAttentionItem *item = g_new0 (DtAttentionItem, 1);

  item->kind = kind;
  g_ptr_array_add (items, item);
  return item;
}

/* Late ones first, the longest late first; then what comes soonest. */
static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const DtAttentionItem *ia = *(DtAttentionItem * const *) a;
  const DtAttentionItem *ib = *(DtAttentionItem * const *) b;

  if (ia->late != ib->late)
    return ia->late ? -1 : 1;
  if (ia->days != ib->days)
    return ia->days < ib->days ? -1 : 1;
  if (ia->kind != ib->kind)
    return ia->kind < ib->kind ? -1 : 1;
  return g_strcmp0 (ia->code != NULL ? ia->code : ia->name, ib->code != NULL ? ib->code : ib->name);
}

static gboolean
session_items (DtDatabase   *db,
               DtOverview   *overview,
               GError      **error)
{
  g_autoptr(DtUnit) unit = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *horizon = NULL;
  GDate until = overview->today;
  sqlite3_stmt *stmt;
  int rc;

  g_date_add_days (&until, DT_ATTENTION_SESSION_DAYS);
  horizon = dt_date_to_iso (&until);
  if (!(unit = dt_unit_load (db, error)))
    return FALSE;

  /* Planned ones up to the horizon, past days included (their minutes are missing), and held
   * ones still without a conclusion notice. */
  stmt = _dt_database_prepare_static (db,
    "SELECT code FROM sessions WHERE (status = 'planned' AND date <= ?1) "
    "OR (status = 'held' AND conclusion_date IS NULL) ORDER BY date", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, horizon, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);

  for (guint i = 0; i < codes->len; i++)
    {
      g_autoptr(DtSession) session = dt_session_load (db, g_ptr_array_index (codes, i), error);
      GDate notice_due, conclusion_due, date;
      DtAttentionItem *item;

      if (session == NULL ||
          !dt_session_get_due_dates (db, unit, session, &notice_due, &conclusion_due, error))
        return FALSE;
      if (!dt_date_parse (session->date, &date))
        continue;

      if (g_str_equal (session->status, "held"))
        {
          item = item_new (overview->items, DT_ATTENTION_CONCLUSION);
          item->due = dt_date_to_iso (&conclusion_due);
          item->days = days_to (&overview->today, &conclusion_due);
          item->late = item->days < 0;
        }
      else if (g_date_compare (&date, &overview->today) < 0)
        {
          item = item_new (overview->items, DT_ATTENTION_MINUTES);
          item->days = days_to (&overview->today, &date);
          item->late = TRUE;
        }
      else
        {
          GDate notice;

          item = item_new (overview->items, DT_ATTENTION_NOTICE);
          item->due = dt_date_to_iso (&notice_due);
          item->done = g_strdup (session->notice_date);
          if (session->notice_date != NULL && dt_date_parse (session->notice_date, &notice))
            {
              /* Out already: listed for the session itself, late only if it came out late. */
              item->days = days_to (&overview->today, &date);
              item->late = g_date_compare (&notice, &notice_due) > 0;
            }
          else
            {
              item->days = days_to (&overview->today, &notice_due);
              item->late = item->days < 0;
            }
        }
      item->code = g_strdup (session->code);
      item->name = g_strdup (session->topic);
      item->date = g_strdup (session->date);
    }
  return TRUE;
}

typedef struct
{
  char  *agency;
  guint  overdue;
  int    most_days_overdue;
  char  *first_overdue;        /* the earliest deadline passed */
  guint  due_soon;
  char  *first_due;            /* the earliest deadline to come */
} AgencyCount;

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
agency_count_free (AgencyCount *count)
{
  g_free (count->agency);
  g_free (count->first_overdue);
  g_free (count->first_due);
  g_free (count);
}

static gboolean
petition_items (DtDatabase   *db,
                DtOverview   *overview,
                GError      **error)
{
  g_autoptr(GHashTable) agencies = NULL;
  g_autoptr(DtWorkCalendar) calendar = NULL;
  g_autoptr(DtUnit) unit = NULL;
  g_autofree char *today = dt_date_to_iso (&overview->today);
  GHashTableIter iter;
  AgencyCount *count;
  sqlite3_stmt *stmt;
  int rc;

  if (!(unit = dt_unit_load (db, error)) || !(calendar = dt_work_calendar_new (db, error)))
    return FALSE;
  /* Keyed by agency name; "" for none. */
  agencies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                    (GDestroyNotify) agency_count_free);

  /* Assigned as of today and not closed since: what can be overdue. The conditions are the
   * first rows of §2.2. Those never resolved come from the index of open petitions alone;
   * those resolved after today (few, or none) through the index of resolved dates. "+" keeps
   * SQLite from the index on duplicate_of, which would fetch nearly every row. */
#define OPEN_AS_OF_TODAY \
    "  AND p.assigned_date <= ?1 AND +p.duplicate_of IS NULL " \
    "  AND (p.answered_date IS NULL OR p.answered_date > ?1) " \
    "  AND (p.declined_date IS NULL OR p.declined_date > ?1) " \
    "  AND (p.withdrawn_date IS NULL OR p.withdrawn_date > ?1) " \
    "  AND (p.escalated_date IS NULL OR p.escalated_date > ?1) " \
    "  AND p.received <= ?1 "
#define OPEN_COLUMNS \
    "SELECT p.received, p.answered_date, p.assigned_date, p.deadline, p.escalated_date, " \
    "       p.declined_date, p.withdrawn_date, p.resolved_date, a.name "
  stmt = _dt_database_prepare_static (db,
    OPEN_COLUMNS
    "FROM petitions p INDEXED BY petitions_open LEFT JOIN agencies a ON a.id = p.agency_id "
    "WHERE p.resolved_date IS NULL " OPEN_AS_OF_TODAY
    "UNION ALL "
    OPEN_COLUMNS
    "FROM petitions p INDEXED BY petitions_resolved LEFT JOIN agencies a ON a.id = p.agency_id "
    "WHERE p.resolved_date > ?1 " OPEN_AS_OF_TODAY, error);
#undef OPEN_COLUMNS
#undef OPEN_AS_OF_TODAY
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtPetitionDates dates;
      DtPetitionState state;
      const char *agency;
      int days;

#define TEXT_AT(i) ((const char *) sqlite3_column_text (stmt, i))
      dates.received = TEXT_AT (0);
      dates.answered_date = TEXT_AT (1);
      dates.assigned_date = TEXT_AT (2);
      dates.deadline = TEXT_AT (3);
      dates.escalated_date = TEXT_AT (4);
      dates.declined_date = TEXT_AT (5);
      dates.withdrawn_date = TEXT_AT (6);
      dates.resolved_date = TEXT_AT (7);
      agency = TEXT_AT (8) != NULL ? TEXT_AT (8) : "";
#undef TEXT_AT
      dt_petition_state_compute (&dates, &overview->today, calendar, unit->answer_working_days,
                                 &state);
      if (state.status != DT_STATUS_ASSIGNED || !state.has_deadline)
        continue;
      days = days_to (&overview->today, &state.deadline);
      if (!state.overdue && days > DT_ATTENTION_DUE_DAYS)
        continue;

      if (!(count = g_hash_table_lookup (agencies, agency)))
        {
          count = g_new0 (AgencyCount, 1);
          count->agency = g_strdup (agency);
          g_hash_table_insert (agencies, count->agency, count);
        }
      if (state.overdue)
        {
          g_autofree char *deadline = dt_date_to_iso (&state.deadline);

          overview->overdue++;
          count->overdue++;
          count->most_days_overdue = MAX (count->most_days_overdue, state.days_overdue);
          if (count->first_overdue == NULL || strcmp (deadline, count->first_overdue) < 0)
            set_text (&count->first_overdue, deadline);
        }
      else
        {
          g_autofree char *deadline = dt_date_to_iso (&state.deadline);

          overview->due_soon++;
          count->due_soon++;
          if (count->first_due == NULL || strcmp (deadline, count->first_due) < 0)
            set_text (&count->first_due, deadline);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);

  g_hash_table_iter_init (&iter, agencies);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &count))
    {
      const char *name = *count->agency != '\0' ? count->agency : NULL;
      DtAttentionItem *item;
      GDate due;

      if (count->overdue > 0)
        {
          item = item_new (overview->items, DT_ATTENTION_OVERDUE);
          item->name = g_strdup (name);
          item->count = count->overdue;
          item->late = TRUE;
          item->due = g_strdup (count->first_overdue);
          item->most_days_overdue = count->most_days_overdue;
          item->days = -count->most_days_overdue;
        }
      if (count->due_soon > 0)
        {
          item = item_new (overview->items, DT_ATTENTION_DUE_SOON);
          item->name = g_strdup (name);
          item->count = count->due_soon;
          item->due = g_strdup (count->first_due);
          if (dt_date_parse (count->first_due, &due))
            item->days = days_to (&overview->today, &due);
        }
    }
  return TRUE;
}

static gboolean
report_items (DtDatabase   *db,
              DtOverview   *overview,
              GError      **error)
{
  g_autofree char *today = dt_date_to_iso (&overview->today);
  g_autofree char *horizon = NULL;
  GDate until = overview->today;
  sqlite3_stmt *stmt;
  int rc;

  g_date_add_days (&until, DT_ATTENTION_REPORT_DAYS);
  horizon = dt_date_to_iso (&until);
  stmt = _dt_database_prepare_static (db,
    "SELECT p.code, r.date FROM plan_reports_due r JOIN plans p ON p.id = r.plan_id "
    "WHERE r.date BETWEEN ?1 AND ?2 ORDER BY r.date", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, horizon, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtAttentionItem *item = item_new (overview->items, DT_ATTENTION_REPORT);
      GDate due;

      item->code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      item->date = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      item->due = g_strdup (item->date);
      item->period = dt_report_period_for_due (item->date);
      if (dt_date_parse (item->date, &due))
        item->days = days_to (&overview->today, &due);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}

static gboolean
year_progress (DtDatabase   *db,
               DtOverview   *overview,
               GError      **error)
{
  g_autoptr(DtWorkCalendar) calendar = NULL;
  g_autoptr(DtUnit) unit = NULL;
  g_autofree char *today = dt_date_to_iso (&overview->today);
  g_autofree char *from = g_strdup_printf ("%04d-01-01", overview->year);
  g_autofree char *to = g_strdup_printf ("%04d-12-31", overview->year);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _dt_database_prepare_static (db,
    "SELECT coalesce (sum (coalesce (p.dialogues_planned, "
    "         (SELECT count (*) FROM planned_sessions x WHERE x.plan_id = p.id))), 0) "
    "FROM plans p WHERE p.year = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, overview->year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    overview->sessions_planned = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _dt_database_fail (db, rc, error);

  stmt = _dt_database_prepare_static (db,
    "SELECT status, count (*), coalesce (sum (kind = 'dialogue'), 0) FROM sessions "
    "WHERE date BETWEEN ?1 AND ?2 GROUP BY status",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 0);
      guint n = (guint) sqlite3_column_int (stmt, 1);

      if (g_strcmp0 (status, "held") == 0)
        {
          overview->sessions_held = n;
          overview->dialogues_held = (guint) sqlite3_column_int (stmt, 2);
        }
      else if (g_strcmp0 (status, "planned") == 0)
        overview->sessions_to_come = n;
      else if (g_strcmp0 (status, "postponed") == 0)
        overview->sessions_postponed = n;
      else if (g_strcmp0 (status, "cancelled") == 0)
        overview->sessions_cancelled = n;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);

  /* This year's petitions by status as of today, duplicates apart. */
  if (!(unit = dt_unit_load (db, error)) || !(calendar = dt_work_calendar_new (db, error)))
    return FALSE;
  stmt = _dt_database_prepare_static (db,
    "SELECT received, answered_date, assigned_date, deadline, escalated_date, declined_date, "
    "       withdrawn_date, resolved_date, duplicate_of IS NOT NULL "
    "FROM petitions WHERE received BETWEEN ?1 AND ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, strcmp (today, to) < 0 ? today : to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtPetitionDates dates;
      DtPetitionState state;

      if (sqlite3_column_int (stmt, 8) != 0)
        {
          overview->petitions.duplicates++;
          continue;
        }
#define TEXT_AT(i) ((const char *) sqlite3_column_text (stmt, i))
      dates.received = TEXT_AT (0);
      dates.answered_date = TEXT_AT (1);
      dates.assigned_date = TEXT_AT (2);
      dates.deadline = TEXT_AT (3);
      dates.escalated_date = TEXT_AT (4);
      dates.declined_date = TEXT_AT (5);
      dates.withdrawn_date = TEXT_AT (6);
      dates.resolved_date = TEXT_AT (7);
#undef TEXT_AT
      dt_petition_state_compute (&dates, &overview->today, calendar, unit->answer_working_days,
                                 &state);
      overview->petitions.total++;
      overview->petitions.by_status[state.status]++;
      overview->petitions.overdue += state.overdue;
      overview->petitions.resolved_late += state.status == DT_STATUS_RESOLVED && !state.on_time;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);

  /* Counted in the index on (field_id, received) field by field, the duplicates (a few, from
   * their own index) taken off: grouping the year's petitions by field would read each of
   * them from the table, ten times longer than all the rest of the overview. */
  stmt = _dt_database_prepare_static (db,
    "WITH counts (id, n) AS ("
    "  SELECT f.id, (SELECT count (*) FROM petitions p "
    "                WHERE p.field_id = f.id AND p.received BETWEEN ?1 AND ?2) "
    "  FROM fields f "
    "  UNION ALL "
    "  SELECT NULL, (SELECT count (*) FROM petitions p "
    "                WHERE p.field_id IS NULL AND p.received BETWEEN ?1 AND ?2)), "
    "duplicates (id, n) AS ("
    "  SELECT field_id, count (*) FROM petitions "
    "  WHERE received BETWEEN ?1 AND ?2 AND duplicate_of IS NOT NULL GROUP BY field_id) "
    "SELECT f.name, c.n - coalesce (d.n, 0) AS total "
    "FROM counts c LEFT JOIN duplicates d ON d.id IS c.id LEFT JOIN fields f ON f.id = c.id "
    "WHERE total > 0 ORDER BY total DESC, f.name", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, strcmp (today, to) < 0 ? today : to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtNamedCount *count = g_new0 (DtNamedCount, 1);

      count->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      count->count = (guint) sqlite3_column_int (stmt, 1);
      g_ptr_array_add (overview->by_field, count);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}

/* A new overview of TODAY, with what needs attention when ATTENTION, this year's progress when
 * PROGRESS: one snapshot, even while another program writes. */
static DtOverview *
compute_new (DtDatabase   *db,
             const GDate  *today,
             gboolean      attention,
             gboolean      progress,
             GError      **error)
{
  g_autoptr(DtOverview) overview = NULL;
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  overview = g_new0 (DtOverview, 1);
  overview->today = *today;
  overview->year = g_date_get_year (today);
  overview->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  overview->by_field = g_ptr_array_new_with_free_func ((GDestroyNotify) named_count_free);

  own_transaction = sqlite3_get_autocommit (_dt_database_get_handle (db)) != 0;
  if (own_transaction && !_dt_database_exec (db, "BEGIN", error))
    return NULL;
  ok = (!attention || (session_items (db, overview, error) &&
                       petition_items (db, overview, error) &&
                       report_items (db, overview, error))) &&
       (!progress || year_progress (db, overview, error));
  if (own_transaction)
    _dt_database_exec (db, "COMMIT", NULL);
  if (!ok)
    return NULL;

  g_ptr_array_sort (overview->items, compare_items);
  overview->has_progress = progress;
  return g_steal_pointer (&overview);
}

DtOverview *
dt_overview_compute (DtDatabase   *db,
                     const GDate  *today,
                     GError      **error)
{
  return compute_new (db, today, TRUE, TRUE, error);
}

DtOverview *
dt_overview_compute_attention (DtDatabase   *db,
                               const GDate  *today,
                               GError      **error)
{
  return compute_new (db, today, TRUE, FALSE, error);
}

DtOverview *
dt_overview_compute_progress (DtDatabase   *db,
                              const GDate  *today,
                              GError      **error)
{
  return compute_new (db, today, FALSE, TRUE, error);
}

void
dt_overview_add_progress (DtOverview *overview,
                          DtOverview *progress)
{
  g_return_if_fail (overview != NULL && !overview->has_progress);
  g_return_if_fail (progress != NULL && progress->has_progress);
  g_return_if_fail (g_date_compare (&overview->today, &progress->today) == 0);

  /* The fields year_progress () fills. */
  overview->sessions_planned = progress->sessions_planned;
  overview->sessions_held = progress->sessions_held;
  overview->dialogues_held = progress->dialogues_held;
  overview->sessions_to_come = progress->sessions_to_come;
  overview->sessions_postponed = progress->sessions_postponed;
  overview->sessions_cancelled = progress->sessions_cancelled;
  overview->petitions = progress->petitions;
  g_ptr_array_unref (overview->by_field);
  overview->by_field = g_ptr_array_ref (progress->by_field);
  overview->has_progress = TRUE;
}
