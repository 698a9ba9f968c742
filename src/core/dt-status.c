/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-status"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-status.h"
#include "dt-util.h"

static const struct
{
  const char *name;
  const char *label;
  const char *label_vi;
} statuses[DT_N_STATUSES] = {
  [DT_STATUS_RESOLVED] = { "resolved", N_("Resolved"), "Đã giải quyết" },
  [DT_STATUS_ANSWERED] = { "answered", N_("Answered at the session"), "Đã trả lời tại hội nghị" },
  [DT_STATUS_DECLINED] = { "declined", N_("Outside our remit"), "Không thuộc phạm vi" },
  [DT_STATUS_WITHDRAWN] = { "withdrawn", N_("Withdrawn"), "Rút ý kiến" },
  [DT_STATUS_ESCALATED] = { "escalated", N_("Sent to the competent level"),
                            "Chuyển cấp có thẩm quyền" },
  [DT_STATUS_ASSIGNED] = { "assigned", N_("Being resolved"), "Đang giải quyết" },
  [DT_STATUS_RECEIVED] = { "received", N_("Not yet assigned"), "Chưa phân công" },
};

const char *
dt_status_name (DtStatus status)
{
  g_return_val_if_fail (status < DT_N_STATUSES, NULL);
  return statuses[status].name;
}

const char *
dt_status_label (DtStatus status)
{
  g_return_val_if_fail (status < DT_N_STATUSES, NULL);
  return _(statuses[status].label);
}

const char *
dt_status_label_vi (DtStatus status)
{
  g_return_val_if_fail (status < DT_N_STATUSES, NULL);
  return statuses[status].label_vi;
}

static gboolean
on_or_before (const char *date,
              const char *as_of)
{
  return date != NULL && strcmp (date, as_of) <= 0;
}

DtStatus
dt_petition_status_as_of (const DtPetitionDates *dates,
                          const char            *as_of_iso)
{
  if (on_or_before (dates->resolved_date, as_of_iso))
    return DT_STATUS_RESOLVED;
  if (on_or_before (dates->answered_date, as_of_iso))
    return DT_STATUS_ANSWERED;
  if (on_or_before (dates->declined_date, as_of_iso))
    return DT_STATUS_DECLINED;
  if (on_or_before (dates->withdrawn_date, as_of_iso))
    return DT_STATUS_WITHDRAWN;
  if (on_or_before (dates->escalated_date, as_of_iso))
    return DT_STATUS_ESCALATED;
  if (on_or_before (dates->assigned_date, as_of_iso))
    return DT_STATUS_ASSIGNED;
  return DT_STATUS_RECEIVED;
}

static void
compute_state (const DtPetitionDates *dates,
               const char            *as_of_iso,
               const GDate           *as_of,
               DtWorkCalendar        *calendar,
               int                    answer_working_days,
               DtPetitionState       *state)
{
  memset (state, 0, sizeof *state);
  state->status = dt_petition_status_as_of (dates, as_of_iso);

  state->open = state->status == DT_STATUS_ESCALATED || state->status == DT_STATUS_ASSIGNED ||
                state->status == DT_STATUS_RECEIVED;

  if (dates->deadline != NULL)
    state->has_deadline = dt_date_parse (dates->deadline, &state->deadline);
  else if (dates->assigned_date != NULL)
    {
      GDate assigned;

      state->has_deadline = dt_date_parse (dates->assigned_date, &assigned) &&
                            dt_work_calendar_add (calendar, &assigned, answer_working_days,
                                                  &state->deadline, NULL);
    }

  if (state->status == DT_STATUS_ASSIGNED && state->has_deadline &&
      g_date_compare (&state->deadline, as_of) < 0)
    {
      state->overdue = TRUE;
      state->days_overdue = g_date_days_between (&state->deadline, as_of);
    }

  if (state->status == DT_STATUS_RESOLVED)
    {
      GDate resolved;

      state->on_time = !state->has_deadline ||
                       (dt_date_parse (dates->resolved_date, &resolved) &&
                        g_date_compare (&resolved, &state->deadline) <= 0);
    }
}

void
dt_petition_state_compute (const DtPetitionDates *dates,
                           const GDate           *as_of,
                           DtWorkCalendar        *calendar,
                           int                    answer_working_days,
                           DtPetitionState       *state)
{
  char as_of_iso[11];
  guint year, month, day;

  g_return_if_fail (dates != NULL);
  g_return_if_fail (as_of != NULL && g_date_valid (as_of));
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (state != NULL);

  /* YYYY-MM-DD by hand: this runs once for each of thousands of petitions. */
  year = g_date_get_year (as_of);
  month = g_date_get_month (as_of);
  day = g_date_get_day (as_of);
  as_of_iso[0] = (char) ('0' + year / 1000 % 10);
  as_of_iso[1] = (char) ('0' + year / 100 % 10);
  as_of_iso[2] = (char) ('0' + year / 10 % 10);
  as_of_iso[3] = (char) ('0' + year % 10);
  as_of_iso[4] = '-';
  as_of_iso[5] = (char) ('0' + month / 10);
  as_of_iso[6] = (char) ('0' + month % 10);
  as_of_iso[7] = '-';
  as_of_iso[8] = (char) ('0' + day / 10);
  as_of_iso[9] = (char) ('0' + day % 10);
  as_of_iso[10] = '\0';
  compute_state (dates, as_of_iso, as_of, calendar, answer_working_days, state);
}

static void
petition_dates (const DtPetition *petition,
                DtPetitionDates  *dates)
{
  dates->received = petition->received;
  dates->answered_date = petition->answered_date;
  dates->assigned_date = petition->assigned_date;
  dates->deadline = petition->deadline;
  dates->escalated_date = petition->escalated_date;
  dates->declined_date = petition->declined_date;
  dates->withdrawn_date = petition->withdrawn_date;
  dates->resolved_date = petition->resolved_date;
}

void
dt_petition_get_state (const DtPetition *petition,
                       const GDate      *as_of,
                       DtWorkCalendar   *calendar,
                       int               answer_working_days,
                       DtPetitionState  *state)
{
  DtPetitionDates dates;

  g_return_if_fail (petition != NULL);

  petition_dates (petition, &dates);
  dt_petition_state_compute (&dates, as_of, calendar, answer_working_days, state);
}

typedef gboolean (*StateFunc) (const char            *code,
                               const char            *agency,
                               gboolean               duplicate,
                               const DtPetitionDates *dates,
                               const DtPetitionState *state,
                               gpointer               user_data);

/* Walks every petition with its state as of AS_OF, in no particular order, reading only the
 * columns the index petitions_state holds. */
static gboolean
foreach_state (DtDatabase   *db,
               const GDate  *as_of,
               StateFunc     func,
               gpointer      user_data,
               GError      **error)
{
  g_autoptr(DtWorkCalendar) calendar = NULL;
  g_autoptr(DtUnit) unit = NULL;
  g_autofree char *as_of_iso = dt_date_to_iso (as_of);
  sqlite3_stmt *stmt;
  int rc;

  if (!(unit = dt_unit_load (db, error)) || !(calendar = dt_work_calendar_new (db, error)))
    return FALSE;
  stmt = _dt_database_prepare_static (db,
    "SELECT p.code, p.received, p.answered_date, p.assigned_date, p.deadline, "
    "       p.escalated_date, p.declined_date, p.withdrawn_date, p.resolved_date, "
    "       p.duplicate_of IS NOT NULL, a.name "
    "FROM petitions p LEFT JOIN agencies a ON a.id = p.agency_id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtPetitionDates dates;
      DtPetitionState state;

#define TEXT_AT(i) ((const char *) sqlite3_column_text (stmt, i))
      dates.received = TEXT_AT (1);
      dates.answered_date = TEXT_AT (2);
      dates.assigned_date = TEXT_AT (3);
      dates.deadline = TEXT_AT (4);
      dates.escalated_date = TEXT_AT (5);
      dates.declined_date = TEXT_AT (6);
      dates.withdrawn_date = TEXT_AT (7);
      dates.resolved_date = TEXT_AT (8);
      /* Not yet received on that day: not there at all. */
      if (dates.received == NULL || strcmp (dates.received, as_of_iso) > 0)
        continue;
      compute_state (&dates, as_of_iso, as_of, calendar, unit->answer_working_days, &state);
      if (!func (TEXT_AT (0), TEXT_AT (10), sqlite3_column_int (stmt, 9) != 0, &dates, &state,
                 user_data))
        break;
#undef TEXT_AT
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}

static gboolean
count_cb (const char            *code,
          const char            *agency,
          gboolean               duplicate,
          const DtPetitionDates *dates,
          const DtPetitionState *state,
          gpointer               user_data)
{
  DtStatusCounts *counts = user_data;

  if (duplicate)
    {
      counts->duplicates++;
      return TRUE;
    }
  counts->total++;
  counts->by_status[state->status]++;
  counts->overdue += state->overdue;
  counts->resolved_late += state->status == DT_STATUS_RESOLVED && !state->on_time;
  return TRUE;
}

gboolean
dt_status_count_all (DtDatabase      *db,
                     const GDate     *as_of,
                     DtStatusCounts  *counts,
                     GError         **error)
{
  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);
  return foreach_state (db, as_of, count_cb, counts, error);
}

static gboolean
session_date (const DtSession  *session,
              GDate            *date,
              GError          **error)
{
  if (!dt_date_parse (session->date, date))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Session “%s” has no valid date."), session->code);
      return FALSE;
    }
  return TRUE;
}

/* Both due dates of a session under UNIT's rules and its plan's lead days. */
static gboolean
session_due_dates (DtDatabase       *db,
                   const DtUnit     *unit,
                   const DtSession  *session,
                   GDate            *notice_due,
                   GDate            *conclusion_due,
                   GError          **error)
{
  int lead = unit->notice_lead_days;
  GDate date;

  if (!session_date (session, &date, error))
    return FALSE;
  if (session->plan != NULL)
    {
      g_autoptr(DtPlan) plan = dt_plan_load (db, session->plan, error);

      if (plan == NULL)
        return FALSE;
      if (plan->notice_lead_days != DT_NO_INT)
        lead = plan->notice_lead_days;
    }
  *notice_due = date;
  g_date_subtract_days (notice_due, (guint) lead);
  *conclusion_due = date;
  g_date_add_days (conclusion_due, (guint) unit->conclusion_days);
  return TRUE;
}

gboolean
dt_session_notice_due (DtDatabase       *db,
                       const DtSession  *session,
                       GDate            *due,
                       GError          **error)
{
  g_autoptr(DtUnit) unit = NULL;
  GDate conclusion_due;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (session != NULL && due != NULL, FALSE);

  return (unit = dt_unit_load (db, error)) != NULL &&
         session_due_dates (db, unit, session, due, &conclusion_due, error);
}

gboolean
dt_session_conclusion_due (DtDatabase       *db,
                           const DtSession  *session,
                           GDate            *due,
                           GError          **error)
{
  g_autoptr(DtUnit) unit = NULL;
  GDate notice_due;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (session != NULL && due != NULL, FALSE);

  return (unit = dt_unit_load (db, error)) != NULL &&
         session_due_dates (db, unit, session, &notice_due, due, error);
}

gboolean
dt_session_get_due_dates (DtDatabase       *db,
                          const DtUnit     *unit,
                          const DtSession  *session,
                          GDate            *notice_due,
                          GDate            *conclusion_due,
                          GError          **error)
{
  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (unit != NULL && session != NULL, FALSE);
  g_return_val_if_fail (notice_due != NULL && conclusion_due != NULL, FALSE);

  return session_due_dates (db, unit, session, notice_due, conclusion_due, error);
}

static gboolean
session_warnings (DtDatabase   *db,
                  const GDate  *as_of,
                  GPtrArray    *warnings,
                  GError      **error)
{
  g_auto(GStrv) codes = dt_session_list_codes (db, error);
  g_autoptr(DtUnit) unit = NULL;

  if (codes == NULL || !(unit = dt_unit_load (db, error)))
    return FALSE;
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(DtSession) session = dt_session_load (db, codes[i], error);
      g_autofree char *when = NULL;
      GDate notice_due, conclusion_due, notice;

      if (session == NULL ||
          !session_due_dates (db, unit, session, &notice_due, &conclusion_due, error))
        return FALSE;
      when = dt_date_to_display (session->date);

      if (g_str_equal (session->status, "held") || g_str_equal (session->status, "planned"))
        {
          gboolean has_notice = session->notice_date != NULL &&
                                dt_date_parse (session->notice_date, &notice);

          if (has_notice && g_date_compare (&notice, &notice_due) > 0)
            g_ptr_array_add (warnings,
                             g_strdup_printf (_("Session %s (%s): the notice came out late."),
                                              session->code, when));
          else if (!has_notice && g_date_compare (as_of, &notice_due) > 0)
            g_ptr_array_add (warnings,
                             g_strdup_printf (_("Session %s (%s): no notice has been recorded."),
                                              session->code, when));
        }

      if (g_str_equal (session->status, "held"))
        {
          GDate concluded;

          if (session->conclusion_date != NULL &&
              dt_date_parse (session->conclusion_date, &concluded) &&
              g_date_compare (&concluded, &conclusion_due) > 0)
            g_ptr_array_add (warnings,
                             g_strdup_printf (_("Session %s (%s): the conclusion notice came "
                                                "out late."), session->code, when));
          else if (session->conclusion_date == NULL && g_date_compare (as_of, &conclusion_due) > 0)
            g_ptr_array_add (warnings,
                             g_strdup_printf (_("Session %s (%s): the conclusion notice is "
                                                "overdue."), session->code, when));
        }
    }
  return TRUE;
}

typedef struct
{
  int   days;
  char *text;
} Overdue;

static void
overdue_free (Overdue *overdue)
{
  g_free (overdue->text);
  g_free (overdue);
}

static int
compare_overdue (gconstpointer a,
                 gconstpointer b)
{
  const Overdue *oa = *(Overdue * const *) a;
  const Overdue *ob = *(Overdue * const *) b;

  /* The longest overdue first; then by code, for a stable list. */
  if (oa->days != ob->days)
    return ob->days - oa->days;
  return g_strcmp0 (oa->text, ob->text);
}

static gboolean
overdue_cb (const char            *code,
            const char            *agency,
            gboolean               duplicate,
            const DtPetitionDates *dates,
            const DtPetitionState *state,
            gpointer               user_data)
{
  g_autofree char *deadline = NULL;
  g_autofree char *shown = NULL;
  Overdue *overdue;

  if (!state->overdue || duplicate)
    return TRUE;
  deadline = dt_date_to_iso (&state->deadline);
  shown = dt_date_to_display (deadline);
  overdue = g_new0 (Overdue, 1);
  overdue->days = state->days_overdue;
  overdue->text = g_strdup_printf (_("Petition %s: overdue by %d days (deadline %s, %s)."),
                                   code, state->days_overdue, shown,
                                   agency != NULL ? agency : _("no agency"));
  g_ptr_array_add (user_data, overdue);
  return TRUE;
}

GPtrArray *
dt_rule_warnings (DtDatabase   *db,
                  const GDate  *as_of,
                  GError      **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) overdue = g_ptr_array_new_with_free_func ((GDestroyNotify) overdue_free);

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  if (!session_warnings (db, as_of, warnings, error) ||
      !foreach_state (db, as_of, overdue_cb, overdue, error))
    return NULL;
  g_ptr_array_sort (overdue, compare_overdue);
  for (guint i = 0; i < overdue->len; i++)
    {
      Overdue *late = g_ptr_array_index (overdue, i);
      g_ptr_array_add (warnings, g_steal_pointer (&late->text));
    }
  return g_steal_pointer (&warnings);
}

/* ------------------------------------------------------------------------------------------
 * Actions
 * ------------------------------------------------------------------------------------------ */

static DtPetition *
load_for_action (DtDatabase  *db,
                 const char  *code,
                 const char  *date,
                 gboolean     must_be_open,
                 GError     **error)
{
  g_autoptr(DtPetition) petition = NULL;

  if (date != NULL && !dt_date_is_valid (date))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Petition “%s”: “%s” is not a real date (expected YYYY-MM-DD)."),
                   code, date);
      return NULL;
    }
  if (!(petition = dt_petition_load (db, code, error)))
    return NULL;

  if (must_be_open)
    {
      g_autoptr(DtWorkCalendar) calendar = dt_work_calendar_new_default ();
      DtPetitionState state;
      GDate end;

      /* Everything recorded so far, whatever its date. */
      g_date_set_dmy (&end, 31, 12, DT_YEAR_MAX);
      dt_petition_get_state (petition, &end, calendar, 0, &state);
      if (!state.open)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("Petition “%s” is already closed (%s)."),
                       code, dt_status_label (state.status));
          return NULL;
        }
    }
  return g_steal_pointer (&petition);
}

/* TRUE, with ERROR set, when DATE comes before EARLIER; MESSAGE takes the code and the
 * earlier date. */
static gboolean
refuse_before (const char  *code,
               const char  *date,
               const char  *earlier,
               const char  *message,
               GError     **error)
{
  g_autofree char *shown = NULL;

  if (earlier == NULL || strcmp (date, earlier) >= 0)
    return FALSE;
  shown = dt_date_to_display (earlier);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, DT_ERROR, DT_ERROR_INVALID, message, code, shown);
#pragma GCC diagnostic pop
  return TRUE;
}

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

typedef struct
{
  const char *date;
  const char *a;
  const char *b;
  const char *c;
} ActionArgs;

/* Changes PETITION in memory; the caller writes it. */
typedef gboolean (*ActionFunc) (DtPetition        *petition,
                                const char        *code,
                                const ActionArgs  *args,
                                GError           **error);

/* Load, check and write in one savepoint: a failure anywhere leaves the row as it was, and
 * nobody's change can come between the check and the write. */
static gboolean
run_action (DtDatabase        *db,
            const char        *code,
            gboolean           must_be_open,
            ActionFunc         func,
            const ActionArgs  *args,
            GError           **error)
{
  g_autoptr(DtPetition) petition = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!_dt_database_savepoint (db, error))
    return FALSE;
  if (!(petition = load_for_action (db, code, args->date, must_be_open, error)) ||
      !func (petition, code, args, error) || !dt_petition_update (db, petition, error))
    {
      _dt_database_undo (db);
      return FALSE;
    }
  return _dt_database_release (db, error);
}

static gboolean
answer_func (DtPetition        *petition,
             const char        *code,
             const ActionArgs  *args,
             GError           **error)
{
  if (petition->session == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Petition “%s” was not raised at a session: it cannot be answered there."),
                   code);
      return FALSE;
    }
  replace (&petition->answered_date, args->date);
  replace (&petition->answer, args->a);
  return TRUE;
}

gboolean
dt_petition_answer (DtDatabase  *db,
                    const char  *code,
                    const char  *date,
                    const char  *answer,
                    GError     **error)
{
  ActionArgs args = { date, answer };

  return run_action (db, code, TRUE, answer_func, &args, error);
}

static gboolean
assign_func (DtPetition        *petition,
             const char        *code,
             const ActionArgs  *args,
             GError           **error)
{
  if (petition->escalated_date != NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Petition “%s” has been sent to the competent level: it is no longer "
                     "assigned here."), code);
      return FALSE;
    }
  if (args->b != NULL && !dt_date_is_valid (args->b))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Petition “%s”: “%s” is not a real date (expected YYYY-MM-DD)."),
                   code, args->b);
      return FALSE;
    }
  replace (&petition->assigned_to, args->a);
  replace (&petition->assigned_date, args->date);
  replace (&petition->deadline, args->b);
  return TRUE;
}

gboolean
dt_petition_assign (DtDatabase  *db,
                    const char  *code,
                    const char  *agency,
                    const char  *date,
                    const char  *deadline,
                    GError     **error)
{
  ActionArgs args = { date, agency, deadline };

  return run_action (db, code, TRUE, assign_func, &args, error);
}

static gboolean
escalate_func (DtPetition        *petition,
               const char        *code,
               const ActionArgs  *args,
               GError           **error)
{
  if (refuse_before (code, args->date, petition->assigned_date,
                     _("Petition “%s” cannot be sent on before the date it was assigned (%s)."),
                     error))
    return FALSE;
  replace (&petition->escalated_to, args->a);
  replace (&petition->escalated_number, args->b);
  replace (&petition->escalated_date, args->date);
  return TRUE;
}

gboolean
dt_petition_escalate (DtDatabase  *db,
                      const char  *code,
                      const char  *to,
                      const char  *number,
                      const char  *date,
                      GError     **error)
{
  ActionArgs args = { date, to, number };

  return run_action (db, code, TRUE, escalate_func, &args, error);
}

static gboolean
resolve_func (DtPetition        *petition,
              const char        *code,
              const ActionArgs  *args,
              GError           **error)
{
  if (petition->assigned_date == NULL && petition->escalated_date == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Petition “%s” cannot be resolved before it is assigned to an agency."),
                   code);
      return FALSE;
    }
  if (refuse_before (code, args->date, petition->assigned_date,
                     _("Petition “%s” cannot be resolved before the date it was assigned (%s)."),
                     error) ||
      refuse_before (code, args->date, petition->escalated_date,
                     _("Petition “%s” cannot be resolved before the date it was sent on (%s)."),
                     error))
    return FALSE;
  replace (&petition->resolved_date, args->date);
  replace (&petition->result, args->a);
  return TRUE;
}

gboolean
dt_petition_resolve (DtDatabase  *db,
                     const char  *code,
                     const char  *date,
                     const char  *result,
                     GError     **error)
{
  ActionArgs args = { date, result };

  return run_action (db, code, TRUE, resolve_func, &args, error);
}

static gboolean
decline_func (DtPetition        *petition,
              const char        *code,
              const ActionArgs  *args,
              GError           **error)
{
  replace (&petition->declined_date, args->date);
  replace (&petition->declined_reason, args->a);
  return TRUE;
}

gboolean
dt_petition_decline (DtDatabase  *db,
                     const char  *code,
                     const char  *date,
                     const char  *reason,
                     GError     **error)
{
  ActionArgs args = { date, reason };

  return run_action (db, code, TRUE, decline_func, &args, error);
}

static gboolean
withdraw_func (DtPetition        *petition,
               const char        *code,
               const ActionArgs  *args,
               GError           **error)
{
  replace (&petition->withdrawn_date, args->date);
  return TRUE;
}

gboolean
dt_petition_withdraw (DtDatabase  *db,
                      const char  *code,
                      const char  *date,
                      GError     **error)
{
  ActionArgs args = { date };

  return run_action (db, code, TRUE, withdraw_func, &args, error);
}

static gboolean
mark_duplicate_func (DtPetition        *petition,
                     const char        *code,
                     const ActionArgs  *args,
                     GError           **error)
{
  /* The records refuse a missing original and duplicates in a circle. */
  replace (&petition->duplicate_of, args->a);
  return TRUE;
}

gboolean
dt_petition_mark_duplicate (DtDatabase  *db,
                            const char  *code,
                            const char  *original,
                            GError     **error)
{
  ActionArgs args = { NULL, original };

  return run_action (db, code, FALSE, mark_duplicate_func, &args, error);
}

static gboolean
add_event_func (DtPetition        *petition,
                const char        *code,
                const ActionArgs  *args,
                GError           **error)
{
  if (args->date == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Petition “%s”: an event needs a date."), code);
      return FALSE;
    }
  g_ptr_array_add (petition->events, dt_petition_event_new (args->date, args->a, args->b));
  return TRUE;
}

gboolean
dt_petition_add_event (DtDatabase  *db,
                       const char  *code,
                       const char  *date,
                       const char  *text,
                       const char  *number,
                       GError     **error)
{
  ActionArgs args = { date, text, number };

  return run_action (db, code, FALSE, add_event_func, &args, error);
}

/* ------------------------------------------------------------------------------------------
 * The rules inside SQL, so that lists filter and sort by status and deadline in the query
 * ------------------------------------------------------------------------------------------ */

/* Reads the dates of dt_status () and dt_days_overdue (): received, answered, assigned,
 * deadline, escalated, declined, withdrawn, resolved, then the as-of date. */
static gboolean
sql_state (sqlite3_context *context,
           sqlite3_value  **argv,
           DtPetitionState *state)
{
  DtDatabase *db = sqlite3_user_data (context);
  DtPetitionDates dates;
  DtWorkCalendar *calendar;
  const char *as_of_iso = (const char *) sqlite3_value_text (argv[8]);
  GDate as_of;
  int answer_days;

  if (as_of_iso == NULL || !dt_date_parse (as_of_iso, &as_of))
    {
      sqlite3_result_error (context, "dt_status: the as-of date is not a date", -1);
      return FALSE;
    }
  if (!(calendar = _dt_database_get_rules (db, &answer_days, NULL)))
    {
      sqlite3_result_error (context, "dt_status: the rules cannot be read", -1);
      return FALSE;
    }
#define DATE_AT(i) ((const char *) sqlite3_value_text (argv[i]))
  dates.received = DATE_AT (0);
  dates.answered_date = DATE_AT (1);
  dates.assigned_date = DATE_AT (2);
  dates.deadline = DATE_AT (3);
  dates.escalated_date = DATE_AT (4);
  dates.declined_date = DATE_AT (5);
  dates.withdrawn_date = DATE_AT (6);
  dates.resolved_date = DATE_AT (7);
#undef DATE_AT
  compute_state (&dates, as_of_iso, &as_of, calendar, answer_days, state);
  return TRUE;
}

static void
status_sql_func (sqlite3_context *context,
                 int              argc,
                 sqlite3_value  **argv)
{
  DtPetitionState state;

  if (sql_state (context, argv, &state))
    sqlite3_result_text (context, statuses[state.status].name, -1, SQLITE_STATIC);
}

static void
days_overdue_sql_func (sqlite3_context *context,
                       int              argc,
                       sqlite3_value  **argv)
{
  DtPetitionState state;

  if (sql_state (context, argv, &state))
    sqlite3_result_int (context, state.overdue ? state.days_overdue : 0);
}

/* dt_deadline (assigned_date, deadline): the stored deadline, or the computed one. */
static void
deadline_sql_func (sqlite3_context *context,
                   int              argc,
                   sqlite3_value  **argv)
{
  DtDatabase *db = sqlite3_user_data (context);
  const char *assigned = (const char *) sqlite3_value_text (argv[0]);
  const char *deadline;

  if (sqlite3_value_type (argv[1]) != SQLITE_NULL)
    {
      sqlite3_result_value (context, argv[1]);
      return;
    }
  if (assigned == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  if (!(deadline = _dt_database_computed_deadline (db, assigned, NULL)))
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, deadline, -1, SQLITE_TRANSIENT);
}

void
_dt_status_register_sql (DtDatabase *db)
{
  sqlite3 *handle = _dt_database_get_handle (db);

  /* Not deterministic: they follow the calendar and the rules, which the secretary edits. */
  sqlite3_create_function_v2 (handle, "dt_status", 9, SQLITE_UTF8 | SQLITE_DIRECTONLY, db,
                              status_sql_func, NULL, NULL, NULL);
  sqlite3_create_function_v2 (handle, "dt_days_overdue", 9, SQLITE_UTF8 | SQLITE_DIRECTONLY, db,
                              days_overdue_sql_func, NULL, NULL, NULL);
  sqlite3_create_function_v2 (handle, "dt_deadline", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, db,
                              deadline_sql_func, NULL, NULL, NULL);
}
