/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-followup.h"
#include "dt-status.h"
#include "dt-test-util.h"
#include "dt-util.h"

static void
add (DtTestFixture *fixture,
     const char    *code,
     const char    *received)
{
  g_autoptr(DtPetition) petition = dt_petition_new ();
  g_autoptr(GError) error = NULL;

  petition->code = g_strdup (code);
  petition->received = g_strdup (received);
  petition->channel = g_strdup ("front");
  petition->summary = g_strdup ("Đề nghị sửa đường");
  g_assert_cmpint (dt_petition_insert (fixture->db, petition, &error), >, 0);
  g_assert_no_error (error);
}

static DtPetition *
load (DtTestFixture *fixture,
      const char    *code)
{
  g_autoptr(GError) error = NULL;
  DtPetition *petition = dt_petition_load (fixture->db, code, &error);

  g_assert_no_error (error);
  return petition;
}

/* The assign dialog shows the deadline before anything is saved: 30 working days, 30/4 and
 * 1/5 off. */
static void
test_followup_deadline_for (DtTestFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deadline = dt_petition_deadline_for (fixture->db, "2025-04-22", &error);
  g_autoptr(DtUnit) unit = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (deadline, ==, "2025-06-05");
  g_clear_pointer (&deadline, g_free);

  g_assert_null (dt_petition_deadline_for (fixture->db, "22/4/2025", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);

  /* The unit's rule, as the secretary set it. */
  unit = dt_unit_load (fixture->db, &error);
  unit->answer_working_days = 10;
  g_assert_true (dt_unit_save (fixture->db, unit, &error));
  g_assert_no_error (error);
  deadline = dt_petition_deadline_for (fixture->db, "2025-04-22", &error);
  g_assert_cmpstr (deadline, ==, "2025-05-08");
}

static void
test_followup_resolve_and_inform (DtTestFixture *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtPetition) petition = NULL;

  add (fixture, "2025-0001", "2025-04-15");
  g_assert_true (dt_petition_assign (fixture->db, "2025-0001", "UBND xã", "2025-04-22", NULL,
                                     &error));

  /* Told before it was resolved: refused, and the resolution with it. */
  g_assert_false (dt_petition_resolve_and_inform (fixture->db, "2025-0001", "2025-05-20",
                                                  "Đã sửa xong", "2025-05-19", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_cmpstr (dt_error_get_field (error), ==, "informed_date");
  g_clear_error (&error);
  petition = load (fixture, "2025-0001");
  g_assert_null (petition->resolved_date);
  g_clear_pointer (&petition, dt_petition_free);

  g_assert_true (dt_petition_resolve_and_inform (fixture->db, "2025-0001", "2025-05-20",
                                                 "Đã sửa xong", "2025-05-22", &error));
  g_assert_no_error (error);
  petition = load (fixture, "2025-0001");
  g_assert_cmpstr (petition->resolved_date, ==, "2025-05-20");
  g_assert_cmpstr (petition->result, ==, "Đã sửa xong");
  g_assert_cmpstr (petition->informed_date, ==, "2025-05-22");
  g_clear_pointer (&petition, dt_petition_free);

  /* Not yet told: left empty. */
  add (fixture, "2025-0002", "2025-04-15");
  g_assert_true (dt_petition_assign (fixture->db, "2025-0002", "UBND xã", "2025-04-22", NULL,
                                     &error));
  g_assert_true (dt_petition_resolve_and_inform (fixture->db, "2025-0002", "2025-05-20",
                                                 NULL, NULL, &error));
  g_assert_no_error (error);
  petition = load (fixture, "2025-0002");
  g_assert_cmpstr (petition->resolved_date, ==, "2025-05-20");
  g_assert_null (petition->informed_date);
}

/* Several at once, all or none. */
static void
test_followup_many (DtTestFixture *fixture,
                    gconstpointer  data)
{
  const char * const codes[] = { "2025-0001", "2025-0002", "2025-0003", NULL };
  const char * const with_closed[] = { "2025-0001", "2025-0004", NULL };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; codes[i] != NULL; i++)
    add (fixture, codes[i], "2025-04-15");
  add (fixture, "2025-0004", "2025-04-15");
  g_assert_true (dt_petition_withdraw (fixture->db, "2025-0004", "2025-04-16", &error));

  g_assert_true (dt_petitions_assign (fixture->db, codes, "UBND xã", "2025-04-22", NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(DtPetition) petition = load (fixture, codes[i]);
      g_assert_cmpstr (petition->assigned_to, ==, "UBND xã");
      g_assert_cmpstr (petition->assigned_date, ==, "2025-04-22");
    }

  g_assert_true (dt_petitions_add_event (fixture->db, codes, "2025-05-10", "Nhắc nhở lần 1",
                                         "05-CV/ĐU", &error));
  g_assert_no_error (error);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(DtPetition) petition = load (fixture, codes[i]);
      DtPetitionEvent *event;

      g_assert_cmpuint (petition->events->len, ==, 1);
      event = g_ptr_array_index (petition->events, 0);
      g_assert_cmpstr (event->text, ==, "Nhắc nhở lần 1");
      g_assert_cmpstr (event->number, ==, "05-CV/ĐU");
    }

  /* The withdrawn one refuses: the first is left as it was. */
  g_assert_false (dt_petitions_assign (fixture->db, with_closed, "Công an xã", "2025-04-23", NULL,
                                       &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025-0004"));
  g_clear_error (&error);
  {
    g_autoptr(DtPetition) petition = load (fixture, "2025-0001");
    g_assert_cmpstr (petition->assigned_to, ==, "UBND xã");
  }
  g_assert_false (dt_petitions_add_event (fixture->db, with_closed, "2025-04-01", "Trước khi nhận",
                                          NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(DtPetition) petition = load (fixture, "2025-0001");
    g_assert_cmpuint (petition->events->len, ==, 1);
  }
}

static void
test_followup_timeline (DtTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtPetition) petition = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  static const DtTimelineKind kinds[] = {
    DT_TIMELINE_RECEIVED, DT_TIMELINE_ASSIGNED, DT_TIMELINE_EVENT, DT_TIMELINE_ESCALATED,
    DT_TIMELINE_EVENT, DT_TIMELINE_RESOLVED, DT_TIMELINE_INFORMED,
  };

  add (fixture, "2025-0001", "2025-04-15");
  g_assert_true (dt_petition_assign (fixture->db, "2025-0001", "UBND xã", "2025-04-22",
                                     "2025-05-30", &error));
  g_assert_true (dt_petition_add_event (fixture->db, "2025-0001", "2025-06-20", "Huyện trả lời",
                                        "12/UBND", &error));
  g_assert_true (dt_petition_add_event (fixture->db, "2025-0001", "2025-05-10", "Nhắc nhở",
                                        NULL, &error));
  g_assert_true (dt_petition_escalate (fixture->db, "2025-0001", "UBND huyện", "08-CV/ĐU",
                                       "2025-06-02", &error));
  g_assert_true (dt_petition_resolve_and_inform (fixture->db, "2025-0001", "2025-06-25",
                                                 "Đã sửa", "2025-06-25", &error));
  g_assert_no_error (error);

  petition = load (fixture, "2025-0001");
  timeline = dt_petition_timeline (petition);
  g_assert_cmpuint (timeline->len, ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < timeline->len; i++)
    {
      DtTimelineEntry *entry = g_ptr_array_index (timeline, i);

      g_assert_cmpint (entry->kind, ==, kinds[i]);
      if (i > 0)
        g_assert_cmpstr (((DtTimelineEntry *) g_ptr_array_index (timeline, i - 1))->date, <=,
                         entry->date);
    }
  {
    DtTimelineEntry *received = g_ptr_array_index (timeline, 0);
    DtTimelineEntry *assigned = g_ptr_array_index (timeline, 1);
    DtTimelineEntry *reminder = g_ptr_array_index (timeline, 2);
    DtTimelineEntry *escalated = g_ptr_array_index (timeline, 3);
    DtTimelineEntry *reply = g_ptr_array_index (timeline, 4);
    DtTimelineEntry *resolved = g_ptr_array_index (timeline, 5);

    g_assert_cmpstr (received->text, ==, "Received: Through the Front and mass organisations");
    g_assert_cmpstr (assigned->text, ==, "Assigned to UBND xã");
    g_assert_cmpstr (assigned->detail, ==, "Deadline set to 30/05/2025");
    g_assert_cmpstr (reminder->text, ==, "Nhắc nhở");
    g_assert_null (reminder->detail);
    g_assert_cmpstr (escalated->text, ==, "Sent on to UBND huyện");
    g_assert_cmpstr (escalated->detail, ==, "Dispatch 08-CV/ĐU");
    g_assert_cmpstr (reply->detail, ==, "Document 12/UBND");
    g_assert_cmpstr (resolved->detail, ==, "Đã sửa");
  }
}

static void
test_followup_history (DtTestFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(DtPetition) petition = NULL;
  DtHistoryEntry *entry;

  add (fixture, "2025-0001", "2025-04-15");
  add (fixture, "2025-0002", "2025-04-15");
  g_assert_true (dt_petition_assign (fixture->db, "2025-0001", "UBND xã", "2025-04-22", NULL,
                                     &error));
  g_assert_true (dt_petition_add_event (fixture->db, "2025-0001", "2025-05-10", "Nhắc nhở",
                                        NULL, &error));
  g_assert_true (dt_petition_assign (fixture->db, "2025-0002", "UBND xã", "2025-04-22", NULL,
                                     &error));
  g_assert_no_error (error);

  petition = load (fixture, "2025-0001");
  history = dt_petition_history (fixture->db, petition->id, 50, &error);
  g_assert_no_error (error);
  /* Newest first: the reminder (the revision of the row, the event), the assignment, the
   * insert — and nothing of the other petition. */
  g_assert_cmpuint (history->len, ==, 4);
  entry = g_ptr_array_index (history, 0);
  g_assert_cmpstr (entry->text, ==, "Petition changed");
  entry = g_ptr_array_index (history, 1);
  g_assert_cmpstr (entry->action, ==, "insert");
  g_assert_cmpstr (entry->text, ==, "Event recorded");
  entry = g_ptr_array_index (history, history->len - 1);
  g_assert_cmpstr (entry->action, ==, "insert");
  g_assert_cmpstr (entry->text, ==, "Petition recorded");
  g_assert_nonnull (entry->time);
  g_assert_nonnull (entry->actor);
  entry = g_ptr_array_index (history, history->len - 2);
  g_assert_cmpstr (entry->text, ==, "Petition changed");

  g_clear_pointer (&history, g_ptr_array_unref);
  history = dt_petition_history (fixture->db, petition->id, 2, &error);
  g_assert_cmpuint (history->len, ==, 2);
}

static DtAgencyLoad *
load_of (GPtrArray  *loads,
         const char *agency)
{
  for (guint i = 0; i < loads->len; i++)
    {
      DtAgencyLoad *load = g_ptr_array_index (loads, i);

      if (g_strcmp0 (load->agency, agency) == 0)
        return load;
    }
  g_assert_not_reached ();
}

/* "Everything UBND xã still owes", as of a day. */
static void
test_followup_agency_loads (DtTestFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) loads = NULL;
  DtAgencyLoad *load;
  GDate as_of;

  g_assert_true (dt_list_add (fixture->db, DT_LIST_AGENCIES, "UBND xã", &error));
  g_assert_true (dt_list_add (fixture->db, DT_LIST_AGENCIES, "Công an xã", &error));
  g_assert_true (dt_list_add (fixture->db, DT_LIST_AGENCIES, "Hội Nông dân xã", &error));
  for (guint i = 1; i <= 8; i++)
    {
      g_autofree char *code = g_strdup_printf ("2025-%04u", i);
      add (fixture, code, "2025-04-15");
    }
  /* 1: overdue on 10/6 (deadline 5/6); 2: due 12/6, within 7 days; 3: due later; 4: resolved;
   * 5: Công an xã, escalated; 6, 7: not assigned; 8: a duplicate of 6. */
  g_assert_true (dt_petition_assign (fixture->db, "2025-0001", "UBND xã", "2025-04-22", NULL,
                                     &error));
  g_assert_true (dt_petition_assign (fixture->db, "2025-0002", "UBND xã", "2025-04-22",
                                     "2025-06-12", &error));
  g_assert_true (dt_petition_assign (fixture->db, "2025-0003", "UBND xã", "2025-05-20", NULL,
                                     &error));
  g_assert_true (dt_petition_assign (fixture->db, "2025-0004", "UBND xã", "2025-04-22", NULL,
                                     &error));
  g_assert_true (dt_petition_resolve (fixture->db, "2025-0004", "2025-05-02", NULL, &error));
  g_assert_true (dt_petition_assign (fixture->db, "2025-0005", "Công an xã", "2025-04-22", NULL,
                                     &error));
  g_assert_true (dt_petition_escalate (fixture->db, "2025-0005", "Công an huyện", NULL,
                                       "2025-04-25", &error));
  g_assert_true (dt_petition_mark_duplicate (fixture->db, "2025-0008", "2025-0006", &error));
  g_assert_no_error (error);

  g_date_set_dmy (&as_of, 10, 6, 2025);
  loads = dt_followup_agency_loads (fixture->db, &as_of, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loads->len, ==, 4);
  g_assert_cmpstr (((DtAgencyLoad *) g_ptr_array_index (loads, 0))->agency, ==, "UBND xã");
  g_assert_null (((DtAgencyLoad *) g_ptr_array_index (loads, 3))->agency);

  load = load_of (loads, "UBND xã");
  g_assert_cmpuint (load->open, ==, 3);
  g_assert_cmpuint (load->overdue, ==, 1);
  g_assert_cmpuint (load->due_soon, ==, 1);
  load = load_of (loads, "Công an xã");
  g_assert_cmpuint (load->open, ==, 1);
  g_assert_cmpuint (load->overdue, ==, 0);
  load = load_of (loads, "Hội Nông dân xã");
  g_assert_cmpuint (load->open, ==, 0);
  load = load_of (loads, NULL);
  g_assert_cmpuint (load->open, ==, 2);

  /* Before any of it was assigned, everything is waiting for an agency. */
  g_clear_pointer (&loads, g_ptr_array_unref);
  g_date_set_dmy (&as_of, 20, 4, 2025);
  loads = dt_followup_agency_loads (fixture->db, &as_of, 7, &error);
  g_assert_cmpuint (load_of (loads, "UBND xã")->open, ==, 0);
  g_assert_cmpuint (load_of (loads, NULL)->open, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/core/followup/deadline-for", test_followup_deadline_for);
  DT_TEST_ADD ("/core/followup/resolve-and-inform", test_followup_resolve_and_inform);
  DT_TEST_ADD ("/core/followup/many", test_followup_many);
  DT_TEST_ADD ("/core/followup/timeline", test_followup_timeline);
  DT_TEST_ADD ("/core/followup/history", test_followup_history);
  DT_TEST_ADD ("/core/followup/agency-loads", test_followup_agency_loads);

  return g_test_run ();
}
