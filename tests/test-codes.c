/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "dt-codes.h"
#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-test-util.h"

static void
add_petition (DtTestFixture *fixture,
              const char    *code,
              const char    *received)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _dt_database_prepare (fixture->db,
                                             "INSERT INTO petitions (code, received, channel) "
                                             "VALUES (?1, ?2, 'written')", &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, received, -1, SQLITE_TRANSIENT);
  g_assert_true (_dt_database_step_done (fixture->db, stmt, &error));
  g_assert_no_error (error);
}

static void
add_session (DtTestFixture *fixture,
             const char    *code,
             const char    *kind,
             const char    *date)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _dt_database_prepare (fixture->db,
                                             "INSERT INTO sessions (code, kind, date, status) "
                                             "VALUES (?1, ?2, ?3, 'planned')", &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
  g_assert_true (_dt_database_step_done (fixture->db, stmt, &error));
  g_assert_no_error (error);
}

static void
add_plan (DtTestFixture *fixture,
          const char    *code,
          int            year)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _dt_database_prepare (fixture->db,
                                             "INSERT INTO plans (code, year) VALUES (?1, ?2)",
                                             &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  g_assert_true (_dt_database_step_done (fixture->db, stmt, &error));
  g_assert_no_error (error);
}

#define ASSERT_NEXT(call, expected) \
  G_STMT_START { \
    g_autoptr(GError) next_error = NULL; \
    g_autofree char *next = call; \
    g_assert_no_error (next_error); \
    g_assert_cmpstr (next, ==, expected); \
  } G_STMT_END

#define PETITION(year) dt_petition_next_code (fixture->db, year, &next_error)
#define SESSION(kind, year) dt_session_next_code (fixture->db, kind, year, &next_error)
#define PLAN(year) dt_plan_next_code (fixture->db, year, &next_error)

static void
test_empty (DtTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  ASSERT_NEXT (PETITION (2026), "2026-0001");
  ASSERT_NEXT (SESSION ("dialogue", 2026), "HN-2026-01");
  ASSERT_NEXT (SESSION ("reception", 2026), "TD-2026-01");
  ASSERT_NEXT (SESSION ("contact", 2026), "TX-2026-01");
  ASSERT_NEXT (PLAN (2026), "KH-2026");
  ASSERT_NEXT (PETITION (1900), "1900-0001");

  code = dt_session_next_code (fixture->db, "party", 2026, &error);
  g_assert_null (code);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "party"));
}

static void
test_after_inserts (DtTestFixture *fixture,
                    gconstpointer  data)
{
  add_petition (fixture, "2026-0001", "2026-01-05");
  ASSERT_NEXT (PETITION (2026), "2026-0002");
  add_petition (fixture, "2026-0002", "2026-01-06");
  add_petition (fixture, "2026-0003", "2026-01-06");
  ASSERT_NEXT (PETITION (2026), "2026-0004");

  /* The demo numbers a year's sessions in one run across kinds; each kind goes on from its
   * own highest. */
  add_session (fixture, "HN-2026-01", "dialogue", "2026-04-10");
  add_session (fixture, "HN-2026-02", "dialogue", "2026-07-10");
  add_session (fixture, "TD-2026-03", "reception", "2026-03-20");
  ASSERT_NEXT (SESSION ("dialogue", 2026), "HN-2026-03");
  ASSERT_NEXT (SESSION ("reception", 2026), "TD-2026-04");
  ASSERT_NEXT (SESSION ("contact", 2026), "TX-2026-01");

  /* A second plan in a year. */
  add_plan (fixture, "KH-2026", 2026);
  ASSERT_NEXT (PLAN (2026), "KH-2026-2");
  add_plan (fixture, "KH-2026-2", 2026);
  ASSERT_NEXT (PLAN (2026), "KH-2026-3");
}

static void
test_gaps (DtTestFixture *fixture,
           gconstpointer  data)
{
  /* A deleted code is not given again: it may be written on paper somewhere. */
  add_petition (fixture, "2026-0001", "2026-01-05");
  add_petition (fixture, "2026-0007", "2026-02-05");
  add_petition (fixture, "2026-0003", "2026-03-05");
  ASSERT_NEXT (PETITION (2026), "2026-0008");

  add_session (fixture, "HN-2026-09", "dialogue", "2026-04-10");
  ASSERT_NEXT (SESSION ("dialogue", 2026), "HN-2026-10");

  /* More numbers than the padding holds. */
  add_petition (fixture, "2026-9999", "2026-03-06");
  ASSERT_NEXT (PETITION (2026), "2026-10000");
}

static void
test_office_pattern (DtTestFixture *fixture,
                     gconstpointer  data)
{
  add_petition (fixture, "YK-2026-003", "2026-01-05");
  add_petition (fixture, "YK-2026-007", "2026-02-05");
  ASSERT_NEXT (PETITION (2026), "YK-2026-008");

  add_session (fixture, "ĐT/2026/1", "dialogue", "2026-04-10");
  ASSERT_NEXT (SESSION ("dialogue", 2026), "ĐT/2026/2");

  add_plan (fixture, "KHĐT-2026", 2026);
  ASSERT_NEXT (PLAN (2026), "KHĐT-2026-2");

  /* Last year's pattern, numbered afresh, for a year with nothing yet. */
  ASSERT_NEXT (PETITION (2027), "YK-2027-001");
  ASSERT_NEXT (SESSION ("dialogue", 2027), "ĐT/2027/1");
  ASSERT_NEXT (PLAN (2027), "KHĐT-2027");
}

static void
test_other_years (DtTestFixture *fixture,
                  gconstpointer  data)
{
  add_petition (fixture, "2025-0042", "2025-12-30");
  add_petition (fixture, "2027-0003", "2027-01-04");
  /* Numbers that only look like the year are not it. */
  add_petition (fixture, "X-20261-0090", "2026-01-04");
  add_petition (fixture, "2026", "2026-01-04");
  ASSERT_NEXT (PETITION (2026), "2026-0001");
  ASSERT_NEXT (PETITION (2025), "2025-0043");
  /* Only the year just before lends its pattern: 2024 starts from the default. */
  ASSERT_NEXT (PETITION (2024), "2024-0001");

  add_session (fixture, "HN-2025-05", "dialogue", "2025-10-10");
  add_session (fixture, "TD-2026-02", "reception", "2026-03-10");
  ASSERT_NEXT (SESSION ("dialogue", 2026), "HN-2026-01");
  ASSERT_NEXT (SESSION ("reception", 2025), "TD-2025-01");

  add_plan (fixture, "KH-2025", 2025);
  add_plan (fixture, "KH-2025-2", 2025);
  ASSERT_NEXT (PLAN (2026), "KH-2026");
  ASSERT_NEXT (PLAN (2025), "KH-2025-3");
}

static void
test_never_existing (DtTestFixture *fixture,
                     gconstpointer  data)
{
  /* A reception day filed under a dialogue's code: the next dialogue steps over it. */
  add_session (fixture, "HN-2026-01", "dialogue", "2026-04-10");
  add_session (fixture, "HN-2026-02", "reception", "2026-05-10");
  add_session (fixture, "HN-2026-03", "reception", "2026-06-10");
  ASSERT_NEXT (SESSION ("dialogue", 2026), "HN-2026-04");

  /* And a first reception day of the year would be its default, which a dialogue holds. */
  add_session (fixture, "TD-2030-01", "dialogue", "2030-04-10");
  ASSERT_NEXT (SESSION ("reception", 2030), "TD-2030-02");
}

static void
test_patterns_side_by_side (DtTestFixture *fixture,
                            gconstpointer  data)
{
  /* The highest serial of the year whatever its pattern; the latest record wins a tie. */
  add_petition (fixture, "A-2026-0003", "2026-01-05");
  add_petition (fixture, "B-2026-0010", "2026-01-06");
  add_petition (fixture, "2026-0004", "2026-01-07");
  ASSERT_NEXT (PETITION (2026), "B-2026-0011");
  add_petition (fixture, "KN-Đ-2026-10", "2026-01-08");
  ASSERT_NEXT (PETITION (2026), "KN-Đ-2026-11");

  /* Widths differ within a pattern: the value counts, not the text. */
  add_petition (fixture, "2025-99", "2025-03-01");
  add_petition (fixture, "2025-0100", "2025-03-02");
  add_petition (fixture, "2025-7", "2025-03-03");
  ASSERT_NEXT (PETITION (2025), "2025-0101");

  /* Last year's lowest serial lends its pattern; of two, the latest record's. */
  add_petition (fixture, "X-2030-01", "2030-01-05");
  add_petition (fixture, "Y-2030-001", "2030-01-06");
  add_petition (fixture, "Z-2030-002", "2030-01-07");
  ASSERT_NEXT (PETITION (2031), "Y-2031-001");
}

static void
test_not_serials (DtTestFixture *fixture,
                  gconstpointer  data)
{
  /* More than nine digits at the end are some other number, even with leading zeros; no
   * digits at the end is no serial. */
  add_petition (fixture, "2026-1234567890", "2026-01-05");
  add_petition (fixture, "2026-0000000001", "2026-01-05");
  add_petition (fixture, "HS-2026", "2026-01-05");
  add_petition (fixture, "2026-ABC", "2026-01-05");
  ASSERT_NEXT (PETITION (2026), "2026-0001");
  add_petition (fixture, "2026-000000042", "2026-01-06");
  ASSERT_NEXT (PETITION (2026), "2026-000000043");

  /* The year glued to the serial is one number, not the year. */
  add_petition (fixture, "20400001", "2040-01-05");
  ASSERT_NEXT (PETITION (2040), "2040-0001");
  /* The year at the very start, the serial after text. */
  add_petition (fixture, "2050/TN/5", "2050-01-05");
  ASSERT_NEXT (PETITION (2050), "2050/TN/6");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/core/codes/empty", test_empty);
  DT_TEST_ADD ("/core/codes/after-inserts", test_after_inserts);
  DT_TEST_ADD ("/core/codes/gaps", test_gaps);
  DT_TEST_ADD ("/core/codes/office-pattern", test_office_pattern);
  DT_TEST_ADD ("/core/codes/other-years", test_other_years);
  DT_TEST_ADD ("/core/codes/never-existing", test_never_existing);
  DT_TEST_ADD ("/core/codes/patterns-side-by-side", test_patterns_side_by_side);
  DT_TEST_ADD ("/core/codes/not-serials", test_not_serials);

  return g_test_run ();
}
