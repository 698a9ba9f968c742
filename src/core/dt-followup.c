/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-followup"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-followup.h"
#include "dt-status.h"
#include "dt-util.h"

char *
dt_petition_deadline_for (DtDatabase  *db,
                          const char  *assigned_date,
                          GError     **error)
{
  const char *deadline;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  if (!dt_date_is_valid (assigned_date))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” is not a real date (expected YYYY-MM-DD)."),
                   assigned_date != NULL ? assigned_date : "");
      return NULL;
    }
  deadline = _dt_database_computed_deadline (db, assigned_date, error);
  return g_strdup (deadline);
}

gboolean
dt_petition_resolve_and_inform (DtDatabase  *db,
                                const char  *code,
                                const char  *date,
                                const char  *result,
                                const char  *informed_date,
                                GError     **error)
{
  g_autoptr(DtPetition) petition = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!_dt_database_savepoint (db, error))
    return FALSE;
  if (!dt_petition_resolve (db, code, date, result, error))
    goto undo;
  if (informed_date != NULL)
    {
      if (!(petition = dt_petition_load (db, code, error)))
        goto undo;
      if (dt_date_is_valid (informed_date) && strcmp (informed_date, date) < 0)
        {
          g_autofree char *shown = dt_date_to_display (date);
          GError *local_error = g_error_new (DT_ERROR, DT_ERROR_INVALID,
                                             _("Petition “%s”: the petitioner cannot be told of "
                                               "the result before it was resolved (%s)."),
                                             code, shown);

          dt_error_set_field (local_error, "petition", "informed_date", NULL);
          g_propagate_error (error, local_error);
          goto undo;
        }
      g_free (petition->informed_date);
      petition->informed_date = g_strdup (informed_date);
      if (!dt_petition_update (db, petition, error))
        goto undo;
    }
  return _dt_database_release (db, error);

undo:
  _dt_database_undo (db);
  return FALSE;
}

gboolean
dt_petitions_assign (DtDatabase          *db,
                     const char * const  *codes,
                     const char          *agency,
                     const char          *date,
                     const char          *deadline,
                     GError             **error)
{
  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (codes != NULL, FALSE);

  if (!_dt_database_savepoint (db, error))
    return FALSE;
  for (guint i = 0; codes[i] != NULL; i++)
    if (!dt_petition_assign (db, codes[i], agency, date, deadline, error))
      {
        _dt_database_undo (db);
        return FALSE;
      }
  return _dt_database_release (db, error);
}

gboolean
dt_petitions_add_event (DtDatabase          *db,
                        const char * const  *codes,
                        const char          *date,
                        const char          *text,
                        const char          *number,
                        GError             **error)
{
  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (codes != NULL, FALSE);

  if (!_dt_database_savepoint (db, error))
    return FALSE;
  for (guint i = 0; codes[i] != NULL; i++)
    if (!dt_petition_add_event (db, codes[i], date, text, number, error))
      {
        _dt_database_undo (db);
        return FALSE;
      }
  return _dt_database_release (db, error);
}

/* ------------------------------------------------------------------------------------------
 * Timeline and history
 * ------------------------------------------------------------------------------------------ */

void
dt_timeline_entry_free (DtTimelineEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->date);
  g_free (entry->text);
  g_free (entry->detail);
  g_free (entry);
}

static void
add_entry (GPtrArray      *entries,
           DtTimelineKind  kind,
           const char     *date,
           char           *text,
           const char     *detail)
{
  DtTimelineEntry *entry;

  if (date == NULL)
    {
      g_free (text);
      return;
    }
  entry = g_new0 (DtTimelineEntry, 1);
  entry->kind = kind;
  entry->date = g_strdup (date);
  entry->text = text;
  entry->detail = g_strdup (detail);
  g_ptr_array_add (entries, entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const DtTimelineEntry *x = *(DtTimelineEntry * const *) a;
  const DtTimelineEntry *y = *(DtTimelineEntry * const *) b;
  int cmp = strcmp (x->date, y->date);

  if (cmp != 0)
    return cmp;
  return (int) x->kind - (int) y->kind;
}

GPtrArray *
dt_petition_timeline (const DtPetition *petition)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_timeline_entry_free);
  g_autofree char *deadline = NULL;
  const char *channel;

  g_return_val_if_fail (petition != NULL, entries);

  channel = dt_choice_label (DT_RECORD_PETITION, "channel", petition->channel);
  add_entry (entries, DT_TIMELINE_RECEIVED, petition->received,
             channel != NULL ? g_strdup_printf (_("Received: %s"), channel)
                             : g_strdup (_("Received")),
             petition->session);
  add_entry (entries, DT_TIMELINE_ANSWERED, petition->answered_date,
             g_strdup (_("Answered at the session")), petition->answer);
  if (petition->deadline != NULL)
    {
      g_autofree char *shown = dt_date_to_display (petition->deadline);
      deadline = g_strdup_printf (_("Deadline set to %s"), shown);
    }
  add_entry (entries, DT_TIMELINE_ASSIGNED, petition->assigned_date,
             g_strdup_printf (_("Assigned to %s"),
                              petition->assigned_to != NULL ? petition->assigned_to : "—"),
             deadline);
  for (guint i = 0; petition->events != NULL && i < petition->events->len; i++)
    {
      DtPetitionEvent *event = g_ptr_array_index (petition->events, i);
      g_autofree char *number = NULL;

      if (event->number != NULL)
        number = g_strdup_printf (_("Document %s"), event->number);
      add_entry (entries, DT_TIMELINE_EVENT, event->date, g_strdup (event->text), number);
    }
  {
    g_autofree char *number = NULL;

    if (petition->escalated_number != NULL)
      number = g_strdup_printf (_("Dispatch %s"), petition->escalated_number);
    add_entry (entries, DT_TIMELINE_ESCALATED, petition->escalated_date,
               g_strdup_printf (_("Sent on to %s"),
                                petition->escalated_to != NULL ? petition->escalated_to : "—"),
               number);
  }
  add_entry (entries, DT_TIMELINE_DECLINED, petition->declined_date,
             g_strdup (_("Declined: not within the scope of the dialogue")),
             petition->declined_reason);
  add_entry (entries, DT_TIMELINE_WITHDRAWN, petition->withdrawn_date,
             g_strdup (_("Withdrawn by the petitioner")), NULL);
  add_entry (entries, DT_TIMELINE_RESOLVED, petition->resolved_date, g_strdup (_("Resolved")),
             petition->result);
  add_entry (entries, DT_TIMELINE_INFORMED, petition->informed_date,
             g_strdup (_("The petitioner was told of the result")), NULL);

  g_ptr_array_sort (entries, compare_entries);
  return entries;
}

void
dt_history_entry_free (DtHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_clear_pointer (&entry->time, g_date_time_unref);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->text);
  g_free (entry);
}

static char *
history_text (const char *entity,
              const char *action)
{
  gboolean event = g_strcmp0 (entity, "petition_events") == 0;

  if (g_strcmp0 (action, "insert") == 0)
    return g_strdup (event ? _("Event recorded") : _("Petition recorded"));
  if (g_strcmp0 (action, "delete") == 0)
    return g_strdup (event ? _("Event removed") : _("Petition deleted"));
  return g_strdup (event ? _("Event changed") : _("Petition changed"));
}

GPtrArray *
dt_petition_history (DtDatabase  *db,
                     gint64       id,
                     guint        limit,
                     GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 dt_history_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  stmt = _dt_database_prepare_static (db,
    "SELECT at, actor, action, entity FROM audit_log "
    "WHERE (entity = 'petitions' AND record_id = ?1) "
    "   OR (entity = 'petition_events' AND record_id IN "
    "       (SELECT id FROM petition_events WHERE petition_id = ?1)) "
    "ORDER BY id DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtHistoryEntry *entry = g_new0 (DtHistoryEntry, 1);
      g_autoptr(GDateTime) utc = NULL;
      const char *at = (const char *) sqlite3_column_text (stmt, 0);

      utc = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
      entry->time = utc != NULL ? g_date_time_to_local (utc) : NULL;
      entry->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->action = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->text = history_text ((const char *) sqlite3_column_text (stmt, 3), entry->action);
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

/* ------------------------------------------------------------------------------------------
 * What each agency owes
 * ------------------------------------------------------------------------------------------ */

void
dt_agency_load_free (DtAgencyLoad *load)
{
  if (load == NULL)
    return;
  g_free (load->agency);
  g_free (load);
}

GPtrArray *
dt_followup_agency_loads (DtDatabase   *db,
                          const GDate  *as_of,
                          int           due_within,
                          GError      **error)
{
  g_autoptr(GPtrArray) loads = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                               dt_agency_load_free);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) agencies = NULL;
  g_autofree char *as_of_iso = NULL;
  DtAgencyLoad *unassigned;
  DtWorkCalendar *calendar;
  sqlite3_stmt *stmt;
  GDate today;
  int answer_days;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  if (as_of == NULL || !g_date_valid (as_of))
    {
      dt_today (&today);
      as_of = &today;
    }
  as_of_iso = dt_date_to_iso (as_of);

  if (!(agencies = dt_list_get (db, DT_LIST_AGENCIES, error)) ||
      !(calendar = _dt_database_get_rules (db, &answer_days, error)))
    return NULL;
  for (guint i = 0; agencies[i] != NULL; i++)
    {
      DtAgencyLoad *load = g_new0 (DtAgencyLoad, 1);

      load->agency = g_strdup (agencies[i]);
      g_ptr_array_add (loads, load);
      g_hash_table_insert (by_name, load->agency, load);
    }
  unassigned = g_new0 (DtAgencyLoad, 1);

  /* Closed as of the day: resolved, answered, declined or withdrawn by then. Those never
   * resolved come from the index of open petitions alone, which holds every column read;
   * those resolved after the day (few, or none) through the index of resolved dates. Without
   * them SQLite walks the duplicates index and reads the whole table. */
#define OPEN_AS_OF_DAY \
    "  AND p.received <= ?1 AND p.duplicate_of IS NULL " \
    "  AND ifnull (p.answered_date <= ?1, 0) = 0 " \
    "  AND ifnull (p.declined_date <= ?1, 0) = 0 AND ifnull (p.withdrawn_date <= ?1, 0) = 0 "
#define OPEN_COLUMNS \
    "SELECT a.name, p.received, p.answered_date, p.assigned_date, p.deadline, " \
    "       p.escalated_date, p.declined_date, p.withdrawn_date, p.resolved_date "
  stmt = _dt_database_prepare_static (db,
    OPEN_COLUMNS
    "FROM petitions p INDEXED BY petitions_open LEFT JOIN agencies a ON a.id = p.agency_id "
    "WHERE p.resolved_date IS NULL " OPEN_AS_OF_DAY
    "UNION ALL "
    OPEN_COLUMNS
    "FROM petitions p INDEXED BY petitions_resolved LEFT JOIN agencies a ON a.id = p.agency_id "
    "WHERE p.resolved_date > ?1 " OPEN_AS_OF_DAY,
    error);
#undef OPEN_COLUMNS
#undef OPEN_AS_OF_DAY
  if (stmt == NULL)
    {
      dt_agency_load_free (unassigned);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, as_of_iso, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
#define TEXT_AT(i) ((const char *) sqlite3_column_text (stmt, i))
      const char *agency = TEXT_AT (0);
      DtPetitionDates dates = {
        TEXT_AT (1), TEXT_AT (2), TEXT_AT (3), TEXT_AT (4), TEXT_AT (5), TEXT_AT (6),
        TEXT_AT (7), TEXT_AT (8),
      };
#undef TEXT_AT
      DtPetitionState state;
      DtAgencyLoad *load;

      /* The computed deadline, memoised per assigned date, stands in for a stored one: the
       * same state, without counting working days for each of thousands of rows. */
      if (dates.deadline == NULL && dates.assigned_date != NULL)
        dates.deadline = _dt_database_computed_deadline (db, dates.assigned_date, NULL);
      dt_petition_state_compute (&dates, as_of, calendar, answer_days, &state);
      if (!state.open)
        continue;

      /* Assigned to an agency since taken off the list: counted as assigned to none. */
      load = agency != NULL && state.status != DT_STATUS_RECEIVED
             ? g_hash_table_lookup (by_name, agency) : NULL;
      if (load == NULL)
        load = unassigned;
      load->open++;
      if (state.overdue)
        load->overdue++;
      else if (due_within >= 0 && state.status == DT_STATUS_ASSIGNED && state.has_deadline &&
               g_date_days_between (as_of, &state.deadline) <= due_within)
        load->due_soon++;
    }
  sqlite3_reset (stmt);
  g_ptr_array_add (loads, unassigned);
  if (rc != SQLITE_DONE)
    {
      _dt_database_fail (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&loads);
}
