/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The register's queries and list model on a small office whose answers are worked out by
 * hand (as of 10/06/2025, default calendar, 30 working days to answer). */
#include "config.h"

#include <string.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-petition-list.h"
#include "dt-petition-query.h"
#include "dt-records.h"
#include "dt-test-util.h"
#include "dt-util.h"

#define AS_OF "2025-06-10"

typedef struct
{
  const char *code, *received, *channel, *session, *petitioner, *village, *field, *concerns;
  gboolean confidential;
  const char *duplicate_of, *answered, *agency, *assigned, *deadline, *escalated, *declined,
             *withdrawn, *resolved;
} Sample;

static const Sample samples[] = {
  { "2025-0001", "2025-04-15", "session", "HN-2025-01", "Nguyễn Văn An", "Thôn Đông", "Đất đai",
    "organisation", .agency = "UBND xã", .assigned = "2025-04-22" },
  { "2025-0002", "2025-05-02", "front", NULL, "Trần Thị Bình", "Thôn Tây", "Môi trường",
    "official", .agency = "Công an xã", .assigned = "2025-05-20", .deadline = "2025-06-14" },
  { "2025-0003", "2025-05-10", "written", NULL, "Lê Văn Cường", "Thôn Đông", "Môi trường",
    .agency = "UBND xã", .assigned = "2025-05-12", .resolved = "2025-05-30" },
  { "2025-0004", "2025-05-11", "direct", NULL, "Đặng Thị Hương", "Thôn Nam", "Giao thông",
    .confidential = TRUE },
  { "2025-0005", "2025-05-12", "phone", NULL, NULL, "Thôn Tây", "Đất đai",
    .declined = "2025-05-15" },
  { "2025-0006", "2025-05-20", "session", "HN-2025-01", "Bùi Minh Hạnh", "Thôn Nam", "Giao thông",
    .answered = "2025-05-20" },
  { "2025-0007", "2025-06-01", "front", NULL, "Nguyễn Văn Anh", "Thôn Đông", "Đất đai",
    .duplicate_of = "2025-0001" },
  { "2025-0008", "2025-04-01", "other", NULL, "Phạm Thị Yến", "Thôn Nam", "Giao thông",
    .agency = "UBND xã", .assigned = "2025-04-02", .deadline = "2025-06-09" },
  { "2025-0009", "2025-06-05", "written", NULL, "Võ Văn Bảo", "Thôn Tây", "Môi trường",
    .escalated = "2025-06-08" },
  { "2025-0010", "2025-06-12", "direct", NULL, "Hoàng Văn Em", "Thôn Nam", "Giao thông" },
  { "2025-0011", "2025-05-25", "written", NULL, "Đỗ Thị Giang", "Thôn Tây", "Giao thông",
    .agency = "Công an xã", .assigned = "2025-06-09" },
  { "2025-0012", "2025-05-26", "direct", NULL, "Nguyễn Thị Ánh", "Thôn Nam", "Môi trường",
    .withdrawn = "2025-06-01" },
};

static DtPetition *
sample_petition (const Sample *sample)
{
  DtPetition *petition = dt_petition_new ();

  petition->code = g_strdup (sample->code);
  petition->received = g_strdup (sample->received);
  petition->channel = g_strdup (sample->channel);
  petition->session = g_strdup (sample->session);
  petition->petitioner = g_strdup (sample->petitioner);
  petition->village = g_strdup (sample->village);
  petition->field = g_strdup (sample->field);
  petition->summary = g_strdup_printf ("Kiến nghị %s", sample->code);
  petition->concerns = g_strdup (sample->concerns);
  petition->confidential = sample->confidential;
  petition->duplicate_of = g_strdup (sample->duplicate_of);
  petition->answered_date = g_strdup (sample->answered);
  petition->assigned_to = g_strdup (sample->agency);
  petition->assigned_date = g_strdup (sample->assigned);
  petition->deadline = g_strdup (sample->deadline);
  petition->escalated_date = g_strdup (sample->escalated);
  petition->escalated_to = sample->escalated != NULL ? g_strdup ("UBND huyện") : NULL;
  petition->declined_date = g_strdup (sample->declined);
  petition->withdrawn_date = g_strdup (sample->withdrawn);
  petition->resolved_date = g_strdup (sample->resolved);
  return petition;
}

static void
fill (DtDatabase *db)
{
  g_autoptr(DtSession) session = dt_session_new ();
  g_autoptr(GError) error = NULL;

  session->code = g_strdup ("HN-2025-01");
  session->kind = g_strdup ("dialogue");
  session->date = g_strdup ("2025-04-15");
  session->status = g_strdup ("held");
  g_assert_cmpint (dt_session_insert (db, session, &error), >, 0);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(DtPetition) petition = sample_petition (&samples[i]);

      g_assert_cmpint (dt_petition_insert (db, petition, &error), >, 0);
      g_assert_no_error (error);
    }
}

/* "2025-0001 2025-0007": the codes of IDS, in order, by their last two digits. */
static char *
codes_of (DtDatabase *db,
          GArray     *ids)
{
  GString *codes = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DtPetition) petition =
        dt_petition_load_by_id (db, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_string_append_printf (codes, "%s%s", i > 0 ? " " : "", petition->code + 7);
    }
  return g_string_free (codes, FALSE);
}

static char *
query (DtDatabase             *db,
       const DtPetitionFilter *filter,
       DtPetitionOrder         order)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = dt_petition_query_ids (db, filter, order, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return codes_of (db, ids);
}

static DtPetitionFilter *
filter_as_of (void)
{
  DtPetitionFilter *filter = dt_petition_filter_new ();

  g_assert_true (dt_date_parse (AS_OF, &filter->as_of));
  return filter;
}

#define ASSERT_QUERY(db, filter, order, expected)              \
  G_STMT_START {                                               \
    g_autofree char *got_ = query (db, filter, order);         \
    g_assert_cmpstr (got_, ==, expected);                      \
  } G_STMT_END

static void
test_orders (DtTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(DtPetitionFilter) filter = filter_as_of ();

  fill (fixture->db);
  ASSERT_QUERY (fixture->db, NULL, DT_PETITION_ORDER_CODE, "01 02 03 04 05 06 07 08 09 10 11 12");
  ASSERT_QUERY (fixture->db, NULL, DT_PETITION_ORDER_RECEIVED,
                "10 09 07 12 11 06 05 04 03 02 01 08");
  /* Bùi, Đặng, Đỗ, Hoàng, Lê, Nguyễn Thị Ánh, Nguyễn Văn An, Nguyễn Văn Anh, Phạm, Trần, Võ,
   * and the petition without a name last. */
  ASSERT_QUERY (fixture->db, NULL, DT_PETITION_ORDER_PETITIONER,
                "06 04 11 10 03 12 01 07 08 02 09 05");
  /* 5/6 (computed), 9/6 (stored), 14/6 (stored), 23/6 and 21/7 (computed), then none. */
  ASSERT_QUERY (fixture->db, NULL, DT_PETITION_ORDER_DEADLINE,
                "01 08 02 03 11 04 05 06 07 09 10 12");
  ASSERT_QUERY (fixture->db, filter, DT_PETITION_ORDER_DAYS_OVERDUE,
                "01 08 02 03 11 04 05 06 07 09 10 12");
}

static void
test_filters (DtTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(DtPetitionFilter) filter = NULL;
  const DtPetitionOrder by_code = DT_PETITION_ORDER_CODE;

  fill (fixture->db);

#define WITH(statement, expected)                                  \
  G_STMT_START {                                                   \
    g_clear_pointer (&filter, dt_petition_filter_free);            \
    filter = filter_as_of ();                                      \
    statement;                                                     \
    ASSERT_QUERY (fixture->db, filter, by_code, expected);         \
  } G_STMT_END

  WITH (filter->statuses = 1u << DT_STATUS_ASSIGNED, "01 02 08 11");
  WITH (filter->statuses = DT_STATUSES_OPEN, "01 02 04 07 08 09 10 11");
  WITH (filter->statuses = 1u << DT_STATUS_RESOLVED, "03");
  WITH (filter->statuses = 1u << DT_STATUS_ANSWERED, "06");
  WITH (filter->statuses = 1u << DT_STATUS_DECLINED, "05");
  WITH (filter->statuses = 1u << DT_STATUS_WITHDRAWN, "12");
  WITH (filter->statuses = 1u << DT_STATUS_ESCALATED, "09");
  WITH (filter->statuses = 1u << DT_STATUS_RECEIVED, "04 07 10");
  /* As of an earlier day, later actions do not count yet. */
  WITH ((dt_date_parse ("2025-05-13", &filter->as_of),
         filter->statuses = 1u << DT_STATUS_ASSIGNED), "01 03 08");
  WITH (filter->field = g_strdup ("Đất đai"), "01 05 07");
  WITH (filter->village = g_strdup ("Thôn Đông"), "01 03 07");
  WITH (filter->agency = g_strdup ("UBND xã"), "01 03 08");
  WITH (filter->channel = g_strdup ("front"), "02 07");
  WITH (filter->concerns = g_strdup ("organisation"), "01");
  WITH (filter->concerns = g_strdup ("official"), "02");
  WITH (filter->concerns = g_strdup ("none"), "03 04 05 06 07 08 09 10 11 12");
  WITH ((filter->received_from = g_strdup ("2025-05-01"),
         filter->received_to = g_strdup ("2025-05-31")), "02 03 04 05 06 11 12");
  WITH (filter->session = g_strdup ("HN-2025-01"), "01 06");
  WITH (filter->overdue = TRUE, "01 08");
  /* On 6/6 the deadline of 5/6 is one day gone, that of 9/6 not yet. */
  WITH ((dt_date_parse ("2025-06-06", &filter->as_of),
         filter->overdue = TRUE), "01");
  WITH (filter->due_within = 7, "02");
  /* 0011's computed deadline is 21/7: 41 days after 10/6, not 40. */
  WITH (filter->due_within = 40, "02");
  WITH (filter->due_within = 41, "02 11");
  WITH (filter->confidential = 1, "04");
  WITH (filter->duplicates = 1, "07");
  WITH (filter->duplicates = 0, "01 02 03 04 05 06 08 09 10 11 12");
  WITH ((filter->field = g_strdup ("Môi trường"), filter->statuses = 1u << DT_STATUS_RESOLVED),
        "03");
#undef WITH
}

/* A search's hits within a filter: the same petitions as the filter lets through, in the
 * hits' own order, whatever the filter. */
static void
test_filter_among (DtTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) given = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) some = NULL;
  g_autofree char *codes = NULL;

  fill (fixture->db);
  /* Newest first, one left out: not the order of any filter's own query by code. */
  given = dt_petition_query_ids (fixture->db, NULL, DT_PETITION_ORDER_RECEIVED, &error);
  g_assert_no_error (error);
  g_array_remove_index (given, 3);

  for (guint k = 0; k < 7; k++)
    {
      g_autoptr(DtPetitionFilter) filter = filter_as_of ();
      g_autoptr(GArray) passed = NULL;
      g_autoptr(GArray) among = NULL;
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));

      switch (k)
        {
        case 0: break;
        case 1: filter->statuses = DT_STATUSES_OPEN; break;
        case 2: filter->field = g_strdup ("Đất đai"); break;
        case 3: filter->overdue = TRUE; break;
        case 4: filter->channel = g_strdup ("front"); filter->duplicates = 0; break;
        case 5: filter->received_from = g_strdup ("2025-05-01"); filter->due_within = 41; break;
        default: filter->session = g_strdup ("HN-2025-01"); break;
        }
      passed = dt_petition_query_ids (fixture->db, filter, DT_PETITION_ORDER_CODE, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < given->len; i++)
        for (guint j = 0; j < passed->len; j++)
          if (g_array_index (passed, gint64, j) == g_array_index (given, gint64, i))
            g_array_append_val (expected, g_array_index (given, gint64, i));

      among = dt_petition_query_ids_among (fixture->db, filter, (const gint64 *) given->data,
                                           given->len, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (among->data, among->len * sizeof (gint64),
                       expected->data, expected->len * sizeof (gint64));
    }

  all = dt_petition_query_ids_among (fixture->db, NULL, (const gint64 *) given->data,
                                     given->len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (all->data, all->len * sizeof (gint64),
                   given->data, given->len * sizeof (gint64));
  none = dt_petition_query_ids_among (fixture->db, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  {
    g_autoptr(DtPetitionFilter) filter = filter_as_of ();

    filter->statuses = 1u << DT_STATUS_ASSIGNED;
    some = dt_petition_query_ids_among (fixture->db, filter, (const gint64 *) given->data,
                                        given->len, &error);
    g_assert_no_error (error);
  }
  /* Assigned: 01 02 08 11 (04 left out of the given ids is not one), newest first. */
  codes = codes_of (fixture->db, some);
  g_assert_cmpstr (codes, ==, "11 02 01 08");
}

static void
test_bad_filters (DtTestFixture *fixture,
                  gconstpointer  data)
{
  struct {
    const char *what;
    int         code;
  } cases[] = {
    { "field", DT_ERROR_NOT_FOUND },
    { "village", DT_ERROR_NOT_FOUND },
    { "agency", DT_ERROR_NOT_FOUND },
    { "session", DT_ERROR_NOT_FOUND },
    { "channel", DT_ERROR_INVALID },
    { "concerns", DT_ERROR_INVALID },
    { "received_from", DT_ERROR_INVALID },
  };

  fill (fixture->db);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DtPetitionFilter) filter = dt_petition_filter_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = NULL;
      const char *value = g_str_equal (cases[i].what, "received_from") ? "2025-02-30" : "Không có";

      if (g_str_equal (cases[i].what, "field"))
        filter->field = g_strdup (value);
      else if (g_str_equal (cases[i].what, "village"))
        filter->village = g_strdup (value);
      else if (g_str_equal (cases[i].what, "agency"))
        filter->agency = g_strdup (value);
      else if (g_str_equal (cases[i].what, "session"))
        filter->session = g_strdup (value);
      else if (g_str_equal (cases[i].what, "channel"))
        filter->channel = g_strdup (value);
      else if (g_str_equal (cases[i].what, "concerns"))
        filter->concerns = g_strdup (value);
      else
        filter->received_from = g_strdup (value);

      ids = dt_petition_query_ids (fixture->db, filter, DT_PETITION_ORDER_CODE, &error);
      g_assert_null (ids);
      g_assert_error (error, DT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, value));
    }
}

static void
test_rows (DtTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(DtPetitionFilter) filter = filter_as_of ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  DtPetitionRow *row;
  gint64 asked[3];

  fill (fixture->db);
  ids = dt_petition_query_ids (fixture->db, NULL, DT_PETITION_ORDER_CODE, &error);
  g_assert_no_error (error);
  /* 0001, 0004 and a deleted id, in the order asked. */
  asked[0] = g_array_index (ids, gint64, 3);
  asked[1] = 999999;
  asked[2] = g_array_index (ids, gint64, 0);
  rows = dt_petition_rows_by_id (fixture->db, asked, 3, &filter->as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);

  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (dt_petition_row_get_code (row), ==, "2025-0004");
  g_assert_true (dt_petition_row_get_confidential (row));
  g_assert_cmpstr (dt_petition_row_get_petitioner (row), ==, "Đặng Thị Hương");
  g_assert_cmpstr (dt_petition_row_get_petitioner_shown (row), ==, "(confidential)");
  g_assert_cmpint (dt_petition_row_get_status (row), ==, DT_STATUS_RECEIVED);
  g_assert_null (dt_petition_row_get_deadline (row));

  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (dt_petition_row_get_code (row), ==, "2025-0001");
  g_assert_cmpstr (dt_petition_row_get_petitioner_shown (row), ==, "Nguyễn Văn An");
  g_assert_cmpstr (dt_petition_row_get_village (row), ==, "Thôn Đông");
  g_assert_cmpstr (dt_petition_row_get_field (row), ==, "Đất đai");
  g_assert_cmpstr (dt_petition_row_get_agency (row), ==, "UBND xã");
  g_assert_cmpint (dt_petition_row_get_status (row), ==, DT_STATUS_ASSIGNED);
  g_assert_cmpstr (dt_petition_row_get_deadline (row), ==, "2025-06-05");
  g_assert_cmpint (dt_petition_row_get_days_overdue (row), ==, 5);
}

/* The SQL functions give what the rule function gives. */
static void
test_sql_functions (DtTestFixture *fixture,
                    gconstpointer  data)
{
  sqlite3_stmt *stmt;
  g_autoptr(GError) error = NULL;

  fill (fixture->db);
  stmt = _dt_database_prepare (fixture->db,
    "SELECT group_concat (substr (code, 8) || '=' || dt_status (received, answered_date, "
    "  assigned_date, deadline, escalated_date, declined_date, withdrawn_date, resolved_date, "
    "  '" AS_OF "') || '/' || ifnull (dt_deadline (assigned_date, deadline), '-') || '/' || "
    "  dt_days_overdue (received, answered_date, assigned_date, deadline, escalated_date, "
    "  declined_date, withdrawn_date, resolved_date, '" AS_OF "'), ' ') "
    "FROM (SELECT * FROM petitions ORDER BY code)", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                   "01=assigned/2025-06-05/5 02=assigned/2025-06-14/0 "
                   "03=resolved/2025-06-23/0 04=received/-/0 05=declined/-/0 "
                   "06=answered/-/0 07=received/-/0 08=assigned/2025-06-09/1 "
                   "09=escalated/-/0 10=received/-/0 11=assigned/2025-07-21/0 "
                   "12=withdrawn/-/0");
  sqlite3_reset (stmt);
}

/* ------------------------------------------------------------------------------------------
 * The list model
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  GString *log;
} Recorder;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *recorder)
{
  g_string_append_printf (recorder->log, "%s(%u,%u,%u)", recorder->log->len > 0 ? " " : "",
                          position, removed, added);
}

static char *
take_log (Recorder *recorder)
{
  char *log = g_strdup (recorder->log->str);

  g_string_truncate (recorder->log, 0);
  return log;
}

#define ASSERT_LOG(recorder, expected)                  \
  G_STMT_START {                                        \
    g_autofree char *log_ = take_log (recorder);        \
    g_assert_cmpstr (log_, ==, expected);               \
  } G_STMT_END

static void
touch_every_item (GListModel *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_object_unref (g_list_model_get_item (model, i));
}

static void
edit_summary (DtDatabase *db,
              const char *code,
              const char *summary)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtPetition) petition = dt_petition_load (db, code, &error);

  g_assert_no_error (error);
  g_free (petition->summary);
  petition->summary = g_strdup (summary);
  g_assert_true (dt_petition_update (db, petition, &error));
  g_assert_no_error (error);
}

/* "01 02 …": the codes of the list, in order. */
static char *
list_codes (DtPetitionList *list)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      gint64 id = dt_petition_list_get_id (list, i);

      g_array_append_val (ids, id);
    }
  return codes_of (dt_petition_list_get_database (list), ids);
}

/* Typing a search and emptying the box again (the search box empties itself for a moment
 * when all of it is typed over): the whole list comes back as it was, or as the database now
 * has it when anything changed during the search. */
static void
test_list_search_back (DtTestFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(DtPetitionList) list = NULL;
  g_autoptr(DtPetition) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *codes = NULL;
  Recorder recorder = { g_string_new (NULL) };

  fill (fixture->db);
  list = dt_petition_list_new (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_true (dt_petition_list_set_order (list, DT_PETITION_ORDER_PETITIONER, &error));
  before = list_codes (list);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &recorder);

  g_assert_true (dt_petition_list_set_search (list, "nguyen", &error));
  g_assert_true (dt_petition_list_set_search (list, "nguyen van", &error));
  g_assert_true (dt_petition_list_set_search (list, "", &error));
  g_assert_no_error (error);
  ASSERT_LOG (&recorder, "(0,12,3) (0,3,2) (0,2,12)");
  after = list_codes (list);
  g_assert_cmpstr (after, ==, before);

  /* Back to the search and out of it in another order: the whole list in that order. */
  g_assert_true (dt_petition_list_set_search (list, "nguyen", &error));
  g_assert_true (dt_petition_list_set_order (list, DT_PETITION_ORDER_CODE, &error));
  g_assert_true (dt_petition_list_set_search (list, NULL, &error));
  codes = list_codes (list);
  g_assert_cmpstr (codes, ==, "01 02 03 04 05 06 07 08 09 10 11 12");
  g_clear_pointer (&codes, g_free);

  /* A petition recorded during a search is there once it is over. */
  g_assert_true (dt_petition_list_set_search (list, "nguyen", &error));
  added = sample_petition (&samples[1]);
  g_free (added->code);
  added->code = g_strdup ("2025-0013");
  g_assert_cmpint (dt_petition_insert (fixture->db, added, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (dt_petition_list_set_search (list, "", &error));
  codes = list_codes (list);
  g_assert_cmpstr (codes, ==, "01 02 03 04 05 06 07 08 09 10 11 12 13");
  g_free (take_log (&recorder));
  g_string_free (recorder.log, TRUE);
}

/* A list made with its filter and order, and both changed at once: the ids the two calls one
 * after the other would give, in one signal; a refused filter keeps the list as it was. */
static void
test_list_view (DtTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(DtPetitionList) list = NULL;
  g_autoptr(DtPetitionList) stepwise = NULL;
  g_autoptr(DtPetitionFilter) filter = filter_as_of ();
  g_autoptr(GError) error = NULL;
  Recorder recorder = { g_string_new (NULL) };

  fill (fixture->db);
  filter->statuses = 1u << DT_STATUS_ASSIGNED;
  list = dt_petition_list_new_with_view (fixture->db, filter, DT_PETITION_ORDER_CODE, &error);
  g_assert_no_error (error);
  stepwise = dt_petition_list_new (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_true (dt_petition_list_set_filter (stepwise, filter, &error));
  g_assert_true (dt_petition_list_set_order (stepwise, DT_PETITION_ORDER_CODE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dt_petition_list_get_order (list), ==, DT_PETITION_ORDER_CODE);
  g_assert_true (dt_petition_filter_equal (dt_petition_list_get_filter (list), filter));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (dt_petition_list_get_id (list, i), ==, dt_petition_list_get_id (stepwise, i));

  /* Both at once: every open one by petitioner. */
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &recorder);
  filter->statuses = DT_STATUSES_OPEN;
  g_assert_true (dt_petition_list_set_view (list, filter, DT_PETITION_ORDER_PETITIONER, &error));
  g_assert_no_error (error);
  g_assert_true (dt_petition_list_set_filter (stepwise, filter, &error));
  g_assert_true (dt_petition_list_set_order (stepwise, DT_PETITION_ORDER_PETITIONER, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (stepwise)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 4);
  {
    g_autofree char *expected = g_strdup_printf ("(0,4,%u)",
                                                 g_list_model_get_n_items (G_LIST_MODEL (list)));
    ASSERT_LOG (&recorder, expected);
  }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_assert_cmpint (dt_petition_list_get_id (list, i), ==, dt_petition_list_get_id (stepwise, i));

  /* The same again: nothing. A filter naming what does not exist: refused, nothing moved. */
  g_assert_true (dt_petition_list_set_view (list, filter, DT_PETITION_ORDER_PETITIONER, &error));
  ASSERT_LOG (&recorder, "");
  filter->field = g_strdup ("Không có");
  g_assert_false (dt_petition_list_set_view (list, filter, DT_PETITION_ORDER_CODE, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_FOUND);
  g_assert_cmpint (dt_petition_list_get_order (list), ==, DT_PETITION_ORDER_PETITIONER);
  g_assert_null (dt_petition_list_get_filter (list)->field);
  ASSERT_LOG (&recorder, "");
  g_string_free (recorder.log, TRUE);
}

static void
test_list_model (DtTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(DtPetitionList) list = NULL;
  g_autoptr(DtPetitionFilter) filter = filter_as_of ();
  g_autoptr(DtPetition) added = NULL;
  g_autoptr(DtDatabase) other = NULL;
  g_autoptr(DtPetitionRow) row = NULL;
  g_autoptr(GError) error = NULL;
  Recorder recorder = { g_string_new (NULL) };
  GListModel *model;
  guint position;

  fill (fixture->db);
  list = dt_petition_list_new (fixture->db, &error);
  g_assert_no_error (error);
  model = G_LIST_MODEL (list);
  g_assert_true (g_list_model_get_item_type (model) == DT_TYPE_PETITION_ROW);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &recorder);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 12);
  g_assert_null (g_list_model_get_item (model, 12));

  /* A new order, a new filter: one signal for the whole list each. */
  g_assert_true (dt_petition_list_set_order (list, DT_PETITION_ORDER_CODE, &error));
  ASSERT_LOG (&recorder, "(0,12,12)");
  filter->statuses = 1u << DT_STATUS_ASSIGNED;
  g_assert_true (dt_petition_list_set_filter (list, filter, &error));
  g_assert_no_error (error);
  ASSERT_LOG (&recorder, "(0,12,4)");
  row = g_list_model_get_item (model, 1);
  g_assert_cmpstr (dt_petition_row_get_code (row), ==, "2025-0002");
  g_clear_object (&row);
  touch_every_item (model);

  /* The same filter again changes nothing; an unknown name leaves the list as it was. */
  g_assert_true (dt_petition_list_set_filter (list, filter, &error));
  filter->field = g_strdup ("Không có");
  g_assert_false (dt_petition_list_set_filter (list, filter, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&filter->field, g_free);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  ASSERT_LOG (&recorder, "");

  /* One petition edited: that row alone. Another one, outside the filter: nothing. */
  edit_summary (fixture->db, "2025-0002", "Kiến nghị về rác thải");
  ASSERT_LOG (&recorder, "(1,1,1)");
  row = g_list_model_get_item (model, 1);
  g_assert_cmpstr (dt_petition_row_get_summary (row), ==, "Kiến nghị về rác thải");
  g_clear_object (&row);
  edit_summary (fixture->db, "2025-0004", "Kiến nghị khác");
  ASSERT_LOG (&recorder, "");

  /* Resolving takes it out of "being resolved"; a new assigned one comes in at its place. */
  g_assert_true (dt_petition_resolve (fixture->db, "2025-0008", "2025-06-09", "Đã sửa", &error));
  g_assert_no_error (error);
  ASSERT_LOG (&recorder, "(2,1,0)");
  added = sample_petition (&samples[1]);
  g_free (added->code);
  added->code = g_strdup ("2025-0013");
  g_assert_cmpint (dt_petition_insert (fixture->db, added, &error), >, 0);
  g_assert_no_error (error);
  ASSERT_LOG (&recorder, "(3,0,1)");
  g_assert_true (dt_petition_delete (fixture->db, "2025-0002", &error));
  g_assert_no_error (error);
  ASSERT_LOG (&recorder, "(1,1,0)");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* A write through a second connection (another program, or a worker) is noticed. */
  touch_every_item (model);
  other = dt_database_open_another (fixture->db, &error);
  g_assert_no_error (error);
  edit_summary (other, "2025-0011", "Sửa từ chương trình khác");
  ASSERT_LOG (&recorder, "");
  g_assert_true (dt_database_check_external (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_true (dt_petition_list_find (list, dt_petition_list_get_id (list, 1), &position));
  g_assert_cmpuint (position, ==, 1);
  row = g_list_model_get_item (model, 1);
  g_assert_cmpstr (dt_petition_row_get_code (row), ==, "2025-0011");
  g_assert_cmpstr (dt_petition_row_get_summary (row), ==, "Sửa từ chương trình khác");
  g_clear_object (&row);
  ASSERT_LOG (&recorder, "(1,1,1)");
  g_assert_false (dt_database_check_external (fixture->db, &error));

  /* A search shows its hits within the filter. */
  g_clear_pointer (&filter, dt_petition_filter_free);
  g_assert_true (dt_petition_list_set_filter (list, NULL, &error));
  g_free (take_log (&recorder));
  g_assert_true (dt_petition_list_set_search (list, "nguyen van", &error));
  g_assert_no_error (error);
  ASSERT_LOG (&recorder, "(0,12,2)");
  row = g_list_model_get_item (model, 0);
  g_assert_cmpstr (dt_petition_row_get_code (row), ==, "2025-0007");
  g_clear_object (&row);
  g_assert_true (dt_petition_list_set_search (list, "  ", &error));
  ASSERT_LOG (&recorder, "(0,2,12)");

  g_string_free (recorder.log, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("DOITHOAI_TODAY", AS_OF, TRUE);

  DT_TEST_ADD ("/core/query/orders", test_orders);
  DT_TEST_ADD ("/core/query/filters", test_filters);
  DT_TEST_ADD ("/core/query/filter-among", test_filter_among);
  DT_TEST_ADD ("/core/query/bad-filters", test_bad_filters);
  DT_TEST_ADD ("/core/query/rows", test_rows);
  DT_TEST_ADD ("/core/query/sql-functions", test_sql_functions);
  DT_TEST_ADD ("/core/query/list-model", test_list_model);
  DT_TEST_ADD ("/core/query/list-view", test_list_view);
  DT_TEST_ADD ("/core/query/list-search-back", test_list_search_back);

  return g_test_run ();
}
