/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <jansson.h>

#include "dt-error.h"
#include "dt-exchange.h"
#include "dt-records.h"
#include "dt-test-util.h"

static char *
read_fixture (void)
{
  g_autofree char *path = dt_test_data_path ("full.json");
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static char *
export (DtDatabase *db)
{
  g_autoptr(GError) error = NULL;
  char *text = dt_exchange_export_string (db, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static gboolean
import (DtDatabase  *db,
        const char  *text,
        gboolean     replace,
        GError     **error)
{
  return dt_exchange_import_data (db, text, strlen (text), "test.json", replace, NULL, error);
}

static void
test_round_trip (DtTestFixture *fixture,
                 gconstpointer  data)
{
  g_autofree char *fixture_text = read_fixture ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.sqlite", NULL);
  g_autoptr(DtDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  json_t *expected;
  json_t *exported;

  g_assert_true (import (fixture->db, fixture_text, FALSE, &error));
  g_assert_no_error (error);
  first = export (fixture->db);

  /* Every field of the document came back: the export equals the document, key for key. */
  expected = json_loads (fixture_text, 0, NULL);
  exported = json_loads (first, 0, NULL);
  g_assert_nonnull (exported);
  if (!json_equal (expected, exported))
    g_error ("The export differs from the imported document:\n%s", first);
  json_decref (expected);
  json_decref (exported);

  /* Export → import → export gives an identical document, byte for byte. */
  other = dt_database_open (other_path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (import (other, first, FALSE, &error));
  g_assert_no_error (error);
  second = export (other);
  g_assert_cmpstr (first, ==, second);
}

static void
test_export_file (DtTestFixture *fixture,
                  gconstpointer  data)
{
  g_autofree char *fixture_text = read_fixture ();
  g_autofree char *folder = g_build_filename (fixture->dir, "Dữ liệu", NULL);
  g_autofree char *path = g_build_filename (folder, "xuất.json", NULL);
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  g_autofree char *written = NULL;
  g_autofree char *in_memory = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (import (fixture->db, fixture_text, FALSE, &error));
  g_assert_true (dt_exchange_export_file (fixture->db, path, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  in_memory = export (fixture->db);
  g_assert_cmpstr (written, ==, in_memory);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
}

static void
test_mask_confidential (DtTestFixture *fixture,
                        gconstpointer  data)
{
  g_autofree char *fixture_text = read_fixture ();
  g_autofree char *masked = NULL;
  g_autoptr(GError) error = NULL;

  g_autoptr(DtPetition) petition = NULL;

  g_assert_true (import (fixture->db, fixture_text, FALSE, &error));
  /* The secretary wrote the name into the content and the log too. */
  petition = dt_petition_load (fixture->db, "2025-0001", &error);
  g_free (petition->content);
  petition->content = g_strdup ("Bà Trần Thị Bình trình bày: hồ sơ nộp từ năm 2023.");
  g_ptr_array_add (petition->events,
                   dt_petition_event_new ("2025-06-01", "Đã gọi điện cho bà Trần Thị Bình", NULL));
  g_assert_true (dt_petition_update (fixture->db, petition, &error));

  masked = dt_exchange_export_string (fixture->db, TRUE, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (masked, "Trần Thị Bình"));
  g_assert_nonnull (strstr (masked, "Bà (bảo mật) trình bày"));
  g_assert_null (strstr (masked, "Thôn Đông, xã Thạch Lạc"));
  g_assert_nonnull (strstr (masked, "(bảo mật)"));
  /* Only the confidential one is hidden. */
  g_assert_nonnull (strstr (masked, "Phạm Văn Cường"));
}

typedef struct
{
  const char *name;
  const char *find;
  const char *replace;
  const char *message;   /* part of the message the secretary must see */
} BadDocument;

static const BadDocument bad_documents[] = {
  { "impossible-date", "\"resolved_date\": \"2025-05-30\"", "\"resolved_date\": \"2025-02-30\"",
    "2025-0001" },
  { "unknown-enumeration", "\"channel\": \"front\"", "\"channel\": \"fax\"", "fax" },
  { "missing-session", "\"session\": \"HN-2025-01\"", "\"session\": \"HN-2025-99\"",
    "HN-2025-99" },
  { "missing-original", "\"duplicate_of\": \"2025-0003\"", "\"duplicate_of\": \"2024-0001\"",
    "2024-0001" },
  { "wrong-version", "\"version\": 1", "\"version\": 2", "version 2" },
  { "wrong-format", "\"doithoai-exchange\"", "\"something-else\"", "format" },
  { "duplicated-code", "\"code\": \"2025-0002\"", "\"code\": \"2025-0001\"", "2025-0001" },
  { "wrong-type", "\"attendance\": 95", "\"attendance\": \"95\"", "attendance" },
  { "resolved-before-received", "\"resolved_date\": \"2025-05-30\"",
    "\"resolved_date\": \"2025-04-01\"", "Resolved date" },
  { "conclusion-before-session", "\"conclusion_date\": \"2025-04-22\"",
    "\"conclusion_date\": \"2025-04-01\"", "HN-2025-01" },
  { "duplicated-key", "\"version\": 1,", "\"version\": 1, \"version\": 1,", "line" },
  { "invalid-utf8", "Trần Thị Bình", "Tr\xe1\xba n", "line" },
  { "not-an-object", "{\n  \"format\"", "[{\n  \"format\"", "" },
};

static void
test_rejected (DtTestFixture *fixture,
               gconstpointer  data)
{
  const BadDocument *bad = data;
  g_autofree char *fixture_text = read_fixture ();
  g_autoptr(GString) document = g_string_new (fixture_text);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 audit_before;

  /* The database already holds something: it must come out exactly as it was. */
  g_assert_true (dt_list_add (fixture->db, DT_LIST_VILLAGES, "Thôn Yên Lạc", &error));
  before = export (fixture->db);
  audit_before = dt_database_count (fixture->db, "audit_log", NULL);

  g_assert_cmpuint (g_string_replace (document, bad->find, bad->replace, 1), ==, 1);
  g_assert_false (import (fixture->db, document->str, FALSE, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (dt_error_exit_status (error), ==, 2);
  if (strstr (error->message, bad->message) == NULL)
    g_error ("%s: “%s” should mention “%s”", bad->name, error->message, bad->message);

  after = export (fixture->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (dt_database_count (fixture->db, "audit_log", NULL), ==, audit_before);
  g_assert_cmpint (dt_database_count (fixture->db, "petitions", NULL), ==, 0);
}

static void
test_truncated (DtTestFixture *fixture,
                gconstpointer  data)
{
  g_autofree char *fixture_text = read_fixture ();
  gsize length = strlen (fixture_text);
  g_autoptr(GError) error = NULL;

  /* Cut anywhere (here: at 7 places), it is rejected with a line and column. */
  for (guint i = 1; i <= 7; i++)
    {
      gsize cut = length * i / 8;

      g_clear_error (&error);
      g_assert_false (dt_exchange_import_data (fixture->db, fixture_text, cut, "cut.json", FALSE,
                                               NULL, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "line"));
      g_assert_nonnull (strstr (error->message, "cut.json"));
    }
  g_assert_cmpint (dt_database_count (fixture->db, "plans", NULL), ==, 0);
  g_assert_cmpint (dt_database_count (fixture->db, "villages", NULL), ==, 0);
}

static void
test_minimal_document (DtTestFixture *fixture,
                       gconstpointer  data)
{
  const char *minimal = "{\"format\": \"doithoai-exchange\", \"version\": 1, \"extra\": 3}";
  const char *one = "{\"format\": \"doithoai-exchange\", \"version\": 1, \"petitions\": "
                    "[{\"code\": \"P-1\", \"received\": \"2025-01-02\", \"channel\": \"phone\", "
                    "\"summary\": \"Hỏi về chính sách\", \"unknown_key\": true}]}";
  g_autoptr(DtPetition) petition = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (import (fixture->db, minimal, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (import (fixture->db, one, FALSE, &error));
  g_assert_no_error (error);
  petition = dt_petition_load (fixture->db, "P-1", &error);
  g_assert_cmpstr (petition->channel, ==, "phone");
  g_assert_null (petition->petitioner);
  g_assert_false (petition->confidential);
}

static void
test_existing_codes (DtTestFixture *fixture,
                     gconstpointer  data)
{
  g_autofree char *fixture_text = read_fixture ();
  g_autoptr(GString) changed = g_string_new (fixture_text);
  g_autoptr(DtPetition) petition = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (import (fixture->db, fixture_text, FALSE, &error));
  before = export (fixture->db);

  /* Again without --replace: refused, nothing changed. */
  g_string_replace (changed, "Đã cấp giấy chứng nhận.", "Đã cấp giấy chứng nhận lần hai.", 1);
  g_assert_false (import (fixture->db, changed->str, FALSE, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "KH-2025"));
  g_clear_error (&error);
  after = export (fixture->db);
  g_assert_cmpstr (before, ==, after);

  /* With --replace: the records are replaced, not doubled. */
  g_assert_true (import (fixture->db, changed->str, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_count (fixture->db, "petitions", NULL), ==, 3);
  g_assert_cmpint (dt_database_count (fixture->db, "petition_events", NULL), ==, 2);
  petition = dt_petition_load (fixture->db, "2025-0001", &error);
  g_assert_cmpstr (petition->result, ==, "Đã cấp giấy chứng nhận lần hai.");
}

static void
test_nfc_import (DtTestFixture *fixture,
                 gconstpointer  data)
{
  /* Decomposed: "Thôn Đông" and "Nguyễn" with combining marks, escaped and raw. */
  const char *document =
    "{\"format\": \"doithoai-exchange\", \"version\": 1,"
    " \"villages\": [\"Tho\\u0302n \\u0110o\\u0302ng\"],"
    " \"petitions\": [{\"code\": \"P-2\", \"received\": \"2025-01-02\", \"channel\": \"direct\","
    " \"summary\": \"Ho\xcc\x89i\", \"petitioner\": \"Nguye\xcc\x82\xcc\x83n\","
    " \"village\": \"Th\xc3\xb4n \xc4\x90\xc3\xb4ng\"}]}";
  g_autoptr(DtPetition) petition = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) villages = NULL;

  g_assert_true (import (fixture->db, document, FALSE, &error));
  g_assert_no_error (error);
  petition = dt_petition_load (fixture->db, "P-2", &error);
  g_assert_cmpstr (petition->petitioner, ==, "Nguyễn");
  g_assert_cmpstr (petition->summary, ==, "Hỏi");
  /* The decomposed and the composed village are one and the same. */
  villages = dt_list_get (fixture->db, DT_LIST_VILLAGES, NULL);
  g_assert_cmpstrv (villages, ((const char *[]) { "Thôn Đông", NULL }));
}

static void
test_calendar_kept (DtTestFixture *fixture,
                    gconstpointer  data)
{
  const char *first = "{\"format\": \"doithoai-exchange\", \"version\": 1, \"calendar\": "
                      "[{\"year\": 2026, \"holidays\": [\"2026-02-16\"]}]}";
  const char *second = "{\"format\": \"doithoai-exchange\", \"version\": 1, \"calendar\": "
                       "[{\"year\": 2026}, {\"year\": 2027, \"holidays\": [\"2027-01-01\"]}]}";
  const char *twice = "{\"format\": \"doithoai-exchange\", \"version\": 1, \"calendar\": "
                      "[{\"year\": 2028}, {\"year\": 2028}]}";
  g_autoptr(GPtrArray) years = NULL;
  g_autoptr(GError) error = NULL;
  DtImportSummary summary;

  g_assert_true (import (fixture->db, first, FALSE, &error));
  /* Her 2026 stays without --replace; 2027 is new and taken. */
  g_assert_true (dt_exchange_import_data (fixture->db, second, strlen (second), "b.json", FALSE,
                                          &summary, &error));
  g_assert_cmpuint (summary.calendar_skipped, ==, 1);
  g_assert_cmpuint (summary.calendar_years, ==, 1);
  years = dt_calendar_list (fixture->db, &error);
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpstrv (((DtCalendarYear *) g_ptr_array_index (years, 0))->holidays,
                    ((const char *[]) { "2026-02-16", NULL }));
  g_clear_pointer (&years, g_ptr_array_unref);

  g_assert_true (import (fixture->db, second, TRUE, &error));
  years = dt_calendar_list (fixture->db, &error);
  g_assert_cmpuint (g_strv_length (((DtCalendarYear *) g_ptr_array_index (years, 0))->holidays),
                    ==, 0);

  g_assert_false (import (fixture->db, twice, FALSE, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2028"));
}

static void
test_where_and_bom (DtTestFixture *fixture,
                    gconstpointer  data)
{
  const char *no_code = "{\"format\": \"doithoai-exchange\", \"version\": 1, "
                        "\"plans\": [{\"code\": \"KH-1\", \"year\": 2025}, {\"year\": 2025}]}";
  const char *bom = "\xef\xbb\xbf{\"format\": \"doithoai-exchange\", \"version\": 1}";
  g_autoptr(GError) error = NULL;

  /* A record without a code is named by its place in the file. */
  g_assert_false (import (fixture->db, no_code, FALSE, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "plans[1]"));
  g_clear_error (&error);
  g_assert_cmpint (dt_database_count (fixture->db, "plans", NULL), ==, 0);

  /* As Notepad saves UTF-8. */
  g_assert_true (import (fixture->db, bom, FALSE, &error));
  g_assert_no_error (error);
}

static void
test_unit_kept (DtTestFixture *fixture,
                gconstpointer  data)
{
  g_autofree char *fixture_text = read_fixture ();
  g_autoptr(DtUnit) unit = dt_unit_new ();
  g_autoptr(DtUnit) back = NULL;
  g_autoptr(GError) error = NULL;
  DtImportSummary summary;

  unit->name = g_strdup ("ĐẢNG BỘ XÃ KHÁC");
  g_assert_true (dt_unit_save (fixture->db, unit, &error));
  g_assert_true (dt_exchange_import_data (fixture->db, fixture_text, strlen (fixture_text),
                                          "x.json", FALSE, &summary, &error));
  g_assert_true (summary.unit_skipped);
  g_assert_cmpuint (summary.petitions, ==, 3);
  back = dt_unit_load (fixture->db, &error);
  g_assert_cmpstr (back->name, ==, "ĐẢNG BỘ XÃ KHÁC");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add (path, DtTestFixture, data, dt_test_fixture_setup, func, dt_test_fixture_teardown)

  ADD ("/core/exchange/round-trip", NULL, test_round_trip);
  ADD ("/core/exchange/export-file", NULL, test_export_file);
  ADD ("/core/exchange/mask-confidential", NULL, test_mask_confidential);
  ADD ("/core/exchange/truncated", NULL, test_truncated);
  ADD ("/core/exchange/minimal-document", NULL, test_minimal_document);
  ADD ("/core/exchange/existing-codes", NULL, test_existing_codes);
  ADD ("/core/exchange/nfc", NULL, test_nfc_import);
  ADD ("/core/exchange/unit-kept", NULL, test_unit_kept);
  ADD ("/core/exchange/calendar-kept", NULL, test_calendar_kept);
  ADD ("/core/exchange/where-and-bom", NULL, test_where_and_bom);
  for (guint i = 0; i < G_N_ELEMENTS (bad_documents); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/exchange/rejected/%s", bad_documents[i].name);
      ADD (path, &bad_documents[i], test_rejected);
    }

  return g_test_run ();
}
