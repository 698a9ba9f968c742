/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-petition-query"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-petition-query.h"
#include "dt-records.h"
#include "dt-util.h"

struct _DtPetitionRow
{
  GObject   parent_instance;

  gint64    id;
  gint64    revision;
  char     *code;
  char     *received;
  char     *petitioner;
  char     *village;
  char     *field;
  char     *agency;
  char     *channel;
  char     *summary;
  char     *deadline;
  gboolean  confidential;
  gboolean  duplicate;
  DtStatus  status;
  int       days_overdue;
};

G_DEFINE_FINAL_TYPE (DtPetitionRow, dt_petition_row, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (DtPetitionFilter, dt_petition_filter, dt_petition_filter_copy,
                     dt_petition_filter_free)

/* ------------------------------------------------------------------------------------------
 * Filters
 * ------------------------------------------------------------------------------------------ */

DtPetitionFilter *
dt_petition_filter_new (void)
{
  DtPetitionFilter *filter = g_new0 (DtPetitionFilter, 1);

  g_date_clear (&filter->as_of, 1);
  filter->due_within = -1;
  filter->confidential = -1;
  filter->duplicates = -1;
  return filter;
}

DtPetitionFilter *
dt_petition_filter_copy (const DtPetitionFilter *filter)
{
  DtPetitionFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);
  copy = g_memdup2 (filter, sizeof *filter);
  copy->field = g_strdup (filter->field);
  copy->village = g_strdup (filter->village);
  copy->agency = g_strdup (filter->agency);
  copy->channel = g_strdup (filter->channel);
  copy->concerns = g_strdup (filter->concerns);
  copy->session = g_strdup (filter->session);
  copy->received_from = g_strdup (filter->received_from);
  copy->received_to = g_strdup (filter->received_to);
  return copy;
}

void
dt_petition_filter_free (DtPetitionFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->field);
  g_free (filter->village);
  g_free (filter->agency);
  g_free (filter->channel);
  g_free (filter->concerns);
  g_free (filter->session);
  g_free (filter->received_from);
  g_free (filter->received_to);
  g_free (filter);
}

static gboolean
dates_equal (const GDate *a,
             const GDate *b)
{
  if (g_date_valid (a) != g_date_valid (b))
    return FALSE;
  return !g_date_valid (a) || g_date_compare (a, b) == 0;
}

gboolean
dt_petition_filter_equal (const DtPetitionFilter *a,
                          const DtPetitionFilter *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->statuses == b->statuses && dates_equal (&a->as_of, &b->as_of) &&
         g_strcmp0 (a->field, b->field) == 0 && g_strcmp0 (a->village, b->village) == 0 &&
         g_strcmp0 (a->agency, b->agency) == 0 && g_strcmp0 (a->channel, b->channel) == 0 &&
         g_strcmp0 (a->concerns, b->concerns) == 0 && g_strcmp0 (a->session, b->session) == 0 &&
         g_strcmp0 (a->received_from, b->received_from) == 0 &&
         g_strcmp0 (a->received_to, b->received_to) == 0 && a->overdue == b->overdue &&
         a->due_within == b->due_within && a->confidential == b->confidential &&
         a->duplicates == b->duplicates;
}

/* The columns each status is decided by, in the order of DESIGN §2.2. */
static const char * const status_columns[DT_N_STATUSES] = {
  [DT_STATUS_RESOLVED] = "resolved_date",
  [DT_STATUS_ANSWERED] = "answered_date",
  [DT_STATUS_DECLINED] = "declined_date",
  [DT_STATUS_WITHDRAWN] = "withdrawn_date",
  [DT_STATUS_ESCALATED] = "escalated_date",
  [DT_STATUS_ASSIGNED] = "assigned_date",
  [DT_STATUS_RECEIVED] = NULL,
};

/* The status rule as plain comparisons, which SQLite answers from the index petitions_state
 * without calling back into the program for each row. ?1 is the as-of date. */
static void
append_status_condition (GString  *sql,
                         DtStatus  status)
{
  g_string_append_c (sql, '(');
  for (guint i = 0; i < status; i++)
    g_string_append_printf (sql, "%sifnull (%s <= ?1, 0) = 0", i > 0 ? " AND " : "",
                            status_columns[i]);
  if (status_columns[status] != NULL)
    g_string_append_printf (sql, "%sifnull (%s <= ?1, 0)", status > 0 ? " AND " : "",
                            status_columns[status]);
  g_string_append_c (sql, ')');
}

/* The first assigned date whose computed deadline is on or after TARGET. Deadlines never go
 * back as the assigned date goes forward, so "computed deadline before TARGET" is "assigned
 * before this date": a comparison on a column instead of a calendar walk per row. */
static gboolean
first_assigned_reaching (DtWorkCalendar  *calendar,
                         int              answer_days,
                         const GDate     *target,
                         GDate           *result,
                         GError         **error)
{
  guint32 hi = g_date_get_julian (target);
  guint32 lo = hi > 4000 ? hi - 4000 : 1;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      GDate from, deadline;

      g_date_set_julian (&from, mid);
      if (!dt_work_calendar_add (calendar, &from, answer_days, &deadline, error))
        return FALSE;
      if (g_date_compare (&deadline, target) >= 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  g_date_set_julian (result, lo);
  return TRUE;
}

static gboolean
lookup_id (DtDatabase  *db,
           const char  *sql,
           const char  *value,
           const char  *message,
           gint64      *id,
           GError     **error)
{
  sqlite3_stmt *stmt = _dt_database_prepare_static (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_set_error (error, DT_ERROR, DT_ERROR_NOT_FOUND, message, value);
#pragma GCC diagnostic pop
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}

typedef struct
{
  GString   *where;
  GPtrArray *texts;      /* bound as ?2, ?3 …, in order */
} Conditions;

static void
add_text_condition (Conditions *conditions,
                    const char *format,
                    const char *value)
{
  guint index = conditions->texts->len + 2;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_string_append (conditions->where, " AND ");
  g_string_append_printf (conditions->where, format, index);
#pragma GCC diagnostic pop
  g_ptr_array_add (conditions->texts, g_strdup (value));
}

static guint
add_param (Conditions *conditions,
           const char *value)
{
  g_ptr_array_add (conditions->texts, g_strdup (value));
  return conditions->texts->len + 1;
}

static void
add_id_condition (Conditions *conditions,
                  const char *column,
                  gint64      id)
{
  g_string_append_printf (conditions->where, " AND %s = %" G_GINT64_FORMAT, column, id);
}

static gboolean
build_conditions (DtDatabase              *db,
                  const DtPetitionFilter  *filter,
                  const GDate             *as_of,
                  Conditions              *conditions,
                  GError                 **error)
{
  static const struct
  {
    gsize       offset;
    const char *column;
    const char *sql;
    const char *message;
  } names[] = {
    { G_STRUCT_OFFSET (DtPetitionFilter, field), "field_id",
      "SELECT id FROM fields WHERE name = ?", N_("There is no field “%s”.") },
    { G_STRUCT_OFFSET (DtPetitionFilter, village), "village_id",
      "SELECT id FROM villages WHERE name = ?", N_("There is no village “%s”.") },
    { G_STRUCT_OFFSET (DtPetitionFilter, agency), "agency_id",
      "SELECT id FROM agencies WHERE name = ?", N_("There is no agency “%s”.") },
    { G_STRUCT_OFFSET (DtPetitionFilter, session), "session_id",
      "SELECT id FROM sessions WHERE code = ?", N_("There is no session “%s”.") },
  };
  const DtFieldInfo *channel = dt_record_find_field (DT_RECORD_PETITION, "channel");
  const DtFieldInfo *concerns = dt_record_find_field (DT_RECORD_PETITION, "concerns");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = *(char **) G_STRUCT_MEMBER_P (filter, names[i].offset);
      g_autofree char *clean = NULL;
      gint64 id = 0;

      if (value == NULL)
        continue;
      clean = dt_text_clean (value);
      if (!lookup_id (db, names[i].sql, clean != NULL ? clean : value, _(names[i].message),
                      &id, error))
        return FALSE;
      add_id_condition (conditions, names[i].column, id);
    }

  if (filter->channel != NULL)
    {
      if (dt_field_info_get_value_label (channel, filter->channel) == NULL)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID, _("There is no channel “%s”."),
                       filter->channel);
          return FALSE;
        }
      add_text_condition (conditions, "channel = ?%u", filter->channel);
    }
  if (filter->concerns != NULL)
    {
      if (g_str_equal (filter->concerns, "none"))
        g_string_append (conditions->where, " AND concerns IS NULL");
      else if (dt_field_info_get_value_label (concerns, filter->concerns) == NULL)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("“%s” is not one of those a petition can concern."), filter->concerns);
          return FALSE;
        }
      else
        add_text_condition (conditions, "concerns = ?%u", filter->concerns);
    }

  for (guint i = 0; i < 2; i++)
    {
      const char *date = i == 0 ? filter->received_from : filter->received_to;

      if (date == NULL)
        continue;
      if (!dt_date_is_valid (date))
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("“%s” is not a real date (expected YYYY-MM-DD)."), date);
          return FALSE;
        }
      add_text_condition (conditions, i == 0 ? "received >= ?%u" : "received <= ?%u", date);
    }

  if (filter->confidential >= 0)
    g_string_append_printf (conditions->where, " AND confidential = %d",
                            filter->confidential > 0);
  if (filter->duplicates >= 0)
    g_string_append (conditions->where, filter->duplicates > 0 ? " AND duplicate_of IS NOT NULL"
                                                               : " AND duplicate_of IS NULL");

  if (filter->statuses != 0 && filter->statuses != (1u << DT_N_STATUSES) - 1)
    {
      gboolean first = TRUE;

      g_string_append (conditions->where, " AND (");
      for (guint s = 0; s < DT_N_STATUSES; s++)
        if (filter->statuses & (1u << s))
          {
            if (!first)
              g_string_append (conditions->where, " OR ");
            append_status_condition (conditions->where, s);
            first = FALSE;
          }
      g_string_append_c (conditions->where, ')');
    }

  if (filter->overdue || filter->due_within >= 0)
    {
      DtWorkCalendar *calendar;
      int answer_days;
      GDate cut;
      g_autofree char *cut_iso = NULL;

      if (filter->due_within > DT_WORKDAYS_MAX)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("“Due within” is at most %d days."), DT_WORKDAYS_MAX);
          return FALSE;
        }
      if (!(calendar = _dt_database_get_rules (db, &answer_days, error)) ||
          !first_assigned_reaching (calendar, answer_days, as_of, &cut, error))
        return FALSE;
      cut_iso = dt_date_to_iso (&cut);

      g_string_append (conditions->where, " AND ");
      append_status_condition (conditions->where, DT_STATUS_ASSIGNED);
      if (filter->overdue)
        add_text_condition (conditions,
                            "(CASE WHEN deadline IS NOT NULL THEN deadline < ?1 "
                            "ELSE assigned_date < ?%u END)", cut_iso);
      if (filter->due_within >= 0)
        {
          GDate last = *as_of, after;
          g_autofree char *last_iso = NULL;
          g_autofree char *after_iso = NULL;

          g_date_add_days (&last, filter->due_within);
          after = last;
          g_date_add_days (&after, 1);
          last_iso = dt_date_to_iso (&last);
          if (!first_assigned_reaching (calendar, answer_days, &after, &after, error))
            return FALSE;
          after_iso = dt_date_to_iso (&after);
          guint last_index = add_param (conditions, last_iso);
          guint cut_index = add_param (conditions, cut_iso);
          guint after_index = add_param (conditions, after_iso);

          g_string_append_printf (conditions->where,
                                  " AND (CASE WHEN deadline IS NOT NULL "
                                  "THEN deadline >= ?1 AND deadline <= ?%u "
                                  "ELSE assigned_date >= ?%u AND assigned_date < ?%u END)",
                                  last_index, cut_index, after_index);
        }
    }
  return TRUE;
}

/* The state index holds every date the status is decided by, the duplicate and the agency:
 * a filter on those alone (or an order by deadline) reads it instead of the wide table. */
static gboolean
state_index_suits (const DtPetitionFilter *filter,
                   DtPetitionOrder         order)
{
  gboolean by_state = order == DT_PETITION_ORDER_DEADLINE ||
                      order == DT_PETITION_ORDER_DAYS_OVERDUE;

  if (filter == NULL)
    return by_state;
  if (filter->field != NULL || filter->village != NULL || filter->channel != NULL ||
      filter->concerns != NULL || filter->session != NULL || filter->confidential >= 0 ||
      filter->received_from != NULL || filter->received_to != NULL || filter->duplicates > 0)
    return FALSE;
  return by_state || filter->statuses != 0 || filter->overdue || filter->due_within >= 0 ||
         filter->duplicates == 0 || filter->agency != NULL;
}

static char *
build_query (const DtPetitionFilter *filter,
             DtPetitionOrder         order,
             const char             *where)
{
  const char *table = state_index_suits (filter, order) ? "petitions INDEXED BY petitions_state"
                                                        : "petitions";

  switch (order)
    {
    case DT_PETITION_ORDER_CODE:
      return g_strdup_printf ("SELECT id FROM %s WHERE 1%s ORDER BY code", table, where);
    case DT_PETITION_ORDER_PETITIONER:
      return g_strdup_printf ("SELECT id FROM %s WHERE 1%s "
                              "ORDER BY petitioner_key NULLS LAST, id", table, where);
    case DT_PETITION_ORDER_DEADLINE:
    case DT_PETITION_ORDER_DAYS_OVERDUE:
      /* Sorted by the program (sort_by_deadline ()): SQLite's sorter on 100,000 text keys
       * takes longer than reading them. The dates decide, for the few past their deadline,
       * whether they are being resolved and so overdue. */
      if (order == DT_PETITION_ORDER_DEADLINE)
        return g_strdup_printf ("SELECT id, dt_deadline (assigned_date, deadline) FROM %s "
                                "WHERE 1%s", table, where);
      return g_strdup_printf ("SELECT id, dt_deadline (assigned_date, deadline), resolved_date, "
                              "answered_date, declined_date, withdrawn_date, escalated_date, "
                              "assigned_date FROM %s WHERE 1%s", table, where);
    case DT_PETITION_ORDER_RECEIVED:
    default:
      return g_strdup_printf ("SELECT id FROM %s WHERE 1%s ORDER BY received DESC, id DESC",
                              table, where);
    }
}

typedef struct
{
  gint64 id;
  gint32 deadline;       /* YYYYMMDD, G_MAXINT32 without a deadline */
  gint32 days_overdue;
} SortKey;

/* "2025-06-05" → 20250605: ordered as the dates are, read without a calendar. */
static gint32
iso_number (const char *iso)
{
  gint32 number = 0;

  if (iso == NULL || strlen (iso) != 10)
    return G_MAXINT32;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7)
      {
        if (!g_ascii_isdigit (iso[i]))
          return G_MAXINT32;
        number = number * 10 + (iso[i] - '0');
      }
  return number;
}

static int
compare_deadline (gconstpointer a,
                  gconstpointer b)
{
  const SortKey *x = a, *y = b;

  if (x->deadline != y->deadline)
    return x->deadline < y->deadline ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static int
compare_days_overdue (gconstpointer a,
                      gconstpointer b)
{
  const SortKey *x = a, *y = b;

  if (x->days_overdue != y->days_overdue)
    return x->days_overdue > y->days_overdue ? -1 : 1;
  return compare_deadline (a, b);
}

/* Reads (id, deadline, being resolved) rows and sorts them by deadline, or by days overdue
 * as of AS_OF then deadline; ids in the end. */
static int
sort_by_deadline (sqlite3_stmt    *stmt,
                  DtPetitionOrder  order,
                  const GDate     *as_of,
                  GArray          *ids)
{
  g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (SortKey), 4096);
  gint32 today = (gint32) (g_date_get_year (as_of) * 10000 + g_date_get_month (as_of) * 100 +
                           g_date_get_day (as_of));
  int rc;

  g_autofree char *as_of_iso = dt_date_to_iso (as_of);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *deadline = (const char *) sqlite3_column_text (stmt, 1);
      SortKey key = { sqlite3_column_int64 (stmt, 0), iso_number (deadline), 0 };
      GDate date;

      /* Only what is past its deadline can be overdue: only that needs its status. */
      if (order == DT_PETITION_ORDER_DAYS_OVERDUE && key.deadline < today)
        {
#define TEXT_AT(i) ((const char *) sqlite3_column_text (stmt, i))
          DtPetitionDates dates = {
            .resolved_date = TEXT_AT (2), .answered_date = TEXT_AT (3),
            .declined_date = TEXT_AT (4), .withdrawn_date = TEXT_AT (5),
            .escalated_date = TEXT_AT (6), .assigned_date = TEXT_AT (7),
          };
#undef TEXT_AT
          if (dt_petition_status_as_of (&dates, as_of_iso) == DT_STATUS_ASSIGNED &&
              dt_date_parse (deadline, &date))
            key.days_overdue = g_date_days_between (&date, as_of);
        }
      g_array_append_val (keys, key);
    }
  g_array_sort (keys, order == DT_PETITION_ORDER_DEADLINE ? compare_deadline
                                                          : compare_days_overdue);
  for (guint i = 0; i < keys->len; i++)
    g_array_append_val (ids, g_array_index (keys, SortKey, i).id);
  return rc;
}

GArray *
dt_petition_query_ids (DtDatabase              *db,
                       const DtPetitionFilter  *filter,
                       DtPetitionOrder          order,
                       GError                 **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *sql = NULL;
  g_autofree char *as_of_iso = NULL;
  Conditions conditions = { where, texts };
  sqlite3_stmt *stmt;
  GDate as_of;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (order <= DT_PETITION_ORDER_DAYS_OVERDUE, NULL);

  if (filter != NULL && g_date_valid (&filter->as_of))
    as_of = filter->as_of;
  else
    dt_today (&as_of);
  as_of_iso = dt_date_to_iso (&as_of);

  if (filter != NULL && !build_conditions (db, filter, &as_of, &conditions, error))
    return NULL;

  sql = build_query (filter, order, where->str);
  /* The SQL is built from fixed pieces and numbered parameters: a few shapes, cached. */
  if (!(stmt = _dt_database_prepare (db, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, as_of_iso, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < texts->len; i++)
    sqlite3_bind_text (stmt, (int) i + 2, g_ptr_array_index (texts, i), -1, SQLITE_TRANSIENT);

  if (order == DT_PETITION_ORDER_DEADLINE || order == DT_PETITION_ORDER_DAYS_OVERDUE)
    rc = sort_by_deadline (stmt, order, &as_of, ids);
  else
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (ids, id);
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dt_database_fail (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GArray *
dt_petition_query_ids_among (DtDatabase             *db,
                             const DtPetitionFilter *filter,
                             const gint64           *ids,
                             guint                   n_ids,
                             GError                **error)
{
  g_autoptr(GArray) among = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GString) list = g_string_new ("[");
  g_autoptr(GHashTable) passed = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *as_of_iso = NULL;
  Conditions conditions = { where, texts };
  sqlite3_stmt *stmt;
  GDate as_of;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if (filter == NULL || n_ids == 0)
    {
      g_array_append_vals (among, ids, n_ids);
      return g_steal_pointer (&among);
    }
  if (g_date_valid (&filter->as_of))
    as_of = filter->as_of;
  else
    dt_today (&as_of);
  as_of_iso = dt_date_to_iso (&as_of);
  if (!build_conditions (db, filter, &as_of, &conditions, error))
    return NULL;

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (list, ']');
  /* The same conditions as dt_petition_query_ids (), on the rows of IDS alone. */
  sql = g_strdup_printf ("SELECT id FROM petitions "
                         "WHERE id IN (SELECT value FROM json_each (?%u))%s",
                         texts->len + 2, where->str);
  if (!(stmt = _dt_database_prepare (db, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, as_of_iso, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < texts->len; i++)
    sqlite3_bind_text (stmt, (int) i + 2, g_ptr_array_index (texts, i), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, (int) texts->len + 2, list->str, -1, SQLITE_TRANSIENT);

  passed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (passed, g_memdup2 (&id, sizeof id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dt_database_fail (db, rc, error);
      return NULL;
    }
  for (guint i = 0; i < n_ids; i++)
    if (g_hash_table_contains (passed, &ids[i]))
      g_array_append_val (among, ids[i]);
  return g_steal_pointer (&among);
}

/* ------------------------------------------------------------------------------------------
 * Rows
 * ------------------------------------------------------------------------------------------ */

static void
dt_petition_row_finalize (GObject *object)
{
  DtPetitionRow *self = (DtPetitionRow *) object;

  g_free (self->code);
  g_free (self->received);
  g_free (self->petitioner);
  g_free (self->village);
  g_free (self->field);
  g_free (self->agency);
  g_free (self->channel);
  g_free (self->summary);
  g_free (self->deadline);

  G_OBJECT_CLASS (dt_petition_row_parent_class)->finalize (object);
}

static void
dt_petition_row_class_init (DtPetitionRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dt_petition_row_finalize;
}

static void
dt_petition_row_init (DtPetitionRow *self)
{
}

#define ROW_GETTER(type, name, default_value)                                                 \
  type dt_petition_row_get_##name (DtPetitionRow *self)                                       \
  {                                                                                           \
    g_return_val_if_fail (DT_IS_PETITION_ROW (self), default_value);                          \
    return self->name;                                                                        \
  }

ROW_GETTER (gint64, id, 0)
ROW_GETTER (gint64, revision, 0)
ROW_GETTER (const char *, code, NULL)
ROW_GETTER (const char *, received, NULL)
ROW_GETTER (const char *, petitioner, NULL)
ROW_GETTER (const char *, village, NULL)
ROW_GETTER (const char *, field, NULL)
ROW_GETTER (const char *, agency, NULL)
ROW_GETTER (const char *, channel, NULL)
ROW_GETTER (const char *, summary, NULL)
ROW_GETTER (const char *, deadline, NULL)
ROW_GETTER (gboolean, confidential, FALSE)
ROW_GETTER (gboolean, duplicate, FALSE)
ROW_GETTER (DtStatus, status, DT_STATUS_RECEIVED)
ROW_GETTER (int, days_overdue, 0)

const char *
dt_petition_row_get_petitioner_shown (DtPetitionRow *self)
{
  g_return_val_if_fail (DT_IS_PETITION_ROW (self), NULL);
  if (self->confidential && self->petitioner != NULL)
    return _("(confidential)");
  return self->petitioner;
}

gboolean
dt_petition_row_equal (DtPetitionRow *a,
                       DtPetitionRow *b)
{
  g_return_val_if_fail (DT_IS_PETITION_ROW (a) && DT_IS_PETITION_ROW (b), FALSE);
  return a->id == b->id && a->revision == b->revision && a->status == b->status &&
         a->days_overdue == b->days_overdue && g_strcmp0 (a->deadline, b->deadline) == 0 &&
         g_strcmp0 (a->village, b->village) == 0 && g_strcmp0 (a->field, b->field) == 0 &&
         g_strcmp0 (a->agency, b->agency) == 0;
}

static void
unref_value (gpointer key,
             gpointer value,
             gpointer unused)
{
  g_object_unref (value);
}

GPtrArray *
dt_petition_rows_by_id (DtDatabase    *db,
                        const gint64  *ids,
                        guint          n_ids,
                        const GDate   *as_of,
                        GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GString) list = g_string_new ("[");
  g_autofree char *as_of_iso = NULL;
  DtWorkCalendar *calendar;
  sqlite3_stmt *stmt;
  GDate today;
  int answer_days;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if (as_of == NULL || !g_date_valid (as_of))
    {
      dt_today (&today);
      as_of = &today;
    }
  as_of_iso = dt_date_to_iso (as_of);
  if (!(calendar = _dt_database_get_rules (db, &answer_days, error)))
    return NULL;

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (list, ']');

  stmt = _dt_database_prepare_static (db,
    "SELECT id, revision, code, received, petitioner, confidential, village_name, field_name, "
    "       agency_name, channel, summary, duplicate_of IS NOT NULL, answered_date, "
    "       assigned_date, deadline, escalated_date, declined_date, withdrawn_date, "
    "       resolved_date "
    "FROM petitions_v WHERE id IN (SELECT value FROM json_each (?))", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, list->str, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtPetitionRow *row = g_object_new (DT_TYPE_PETITION_ROW, NULL);
      DtPetitionDates dates = { 0 };
      DtPetitionState state;

#define TEXT_AT(i) ((const char *) sqlite3_column_text (stmt, i))
      row->id = sqlite3_column_int64 (stmt, 0);
      row->revision = sqlite3_column_int64 (stmt, 1);
      row->code = g_strdup (TEXT_AT (2));
      row->received = g_strdup (TEXT_AT (3));
      row->petitioner = g_strdup (TEXT_AT (4));
      row->confidential = sqlite3_column_int (stmt, 5) != 0;
      row->village = g_strdup (TEXT_AT (6));
      row->field = g_strdup (TEXT_AT (7));
      row->agency = g_strdup (TEXT_AT (8));
      row->channel = g_strdup (TEXT_AT (9));
      row->summary = g_strdup (TEXT_AT (10));
      row->duplicate = sqlite3_column_int (stmt, 11) != 0;
      dates.received = row->received;
      dates.answered_date = TEXT_AT (12);
      dates.assigned_date = TEXT_AT (13);
      dates.deadline = TEXT_AT (14);
      dates.escalated_date = TEXT_AT (15);
      dates.declined_date = TEXT_AT (16);
      dates.withdrawn_date = TEXT_AT (17);
      dates.resolved_date = TEXT_AT (18);
#undef TEXT_AT
      dt_petition_state_compute (&dates, as_of, calendar, answer_days, &state);
      row->status = state.status;
      row->deadline = state.has_deadline ? dt_date_to_iso (&state.deadline) : NULL;
      row->days_overdue = state.overdue ? state.days_overdue : 0;
      g_hash_table_insert (by_id, &row->id, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_hash_table_foreach (by_id, (GHFunc) unref_value, NULL);
      _dt_database_fail (db, rc, error);
      return NULL;
    }

  for (guint i = 0; i < n_ids; i++)
    {
      DtPetitionRow *row = g_hash_table_lookup (by_id, &ids[i]);

      if (row != NULL)
        g_ptr_array_add (rows, g_object_ref (row));
    }
  g_hash_table_foreach (by_id, (GHFunc) unref_value, NULL);
  return g_steal_pointer (&rows);
}
