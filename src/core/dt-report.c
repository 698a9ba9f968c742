/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-records.h"
#include "dt-report-private.h"
#include "dt-text.h"
#include "dt-util.h"

/* How many rows between two looks at the cancellable and two progress reports. */
#define CHECK_EVERY 512

typedef struct
{
  char           *name;      /* Vietnamese, as printed */
  char           *key;       /* the list's name or the choice's value; NULL: none given */
  DtReportCounts *counts;    /* [0]: the whole period; [1 + i]: year i of a review */
} Group;

typedef struct
{
  gint64  id;
  int     days;
  char   *code;
} Overdue;

struct _DtReport
{
  DtPeriod         period;
  GDate            as_of;
  char            *as_of_iso;
  guint            n_years;
  DtReportFigures *figures;                            /* [0] total, [1 + i] year i */
  GPtrArray       *groups[DT_REPORT_N_BREAKDOWNS];     /* of Group */
  GHashTable      *group_keys[DT_REPORT_N_BREAKDOWNS]; /* key ("" for none) → Group */
  GArray          *overdue;                            /* of Overdue */
  GArray          *overdue_ids;
};

static const char * const figure_labels[DT_N_FIGURES] = {
  [DT_FIGURE_HELD] = "Số cuộc đã tổ chức",
  [DT_FIGURE_POSTPONED] = "Số cuộc hoãn",
  [DT_FIGURE_CANCELLED] = "Số cuộc hủy",
  [DT_FIGURE_ATTENDANCE] = "Số lượt người tham dự",
  [DT_FIGURE_NOTICE_ON_TIME] = "Thông báo đúng hạn",
  [DT_FIGURE_NOTICE_LATE] = "Thông báo chậm",
  [DT_FIGURE_CONCLUSION_ON_TIME] = "Kết luận đúng hạn",
  [DT_FIGURE_CONCLUSION_LATE] = "Kết luận chậm",
  [DT_FIGURE_TOTAL] = "Tổng số ý kiến, kiến nghị",
  [DT_FIGURE_ANSWERED] = "Đã trả lời tại hội nghị",
  [DT_FIGURE_RESOLVED_ON_TIME] = "Đã giải quyết đúng hạn",
  [DT_FIGURE_RESOLVED_LATE] = "Đã giải quyết quá hạn",
  [DT_FIGURE_IN_TIME] = "Đang giải quyết trong hạn",
  [DT_FIGURE_OVERDUE] = "Quá hạn chưa giải quyết",
  [DT_FIGURE_ESCALATED] = "Chuyển cấp có thẩm quyền",
  [DT_FIGURE_DECLINED] = "Không thuộc phạm vi",
  [DT_FIGURE_WITHDRAWN] = "Rút ý kiến",
  [DT_FIGURE_UNASSIGNED] = "Chưa phân công",
  [DT_FIGURE_DUPLICATES] = "Ý kiến trùng lặp",
  [DT_FIGURE_RATE] = "Tỷ lệ giải quyết (%)",
};

static const char * const category_labels[DT_REPORT_N_CATEGORIES] = {
  [DT_REPORT_ANSWERED] = "Đã trả lời tại hội nghị",
  [DT_REPORT_RESOLVED_ON_TIME] = "Đã giải quyết đúng hạn",
  [DT_REPORT_RESOLVED_LATE] = "Đã giải quyết quá hạn",
  [DT_REPORT_IN_TIME] = "Đang giải quyết trong hạn",
  [DT_REPORT_OVERDUE] = "Quá hạn chưa giải quyết",
  [DT_REPORT_ESCALATED] = "Chuyển cấp có thẩm quyền",
  [DT_REPORT_DECLINED] = "Không thuộc phạm vi",
  [DT_REPORT_WITHDRAWN] = "Rút ý kiến",
  [DT_REPORT_UNASSIGNED] = "Chưa phân công",
  [DT_REPORT_DUPLICATE] = "Ý kiến trùng lặp",
};

const char *
dt_figure_label_vi (DtFigure figure)
{
  g_return_val_if_fail (figure < DT_N_FIGURES, NULL);
  return figure_labels[figure];
}

const char *
_dt_report_category_label_vi (DtReportCategory category)
{
  g_return_val_if_fail (category < DT_REPORT_N_CATEGORIES, NULL);
  return category_labels[category];
}

gboolean
dt_report_counts_rate (const DtReportCounts *counts,
                       double               *rate)
{
  guint done, base;

  g_return_val_if_fail (counts != NULL, FALSE);

  done = counts->answered + counts->resolved_on_time + counts->resolved_late;
  base = counts->total - counts->declined - counts->withdrawn;
  if (base == 0)
    {
      if (rate != NULL)
        *rate = 0;
      return FALSE;
    }
  if (rate != NULL)
    *rate = 100.0 * done / base;
  return TRUE;
}

gboolean
dt_figures_get (const DtReportFigures *figures,
                DtFigure               figure,
                double                *value)
{
  const DtReportCounts *c;
  double v = 0;

  g_return_val_if_fail (figures != NULL, FALSE);
  g_return_val_if_fail (figure < DT_N_FIGURES, FALSE);

  c = &figures->petitions;
  switch (figure)
    {
    case DT_FIGURE_HELD: v = figures->held; break;
    case DT_FIGURE_POSTPONED: v = figures->postponed; break;
    case DT_FIGURE_CANCELLED: v = figures->cancelled; break;
    case DT_FIGURE_ATTENDANCE: v = (double) figures->attendance; break;
    case DT_FIGURE_NOTICE_ON_TIME: v = figures->notice_on_time; break;
    case DT_FIGURE_NOTICE_LATE: v = figures->notice_late; break;
    case DT_FIGURE_CONCLUSION_ON_TIME: v = figures->conclusion_on_time; break;
    case DT_FIGURE_CONCLUSION_LATE: v = figures->conclusion_late; break;
    case DT_FIGURE_TOTAL: v = c->total; break;
    case DT_FIGURE_ANSWERED: v = c->answered; break;
    case DT_FIGURE_RESOLVED_ON_TIME: v = c->resolved_on_time; break;
    case DT_FIGURE_RESOLVED_LATE: v = c->resolved_late; break;
    case DT_FIGURE_IN_TIME: v = c->in_time; break;
    case DT_FIGURE_OVERDUE: v = c->overdue; break;
    case DT_FIGURE_ESCALATED: v = c->escalated; break;
    case DT_FIGURE_DECLINED: v = c->declined; break;
    case DT_FIGURE_WITHDRAWN: v = c->withdrawn; break;
    case DT_FIGURE_UNASSIGNED: v = c->unassigned; break;
    case DT_FIGURE_DUPLICATES: v = c->duplicates; break;
    case DT_FIGURE_RATE:
      {
        gboolean defined = dt_report_counts_rate (c, &v);

        if (value != NULL)
          *value = v;
        return defined;
      }
    case DT_N_FIGURES:
    default:
      g_return_val_if_reached (FALSE);
    }
  if (value != NULL)
    *value = v;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------
 * The report object
 * ------------------------------------------------------------------------------------------ */

static void
group_free (Group *group)
{
  g_free (group->name);
  g_free (group->key);
  g_free (group->counts);
  g_free (group);
}

static void
overdue_clear (Overdue *overdue)
{
  g_free (overdue->code);
}

void
dt_report_free (DtReport *report)
{
  if (report == NULL)
    return;
  for (guint i = 0; i < DT_REPORT_N_BREAKDOWNS; i++)
    {
      g_clear_pointer (&report->group_keys[i], g_hash_table_unref);
      g_clear_pointer (&report->groups[i], g_ptr_array_unref);
    }
  g_clear_pointer (&report->overdue, g_array_unref);
  g_clear_pointer (&report->overdue_ids, g_array_unref);
  g_free (report->figures);
  g_free (report->as_of_iso);
  g_free (report);
}

static Group *
add_group (DtReport          *report,
           DtReportBreakdown  by,
           const char        *key,
           const char        *name)
{
  Group *group = g_new0 (Group, 1);

  group->key = g_strdup (key);
  group->name = g_strdup (name);
  group->counts = g_new0 (DtReportCounts, report->n_years + 1);
  g_ptr_array_add (report->groups[by], group);
  g_hash_table_insert (report->group_keys[by], key != NULL ? group->key : "", group);
  return group;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return dt_text_compare (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
add_list_groups (DtReport           *report,
                 DtDatabase         *db,
                 DtReportBreakdown   by,
                 DtList              list,
                 GError            **error)
{
  g_auto(GStrv) names = dt_list_get (db, list, error);

  if (names == NULL)
    return FALSE;
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  for (guint i = 0; names[i] != NULL; i++)
    add_group (report, by, names[i], names[i]);
  return TRUE;
}

static DtReport *
report_new (DtDatabase      *db,
            const DtPeriod  *period,
            const GDate     *as_of,
            GError         **error)
{
  g_autoptr(DtReport) report = g_new0 (DtReport, 1);
  const DtFieldInfo *channel;

  report->period = *period;
  report->as_of = *as_of;
  report->as_of_iso = dt_date_to_iso (as_of);
  report->n_years = dt_period_get_n_years (period);
  report->figures = g_new0 (DtReportFigures, report->n_years + 1);
  report->overdue = g_array_new (FALSE, FALSE, sizeof (Overdue));
  g_array_set_clear_func (report->overdue, (GDestroyNotify) overdue_clear);
  report->overdue_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < DT_REPORT_N_BREAKDOWNS; i++)
    {
      report->groups[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
      report->group_keys[i] = g_hash_table_new (g_str_hash, g_str_equal);
    }

  if (!add_list_groups (report, db, DT_REPORT_BY_FIELD, DT_LIST_FIELDS, error) ||
      !add_list_groups (report, db, DT_REPORT_BY_VILLAGE, DT_LIST_VILLAGES, error) ||
      !add_list_groups (report, db, DT_REPORT_BY_AGENCY, DT_LIST_AGENCIES, error))
    return NULL;

  channel = dt_record_find_field (DT_RECORD_PETITION, "channel");
  for (guint i = 0; i < dt_field_info_get_n_values (channel); i++)
    {
      const char *value = dt_field_info_get_value (channel, i);

      add_group (report, DT_REPORT_BY_CHANNEL, value,
                 dt_field_info_get_value_label_vi (channel, value));
    }
  add_group (report, DT_REPORT_BY_CONCERNS, "organisation",
             dt_choice_label_vi (DT_RECORD_PETITION, "concerns", "organisation"));
  add_group (report, DT_REPORT_BY_CONCERNS, "official",
             dt_choice_label_vi (DT_RECORD_PETITION, "concerns", "official"));
  add_group (report, DT_REPORT_BY_CONCERNS, NULL, "Ý kiến khác");
  return g_steal_pointer (&report);
}

/* The group of KEY (NULL: none given), made when it is not there yet. */
static Group *
find_group (DtReport          *report,
            DtReportBreakdown  by,
            const char        *key)
{
  Group *group = g_hash_table_lookup (report->group_keys[by], key != NULL ? key : "");

  if (group == NULL)
    group = add_group (report, by, key, key != NULL ? key : "Chưa xác định");
  return group;
}

const DtPeriod *
dt_report_get_period (DtReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return &report->period;
}

void
dt_report_get_as_of (DtReport *report,
                     GDate    *as_of)
{
  g_return_if_fail (report != NULL && as_of != NULL);
  *as_of = report->as_of;
}

const char *
_dt_report_get_as_of_iso (DtReport *report)
{
  return report->as_of_iso;
}

guint
dt_report_get_n_years (DtReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_years;
}

int
dt_report_get_year (DtReport *report,
                    guint     index)
{
  g_return_val_if_fail (report != NULL, 0);
  g_return_val_if_fail (index < report->n_years, 0);

  if (report->period.kind != DT_PERIOD_YEARS)
    return report->period.year;
  return report->period.year + (int) index;
}

static guint
slot (DtReport *report,
      int       year)
{
  g_return_val_if_fail (year == DT_REPORT_TOTAL || (year >= 0 && (guint) year < report->n_years),
                        0);
  /* The one year of another period is the whole period. */
  if (year == DT_REPORT_TOTAL || report->period.kind != DT_PERIOD_YEARS)
    return 0;
  return (guint) year + 1;
}

const DtReportFigures *
dt_report_get_figures (DtReport *report,
                       int       year)
{
  g_return_val_if_fail (report != NULL, NULL);
  return &report->figures[slot (report, year)];
}

guint
dt_report_get_n_groups (DtReport          *report,
                        DtReportBreakdown  by)
{
  g_return_val_if_fail (report != NULL, 0);
  g_return_val_if_fail (by < DT_REPORT_N_BREAKDOWNS, 0);
  return report->groups[by]->len;
}

const char *
dt_report_get_group_name (DtReport          *report,
                          DtReportBreakdown  by,
                          guint              index)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (by < DT_REPORT_N_BREAKDOWNS, NULL);
  g_return_val_if_fail (index < report->groups[by]->len, NULL);
  return ((Group *) g_ptr_array_index (report->groups[by], index))->name;
}

const DtReportCounts *
dt_report_get_group_counts (DtReport          *report,
                            DtReportBreakdown  by,
                            guint              index,
                            int                year)
{
  Group *group;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (by < DT_REPORT_N_BREAKDOWNS, NULL);
  g_return_val_if_fail (index < report->groups[by]->len, NULL);

  group = g_ptr_array_index (report->groups[by], index);
  return &group->counts[slot (report, year)];
}

guint
dt_report_get_n_overdue (DtReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->overdue_ids->len;
}

const gint64 *
_dt_report_get_overdue_ids (DtReport *report,
                            guint    *n_ids)
{
  *n_ids = report->overdue_ids->len;
  return (const gint64 *) (gpointer) report->overdue_ids->data;
}

/* ------------------------------------------------------------------------------------------
 * The scan
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  DtDatabase         *db;
  DtReport           *report;
  const DtReportScan *scan;
  GCancellable       *cancellable;
  DtWorkCalendar     *calendar;
  int                 answer_days;
  const DtUnit       *unit;
  double              done;       /* of the scan's own part, 0 to 1 */
} Scan;

static gboolean
check_cancelled (Scan    *scan,
                 GError **error)
{
  return g_cancellable_set_error_if_cancelled (scan->cancellable, error);
}

static void
report_progress (Scan   *scan,
                 double  done)
{
  const DtReportScan *s = scan->scan;

  scan->done = done;
  if (s != NULL && s->progress != NULL)
    s->progress (s->progress_from + (s->progress_to - s->progress_from) * CLAMP (done, 0, 1),
                 s->user_data);
}

/* The bucket of a review's year for DATE (ISO), or 0 alone for other periods. */
static guint
year_slot (DtReport   *report,
           const char *date)
{
  int year;

  if (report->period.kind != DT_PERIOD_YEARS)
    return 0;
  year = (int) g_ascii_strtoll (date, NULL, 10) - report->period.year;
  g_assert (year >= 0 && (guint) year < report->n_years);
  return (guint) year + 1;
}

static gboolean
on_or_before (const char *date,
              const char *as_of)
{
  return date != NULL && strcmp (date, as_of) <= 0;
}

static void
add_held (DtReportFigures       *figures,
          const DtReportSession *s)
{
  figures->held++;
  figures->attendance += s->attendance != DT_NO_INT ? (guint64) MAX (0, s->attendance) : 0;
  figures->notice_on_time += s->notice == 1;
  figures->notice_late += s->notice == 0;
  figures->conclusion_on_time += s->conclusion == 1;
  figures->conclusion_late += s->conclusion == 0;
}

#define TEXT_AT(stmt, i) ((const char *) sqlite3_column_text ((stmt), (i)))

static gboolean
scan_sessions (Scan    *scan,
               GError **error)
{
  DtReport *report = scan->report;
  g_autofree char *start = dt_date_to_iso (&report->period.start);
  g_autofree char *end = dt_date_to_iso (&report->period.end);
  const char *as_of = report->as_of_iso;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _dt_database_prepare_static (scan->db,
    "SELECT s.code, s.kind, s.date, s.time, s.location, v.name, s.topic, s.chair, s.status, "
    "       s.attendance, s.notice_number, s.notice_date, s.conclusion_number, "
    "       s.conclusion_date, pl.notice_lead_days, "
    "       (SELECT count (*) FROM petitions t WHERE t.session_id = s.id "
    "          AND t.duplicate_of IS NULL AND t.received <= ?3) "
    "FROM sessions s "
    "LEFT JOIN villages v ON v.id = s.village_id "
    "LEFT JOIN plans pl ON pl.id = s.plan_id "
    "WHERE s.date BETWEEN ?1 AND ?2 "
    "ORDER BY s.date, s.time, s.code", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, as_of, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtReportSession s = { 0 };
      DtReportFigures *year, *total = &report->figures[0];
      const char *recorded_status;
      int lead;
      GDate date;

      s.code = TEXT_AT (stmt, 0);
      s.kind = TEXT_AT (stmt, 1);
      s.date = TEXT_AT (stmt, 2);
      s.time = TEXT_AT (stmt, 3);
      s.location = TEXT_AT (stmt, 4);
      s.village = TEXT_AT (stmt, 5);
      s.topic = TEXT_AT (stmt, 6);
      s.chair = TEXT_AT (stmt, 7);
      recorded_status = TEXT_AT (stmt, 8);
      s.attendance = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? DT_NO_INT
                                                                  : sqlite3_column_int (stmt, 9);
      s.notice_number = TEXT_AT (stmt, 10);
      s.notice_date = TEXT_AT (stmt, 11);
      s.conclusion_number = TEXT_AT (stmt, 12);
      s.conclusion_date = TEXT_AT (stmt, 13);
      lead = sqlite3_column_type (stmt, 14) == SQLITE_NULL ? scan->unit->notice_lead_days
                                                           : sqlite3_column_int (stmt, 14);
      s.petitions = (guint) sqlite3_column_int (stmt, 15);

      if (!dt_date_parse (s.date, &date))
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("Session “%s” has no valid date."), s.code);
          sqlite3_reset (stmt);
          return FALSE;
        }
      s.notice_due = date;
      g_date_subtract_days (&s.notice_due, (guint) MAX (0, lead));
      s.conclusion_due = date;
      g_date_add_days (&s.conclusion_due, (guint) MAX (0, scan->unit->conclusion_days));

      /* As of A: a session dated after A had not been held yet, and what was written after
       * A did not exist then. */
      s.status = recorded_status;
      if (g_str_equal (recorded_status, "held") && !on_or_before (s.date, as_of))
        s.status = "planned";
      if (!on_or_before (s.notice_date, as_of))
        s.notice_date = NULL, s.notice_number = NULL;
      if (!on_or_before (s.conclusion_date, as_of))
        s.conclusion_date = NULL, s.conclusion_number = NULL;

      s.notice = -1;
      s.conclusion = -1;
      year = &report->figures[year_slot (report, s.date)];
      if (g_str_equal (s.status, "held"))
        {
          GDate notice, concluded;

          s.notice = s.notice_date != NULL && dt_date_parse (s.notice_date, &notice) &&
                     g_date_compare (&notice, &s.notice_due) <= 0;
          if (s.conclusion_date != NULL && dt_date_parse (s.conclusion_date, &concluded))
            s.conclusion = g_date_compare (&concluded, &s.conclusion_due) <= 0;
          else if (g_date_compare (&report->as_of, &s.conclusion_due) > 0)
            s.conclusion = 0;

          add_held (total, &s);
          if (year != total)
            add_held (year, &s);
        }
      else if (g_str_equal (s.status, "postponed"))
        {
          total->postponed++;
          if (year != total)
            year->postponed++;
        }
      else if (g_str_equal (s.status, "cancelled"))
        {
          total->cancelled++;
          if (year != total)
            year->cancelled++;
        }

      if (scan->scan != NULL && scan->scan->session != NULL &&
          !scan->scan->session (&s, scan->scan->user_data, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (scan->db, rc, error);
  return TRUE;
}

static DtReportCategory
categorise (const DtPetitionState *state)
{
  switch (state->status)
    {
    case DT_STATUS_RESOLVED:
      return state->on_time ? DT_REPORT_RESOLVED_ON_TIME : DT_REPORT_RESOLVED_LATE;
    case DT_STATUS_ANSWERED:
      return DT_REPORT_ANSWERED;
    case DT_STATUS_DECLINED:
      return DT_REPORT_DECLINED;
    case DT_STATUS_WITHDRAWN:
      return DT_REPORT_WITHDRAWN;
    case DT_STATUS_ESCALATED:
      return DT_REPORT_ESCALATED;
    case DT_STATUS_ASSIGNED:
      return state->overdue ? DT_REPORT_OVERDUE : DT_REPORT_IN_TIME;
    case DT_STATUS_RECEIVED:
    case DT_N_STATUSES:
    default:
      return DT_REPORT_UNASSIGNED;
    }
}

static void
count (DtReportCounts         *counts,
       const DtReportPetition *p)
{
  if (p->category == DT_REPORT_DUPLICATE)
    {
      counts->duplicates++;
      return;
    }
  counts->total++;
  counts->assigned += p->agency != NULL;
  switch (p->category)
    {
    case DT_REPORT_ANSWERED: counts->answered++; break;
    case DT_REPORT_RESOLVED_ON_TIME: counts->resolved_on_time++; break;
    case DT_REPORT_RESOLVED_LATE: counts->resolved_late++; break;
    case DT_REPORT_IN_TIME: counts->in_time++; break;
    case DT_REPORT_OVERDUE: counts->overdue++; break;
    case DT_REPORT_ESCALATED: counts->escalated++; break;
    case DT_REPORT_DECLINED: counts->declined++; break;
    case DT_REPORT_WITHDRAWN: counts->withdrawn++; break;
    case DT_REPORT_UNASSIGNED: counts->unassigned++; break;
    case DT_REPORT_DUPLICATE:
    case DT_REPORT_N_CATEGORIES:
    default:
      g_assert_not_reached ();
    }
}

static void
count_in_group (DtReport               *report,
                DtReportBreakdown       by,
                const char             *key,
                guint                   year,
                const DtReportPetition *p)
{
  Group *group = find_group (report, by, key);

  count (&group->counts[0], p);
  if (year != 0)
    count (&group->counts[year], p);
}

/* The state of a petition as of A, by DESIGN §2.2 (dt-status.c), with the computed deadline
 * memoised per assigned date by the connection. */
static gboolean
petition_state (Scan                  *scan,
                DtPetitionDates       *dates,
                const char           **deadline,
                DtPetitionState       *state,
                GError               **error)
{
  if (dates->deadline == NULL && dates->assigned_date != NULL &&
      !(dates->deadline = _dt_database_computed_deadline (scan->db, dates->assigned_date,
                                                          error)))
    return FALSE;
  *deadline = dates->deadline;
  dt_petition_state_compute (dates, &scan->report->as_of, scan->calendar, scan->answer_days,
                             state);
  return TRUE;
}

/* The names of a list by row id. */
typedef struct
{
  GHashTable *by_id;   /* gint64 * → name */
} Names;

static void
names_clear (Names *names)
{
  g_clear_pointer (&names->by_id, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Names, names_clear)

static gboolean
load_names (DtDatabase  *db,
            const char  *sql,
            Names       *names,
            GError     **error)
{
  sqlite3_stmt *stmt = _dt_database_prepare_static (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  names->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (names->by_id, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                                  sizeof (gint64)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}

static const char *
list_name (Names        *names,
           sqlite3_stmt *stmt,
           int           column)
{
  gint64 id;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  id = sqlite3_column_int64 (stmt, column);
  return g_hash_table_lookup (names->by_id, &id);
}

static gint64
count_petitions (Scan       *scan,
                 const char *start,
                 const char *end,
                 GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  stmt = _dt_database_prepare_static (scan->db,
    "SELECT count (*) FROM petitions WHERE received BETWEEN ?1 AND ?2", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    _dt_database_fail (scan->db, sqlite3_errcode (_dt_database_get_handle (scan->db)), error);
  sqlite3_reset (stmt);
  return n;
}

static gboolean
scan_petitions (Scan    *scan,
                GError **error)
{
  DtReport *report = scan->report;
  const char *as_of = report->as_of_iso;
  g_autofree char *start = dt_date_to_iso (&report->period.start);
  g_autofree char *end = dt_date_to_iso (&report->period.end);
  g_auto(Names) villages = { NULL };
  g_auto(Names) agencies = { NULL };
  g_auto(Names) fields = { NULL };
  sqlite3_stmt *stmt;
  gint64 n_rows, row = 0;
  int rc;

  if (!load_names (scan->db, "SELECT id, name FROM villages", &villages, error) ||
      !load_names (scan->db, "SELECT id, name FROM agencies", &agencies, error) ||
      !load_names (scan->db, "SELECT id, name FROM fields", &fields, error))
    return FALSE;

  /* Not received by A: not there at all as of A. */
  if (strcmp (as_of, end) < 0)
    {
      g_free (end);
      end = g_strdup (as_of);
    }
  if ((n_rows = count_petitions (scan, start, end, error)) < 0)
    return FALSE;

  stmt = _dt_database_prepare_static (scan->db,
    "SELECT p.id, p.code, p.received, p.channel, p.petitioner, p.confidential, p.village_id, "
    "       p.field_id, p.summary, p.agency_id, p.assigned_date, p.deadline, p.answered_date, "
    "       p.escalated_date, p.declined_date, p.withdrawn_date, p.resolved_date, "
    "       CASE WHEN p.duplicate_of IS NOT NULL "
    "            THEN (SELECT d.code FROM petitions d WHERE d.id = p.duplicate_of) END, "
    "       p.concerns, p.escalated_to, p.duplicate_of IS NOT NULL "
    "FROM petitions p "
    "WHERE p.received BETWEEN ?1 AND ?2 "
    "ORDER BY p.received, p.code", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtReportPetition p = { 0 };
      DtPetitionDates dates = { 0 };
      DtReportFigures *total = &report->figures[0];
      guint year;

      if (++row % CHECK_EVERY == 0)
        {
          if (check_cancelled (scan, error))
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
          report_progress (scan, (double) row / (double) MAX (n_rows, 1));
        }

      p.id = sqlite3_column_int64 (stmt, 0);
      p.code = TEXT_AT (stmt, 1);
      p.received = TEXT_AT (stmt, 2);
      p.channel = TEXT_AT (stmt, 3);
      p.petitioner = TEXT_AT (stmt, 4);
      p.confidential = sqlite3_column_int (stmt, 5) != 0;
      /* The names from the lists read once, not joined row by row. */
      p.village = list_name (&villages, stmt, 6);
      p.field = list_name (&fields, stmt, 7);
      p.summary = TEXT_AT (stmt, 8);
      p.concerns = TEXT_AT (stmt, 18);

      dates.received = p.received;
      dates.assigned_date = TEXT_AT (stmt, 10);
      dates.deadline = TEXT_AT (stmt, 11);
      dates.answered_date = TEXT_AT (stmt, 12);
      dates.escalated_date = TEXT_AT (stmt, 13);
      dates.declined_date = TEXT_AT (stmt, 14);
      dates.withdrawn_date = TEXT_AT (stmt, 15);
      dates.resolved_date = TEXT_AT (stmt, 16);
      if (!petition_state (scan, &dates, &p.deadline, &p.state, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }

      if (on_or_before (dates.assigned_date, as_of))
        {
          p.assigned_date = dates.assigned_date;
          p.agency = list_name (&agencies, stmt, 9);
        }
      if (on_or_before (dates.escalated_date, as_of))
        p.escalated_to = TEXT_AT (stmt, 19);
      switch (p.state.status)
        {
        case DT_STATUS_RESOLVED: p.closed_date = dates.resolved_date; break;
        case DT_STATUS_ANSWERED: p.closed_date = dates.answered_date; break;
        case DT_STATUS_DECLINED: p.closed_date = dates.declined_date; break;
        case DT_STATUS_WITHDRAWN: p.closed_date = dates.withdrawn_date; break;
        case DT_STATUS_ESCALATED: p.closed_date = dates.escalated_date; break;
        case DT_STATUS_ASSIGNED:
        case DT_STATUS_RECEIVED:
        case DT_N_STATUSES:
        default:
          break;
        }
      if (sqlite3_column_int (stmt, 20) != 0)
        {
          p.duplicate_of = TEXT_AT (stmt, 17);
          p.category = DT_REPORT_DUPLICATE;
        }
      else
        p.category = categorise (&p.state);

      year = year_slot (report, p.received);
      count (&total->petitions, &p);
      if (year != 0)
        count (&report->figures[year].petitions, &p);
      count_in_group (report, DT_REPORT_BY_FIELD, p.field, year, &p);
      count_in_group (report, DT_REPORT_BY_VILLAGE, p.village, year, &p);
      count_in_group (report, DT_REPORT_BY_CHANNEL, p.channel, year, &p);
      count_in_group (report, DT_REPORT_BY_CONCERNS, p.concerns, year, &p);
      if (p.agency != NULL && p.category != DT_REPORT_DUPLICATE)
        count_in_group (report, DT_REPORT_BY_AGENCY, p.agency, year, &p);

      if (scan->scan != NULL && scan->scan->petition != NULL &&
          !scan->scan->petition (&p, scan->scan->user_data, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (scan->db, rc, error);
  return TRUE;
}

static int
compare_overdue (gconstpointer a,
                 gconstpointer b)
{
  const Overdue *oa = a, *ob = b;

  if (oa->days != ob->days)
    return ob->days - oa->days;
  return strcmp (oa->code, ob->code);
}

/* Every petition overdue as of A, whatever its received date. */
static gboolean
scan_overdue (Scan    *scan,
              GError **error)
{
  DtReport *report = scan->report;
  sqlite3_stmt *stmt;
  guint row = 0;
  int rc;

  /* Assigned as of A and nothing later by A: only those can be overdue (the state below
   * decides). The columns are those of the index petitions_state, which this reads alone: the
   * unary + keeps SQLite from taking the duplicates' index instead and reading every row of
   * the table through it (8 times slower at 100,000 petitions). */
  stmt = _dt_database_prepare_static (scan->db,
    "SELECT id, code, received, assigned_date, deadline FROM petitions "
    "WHERE received <= ?1 AND assigned_date <= ?1 AND +duplicate_of IS NULL "
    "  AND (resolved_date IS NULL OR resolved_date > ?1) "
    "  AND (answered_date IS NULL OR answered_date > ?1) "
    "  AND (declined_date IS NULL OR declined_date > ?1) "
    "  AND (withdrawn_date IS NULL OR withdrawn_date > ?1) "
    "  AND (escalated_date IS NULL OR escalated_date > ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, report->as_of_iso, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtPetitionDates dates = { 0 };
      DtPetitionState state;
      const char *deadline;

      if (++row % CHECK_EVERY == 0 && check_cancelled (scan, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      dates.received = TEXT_AT (stmt, 2);
      dates.assigned_date = TEXT_AT (stmt, 3);
      dates.deadline = TEXT_AT (stmt, 4);
      if (!petition_state (scan, &dates, &deadline, &state, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (state.overdue)
        {
          Overdue overdue = { sqlite3_column_int64 (stmt, 0), state.days_overdue,
                              g_strdup (TEXT_AT (stmt, 1)) };

          g_array_append_val (report->overdue, overdue);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (scan->db, rc, error);

  g_array_sort (report->overdue, compare_overdue);
  for (guint i = 0; i < report->overdue->len; i++)
    g_array_append_val (report->overdue_ids, g_array_index (report->overdue, Overdue, i).id);
  return TRUE;
}

DtReport *
_dt_report_compute_scan (DtDatabase          *db,
                         const DtPeriod      *period,
                         const GDate         *as_of,
                         const DtReportScan  *scan_options,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(DtReport) report = NULL;
  g_autoptr(DtUnit) unit = NULL;
  Scan scan = { db, NULL, scan_options, cancellable };
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  if (!dt_period_check_as_of (period, as_of, error) || check_cancelled (&scan, error))
    return NULL;

  /* One snapshot for every figure, while the window goes on writing (WAL). */
  own_transaction = sqlite3_get_autocommit (_dt_database_get_handle (db)) != 0;
  if (own_transaction && !_dt_database_exec (db, "BEGIN", error))
    return NULL;

  ok = (unit = dt_unit_load (db, error)) != NULL &&
       (scan.calendar = _dt_database_get_rules (db, &scan.answer_days, error)) != NULL &&
       (report = report_new (db, period, as_of, error)) != NULL;
  if (ok)
    {
      scan.report = report;
      scan.unit = unit;
      report_progress (&scan, 0);
      ok = scan_sessions (&scan, error) && scan_petitions (&scan, error) &&
           scan_overdue (&scan, error);
    }

  if (own_transaction)
    _dt_database_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL);
  if (!ok)
    return NULL;
  report_progress (&scan, 1);
  return g_steal_pointer (&report);
}

DtReport *
dt_report_compute (DtDatabase    *db,
                   const DtPeriod *period,
                   const GDate   *as_of,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return _dt_report_compute_scan (db, period, as_of, NULL, cancellable, error);
}
