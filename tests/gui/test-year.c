/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A year's work through the real window (issue 8): a new database is set up, a plan made and
 * copied to the next year, a year's holidays edited, a session scheduled with its notice due
 * date, its minutes taken with three opinions (one answered on the spot), its conclusion
 * issued assigning the others, and they are found open with their deadlines. Each step
 * checks what the database then holds, and each screen is saved as a PNG.
 *
 * DT_TEST_SIZE=1024x600 sets the window's size; SCREENSHOT_SUFFIX names the run. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dt-application.h"
#include "dt-calendar.h"
#include "dt-conclusion-form.h"
#include "dt-draft.h"
#include "dt-error-window.h"
#include "dt-first-run.h"
#include "dt-i18n.h"
#include "dt-list-editor.h"
#include "dt-lists.h"
#include "dt-overview-page.h"
#include "dt-petition-query.h"
#include "dt-plans.h"
#include "dt-row-content.h"
#include "dt-sessions-page.h"
#include "dt-sessions.h"
#include "dt-settings-window.h"
#include "dt-status.h"
#include "dt-util.h"
#include "dt-window-private.h"
#include "dt-wrap-label.h"
#include "gui-test.h"

typedef struct
{
  char          *dir;
  char          *path;
  DtApplication *application;
  DtDatabase    *database;
  DtWindow      *window;
} Year;

static int window_width = 1366;
static int window_height = 768;

static void
set_today (Year       *year,
           const char *iso)
{
  g_setenv ("DOITHOAI_TODAY", iso, TRUE);
  if (year->window != NULL)
    dt_context_check_external (_dt_window_get_context (year->window));
  gui_flush ();
}

static void
show (Year       *year,
      const char *page)
{
  gtk_widget_activate_action (GTK_WIDGET (year->window), "win.show-page", "s", page);
  gui_flush ();
  g_assert_cmpstr (dt_window_get_page (year->window), ==, page);
}

static void
year_setup (Year          *year,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  year->dir = g_dir_make_tmp ("doithoai-year-XXXXXX", &error);
  g_assert_no_error (error);
  year->path = g_build_filename (year->dir, "văn phòng.sqlite", NULL);
  year->database = dt_database_open (year->path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  year->application = gui_application_new ();
  g_application_register (G_APPLICATION (year->application), NULL, &error);
  g_assert_no_error (error);

  set_today (year, "2026-03-02");
  year->window = dt_window_new (year->application, year->database);
  gtk_window_set_default_size (GTK_WINDOW (year->window), window_width, window_height);
  gtk_window_present (GTK_WINDOW (year->window));
  gui_wait_for_paint (GTK_WIDGET (year->window));
}

static void
year_teardown (Year          *year,
               gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  gui_flush ();
  g_clear_object (&year->database);
  g_clear_object (&year->application);
  gui_remove_tree (year->dir);
  g_free (year->dir);
  g_free (year->path);
}

static GtkWidget *
root (Year *year)
{
  return GTK_WIDGET (year->window);
}

static void
set_up_unit (Year *year)
{
  g_autoptr(DtUnit) unit = NULL;
  g_auto(GStrv) villages = NULL;
  g_auto(GStrv) agencies = NULL;
  GtkWindow *assistant;

  /* The new database says what to do first. */
  g_assert_true (gtk_widget_get_visible (gui_find (root (year), "setup-card")));
  gui_screenshot (root (year), "year-overview-new");

  gui_click (root (year), "setup-button");
  assistant = gui_find_toplevel (DT_TYPE_FIRST_RUN, NULL);
  g_assert_nonnull (assistant);
  gui_type (GTK_WIDGET (assistant), "unit-superior", "ĐẢNG BỘ TỈNH HÀ TĨNH");
  gui_type (GTK_WIDGET (assistant), "unit-name", "ĐẢNG BỘ XÃ THẠCH LẠC");
  gui_type (GTK_WIDGET (assistant), "unit-place", "Thạch Lạc");
  gui_screenshot (GTK_WIDGET (assistant), "first-run-unit");
  gui_click (GTK_WIDGET (assistant), "first-run-next");
  g_assert_cmpstr (dt_first_run_get_step (DT_FIRST_RUN (assistant)), ==, "signer");
  gui_type (GTK_WIDGET (assistant), "unit-signer-name", "Nguyễn Văn An");
  gui_screenshot (GTK_WIDGET (assistant), "first-run-signer");
  gui_click (GTK_WIDGET (assistant), "first-run-next");
  gui_type (GTK_WIDGET (assistant), "first-run-villages", "Thôn Đông\nThôn Tây\n\n Thôn Nam Hà \n");
  gui_screenshot (GTK_WIDGET (assistant), "first-run-lists");
  gui_click (GTK_WIDGET (assistant), "first-run-next");
  g_assert_null (gui_find_toplevel (DT_TYPE_FIRST_RUN, NULL));

  unit = dt_unit_load (year->database, NULL);
  g_assert_cmpstr (unit->name, ==, "ĐẢNG BỘ XÃ THẠCH LẠC");
  g_assert_cmpstr (unit->superior, ==, "ĐẢNG BỘ TỈNH HÀ TĨNH");
  g_assert_cmpstr (unit->place, ==, "Thạch Lạc");
  g_assert_cmpstr (unit->symbol, ==, "ĐU");
  g_assert_cmpstr (unit->signer_on_behalf, ==, "T/M BAN THƯỜNG VỤ");
  g_assert_cmpstr (unit->signer_title, ==, "BÍ THƯ");
  g_assert_cmpstr (unit->signer_name, ==, "Nguyễn Văn An");
  villages = dt_list_get_active (year->database, DT_LIST_VILLAGES, NULL);
  g_assert_cmpuint (g_strv_length (villages), ==, 3);
  g_assert_cmpstr (villages[0], ==, "Thôn Đông");
  g_assert_cmpstr (villages[1], ==, "Thôn Nam Hà");
  agencies = dt_list_get_active (year->database, DT_LIST_AGENCIES, NULL);
  g_assert_true (g_strv_contains ((const char * const *) agencies, "UBND xã"));
  /* Set up: the overview no longer offers it. */
  gui_flush ();
  g_assert_false (gtk_widget_get_visible (gui_find (root (year), "setup-card")));
}

static void
make_plan (Year *year)
{
  g_autoptr(DtPlan) plan = NULL;
  g_autoptr(DtPlan) copy = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(DtDraft) draft = NULL;
  GtkWidget *bases;
  DtPlannedSession *planned;

  show (year, "plans");
  gui_screenshot (root (year), "plans-empty");
  gtk_widget_activate_action (gui_find (root (year), "plans-new"), "plans.new", NULL);
  gui_flush ();
  g_assert_cmpstr (gui_label (root (year), "plan-heading"), !=, "");

  gui_type (root (year), "plan-number", "08-KH/ĐU");
  /* A date the way she types it; a wrong one first. */
  gui_type (root (year), "plan-issued", "31/2/2026");
  bases = gui_find (root (year), "plan-bases");
  gui_click (bases, "dt-add-line-button");
  g_assert_true (gtk_widget_activate_action (gui_find (root (year), "plan-save"), "plan.save",
                                             NULL));
  gui_flush ();
  /* Refused, the problem under the field, nothing written, what she typed kept. */
  g_assert_cmpint (dt_database_count (year->database, "plans", NULL), ==, 0);
  g_assert_true (gtk_widget_has_css_class (gui_find (root (year), "plan-issued"), "error"));
  draft = dt_draft_load (year->database, "plan:new", NULL);
  g_assert_nonnull (draft);
  g_assert_cmpstr (dt_draft_get (draft, "issued"), ==, "31/2/2026");
  gui_screenshot (root (year), "plan-form-problem");

  gui_type (root (year), "plan-issued", "14/1/26");
  gui_click (bases, "dt-add-line-button");
  gtk_editable_set_text (GTK_EDITABLE (dt_list_editor_get_entry (DT_LIST_EDITOR (bases), 0)),
                         "Quyết định số 657-QĐ/TU ngày 4/4/2018 của Ban Thường vụ Tỉnh ủy");
  gui_type (root (year), "plan-purpose", "Kịp thời nắm bắt tâm tư, nguyện vọng của Nhân dân.");
  gui_type (root (year), "plan-dialogues-planned", "3");
  gui_click (root (year), "plan-add-planned");
  {
    GtkWidget *line = gtk_widget_get_first_child (gui_find (root (year), "plan-planned-sessions"));
    GtkWidget *month = gtk_widget_get_next_sibling (gtk_widget_get_first_child (line));
    GtkWidget *place = gtk_widget_get_next_sibling (month);
    GtkWidget *topic = gtk_widget_get_next_sibling (place);

    gtk_drop_down_set_selected (GTK_DROP_DOWN (month), 4);
    gtk_editable_set_text (GTK_EDITABLE (place), "Nhà văn hóa thôn Đông");
    gtk_editable_set_text (GTK_EDITABLE (topic), "Đất đai và môi trường");
  }
  gui_flush ();
  gtk_widget_activate_action (gui_find (root (year), "plan-save"), "plan.save", NULL);
  gui_flush ();

  plan = dt_plan_load (year->database, "KH-2026", NULL);
  g_assert_nonnull (plan);
  g_assert_cmpint (plan->year, ==, 2026);
  g_assert_cmpstr (plan->number, ==, "08-KH/ĐU");
  g_assert_cmpstr (plan->issued, ==, "2026-01-14");
  g_assert_cmpuint (g_strv_length (plan->bases), ==, 1);
  g_assert_cmpint (plan->dialogues_planned, ==, 3);
  g_assert_cmpuint (g_strv_length (plan->reports_due), ==, 2);
  g_assert_cmpstr (plan->reports_due[0], ==, "2026-06-15");
  g_assert_cmpuint (plan->planned_sessions->len, ==, 1);
  planned = g_ptr_array_index (plan->planned_sessions, 0);
  g_assert_cmpint (planned->month, ==, 4);
  g_assert_cmpint (planned->quarter, ==, 2);
  g_assert_cmpstr (planned->location, ==, "Nhà văn hóa thôn Đông");
  /* Saved: the draft has gone. */
  g_assert_null (dt_draft_load (year->database, "plan:new", NULL));
  gui_screenshot (root (year), "plan-form");

  /* Copied to next year: dates a year on, number cleared. */
  gtk_widget_activate_action (gui_find (root (year), "plan-copy"), "plan.copy-next-year", NULL);
  gui_flush ();
  copy = dt_plan_load (year->database, "KH-2027", NULL);
  g_assert_nonnull (copy);
  g_assert_null (copy->number);
  g_assert_cmpstr (copy->issued, ==, "2027-01-14");
  g_assert_cmpstr (copy->reports_due[1], ==, "2027-12-10");
  g_assert_cmpuint (copy->planned_sessions->len, ==, 1);
  plans = dt_plan_summaries (year->database, NULL);
  g_assert_cmpuint (plans->len, ==, 2);
  gui_screenshot (root (year), "plan-copied");

  /* Back to this year's plan for what follows. */
  gtk_widget_activate_action (root (year), "win.show-plan", "s", "KH-2026");
  gui_flush ();

  /* Leaving the tab saves a valid change, and keeps an invalid one as a draft. */
  gui_type (root (year), "plan-expected-attendance", "120");
  show (year, "overview");
  g_clear_pointer (&plan, dt_plan_free);
  plan = dt_plan_load (year->database, "KH-2026", NULL);
  g_assert_cmpint (plan->expected_attendance, ==, 120);
  show (year, "plans");
  gui_type (root (year), "plan-expected-attendance", "một trăm");
  show (year, "overview");
  g_clear_pointer (&plan, dt_plan_free);
  plan = dt_plan_load (year->database, "KH-2026", NULL);
  g_assert_cmpint (plan->expected_attendance, ==, 120);
  g_clear_pointer (&draft, dt_draft_free);
  draft = dt_draft_load (year->database, "plan:KH-2026", NULL);
  g_assert_nonnull (draft);
  g_assert_cmpstr (dt_draft_get (draft, "expected_attendance"), ==, "một trăm");
  /* Back to it: the draft is there, and she is told. */
  show (year, "plans");
  gtk_widget_activate_action (root (year), "win.show-plan", "s", "KH-2027");
  gtk_widget_activate_action (root (year), "win.show-plan", "s", "KH-2026");
  gui_flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gui_find (root (year), "plan-expected-attendance"))),
                   ==, "một trăm");
  gui_screenshot (root (year), "plan-draft");
  gtk_widget_activate_action (gui_find (root (year), "plan-save"), "plan.discard-draft", NULL);
  gui_flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gui_find (root (year), "plan-expected-attendance"))),
                   ==, "120");
  g_assert_null (dt_draft_load (year->database, "plan:KH-2026", NULL));
}

static gboolean
calendar_has (DtDatabase *db,
              int         year,
              const char *date,
              gboolean    workday)
{
  g_autoptr(GPtrArray) years = dt_calendar_list (db, NULL);

  for (guint i = 0; i < years->len; i++)
    {
      DtCalendarYear *calendar = g_ptr_array_index (years, i);

      if (calendar->year == year)
        return g_strv_contains ((const char * const *) (workday ? calendar->workdays
                                                                : calendar->holidays), date);
    }
  return FALSE;
}

static void
edit_holidays (Year *year)
{
  g_autoptr(DtWorkCalendar) calendar = NULL;
  GtkWindow *settings;
  GDate day;

  gtk_widget_activate_action (root (year), "win.settings", NULL);
  settings = gui_find_toplevel (DT_TYPE_SETTINGS_WINDOW, NULL);
  g_assert_nonnull (settings);
  gtk_window_set_default_size (settings, MIN (980, window_width - 40),
                               MIN (640, window_height - 40));
  gui_screenshot (GTK_WIDGET (settings), "settings-unit");

  dt_settings_window_show_page (DT_SETTINGS_WINDOW (settings), "holidays");
  dt_settings_window_show_year (DT_SETTINGS_WINDOW (settings), 2026);
  gui_flush ();
  /* The defaults: Tết eve (16/2/2026) is off. */
  g_assert_cmpint (dt_database_count (year->database, "calendar_years", NULL), ==, 0);
  gui_screenshot (GTK_WIDGET (settings), "settings-holidays-default");

  /* The government gives Monday 23/2 off and makes Saturday 28/2 a working day. */
  g_assert_true (dt_settings_window_click_day (DT_SETTINGS_WINDOW (settings), "2026-02-23"));
  g_assert_true (dt_settings_window_click_day (DT_SETTINGS_WINDOW (settings), "2026-02-28"));
  g_assert_true (calendar_has (year->database, 2026, "2026-02-23", FALSE));
  g_assert_true (calendar_has (year->database, 2026, "2026-02-28", TRUE));
  g_assert_true (calendar_has (year->database, 2026, "2026-02-16", FALSE));
  calendar = dt_work_calendar_new (year->database, NULL);
  g_date_set_dmy (&day, 23, 2, 2026);
  g_assert_false (dt_work_calendar_is_working_day (calendar, &day));
  g_date_set_dmy (&day, 28, 2, 2026);
  g_assert_true (dt_work_calendar_is_working_day (calendar, &day));
  gui_screenshot (GTK_WIDGET (settings), "settings-holidays");

  /* A wrong click, undone by another. */
  dt_settings_window_click_day (DT_SETTINGS_WINDOW (settings), "2026-03-03");
  g_assert_true (calendar_has (year->database, 2026, "2026-03-03", FALSE));
  dt_settings_window_click_day (DT_SETTINGS_WINDOW (settings), "2026-03-03");
  g_assert_false (calendar_has (year->database, 2026, "2026-03-03", FALSE));

  /* Reset: the year follows the defaults again. */
  gtk_widget_activate_action (GTK_WIDGET (settings), "settings.reset-year", NULL);
  gui_click (GTK_WIDGET (gui_find_toplevel (GTK_TYPE_WINDOW, "question-accept")),
             "question-accept");
  g_assert_cmpint (dt_database_count (year->database, "calendar_years", NULL), ==, 0);
  g_assert_true (dt_settings_window_click_day (DT_SETTINGS_WINDOW (settings), "2026-02-23"));

  /* A village added, one mistyped and merged, one retired. */
  dt_settings_window_show_page (DT_SETTINGS_WINDOW (settings), "villages");
  gui_type_enter (GTK_WIDGET (settings), "villages-new", "Thôn Bac");
  gui_type_enter (GTK_WIDGET (settings), "villages-new", "Thôn Bắc");
  {
    g_auto(GStrv) added = dt_list_get (year->database, DT_LIST_VILLAGES, NULL);

    g_assert_true (g_strv_contains ((const char * const *) added, "Thôn Bac"));
    g_assert_true (g_strv_contains ((const char * const *) added, "Thôn Bắc"));
  }
  gui_click (GTK_WIDGET (settings), "merge-Thôn Bac");
  {
    GtkWindow *question = gui_find_toplevel (GTK_TYPE_WINDOW, "question-choice");

    gui_choose (GTK_WIDGET (question), "question-choice", "Thôn Bắc");
    gui_screenshot (GTK_WIDGET (question), "settings-merge");
    gui_click (GTK_WIDGET (question), "question-accept");
  }
  {
    g_auto(GStrv) villages = dt_list_get (year->database, DT_LIST_VILLAGES, NULL);

    g_assert_false (g_strv_contains ((const char * const *) villages, "Thôn Bac"));
    g_assert_true (g_strv_contains ((const char * const *) villages, "Thôn Bắc"));
  }
  gui_screenshot (GTK_WIDGET (settings), "settings-villages");

  /* The rules: a wrong figure is refused at its field. */
  dt_settings_window_show_page (DT_SETTINGS_WINDOW (settings), "rules");
  gui_type (GTK_WIDGET (settings), "rules-answer-working-days", "0");
  gui_click (GTK_WIDGET (settings), "rules-save");
  g_assert_true (gtk_widget_has_css_class (gui_find (GTK_WIDGET (settings),
                                                     "rules-answer-working-days"), "error"));
  gui_screenshot (GTK_WIDGET (settings), "settings-rules-problem");
  gui_type (GTK_WIDGET (settings), "rules-answer-working-days", "30");
  gui_click (GTK_WIDGET (settings), "rules-save");
  dt_settings_window_show_page (DT_SETTINGS_WINDOW (settings), "margins");
  gui_screenshot (GTK_WIDGET (settings), "settings-margins");
  {
    g_autoptr(DtUnit) unit = dt_unit_load (year->database, NULL);

    g_assert_cmpint (unit->answer_working_days, ==, 30);
    g_assert_cmpint (unit->margin_left, ==, 30);
  }
  gtk_window_destroy (settings);
  gui_flush ();
}

static void
schedule_session (Year *year)
{
  g_autoptr(DtSession) session = NULL;
  const char *dues;

  show (year, "sessions");
  gtk_widget_activate_action (gui_find (root (year), "sessions-new"), "sessions.new", NULL);
  gui_flush ();

  /* Before the plan's year: refused with the reason, at the date. */
  gui_type (root (year), "session-date", "20/12/2025");
  gui_click (root (year), "session-save");
  g_assert_cmpint (dt_database_count (year->database, "sessions", NULL), ==, 0);
  g_assert_true (gtk_widget_has_css_class (gui_find (root (year), "session-date"), "error"));
  gui_screenshot (root (year), "session-form-problem");

  gui_type (root (year), "session-date", "15/4/2026");
  gui_type (root (year), "session-location", "Nhà văn hóa thôn Đông");
  gui_choose (root (year), "session-village", "Thôn Đông");
  gui_type (root (year), "session-topic", "Đối thoại về đất đai, môi trường và xây dựng nông thôn mới");
  gui_type (root (year), "session-secretary", "Lê Thị Hương");
  gui_click (root (year), "session-save");

  session = dt_session_load (year->database, "HN-2026-01", NULL);
  g_assert_nonnull (session);
  g_assert_cmpstr (session->plan, ==, "KH-2026");
  g_assert_cmpstr (session->date, ==, "2026-04-15");
  g_assert_cmpstr (session->village, ==, "Thôn Đông");
  g_assert_cmpstr (session->chair, ==, "Nguyễn Văn An");
  g_assert_cmpstr (session->status, ==, "planned");
  /* The unit's 7 lead days: the notice is due by 08/04/2026. */
  dues = gui_label (root (year), "session-dues");
  g_assert_nonnull (strstr (dues, "08/04/2026"));
  gui_screenshot (root (year), "session-form");

  /* Within 30 days of it, the overview lists it with its notice due date. */
  show (year, "overview");
  g_assert_cmpuint (dt_overview_page_get_n_items (DT_OVERVIEW_PAGE (_dt_window_get_page (year->window, "overview"))), ==, 0);
  set_today (year, "2026-03-20");
  g_assert_cmpuint (dt_overview_page_get_n_items (DT_OVERVIEW_PAGE (_dt_window_get_page (year->window, "overview"))), >=, 1);
  gui_screenshot (root (year), "overview-notice-due");

  /* The notice goes out on time. */
  show (year, "sessions");
  gui_type (root (year), "session-notice-number", "15-TB/ĐU");
  gui_type (root (year), "session-notice-date", "6/4/2026");
  gui_click (root (year), "session-save");
  g_clear_pointer (&session, dt_session_free);
  session = dt_session_load (year->database, "HN-2026-01", NULL);
  g_assert_cmpstr (session->notice_date, ==, "2026-04-06");
}

static void
take_minutes (Year *year)
{
  DtSessionsPage *page = DT_SESSIONS_PAGE (_dt_window_get_page (year->window, "sessions"));
  g_auto(GStrv) codes = NULL;
  g_autoptr(DtSession) session = NULL;
  g_autoptr(DtPetition) answered = NULL;
  GtkWindow *question;

  /* The day of the session: the overview's clock moves with it. */
  set_today (year, "2026-04-15");
  dt_sessions_page_show_session (page, "HN-2026-01", NULL);
  gui_flush ();
  g_assert_cmpstr (dt_sessions_page_get_step (page), ==, "minutes");

  gui_type (root (year), "session-start", "8:00");
  gui_type (root (year), "session-end", "11:15");
  gui_type (root (year), "session-attendance", "95");
  gui_type (root (year), "session-composition", "Thường trực Đảng ủy; lãnh đạo UBND xã; Nhân dân thôn Đông.");
  gui_type (root (year), "session-proceedings", "Đồng chí Bí thư báo cáo; Nhân dân phát biểu ý kiến.");
  gui_click (root (year), "minutes-save");
  session = dt_session_load (year->database, "HN-2026-01", NULL);
  g_assert_cmpstr (session->status, ==, "held");
  g_assert_cmpstr (session->minutes_start, ==, "08:00");
  g_assert_cmpint (session->attendance, ==, 95);

  /* Three opinions in the fast line, each with Enter. */
  gui_type (root (year), "opinion-petitioner", "Trần Thị Bình");
  gui_choose (root (year), "opinion-field", "Đất đai");
  gui_type_enter (root (year), "opinion-summary", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất");
  gui_type (root (year), "opinion-petitioner", "Lê Văn Cường");
  gui_choose (root (year), "opinion-field", "Môi trường");
  gui_type_enter (root (year), "opinion-summary", "Phản ánh rác thải ven kênh");
  /* An empty summary is refused where it is. */
  gui_type_enter (root (year), "opinion-summary", "");
  g_assert_true (gtk_widget_get_visible (gui_find (root (year), "opinion-message")));
  gui_type (root (year), "opinion-petitioner", "Phạm Thị Dung");
  gui_choose (root (year), "opinion-field", "Giao thông");
  gui_type_enter (root (year), "opinion-summary", "Đề nghị lắp đèn đường liên thôn");
  codes = dt_session_petition_codes (year->database, "HN-2026-01", NULL);
  g_assert_cmpuint (g_strv_length (codes), ==, 3);
  g_assert_cmpstr (codes[0], ==, "2026-0001");

  /* The third answered on the spot. */
  gui_click (root (year), "answer-2026-0003");
  question = gui_find_toplevel (GTK_TYPE_WINDOW, "question-entry");
  g_assert_nonnull (question);
  gui_type (GTK_WIDGET (question), "question-entry", "UBND xã đã có kế hoạch lắp đèn trong quý III.");
  gui_screenshot (GTK_WIDGET (question), "answer-dialog");
  gui_click (GTK_WIDGET (question), "question-accept");
  answered = dt_petition_load (year->database, "2026-0003", NULL);
  g_assert_cmpstr (answered->channel, ==, "session");
  g_assert_cmpstr (answered->session, ==, "HN-2026-01");
  g_assert_cmpstr (answered->answered_date, ==, "2026-04-15");
  g_assert_cmpstr (answered->answer, ==, "UBND xã đã có kế hoạch lắp đèn trong quý III.");
  gui_screenshot (root (year), "minutes-form");
}

static void
issue_conclusion (Year *year)
{
  DtSessionsPage *page = DT_SESSIONS_PAGE (_dt_window_get_page (year->window, "sessions"));
  DtOverviewPage *overview = DT_OVERVIEW_PAGE (_dt_window_get_page (year->window, "overview"));
  DtConclusionForm *form;
  g_autoptr(DtSession) session = NULL;
  g_autoptr(DtPetitionFilter) filter = dt_petition_filter_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *list, *row;
  GDate as_of;

  /* The overview says the conclusion is due, and takes her there. */
  set_today (year, "2026-04-20");
  show (year, "overview");
  list = gui_find (root (year), "attention-list");
  row = gtk_widget_get_first_child (list);
  g_assert_nonnull (row);
  g_assert_cmpuint (dt_overview_page_get_n_items (overview), >=, 1);
  gui_screenshot (root (year), "overview-conclusion-due");
  gtk_widget_activate (row);
  gui_flush ();
  g_assert_cmpstr (dt_window_get_page (year->window), ==, "sessions");
  g_assert_cmpstr (dt_sessions_page_get_session (page), ==, "HN-2026-01");
  g_assert_cmpstr (dt_sessions_page_get_step (page), ==, "conclusion");

  form = DT_CONCLUSION_FORM (gtk_widget_get_ancestor (gui_find (root (year), "conclusion-table"),
                                                      DT_TYPE_CONCLUSION_FORM));
  /* The two opinions still open, the one answered is not. */
  g_assert_cmpuint (dt_conclusion_form_get_n_open (form), ==, 2);
  gui_type (root (year), "session-conclusion-number", "20-TB/ĐU");
  gui_type (root (year), "session-conclusion-date", "22/4/2026");
  g_assert_true (dt_conclusion_form_set_agency (form, "2026-0001", "Công chức Địa chính - Xây dựng"));
  g_assert_true (dt_conclusion_form_set_agency (form, "2026-0002", "UBND xã"));
  gui_screenshot (root (year), "conclusion-form");
  gui_click (root (year), "conclusion-issue");

  session = dt_session_load (year->database, "HN-2026-01", NULL);
  g_assert_cmpstr (session->conclusion_number, ==, "20-TB/ĐU");
  g_assert_cmpstr (session->conclusion_date, ==, "2026-04-22");

  /* In follow-up: open, by deadline, 30 working days after 22/4 (30/4, 1/5 off): 8/6. */
  set_today (year, "2026-04-23");
  filter->statuses = DT_STATUSES_OPEN;
  dt_date_parse ("2026-04-23", &as_of);
  ids = dt_petition_query_ids (year->database, filter, DT_PETITION_ORDER_DEADLINE, NULL);
  g_assert_cmpuint (ids->len, ==, 2);
  rows = dt_petition_rows_by_id (year->database, (gint64 *) (gpointer) ids->data, ids->len,
                                 &as_of, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      DtPetitionRow *petition = g_ptr_array_index (rows, i);

      g_assert_cmpint (dt_petition_row_get_status (petition), ==, DT_STATUS_ASSIGNED);
      g_assert_cmpstr (dt_petition_row_get_deadline (petition), ==, "2026-06-08");
    }
  g_assert_cmpstr (dt_petition_row_get_agency (g_ptr_array_index (rows, 0)), !=, NULL);
  dt_sessions_page_show_session (page, "HN-2026-01", "minutes");
  gui_flush ();
  gui_screenshot (root (year), "minutes-assigned");
  gtk_widget_activate_action (root (year), "win.show-followup", "(sb)", "UBND xã", FALSE);
  gui_flush ();
  g_assert_cmpstr (dt_window_get_page (year->window), ==, "followup");
}

static void
postpone_and_delete (Year *year)
{
  DtSessionsPage *page = DT_SESSIONS_PAGE (_dt_window_get_page (year->window, "sessions"));
  g_autoptr(DtSession) session = NULL;
  g_autoptr(DtPetition) moved = NULL;
  GtkWindow *question;

  show (year, "sessions");
  gtk_widget_activate_action (gui_find (root (year), "sessions-new"), "sessions.new", NULL);
  gui_flush ();
  gui_type (root (year), "session-date", "15/7/2026");
  gui_type (root (year), "session-location", "Nhà văn hóa thôn Tây");
  gui_click (root (year), "session-save");
  g_assert_nonnull ((session = dt_session_load (year->database, "HN-2026-02", NULL)));
  g_clear_pointer (&session, dt_session_free);

  gui_click (root (year), "session-postpone");
  question = gui_find_toplevel (GTK_TYPE_WINDOW, "question-entry");
  gui_type (GTK_WIDGET (question), "question-entry", "Mưa bão kéo dài");
  gui_screenshot (GTK_WIDGET (question), "postpone-dialog");
  gui_click (GTK_WIDGET (question), "question-accept");
  session = dt_session_load (year->database, "HN-2026-02", NULL);
  g_assert_cmpstr (session->status, ==, "postponed");
  g_assert_cmpstr (session->status_reason, ==, "Mưa bão kéo dài");
  /* The session stays on show, its reason said. */
  g_assert_true (g_str_has_prefix (gui_label (root (year), "session-title"), "HN-2026-02"));
  g_assert_nonnull (strstr (gui_label (root (year), "session-status"), "Mưa bão kéo dài"));
  gui_screenshot (root (year), "session-postponed");

  /* Deleting the held session: its petitions are moved, never orphaned. */
  dt_sessions_page_show_session (page, "HN-2026-01", "session");
  gui_flush ();
  gui_click (root (year), "session-delete");
  question = gui_find_toplevel (GTK_TYPE_WINDOW, "delete-session-dialog");
  g_assert_nonnull (question);
  gui_screenshot (GTK_WIDGET (question), "delete-session-dialog");
  gui_choose (GTK_WIDGET (question), "delete-session-target", "HN-2026-02");
  gui_click (GTK_WIDGET (question), "delete-session-move");
  g_assert_null (dt_session_load (year->database, "HN-2026-01", NULL));
  moved = dt_petition_load (year->database, "2026-0001", NULL);
  g_assert_cmpstr (moved->session, ==, "HN-2026-02");
  g_assert_cmpint (dt_database_count (year->database, "petitions", NULL), ==, 3);
}


/* Whether a label under WIDGET shows TEXT within what it says. */
static gboolean
some_label_has (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  if (DT_IS_WRAP_LABEL (widget) &&
      strstr (dt_wrap_label_get_text (DT_WRAP_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (some_label_has (child, text))
      return TRUE;
  return FALSE;
}

/* The rows of what needs attention: the title over the detail, between the icon and the arrow,
 * each text as tall as it needs at its width; a late row's icon red as its detail, another's
 * in the text's colour. */
static void
check_attention_rows (GtkWidget *window)
{
  GtkWidget *list = gui_find (window, "attention-list");
  guint n_late = 0;
  guint n_rows = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *content = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      GtkWidget *title, *detail, *arrow;
      graphene_rect_t t, d, a;
      g_autoptr(GdkPaintable) paintable = NULL;
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree guchar *pixels = NULL;
      GtkSnapshot *snapshot;
      int width, height, needed;
      gboolean late, red = FALSE, dark = FALSE;

      if (!DT_IS_ROW_CONTENT (content))
        continue;
      n_rows++;
      title = gtk_widget_get_first_child (content);
      detail = gtk_widget_get_next_sibling (title);
      arrow = gtk_widget_get_next_sibling (detail);
      g_assert_true (DT_IS_WRAP_LABEL (title) && DT_IS_WRAP_LABEL (detail));
      g_assert_true (GTK_IS_IMAGE (arrow));
      g_assert_true (gtk_widget_compute_bounds (title, content, &t));
      g_assert_true (gtk_widget_compute_bounds (detail, content, &d));
      g_assert_true (gtk_widget_compute_bounds (arrow, content, &a));
      width = gtk_widget_get_width (content);
      height = gtk_widget_get_height (content);
      g_assert_cmpfloat (t.origin.x, ==, 12 + 16 + 12);
      g_assert_cmpfloat (d.origin.x, ==, t.origin.x);
      g_assert_cmpfloat (t.origin.y + t.size.height, <=, d.origin.y);
      g_assert_cmpfloat (t.origin.x + t.size.width + 12, ==, a.origin.x);
      g_assert_cmpfloat (a.origin.x + a.size.width + 12, ==, width);
      g_assert_cmpfloat (d.origin.y + d.size.height, <=, height - 8);
      gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, (int) t.size.width, &needed, NULL,
                          NULL, NULL);
      g_assert_cmpfloat (t.size.height, >=, needed);
      gtk_widget_measure (detail, GTK_ORIENTATION_VERTICAL, (int) d.size.width, &needed, NULL,
                          NULL, NULL);
      g_assert_cmpfloat (d.size.height, >=, needed);

      /* The icon, drawn: the square at its start, centred. */
      paintable = gtk_widget_paintable_new (content);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (content)),
                                             node, &GRAPHENE_RECT_INIT (0, 0, width, height));
      pixels = g_malloc ((gsize) width * height * 4);
      gdk_texture_download (texture, pixels, (gsize) width * 4);
      for (int y = (height - 16) / 2; y < (height + 16) / 2; y++)
        for (int x = 12; x < 28; x++)
          {
            /* Cairo's order in memory: blue, green, red, alpha (premultiplied). */
            const guchar *p = pixels + ((gsize) y * width + x) * 4;

            if (p[3] > 200 && p[2] > p[1] + 80 && p[2] > p[0] + 80)
              red = TRUE;
            if (p[3] > 200 && p[2] < 90 && p[1] < 90 && p[0] < 90)
              dark = TRUE;
          }
      late = gtk_widget_has_css_class (detail, "dt-late");
      n_late += late;
      g_assert_true (late ? red && !dark : dark && !red);
    }
  g_assert_cmpuint (n_rows, >, 0);
  g_assert_cmpuint (n_late, >, 0);
}

static void
test_sample_data (Year          *year,
                  gconstpointer  data)
{
  g_autofree char *sample = NULL;
  DtWindow *window = NULL;
  DtDatabase *database;

  if (gui_skip_without_display ())
    return;

  set_today (year, "2026-04-20");
  g_action_group_activate_action (G_ACTION_GROUP (year->application), "open-sample", NULL);
  gui_flush ();
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (year->application)); l; l = l->next)
    if (DT_IS_WINDOW (l->data) && l->data != (gpointer) year->window)
      window = l->data;
  g_assert_nonnull (window);

  /* A file of its own beside the usual one; the office's database is left as it was. */
  database = dt_window_get_database (window);
  sample = dt_application_get_sample_path (year->application);
  g_assert_cmpstr (dt_database_get_path (database), ==, sample);
  g_assert_cmpstr (dt_database_get_path (database), !=, dt_database_get_path (year->database));
  g_assert_cmpint (dt_database_count (database, "petitions", NULL), >, 100);
  g_assert_cmpint (dt_database_count (year->database, "petitions", NULL), ==, 0);
  g_assert_cmpint (dt_database_count (year->database, "plans", NULL), ==, 0);

  gtk_window_set_default_size (GTK_WINDOW (window), window_width, window_height);
  /* The longest overdue, 1,062 days, grouped as the follow-up tab groups it (1.062 ngày). */
  {
    g_autofree char *grouped = g_strdup_printf ("1%s062",
                                                g_dpgettext2 (GETTEXT_PACKAGE, "digit grouping",
                                                              ","));

    g_assert_true (some_label_has (GTK_WIDGET (window), grouped));
    g_assert_false (some_label_has (GTK_WIDGET (window), "1062"));
  }
  gui_screenshot (GTK_WIDGET (window), "overview-sample");
  check_attention_rows (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "plans");
  gui_flush ();
  gui_screenshot (GTK_WIDGET (window), "plans-sample");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "sessions");
  gui_flush ();
  gui_screenshot (GTK_WIDGET (window), "sessions-sample");

  /* Asked again: the same window, the same file. */
  g_action_group_activate_action (G_ACTION_GROUP (year->application), "open-sample", NULL);
  gui_flush ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (year->application))), ==, 2);
}

static void
test_damaged_choices (Year          *year,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (year->dir, "hỏng.sqlite", NULL);
  GtkWindow *window;

  if (gui_skip_without_display ())
    return;

  g_assert_true (g_file_set_contents (path, "these bytes are no database", -1, NULL));
  window = dt_application_open (year->application, path);
  g_assert_true (DT_IS_ERROR_WINDOW (window));
  /* Not only Close: another file, or this one from a backup. */
  g_assert_true (gtk_widget_get_visible (gui_find (GTK_WIDGET (window), "error-open-another")));
  g_assert_true (gtk_widget_get_visible (gui_find (GTK_WIDGET (window), "error-restore")));
  gui_screenshot (GTK_WIDGET (window), "error-with-choices");
  gtk_window_destroy (window);
}

static void
test_backup_now (Year          *year,
                 gconstpointer  data)
{
  g_autoptr(DtDatabase) copy = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  GtkWindow *message;

  if (gui_skip_without_display ())
    return;

  dt_list_add (year->database, DT_LIST_VILLAGES, "Thôn Đông", NULL);
  gtk_widget_activate_action (root (year), "win.backup", NULL);
  gui_flush ();
  path = g_object_get_data (G_OBJECT (year->application), "dt-last-backup");
  g_assert_nonnull (path);
  g_assert_true (g_str_has_prefix (path, year->dir));
  message = gui_find_toplevel (GTK_TYPE_WINDOW, "question-close");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (gui_label (GTK_WIDGET (message), "question-body"), path));
  gui_screenshot (GTK_WIDGET (message), "backup-done");
  copy = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_count (copy, "villages", NULL), ==, 1);
  g_clear_object (&copy);
  {
    g_autofree char *folder = g_path_get_dirname (path);

    g_remove (path);
    g_rmdir (folder);
  }
}

static void
test_follows_others (Year          *year,
                     gconstpointer  data)
{
  g_autoptr(DtDatabase) other = NULL;
  g_autoptr(GError) error = NULL;

  if (gui_skip_without_display ())
    return;

  /* Another program (or a worker) writes to the file: the overview shows it once the window
   * looks (on its timer, or when it gets the focus). */
  g_assert_cmpstr (gui_label (root (year), "villages-value"), ==, "0");
  other = dt_database_open (year->path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (dt_list_add (other, DT_LIST_VILLAGES, "Thôn Đông", &error));
  dt_context_check_external (_dt_window_get_context (year->window));
  gui_flush ();
  g_assert_cmpstr (gui_label (root (year), "villages-value"), ==, "1");
}

static void
test_closing_saves (Year          *year,
                    gconstpointer  data)
{
  g_autoptr(DtPlan) plan = NULL;

  if (gui_skip_without_display ())
    return;

  show (year, "plans");
  gtk_widget_activate_action (gui_find (root (year), "plans-new"), "plans.new", NULL);
  gui_flush ();
  gui_type (root (year), "plan-number", "05-KH/ĐU");
  /* Closing the window with a valid plan typed: it is saved, not lost. */
  gtk_window_close (GTK_WINDOW (year->window));
  gui_flush ();
  year->window = NULL;
  plan = dt_plan_load (year->database, "KH-2026", NULL);
  g_assert_nonnull (plan);
  g_assert_cmpstr (plan->number, ==, "05-KH/ĐU");
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
test_language (Year          *year,
               gconstpointer  data)
{
  GtkShortcutsWindow *overlay;
  GSettings *settings;
  GtkWindow *note;
  g_autofree char *language = NULL;

  if (gui_skip_without_display ())
    return;

  /* The shortcuts window in the program's words, its title included. */
  gtk_widget_activate_action (root (year), "win.show-help-overlay", NULL);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (year->window));
  g_assert_nonnull (overlay);
  g_assert_true (has_label (gtk_window_get_titlebar (GTK_WINDOW (overlay)),
                            g_dgettext (GETTEXT_PACKAGE, "Keyboard Shortcuts")));
  gui_screenshot (GTK_WIDGET (overlay), "shortcuts");
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);

  settings = dt_application_get_settings (year->application);
  g_assert_nonnull (settings);
  g_action_group_activate_action (G_ACTION_GROUP (year->application), "language",
                                  g_variant_new_string ("en"));
  gui_flush ();
  language = g_settings_get_string (settings, "language");
  g_assert_cmpstr (language, ==, "en");
  g_clear_pointer (&language, g_free);
  /* She is told it applies on the next start. */
  note = gui_find_toplevel (GTK_TYPE_WINDOW, "question-close");
  g_assert_nonnull (note);
  gui_screenshot (GTK_WIDGET (note), "language-note");
  g_action_group_activate_action (G_ACTION_GROUP (year->application), "language",
                                  g_variant_new_string ("vi"));
  gui_flush ();
  language = g_settings_get_string (settings, "language");
  g_assert_cmpstr (language, ==, "vi");
  g_clear_pointer (&language, g_free);
  g_settings_reset (settings, "language");
}

static void
test_year (Year          *year,
           gconstpointer  data)
{
  if (gui_skip_without_display ())
    return;

  set_up_unit (year);
  make_plan (year);
  edit_holidays (year);
  schedule_session (year);
  take_minutes (year);
  issue_conclusion (year);
  gui_screenshot (root (year), "followup-tab");
  postpone_and_delete (year);
  show (year, "overview");
  gui_screenshot (root (year), "year-overview");
}

int
main (int   argc,
      char *argv[])
{
  const char *size = g_getenv ("DT_TEST_SIZE");

  if (size != NULL && sscanf (size, "%dx%d", &window_width, &window_height) != 2)
    g_error ("DT_TEST_SIZE must be WIDTHxHEIGHT, not %s", size);
  gui_test_init (&argc, &argv, "year-home", GUI_TEST_BUS_OWN);

  g_test_add ("/gui/year/a-year-of-work", Year, NULL, year_setup, test_year, year_teardown);
  g_test_add ("/gui/year/sample-data", Year, NULL, year_setup, test_sample_data, year_teardown);
  g_test_add ("/gui/year/damaged-database-choices", Year, NULL, year_setup, test_damaged_choices,
              year_teardown);
  g_test_add ("/gui/year/back-up-now", Year, NULL, year_setup, test_backup_now, year_teardown);
  g_test_add ("/gui/year/follows-other-programs", Year, NULL, year_setup, test_follows_others,
              year_teardown);
  g_test_add ("/gui/year/closing-saves", Year, NULL, year_setup, test_closing_saves,
              year_teardown);
  g_test_add ("/gui/year/language", Year, NULL, year_setup, test_language, year_teardown);

  return gui_test_finish (g_test_run ());
}
