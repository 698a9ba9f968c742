/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The printed documents, checked as a person would check the paper: each is written to PDF
 * and read back with poppler's tools (pdftotext -layout and -bbox, pdfinfo, pdffonts). */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "dt-demo.h"
#include "dt-documents.h"
#include "dt-error.h"
#include "dt-petition-query.h"
#include "dt-records.h"
#include "dt-status.h"
#include "dt-test-util.h"
#include "dt-util.h"

#define PT_PER_MM (72.0 / 25.4)

/* Where copies of the PDFs and their pages as PNG are kept for a person to look at. */
static char *keep_dir;
/* pdftotext rounds word boxes; a glyph's side bearing may stick out a hair. */
#define SLACK 1.5

/* Tools */

static gboolean
have_poppler (void)
{
  g_autofree char *path = g_find_program_in_path ("pdftotext");
  g_autofree char *info = g_find_program_in_path ("pdfinfo");
  g_autofree char *fonts = g_find_program_in_path ("pdffonts");

  if (path != NULL && info != NULL && fonts != NULL)
    return TRUE;
  g_test_skip ("poppler-utils is not installed (build-aux/setup.sh installs it)");
  return FALSE;
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int wait_status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (wait_status, &error);
  g_assert_no_error (error);
  return out;
}

/* The text of pages FIRST to LAST (0: all) as pdftotext -layout gives it. */
static char *
pdf_layout_text (const char *path,
                 int         first,
                 int         last)
{
  g_autofree char *f = g_strdup_printf ("%d", first > 0 ? first : 1);
  g_autofree char *l = g_strdup_printf ("%d", last);
  const char *argv_all[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  const char *argv_pages[] = { "pdftotext", "-layout", "-enc", "UTF-8", "-f", f, "-l", l,
                               path, "-", NULL };

  return run_tool (first > 0 ? argv_pages : argv_all);
}

/* All white space, line breaks included, as one space: a phrase can be looked for whatever
 * the lines it was broken into. */
static char *
squeeze (const char *text)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
}

static char *
pdf_text (const char *path,
          int         first,
          int         last)
{
  g_autofree char *text = pdf_layout_text (path, first, last);

  return squeeze (text);
}

#define assert_has(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) == NULL) \
      g_error ("“%s” not found in: %s", (needle), (haystack)); \
  } G_STMT_END

#define assert_lacks(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) != NULL) \
      g_error ("“%s” should not be in: %s", (needle), (haystack)); \
  } G_STMT_END

typedef struct
{
  int    page;                 /* from 1 */
  double x0;
  double y0;
  double x1;
  double y1;
  char  *text;
} Word;

static void
word_clear (Word *word)
{
  g_free (word->text);
}

typedef struct
{
  GArray *words;               /* of Word */
  GArray *sizes;               /* of double pairs: width, height per page */
} Boxes;

static void
boxes_free (Boxes *boxes)
{
  g_array_unref (boxes->words);
  g_array_unref (boxes->sizes);
  g_free (boxes);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Boxes, boxes_free)

static char *
unescape_html (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "&lt;", "<", 0);
  g_string_replace (out, "&gt;", ">", 0);
  g_string_replace (out, "&quot;", "\"", 0);
  g_string_replace (out, "&apos;", "'", 0);
  g_string_replace (out, "&amp;", "&", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every word of the PDF with its box in points (pdftotext -bbox). */
static Boxes *
pdf_boxes (const char *path)
{
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *html = run_tool (argv);
  g_autoptr(GRegex) regex = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">|"
                                         "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                         "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  Boxes *boxes = g_new0 (Boxes, 1);
  int page = 0;

  boxes->words = g_array_new (FALSE, TRUE, sizeof (Word));
  g_array_set_clear_func (boxes->words, (GDestroyNotify) word_clear);
  boxes->sizes = g_array_new (FALSE, TRUE, sizeof (double));
  g_regex_match (regex, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *width = g_match_info_fetch (match, 1);

      if (width != NULL && *width != '\0')
        {
          g_autofree char *height = g_match_info_fetch (match, 2);
          double w = g_ascii_strtod (width, NULL);
          double h = g_ascii_strtod (height, NULL);

          g_array_append_val (boxes->sizes, w);
          g_array_append_val (boxes->sizes, h);
          page++;
        }
      else
        {
          Word word = { page };
          g_autofree char *x0 = g_match_info_fetch (match, 3);
          g_autofree char *y0 = g_match_info_fetch (match, 4);
          g_autofree char *x1 = g_match_info_fetch (match, 5);
          g_autofree char *y1 = g_match_info_fetch (match, 6);
          g_autofree char *text = g_match_info_fetch (match, 7);

          word.x0 = g_ascii_strtod (x0, NULL);
          word.y0 = g_ascii_strtod (y0, NULL);
          word.x1 = g_ascii_strtod (x1, NULL);
          word.y1 = g_ascii_strtod (y1, NULL);
          word.text = unescape_html (text);
          g_array_append_val (boxes->words, word);
        }
      g_match_info_next (match, NULL);
    }
  return boxes;
}

static int
boxes_n_pages (Boxes *boxes)
{
  return (int) boxes->sizes->len / 2;
}

/* The first page (from 1) on which WORD stands, 0 when it is nowhere. */
static int
page_of (Boxes      *boxes,
         const char *text)
{
  for (guint i = 0; i < boxes->words->len; i++)
    {
      Word *word = &g_array_index (boxes->words, Word, i);
      if (g_str_equal (word->text, text))
        return word->page;
    }
  return 0;
}

static const Word *
find_word (Boxes      *boxes,
           int         page,
           const char *text,
           double      min_x)
{
  for (guint i = 0; i < boxes->words->len; i++)
    {
      Word *word = &g_array_index (boxes->words, Word, i);
      if (word->page == page && word->x0 >= min_x && g_str_equal (word->text, text))
        return word;
    }
  return NULL;
}

/* Each page A4 portrait, and every word inside the margins (millimetres). */
static void
assert_page_and_margins (const char *path,
                         double      top,
                         double      bottom,
                         double      left,
                         double      right)
{
  g_autoptr(Boxes) boxes = pdf_boxes (path);
  const char *argv[] = { "pdfinfo", "-f", "1", "-l", "999", path, NULL };
  g_autofree char *info = run_tool (argv);
  g_autoptr(GRegex) sizes = g_regex_new ("Page +[0-9]+ size: +595\\.2[0-9]* x 841\\.8[0-9]* pts "
                                         "\\(A4\\)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  int n_a4 = 0;

  g_regex_match (sizes, info, 0, &match);
  while (g_match_info_matches (match))
    {
      n_a4++;
      g_match_info_next (match, NULL);
    }
  g_assert_cmpint (boxes_n_pages (boxes), >, 0);
  g_assert_cmpint (n_a4, ==, boxes_n_pages (boxes));

  for (guint i = 0; i < boxes->words->len; i++)
    {
      Word *word = &g_array_index (boxes->words, Word, i);
      double width = g_array_index (boxes->sizes, double, 2 * (word->page - 1));
      double height = g_array_index (boxes->sizes, double, 2 * (word->page - 1) + 1);

      if (word->x0 < left * PT_PER_MM - SLACK || word->x1 > width - right * PT_PER_MM + SLACK ||
          word->y0 < top * PT_PER_MM - SLACK || word->y1 > height - bottom * PT_PER_MM + SLACK)
        g_error ("“%s” on page %d (%.1f, %.1f)–(%.1f, %.1f) is outside the margins of %s",
                 word->text, word->page, word->x0, word->y0, word->x1, word->y1, path);
    }
}

/* Every font embedded, and one of Times New Roman's metric twins. */
static void
assert_fonts (const char *path)
{
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *out = run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n_fonts = 0;

  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const char *name;

      if (*lines[i] == '\0')
        continue;
      fields = g_regex_split_simple ("\\s+", lines[i], 0, 0);
      name = fields[0];
      n_fonts++;
      if (strstr (name, "LiberationSerif") == NULL && strstr (name, "Tinos") == NULL &&
          strstr (name, "TimesNewRoman") == NULL)
        g_error ("Font %s of %s has not the metrics of Times New Roman", name, path);
      if (strstr (lines[i], " yes ") == NULL)
        g_error ("Font %s of %s is not embedded: %s", name, path, lines[i]);
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

/* A copy of the PDF beside the test program, as NAME.pdf and NAME-N.png (60 dpi). */
static void
keep_for_eyes (const char *path,
               const char *name)
{
  g_autofree char *pdf = NULL;
  g_autofree char *root = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (keep_dir == NULL || g_mkdir_with_parents (keep_dir, 0755) != 0)
    return;
  pdf = g_strdup_printf ("%s/%s.pdf", keep_dir, name);
  root = g_strdup_printf ("%s/%s", keep_dir, name);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (pdf, contents, (gssize) length, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "pdftoppm", "-png", "-r", "60", pdf, root, NULL };
    g_free (run_tool (argv));
  }
  g_test_message ("Look at: %s-1.png", root);
}

/* The hand-made office */

typedef struct
{
  DtTestFixture  base;
  char          *pdf;
} Fixture;

static void
put_unit (DtDatabase *db,
          int         top,
          int         bottom,
          int         left,
          int         right)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtUnit) unit = dt_unit_load (db, &error);

  g_assert_no_error (error);
  g_free (unit->name);
  unit->name = g_strdup ("Đảng ủy xã Thạch Lạc");
  g_free (unit->superior);
  unit->superior = g_strdup ("Đảng bộ tỉnh Hà Tĩnh");
  g_free (unit->place);
  unit->place = g_strdup ("Thạch Lạc");
  g_free (unit->symbol);
  unit->symbol = g_strdup ("ĐU");
  g_free (unit->signer_on_behalf);
  unit->signer_on_behalf = g_strdup ("T/M BAN THƯỜNG VỤ");
  g_free (unit->signer_title);
  unit->signer_title = g_strdup ("BÍ THƯ");
  g_free (unit->signer_name);
  unit->signer_name = g_strdup ("Nguyễn Văn An");
  unit->margin_top = top;
  unit->margin_bottom = bottom;
  unit->margin_left = left;
  unit->margin_right = right;
  dt_unit_save (db, unit, &error);
  g_assert_no_error (error);
}

static void
put_plan (DtDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtPlan) plan = dt_plan_new ();
  static const char * const bases[] = {
    "Quyết định số 657-QĐ/TU ngày 04/4/2018 của Ban Thường vụ Tỉnh ủy", NULL
  };
  static const int months[] = { 4, 7, 10 };

  plan->code = g_strdup ("KH-2025");
  plan->year = 2025;
  plan->number = g_strdup ("08-KH/ĐU");
  plan->issued = g_strdup ("2025-01-14");
  plan->title = g_strdup ("Kế hoạch tiếp xúc, đối thoại trực tiếp với Nhân dân năm 2025");
  plan->bases = g_strdupv ((char **) bases);
  plan->purpose = g_strdup ("Nắm bắt tâm tư, nguyện vọng của Nhân dân.");
  plan->dialogues_planned = 3;
  plan->notice_lead_days = 5;
  plan->expected_attendance = 100;
  plan->reports_due = g_strsplit ("2025-06-15 2025-12-10", " ", -1);
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      DtPlannedSession *planned = dt_planned_session_new ();
      planned->month = months[i];
      planned->quarter = (months[i] - 1) / 3 + 1;
      planned->location = g_strdup_printf ("Nhà văn hóa thôn số %u", i + 1);
      planned->topic = g_strdup ("Đất đai");
      g_ptr_array_add (plan->planned_sessions, planned);
    }
  dt_plan_insert (db, plan, &error);
  g_assert_no_error (error);
}

static void
put_session (DtDatabase *db,
             const char *code,
             const char *date,
             const char *time,
             const char *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtSession) session = dt_session_new ();

  session->code = g_strdup (code);
  session->plan = g_strdup ("KH-2025");
  session->kind = g_strdup ("dialogue");
  session->date = g_strdup (date);
  session->time = g_strdup (time);
  session->location = g_strdup ("Nhà văn hóa thôn Đông");
  session->village = g_strdup ("Thôn Đông");
  session->topic = g_strdup ("Công tác quản lý đất đai và xây dựng nông thôn mới");
  session->chair = g_strdup ("Nguyễn Văn An, Bí thư Đảng ủy");
  session->secretary = g_strdup ("Lê Thị Hương");
  session->status = g_strdup (status);
  session->attendance = 95;
  session->minutes_start = g_strdup ("08:00");
  session->minutes_end = g_strdup ("11:15");
  session->composition = g_strdup ("Thường trực Đảng ủy; lãnh đạo UBND xã; Nhân dân thôn Đông.");
  session->proceedings = g_strdup ("Văn phòng Đảng ủy tuyên bố lý do, giới thiệu đại biểu.");
  session->minutes_conclusion = g_strdup ("Các ý kiến chưa giải quyết được giao các cơ quan.");
  dt_session_insert (db, session, &error);
  g_assert_no_error (error);
}

static DtPetition *
new_petition (const char *code,
              const char *received,
              const char *petitioner,
              const char *summary)
{
  DtPetition *petition = dt_petition_new ();

  petition->code = g_strdup (code);
  petition->received = g_strdup (received);
  petition->channel = g_strdup ("session");
  petition->session = g_strdup ("HN-2025-01");
  petition->petitioner = g_strdup (petitioner);
  petition->village = g_strdup ("Thôn Đông");
  petition->summary = g_strdup (summary);
  return petition;
}

static void
insert (DtDatabase *db,
        DtPetition *petition)
{
  g_autoptr(GError) error = NULL;

  dt_petition_insert (db, petition, &error);
  g_assert_no_error (error);
  dt_petition_free (petition);
}

/* HN-2025-01, held on Tuesday 15/4/2025 (18/3 Ất Tỵ), notice 15-TB/ĐU of 09/4/2025, with an
 * answered petition, a confidential one, one for the police with its own deadline, and one
 * escalated; HN-2026-01 of 08/01/2026. */
static void
office_setup (Fixture       *fixture,
              gconstpointer  data)
{
  DtDatabase *db;
  DtPetition *petition;
  g_autoptr(GError) error = NULL;

  dt_test_fixture_setup (&fixture->base, data);
  db = fixture->base.db;
  fixture->pdf = g_build_filename (fixture->base.dir, "văn bản.pdf", NULL);

  put_unit (db, 20, 20, 30, 15);
  put_plan (db);
  put_session (db, "HN-2025-01", "2025-04-15", "08:00", "held");
  put_session (db, "HN-2026-01", "2026-01-08", "14:30", "held");
  {
    g_autoptr(DtSession) session = dt_session_load (db, "HN-2025-01", &error);
    g_assert_no_error (error);
    session->notice_number = g_strdup ("15-TB/ĐU");
    session->notice_date = g_strdup ("2025-04-09");
    dt_session_update (db, session, &error);
    g_assert_no_error (error);
  }

  petition = new_petition ("2025-0001", "2025-04-15", "Trần Thị Bình",
                           "Đề nghị sửa chữa đường liên thôn");
  petition->answered_date = g_strdup ("2025-04-15");
  petition->answer = g_strdup ("Xã đã bố trí kinh phí, thi công trong quý III");
  insert (db, petition);

  petition = new_petition ("2025-0002", "2025-04-15", "Lê Văn Cường",
                           "Ông Lê Văn Cường phản ánh việc lấn chiếm đất công");
  petition->confidential = TRUE;
  petition->address = g_strdup ("Xóm 3 thôn Đông");
  petition->content = g_strdup ("Ông Lê Văn Cường, Xóm 3 thôn Đông, phản ánh việc lấn chiếm "
                                "đất công ở khu vực chợ.");
  petition->assigned_to = g_strdup ("UBND xã");
  petition->assigned_date = g_strdup ("2025-04-22");
  insert (db, petition);

  petition = new_petition ("2025-0003", "2025-04-15", "Phạm Văn Dũng",
                           "Đề nghị tăng cường tuần tra ban đêm");
  petition->assigned_to = g_strdup ("Công an xã");
  petition->assigned_date = g_strdup ("2025-04-22");
  petition->deadline = g_strdup ("2025-05-20");
  insert (db, petition);

  petition = new_petition ("2025-0004", "2025-04-15", "Hoàng Thị Em",
                           "Đề nghị nâng cấp quốc lộ qua xã");
  petition->escalated_to = g_strdup ("UBND tỉnh");
  petition->escalated_date = g_strdup ("2025-04-25");
  petition->escalated_number = g_strdup ("07-CV/ĐU");
  insert (db, petition);

  /* Owed by UBND xã besides 2025-0002: one assigned later, within its deadline in July. */
  petition = new_petition ("2025-0005", "2025-06-18", "Vũ Văn Giang",
                           "Đề nghị lắp đèn chiếu sáng ngõ xóm");
  g_clear_pointer (&petition->session, g_free);
  g_free (petition->channel);
  petition->channel = g_strdup ("written");
  petition->assigned_to = g_strdup ("UBND xã");
  petition->assigned_date = g_strdup ("2025-06-20");
  insert (db, petition);
  /* And one assigned before 2025-0002, longer overdue. */
  petition = new_petition ("2025-0006", "2025-03-03", "Đỗ Thị Hoa",
                           "Đề nghị nạo vét kênh mương nội đồng");
  g_clear_pointer (&petition->session, g_free);
  g_free (petition->channel);
  petition->channel = g_strdup ("front");
  petition->assigned_to = g_strdup ("UBND xã");
  petition->assigned_date = g_strdup ("2025-03-05");
  insert (db, petition);
}

static void
office_teardown (Fixture       *fixture,
                 gconstpointer  data)
{
  g_free (fixture->pdf);
  dt_test_fixture_teardown (&fixture->base, data);
}

#define OFFICE_TEST(path, func) \
  g_test_add (path, Fixture, NULL, office_setup, func, office_teardown)

static void
write_document (Fixture           *fixture,
                DtDocumentRequest *request,
                const char        *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDocument) document = dt_document_build (fixture->base.db, request, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  dt_document_write_pdf (document, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  if (have_poppler ())
    {
      g_autofree char *name = g_strdup_printf ("%s-%s",
                                               dt_document_kind_name (request->kind),
                                               strrchr (g_test_get_path (), '/') + 1);
      keep_for_eyes (path, name);
    }
}

/* Writes the document into the fixture's PDF, checks what every document has (A4, the
 * margins of the rules, its fonts embedded), and returns the text of all its pages. */
static char *
write_and_read (Fixture           *fixture,
                DtDocumentRequest *request)
{
  write_document (fixture, request, fixture->pdf);
  assert_page_and_margins (fixture->pdf, 20, 20, 30, 15);
  assert_fonts (fixture->pdf);
  return pdf_text (fixture->pdf, 0, 0);
}

/* Tests */

static void
test_notice (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_NOTICE);
  g_autofree char *text = NULL;
  g_autofree char *layout = NULL;

  if (!have_poppler ())
    return;
  request->session = g_strdup ("HN-2025-01");
  text = write_and_read (fixture, request);
  /* The heading: bodies in capitals, the party's name, the number and date line. */
  assert_has (text, "ĐẢNG BỘ TỈNH HÀ TĨNH");
  assert_has (text, "ĐẢNG ỦY XÃ THẠCH LẠC");
  assert_has (text, "ĐẢNG CỘNG SẢN VIỆT NAM");
  assert_has (text, "Số 15-TB/ĐU");
  assert_has (text, "Thạch Lạc, ngày 09 tháng 4 năm 2025");
  assert_has (text, "THÔNG BÁO");
  /* The number is level with the date line, on the same printed line. */
  layout = pdf_layout_text (fixture->pdf, 1, 1);
  {
    g_auto(GStrv) lines = g_strsplit (layout, "\n", -1);
    gboolean found = FALSE;

    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], "Số 15-TB/ĐU") != NULL)
        {
          assert_has (lines[i], "Thạch Lạc, ngày 09 tháng 4 năm 2025");
          found = TRUE;
        }
    g_assert_true (found);
  }
  /* The time with the hour, the weekday, the date and the lunar date; the place; opinions
   * sent in advance; the plan it carries out. */
  assert_has (text, "Vào lúc 8 giờ, thứ Ba, ngày 15 tháng 4 năm 2025 (tức ngày 18 tháng 3 năm "
              "Ất Tỵ âm lịch)");
  assert_has (text, "Địa điểm: Nhà văn hóa thôn Đông");
  assert_has (text, "Thành phần mời:");
  assert_has (text, "gửi trước bằng văn bản");
  assert_has (text, "chậm nhất ngày 13 tháng 4 năm 2025");
  assert_has (text, "Kế hoạch số 08-KH/ĐU ngày 14/01/2025");
  assert_has (text, "loa truyền thanh");
  assert_has (text, "Nơi nhận:");
  assert_has (text, "T/M BAN THƯỜNG VỤ");
  assert_has (text, "Nguyễn Văn An");
  /* Posted and read out: one page, no page number. */
  {
    g_autoptr(Boxes) boxes = pdf_boxes (fixture->pdf);
    g_assert_cmpint (boxes_n_pages (boxes), ==, 1);
  }
}

/* The rule under "ĐẢNG CỘNG SẢN VIỆT NAM" is as long as the words, and just under them. */
static void
test_party_underline (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_NOTICE);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDocument) document = NULL;
  g_autoptr(Boxes) boxes = NULL;
  const Word *first;
  const Word *last;
  const double scale = 4;
  cairo_surface_t *surface;
  cairo_t *cr;
  int stride;
  unsigned char *pixels;
  int rule_row = -1;
  int dark_from;
  int dark_to;

  if (!have_poppler ())
    return;
  request->session = g_strdup ("HN-2025-01");
  write_document (fixture, request, fixture->pdf);
  boxes = pdf_boxes (fixture->pdf);
  first = find_word (boxes, 1, "ĐẢNG", DT_DOCUMENT_PAGE_WIDTH * 0.45);
  g_assert_nonnull (first);
  last = find_word (boxes, 1, "NAM", first->x0);
  g_assert_nonnull (last);

  document = dt_document_build (fixture->base.db, request, &error);
  g_assert_no_error (error);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) (DT_DOCUMENT_PAGE_WIDTH * scale),
                                        (int) (DT_DOCUMENT_PAGE_HEIGHT * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  dt_document_draw_page (document, cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  pixels = cairo_image_surface_get_data (surface);

  /* The first row under the words, within 6 points, that is dark across their middle. */
  for (int y = (int) (last->y1 * scale); y < (int) ((last->y1 + 6) * scale) && rule_row < 0; y++)
    {
      int middle = (int) ((first->x0 + last->x1) / 2 * scale);
      guint32 pixel = *(guint32 *) (pixels + y * stride + middle * 4);

      if ((pixel & 0xff) < 128)
        rule_row = y;
    }
  g_assert_cmpint (rule_row, >=, 0);
  /* The unbroken dark run through the middle of that row. */
  dark_from = dark_to = (int) ((first->x0 + last->x1) / 2 * scale);
  while (dark_from > 0 &&
         (*(guint32 *) (pixels + rule_row * stride + (dark_from - 1) * 4) & 0xff) < 128)
    dark_from--;
  while (dark_to + 1 < cairo_image_surface_get_width (surface) &&
         (*(guint32 *) (pixels + rule_row * stride + (dark_to + 1) * 4) & 0xff) < 128)
    dark_to++;
  cairo_surface_destroy (surface);
  g_assert_cmpfloat (fabs (dark_from / scale - first->x0), <, 2.0);
  g_assert_cmpfloat (fabs (dark_to / scale - last->x1), <, 2.0);
}

static void
test_minutes (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_MINUTES);
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;
  request->session = g_strdup ("HN-2025-01");
  text = write_and_read (fixture, request);
  assert_has (text, "BIÊN BẢN");
  assert_has (text, "Thạch Lạc, ngày 15 tháng 4 năm 2025");
  assert_has (text, "Hôm nay, vào lúc 8 giờ, thứ Ba, ngày 15 tháng 4 năm 2025, tại Nhà văn "
              "hóa thôn Đông");
  assert_has (text, "Tổng số người tham dự: 95 người");
  assert_has (text, "Chủ trì: đồng chí Nguyễn Văn An, Bí thư Đảng ủy");
  assert_has (text, "Thư ký: đồng chí Lê Thị Hương");
  /* Every opinion, with the answer given or what became of it. */
  assert_has (text, "Ông (bà) Trần Thị Bình, Thôn Đông: Đề nghị sửa chữa đường liên thôn.");
  assert_has (text, "Trả lời tại Hội nghị: Xã đã bố trí kinh phí, thi công trong quý III.");
  assert_has (text, "Tiếp thu, giao Công an xã xem xét, giải quyết");
  assert_has (text, "đề nghị UBND tỉnh xem xét, giải quyết");
  assert_has (text, "kết thúc vào lúc 11 giờ 15 phút cùng ngày");
  assert_has (text, "THƯ KÝ");
  assert_has (text, "CHỦ TRÌ HỘI NGHỊ");
  /* No number line for the minutes, and the confidential petitioner stays unnamed. */
  assert_lacks (text, "Số ");
  assert_lacks (text, "Lê Văn Cường");
  assert_lacks (text, "Xóm 3 thôn Đông");
  assert_has (text, "Ông (bà) (bảo mật): Ông (bảo mật), (bảo mật), phản ánh việc lấn chiếm "
              "đất công");
}

static void
test_conclusion (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_CONCLUSION);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *number = NULL;
  g_autofree char *date = NULL;
  gboolean recorded = TRUE;

  if (!have_poppler ())
    return;
  request->session = g_strdup ("HN-2025-01");
  request->date = g_strdup ("2025-04-22");
  /* Nothing recorded yet: the next TB after the notice's 15. */
  dt_document_get_number (fixture->base.db, request, &number, &date, &recorded, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "16-TB/ĐU");
  g_assert_cmpstr (date, ==, "2025-04-22");
  g_assert_false (recorded);

  text = write_and_read (fixture, request);
  assert_has (text, "Số 16-TB/ĐU");
  assert_has (text, "Thạch Lạc, ngày 22 tháng 4 năm 2025");
  assert_has (text, "Kết luận của đồng chí chủ trì tại Hội nghị đối thoại trực tiếp với Nhân "
              "dân ngày 15/4/2025");
  assert_has (text, "đã nêu 04 ý kiến, kiến nghị; trong đó 01 ý kiến đã được trả lời");
  /* The assignment table: agency and deadline (the stored one, or 30 working days). */
  assert_has (text, "STT Người kiến nghị Nội dung ý kiến, kiến nghị");
  assert_has (text, "Công an xã");
  assert_has (text, "20/5/2025");
  assert_has (text, "Đề nghị UBND");
  /* Posted publicly: the confidential petitioner's name and address masked, even inside the
   * words of the petition. */
  assert_has (text, "(bảo mật)");
  assert_lacks (text, "Lê Văn Cường");
  assert_lacks (text, "Xóm 3");
  assert_has (text, "Phạm Văn Dũng");
}

static void
test_transfer (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_TRANSFER);
  g_autoptr(DtDocumentRequest) other = dt_document_request_new (DT_DOCUMENT_TRANSFER);
  g_autoptr(DtDocument) document = NULL;
  g_autoptr(DtWorkCalendar) calendar = NULL;
  g_autoptr(DtPetition) petition = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *number = NULL;
  gboolean recorded;
  DtPetitionState state;
  GDate day;

  if (!have_poppler ())
    return;
  request->petitions = g_strsplit ("2025-0002,2025-0005", ",", -1);
  request->date = g_strdup ("2025-06-25");
  text = write_and_read (fixture, request);
  assert_has (text, "PHIẾU CHUYỂN");
  assert_has (text, "Số 01-PC/ĐU");
  assert_has (text, "Kính gửi: UBND xã");
  assert_has (text, "chuyển đến UBND xã 02 ý kiến, kiến nghị");
  assert_has (text, "2025-0002");
  assert_has (text, "2025-0005");
  assert_has (text, "Vũ Văn Giang");
  assert_lacks (text, "Lê Văn Cường");
  /* Each with its deadline: 30 working days after the assignment. */
  calendar = dt_work_calendar_new (fixture->base.db, &error);
  g_assert_no_error (error);
  petition = dt_petition_load (fixture->base.db, "2025-0005", &error);
  g_assert_no_error (error);
  g_date_set_dmy (&day, 25, 6, 2025);
  dt_petition_get_state (petition, &day, calendar, 30, &state);
  g_assert_true (state.has_deadline);
  deadline = g_strdup_printf ("%02u/%u/%u", g_date_get_day (&state.deadline),
                              g_date_get_month (&state.deadline),
                              g_date_get_year (&state.deadline));
  assert_has (text, deadline);

  /* A slip for petitions of two agencies, or one not assigned, is refused. */
  other->petitions = g_strsplit ("2025-0002,2025-0003", ",", -1);
  document = dt_document_build (fixture->base.db, other, &error);
  g_assert_null (document);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_cmpstr (dt_error_get_field (error), ==, "assigned_to");
  g_clear_error (&error);
  g_strfreev (other->petitions);
  other->petitions = g_strsplit ("2025-0001", ",", -1);
  document = dt_document_build (fixture->base.db, other, &error);
  g_assert_null (document);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);

  /* Recorded: an event with the number on each petition, and the same number next time. */
  dt_document_record (fixture->base.db, request, &error);
  g_assert_no_error (error);
  g_clear_pointer (&petition, dt_petition_free);
  petition = dt_petition_load (fixture->base.db, "2025-0005", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (petition->events->len, ==, 1);
  g_assert_cmpstr (((DtPetitionEvent *) g_ptr_array_index (petition->events, 0))->number, ==,
                   "01-PC/ĐU");
  g_free (request->date);
  request->date = NULL;
  dt_document_get_number (fixture->base.db, request, &number, NULL, &recorded, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "01-PC/ĐU");
  g_assert_true (recorded);
  g_clear_pointer (&number, g_free);
  number = dt_document_next_number (fixture->base.db, DT_DOCUMENT_TRANSFER, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "02-PC/ĐU");
}

static void
test_reminder (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_REMINDER);
  g_autoptr(DtWorkCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *longest;
  const char *overdue;
  const char *within;
  const char *codes[] = { "2025-0006", "2025-0002" };
  GDate as_of;

  if (!have_poppler ())
    return;
  request->agency = g_strdup ("UBND xã");
  request->as_of = g_strdup ("2025-07-01");
  request->date = g_strdup ("2025-07-02");
  text = write_and_read (fixture, request);
  /* A letter: a number (the escalation took 07-CV), a subject line, no title. */
  assert_has (text, "Số 08-CV/ĐU");
  assert_has (text, "V/v đôn đốc giải quyết ý kiến, kiến nghị của Nhân dân");
  assert_has (text, "Thạch Lạc, ngày 02 tháng 7 năm 2025");
  assert_has (text, "Kính gửi: UBND xã");
  assert_has (text, "tính đến ngày 01/7/2025, UBND xã còn 03 ý kiến, kiến nghị");
  assert_has (text, "trong đó có 02 ý kiến, kiến nghị đã quá thời hạn giải quyết");
  assert_lacks (text, "Công an xã");

  /* Overdue first, the longest first, then the one still within its deadline. */
  longest = strstr (text, "Đỗ Thị Hoa");
  overdue = strstr (text, "(bảo mật)");
  within = strstr (text, "Vũ Văn Giang");
  g_assert_nonnull (longest);
  g_assert_nonnull (overdue);
  g_assert_nonnull (within);
  g_assert_true (longest < overdue);
  g_assert_true (overdue < within);
  assert_has (within, "Trong hạn");

  /* With the days overdue as of the date asked. */
  calendar = dt_work_calendar_new (fixture->base.db, &error);
  g_assert_no_error (error);
  g_date_set_dmy (&as_of, 1, 7, 2025);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(DtPetition) petition = dt_petition_load (fixture->base.db, codes[i], &error);
      g_autofree char *days = NULL;
      DtPetitionState state;

      g_assert_no_error (error);
      dt_petition_get_state (petition, &as_of, calendar, 30, &state);
      g_assert_true (state.overdue);
      days = g_strdup_printf (" %d ", state.days_overdue);
      assert_has (text, days);
    }

  /* An agency that owes nothing gets no letter. */
  g_free (request->agency);
  request->agency = g_strdup ("Công an xã");
  g_free (request->as_of);
  request->as_of = g_strdup ("2025-04-01");
  {
    g_autoptr(DtDocument) document = dt_document_build (fixture->base.db, request, &error);
    g_assert_null (document);
    g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
    g_clear_error (&error);
  }
  /* An agency that does not exist is not found. */
  g_free (request->agency);
  request->agency = g_strdup ("Hội Người cao tuổi");
  {
    g_autoptr(DtDocument) document = dt_document_build (fixture->base.db, request, &error);
    g_assert_null (document);
    g_assert_error (error, DT_ERROR, DT_ERROR_NOT_FOUND);
  }
}

static void
test_plan (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_PLAN);
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;
  request->plan = g_strdup ("KH-2025");
  text = write_and_read (fixture, request);
  assert_has (text, "Số 08-KH/ĐU");
  assert_has (text, "Thạch Lạc, ngày 14 tháng 01 năm 2025");
  assert_has (text, "KẾ HOẠCH");
  assert_has (text, "Tiếp xúc, đối thoại trực tiếp với Nhân dân năm 2025");
  assert_has (text, "Thực hiện Quyết định số 657-QĐ/TU ngày 04/4/2018 của Ban Thường vụ Tỉnh "
              "ủy, Ban Thường vụ Đảng ủy ban hành Kế hoạch");
  assert_has (text, "I. MỤC ĐÍCH, YÊU CẦU");
  assert_has (text, "Nắm bắt tâm tư, nguyện vọng của Nhân dân.");
  assert_has (text, "II. NỘI DUNG THỰC HIỆN");
  assert_has (text, "tổ chức 03 cuộc đối thoại");
  assert_has (text, "Quý II (tháng 4/2025)");
  assert_has (text, "Nhà văn hóa thôn số 3");
  assert_has (text, "Số lượng khoảng 100 người");
  /* The plan's own lead days (5), the unit's rules for the conclusion and the answer. */
  assert_has (text, "chậm nhất 05 ngày trước ngày tiếp xúc, đối thoại");
  assert_has (text, "Trong thời gian 10 ngày sau khi kết thúc");
  assert_has (text, "Chậm nhất 30 ngày làm việc");
  assert_has (text, "III. TỔ CHỨC THỰC HIỆN");
  assert_has (text, "trước ngày 15/6/2025 và trước ngày 10/12/2025");
  assert_has (text, "Lưu Văn phòng Đảng ủy.");
}

/* Numbers: the next of each type for the year, from every number the office gave. */
static void
test_numbers (Fixture       *fixture,
              gconstpointer  data)
{
  DtDatabase *db = fixture->base.db;
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_CONCLUSION);
  g_autoptr(DtDocumentRequest) notice = dt_document_request_new (DT_DOCUMENT_NOTICE);
  g_autoptr(DtDocumentRequest) minutes = dt_document_request_new (DT_DOCUMENT_MINUTES);
  g_autoptr(DtSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *date = NULL;
  gboolean recorded = FALSE;

  number = dt_document_next_number (db, DT_DOCUMENT_NOTICE, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "16-TB/ĐU");
  g_clear_pointer (&number, g_free);
  /* A new year starts at 01; the letters follow the escalation's 07-CV; none for minutes. */
  number = dt_document_next_number (db, DT_DOCUMENT_CONCLUSION, 2026, &error);
  g_assert_cmpstr (number, ==, "01-TB/ĐU");
  g_clear_pointer (&number, g_free);
  number = dt_document_next_number (db, DT_DOCUMENT_REMINDER, 2025, &error);
  g_assert_cmpstr (number, ==, "08-CV/ĐU");
  g_clear_pointer (&number, g_free);
  number = dt_document_next_number (db, DT_DOCUMENT_PLAN, 2026, &error);
  g_assert_cmpstr (number, ==, "01-KH/ĐU");
  g_clear_pointer (&number, g_free);
  g_assert_null (dt_document_next_number (db, DT_DOCUMENT_MINUTES, 2025, &error));
  g_assert_no_error (error);

  /* The notice carries what is on the session. */
  notice->session = g_strdup ("HN-2025-01");
  dt_document_get_number (db, notice, &number, &date, &recorded, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "15-TB/ĐU");
  g_assert_cmpstr (date, ==, "2025-04-09");
  g_assert_true (recorded);
  g_clear_pointer (&number, g_free);
  g_clear_pointer (&date, g_free);

  /* The conclusion of the second session, in January 2026, gets 01-TB, and is stored on the
   * session: the date line pads the month. */
  request->session = g_strdup ("HN-2026-01");
  request->date = g_strdup ("2026-01-15");
  dt_document_record (db, request, &error);
  g_assert_no_error (error);
  session = dt_session_load (db, "HN-2026-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (session->conclusion_number, ==, "01-TB/ĐU");
  g_assert_cmpstr (session->conclusion_date, ==, "2026-01-15");
  number = dt_document_next_number (db, DT_DOCUMENT_NOTICE, 2026, &error);
  g_assert_cmpstr (number, ==, "02-TB/ĐU");
  g_clear_pointer (&number, g_free);
  if (have_poppler ())
    {
      g_autofree char *text = NULL;

      g_free (request->date);
      request->date = NULL;
      write_document (fixture, request, fixture->pdf);
      text = pdf_text (fixture->pdf, 0, 0);
      assert_has (text, "Số 01-TB/ĐU");
      assert_has (text, "Thạch Lạc, ngày 15 tháng 01 năm 2026");
      assert_has (text, "ngày 08/01/2026");
    }

  /* A number given to another document that year is refused, and nothing is written. */
  g_free (request->session);
  request->session = g_strdup ("HN-2025-01");
  request->number = g_strdup ("15 - TB/ĐU");
  request->date = g_strdup ("2025-04-22");
  g_assert_false (dt_document_record (db, request, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_DUPLICATE);
  g_assert_cmpstr (dt_error_get_field (error), ==, "number");
  g_clear_error (&error);
  g_clear_pointer (&session, dt_session_free);
  session = dt_session_load (db, "HN-2025-01", &error);
  g_assert_null (session->conclusion_number);

  /* Minutes have no number: recording them is harmless. */
  minutes->session = g_strdup ("HN-2025-01");
  g_assert_true (dt_document_record (db, minutes, &error));
  g_assert_no_error (error);
}

/* What a document needs and the record lacks is named, field and all. */
static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  DtDatabase *db = fixture->base.db;
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_NOTICE);
  g_autoptr(DtSession) session = dt_session_new ();
  g_autoptr(GError) error = NULL;
  DtDocument *document;

  session->code = g_strdup ("HN-2025-09");
  session->kind = g_strdup ("dialogue");
  session->date = g_strdup ("2025-12-20");
  session->location = g_strdup ("Hội trường xã");
  session->status = g_strdup ("planned");
  dt_session_insert (db, session, &error);
  g_assert_no_error (error);

  request->session = g_strdup ("HN-2025-09");
  request->date = g_strdup ("2025-12-10");
  document = dt_document_build (db, request, &error);
  g_assert_null (document);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_cmpstr (dt_error_get_record (error), ==, "session");
  g_assert_cmpstr (dt_error_get_field (error), ==, "time");
  g_assert_nonnull (strstr (error->message, "HN-2025-09"));
  g_clear_error (&error);

  /* Minutes of a session not held yet. */
  request->kind = DT_DOCUMENT_MINUTES;
  document = dt_document_build (db, request, &error);
  g_assert_null (document);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_cmpstr (dt_error_get_field (error), ==, "status");
  g_clear_error (&error);

  /* A code that does not exist. */
  g_free (request->session);
  request->session = g_strdup ("HN-1999-99");
  document = dt_document_build (db, request, &error);
  g_assert_null (document);
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A notice dated after its session. */
  request->kind = DT_DOCUMENT_NOTICE;
  g_free (request->session);
  request->session = g_strdup ("HN-2025-01");
  g_free (request->date);
  request->date = g_strdup ("2025-04-20");
  document = dt_document_build (db, request, &error);
  g_assert_null (document);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);

  /* A unit without its issuing body's name. */
  {
    g_autoptr(DtUnit) unit = dt_unit_load (db, &error);
    g_clear_pointer (&unit->name, g_free);
    dt_unit_save (db, unit, &error);
    g_assert_no_error (error);
  }
  g_free (request->date);
  request->date = NULL;
  document = dt_document_build (db, request, &error);
  g_assert_null (document);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_cmpstr (dt_error_get_record (error), ==, "unit");
  g_assert_cmpstr (dt_error_get_field (error), ==, "name");
}

/* The unit's own margins move the text. */
static void
test_margins (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_PLAN);
  g_autoptr(Boxes) boxes = NULL;
  double min_x = G_MAXDOUBLE;
  double max_x = 0;
  double min_y = G_MAXDOUBLE;

  if (!have_poppler ())
    return;
  put_unit (fixture->base.db, 30, 25, 35, 20);
  request->plan = g_strdup ("KH-2025");
  write_document (fixture, request, fixture->pdf);
  assert_page_and_margins (fixture->pdf, 30, 25, 35, 20);
  boxes = pdf_boxes (fixture->pdf);
  for (guint i = 0; i < boxes->words->len; i++)
    {
      Word *word = &g_array_index (boxes->words, Word, i);
      min_x = MIN (min_x, word->x0);
      max_x = MAX (max_x, word->x1);
      min_y = MIN (min_y, word->y0);
    }
  /* Justified text reaches both margins; the heading starts at the top one. */
  g_assert_cmpfloat (fabs (min_x - 35 * PT_PER_MM), <, 3);
  g_assert_cmpfloat (fabs (max_x - (DT_DOCUMENT_PAGE_WIDTH - 20 * PT_PER_MM)), <, 3);
  g_assert_cmpfloat (fabs (min_y - 30 * PT_PER_MM), <, 4);
}

/* A session with many petitions: long minutes and a conclusion table over several pages. */
static void
add_many_petitions (DtDatabase *db,
                    guint       n)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *code = g_strdup_printf ("2025-%04u", 100 + i);
      g_autofree char *name = g_strdup_printf ("Người Số%03u", i);
      /* Rows of different heights, so that page breaks fall anywhere. */
      g_autofree char *summary = g_strdup_printf ("Mở%03u đề nghị %s%s Hết%03u", i,
                                                  "xem xét giải quyết việc sửa chữa kênh "
                                                  "mương nội đồng bị bồi lấp",
                                                  i % 3 == 0 ? ", nạo vét rãnh thoát nước "
                                                  "hai bên đường liên thôn và lắp đặt hệ "
                                                  "thống chiếu sáng công cộng" : "", i);
      DtPetition *petition = new_petition (code, "2025-04-15", name, summary);

      petition->content = g_strdup_printf ("%s. Ý kiến được nêu tại hội nghị, kèm theo những "
                                           "phân tích chi tiết về hiện trạng, nguyên nhân và "
                                           "đề xuất hướng xử lý của người dân trong thôn.",
                                           summary);
      petition->assigned_to = g_strdup (i % 2 ? "UBND xã" : "Công an xã");
      petition->assigned_date = g_strdup ("2025-04-22");
      dt_petition_insert (db, petition, &error);
      g_assert_no_error (error);
      dt_petition_free (petition);
    }
}

static void
test_long_document (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_CONCLUSION);
  g_autoptr(DtDocumentRequest) minutes = dt_document_request_new (DT_DOCUMENT_MINUTES);
  g_autofree char *minutes_pdf = g_build_filename (fixture->base.dir, "biên bản.pdf", NULL);
  g_autoptr(Boxes) boxes = NULL;
  const guint n = 120;
  int n_pages;
  int table_last_page = 0;

  if (!have_poppler ())
    return;
  add_many_petitions (fixture->base.db, n);

  request->session = g_strdup ("HN-2025-01");
  request->date = g_strdup ("2025-04-22");
  write_document (fixture, request, fixture->pdf);
  assert_page_and_margins (fixture->pdf, 20, 20, 30, 15);
  boxes = pdf_boxes (fixture->pdf);
  n_pages = boxes_n_pages (boxes);
  g_assert_cmpint (n_pages, >=, 4);

  /* A row is never split: its first and last words on the same page. */
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *open = g_strdup_printf ("Mở%03u", i);
      g_autofree char *close = g_strdup_printf ("Hết%03u", i);
      int page = page_of (boxes, open);

      g_assert_cmpint (page, >, 0);
      g_assert_cmpint (page, ==, page_of (boxes, close));
      table_last_page = MAX (table_last_page, page);
    }

  for (int page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_text (fixture->pdf, page, page);
      g_autofree char *number = g_strdup_printf ("%d", page);
      const Word *top = NULL;

      /* The header row on every page the table runs over, above its rows. */
      if (page <= table_last_page && strstr (text, "Mở") != NULL)
        {
          const Word *header = find_word (boxes, page, "STT", 0);

          g_assert_nonnull (header);
          assert_has (text, "STT Người kiến nghị Nội dung ý kiến, kiến nghị");
          for (guint w = 0; w < boxes->words->len; w++)
            {
              Word *word = &g_array_index (boxes->words, Word, w);
              if (word->page == page && g_str_has_prefix (word->text, "Mở"))
                g_assert_cmpfloat (word->y0, >, header->y1);
            }
        }

      /* Page numbers from page 2, at the top of the text, in the middle. */
      for (guint w = 0; w < boxes->words->len; w++)
        {
          Word *word = &g_array_index (boxes->words, Word, w);
          if (word->page == page && (top == NULL || word->y0 < top->y0))
            top = word;
        }
      g_assert_nonnull (top);
      if (page == 1)
        g_assert_cmpstr (top->text, !=, "1");
      else
        {
          g_assert_cmpstr (top->text, ==, number);
          g_assert_cmpfloat (fabs ((top->x0 + top->x1) / 2 -
                                   (30 * PT_PER_MM + (DT_DOCUMENT_PAGE_WIDTH - 45 * PT_PER_MM) / 2)),
                             <, 3);
          g_assert_cmpfloat (top->y0, <, 20 * PT_PER_MM + 6);
        }
    }
  /* The signatures come after the table, together on one page. */
  g_assert_cmpint (page_of (boxes, "Nơi"), ==, n_pages);
  g_assert_cmpint (page_of (boxes, "T/M"), ==, n_pages);

  /* The minutes of the same session run over pages too, numbered from page 2. */
  minutes->session = g_strdup ("HN-2025-01");
  write_document (fixture, minutes, minutes_pdf);
  assert_page_and_margins (minutes_pdf, 20, 20, 30, 15);
  {
    g_autoptr(Boxes) minutes_boxes = pdf_boxes (minutes_pdf);
    g_autofree char *first = pdf_layout_text (minutes_pdf, 1, 1);
    g_autofree char *second = pdf_layout_text (minutes_pdf, 2, 2);

    g_assert_cmpint (boxes_n_pages (minutes_boxes), >=, 8);
    g_assert_true (g_regex_match_simple ("^\\s*ĐẢNG BỘ", first, 0, 0));
    g_assert_true (g_regex_match_simple ("^\\s*2\\s*\\n", second, 0, 0));
    g_assert_false (g_regex_match_simple ("^\\s*1\\s", first, 0, 0));
    g_assert_cmpint (page_of (minutes_boxes, "Người"), ==, 1);
  }
}

/* Every document of the demo office, as the command line and the window make them. */
static void
test_demo (DtTestFixture *fixture,
           gconstpointer  data)
{
  DtDatabase *db = fixture->db;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sessions = NULL;
  g_auto(GStrv) plans = NULL;
  g_autoptr(DtPetitionFilter) filter = dt_petition_filter_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *held = NULL;
  const char *planned = NULL;
  const char *agency = NULL;
  const char *petition = NULL;

  if (!have_poppler ())
    return;
  dt_demo_generate (db, 300, 7, &error);
  g_assert_no_error (error);

  sessions = dt_session_list_codes (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; sessions[i] != NULL; i++)
    {
      g_autoptr(DtSession) session = dt_session_load (db, sessions[i], &error);
      g_assert_no_error (error);
      if (g_str_equal (session->status, "held") && g_str_equal (session->kind, "dialogue"))
        held = sessions[i];
      if (g_str_equal (session->status, "planned") && session->time != NULL && planned == NULL)
        planned = sessions[i];
    }
  g_assert_nonnull (held);
  plans = dt_plan_list_codes (db, &error);
  g_assert_no_error (error);

  filter->statuses = 1u << DT_STATUS_ASSIGNED;
  ids = dt_petition_query_ids (db, filter, DT_PETITION_ORDER_DAYS_OVERDUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  rows = dt_petition_rows_by_id (db, (gint64 *) ids->data, 1, NULL, &error);
  g_assert_no_error (error);
  agency = dt_petition_row_get_agency (g_ptr_array_index (rows, 0));
  petition = dt_petition_row_get_code (g_ptr_array_index (rows, 0));

  for (DtDocumentKind kind = 0; kind < DT_N_DOCUMENT_KINDS; kind++)
    {
      g_autoptr(DtDocumentRequest) request = dt_document_request_new (kind);
      g_autofree char *name = g_strdup_printf ("demo-%s.pdf", dt_document_kind_name (kind));
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(DtDocument) document = NULL;
      g_autofree char *text = NULL;

      request->session = g_strdup (kind == DT_DOCUMENT_NOTICE && planned != NULL ? planned
                                                                                 : held);
      request->plan = g_strdup (plans[g_strv_length (plans) - 1]);
      request->agency = g_strdup (agency);
      request->petitions = g_strsplit (petition, ",", -1);
      if (kind == DT_DOCUMENT_NOTICE && planned == NULL)
        {
          g_autoptr(DtSession) session = dt_session_load (db, held, &error);
          request->date = g_strdup (session->notice_date != NULL ? session->notice_date
                                                                 : session->date);
        }
      document = dt_document_build (db, request, &error);
      g_assert_no_error (error);
      dt_document_write_pdf (document, path, NULL, &error);
      g_assert_no_error (error);
      assert_page_and_margins (path, 20, 20, 30, 15);
      assert_fonts (path);
      {
        g_autofree char *kept = g_strdup_printf ("demo-%s", dt_document_kind_name (kind));
        keep_for_eyes (path, kept);
      }
      text = pdf_text (path, 0, 0);
      assert_has (text, "ĐẢNG CỘNG SẢN VIỆT NAM");
      assert_has (text, "ĐẢNG BỘ XÃ THẠCH LẠC");
      assert_has (text, "Thạch Lạc, ngày ");
      if (kind == DT_DOCUMENT_MINUTES)
        {
          assert_lacks (text, "Số ");
          assert_has (text, "CHỦ TRÌ HỘI NGHỊ");
        }
      else
        {
          assert_has (text, "/ĐU");
          assert_has (text, "BÍ THƯ");
        }
    }
}

/* The PDF goes through a temporary file: a failure leaves what was at the path untouched,
 * and the message names the path the person gave. */
static void
test_write_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_PLAN);
  g_autoptr(DtDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->base.dir, "không có", "kế hoạch.pdf",
                                               NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  request->plan = g_strdup ("KH-2025");
  document = dt_document_build (fixture->base.db, request, &error);
  g_assert_no_error (error);

  g_assert_false (dt_document_write_pdf (document, missing, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  g_assert_false (dt_document_write_pdf (document, fixture->base.dir, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, fixture->base.dir));
  g_clear_error (&error);

  /* Written over an older file in one step; nothing else is left in the folder. */
  g_file_set_contents (fixture->pdf, "an older version", -1, &error);
  g_assert_no_error (error);
  dt_document_write_pdf (document, fixture->pdf, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (fixture->pdf, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  dir = g_dir_open (fixture->base.dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "test.sqlite"))
      {
        g_assert_cmpstr (name, ==, "văn bản.pdf");
        n_files++;
      }
  g_assert_cmpuint (n_files, ==, 1);
}

/* The console program */

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *database = g_strconcat ("--database=", fixture->base.path, NULL);
  g_autofree char *out_dir = g_build_filename (fixture->base.dir, "ra", NULL);
  g_autofree char *pdf = g_build_filename (out_dir, "thông báo.pdf", NULL);
  g_autofree char *output = g_strconcat ("--output=", pdf, NULL);
  g_autofree char *missing = g_build_filename (fixture->base.dir, "không có", "x.pdf", NULL);
  g_autofree char *missing_output = g_strconcat ("--output=", missing, NULL);
  g_autofree char *dir_output = g_strconcat ("--output=", out_dir, NULL);
  g_autofree char *db_output = g_strconcat ("--output=", fixture->base.path, NULL);
  g_autoptr(DtSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(DtTestRun) run = { 0 };

  g_assert_cmpint (g_mkdir (out_dir, 0755), ==, 0);

  dt_test_cli (&run, NULL, database, "document", "notice", "--session=HN-2025-01", output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (run.out, "15-TB/ĐU"));
  if (have_poppler ())
    {
      g_autofree char *text = pdf_text (pdf, 0, 0);
      assert_has (text, "Thạch Lạc, ngày 09 tháng 4 năm 2025");
    }
  g_assert_cmpint (g_remove (pdf), ==, 0);

  /* An unknown code: exit 2, the code named, no file. */
  dt_test_cli (&run, NULL, database, "document", "minutes", "--session=HN-2030-07", output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "HN-2030-07"));
  dt_test_cli (&run, NULL, database, "document", "transfer", "--petition=2025-0002,2099-0001",
               output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "2099-0001"));
  dt_test_cli (&run, NULL, database, "document", "reminder", "--agency=Hội Người cao tuổi", output,
               NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpuint (count_files (out_dir), ==, 0);

  /* A record that lacks what the document needs: exit 2, the field named. */
  {
    g_autoptr(DtSession) bare = dt_session_new ();
    bare->code = g_strdup ("HN-2025-09");
    bare->kind = g_strdup ("dialogue");
    bare->date = g_strdup ("2026-12-20");
    bare->location = g_strdup ("Hội trường xã");
    bare->status = g_strdup ("planned");
    dt_session_insert (fixture->base.db, bare, &error);
    g_assert_no_error (error);
  }
  dt_test_cli (&run, NULL, database, "document", "notice", "--session=HN-2025-09", output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "(time)"));
  g_assert_cmpuint (count_files (out_dir), ==, 0);

  /* Bad usage: exit 1. */
  dt_test_cli (&run, NULL, database, "document", "poster", "--session=HN-2025-01", output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "poster"));
  dt_test_cli (&run, NULL, database, "document", "notice", "--session=HN-2025-01", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--output"));
  dt_test_cli (&run, NULL, database, "document", "notice", output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--session"));
  dt_test_cli (&run, NULL, database, "document", "notice", "--session=HN-2025-01",
               "--agency=UBND xã", output,
                     NULL);
  g_assert_cmpint (run.status, ==, 1);
  dt_test_cli (&run, NULL, database, "document", "reminder", "--agency=UBND xã",
               "--as-of=2025-02-30", output,
                     NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "2025-02-30"));

  /* An output that cannot be written: exit 1, its own name in the message, nothing left. */
  dt_test_cli (&run, NULL, database, "document", "plan", "--plan=KH-2025", missing_output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, missing));
  dt_test_cli (&run, NULL, database, "document", "plan", "--plan=KH-2025", dir_output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, out_dir));
  dt_test_cli (&run, NULL, database, "document", "plan", "--plan=KH-2025", db_output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_files (out_dir), ==, 0);

  /* --record keeps the number and date on the session. */
  dt_test_cli (&run, NULL, database, "document", "conclusion", "--session=HN-2025-01",
               "--date=2025-04-22",
                     "--record", output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  session = dt_session_load (fixture->base.db, "HN-2025-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (session->conclusion_number, ==, "16-TB/ĐU");
  g_assert_cmpstr (session->conclusion_date, ==, "2025-04-22");
  g_assert_cmpuint (count_files (out_dir), ==, 1);

  dt_test_cli (&run, NULL, "document", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--petition"));
  g_assert_nonnull (strstr (run.out, "--output"));

}

int
main (int    argc,
      char **argv)
{
  g_autofree char *program = g_canonicalize_filename (argv[0], NULL);
  g_autofree char *here = g_path_get_dirname (program);

  g_test_init (&argc, &argv, NULL);
  keep_dir = g_build_filename (here, "documents", NULL);
  g_setenv ("DOITHOAI_TODAY", "2026-11-26", TRUE);

  OFFICE_TEST ("/documents/notice", test_notice);
  OFFICE_TEST ("/documents/party-underline", test_party_underline);
  OFFICE_TEST ("/documents/minutes", test_minutes);
  OFFICE_TEST ("/documents/conclusion-masked", test_conclusion);
  OFFICE_TEST ("/documents/transfer", test_transfer);
  OFFICE_TEST ("/documents/reminder-overdue-first", test_reminder);
  OFFICE_TEST ("/documents/plan", test_plan);
  OFFICE_TEST ("/documents/numbers", test_numbers);
  OFFICE_TEST ("/documents/missing-fields", test_missing);
  OFFICE_TEST ("/documents/margins", test_margins);
  OFFICE_TEST ("/documents/long-pages-and-rows", test_long_document);
  OFFICE_TEST ("/documents/write-errors", test_write_errors);
  OFFICE_TEST ("/documents/command-line", test_cli);
  DT_TEST_ADD ("/documents/demo-office", test_demo);
  return g_test_run ();
}
