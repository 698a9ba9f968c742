/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>
#ifdef G_OS_UNIX
# include <sys/resource.h>
#endif

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-output.h"
#include "dt-records.h"
#include "dt-report-private.h"
#include "dt-text.h"
#include "dt-util.h"

/* The workbook of DESIGN §6. Everything in it is Vietnamese, whatever the interface language:
 * it is an official document. libxlsxwriter runs in constant-memory mode, each sheet written
 * row after row straight from the queries: the petitions of the period stream into the
 * register while their figures are counted, and the summary, first of the sheets, is written
 * last. */

#define FONT "Times New Roman"
#define SHEET_SUMMARY "Tổng hợp"
#define SHEET_SESSIONS "Hội nghị"
#define SHEET_PETITIONS "Ý kiến, kiến nghị"
#define SHEET_OVERDUE "Quá hạn"
#define MASKED "(bảo mật)"
/* What one cell holds (Excel). */
#define MAX_CELL_CHARS 32767

/* The share of the progress bar each part takes. */
#define PROGRESS_SCAN 0.75
#define PROGRESS_OVERDUE 0.85
#define PROGRESS_SUMMARY 0.90

typedef struct
{
  lxw_format *top;            /* the heading's lines */
  lxw_format *top_bold;
  lxw_format *party;          /* ĐẢNG CỘNG SẢN VIỆT NAM */
  lxw_format *date_line;
  lxw_format *title;
  lxw_format *subtitle;
  lxw_format *as_of;
  lxw_format *section;        /* "I. …" above a table */
  lxw_format *th;             /* table header */
  lxw_format *td;             /* text */
  lxw_format *td_center;
  lxw_format *td_number;
  lxw_format *td_rate;
  lxw_format *td_date;
  lxw_format *td_bold;
  lxw_format *td_bold_number;
  lxw_format *td_bold_rate;
  lxw_format *sign_bold;
  lxw_format *sign_italic;
} Formats;

typedef struct
{
  lxw_worksheet *ws;
  const char    *name;
  lxw_row_t      row;        /* the next row to write */
  lxw_col_t      last_col;
  lxw_row_t      header_row; /* of the table, repeated on every printed page */
  guint          n;          /* rows listed so far */
  double         widths[32]; /* of the columns, in Excel's units */
} Sheet;

typedef struct
{
  DtDatabase            *db;
  DtUnit                *unit;
  DtPeriod               period;
  GDate                  as_of;
  GDate                  today;
  lxw_workbook          *wb;
  Formats                f;
  Sheet                  summary;
  Sheet                  sessions;
  Sheet                  petitions;
  Sheet                  overdue;
  lxw_error              failed;      /* the first error of libxlsxwriter */
  GCancellable          *cancellable;
  DtReportProgressFunc   progress;
  gpointer               user_data;
} Writer;

static void
note (Writer    *w,
      lxw_error  error)
{
  if (error != LXW_NO_ERROR && w->failed == LXW_NO_ERROR)
    w->failed = error;
}

static lxw_format *
new_format (lxw_workbook *wb,
            double        size,
            gboolean      bold,
            gboolean      italic,
            uint8_t       align,
            gboolean      border,
            const char   *num_format)
{
  lxw_format *format = workbook_add_format (wb);

  format_set_font_name (format, FONT);
  format_set_font_size (format, size);
  if (bold)
    format_set_bold (format);
  if (italic)
    format_set_italic (format);
  format_set_align (format, align);
  format_set_align (format, LXW_ALIGN_VERTICAL_CENTER);
  if (border)
    {
      format_set_border (format, LXW_BORDER_THIN);
      format_set_text_wrap (format);
    }
  if (num_format != NULL)
    format_set_num_format (format, num_format);
  return format;
}

static void
make_formats (Writer *w)
{
  lxw_workbook *wb = w->wb;
  Formats *f = &w->f;

  f->top = new_format (wb, 12, FALSE, FALSE, LXW_ALIGN_CENTER, FALSE, NULL);
  f->top_bold = new_format (wb, 12, TRUE, FALSE, LXW_ALIGN_CENTER, FALSE, NULL);
  f->party = new_format (wb, 13, TRUE, FALSE, LXW_ALIGN_CENTER, FALSE, NULL);
  format_set_underline (f->party, LXW_UNDERLINE_SINGLE);
  f->date_line = new_format (wb, 12, FALSE, TRUE, LXW_ALIGN_CENTER, FALSE, NULL);
  f->title = new_format (wb, 14, TRUE, FALSE, LXW_ALIGN_CENTER, FALSE, NULL);
  format_set_text_wrap (f->title);
  f->subtitle = new_format (wb, 13, TRUE, FALSE, LXW_ALIGN_CENTER, FALSE, NULL);
  f->as_of = new_format (wb, 12, FALSE, TRUE, LXW_ALIGN_CENTER, FALSE, NULL);
  f->section = new_format (wb, 12, TRUE, FALSE, LXW_ALIGN_LEFT, FALSE, NULL);
  f->th = new_format (wb, 11, TRUE, FALSE, LXW_ALIGN_CENTER, TRUE, NULL);
  f->td = new_format (wb, 11, FALSE, FALSE, LXW_ALIGN_LEFT, TRUE, NULL);
  f->td_center = new_format (wb, 11, FALSE, FALSE, LXW_ALIGN_CENTER, TRUE, NULL);
  f->td_number = new_format (wb, 11, FALSE, FALSE, LXW_ALIGN_RIGHT, TRUE, "#,##0");
  f->td_rate = new_format (wb, 11, FALSE, FALSE, LXW_ALIGN_RIGHT, TRUE, "0.0");
  f->td_date = new_format (wb, 11, FALSE, FALSE, LXW_ALIGN_CENTER, TRUE, "dd/mm/yyyy");
  f->td_bold = new_format (wb, 11, TRUE, FALSE, LXW_ALIGN_LEFT, TRUE, NULL);
  f->td_bold_number = new_format (wb, 11, TRUE, FALSE, LXW_ALIGN_RIGHT, TRUE, "#,##0");
  f->td_bold_rate = new_format (wb, 11, TRUE, FALSE, LXW_ALIGN_RIGHT, TRUE, "0.0");
  f->sign_bold = new_format (wb, 12, TRUE, FALSE, LXW_ALIGN_CENTER, FALSE, NULL);
  f->sign_italic = new_format (wb, 12, FALSE, TRUE, LXW_ALIGN_CENTER, FALSE, NULL);
}

/* ------------------------------------------------------------------------------------------
 * Cells
 * ------------------------------------------------------------------------------------------ */

/* Text is always written as a string, never read as a formula ("=…", "+…", "-…", "@…" stay
 * what the secretary typed), and cut to what a cell holds. */
static void
put_text (Writer      *w,
          Sheet       *sheet,
          lxw_row_t    row,
          lxw_col_t    col,
          const char  *text,
          lxw_format  *format)
{
  g_autofree char *cut = NULL;

  if (text == NULL || *text == '\0')
    {
      note (w, worksheet_write_blank (sheet->ws, row, col, format));
      return;
    }
  /* Fewer bytes than the limit is fewer characters too. */
  if (strlen (text) > MAX_CELL_CHARS && g_utf8_strlen (text, -1) > MAX_CELL_CHARS)
    text = cut = g_utf8_substring (text, 0, MAX_CELL_CHARS);
  note (w, worksheet_write_string (sheet->ws, row, col, text, format));
}

static void
put_number (Writer      *w,
            Sheet       *sheet,
            lxw_row_t    row,
            lxw_col_t    col,
            double       value,
            lxw_format  *format)
{
  note (w, worksheet_write_number (sheet->ws, row, col, value, format));
}

/* A real date, shown dd/mm/yyyy; a blank cell for none. */
static void
put_date (Writer      *w,
          Sheet       *sheet,
          lxw_row_t    row,
          lxw_col_t    col,
          const char  *iso,
          lxw_format  *format)
{
  GDate date;
  lxw_datetime datetime = { 0 };

  if (iso == NULL || !dt_date_parse (iso, &date))
    {
      note (w, worksheet_write_blank (sheet->ws, row, col, format));
      return;
    }
  datetime.year = g_date_get_year (&date);
  datetime.month = g_date_get_month (&date);
  datetime.day = g_date_get_day (&date);
  note (w, worksheet_write_datetime (sheet->ws, row, col, &datetime, format));
}

static void
put_merged (Writer      *w,
            Sheet       *sheet,
            lxw_row_t    row,
            lxw_col_t    first,
            lxw_col_t    last,
            const char  *text,
            lxw_format  *format)
{
  if (first == last)
    {
      put_text (w, sheet, row, first, text, format);
      return;
    }
  /* An empty merged cell would be left out of the file with its format. */
  note (w, worksheet_merge_range (sheet->ws, row, first, row, last, "", format));
  if (text != NULL && *text != '\0')
    put_text (w, sheet, row, first, text, format);
}

/* The height a row needs (points) for its wrapped cells, counted by words on lines of the
 * column's width: LibreOffice does not size rows itself when it opens a workbook, and a
 * clipped cell prints clipped. Times New Roman 11 pt fits some 1.3 characters per unit of
 * column width (1.15 in bold). */
#define LINE_POINTS 14.5
#define MAX_ROW_POINTS 409.0

static guint
count_lines (const char *text,
             double      width,
             double      per_unit)
{
  glong capacity = MAX (1, (glong) (width * per_unit));
  glong used = 0;       /* characters on the line so far */
  glong word = 0;       /* characters of the word being read */
  guint lines = 1;

  /* Most cells fit on one line: told by their length alone. */
  if ((glong) strlen (text) <= capacity && strchr (text, '\n') == NULL)
    return 1;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != ' ' && c != '\n' && c != 0)
        {
          word++;
          continue;
        }
      if (word > 0)
        {
          if (used > 0 && used + 1 + word <= capacity)
            used += 1 + word;
          else
            {
              if (used > 0)
                lines++;
              /* A word longer than the line breaks where it must. */
              lines += (guint) ((word - 1) / capacity);
              used = (word - 1) % capacity + 1;
            }
          word = 0;
        }
      if (c == 0 || lines > 40)
        break;
      if (c == '\n')
        {
          lines++;
          used = 0;
        }
    }
  return lines;
}

static double
row_height (const char * const *texts,
            const double       *widths,
            guint               n,
            gboolean            bold)
{
  guint lines = 1;

  for (guint i = 0; i < n; i++)
    if (texts[i] != NULL && *texts[i] != '\0')
      lines = MAX (lines, count_lines (texts[i], widths[i], bold ? 1.15 : 1.3));
  return MIN (MAX_ROW_POINTS, 3 + lines * LINE_POINTS);
}

static void
set_height (Writer   *w,
            Sheet    *sheet,
            lxw_row_t row,
            double    points)
{
  note (w, worksheet_set_row (sheet->ws, row, points, NULL));
}

/* ------------------------------------------------------------------------------------------
 * Sheets: page set-up, heading, table headers, the signature
 * ------------------------------------------------------------------------------------------ */

static void
set_up_page (Writer *w,
             Sheet  *sheet)
{
  lxw_worksheet *ws = sheet->ws;

  worksheet_set_paper (ws, 9);   /* A4 */
  worksheet_set_landscape (ws);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_center_horizontally (ws);
  worksheet_set_margins (ws, 0.6, 0.4, 0.6, 0.6);
  note (w, worksheet_set_footer (ws, "&C&\"" FONT ",Regular\"&10Trang &P/&N"));
}

static void
set_columns (Writer       *w,
             Sheet        *sheet,
             const double *widths,
             guint         n)
{
  g_assert (n <= G_N_ELEMENTS (sheet->widths));
  for (guint i = 0; i < n; i++)
    {
      sheet->widths[i] = widths[i];
      note (w, worksheet_set_column (sheet->ws, (lxw_col_t) i, (lxw_col_t) i, widths[i], NULL));
    }
  sheet->last_col = (lxw_col_t) (n - 1);
}

static char *
upper (const char *text)
{
  return text != NULL ? g_utf8_strup (text, -1) : NULL;
}

/* Issuing body and ĐẢNG CỘNG SẢN VIỆT NAM, the place and date, the title, the period and the
 * as-of date: one merged row each, across the sheet. */
static void
write_heading (Writer     *w,
               Sheet      *sheet,
               const char *title)
{
  g_autofree char *superior = upper (w->unit->superior);
  g_autofree char *body = upper (w->unit->name);
  g_autofree char *date_line = dt_text_date_line (w->unit->place, &w->today);
  g_autofree char *period = dt_period_title_vi (&w->period);
  g_autofree char *period_line = NULL;
  g_autofree char *as_of = dt_date_format_display (&w->as_of);
  g_autofree char *as_of_line = g_strdup_printf ("Số liệu tính đến ngày %s", as_of);
  lxw_col_t last = sheet->last_col;
  lxw_col_t middle = (last + 1) * 2 / 5;

  if (w->period.kind == DT_PERIOD_RANGE)
    period_line = g_steal_pointer (&period);
  else
    {
      g_autofree char *from = dt_date_format_display (&w->period.start);
      g_autofree char *to = dt_date_format_display (&w->period.end);

      period_line = g_strdup_printf ("%s (từ ngày %s đến ngày %s)", period, from, to);
    }

  put_merged (w, sheet, 0, 0, middle - 1, superior, w->f.top);
  put_merged (w, sheet, 0, middle, last, "ĐẢNG CỘNG SẢN VIỆT NAM", w->f.party);
  put_merged (w, sheet, 1, 0, middle - 1, body, w->f.top_bold);
  put_merged (w, sheet, 1, middle, last, date_line, w->f.date_line);
  put_merged (w, sheet, 2, 0, middle - 1, "*", w->f.top);
  set_height (w, sheet, 4, 36);
  put_merged (w, sheet, 4, 0, last, title, w->f.title);
  put_merged (w, sheet, 5, 0, last, period_line, w->f.subtitle);
  put_merged (w, sheet, 6, 0, last, as_of_line, w->f.as_of);
  sheet->row = 8;
}

static void
write_table_header (Writer             *w,
                    Sheet              *sheet,
                    const char * const *labels,
                    guint               n)
{
  set_height (w, sheet, sheet->row, row_height (labels, sheet->widths, n, TRUE));
  for (guint i = 0; i < n; i++)
    put_text (w, sheet, sheet->row, (lxw_col_t) i, labels[i], w->f.th);
  sheet->header_row = sheet->row;
  sheet->row++;
}

/* Sizes the next row of SHEET to its texts, one per column (NULL for the others). */
static void
fit_row (Writer             *w,
         Sheet              *sheet,
         const char * const *texts,
         guint               n)
{
  double height = row_height (texts, sheet->widths, n, FALSE);

  /* One line fits the default height (15 pt): most rows say nothing of it, and the file is
   * the smaller for it. */
  if (height > 3 + LINE_POINTS)
    set_height (w, sheet, sheet->row, height);
}

static void
write_section (Writer     *w,
               Sheet      *sheet,
               const char *text)
{
  sheet->row++;
  put_text (w, sheet, sheet->row, 0, text, w->f.section);
  sheet->row++;
}

/* NGƯỜI LẬP BIỂU on the left; on the right T/M BAN THƯỜNG VỤ, BÍ THƯ, room to sign and the
 * name (DESIGN §5). */
static void
write_signature (Writer *w,
                 Sheet  *sheet)
{
  lxw_col_t last = sheet->last_col;
  lxw_col_t right = (last + 1) / 2;
  lxw_row_t row = sheet->row + 1;
  const char *on_behalf = w->unit->signer_on_behalf != NULL ? w->unit->signer_on_behalf
                                                            : "T/M BAN THƯỜNG VỤ";
  const char *title = w->unit->signer_title != NULL ? w->unit->signer_title : "BÍ THƯ";

  put_merged (w, sheet, row, 0, right - 1, "NGƯỜI LẬP BIỂU", w->f.sign_bold);
  put_merged (w, sheet, row, right, last, on_behalf, w->f.sign_bold);
  put_merged (w, sheet, row + 1, right, last, title, w->f.sign_bold);
  put_merged (w, sheet, row + 2, right, last, "(Ký, ghi rõ họ tên)", w->f.sign_italic);
  put_merged (w, sheet, row + 2, 0, right - 1, "(Ký, ghi rõ họ tên)", w->f.sign_italic);
  if (w->unit->signer_name != NULL)
    put_merged (w, sheet, row + 7, right, last, w->unit->signer_name, w->f.sign_bold);
  sheet->row = row + 8;
}

static void
finish_sheet (Writer *w,
              Sheet  *sheet)
{
  note (w, worksheet_repeat_rows (sheet->ws, sheet->header_row, sheet->header_row));
}

/* ------------------------------------------------------------------------------------------
 * Hội nghị: the sessions of the period
 * ------------------------------------------------------------------------------------------ */

static const char * const session_headers[] = {
  "STT", "Mã số", "Hình thức", "Ngày", "Địa điểm", "Chủ đề", "Chủ trì", "Tình trạng",
  "Số người dự", "Số ý kiến", "Ngày thông báo", "Thông báo", "Ngày kết luận", "Kết luận",
};
static const double session_widths[] = {
  5, 12, 11, 11, 22, 30, 18, 11, 9, 9, 11, 10, 11, 11,
};
G_STATIC_ASSERT (G_N_ELEMENTS (session_headers) == G_N_ELEMENTS (session_widths));

static gboolean
session_cb (const DtReportSession  *s,
            gpointer                user_data,
            GError                **error)
{
  Writer *w = user_data;
  Sheet *sheet = &w->sessions;
  const char *notice = s->notice == 1 ? "Đúng hạn" : s->notice == 0 ? "Chậm" : NULL;
  const char *conclusion = NULL;
  const char *kind = dt_choice_label_vi (DT_RECORD_SESSION, "kind", s->kind);
  const char *place = s->location != NULL ? s->location : s->village;
  const char *texts[] = { NULL, s->code, kind, NULL, place, s->topic, s->chair, NULL, NULL,
                          NULL, NULL, NULL, NULL, "Chưa đến hạn" };
  lxw_row_t row;

  if (g_str_equal (s->status, "held"))
    conclusion = s->conclusion == 1 ? "Đúng hạn" : s->conclusion == 0 ? "Chậm" : "Chưa đến hạn";
  fit_row (w, sheet, texts, G_N_ELEMENTS (texts));
  row = sheet->row++;

  put_number (w, sheet, row, 0, ++sheet->n, w->f.td_center);
  put_text (w, sheet, row, 1, s->code, w->f.td);
  put_text (w, sheet, row, 2, kind, w->f.td);
  put_date (w, sheet, row, 3, s->date, w->f.td_date);
  put_text (w, sheet, row, 4, place, w->f.td);
  put_text (w, sheet, row, 5, s->topic, w->f.td);
  put_text (w, sheet, row, 6, s->chair, w->f.td);
  put_text (w, sheet, row, 7, dt_choice_label_vi (DT_RECORD_SESSION, "status", s->status),
            w->f.td_center);
  if (s->attendance != DT_NO_INT && g_str_equal (s->status, "held"))
    put_number (w, sheet, row, 8, s->attendance, w->f.td_number);
  else
    put_text (w, sheet, row, 8, NULL, w->f.td_number);
  put_number (w, sheet, row, 9, s->petitions, w->f.td_number);
  put_date (w, sheet, row, 10, s->notice_date, w->f.td_date);
  put_text (w, sheet, row, 11, notice, w->f.td_center);
  put_date (w, sheet, row, 12, s->conclusion_date, w->f.td_date);
  put_text (w, sheet, row, 13, conclusion, w->f.td_center);
  return w->failed == LXW_NO_ERROR;
}

/* A confidential petitioner's name and address leave no trace, not even inside the summary
 * where the secretary may have written them, in whatever case or marks (as the exchange
 * format masks them). */
static char *
mask_person (const char *text,
             const char *name,
             const char *address)
{
  g_auto(GStrv) secrets = dt_text_person_secrets (name, address);

  return dt_text_mask (text, (const char * const *) secrets, MASKED);
}

/* The register reads no addresses: the few confidential petitions' are looked up. */
static char *
address_of (Writer *w,
            gint64  id)
{
  sqlite3_stmt *stmt = _dt_database_prepare_static (w->db, "SELECT address FROM petitions "
                                                           "WHERE id = ?1", NULL);
  char *address = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    address = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return address;
}

/* ------------------------------------------------------------------------------------------
 * Ý kiến, kiến nghị: the register of the period
 * ------------------------------------------------------------------------------------------ */

static const char * const petition_headers[] = {
  "STT", "Mã số", "Ngày nhận", "Hình thức tiếp nhận", "Người kiến nghị", "Thôn, tổ dân phố",
  "Lĩnh vực", "Nội dung tóm tắt", "Cơ quan được giao", "Ngày giao", "Hạn giải quyết",
  "Tình trạng", "Ngày xử lý", "Ghi chú",
};
static const double petition_widths[] = {
  5, 10, 11, 13, 18, 14, 14, 40, 16, 11, 11, 16, 11, 16,
};
G_STATIC_ASSERT (G_N_ELEMENTS (petition_headers) == G_N_ELEMENTS (petition_widths));

static gboolean
petition_cb (const DtReportPetition  *p,
             gpointer                 user_data,
             GError                 **error)
{
  Writer *w = user_data;
  Sheet *sheet = &w->petitions;
  g_autofree char *remark = NULL;
  const char *channel = dt_choice_label_vi (DT_RECORD_PETITION, "channel", p->channel);
  const char *petitioner = p->confidential ? MASKED : p->petitioner;
  const char *status = _dt_report_category_label_vi (p->category);
  g_autofree char *address = p->confidential ? address_of (w, p->id) : NULL;
  g_autofree char *summary = p->confidential ? mask_person (p->summary, p->petitioner, address)
                                             : g_strdup (p->summary);
  lxw_row_t row;

  if (p->duplicate_of != NULL)
    remark = g_strdup_printf ("Trùng với ý kiến %s", p->duplicate_of);
  else if (p->escalated_to != NULL)
    remark = g_strdup_printf ("Chuyển đến: %s", p->escalated_to);
  {
    const char *texts[] = { NULL, p->code, NULL, channel, petitioner, p->village, p->field,
                            summary, p->agency, NULL, NULL, status, NULL, remark };

    fit_row (w, sheet, texts, G_N_ELEMENTS (texts));
  }
  row = sheet->row++;

  put_number (w, sheet, row, 0, ++sheet->n, w->f.td_center);
  put_text (w, sheet, row, 1, p->code, w->f.td);
  put_date (w, sheet, row, 2, p->received, w->f.td_date);
  put_text (w, sheet, row, 3, channel, w->f.td);
  put_text (w, sheet, row, 4, petitioner, w->f.td);
  put_text (w, sheet, row, 5, p->village, w->f.td);
  put_text (w, sheet, row, 6, p->field, w->f.td);
  put_text (w, sheet, row, 7, summary, w->f.td);
  put_text (w, sheet, row, 8, p->agency, w->f.td);
  put_date (w, sheet, row, 9, p->assigned_date, w->f.td_date);
  put_date (w, sheet, row, 10, p->assigned_date != NULL ? p->deadline : NULL, w->f.td_date);
  put_text (w, sheet, row, 11, status, w->f.td);
  put_date (w, sheet, row, 12, p->closed_date, w->f.td_date);
  put_text (w, sheet, row, 13, remark, w->f.td);
  return w->failed == LXW_NO_ERROR;
}

/* ------------------------------------------------------------------------------------------
 * Quá hạn: every petition overdue as of A
 * ------------------------------------------------------------------------------------------ */

static const char * const overdue_headers[] = {
  "STT", "Mã số", "Ngày nhận", "Người kiến nghị", "Thôn, tổ dân phố", "Lĩnh vực",
  "Nội dung tóm tắt", "Cơ quan được giao", "Ngày giao", "Hạn giải quyết", "Số ngày quá hạn",
};
static const double overdue_widths[] = {
  5, 10, 11, 18, 14, 14, 44, 18, 11, 11, 10,
};
G_STATIC_ASSERT (G_N_ELEMENTS (overdue_headers) == G_N_ELEMENTS (overdue_widths));

static gboolean
write_overdue (Writer    *w,
               DtReport  *report,
               GError   **error)
{
  Sheet *sheet = &w->overdue;
  const gint64 *ids;
  guint n_ids;
  sqlite3_stmt *stmt;

  ids = _dt_report_get_overdue_ids (report, &n_ids);
  stmt = _dt_database_prepare_static (w->db,
    "SELECT p.code, p.received, p.petitioner, p.confidential, v.name, f.name, p.summary, "
    "       a.name, p.assigned_date, p.deadline, p.address "
    "FROM petitions p "
    "LEFT JOIN villages v ON v.id = p.village_id "
    "LEFT JOIN fields f ON f.id = p.field_id "
    "LEFT JOIN agencies a ON a.id = p.agency_id "
    "WHERE p.id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_ids; i++)
    {
      const char *assigned, *deadline;
      GDate due, as_of = w->as_of;
      lxw_row_t row;
      int rc;

      if (i % 256 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
            return FALSE;
          if (w->progress != NULL)
            w->progress (PROGRESS_SCAN + (PROGRESS_OVERDUE - PROGRESS_SCAN) * i / n_ids,
                         w->user_data);
        }
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          return _dt_database_fail (w->db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
        }
      assigned = (const char *) sqlite3_column_text (stmt, 8);
      deadline = (const char *) sqlite3_column_text (stmt, 9);
      if (deadline == NULL &&
          !(deadline = _dt_database_computed_deadline (w->db, assigned, error)))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }

#define COLUMN(i) ((const char *) sqlite3_column_text (stmt, (i)))
      {
        gboolean confidential = sqlite3_column_int (stmt, 3) != 0;
        const char *petitioner = confidential ? MASKED : COLUMN (2);
        g_autofree char *summary = confidential ? mask_person (COLUMN (6), COLUMN (2),
                                                               COLUMN (10))
                                                : g_strdup (COLUMN (6));
        const char *texts[] = { NULL, COLUMN (0), NULL, petitioner, COLUMN (4), COLUMN (5),
                                summary, COLUMN (7) };

        fit_row (w, sheet, texts, G_N_ELEMENTS (texts));
        row = sheet->row++;
        put_number (w, sheet, row, 0, ++sheet->n, w->f.td_center);
        put_text (w, sheet, row, 1, COLUMN (0), w->f.td);
        put_date (w, sheet, row, 2, COLUMN (1), w->f.td_date);
        put_text (w, sheet, row, 3, petitioner, w->f.td);
        put_text (w, sheet, row, 4, COLUMN (4), w->f.td);
        put_text (w, sheet, row, 5, COLUMN (5), w->f.td);
        put_text (w, sheet, row, 6, summary, w->f.td);
        put_text (w, sheet, row, 7, COLUMN (7), w->f.td);
      }
#undef COLUMN
      put_date (w, sheet, row, 8, assigned, w->f.td_date);
      put_date (w, sheet, row, 9, deadline, w->f.td_date);
      dt_date_parse (deadline, &due);
      put_number (w, sheet, row, 10, g_date_days_between (&due, &as_of), w->f.td_number);
      sqlite3_reset (stmt);
    }
  return w->failed == LXW_NO_ERROR;
}

/* ------------------------------------------------------------------------------------------
 * Tổng hợp
 * ------------------------------------------------------------------------------------------ */

/* The petition figures of a breakdown's row, from Tổng số to Tỷ lệ giải quyết. */
static const char * const count_headers[] = {
  "Tổng số", "Đã trả lời tại hội nghị", "Đã giải quyết đúng hạn", "Đã giải quyết quá hạn",
  "Đang giải quyết trong hạn", "Quá hạn chưa giải quyết", "Chuyển cấp có thẩm quyền",
  "Không thuộc phạm vi", "Rút ý kiến", "Chưa phân công", "Ý kiến trùng lặp",
  "Tỷ lệ giải quyết (%)",
};
static const char * const agency_headers[] = {
  "Số được giao", "Đã giải quyết đúng hạn", "Đã giải quyết quá hạn",
  "Đang giải quyết trong hạn", "Quá hạn chưa giải quyết",
};
#define SUMMARY_COLUMNS (2 + G_N_ELEMENTS (count_headers))

static void
counts_values (const DtReportCounts *c,
               double               *values)
{
  guint v[] = { c->total, c->answered, c->resolved_on_time, c->resolved_late, c->in_time,
                c->overdue, c->escalated, c->declined, c->withdrawn, c->unassigned,
                c->duplicates };

  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    values[i] = v[i];
}

static void
add_counts (DtReportCounts       *sum,
            const DtReportCounts *c)
{
  sum->total += c->total;
  sum->answered += c->answered;
  sum->resolved_on_time += c->resolved_on_time;
  sum->resolved_late += c->resolved_late;
  sum->in_time += c->in_time;
  sum->overdue += c->overdue;
  sum->escalated += c->escalated;
  sum->declined += c->declined;
  sum->withdrawn += c->withdrawn;
  sum->unassigned += c->unassigned;
  sum->duplicates += c->duplicates;
  sum->assigned += c->assigned;
}

static void
write_counts_row (Writer               *w,
                  Sheet                *sheet,
                  guint                 number,
                  const char           *name,
                  const DtReportCounts *c,
                  gboolean              bold)
{
  const char *texts[] = { NULL, name };
  double values[G_N_ELEMENTS (count_headers) - 1];
  lxw_row_t row;
  double rate;

  fit_row (w, sheet, texts, G_N_ELEMENTS (texts));
  row = sheet->row++;
  counts_values (c, values);
  if (number > 0)
    put_number (w, sheet, row, 0, number, w->f.td_center);
  else
    put_text (w, sheet, row, 0, NULL, w->f.td_center);
  put_text (w, sheet, row, 1, name, bold ? w->f.td_bold : w->f.td);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    put_number (w, sheet, row, (lxw_col_t) (2 + i), values[i],
                bold ? w->f.td_bold_number : w->f.td_number);
  if (dt_report_counts_rate (c, &rate))
    put_number (w, sheet, row, SUMMARY_COLUMNS - 1, rate, bold ? w->f.td_bold_rate : w->f.td_rate);
  else
    put_text (w, sheet, row, SUMMARY_COLUMNS - 1, NULL, w->f.td_rate);
}

/* A breakdown table; returns the row of its first group (for the chart). */
static lxw_row_t
write_breakdown (Writer            *w,
                 Sheet             *sheet,
                 DtReport          *report,
                 DtReportBreakdown  by,
                 const char        *section,
                 const char        *column)
{
  const char *headers[SUMMARY_COLUMNS] = { "STT", column };
  DtReportCounts sum = { 0 };
  guint n = dt_report_get_n_groups (report, by);
  lxw_row_t first;

  for (guint i = 0; i < G_N_ELEMENTS (count_headers); i++)
    headers[2 + i] = count_headers[i];
  write_section (w, sheet, section);
  write_table_header (w, sheet, headers, G_N_ELEMENTS (headers));
  first = sheet->row;
  for (guint i = 0; i < n; i++)
    {
      const DtReportCounts *c = dt_report_get_group_counts (report, by, i, DT_REPORT_TOTAL);

      write_counts_row (w, sheet, i + 1, dt_report_get_group_name (report, by, i), c, FALSE);
      add_counts (&sum, c);
    }
  write_counts_row (w, sheet, 0, "Tổng cộng", &sum, TRUE);
  return first;
}

static void
write_agencies (Writer   *w,
                Sheet    *sheet,
                DtReport *report)
{
  const char *headers[2 + G_N_ELEMENTS (agency_headers)] = { "STT", "Cơ quan, đơn vị" };
  DtReportCounts sum = { 0 };
  guint n = dt_report_get_n_groups (report, DT_REPORT_BY_AGENCY);

  for (guint i = 0; i < G_N_ELEMENTS (agency_headers); i++)
    headers[2 + i] = agency_headers[i];
  write_section (w, sheet, "IV. PHÂN THEO CƠ QUAN, ĐƠN VỊ ĐƯỢC GIAO GIẢI QUYẾT");
  write_table_header (w, sheet, headers, G_N_ELEMENTS (headers));
  for (guint i = 0; i <= n; i++)
    {
      const DtReportCounts *c;
      gboolean total = i == n;
      lxw_format *number = total ? w->f.td_bold_number : w->f.td_number;
      const char *name = total ? "Tổng cộng"
                               : dt_report_get_group_name (report, DT_REPORT_BY_AGENCY, i);
      const char *texts[] = { NULL, name };
      lxw_row_t row;

      fit_row (w, sheet, texts, G_N_ELEMENTS (texts));
      row = sheet->row++;
      if (total)
        {
          c = &sum;
          put_text (w, sheet, row, 0, NULL, w->f.td_center);
        }
      else
        {
          c = dt_report_get_group_counts (report, DT_REPORT_BY_AGENCY, i, DT_REPORT_TOTAL);
          add_counts (&sum, c);
          put_number (w, sheet, row, 0, i + 1, w->f.td_center);
        }
      put_text (w, sheet, row, 1, name, total ? w->f.td_bold : w->f.td);
      put_number (w, sheet, row, 2, c->assigned, number);
      put_number (w, sheet, row, 3, c->resolved_on_time, number);
      put_number (w, sheet, row, 4, c->resolved_late, number);
      put_number (w, sheet, row, 5, c->in_time, number);
      put_number (w, sheet, row, 6, c->overdue, number);
    }
}

static void
style_chart (lxw_chart  *chart,
             const char *title)
{
  lxw_chart_font title_font = { .name = FONT, .size = 12, .bold = LXW_TRUE };
  lxw_chart_font axis_font = { .name = FONT, .size = 9 };

  chart_title_set_name (chart, title);
  chart_title_set_name_font (chart, &title_font);
  chart_axis_set_num_font (chart->x_axis, &axis_font);
  chart_axis_set_num_font (chart->y_axis, &axis_font);
  chart_legend_set_font (chart, &axis_font);
}

/* Horizontal bars of the values in column VALUES, named by column NAMES, rows FIRST to
 * LAST. */
static void
insert_bar_chart (Writer     *w,
                  Sheet      *sheet,
                  const char *title,
                  lxw_row_t   first,
                  lxw_row_t   last,
                  lxw_col_t   names,
                  lxw_col_t   values,
                  lxw_row_t   at_row,
                  lxw_col_t   at_col,
                  double      width,
                  double      height)
{
  lxw_chart *chart = workbook_add_chart (w->wb, LXW_CHART_BAR);
  lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
  lxw_chart_font label_font = { .name = FONT, .size = 9 };
  lxw_chart_options options = { .x_offset = 8, .y_offset = 4,
                                .x_scale = width / 480.0, .y_scale = height / 288.0,
                                .description = (char *) title };

  chart_series_set_categories (series, sheet->name, first, names, last, names);
  chart_series_set_values (series, sheet->name, first, values, last, values);
  chart_series_set_labels (series);
  chart_series_set_labels_font (series, &label_font);
  style_chart (chart, title);
  /* The first row at the top, as in the table. */
  chart_axis_set_reverse (chart->y_axis);
  chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
  chart_set_series_gap (chart, 60);
  note (w, worksheet_insert_chart_opt (sheet->ws, at_row, at_col, chart, &options));
}

static void
write_summary (Writer   *w,
               DtReport *report)
{
  static const char * const headers[] = { "STT", "Chỉ tiêu", "Số liệu" };
  Sheet *sheet = &w->summary;
  const DtReportFigures *figures = dt_report_get_figures (report, DT_REPORT_TOTAL);
  lxw_row_t first, fields_first;
  guint n_fields = dt_report_get_n_groups (report, DT_REPORT_BY_FIELD);

  write_section (w, sheet, "I. SỐ LIỆU TỔNG HỢP");
  write_table_header (w, sheet, headers, G_N_ELEMENTS (headers));
  first = sheet->row;
  for (guint i = 0; i < DT_N_FIGURES; i++)
    {
      lxw_row_t row = sheet->row++;
      double value;

      put_number (w, sheet, row, 0, i + 1, w->f.td_center);
      put_text (w, sheet, row, 1, dt_figure_label_vi (i), w->f.td);
      if (!dt_figures_get (figures, i, &value))
        put_text (w, sheet, row, 2, NULL, w->f.td_rate);
      else
        put_number (w, sheet, row, 2, value, i == DT_FIGURE_RATE ? w->f.td_rate
                                                                  : w->f.td_number);
    }

  fields_first = write_breakdown (w, sheet, report, DT_REPORT_BY_FIELD,
                                  "II. PHÂN THEO LĨNH VỰC", "Lĩnh vực");
  write_breakdown (w, sheet, report, DT_REPORT_BY_VILLAGE,
                   "III. PHÂN THEO THÔN, TỔ DÂN PHỐ", "Thôn, tổ dân phố");
  write_agencies (w, sheet, report);
  write_breakdown (w, sheet, report, DT_REPORT_BY_CHANNEL,
                   "V. PHÂN THEO HÌNH THỨC TIẾP NHẬN", "Hình thức tiếp nhận");
  write_breakdown (w, sheet, report, DT_REPORT_BY_CONCERNS,
                   "VI. PHÂN THEO ĐỐI TƯỢNG GÓP Ý", "Góp ý cho");
  write_signature (w, sheet);

  /* Beside the summary, which takes the first three columns. */
  insert_bar_chart (w, sheet, "Ý kiến, kiến nghị theo tình trạng",
                    first + DT_FIGURE_ANSWERED, first + DT_FIGURE_UNASSIGNED, 1, 2,
                    first - 1, 4, 400, 420);
  if (n_fields > 0)
    insert_bar_chart (w, sheet, "Ý kiến, kiến nghị theo lĩnh vực",
                      fields_first, fields_first + n_fields - 1, 1, 2,
                      first - 1, 9, 400, 420);
  /* Each printed page says which period its figures are for. */
  note (w, worksheet_repeat_rows (sheet->ws, 5, 6));
}

/* Multi-year review (sơ kết): one column per year for the same labels, then the totals. */
static void
write_review_row (Writer     *w,
                  Sheet      *sheet,
                  DtReport   *report,
                  const char *number,
                  const char *label,
                  gboolean    bold,
                  gboolean    is_rate,
                  double    (*value) (DtReport *, int, gconstpointer, gboolean *),
                  gconstpointer data)
{
  guint n_years = dt_report_get_n_years (report);
  const char *texts[] = { NULL, label };
  lxw_row_t row;

  fit_row (w, sheet, texts, G_N_ELEMENTS (texts));
  row = sheet->row++;
  put_text (w, sheet, row, 0, number, w->f.td_center);
  put_text (w, sheet, row, 1, label, bold ? w->f.td_bold : w->f.td);
  for (guint i = 0; i <= n_years; i++)
    {
      int year = i < n_years ? (int) i : DT_REPORT_TOTAL;
      gboolean defined = TRUE;
      double v = value (report, year, data, &defined);
      lxw_format *format;

      format = is_rate ? (i == n_years || bold ? w->f.td_bold_rate : w->f.td_rate)
                       : (i == n_years || bold ? w->f.td_bold_number : w->f.td_number);
      if (defined)
        put_number (w, sheet, row, (lxw_col_t) (2 + i), v, format);
      else
        put_text (w, sheet, row, (lxw_col_t) (2 + i), NULL, format);
    }
}

static double
figure_value (DtReport      *report,
              int            year,
              gconstpointer  data,
              gboolean      *defined)
{
  double v = 0;

  *defined = dt_figures_get (dt_report_get_figures (report, year),
                             (DtFigure) (GPOINTER_TO_INT (data) - 1), &v);
  return v;
}

typedef struct
{
  DtReportBreakdown by;
  guint             index;
} GroupRef;

static double
group_value (DtReport      *report,
             int            year,
             gconstpointer  data,
             gboolean      *defined)
{
  const GroupRef *ref = data;
  const DtReportCounts *c = dt_report_get_group_counts (report, ref->by, ref->index, year);

  *defined = TRUE;
  return ref->by == DT_REPORT_BY_AGENCY ? c->assigned : c->total;
}

static double
no_value (DtReport      *report,
          int            year,
          gconstpointer  data,
          gboolean      *defined)
{
  *defined = FALSE;
  return 0;
}

static void
write_review_groups (Writer            *w,
                     Sheet             *sheet,
                     DtReport          *report,
                     DtReportBreakdown  by,
                     const char        *number,
                     const char        *title)
{
  guint n = dt_report_get_n_groups (report, by);

  write_review_row (w, sheet, report, number, title, TRUE, FALSE, no_value, NULL);
  for (guint i = 0; i < n; i++)
    {
      GroupRef ref = { by, i };
      g_autofree char *index = g_strdup_printf ("%s.%u", number, i + 1);

      write_review_row (w, sheet, report, index, dt_report_get_group_name (report, by, i),
                        FALSE, FALSE, group_value, &ref);
    }
}

static void
write_review (Writer   *w,
              DtReport *report)
{
  Sheet *sheet = &w->summary;
  guint n_years = dt_report_get_n_years (report);
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  lxw_row_t first, chart_row;

  g_ptr_array_add (headers, g_strdup ("STT"));
  g_ptr_array_add (headers, g_strdup ("Chỉ tiêu"));
  for (guint i = 0; i < n_years; i++)
    g_ptr_array_add (headers, g_strdup_printf ("Năm %d", dt_report_get_year (report, i)));
  g_ptr_array_add (headers, g_strdup ("Tổng cộng"));

  write_section (w, sheet, "I. SỐ LIỆU TỪNG NĂM");
  write_table_header (w, sheet, (const char * const *) headers->pdata, headers->len);
  first = sheet->row;
  for (guint i = 0; i < DT_N_FIGURES; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      write_review_row (w, sheet, report, number, dt_figure_label_vi (i), FALSE,
                        i == DT_FIGURE_RATE, figure_value, GINT_TO_POINTER (i + 1));
    }
  write_review_groups (w, sheet, report, DT_REPORT_BY_CONCERNS, "II",
                       "Ý kiến, kiến nghị phân theo đối tượng góp ý");
  write_review_groups (w, sheet, report, DT_REPORT_BY_CHANNEL, "III",
                       "Ý kiến, kiến nghị phân theo hình thức tiếp nhận");
  write_review_groups (w, sheet, report, DT_REPORT_BY_FIELD, "IV",
                       "Ý kiến, kiến nghị phân theo lĩnh vực");
  write_review_groups (w, sheet, report, DT_REPORT_BY_AGENCY, "V",
                       "Ý kiến, kiến nghị được giao cho cơ quan, đơn vị");
  write_signature (w, sheet);

  /* On a page of its own after the signature: the statuses, one series per year. */
  chart_row = sheet->row + 1;
  {
    lxw_row_t breaks[] = { chart_row, 0 };

    note (w, worksheet_set_h_pagebreaks (sheet->ws, breaks));
  }
  {
    lxw_chart *chart = workbook_add_chart (w->wb, LXW_CHART_COLUMN);
    lxw_chart_options options = { .x_offset = 4, .y_offset = 4, .x_scale = 1.8, .y_scale = 1.3,
                                  .description = "Ý kiến, kiến nghị theo tình trạng, từng năm" };

    for (guint i = 0; i < n_years; i++)
      {
        lxw_chart_series *series = chart_add_series (chart, NULL, NULL);

        chart_series_set_categories (series, sheet->name, first + DT_FIGURE_ANSWERED, 1,
                                     first + DT_FIGURE_UNASSIGNED, 1);
        chart_series_set_values (series, sheet->name, first + DT_FIGURE_ANSWERED,
                                 (lxw_col_t) (2 + i), first + DT_FIGURE_UNASSIGNED,
                                 (lxw_col_t) (2 + i));
        chart_series_set_name_range (series, sheet->name, first - 1, (lxw_col_t) (2 + i));
      }
    style_chart (chart, "Ý kiến, kiến nghị theo tình trạng, từng năm");
    chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
    note (w, worksheet_insert_chart_opt (sheet->ws, chart_row, 1, chart, &options));
  }
  note (w, worksheet_repeat_rows (sheet->ws, sheet->header_row, sheet->header_row));
}

/* ------------------------------------------------------------------------------------------
 * The file
 * ------------------------------------------------------------------------------------------ */

static void
writer_progress (double   fraction,
                 gpointer user_data)
{
  Writer *w = user_data;

  if (w->progress != NULL)
    w->progress (fraction, w->user_data);
}

/* What went wrong writing PATH, in the program's words: the disk being full above all, which
 * libxlsxwriter only tells as a "zip error" (of the temporary file, which is no name for a
 * person). */
static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno,
                 lxw_error    failed)
{
  g_autofree char *name = g_filename_display_name (path);

#ifdef EDQUOT
  if (saved_errno == EDQUOT)
    saved_errno = ENOSPC;
#endif
  if (saved_errno == ENOSPC)
    g_set_error (error, DT_ERROR, DT_ERROR_IO, _("The disk is full: “%s” could not be written."),
                 name);
  else if (saved_errno == EFBIG)
    g_set_error (error, DT_ERROR, DT_ERROR_IO,
                 _("“%s” could not be written: it grew larger than its disk, or the system, "
                   "allows one file to be."), name);
  else if (saved_errno != 0)
    g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” could not be written: %s."), name,
                 g_strerror (saved_errno));
  else
    g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” could not be written: %s."), name,
                 lxw_strerror (failed));
}

static gboolean
write_workbook (Writer      *w,
                const char  *temporary,
                const char  *path,
                GError     **error)
{
  g_autoptr(DtReport) report = NULL;
  g_autofree char *tmpdir = g_strdup (g_get_tmp_dir ());
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = tmpdir,
                                   .use_zip64 = LXW_TRUE };
  lxw_doc_properties properties = { .title = "Báo cáo kết quả tiếp xúc, đối thoại trực tiếp "
                                             "với Nhân dân",
                                    .author = w->unit->name };
  DtReportScan scan = { session_cb, petition_cb, writer_progress, w, 0, PROGRESS_SCAN };
  gboolean review = w->period.kind == DT_PERIOD_YEARS;
  lxw_error closed;
  int saved_errno;
  gboolean ok;

  errno = 0;
  w->wb = workbook_new_opt (temporary, &options);
  if (w->wb == NULL)
    {
      set_write_error (error, path, errno, LXW_ERROR_CREATING_XLSX_FILE);
      return FALSE;
    }
  note (w, workbook_set_properties (w->wb, &properties));
  make_formats (w);

  w->summary = (Sheet) { workbook_add_worksheet (w->wb, SHEET_SUMMARY), SHEET_SUMMARY };
  w->sessions = (Sheet) { workbook_add_worksheet (w->wb, SHEET_SESSIONS), SHEET_SESSIONS };
  w->petitions = (Sheet) { workbook_add_worksheet (w->wb, SHEET_PETITIONS), SHEET_PETITIONS };
  w->overdue = (Sheet) { workbook_add_worksheet (w->wb, SHEET_OVERDUE), SHEET_OVERDUE };

  if (review)
    {
      guint n_years = dt_period_get_n_years (&w->period);
      g_autofree double *widths = g_new (double, n_years + 3);

      widths[0] = 7;
      widths[1] = 44;
      for (guint i = 0; i < n_years; i++)
        widths[2 + i] = 11;
      widths[n_years + 2] = 12;
      set_columns (w, &w->summary, widths, n_years + 3);
      write_heading (w, &w->summary, "BÁO CÁO SỐ LIỆU SƠ KẾT TIẾP XÚC, ĐỐI THOẠI TRỰC TIẾP "
                                     "VỚI NHÂN DÂN");
    }
  else
    {
      double widths[SUMMARY_COLUMNS] = { 6, 40 };

      for (guint i = 2; i < SUMMARY_COLUMNS; i++)
        widths[i] = 11;
      set_columns (w, &w->summary, widths, SUMMARY_COLUMNS);
      write_heading (w, &w->summary, "BÁO CÁO KẾT QUẢ TIẾP XÚC, ĐỐI THOẠI TRỰC TIẾP VỚI NHÂN DÂN");
    }
  set_columns (w, &w->sessions, session_widths, G_N_ELEMENTS (session_widths));
  write_heading (w, &w->sessions, "DANH SÁCH CÁC CUỘC TIẾP XÚC, ĐỐI THOẠI TRỰC TIẾP VỚI NHÂN DÂN");
  write_table_header (w, &w->sessions, session_headers, G_N_ELEMENTS (session_headers));
  set_columns (w, &w->petitions, petition_widths, G_N_ELEMENTS (petition_widths));
  write_heading (w, &w->petitions, "SỔ THEO DÕI Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN");
  write_table_header (w, &w->petitions, petition_headers, G_N_ELEMENTS (petition_headers));
  set_columns (w, &w->overdue, overdue_widths, G_N_ELEMENTS (overdue_widths));
  write_heading (w, &w->overdue, "DANH SÁCH Ý KIẾN, KIẾN NGHỊ QUÁ HẠN CHƯA GIẢI QUYẾT");
  write_table_header (w, &w->overdue, overdue_headers, G_N_ELEMENTS (overdue_headers));
  set_up_page (w, &w->summary);
  set_up_page (w, &w->sessions);
  set_up_page (w, &w->petitions);
  set_up_page (w, &w->overdue);
  /* The list sheets freeze their header under the title while scrolling. */
  worksheet_freeze_panes (w->petitions.ws, w->petitions.header_row + 1, 0);

  report = _dt_report_compute_scan (w->db, &w->period, &w->as_of, &scan, w->cancellable, error);
  ok = report != NULL && w->failed == LXW_NO_ERROR && write_overdue (w, report, error);
  if (ok)
    {
      writer_progress (PROGRESS_OVERDUE, w);
      if (review)
        write_review (w, report);
      else
        write_summary (w, report);
      finish_sheet (w, &w->sessions);
      finish_sheet (w, &w->petitions);
      finish_sheet (w, &w->overdue);
      writer_progress (PROGRESS_SUMMARY, w);
    }

  /* Closing writes the file; it also frees the workbook, whatever happened before. */
  errno = 0;
  closed = workbook_close (w->wb);
  saved_errno = errno;
  w->wb = NULL;
  if (!ok)
    return FALSE;
  note (w, closed);
  if (w->failed != LXW_NO_ERROR)
    {
      set_write_error (error, path, closed != LXW_NO_ERROR ? saved_errno : 0, w->failed);
      return FALSE;
    }
  return !g_cancellable_set_error_if_cancelled (w->cancellable, error);
}

/* ------------------------------------------------------------------------------------------
 * The finished workbook, read back
 *
 * In constant memory mode libxlsxwriter writes each sheet to a temporary file first, and does
 * not check those writes: on a full disk, or past a limit on file sizes, a sheet comes out cut
 * short and the workbook is still "written". Then each sheet is read back from the zip before
 * the file takes its name: inflated, it must be whole, well-formed XML of its stated size.
 * ------------------------------------------------------------------------------------------ */

static guint32
read_le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint16
read_le16 (const guint8 *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static gboolean
check_member (const guint8 *data,
              gsize         length,
              guint32       offset,
              guint16       method,
              guint32       compressed,
              guint32       expected)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GConverter) inflater = NULL;
  static const GMarkupParser parser = { 0 };
  const guint8 *in;
  gsize in_left, total = 0;
  guint8 out[64 * 1024];

  if ((gsize) offset + 30 > length || read_le32 (data + offset) != 0x04034b50)
    return FALSE;
  in = data + offset + 30 + read_le16 (data + offset + 26) + read_le16 (data + offset + 28);
  if (in < data || (gsize) (in - data) + compressed > length || (method != 0 && method != 8))
    return FALSE;
  in_left = compressed;
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  if (method == 8)
    inflater = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW));

  while (TRUE)
    {
      gsize read = 0, written = 0;
      GConverterResult result;

      if (inflater == NULL)
        {
          written = in_left;
          result = G_CONVERTER_FINISHED;
          if (!g_markup_parse_context_parse (context, (const char *) in, (gssize) in_left,
                                             NULL))
            return FALSE;
        }
      else
        {
          result = g_converter_convert (inflater, in, in_left, out, sizeof out,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, NULL);
          if (result == G_CONVERTER_ERROR)
            return FALSE;
          in += read;
          in_left -= read;
          if (written > 0 &&
              !g_markup_parse_context_parse (context, (const char *) out, (gssize) written, NULL))
            return FALSE;
        }
      total += written;
      if (result == G_CONVERTER_FINISHED)
        break;
    }
  return total == expected && g_markup_parse_context_end_parse (context, NULL);
}

static gboolean
check_sheets (const char  *file,
              const char  *path,
              GError     **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (file, FALSE, NULL);
  const guint8 *data;
  const guint8 *end = NULL;
  gsize length;
  guint32 entries, offset;
  guint sheets = 0;
  gboolean whole = FALSE;

  if (mapped != NULL)
    {
      data = (const guint8 *) g_mapped_file_get_contents (mapped);
      length = g_mapped_file_get_length (mapped);
      /* The end of central directory record, after at most a 64 KiB comment. */
      for (gsize i = length >= 22 ? length - 22 : 0; length >= 22; i--)
        {
          if (read_le32 (data + i) == 0x06054b50)
            {
              end = data + i;
              break;
            }
          if (i == 0 || length - i > 22 + 65535)
            break;
        }
    }
  if (end != NULL)
    {
      entries = read_le16 (end + 10);
      offset = read_le32 (end + 16);
      /* Zip64 (over 4 GB): no report comes near it; not read back. */
      if (offset == 0xFFFFFFFF || entries == 0xFFFF)
        return TRUE;
      whole = TRUE;
      for (guint i = 0; whole && i < entries; i++)
        {
          const guint8 *entry = data + offset;
          guint16 name_length, extra_length, comment_length;
          g_autofree char *name = NULL;

          if ((gsize) offset + 46 > length || read_le32 (entry) != 0x02014b50)
            {
              whole = FALSE;
              break;
            }
          name_length = read_le16 (entry + 28);
          extra_length = read_le16 (entry + 30);
          comment_length = read_le16 (entry + 32);
          if ((gsize) offset + 46 + name_length > length)
            {
              whole = FALSE;
              break;
            }
          name = g_strndup ((const char *) entry + 46, name_length);
          if (g_str_has_prefix (name, "xl/worksheets/sheet") && g_str_has_suffix (name, ".xml"))
            {
              sheets++;
              whole = check_member (data, length, read_le32 (entry + 42), read_le16 (entry + 10),
                                    read_le32 (entry + 20), read_le32 (entry + 24));
            }
          offset += 46 + name_length + extra_length + comment_length;
        }
    }
  if (!whole || sheets == 0)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, DT_ERROR, DT_ERROR_IO,
                   _("“%s” came out incomplete: the disk, or the folder of temporary files, may "
                     "be full. Nothing was written."), name);
      return FALSE;
    }
  return TRUE;
}

/* Reading every sheet back costs a third of the report's time: it is done only when a write
 * may have failed unseen, with little room left where the sheets and the file were written,
 * or a limit set on file sizes. */
#define ROOM_ENOUGH (G_GUINT64_CONSTANT (512) << 20)

static gboolean
little_room (const char *folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GFileInfo) info = g_file_query_filesystem_info (file,
                                                            G_FILE_ATTRIBUTE_FILESYSTEM_FREE,
                                                            NULL, NULL);

  return info == NULL ||
         !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE) ||
         g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE) < ROOM_ENOUGH;
}

static gboolean
may_have_failed_unseen (const char *temporary)
{
  g_autofree char *folder = g_path_get_dirname (temporary);
#ifdef G_OS_UNIX
  struct rlimit limit;

  if (getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    return TRUE;
#endif
  return little_room (folder) || little_room (g_get_tmp_dir ());
}

static gint64
query_cache_size (DtDatabase *db)
{
  sqlite3_stmt *stmt = _dt_database_prepare_static (db, "PRAGMA cache_size", NULL);
  gint64 size = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    size = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return size;
}

static void
restore_cache_size (DtDatabase *db,
                    gint64      size)
{
  g_autofree char *pragma = NULL;

  if (size == 0)
    return;
  pragma = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);
  _dt_database_exec (db, pragma, NULL);
}

gboolean
dt_report_write_file (DtDatabase            *db,
                      const DtPeriod        *period,
                      const GDate           *as_of,
                      const char            *path,
                      GCancellable          *cancellable,
                      DtReportProgressFunc   progress,
                      gpointer               user_data,
                      GError               **error)
{
  g_autoptr(DtUnit) unit = NULL;
  g_autoptr(DtOutput) output = NULL;
  const char *temporary;
  Writer w = { 0 };
  gboolean own_transaction;
  gint64 cache_size;
  gboolean ok;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Before any work: what is wrong with the request or the file is said at once. */
  if (!dt_period_check_as_of (period, as_of, error) ||
      !dt_file_check_writable (path, error) || !(output = dt_output_new (path, db, error)))
    return FALSE;
  /* libxlsxwriter writes its own file: the output's temporary one, renamed at the end. */
  temporary = dt_output_get_temporary_path (output);

  /* The report reads each page once, in order: a small page cache does (the connection's
   * own is sized for imports), and keeps the memory low at 100,000 petitions. */
  cache_size = query_cache_size (db);
  if (cache_size != 0)
    _dt_database_exec (db, "PRAGMA cache_size = -4096", NULL);
  own_transaction = sqlite3_get_autocommit (_dt_database_get_handle (db)) != 0;
  if (own_transaction && !_dt_database_exec (db, "BEGIN", error))
    {
      restore_cache_size (db, cache_size);
      return FALSE;
    }

  ok = (unit = dt_unit_load (db, error)) != NULL;
  if (ok)
    {
      w.db = db;
      w.unit = unit;
      w.period = *period;
      w.as_of = *as_of;
      w.cancellable = cancellable;
      w.progress = progress;
      w.user_data = user_data;
      dt_today (&w.today);
      ok = write_workbook (&w, temporary, path, error) &&
           (!may_have_failed_unseen (temporary) || check_sheets (temporary, path, error));
    }
  if (own_transaction)
    _dt_database_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL);
  restore_cache_size (db, cache_size);

  if (!ok || !dt_output_commit (output, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}
