/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A confidential petitioner leaves no trace in anything the office hands out: the masked
 * export, every printed document, the report workbook. Her name and address are written in
 * the texts as a secretary would write them (with or without marks, in capitals), and the
 * outputs are read back as text, folded, and searched for either. */
#include "config.h"

#include <string.h>

#include "dt-database-private.h"
#include "dt-documents.h"
#include "dt-document.h"
#include "dt-error.h"
#include "dt-exchange.h"
#include "dt-period.h"
#include "dt-report.h"
#include "dt-test-util.h"
#include "dt-text.h"

/* The secrets, folded as the search folds them, and a name that is public. */
#define SECRET_NAME    "tran thi binh"
#define SECRET_ADDRESS "so 12 ngo 3"
#define PUBLIC_NAME    "le van son"

static const char office[] =
  "{\"format\": \"doithoai-exchange\", \"version\": 1,"
  " \"unit\": {\"name\": \"ĐẢNG BỘ XÃ THẠCH LẠC\", \"superior\": \"ĐẢNG BỘ TỈNH HÀ TĨNH\","
  "   \"place\": \"Thạch Lạc\", \"symbol\": \"ĐU\", \"signer_title\": \"BÍ THƯ\","
  "   \"signer_name\": \"Nguyễn Văn An\"},"
  " \"agencies\": [\"UBND xã\"],"
  " \"sessions\": [{\"code\": \"HN-2025-01\", \"kind\": \"dialogue\", \"date\": \"2025-04-15\","
  "   \"time\": \"08:00\", \"location\": \"Nhà văn hóa thôn Đông\", \"village\": \"Thôn Đông\","
  "   \"topic\": \"Đường giao thông\", \"chair\": \"Nguyễn Văn An\", \"secretary\": \"Lê Thị Hoa\","
  "   \"status\": \"held\", \"notice_number\": \"15-TB/ĐU\", \"notice_date\": \"2025-04-05\","
  "   \"attendance\": 95,"
  "   \"minutes\": {\"start\": \"08:00\", \"end\": \"11:00\","
  "     \"composition\": \"Đại diện các thôn; bà Trần Thị Bình (Số 12 ngõ 3, Thôn Đông).\","
  "     \"proceedings\": \"Ông Lê Văn Sơn và bà TRẦN THỊ BÌNH phát biểu.\","
  "     \"conclusion\": \"Giao UBND xã trả lời bà Tran Thi Binh, số 12 ngõ 3.\"},"
  "   \"conclusion_number\": \"20-TB/ĐU\", \"conclusion_date\": \"2025-04-22\"}],"
  " \"petitions\": ["
  "  {\"code\": \"2025-0001\", \"received\": \"2025-04-15\", \"channel\": \"session\","
  "   \"session\": \"HN-2025-01\", \"petitioner\": \"Trần Thị Bình\","
  "   \"address\": \"Số 12 ngõ 3, Thôn Đông\", \"village\": \"Thôn Đông\","
  "   \"summary\": \"Bà TRẦN THỊ BÌNH (số 12 ngõ 3) đề nghị sửa đường trước nhà\","
  "   \"content\": \"Gia đình bà tran thi binh, số 12 ngõ 3, thôn Đông, bị ngập.\","
  "   \"confidential\": true, \"answer\": \"Đã trả lời bà Trần Thị Bình tại hội nghị.\","
  "   \"assigned_to\": \"UBND xã\", \"assigned_date\": \"2025-04-22\","
  "   \"result\": \"Đang xử lý cho TRẦN THỊ BÌNH\","
  "   \"events\": [{\"date\": \"2025-05-10\", \"text\": \"Gọi điện cho bà Trần Thị Bình\"}]},"
  "  {\"code\": \"2025-0002\", \"received\": \"2025-04-15\", \"channel\": \"session\","
  "   \"session\": \"HN-2025-01\", \"petitioner\": \"Lê Văn Sơn\","
  "   \"address\": \"Thôn Tây\", \"summary\": \"Ông Lê Văn Sơn đề nghị làm cống\","
  "   \"assigned_to\": \"UBND xã\", \"assigned_date\": \"2025-04-22\"}]}";

static void
add_office (DtDatabase *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_exchange_import_data (db, office, strlen (office), "office.json", FALSE,
                                          NULL, &error));
  g_assert_no_error (error);
}

/* TEXT, folded, holds neither the confidential name nor the address; and, when PUBLIC, the
 * public petitioner is still named (masking only what it must). */
static void
assert_no_trace (const char *what,
                 const char *text,
                 gboolean    public_named)
{
  g_autofree char *folded = dt_text_fold (text);

  if (strstr (folded, SECRET_NAME) != NULL)
    g_error ("%s names the confidential petitioner:\n%s", what, text);
  if (strstr (folded, SECRET_ADDRESS) != NULL)
    g_error ("%s gives the confidential petitioner's address:\n%s", what, text);
  if (public_named && strstr (folded, PUBLIC_NAME) == NULL)
    g_error ("%s does not name the public petitioner any more:\n%s", what, text);
}

static void
test_export (DtTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *full = NULL;

  add_office (fixture->db);
  masked = dt_exchange_export_string (fixture->db, TRUE, &error);
  g_assert_no_error (error);
  assert_no_trace ("The masked export", masked, TRUE);
  g_assert_nonnull (strstr (masked, "(bảo mật)"));

  /* The full export, for the office itself, keeps everything. */
  full = dt_exchange_export_string (fixture->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (full, "Trần Thị Bình"));
  g_assert_nonnull (strstr (full, "Số 12 ngõ 3"));
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* Lines are broken where the page breaks them: a name may be cut in two. */
  g_strdelimit (out, "\n\f", ' ');
  {
    g_autoptr(GString) joined = g_string_new (NULL);

    for (const char *p = out; *p != '\0'; p++)
      if (*p != ' ' || (joined->len > 0 && joined->str[joined->len - 1] != ' '))
        g_string_append_c (joined, *p);
    return g_string_free (g_steal_pointer (&joined), FALSE);
  }
}

static void
test_documents (DtTestFixture *fixture,
                gconstpointer  data)
{
  static const struct {
    DtDocumentKind kind;
    gboolean       names_public;
  } kinds[] = {
    { DT_DOCUMENT_NOTICE, FALSE },
    { DT_DOCUMENT_MINUTES, TRUE },
    { DT_DOCUMENT_CONCLUSION, TRUE },
    { DT_DOCUMENT_TRANSFER, TRUE },
    { DT_DOCUMENT_REMINDER, TRUE },
  };
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("poppler-utils is not installed (build-aux/setup.sh installs it)");
      return;
    }
  add_office (fixture->db);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(DtDocumentRequest) request = dt_document_request_new (kinds[i].kind);
      g_autoptr(DtDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (fixture->dir, "out.pdf", NULL);
      g_autofree char *text = NULL;

      request->session = g_strdup ("HN-2025-01");
      if (kinds[i].kind == DT_DOCUMENT_TRANSFER)
        {
          g_clear_pointer (&request->session, g_free);
          request->petitions = g_new0 (char *, 3);
          request->petitions[0] = g_strdup ("2025-0001");
          request->petitions[1] = g_strdup ("2025-0002");
          request->date = g_strdup ("2025-04-25");
        }
      if (kinds[i].kind == DT_DOCUMENT_REMINDER)
        {
          g_clear_pointer (&request->session, g_free);
          request->agency = g_strdup ("UBND xã");
          request->as_of = g_strdup ("2025-07-01");
          request->date = g_strdup ("2025-07-01");
        }
      document = dt_document_build (fixture->db, request, &error);
      g_assert_no_error (error);
      g_assert_true (dt_document_write_pdf (document, path, fixture->db, &error));
      g_assert_no_error (error);
      text = pdf_text (path);
      assert_no_trace (dt_document_kind_name (kinds[i].kind), text, kinds[i].names_public);
    }
}

static char *
workbook_text (const char *path)
{
  static const char script[] =
    "import html, sys, zipfile\n"
    "book = zipfile.ZipFile(sys.argv[1])\n"
    "for name in book.namelist():\n"
    "    if name.endswith('.xml'):\n"
    "        print(html.unescape(book.read(name).decode('utf-8')))\n";
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_report (DtTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "report.xlsx", NULL);
  g_autofree char *text = NULL;
  DtPeriod period;
  GDate as_of;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("No /usr/bin/python3 to read the workbook");
      return;
    }
  add_office (fixture->db);
  g_assert_true (dt_period_parse ("2025", &period, &error));
  /* As of a day both are overdue: the register and the overdue sheet list them. */
  g_date_set_dmy (&as_of, 31, 12, 2025);
  g_assert_true (dt_report_write_file (fixture->db, &period, &as_of, path, NULL, NULL, NULL,
                                       &error));
  g_assert_no_error (error);
  text = workbook_text (path);
  assert_no_trace ("The report workbook", text, TRUE);
  g_assert_nonnull (strstr (text, "(bảo mật)"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/core/privacy/export", test_export);
  DT_TEST_ADD ("/core/privacy/documents", test_documents);
  DT_TEST_ADD ("/core/privacy/report", test_report);

  return g_test_run ();
}
