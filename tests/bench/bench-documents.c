/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long the printed documents take (issue targets: each document ≤ 150 ms to PDF, a
 * 40-page minutes ≤ 1 s, the print preview ≤ 300 ms): the demo office, then a session whose
 * minutes run to 40 pages or more. Figures printed; run with meson test --benchmark. */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "dt-demo.h"
#include "dt-documents.h"
#include "dt-petition-query.h"
#include "dt-records.h"
#include "dt-status.h"
#include "dt-util.h"

#define RUNS 5

static cairo_status_t
discard_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* Median of RUNS: records to PDF file, in milliseconds. */
static double
time_pdf (DtDatabase              *db,
          const DtDocumentRequest *request,
          const char              *path,
          int                     *n_pages)
{
  double times[RUNS];

  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DtDocument) document = NULL;
      gint64 start = g_get_monotonic_time ();

      document = dt_document_build (db, request, &error);
      g_assert_no_error (error);
      dt_document_write_pdf (document, path, NULL, &error);
      g_assert_no_error (error);
      times[run] = (g_get_monotonic_time () - start) / 1000.0;
      *n_pages = dt_document_get_n_pages (document);
    }
  for (int i = 0; i < RUNS; i++)
    for (int j = i + 1; j < RUNS; j++)
      if (times[j] < times[i])
        {
          double t = times[i];
          times[i] = times[j];
          times[j] = t;
        }
  return times[RUNS / 2];
}

/* What a preview waits for: the document made and laid out, and its first page drawn; then
 * every page drawn, as the previewer's PDF has them. */
static void
time_preview (DtDatabase              *db,
              const DtDocumentRequest *request,
              double                  *first_page,
              double                  *all_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDocument) document = NULL;
  gint64 start = g_get_monotonic_time ();
  cairo_surface_t *surface;
  cairo_t *cr;
  int n;

  document = dt_document_build (db, request, &error);
  g_assert_no_error (error);
  n = dt_document_get_n_pages (document);
  surface = cairo_pdf_surface_create_for_stream (discard_cb, NULL, DT_DOCUMENT_PAGE_WIDTH,
                                                 DT_DOCUMENT_PAGE_HEIGHT);
  cr = cairo_create (surface);
  for (int page = 0; page < n; page++)
    {
      dt_document_draw_page (document, cr, page);
      cairo_show_page (cr);
      if (page == 0)
        *first_page = (g_get_monotonic_time () - start) / 1000.0;
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  *all_pages = (g_get_monotonic_time () - start) / 1000.0;
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("doithoai-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.sqlite", NULL);
  g_autofree char *pdf = g_build_filename (dir, "bench.pdf", NULL);
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(DtPetitionFilter) filter = dt_petition_filter_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) sessions = NULL;
  g_auto(GStrv) plans = NULL;
  const char *held = NULL;
  int pages = 0;

  g_setenv ("DOITHOAI_TODAY", "2026-11-26", TRUE);
  db = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  dt_demo_generate (db, DT_DEMO_DEFAULT_PETITIONS, 1, &error);
  g_assert_no_error (error);

  sessions = dt_session_list_codes (db, &error);
  for (guint i = 0; sessions[i] != NULL; i++)
    {
      g_autoptr(DtSession) session = dt_session_load (db, sessions[i], &error);
      if (g_str_equal (session->status, "held") && g_str_equal (session->kind, "dialogue"))
        held = sessions[i];
    }
  plans = dt_plan_list_codes (db, &error);
  filter->statuses = 1u << DT_STATUS_ASSIGNED;
  ids = dt_petition_query_ids (db, filter, DT_PETITION_ORDER_DAYS_OVERDUE, &error);
  g_assert_no_error (error);
  rows = dt_petition_rows_by_id (db, (gint64 *) ids->data, 1, NULL, &error);
  g_assert_no_error (error);

  g_print ("Documents of the demo office (%d petitions), median of %d, to a PDF file:\n",
           DT_DEMO_DEFAULT_PETITIONS, RUNS);
  for (DtDocumentKind kind = 0; kind < DT_N_DOCUMENT_KINDS; kind++)
    {
      g_autoptr(DtDocumentRequest) request = dt_document_request_new (kind);
      double ms;

      request->session = g_strdup (held);
      request->plan = g_strdup (plans[g_strv_length (plans) - 1]);
      request->agency = g_strdup (dt_petition_row_get_agency (g_ptr_array_index (rows, 0)));
      request->petitions = g_strsplit (dt_petition_row_get_code (g_ptr_array_index (rows, 0)),
                                       ",", -1);
      if (kind == DT_DOCUMENT_NOTICE)
        {
          g_autoptr(DtSession) session = dt_session_load (db, held, &error);
          request->date = g_strdup (session->notice_date != NULL ? session->notice_date
                                                                 : session->date);
        }
      ms = time_pdf (db, request, pdf, &pages);
      g_print ("  %-11s %3d pages  %7.1f ms%s\n", dt_document_kind_name (kind), pages, ms,
               ms <= 150 ? "" : "   (over 150 ms)");
    }

  /* A long session: opinions until the minutes pass 40 pages. */
  {
    g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_MINUTES);
    g_autoptr(DtDocument) document = NULL;
    double ms;
    double first = 0;
    double all = 0;
    guint n = 0;

    request->session = g_strdup (held);
    while (pages < 40)
      {
        for (guint i = 0; i < 40; i++, n++)
          {
            g_autoptr(DtPetition) petition = dt_petition_new ();
            g_autoptr(DtSession) session = dt_session_load (db, held, &error);

            petition->code = g_strdup_printf ("B-%05u", n);
            petition->received = g_strdup (session->date);
            petition->channel = g_strdup ("session");
            petition->session = g_strdup (held);
            petition->petitioner = g_strdup ("Nguyễn Thị Thu Hà");
            petition->village = g_strdup ("Thôn Đông");
            petition->summary = g_strdup ("Đề nghị sửa chữa đường giao thông liên thôn");
            petition->content = g_strdup ("Đề nghị sửa chữa đoạn đường giao thông liên thôn "
                                          "bị sụt lún, hư hỏng nặng sau mùa mưa lũ, gây khó "
                                          "khăn cho việc đi lại, sản xuất của Nhân dân và học "
                                          "sinh đến trường; đề nghị các cấp sớm bố trí kinh "
                                          "phí khắc phục.");
            petition->answered_date = g_strdup (session->date);
            petition->answer = g_strdup ("Xã đã khảo sát, sẽ bố trí kinh phí sửa chữa trong "
                                         "quý tới và báo cáo kết quả với Nhân dân.");
            dt_petition_insert (db, petition, &error);
            g_assert_no_error (error);
          }
        document = dt_document_build (db, request, &error);
        g_assert_no_error (error);
        pages = dt_document_get_n_pages (document);
        g_clear_pointer (&document, dt_document_free);
      }
    ms = time_pdf (db, request, pdf, &pages);
    g_print ("Minutes of a long session (%u opinions more): %d pages, %.1f ms%s\n", n, pages,
             ms, ms <= 1000 ? "" : "   (over 1 s)");

    time_preview (db, request, &first, &all);
    g_print ("Print preview of those minutes: first page ready in %.1f ms, all %d pages in "
             "%.1f ms%s\n", first, pages, all, first <= 300 ? "" : "   (over 300 ms)");
  }

  g_clear_object (&db);
  g_remove (pdf);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_remove (file);
      }
  }
  g_rmdir (dir);
  return 0;
}
