/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <jansson.h>
#include <gio/gio.h>
#ifdef G_OS_UNIX
# include <signal.h>
# include <sys/resource.h>
# include <sys/stat.h>
# include <unistd.h>
#endif

#include "dt-database-private.h"
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

#ifdef G_OS_UNIX
static void
add_villages (DtDatabase *db,
              guint       n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_dt_database_savepoint (db, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Thôn số %u, một cái tên khá dài cho đủ chỗ", i);
      g_assert_true (dt_list_add (db, DT_LIST_VILLAGES, name, &error));
    }
  g_assert_true (_dt_database_release (db, &error));
  g_assert_no_error (error);
}
#endif

static void
test_export_refuses_database (DtTestFixture *fixture,
                              gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *fixture_text = read_fixture ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (import (fixture->db, fixture_text, FALSE, &error));
  before = export (fixture->db);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *target = g_strconcat (fixture->path, suffixes[i], NULL);
      gboolean existed = g_file_test (target, G_FILE_TEST_EXISTS);

      g_assert_false (dt_exchange_export_file (fixture->db, target, FALSE, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_IO);
      g_assert_nonnull (strstr (error->message, target));
      g_clear_error (&error);
      g_assert_cmpint (g_file_test (target, G_FILE_TEST_EXISTS), ==, existed);
    }

  /* The same file under other names: another spelling, a linked folder, a hard link. */
  {
    g_autofree char *base = g_path_get_basename (fixture->path);
    g_autofree char *dotted = g_build_filename (fixture->dir, ".", base, NULL);

    g_assert_false (dt_exchange_export_file (fixture->db, dotted, FALSE, &error));
    g_assert_error (error, DT_ERROR, DT_ERROR_IO);
    g_clear_error (&error);
#ifdef G_OS_UNIX
    {
      g_autofree char *linked = g_build_filename (fixture->dir, "link", NULL);
      g_autofree char *through = g_build_filename (linked, base, NULL);
      g_autofree char *wal = g_strconcat (through, "-wal", NULL);
      g_autofree char *hard = g_build_filename (fixture->dir, "hard.sqlite", NULL);

      g_assert_cmpint (symlink (fixture->dir, linked), ==, 0);
      g_assert_false (dt_exchange_export_file (fixture->db, through, FALSE, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_IO);
      g_clear_error (&error);
      g_assert_false (dt_exchange_export_file (fixture->db, wal, FALSE, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_IO);
      g_clear_error (&error);
      g_assert_cmpint (link (fixture->path, hard), ==, 0);
      g_assert_false (dt_exchange_export_file (fixture->db, hard, FALSE, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_IO);
      g_clear_error (&error);
    }
#endif
  }

  /* The database is whole and still a database. */
  g_clear_object (&fixture->db);
  fixture->db = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  after = export (fixture->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (dt_test_count_files (fixture->dir, ".part"), ==, 0);
}

#ifdef G_OS_UNIX
static void
test_export_not_regular (DtTestFixture *fixture,
                         gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "pipe.json", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "folder.json", NULL);
  g_autoptr(GError) error = NULL;
  struct stat buf;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  /* A pipe stays a pipe: nothing renamed over it. */
  g_assert_false (dt_exchange_export_file (fixture->db, fifo, FALSE, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);
  g_assert_cmpint (lstat (fifo, &buf), ==, 0);
  g_assert_true (S_ISFIFO (buf.st_mode));

  g_assert_false (dt_exchange_export_file (fixture->db, folder, FALSE, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_IO);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (dt_test_count_files (fixture->dir, ".part"), ==, 0);
}

static void
test_export_full_disk (DtTestFixture *fixture,
                       gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *target = g_build_filename (fixture->dir, "xuất.json", NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      struct rlimit limit = { 16 * 1024, 16 * 1024 };

      add_villages (fixture->db, 600);
      g_assert_true (g_file_set_contents (target, "bản cũ", -1, NULL));
      /* Past 16 KiB every write fails, as on a full disk. */
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_false (dt_exchange_export_file (fixture->db, target, FALSE, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_IO);
      g_assert_nonnull (strstr (error->message, target));
      g_assert_null (strstr (error->message, ".part"));
      g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "bản cũ");
      g_assert_cmpuint (dt_test_count_files (fixture->dir, ".part"), ==, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_import_not_regular (DtTestFixture *fixture,
                         gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "pipe.json", NULL);
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  /* No program writes into the pipe: opening it would wait forever. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (dt_exchange_import_file (fixture->db, fifo, FALSE, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);

  /* A device that never ends is not read at all. */
  g_assert_false (dt_exchange_import_file (fixture->db, "/dev/zero", FALSE, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (dt_exchange_import_file (fixture->db, fixture->dir, FALSE, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_IO);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
}
#endif

static void
test_import_too_large (DtTestFixture *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "big.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  /* A sparse file: large on paper, nothing on the disk. */
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), "{", 1, NULL, NULL, &error));
  g_assert_true (g_seekable_truncate (G_SEEKABLE (out), (goffset) DT_EXCHANGE_MAX_BYTES + 1,
                                      NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));

  g_assert_false (dt_exchange_import_file (fixture->db, path, FALSE, NULL, &error));
  if (g_test_verbose ())
    g_printerr ("%s\n", error->message);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1.0\u00a0GiB"));
}

/* An input that never ends: a document's start, then spaces for ever. */
#define TEST_TYPE_ENDLESS (test_endless_get_type ())
G_DECLARE_FINAL_TYPE (TestEndless, test_endless, TEST, ENDLESS, GInputStream)

struct _TestEndless
{
  GInputStream parent_instance;
  gboolean     started;
};

G_DEFINE_FINAL_TYPE (TestEndless, test_endless, G_TYPE_INPUT_STREAM)

static gssize
test_endless_read (GInputStream  *stream,
                   void          *buffer,
                   gsize          count,
                   GCancellable  *cancellable,
                   GError       **error)
{
  TestEndless *self = TEST_ENDLESS (stream);
  const char *start = "{\"format\": \"doithoai-exchange\", \"version\": 1, \"villages\": ";

  if (!self->started && count > strlen (start))
    {
      self->started = TRUE;
      memcpy (buffer, start, strlen (start));
      return (gssize) strlen (start);
    }
  memset (buffer, ' ', count);
  return (gssize) count;
}

static void
test_endless_class_init (TestEndlessClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_endless_read;
}

static void
test_endless_init (TestEndless *self)
{
}

static void
test_import_endless (DtTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(GInputStream) endless = g_object_new (TEST_TYPE_ENDLESS, NULL);
  g_autoptr(GError) error = NULL;

  /* Standard input from a program that never stops: reading ends at the limit. */
  g_assert_false (dt_exchange_import_stream (fixture->db, endless, "standard input", -1, FALSE,
                                             NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1.0\u00a0GiB"));
  g_assert_cmpint (dt_database_count (fixture->db, "villages", NULL), ==, 0);
}

static void
test_value_limits (DtTestFixture *fixture,
                   gconstpointer  data)
{
  struct
  {
    const char *before;
    const char *after;
    const char *place;
  } cases[] = {
    { "{\"format\": \"doithoai-exchange\", \"version\": 1, \"petitions\": [{\"code\": \"P-1\", "
      "\"channel\": \"phone\", \"summary\": \"s\", \"received\": \"", "\"}]}", "received" },
    { "{\"format\": \"doithoai-exchange\", \"version\": 1, \"petitions\": [{\"code\": \"",
      "\", \"channel\": \"phone\", \"summary\": \"s\", \"received\": \"2025-01-01\"}]}",
      "petitions[0]" },
    { "{\"format\": \"doithoai-exchange\", \"version\": 1, \"petitions\": [{\"code\": \"P-1\", "
      "\"channel\": \"phone\", \"received\": \"2025-01-01\", \"summary\": \"", "\"}]}",
      "summary" },
    { "{\"format\": \"doithoai-exchange\", \"version\": 1, \"villages\": [\"", "\"]}",
      "villages" },
    { "{\"format\": \"doithoai-exchange\", \"version\": 1, \"petitions\": [{\"code\": \"P-1\", "
      "\"channel\": \"phone\", \"received\": \"2025-01-01\", \"summary\": \"s\", "
      "\"village\": \"", "\"}]}", "village" },
  };
  /* 10 MB of one letter: each of these values is far past what the field allows. */
  g_autofree char *huge = g_strnfill (10 * 1000 * 1000, 'A');

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *document = g_strconcat (cases[i].before, huge, cases[i].after, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (import (fixture->db, document, FALSE, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
      if (strlen (error->message) > 400 || strstr (error->message, cases[i].place) == NULL)
        g_error ("case %u: %.400s… (%zu bytes)", i, error->message, strlen (error->message));
      g_assert_nonnull (strstr (error->message, "too long"));
      g_assert_nonnull (strstr (error->message, "AAAAAAAAAA…"));
    }
  g_assert_cmpint (dt_database_count (fixture->db, "petitions", NULL), ==, 0);
  g_assert_cmpint (dt_database_count (fixture->db, "villages", NULL), ==, 0);
}

static gboolean
message_is_safe (const char *message)
{
  if (!g_utf8_validate (message, -1, NULL))
    return FALSE;
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        return FALSE;
    }
  return TRUE;
}

static void
test_messages_escaped (DtTestFixture *fixture,
                       gconstpointer  data)
{
  const char *documents[] = {
    /* A terminal escape sequence in a code and in a date. */
    "{\"format\": \"doithoai-exchange\", \"version\": 1, \"petitions\": [{\"code\": "
    "\"\\u001b[31mĐỎ\", \"received\": \"x\\u001b]0;title\\u0007\", \"channel\": \"phone\", "
    "\"summary\": \"s\"}]}",
    /* Bytes that are not UTF-8, where the parser quotes what it read. */
    "{\"format\": \xff\xfe}",
    "{\"format\": \"doithoai-exchange\", \"version\": 1, \"villages\": [\"Th\xc3\xb4n\", "
    "\"\x1b\x5b\x32\x4a\"]}",
    /* Twice the same code, with a line break in it. */
    "{\"format\": \"doithoai-exchange\", \"version\": 1, \"plans\": [{\"code\": \"K\\u0085H\", "
    "\"year\": 2025}, {\"code\": \"K\\u0085H\", \"year\": 2025}]}",
  };
  /* What the message shows instead. */
  const char *shown[] = { "\\u001B[31mĐỎ", "bad\\u001B[2J\\xFF", "bad\\u001B[2J\\xFF",
                          "K\\u0085H" };
  g_autofree char *name = g_strdup ("bad\x1b[2J\xff.json");

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (dt_exchange_import_data (fixture->db, documents[i], strlen (documents[i]),
                                               name, FALSE, NULL, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
      if (!message_is_safe (error->message) || strstr (error->message, shown[i]) == NULL)
        g_error ("document %u: “%s” should be safe and show “%s”", i, error->message, shown[i]);
    }
}

static void
test_any_key_order (DtTestFixture *fixture,
                    gconstpointer  data)
{
  g_autofree char *fixture_text = read_fixture ();
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.sqlite", NULL);
  g_autoptr(DtDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) reversed = g_string_new ("{");
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autoptr(DtPetition) petition = NULL;
  const char *keys[] = { "petitions", "sessions", "plans", "calendar", "fields", "agencies",
                         "villages", "rules", "unit", "version", "format" };
  json_t *root = json_loads (fixture_text, 0, NULL);

  g_assert_true (import (fixture->db, fixture_text, FALSE, &error));
  expected = export (fixture->db);

  /* The same document with its keys the other way round: petitions before the sessions they
   * name, sessions before their plans, the header last. */
  g_assert_cmpuint (json_object_size (root), ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      char *text = json_dumps (json_object_get (root, keys[i]), JSON_ENCODE_ANY);

      g_assert_nonnull (text);
      g_string_append_printf (reversed, "%s\n\"%s\": %s", i > 0 ? "," : "", keys[i], text);
      free (text);
    }
  g_string_append (reversed, "}");
  g_assert_true (g_str_has_prefix (reversed->str, "{\n\"petitions\""));

  other = dt_database_open (other_path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_true (import (other, reversed->str, FALSE, &error));
  g_assert_no_error (error);
  got = export (other);
  g_assert_cmpstr (expected, ==, got);

  /* The header first this time: what names a session not yet read waits for it. */
  g_clear_object (&other);
  g_remove (other_path);
  other = dt_database_open (other_path, DT_DATABASE_OPEN_CREATE, &error);
  g_string_assign (reversed, "{\"format\": \"doithoai-exchange\", \"version\": 1");
  for (guint i = 0; i < 9; i++)
    {
      char *text = json_dumps (json_object_get (root, keys[i]), JSON_ENCODE_ANY);

      g_string_append_printf (reversed, ",\n\"%s\": %s", keys[i], text);
      free (text);
    }
  g_string_append (reversed, "}");
  g_assert_true (import (other, reversed->str, FALSE, &error));
  g_assert_no_error (error);
  petition = dt_petition_load (other, "2025-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (petition->session, ==, "HN-2025-01");
  g_assert_cmpint (dt_database_count (other, "petitions", NULL), ==, 3);
  g_assert_cmpint (dt_database_count (other, "sessions", NULL),
                   ==, dt_database_count (fixture->db, "sessions", NULL));
  json_decref (root);
}

static void
cancel_cb (double   fraction,
           gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
record_cb (double   fraction,
           gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static gboolean
discard (gpointer     user_data,
         const void  *data,
         gsize        length,
         GError     **error)
{
  return TRUE;
}

static void
test_cancel_and_progress (DtTestFixture *fixture,
                          gconstpointer  data)
{
  g_autofree char *fixture_text = read_fixture ();
  g_autofree char *target = g_build_filename (fixture->dir, "xuất.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_list_add (fixture->db, DT_LIST_VILLAGES, "Thôn Yên Lạc", &error));
  before = export (fixture->db);

  /* Import cancelled half way: the database exactly as before. */
  stream = g_memory_input_stream_new_from_data (fixture_text, -1, NULL);
  g_assert_false (dt_exchange_import_stream (fixture->db, stream, "a.json",
                                             (goffset) strlen (fixture_text), FALSE, NULL,
                                             cancellable, cancel_cb, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = export (fixture->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (dt_database_count (fixture->db, "petitions", NULL), ==, 0);

  /* Not cancelled: the progress goes up to 1. */
  g_clear_object (&stream);
  stream = g_memory_input_stream_new_from_data (fixture_text, -1, NULL);
  g_assert_true (dt_exchange_import_stream (fixture->db, stream, "a.json",
                                            (goffset) strlen (fixture_text), FALSE, NULL,
                                            NULL, record_cb, fractions, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fractions->len, >=, 2);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  /* Export cancelled: nothing at the target, no temporary left. */
  g_cancellable_reset (cancellable);
  g_assert_false (dt_exchange_export_file_full (fixture->db, target, FALSE, cancellable,
                                                cancel_cb, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (dt_test_count_files (fixture->dir, ".part"), ==, 0);

  g_array_set_size (fractions, 0);
  g_assert_true (dt_exchange_export_to (fixture->db, FALSE, discard, NULL, NULL, record_cb,
                                        fractions, &error));
  g_assert_cmpuint (fractions->len, >=, 2);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
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
  ADD ("/core/exchange/export-refuses-database", NULL, test_export_refuses_database);
#ifdef G_OS_UNIX
  ADD ("/core/exchange/export-not-regular", NULL, test_export_not_regular);
  ADD ("/core/exchange/export-full-disk", NULL, test_export_full_disk);
  ADD ("/core/exchange/import-not-regular", NULL, test_import_not_regular);
#endif
  ADD ("/core/exchange/import-too-large", NULL, test_import_too_large);
  ADD ("/core/exchange/import-endless", NULL, test_import_endless);
  ADD ("/core/exchange/value-limits", NULL, test_value_limits);
  ADD ("/core/exchange/messages-escaped", NULL, test_messages_escaped);
  ADD ("/core/exchange/any-key-order", NULL, test_any_key_order);
  ADD ("/core/exchange/cancel-and-progress", NULL, test_cancel_and_progress);
  for (guint i = 0; i < G_N_ELEMENTS (bad_documents); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/exchange/rejected/%s", bad_documents[i].name);
      ADD (path, &bad_documents[i], test_rejected);
    }

  return g_test_run ();
}
