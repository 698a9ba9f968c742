/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-report-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-error.h"
#include "dt-report.h"
#include "dt-report-dialog.h"
#include "dt-util.h"

/* The progress bar moves by at least this much between two updates from the worker. */
#define PROGRESS_STEP 0.01

/* One report being written: shared by the worker thread, which reports its progress, and
 * the main loop, which shows it. */
typedef struct
{
  DtReportDialog *dialog;       /* owned */
  char           *database;     /* the path: the worker opens its own connection */
  DtPeriod        period;
  GDate           as_of;
  char           *output;
  GMutex          lock;
  double          fraction;     /* under lock */
  double          shown;        /* under lock: the last one sent to the main loop */
  gboolean        pending;      /* under lock: an update is on its way */
} Job;

struct _DtReportDialog
{
  GtkWindow             parent_instance;

  DtDatabase           *database;
  GCancellable         *cancellable;   /* while a report is being written */
  Job                  *job;
  char                 *written;
  GtkFileChooserNative *chooser;
  DtPeriodKind          parts_kind;    /* whose choices part_dropdown holds */
  guint                 updating;      /* the program fills the form, not the person */
  guint                 as_of_typed : 1;
  guint                 file_typed : 1;
  guint                 close_when_done : 1;

  /* Template widgets */
  GtkEntry             *as_of_entry;
  GtkButton            *cancel_button;
  GtkButton            *create_button;
  GtkEntry             *file_entry;
  GtkSpinButton        *first_year_spin;
  GtkGrid              *form_grid;
  GtkEntry             *from_entry;
  GtkLabel             *from_label;
  GtkDropDown          *kind_dropdown;
  GtkButton            *open_file_button;
  GtkButton            *open_folder_button;
  GtkDropDown          *part_dropdown;
  GtkProgressBar       *progress_bar;
  GtkBox               *range_box;
  GtkLabel             *status_label;
  GtkLabel             *summary_label;
  GtkEntry             *to_entry;
  GtkLabel             *to_year_label;
  GtkBox               *year_box;
  GtkLabel             *year_label;
  GtkSpinButton        *year_spin;
};

G_DEFINE_FINAL_TYPE (DtReportDialog, dt_report_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------
 * The job
 * ------------------------------------------------------------------------------------------ */

static void
job_clear (Job *job)
{
  g_clear_object (&job->dialog);
  g_free (job->database);
  g_free (job->output);
  g_mutex_clear (&job->lock);
}

static Job *
job_ref (Job *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
job_unref (Job *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

static gboolean
job_progress_idle (gpointer user_data)
{
  Job *job = user_data;
  DtReportDialog *self = job->dialog;
  double fraction;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  job->shown = fraction;
  job->pending = FALSE;
  g_mutex_unlock (&job->lock);

  if (self->job == job)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  return G_SOURCE_REMOVE;
}

/* In the worker thread. */
static void
job_progress_cb (double   fraction,
                 gpointer user_data)
{
  Job *job = user_data;
  gboolean send;

  g_mutex_lock (&job->lock);
  job->fraction = fraction;
  send = !job->pending && (fraction - job->shown >= PROGRESS_STEP || fraction >= 1.0);
  job->pending |= send;
  g_mutex_unlock (&job->lock);

  if (send)
    g_idle_add_full (G_PRIORITY_DEFAULT, job_progress_idle, job_ref (job),
                     (GDestroyNotify) job_unref);
}

/* In the worker thread: its own connection, one snapshot, the file written and renamed. */
static void
write_report_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = dt_database_open (job->database, DT_DATABASE_OPEN_EXISTING, &error);
  if (database == NULL ||
      !dt_report_write_file (database, &job->period, &job->as_of, job->output, cancellable,
                             job_progress_cb, job, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------------------------
 * The form
 * ------------------------------------------------------------------------------------------ */

static DtPeriodKind
selected_kind (DtReportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  return selected < DT_N_PERIOD_KINDS ? (DtPeriodKind) selected : DT_PERIOD_QUARTER;
}

static void
label_widget (GtkWidget  *widget,
              const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* The months, quarters or halves to choose from, for KIND. */
static void
set_parts (DtReportDialog *self,
           DtPeriodKind    kind)
{
  g_autoptr(GtkStringList) parts = gtk_string_list_new (NULL);
  guint n = kind == DT_PERIOD_MONTH ? 12 : kind == DT_PERIOD_QUARTER ? 4 : 2;
  guint selected = gtk_drop_down_get_selected (self->part_dropdown);

  if (kind == self->parts_kind)
    return;
  self->parts_kind = kind;
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *text = NULL;

      if (kind == DT_PERIOD_MONTH)
        text = g_strdup_printf (_("Month %u"), i);
      else if (kind == DT_PERIOD_QUARTER)
        text = g_strdup_printf (_("Quarter %u"), i);
      else
        text = g_strdup (i == 1 ? _("First half") : _("Second half"));
      gtk_string_list_append (parts, text);
    }
  self->updating++;
  gtk_drop_down_set_model (self->part_dropdown, G_LIST_MODEL (parts));
  gtk_drop_down_set_selected (self->part_dropdown, selected < n ? selected : 0);
  self->updating--;
  label_widget (GTK_WIDGET (self->part_dropdown),
                kind == DT_PERIOD_MONTH ? _("Month") : kind == DT_PERIOD_QUARTER ? _("Quarter")
                                                                                  : _("Half year"));
}

static void
show_controls (DtReportDialog *self)
{
  DtPeriodKind kind = selected_kind (self);
  gboolean with_part = kind == DT_PERIOD_MONTH || kind == DT_PERIOD_QUARTER ||
                       kind == DT_PERIOD_HALF;
  gboolean review = kind == DT_PERIOD_YEARS;
  gboolean range = kind == DT_PERIOD_RANGE;

  if (with_part)
    set_parts (self, kind);
  gtk_widget_set_visible (GTK_WIDGET (self->part_dropdown), with_part);
  gtk_widget_set_visible (GTK_WIDGET (self->first_year_spin), review);
  gtk_widget_set_visible (GTK_WIDGET (self->to_year_label), review);
  gtk_widget_set_visible (GTK_WIDGET (self->year_label), !range);
  gtk_widget_set_visible (GTK_WIDGET (self->year_box), !range);
  gtk_widget_set_visible (GTK_WIDGET (self->from_label), range);
  gtk_widget_set_visible (GTK_WIDGET (self->range_box), range);
  gtk_label_set_text_with_mnemonic (self->year_label, review ? _("_Years") : _("_Year"));
  gtk_label_set_mnemonic_widget (self->year_label, GTK_WIDGET (review ? self->first_year_spin
                                                                      : self->year_spin));
  label_widget (GTK_WIDGET (self->first_year_spin), _("First year"));
  label_widget (GTK_WIDGET (self->year_spin), review ? _("Last year") : _("Year"));
}

gboolean
dt_report_dialog_get_period (DtReportDialog  *self,
                             DtPeriod        *period,
                             GError         **error)
{
  DtPeriodKind kind;
  int year;

  g_return_val_if_fail (DT_IS_REPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  kind = selected_kind (self);
  year = gtk_spin_button_get_value_as_int (self->year_spin);
  switch (kind)
    {
    case DT_PERIOD_MONTH:
    case DT_PERIOD_QUARTER:
    case DT_PERIOD_HALF:
      return dt_period_init (period, kind, year,
                             (int) gtk_drop_down_get_selected (self->part_dropdown) + 1, year,
                             error);
    case DT_PERIOD_NINE_MONTHS:
    case DT_PERIOD_YEAR:
      return dt_period_init (period, kind, year, 0, year, error);
    case DT_PERIOD_YEARS:
      return dt_period_init (period, kind, gtk_spin_button_get_value_as_int (self->first_year_spin),
                             0, year, error);
    case DT_PERIOD_RANGE:
      {
        GDate from, to;

        if (!dt_date_parse_typed (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)),
                                  &from, error) ||
            !dt_date_parse_typed (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)), &to,
                                  error))
          return FALSE;
        return dt_period_init_range (period, &from, &to, error);
      }
    case DT_N_PERIOD_KINDS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

static char *
default_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_strdup (documents);
  return g_strdup (g_get_home_dir ());
}

static void
set_entry_text (DtReportDialog *self,
                GtkEntry       *entry,
                const char     *text)
{
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  self->updating--;
}

static void
show_status (DtReportDialog *self,
             const char     *text,
             gboolean        is_error)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

/* The period's line under the form, and the as-of date and file name that follow it until
 * the person types their own. */
static void
refresh (DtReportDialog *self)
{
  g_autoptr(GError) error = NULL;
  DtPeriod period;

  show_controls (self);
  if (!dt_report_dialog_get_period (self, &period, &error))
    {
      gtk_label_set_text (self->summary_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
  {
    g_autofree char *title = dt_period_title (&period);
    g_autofree char *from = dt_date_format_display (&period.start);
    g_autofree char *to = dt_date_format_display (&period.end);
    g_autofree char *text = period.kind == DT_PERIOD_RANGE
                            ? g_strconcat (title, ".", NULL)
                            : g_strdup_printf (_("%s: from %s to %s."), title, from, to);

    gtk_label_set_text (self->summary_label, text);
  }
  if (!self->as_of_typed)
    {
      g_autofree char *shown = NULL;
      GDate as_of;

      dt_period_default_as_of (&period, NULL, &as_of);
      shown = dt_date_format_display (&as_of);
      set_entry_text (self, self->as_of_entry, shown);
    }
  if (!self->file_typed)
    {
      const char *current = gtk_editable_get_text (GTK_EDITABLE (self->file_entry));
      g_autofree char *folder = *current != '\0' ? g_path_get_dirname (current)
                                                 : default_folder ();
      g_autofree char *name = dt_period_file_name (&period);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      set_entry_text (self, self->file_entry, path);
    }
}

static void
set_running (DtReportDialog *self,
             gboolean        running)
{
  /* The focus goes to Cancel before the form it was in turns insensitive. */
  if (running)
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_grid), !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.create", !running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running ||
                          gtk_progress_bar_get_fraction (self->progress_bar) >= 1.0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* ------------------------------------------------------------------------------------------
 * Callbacks
 * ------------------------------------------------------------------------------------------ */

static void
period_changed_cb (DtReportDialog *self)
{
  if (self->updating > 0)
    return;
  /* What was said of the last report is not about this one. */
  if (self->cancellable == NULL)
    show_status (self, NULL, FALSE);
  refresh (self);
}

static void
as_of_changed_cb (DtReportDialog *self)
{
  if (self->updating == 0)
    self->as_of_typed = TRUE;
}

static void
file_changed_cb (DtReportDialog *self)
{
  if (self->updating == 0)
    self->file_typed = TRUE;
}

static void
report_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DtReportDialog *self = DT_REPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));

  g_clear_object (&self->cancellable);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = g_strdup_printf (_("The report was written to %s."), job->output);

      g_free (self->written);
      self->written = g_strdup (job->output);
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
      show_status (self, text, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->open_file_button), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->open_folder_button), TRUE);
      gtk_button_set_label (self->cancel_button, _("_Close"));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      show_status (self, _("Cancelled: no file was written."), FALSE);
    }
  else
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      show_status (self, error->message, TRUE);
    }
  self->job = NULL;
  set_running (self, FALSE);

  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtReportDialog *self = DT_REPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  DtPeriod period;
  GDate as_of;
  Job *job;

  if (self->cancellable != NULL)
    return;

  /* Everything that is wrong is said before any work, next to what to correct. */
  if (!dt_report_dialog_get_period (self, &period, &error))
    {
      show_status (self, error->message, TRUE);
      gtk_widget_grab_focus (selected_kind (self) == DT_PERIOD_RANGE
                             ? GTK_WIDGET (self->from_entry) : GTK_WIDGET (self->year_spin));
      return;
    }
  if (!dt_date_parse_typed (gtk_editable_get_text (GTK_EDITABLE (self->as_of_entry)), &as_of,
                            &error) ||
      !dt_period_check_as_of (&period, &as_of, &error))
    {
      show_status (self, error->message, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->as_of_entry));
      return;
    }
  output = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->file_entry))));
  if (*output == '\0')
    {
      show_status (self, _("Choose where to save the report."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->file_entry));
      return;
    }
  if (!g_str_has_suffix (output, ".xlsx") && !g_str_has_suffix (output, ".XLSX"))
    {
      char *with_suffix = g_strconcat (output, ".xlsx", NULL);

      g_free (output);
      output = with_suffix;
      set_entry_text (self, self->file_entry, output);
    }

  job = g_atomic_rc_box_new0 (Job);
  g_mutex_init (&job->lock);
  job->dialog = g_object_ref (self);
  job->database = g_strdup (dt_database_get_path (self->database));
  job->period = period;
  job->as_of = as_of;
  job->output = g_strdup (output);
  self->job = job;

  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->open_file_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->open_folder_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Cancel"));
  show_status (self, _("Writing the report…"), FALSE);
  set_running (self, TRUE);

  task = g_task_new (self, self->cancellable, report_written_cb, NULL);
  g_task_set_source_tag (task, create_action);
  g_task_set_task_data (task, job, (GDestroyNotify) job_unref);
  g_task_run_in_thread (task, write_report_thread);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtReportDialog *self = DT_REPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
chooser_response_cb (DtReportDialog       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->file_entry), path);
          self->file_typed = TRUE;
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DtReportDialog *self = DT_REPORT_DIALOG (widget);
  const char *current = gtk_editable_get_text (GTK_EDITABLE (self->file_entry));
  g_autofree char *folder = g_path_get_dirname (current);
  g_autofree char *name = g_path_get_basename (current);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save the Report As"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_filter_add_pattern (filter, "*.XLSX");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder_file, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Opening the report or its folder with the program the system chooses: GtkFileLauncher
 * where GTK has it (4.10), the desktop's default handler through GIO on 4.8. */
#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DtReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_object_get_data (source, "dt-folder") != NULL
                ? gtk_file_launcher_open_containing_folder_finish (GTK_FILE_LAUNCHER (source),
                                                                  result, &error)
                : gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error);

  if (!ok && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    show_status (self, error->message, TRUE);
}

static void
launch (DtReportDialog *self,
        gboolean        folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->written);
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  if (folder)
    {
      g_object_set_data (G_OBJECT (launcher), "dt-folder", GINT_TO_POINTER (1));
      gtk_file_launcher_open_containing_folder (launcher, GTK_WINDOW (self), NULL, launched_cb,
                                                g_object_ref (self));
    }
  else
    gtk_file_launcher_launch (launcher, GTK_WINDOW (self), NULL, launched_cb,
                              g_object_ref (self));
}
G_GNUC_END_IGNORE_DEPRECATIONS
#else
static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DtReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The report could not be opened: %s"),
                                               error->message);
      show_status (self, text, TRUE);
    }
}

static void
launch (DtReportDialog *self,
        gboolean        folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->written);
  g_autoptr(GFile) target = folder ? g_file_get_parent (file) : g_object_ref (file);
  g_autofree char *uri = g_file_get_uri (target);
  g_autoptr(GdkAppLaunchContext) context = NULL;

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           launched_cb, g_object_ref (self));
}
#endif

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DtReportDialog *self = DT_REPORT_DIALOG (widget);

  if (self->written != NULL)
    launch (self, FALSE);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DtReportDialog *self = DT_REPORT_DIALOG (widget);

  if (self->written != NULL)
    launch (self, TRUE);
}

static gboolean
dt_report_dialog_close_request (GtkWindow *window)
{
  DtReportDialog *self = DT_REPORT_DIALOG (window);

  /* Closed while writing: the report is cancelled, and the dialog goes once the worker has
   * stopped and removed its temporary file. */
  if (self->cancellable != NULL)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (dt_report_dialog_parent_class)->close_request (window);
}

/* ------------------------------------------------------------------------------------------
 * Object
 * ------------------------------------------------------------------------------------------ */

static void
dt_report_dialog_constructed (GObject *object)
{
  DtReportDialog *self = (DtReportDialog *) object;
  DtPeriod period;
  GDate today;

  G_OBJECT_CLASS (dt_report_dialog_parent_class)->constructed (object);

  dt_today (&today);
  dt_period_current (DT_PERIOD_QUARTER, &today, &period);
  dt_report_dialog_set_period (self, &period);
}

static void
dt_report_dialog_dispose (GObject *object)
{
  DtReportDialog *self = (DtReportDialog *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_REPORT_DIALOG);

  G_OBJECT_CLASS (dt_report_dialog_parent_class)->dispose (object);
}

static void
dt_report_dialog_finalize (GObject *object)
{
  DtReportDialog *self = (DtReportDialog *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_free (self->written);

  G_OBJECT_CLASS (dt_report_dialog_parent_class)->finalize (object);
}

static void
dt_report_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DtReportDialog *self = DT_REPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, dt_report_dialog_get_running (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_report_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DtReportDialog *self = DT_REPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_report_dialog_class_init (DtReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dt_report_dialog_constructed;
  object_class->dispose = dt_report_dialog_dispose;
  object_class->finalize = dt_report_dialog_finalize;
  object_class->get_property = dt_report_dialog_get_property;
  object_class->set_property = dt_report_dialog_set_property;

  window_class->close_request = dt_report_dialog_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         DT_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/doithoai/DoiThoai/dt-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, as_of_entry);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, file_entry);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, first_year_spin);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, form_grid);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, from_entry);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, from_label);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, open_file_button);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, open_folder_button);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, part_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, range_box);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, to_entry);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, to_year_label);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, year_box);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, year_label);
  gtk_widget_class_bind_template_child (widget_class, DtReportDialog, year_spin);
  gtk_widget_class_bind_template_callback (widget_class, as_of_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, file_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);

  gtk_widget_class_install_action (widget_class, "report.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "report.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "report.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "report.open-file", NULL, open_file_action);
  gtk_widget_class_install_action (widget_class, "report.open-folder", NULL, open_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "report.cancel", NULL);
}

static void
dt_report_dialog_init (DtReportDialog *self)
{
  self->parts_kind = DT_N_PERIOD_KINDS;
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"), -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->from_entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->from_label, NULL, -1);
  label_widget (GTK_WIDGET (self->to_entry), _("To"));
  label_widget (GTK_WIDGET (self->kind_dropdown), _("Report"));
  label_widget (GTK_WIDGET (self->as_of_entry), _("Figures as of"));
  label_widget (GTK_WIDGET (self->file_entry), _("Save as"));
}

/* ------------------------------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------------------------------ */

DtReportDialog *
dt_report_dialog_new (GtkWindow  *parent,
                      DtDatabase *database)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DT_IS_DATABASE (database), NULL);

  return g_object_new (DT_TYPE_REPORT_DIALOG,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       "application", parent != NULL ? gtk_window_get_application (parent)
                                                     : NULL,
                       "database", database,
                       NULL);
}

DtReportDialog *
dt_report_dialog_show (GtkWindow      *parent,
                       DtDatabase     *database,
                       const DtPeriod *period)
{
  DtReportDialog *self = dt_report_dialog_new (parent, database);

  if (period != NULL)
    dt_report_dialog_set_period (self, period);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

void
dt_report_dialog_set_period (DtReportDialog *self,
                             const DtPeriod *period)
{
  g_return_if_fail (DT_IS_REPORT_DIALOG (self));
  g_return_if_fail (period != NULL);

  self->updating++;
  gtk_drop_down_set_selected (self->kind_dropdown, period->kind);
  show_controls (self);
  gtk_spin_button_set_value (self->year_spin, period->last_year);
  if (period->kind == DT_PERIOD_YEARS)
    gtk_spin_button_set_value (self->first_year_spin, period->year);
  if (period->index > 0)
    gtk_drop_down_set_selected (self->part_dropdown, (guint) period->index - 1);
  if (period->kind == DT_PERIOD_RANGE)
    {
      g_autofree char *from = dt_date_format_display (&period->start);
      g_autofree char *to = dt_date_format_display (&period->end);

      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
      gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
    }
  self->updating--;
  refresh (self);
}

void
dt_report_dialog_set_as_of (DtReportDialog *self,
                            const GDate    *as_of)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (DT_IS_REPORT_DIALOG (self));
  g_return_if_fail (as_of != NULL && g_date_valid (as_of));

  shown = dt_date_format_display (as_of);
  gtk_editable_set_text (GTK_EDITABLE (self->as_of_entry), shown);
  self->as_of_typed = TRUE;
}

void
dt_report_dialog_set_output (DtReportDialog *self,
                             const char     *path)
{
  g_return_if_fail (DT_IS_REPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->file_entry), path);
  self->file_typed = TRUE;
}

const char *
dt_report_dialog_get_output (DtReportDialog *self)
{
  g_return_val_if_fail (DT_IS_REPORT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->file_entry));
}

gboolean
dt_report_dialog_get_running (DtReportDialog *self)
{
  g_return_val_if_fail (DT_IS_REPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const char *
dt_report_dialog_get_written (DtReportDialog *self)
{
  g_return_val_if_fail (DT_IS_REPORT_DIALOG (self), NULL);

  return self->written;
}
