/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printing from the window: GtkPrintOperation draws the core's pages (exported to PDF here,
 * as the print dialog's "Print to File" does), the number asked before a new document, and
 * the print button of the pages. Saves PNGs of the screens into the build directory. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "dt-database.h"
#include "dt-documents.h"
#include "dt-error.h"
#include "dt-i18n.h"
#include "dt-issue-dialog.h"
#include "dt-print-button.h"
#include "dt-print.h"
#include "dt-records.h"
#include "dt-util.h"
#include "gui-test.h"

static gboolean
have_poppler (void)
{
  g_autofree char *text = g_find_program_in_path ("pdftotext");
  g_autofree char *info = g_find_program_in_path ("pdfinfo");

  if (text != NULL && info != NULL)
    return TRUE;
  g_test_skip ("poppler-utils is not installed (build-aux/setup.sh installs it)");
  return FALSE;
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (wait_status, &error);
  g_assert_no_error (error);
  return out;
}

/* A small office: the unit, a plan and a held session with a confidential petition. */
static DtDatabase *
office_new (const char *name)
{
  g_autofree char *path = g_build_filename (gui_temp_dir (), name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtUnit) unit = NULL;
  g_autoptr(DtPlan) plan = dt_plan_new ();
  g_autoptr(DtSession) session = dt_session_new ();
  g_autoptr(DtPetition) petition = dt_petition_new ();
  DtDatabase *db = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  unit = dt_unit_load (db, &error);
  unit->name = g_strdup ("ĐẢNG ỦY XÃ THẠCH LẠC");
  unit->superior = g_strdup ("ĐẢNG BỘ TỈNH HÀ TĨNH");
  unit->place = g_strdup ("Thạch Lạc");
  unit->symbol = g_strdup ("ĐU");
  unit->signer_on_behalf = g_strdup ("T/M BAN THƯỜNG VỤ");
  unit->signer_title = g_strdup ("BÍ THƯ");
  unit->signer_name = g_strdup ("Nguyễn Văn An");
  dt_unit_save (db, unit, &error);
  g_assert_no_error (error);

  plan->code = g_strdup ("KH-2026");
  plan->year = 2026;
  plan->number = g_strdup ("03-KH/ĐU");
  plan->issued = g_strdup ("2026-01-15");
  plan->dialogues_planned = 2;
  dt_plan_insert (db, plan, &error);
  g_assert_no_error (error);

  session->code = g_strdup ("HN-2026-01");
  session->plan = g_strdup ("KH-2026");
  session->kind = g_strdup ("dialogue");
  session->date = g_strdup ("2026-04-14");
  session->time = g_strdup ("07:30");
  session->location = g_strdup ("Nhà văn hóa thôn Tây");
  session->chair = g_strdup ("Nguyễn Văn An");
  session->secretary = g_strdup ("Lê Thị Hương");
  session->status = g_strdup ("held");
  session->notice_number = g_strdup ("12-TB/ĐU");
  session->notice_date = g_strdup ("2026-04-06");
  dt_session_insert (db, session, &error);
  g_assert_no_error (error);

  petition->code = g_strdup ("2026-0001");
  petition->received = g_strdup ("2026-04-14");
  petition->channel = g_strdup ("session");
  petition->session = g_strdup ("HN-2026-01");
  petition->petitioner = g_strdup ("Trần Văn Bảo");
  petition->confidential = TRUE;
  petition->summary = g_strdup ("Phản ánh việc khai thác cát trái phép");
  petition->assigned_to = g_strdup ("Công an xã");
  petition->assigned_date = g_strdup ("2026-04-20");
  dt_petition_insert (db, petition, &error);
  g_assert_no_error (error);
  return db;
}

typedef struct
{
  char   *text;
  double  x;
  double  y;
} Word;

static void
word_clear (Word *word)
{
  g_free (word->text);
}

static GArray *
pdf_words (const char *path)
{
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *html = run_tool (argv);
  g_autoptr(GRegex) regex = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\"[^>]*>"
                                         "([^<]*)</word>", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GArray *words = g_array_new (FALSE, TRUE, sizeof (Word));

  g_array_set_clear_func (words, (GDestroyNotify) word_clear);
  g_regex_match (regex, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *x = g_match_info_fetch (match, 1);
      g_autofree char *y = g_match_info_fetch (match, 2);
      Word word = { g_match_info_fetch (match, 3), g_ascii_strtod (x, NULL),
                    g_ascii_strtod (y, NULL) };

      g_array_append_val (words, word);
      g_match_info_next (match, NULL);
    }
  return words;
}

/* The print operation, exported to PDF as "Print to File" does, gives the very pages of the
 * core's own PDF: A4, the same words at the same places. */
static void
test_print_export (void)
{
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_CONCLUSION);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) printed = NULL;
  g_autoptr(GArray) saved = NULL;
  g_autofree char *exported = g_build_filename (gui_temp_dir (), "in ra.pdf", NULL);
  g_autofree char *direct = g_build_filename (gui_temp_dir (), "lưu.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *pages = NULL;
  DtDocument *document;
  GtkPrintOperationResult result;
  int n_pages;

  if (gui_skip_without_display () || !have_poppler ())
    return;
  db = office_new ("export.sqlite");
  request->session = g_strdup ("HN-2026-01");
  request->date = g_strdup ("2026-04-24");

  document = dt_document_build (db, request, &error);
  g_assert_no_error (error);
  n_pages = dt_document_get_n_pages (document);
  operation = dt_print_operation_new (document);
  gtk_print_operation_set_export_filename (operation, exported);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (exported, G_FILE_TEST_IS_REGULAR));

  {
    const char *argv[] = { "pdfinfo", exported, NULL };
    info = run_tool (argv);
  }
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  pages = g_strdup_printf ("Pages: *%d\n", n_pages);
  g_assert_true (g_regex_match_simple (pages, info, 0, 0));

  dt_print_save_pdf (db, request, direct, FALSE, &error);
  g_assert_no_error (error);
  printed = pdf_words (exported);
  saved = pdf_words (direct);
  g_assert_cmpuint (printed->len, >, 100);
  g_assert_cmpuint (printed->len, ==, saved->len);
  for (guint i = 0; i < printed->len; i++)
    {
      Word *a = &g_array_index (printed, Word, i);
      Word *b = &g_array_index (saved, Word, i);

      g_assert_cmpstr (a->text, ==, b->text);
      g_assert_cmpfloat (fabs (a->x - b->x), <, 0.5);
      g_assert_cmpfloat (fabs (a->y - b->y), <, 0.5);
    }
  {
    const char *argv[] = { "pdftotext", "-layout", exported, "-", NULL };
    g_autofree char *text = run_tool (argv);

    g_assert_nonnull (strstr (text, "ĐẢNG CỘNG SẢN VIỆT NAM"));
    g_assert_nonnull (strstr (text, "Số 13-TB/ĐU"));
    g_assert_nonnull (strstr (text, "Thạch Lạc, ngày 24 tháng 4 năm 2026"));
    g_assert_nonnull (strstr (text, "(bảo mật)"));
    g_assert_null (strstr (text, "Trần Văn Bảo"));
  }
}

static DtIssueDialog *
find_issue_dialog (void)
{
  GListModel *windows = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (windows, i);

      if (DT_IS_ISSUE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return DT_ISSUE_DIALOG (window);
    }
  return NULL;
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

/* The N-th widget of TYPE inside WIDGET, depth first. */
static GtkWidget *
nth_of_type (GtkWidget *widget,
             GType      type,
             guint      n)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (widget, type, found);
  return n < found->len ? g_ptr_array_index (found, n) : NULL;
}

/* The visible label styled as an error, if any. */
static GtkWidget *
find_problem (GtkWidget *widget)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      if (gtk_widget_has_css_class (label, "error") && gtk_widget_get_visible (label))
        return label;
    }
  return NULL;
}

static void
issued_cb (DtIssueDialog *dialog,
           const char    *number,
           const char    *date,
           char         **out)
{
  out[0] = g_strdup (number);
  out[1] = g_strdup (date);
}

/* A document without a number asks for one first, with the office's next number and today
 * proposed; a wrong date is told and keeps the dialog open; cancelling records nothing. */
static void
test_print_asks_number (void)
{
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_CONCLUSION);
  g_autoptr(DtSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  char *issued[2] = { NULL, NULL };
  GtkWidget *parent;
  DtIssueDialog *dialog;
  GtkWidget *number_entry;
  GtkWidget *date_entry;
  GtkWidget *problem;

  if (gui_skip_without_display ())
    return;
  db = office_new ("ask.sqlite");
  request->session = g_strdup ("HN-2026-01");

  parent = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (parent), 500, 300);
  gtk_window_present (GTK_WINDOW (parent));
  dt_print_document (GTK_WINDOW (parent), db, request, DT_PRINT_ACTION_SAVE_PDF);
  dialog = find_issue_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (dt_issue_dialog_get_number (dialog), ==, "13-TB/ĐU");
  date = dt_issue_dialog_get_date (dialog);
  g_assert_cmpstr (date, ==, "2026-11-26");
  gui_screenshot (GTK_WIDGET (dialog), "print-number-and-date");

  /* The entries are named by their labels for a screen reader. */
  number_entry = nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 0);
  date_entry = nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 1);
  g_assert_nonnull (number_entry);
  g_assert_nonnull (date_entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number_entry)), ==, "13-TB/ĐU");
  {
    GtkWidget *label = gtk_widget_get_prev_sibling (number_entry);
    g_assert_true (GTK_IS_LABEL (label));
    g_assert_true (gtk_label_get_mnemonic_widget (GTK_LABEL (label)) == number_entry);
  }
  g_assert_null (find_problem (GTK_WIDGET (dialog)));

  gtk_editable_set_text (GTK_EDITABLE (date_entry), "31/2/2026");
  g_signal_connect (dialog, "issued", G_CALLBACK (issued_cb), issued);
  dt_issue_dialog_accept (dialog);
  g_assert_null (issued[0]);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  problem = find_problem (GTK_WIDGET (dialog));
  g_assert_nonnull (problem);
  {
    g_autoptr(GError) date_error = NULL;
    g_autofree char *none = dt_date_parse_typed_iso ("31/2/2026", &date_error);

    g_assert_null (none);
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (problem)), ==, date_error->message);
  }
  gui_screenshot (GTK_WIDGET (dialog), "print-number-wrong-date");

  /* Cancelled: nothing stored on the session. */
  gtk_window_close (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (find_issue_dialog ());
  session = dt_session_load (db, "HN-2026-01", &error);
  g_assert_no_error (error);
  g_assert_null (session->conclusion_number);
  gtk_window_destroy (GTK_WINDOW (parent));
}

/* The dialog on its own: the number and date as typed come out, the date as ISO. */
static void
test_issue_dialog (void)
{
  char *issued[2] = { NULL, NULL };
  GtkWindow *dialog;

  if (gui_skip_without_display ())
    return;
  dialog = dt_issue_dialog_new (NULL, "Phiếu chuyển", "04-PC/ĐU", "2026-05-02", "_Print…");
  g_signal_connect (dialog, "issued", G_CALLBACK (issued_cb), issued);
  gtk_window_present (dialog);
  gui_wait_for_paint (GTK_WIDGET (dialog));
  {
    GtkWidget *date_entry = nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 1);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_entry)), ==, "02/05/2026");
    gtk_editable_set_text (GTK_EDITABLE (date_entry), "5/5/26");
  }
  dt_issue_dialog_accept (DT_ISSUE_DIALOG (dialog));
  g_assert_cmpstr (issued[0], ==, "04-PC/ĐU");
  g_assert_cmpstr (issued[1], ==, "2026-05-05");
  g_free (issued[0]);
  g_free (issued[1]);
}

/* Save as PDF once a file is chosen: the PDF, then the number on the session. */
static void
test_save_pdf_records (void)
{
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_CONCLUSION);
  g_autoptr(DtSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (gui_temp_dir (), "kết luận.pdf", NULL);
  g_autofree char *missing = g_build_filename (gui_temp_dir (), "không có", "x.pdf", NULL);

  db = office_new ("save.sqlite");
  request->session = g_strdup ("HN-2026-01");
  request->number = g_strdup ("13-TB/ĐU");
  request->date = g_strdup ("2026-04-24");

  /* A file that cannot be written records nothing. */
  g_assert_false (dt_print_save_pdf (db, request, missing, TRUE, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_IO);
  g_clear_error (&error);
  session = dt_session_load (db, "HN-2026-01", &error);
  g_assert_null (session->conclusion_number);
  g_clear_pointer (&session, dt_session_free);

  g_assert_true (dt_print_save_pdf (db, request, path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  session = dt_session_load (db, "HN-2026-01", &error);
  g_assert_cmpstr (session->conclusion_number, ==, "13-TB/ĐU");
  g_assert_cmpstr (session->conclusion_date, ==, "2026-04-24");
}

/* The pages' print button: nothing to print, insensitive; a request, ready. */
static void
test_print_button (void)
{
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_NOTICE);
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *button;
  GtkWidget *menu_button;

  if (gui_skip_without_display ())
    return;
  db = office_new ("button.sqlite");
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 120);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  button = dt_print_button_new ();
  gtk_box_append (GTK_BOX (box), gtk_label_new ("HN-2026-01"));
  gtk_box_append (GTK_BOX (box), button);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  menu_button = gtk_widget_get_first_child (button);
  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));
  g_assert_false (gtk_widget_get_sensitive (menu_button));

  dt_print_button_set_database (DT_PRINT_BUTTON (button), db);
  g_assert_false (gtk_widget_get_sensitive (menu_button));
  request->session = g_strdup ("HN-2026-01");
  dt_print_button_set_request (DT_PRINT_BUTTON (button), request);
  g_assert_true (gtk_widget_get_sensitive (menu_button));
  g_assert_cmpstr (dt_print_button_get_request (DT_PRINT_BUTTON (button))->session, ==,
                   "HN-2026-01");
  gui_screenshot (window, "print-button");

  dt_print_button_set_request (DT_PRINT_BUTTON (button), NULL);
  g_assert_false (gtk_widget_get_sensitive (menu_button));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Print… opens the system's print dialog over the window, for the document's pages. */
static void
test_print_dialog_opens (void)
{
  g_autoptr(DtDatabase) db = NULL;
  g_autoptr(DtDocumentRequest) request = dt_document_request_new (DT_DOCUMENT_NOTICE);
  GListModel *windows = gtk_window_get_toplevels ();
  GType dialog_type;
  GtkWidget *parent;
  GtkWidget *dialog = NULL;
  gboolean timed_out = FALSE;
  guint timeout_id;

  if (gui_skip_without_display ())
    return;
  db = office_new ("dialog.sqlite");
  request->session = g_strdup ("HN-2026-01");
  parent = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (parent), 700, 500);
  gtk_window_present (GTK_WINDOW (parent));

  /* The notice has its number already: straight to the print dialog. */
  dt_print_document (GTK_WINDOW (parent), db, request, DT_PRINT_ACTION_PRINT);
  g_assert_null (find_issue_dialog ());
  dialog_type = g_type_from_name ("GtkPrintUnixDialog");
  if (dialog_type == G_TYPE_INVALID)
    {
      g_test_skip ("No GtkPrintUnixDialog on this system");
      gtk_window_destroy (GTK_WINDOW (parent));
      return;
    }
  timeout_id = g_timeout_add_seconds (GUI_TIMEOUT_SECONDS, gui_timeout_cb, &timed_out);
  while (dialog == NULL && !timed_out)
    {
      g_main_context_iteration (NULL, TRUE);
      for (guint i = 0; i < g_list_model_get_n_items (windows) && dialog == NULL; i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (windows, i);
          if (G_TYPE_CHECK_INSTANCE_TYPE (window, dialog_type) &&
              gtk_widget_get_mapped (GTK_WIDGET (window)))
            dialog = GTK_WIDGET (window);
        }
    }
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (parent));
  gui_screenshot (dialog, "print-dialog");

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_window_destroy (GTK_WINDOW (parent));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("DOITHOAI_TODAY", "2026-11-26", TRUE);
  gui_test_init (&argc, &argv, "print", GUI_TEST_BUS_INHERIT);

  g_test_add_func ("/gui/print/export-pdf", test_print_export);
  g_test_add_func ("/gui/print/asks-number", test_print_asks_number);
  g_test_add_func ("/gui/print/issue-dialog", test_issue_dialog);
  g_test_add_func ("/gui/print/save-pdf-records", test_save_pdf_records);
  g_test_add_func ("/gui/print/button", test_print_button);
  g_test_add_func ("/gui/print/dialog-opens", test_print_dialog_opens);

  return gui_test_finish (g_test_run ());
}
