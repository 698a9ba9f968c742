/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dt-attention.h"
#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-test-util.h"
#include "dt-util.h"

static void
add_session (DtDatabase *db,
             const char *code,
             const char *date,
             const char *status,
             const char *notice_date)
{
  g_autoptr(DtSession) session = dt_session_new ();
  g_autoptr(GError) error = NULL;

  session->code = g_strdup (code);
  session->plan = g_strdup ("KH-2025");
  session->kind = g_strdup ("dialogue");
  session->date = g_strdup (date);
  session->status = g_strdup (status);
  session->topic = g_strdup ("Xây dựng nông thôn mới");
  session->notice_date = g_strdup (notice_date);
  g_assert_cmpint (dt_session_insert (db, session, &error), >, 0);
  g_assert_no_error (error);
}

static void
add_petition (DtDatabase *db,
              const char *code,
              const char *received,
              const char *field,
              const char *agency,
              const char *deadline,
              const char *resolved,
              const char *duplicate_of)
{
  g_autoptr(DtPetition) petition = dt_petition_new ();
  g_autoptr(GError) error = NULL;

  petition->code = g_strdup (code);
  petition->received = g_strdup (received);
  petition->channel = g_strdup ("written");
  petition->field = g_strdup (field);
  petition->summary = g_strdup ("Đề nghị sửa đường");
  if (agency != NULL)
    {
      petition->assigned_to = g_strdup (agency);
      petition->assigned_date = g_strdup (received);
      petition->deadline = g_strdup (deadline);
    }
  petition->resolved_date = g_strdup (resolved);
  petition->duplicate_of = g_strdup (duplicate_of);
  g_assert_cmpint (dt_petition_insert (db, petition, &error), >, 0);
  g_assert_no_error (error);
}

static void
build_office (DtDatabase *db)
{
  g_autoptr(DtPlan) plan = dt_plan_new ();
  g_autoptr(GError) error = NULL;

  plan->code = g_strdup ("KH-2025");
  plan->year = 2025;
  plan->dialogues_planned = 3;
  plan->notice_lead_days = 5;
  plan->reports_due = g_new0 (char *, 3);
  plan->reports_due[0] = g_strdup ("2025-06-15");
  plan->reports_due[1] = g_strdup ("2025-12-10");
  g_assert_cmpint (dt_plan_insert (db, plan, &error), >, 0);

  add_session (db, "HN-2025-01", "2025-04-15", "held", "2025-04-08");
  add_session (db, "HN-2025-02", "2025-05-20", "planned", NULL);
  add_session (db, "HN-2025-03", "2025-05-05", "planned", NULL);
  add_session (db, "HN-2025-04", "2025-04-28", "planned", "2025-04-20");
  add_session (db, "HN-2025-05", "2025-07-01", "planned", NULL);

  add_petition (db, "2025-0001", "2025-03-10", "Giao thông", "UBND xã", "2025-04-20", NULL, NULL);
  add_petition (db, "2025-0002", "2025-03-12", "Giao thông", "UBND xã", "2025-04-28", NULL, NULL);
  add_petition (db, "2025-0003", "2025-03-15", "Đất đai", "Công an xã", "2025-05-05", NULL, NULL);
  add_petition (db, "2025-0004", "2025-04-01", "Đất đai", "Công an xã", "2025-06-30", NULL, NULL);
  add_petition (db, "2025-0005", "2025-04-02", "Giao thông", "UBND xã", "2025-04-20",
                "2025-04-18", NULL);
  add_petition (db, "2025-0006", "2025-04-03", "Giao thông", "UBND xã", "2025-04-20", NULL,
                "2025-0001");
  add_petition (db, "2024-0001", "2024-10-01", "Môi trường", "UBND xã", "2024-12-01", NULL, NULL);
}

static GDate
day (const char *iso)
{
  GDate date;

  g_assert_true (dt_date_parse (iso, &date));
  return date;
}

static void
test_attention_today (DtTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(DtOverview) overview = NULL;
  g_autoptr(GError) error = NULL;
  GDate today = day ("2025-05-01");
  DtAttentionItem *item;
  DtNamedCount *count;

  build_office (fixture->db);
  overview = dt_overview_compute (fixture->db, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overview->items->len, ==, 6);

  /* Late first, the longest late first. */
  item = g_ptr_array_index (overview->items, 0);
  g_assert_cmpint (item->kind, ==, DT_ATTENTION_OVERDUE);
  g_assert_cmpstr (item->name, ==, "UBND xã");
  g_assert_cmpuint (item->count, ==, 3);           /* 2025-0001, -0002 and last year's */
  g_assert_cmpint (item->most_days_overdue, ==, 151);
  g_assert_true (item->late);

  item = g_ptr_array_index (overview->items, 1);
  g_assert_cmpint (item->kind, ==, DT_ATTENTION_CONCLUSION);
  g_assert_cmpstr (item->code, ==, "HN-2025-01");
  g_assert_cmpstr (item->due, ==, "2025-04-25");
  g_assert_cmpint (item->days, ==, -6);
  g_assert_true (item->late);

  item = g_ptr_array_index (overview->items, 2);
  g_assert_cmpint (item->kind, ==, DT_ATTENTION_MINUTES);
  g_assert_cmpstr (item->code, ==, "HN-2025-04");

  item = g_ptr_array_index (overview->items, 3);
  g_assert_cmpint (item->kind, ==, DT_ATTENTION_NOTICE);
  g_assert_cmpstr (item->code, ==, "HN-2025-03");
  g_assert_cmpstr (item->due, ==, "2025-04-30");
  g_assert_true (item->late);

  item = g_ptr_array_index (overview->items, 4);
  g_assert_cmpint (item->kind, ==, DT_ATTENTION_DUE_SOON);
  g_assert_cmpstr (item->name, ==, "Công an xã");
  g_assert_cmpuint (item->count, ==, 1);
  g_assert_cmpstr (item->due, ==, "2025-05-05");
  g_assert_false (item->late);

  item = g_ptr_array_index (overview->items, 5);
  g_assert_cmpint (item->kind, ==, DT_ATTENTION_NOTICE);
  g_assert_cmpstr (item->code, ==, "HN-2025-02");
  g_assert_cmpstr (item->due, ==, "2025-05-15");
  g_assert_cmpint (item->days, ==, 14);
  g_assert_false (item->late);

  g_assert_cmpuint (overview->overdue, ==, 3);
  g_assert_cmpuint (overview->due_soon, ==, 1);

  /* This year's progress. */
  g_assert_cmpint (overview->year, ==, 2025);
  g_assert_cmpuint (overview->sessions_planned, ==, 3);
  g_assert_cmpuint (overview->sessions_held, ==, 1);
  g_assert_cmpuint (overview->dialogues_held, ==, 1);
  g_assert_cmpuint (overview->sessions_to_come, ==, 4);
  g_assert_cmpuint (overview->petitions.total, ==, 5);
  g_assert_cmpuint (overview->petitions.duplicates, ==, 1);
  g_assert_cmpuint (overview->petitions.by_status[DT_STATUS_ASSIGNED], ==, 4);
  g_assert_cmpuint (overview->petitions.by_status[DT_STATUS_RESOLVED], ==, 1);
  g_assert_cmpuint (overview->by_field->len, ==, 2);
  count = g_ptr_array_index (overview->by_field, 0);
  g_assert_cmpstr (count->name, ==, "Giao thông");
  g_assert_cmpuint (count->count, ==, 3);
}

static void
test_reports_due (DtTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(DtOverview) overview = NULL;
  g_autoptr(GError) error = NULL;
  GDate today = day ("2025-06-01");
  gboolean found = FALSE;
  g_autofree char *h1 = dt_report_period_for_due ("2025-06-15");
  g_autofree char *year = dt_report_period_for_due ("2025-12-10");
  g_autofree char *last = dt_report_period_for_due ("2026-01-15");
  g_autofree char *nine = dt_report_period_for_due ("2025-10-05");

  g_assert_cmpstr (h1, ==, "2025-H1");
  g_assert_cmpstr (year, ==, "2025");
  g_assert_cmpstr (last, ==, "2025");
  g_assert_cmpstr (nine, ==, "2025-9M");

  build_office (fixture->db);
  overview = dt_overview_compute (fixture->db, &today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < overview->items->len; i++)
    {
      DtAttentionItem *item = g_ptr_array_index (overview->items, i);

      if (item->kind != DT_ATTENTION_REPORT)
        continue;
      g_assert_false (found);
      found = TRUE;
      g_assert_cmpstr (item->code, ==, "KH-2025");
      g_assert_cmpstr (item->date, ==, "2025-06-15");
      g_assert_cmpstr (item->period, ==, "2025-H1");
      g_assert_cmpint (item->days, ==, 14);
    }
  g_assert_true (found);
}

/* This year's petitions by field as of today: largest first, ties by name; duplicates, other
 * years and petitions received after today left out; those without a field counted apart. */
static void
test_by_field (DtTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(DtOverview) overview = NULL;
  g_autoptr(GError) error = NULL;
  GDate today = day ("2025-06-01");
  const struct { const char *name; guint count; } expected[] = {
    { "Giao thông", 3 }, { NULL, 2 }, { "Môi trường", 2 }, { "Đất đai", 2 },
  };
  DtNamedCount *count;

  build_office (fixture->db);
  add_petition (fixture->db, "2025-0007", "2025-05-02", NULL, NULL, NULL, NULL, NULL);
  add_petition (fixture->db, "2025-0008", "2025-05-03", NULL, NULL, NULL, NULL, NULL);
  add_petition (fixture->db, "2025-0009", "2025-05-04", "Môi trường", NULL, NULL, NULL, NULL);
  add_petition (fixture->db, "2025-0010", "2025-05-05", "Môi trường", NULL, NULL, NULL, NULL);
  /* Only duplicates of its field this year, and one received after today. */
  add_petition (fixture->db, "2025-0011", "2025-05-06", "Y tế", NULL, NULL, NULL, "2025-0003");
  add_petition (fixture->db, "2025-0012", "2025-06-02", "Y tế", NULL, NULL, NULL, NULL);

  overview = dt_overview_compute (fixture->db, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overview->by_field->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      count = g_ptr_array_index (overview->by_field, i);
      g_assert_cmpstr (count->name, ==, expected[i].name);
      g_assert_cmpuint (count->count, ==, expected[i].count);
    }
  g_assert_cmpuint (overview->petitions.total, ==, 9);
  g_assert_cmpuint (overview->petitions.duplicates, ==, 2);
}

static void
test_empty_database (DtTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(DtOverview) overview = NULL;
  g_autoptr(GError) error = NULL;
  GDate today = day ("2026-03-02");

  overview = dt_overview_compute (fixture->db, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overview->items->len, ==, 0);
  g_assert_cmpuint (overview->sessions_planned, ==, 0);
  g_assert_cmpuint (overview->petitions.total, ==, 0);
  g_assert_cmpuint (overview->by_field->len, ==, 0);
}

/* A petition resolved after the day asked about was still open that day: overdue then, and
 * counted (its rows come from another index than those never resolved). */
static void
test_resolved_later (DtTestFixture *fixture,
                     gconstpointer  data)
{
  const char * const days[] = { "2025-05-01", "2025-05-12" };
  const guint overdue[] = { 4, 3 };

  build_office (fixture->db);
  add_petition (fixture->db, "2025-0007", "2025-03-20", "Giao thông", "UBND xã", "2025-04-20",
                "2025-05-10", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(DtOverview) overview = NULL;
      g_autoptr(GError) error = NULL;
      GDate today = day (days[i]);
      DtAttentionItem *item;

      overview = dt_overview_compute (fixture->db, &today, &error);
      g_assert_no_error (error);
      item = g_ptr_array_index (overview->items, 0);
      g_assert_cmpint (item->kind, ==, DT_ATTENTION_OVERDUE);
      g_assert_cmpstr (item->name, ==, "UBND xã");
      g_assert_cmpuint (item->count, ==, overdue[i]);
    }
}

/* Every figure of OVERVIEW, and each item's kind, code, name and count, in one string. */
static char *
overview_text (const DtOverview *overview)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%d %u %u %u %u %u %u / %u %u %u %u / %u %u /",
                          overview->year, overview->sessions_planned, overview->sessions_held,
                          overview->dialogues_held, overview->sessions_to_come,
                          overview->sessions_postponed, overview->sessions_cancelled,
                          overview->petitions.total, overview->petitions.overdue,
                          overview->petitions.duplicates, overview->petitions.resolved_late,
                          overview->overdue, overview->due_soon);
  for (guint i = 0; i < DT_N_STATUSES; i++)
    g_string_append_printf (text, " %u", overview->petitions.by_status[i]);
  for (guint i = 0; i < overview->by_field->len; i++)
    {
      DtNamedCount *count = g_ptr_array_index (overview->by_field, i);

      g_string_append_printf (text, " %s=%u", count->name, count->count);
    }
  for (guint i = 0; i < overview->items->len; i++)
    {
      DtAttentionItem *item = g_ptr_array_index (overview->items, i);

      g_string_append_printf (text, "\n%d %s %s %u %d", item->kind, item->code, item->name,
                              item->count, item->days);
    }
  return g_string_free (text, FALSE);
}

/* What the overview tab shows first (what needs attention) and what it adds once the window
 * is painted (this year's progress, computed apart) are, together, what one computation
 * gives. */
static void
test_parts (DtTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(DtOverview) whole = NULL;
  g_autoptr(DtOverview) parts = NULL;
  g_autoptr(DtOverview) progress = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *whole_text = NULL;
  g_autofree char *parts_text = NULL;
  GDate today = day ("2025-06-01");

  build_office (fixture->db);
  add_petition (fixture->db, "2025-0007", "2025-05-02", "Môi trường", NULL, NULL, NULL, NULL);
  whole = dt_overview_compute (fixture->db, &today, &error);
  g_assert_no_error (error);
  g_assert_true (whole->has_progress);

  parts = dt_overview_compute_attention (fixture->db, &today, &error);
  g_assert_no_error (error);
  g_assert_false (parts->has_progress);
  g_assert_cmpuint (parts->items->len, ==, whole->items->len);
  g_assert_cmpuint (parts->items->len, >, 0);
  g_assert_cmpuint (parts->overdue, ==, whole->overdue);
  g_assert_cmpuint (parts->petitions.total, ==, 0);
  g_assert_cmpuint (parts->by_field->len, ==, 0);

  /* The progress cannot be read: nothing is given. */
  _dt_database_exec (fixture->db, "ALTER TABLE fields RENAME TO fields_gone", &error);
  g_assert_no_error (error);
  g_assert_null (dt_overview_compute_progress (fixture->db, &today, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  _dt_database_exec (fixture->db, "ALTER TABLE fields_gone RENAME TO fields", &error);
  g_assert_no_error (error);

  progress = dt_overview_compute_progress (fixture->db, &today, &error);
  g_assert_no_error (error);
  g_assert_true (progress->has_progress);
  g_assert_cmpuint (progress->items->len, ==, 0);
  dt_overview_add_progress (parts, progress);
  g_assert_true (parts->has_progress);
  whole_text = overview_text (whole);
  parts_text = overview_text (parts);
  g_assert_cmpstr (parts_text, ==, whole_text);
  g_assert_cmpuint (parts->petitions.total, >, 0);
  g_assert_cmpuint (parts->by_field->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/core/attention/today", test_attention_today);
  DT_TEST_ADD ("/core/attention/reports-due", test_reports_due);
  DT_TEST_ADD ("/core/attention/parts", test_parts);
  DT_TEST_ADD ("/core/attention/by-field", test_by_field);
  DT_TEST_ADD ("/core/attention/empty-database", test_empty_database);
  DT_TEST_ADD ("/core/attention/resolved-later", test_resolved_later);

  return g_test_run ();
}
