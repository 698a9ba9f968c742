/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-print"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-error-window.h"
#include "dt-issue-dialog.h"
#include "dt-print.h"

/* The printer and its options chosen last, for the next document of the session. */
static GtkPrintSettings *last_settings;

/* One document on its way to the printer or a file. */
typedef struct
{
  GtkWindow         *parent;
  DtDatabase        *db;
  DtDocumentRequest *request;
  DtPrintAction      action;
  gboolean           record;     /* a new number: stored once printed or saved */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->db);
  dt_document_request_free (job->request);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static void
show_error (GtkWindow    *parent,
            const char   *heading,
            const GError *error)
{
  GtkWindow *window = dt_error_window_new (parent, heading, error->message);

  gtk_window_present (window);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              DtDocument        *document)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  /* Paper smaller than A4 (Letter): the page shrinks to fit rather than lose its edge. */
  if (width > 0 && height > 0 &&
      (width < DT_DOCUMENT_PAGE_WIDTH - 0.5 || height < DT_DOCUMENT_PAGE_HEIGHT - 0.5))
    {
      double scale = MIN (width / DT_DOCUMENT_PAGE_WIDTH, height / DT_DOCUMENT_PAGE_HEIGHT);
      cairo_scale (cr, scale, scale);
    }
  dt_document_draw_page (document, cr, page);
}

static void
record (Job *job)
{
  g_autoptr(GError) error = NULL;

  if (job->record && !dt_document_record (job->db, job->request, &error))
    show_error (job->parent, _("The number could not be recorded"), error);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               Job                     *job)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        show_error (job->parent, _("The document could not be printed"), error);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));
      if (job->action == DT_PRINT_ACTION_PRINT)
        record (job);
    }
  job_free (job);
  g_object_unref (operation);
}

static void
run_print (Job *job)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperation *operation;
  GtkPrintOperationResult result;
  DtDocument *document;

  if (!(document = dt_document_build (job->db, job->request, &error)))
    {
      show_error (job->parent, _("The document cannot be made"), error);
      job_free (job);
      return;
    }
  operation = dt_print_operation_new (document);
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_settings);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), job);
  result = gtk_print_operation_run (operation,
                                    job->action == DT_PRINT_ACTION_PREVIEW
                                    ? GTK_PRINT_OPERATION_ACTION_PREVIEW
                                    : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    job->parent, &error);
  /* Without asynchronous support "done" has been emitted already, and has freed the job. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    show_error (NULL, _("The document could not be printed"), error);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  Job             *job)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        {
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Choose a folder on this computer."));
          show_error (job->parent, _("The PDF could not be saved"), error);
        }
      else if (!dt_print_save_pdf (job->db, job->request, path, job->record, &error))
        show_error (job->parent, _("The PDF could not be saved"), error);
    }
  job_free (job);
  g_object_unref (chooser);
}

static void
run_save (Job *job)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = dt_document_file_name (job->request);

  chooser = gtk_file_chooser_native_new (_("Save as PDF"), job->parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
run (Job *job)
{
  if (job->action == DT_PRINT_ACTION_SAVE_PDF)
    run_save (job);
  else
    run_print (job);
}

static void
issued_cb (DtIssueDialog *dialog,
           const char    *number,
           const char    *date,
           Job           *job)
{
  g_free (job->request->number);
  job->request->number = g_strdup (number);
  g_free (job->request->date);
  job->request->date = g_strdup (date);
  /* A read-only file prints with the number given, which it cannot keep. */
  job->record = !dt_database_is_read_only (job->db);
  /* The dialog goes; the job is the print or save's from now on. */
  g_object_steal_data (G_OBJECT (dialog), "dt-job");
  run (job);
}

/* Public API */

GtkPrintOperation *
dt_print_operation_new (DtDocument *document)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  g_return_val_if_fail (document != NULL, NULL);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_paper_size_free (a4);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* Points from the paper's corner, as the pages were laid out. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, dt_document_get_n_pages (document));
  if (dt_document_get_name (document) != NULL)
    gtk_print_operation_set_job_name (operation, dt_document_get_name (document));
  g_object_set_data_full (G_OBJECT (operation), "dt-document", document,
                          (GDestroyNotify) dt_document_free);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), document);
  return operation;
}

void
dt_print_document (GtkWindow               *parent,
                   DtDatabase              *db,
                   const DtDocumentRequest *request,
                   DtPrintAction            action)
{
  g_autoptr(Job) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *date = NULL;
  gboolean recorded = FALSE;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (DT_IS_DATABASE (db));
  g_return_if_fail (request != NULL);

  job = g_new0 (Job, 1);
  job->parent = parent != NULL ? g_object_ref (parent) : NULL;
  job->db = g_object_ref (db);
  job->request = dt_document_request_copy (request);
  job->action = action;

  if (!dt_document_get_number (db, request, &number, &date, &recorded, &error))
    {
      show_error (parent, _("The document cannot be made"), error);
      return;
    }

  /* A new number is agreed before anything is printed; a preview needs none. */
  if (number != NULL && !recorded && action != DT_PRINT_ACTION_PREVIEW)
    {
      g_autofree char *title = g_strdup_printf (_("%s: number and date"),
                                                dt_document_kind_label (request->kind));
      GtkWindow *dialog = dt_issue_dialog_new (parent, title, number, date,
                                               action == DT_PRINT_ACTION_PRINT
                                               ? _("_Print…") : _("_Save as PDF…"));
      Job *pending = g_steal_pointer (&job);

      /* Freed with the dialog unless the dialog hands it on. */
      g_object_set_data_full (G_OBJECT (dialog), "dt-job", pending, (GDestroyNotify) job_free);
      g_signal_connect (dialog, "issued", G_CALLBACK (issued_cb), pending);
      gtk_window_present (dialog);
      return;
    }
  run (g_steal_pointer (&job));
}

gboolean
dt_print_save_pdf (DtDatabase              *db,
                   const DtDocumentRequest *request,
                   const char              *path,
                   gboolean                 record_number,
                   GError                 **error)
{
  g_autoptr(DtDocument) document = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(document = dt_document_build (db, request, error)) ||
      !dt_document_write_pdf (document, path, db, error))
    return FALSE;
  return !record_number || dt_document_record (db, request, error);
}
