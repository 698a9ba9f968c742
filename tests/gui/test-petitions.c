/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The intake and follow-up tabs driven in the real window under a display (Xvfb in the test
 * run): typing into their entries, moving with Tab and Enter, pressing their shortcuts and
 * buttons, and checking what the database then holds. Each screen and dialog is saved as a
 * PNG into the build directory, at 1366×768 and 1024×600. */
#include "config.h"

#ifdef G_OS_UNIX
#include <signal.h>
#include <unistd.h>
#endif

#include "dt-action-dialog.h"
#include "dt-cell.h"
#include "dt-completion.h"
#include "dt-database-private.h"
#include "dt-date-entry.h"
#include "dt-demo.h"
#include "dt-draft.h"
#include "dt-error.h"
#include "dt-followup-page.h"
#include "dt-followup.h"
#include "dt-gui-util.h"
#include "gui-test.h"
#include "dt-id-selection.h"
#include "dt-intake-page.h"
#include "dt-register-view.h"
#include "dt-status.h"
#include "dt-test-util.h"
#include "dt-util.h"
#include "dt-window-private.h"

/* What the interface says, in the language of the run (LANGUAGE=en or vi): formats come
 * translated, as the window's own do. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#define T(text) g_dgettext (GETTEXT_PACKAGE, text)

static char *
count_text (const char *singular,
            const char *plural,
            guint       n)
{
  g_autofree char *number = g_strdup_printf ("%u", n);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, singular, plural, n), number);
}

static DtIntakePage *
intake_of (DtWindow *window)
{
  /* Made now if the tab was not shown yet (the window makes its pages when first needed). */
  return DT_INTAKE_PAGE (_dt_window_get_page (window, "intake"));
}

static DtFollowupPage *
followup_of (DtWindow *window)
{
  return DT_FOLLOWUP_PAGE (_dt_window_get_page (window, "followup"));
}


/* The name of the field that has the focus: the first named widget above it. */
static const char *
focus_name (DtWindow *window)
{
  for (GtkWidget *w = gui_focus (GTK_WIDGET (window)); w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *name = gtk_widget_get_name (w);

      if (name != NULL && g_ascii_islower (name[0]))
        return name;
    }
  return NULL;
}

static void
add_names (DtDatabase *database)
{
  static const struct { DtList list; const char *name; } names[] = {
    { DT_LIST_VILLAGES, "Thôn Đông" }, { DT_LIST_VILLAGES, "Thôn Tây" },
    { DT_LIST_VILLAGES, "Thôn Nam Hà" }, { DT_LIST_FIELDS, "Đất đai" },
    { DT_LIST_FIELDS, "Môi trường" }, { DT_LIST_FIELDS, "Giao thông" },
    { DT_LIST_AGENCIES, "UBND xã" }, { DT_LIST_AGENCIES, "Công an xã" },
    { DT_LIST_AGENCIES, "Hội Nông dân xã" },
  };
  g_autoptr(DtSession) session = dt_session_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (dt_list_add (database, names[i].list, names[i].name, &error));
      g_assert_no_error (error);
    }
  session->code = g_strdup ("HN-2026-02");
  session->kind = g_strdup ("dialogue");
  session->date = g_strdup ("2026-11-03");
  session->status = g_strdup ("held");
  session->village = g_strdup ("Thôn Đông");
  g_assert_cmpint (dt_session_insert (database, session, &error), >, 0);
  g_assert_no_error (error);
}


static DtPetition *
load (DtDatabase *database,
      const char *code)
{
  g_autoptr(GError) error = NULL;
  DtPetition *petition = dt_petition_load (database, code, &error);

  g_assert_no_error (error);
  return petition;
}

static gint64
count_petitions (DtDatabase *database)
{
  return dt_database_count (database, "petitions", NULL);
}

/* Presses KEYVAL in the entry that has the focus, for the key handlers that listen to it
 * (the completion's arrows). */
static void
press_key (DtWindow *window,
           guint     keyval)
{
  GtkWidget *focus = gui_focus (GTK_WIDGET (window));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
          gboolean handled = FALSE;

          if (!GTK_IS_EVENT_CONTROLLER_KEY (controller) ||
              gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
            continue;
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          if (handled)
            return;
        }
    }
}

/* Tab and Enter as the keyboard gives them: the key handlers of the focus first, then the
 * move (Tab) or the activation (Enter) GTK makes of them. */
static void
tab (DtWindow *window)
{
  press_key (window, GDK_KEY_Tab);
  gui_tab (GTK_WIDGET (window));
}

static void
enter (DtWindow *window)
{
  press_key (window, GDK_KEY_Return);
  gui_enter (GTK_WIDGET (window));
}

static void
ctrl (DtWindow *window,
      guint     keyval)
{
  g_assert_true (gui_shortcut (gui_focus (GTK_WIDGET (window)), keyval, GDK_CONTROL_MASK));
}

static DtDatabase *
demo_database (const char *name,
               guint       n)
{
  DtDatabase *database = gui_create_database (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_demo_generate (database, n, 7, &error));
  g_assert_no_error (error);
  return database;
}

static void
test_screens (void)
{
  g_autoptr(DtDatabase) database = NULL;
  static const int sizes[][2] = { { 1366, 768 }, { 1024, 600 } };

  if (gui_skip_without_display ())
    return;

  database = demo_database ("screens.sqlite", 600);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      DtWindow *window = gui_show_window (database, sizes[i][0], sizes[i][1]);
      g_autofree char *register_name = g_strdup_printf ("register-%d", sizes[i][0]);
      g_autofree char *form_name = g_strdup_printf ("intake-form-%d", sizes[i][0]);
      g_autofree char *followup_name = g_strdup_printf ("followup-%d", sizes[i][0]);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
      gui_screenshot (GTK_WIDGET (window), register_name);
      gtk_widget_activate_action (GTK_WIDGET (intake_of (window)), "intake.new", NULL);
      gui_screenshot (GTK_WIDGET (window), form_name);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "followup");
      gui_screenshot (GTK_WIDGET (window), followup_name);
      gui_destroy (GTK_WINDOW (window));
    }
}

/* A petition typed from the keyboard alone: Tab and Enter go through the fields in their
 * order, names are completed as typed, Ctrl+S saves and the next one starts. */
static void
test_type_from_keyboard (void)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(DtPetition) saved = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *deadline_shown = NULL;
  g_autofree char *lunar = NULL;
  g_autofree char *count = NULL;
  DtCompletion *completion;
  DtWindow *window;
  GtkWidget *root;
  GtkWidget *page;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("keyboard.sqlite");
  add_names (database);
  window = gui_show_window (database, 1366, 768);
  root = GTK_WIDGET (window);
  page = GTK_WIDGET (intake_of (window));

  /* Ctrl+4, then Ctrl+N: the form, the focus on the date received. */
  ctrl (window, GDK_KEY_4);
  g_assert_cmpstr (dt_window_get_page (window), ==, "intake");
  gui_wait_for_paint (root);
  ctrl (window, GDK_KEY_n);
  g_assert_cmpstr (dt_intake_page_get_view (intake_of (window)), ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "code")), ==, "2026-0001");
  g_assert_cmpstr (focus_name (window), ==, "received");

  gui_type_here (root, "3/11/26");
  g_assert_cmpstr (dt_date_entry_get_lunar (DT_DATE_ENTRY (gui_find (page, "received"))), ==,
                   (lunar = g_strdup_printf (T ("Lunar %s"), "25/9/2026 (Bính Ngọ)")));
  enter (window);
  g_assert_cmpstr (focus_name (window), ==, "channel");
  /* "At the session", chosen in the drop-down. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gui_find (page, "channel")), 0);
  tab (window);
  g_assert_cmpstr (focus_name (window), ==, "session");
  gui_type_here (root, "HN-2026-02");
  enter (window);
  g_assert_cmpstr (focus_name (window), ==, "petitioner");
  gui_type_here (root, "Trần Thị Bình");
  enter (window);
  g_assert_cmpstr (focus_name (window), ==, "address");
  gui_type_here (root, "Xóm 3");
  enter (window);
  g_assert_cmpstr (focus_name (window), ==, "village");

  /* Typed without marks, chosen with the arrows. */
  gui_type_here (root, "thon d");
  completion = dt_completion_get_for_entry (GTK_ENTRY (gui_find (page, "village")));
  g_assert_cmpuint (dt_completion_get_n_shown (completion), ==, 1);
  g_assert_cmpstr (dt_completion_get_shown (completion, 0), ==, "Thôn Đông");
  gui_screenshot (dt_completion_get_popover (completion), "intake-completion-popup");
  gui_screenshot (root, "intake-completion");
  press_key (window, GDK_KEY_Down);
  enter (window);
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "village")), ==, "Thôn Đông");
  g_assert_false (dt_completion_is_open (completion));
  g_assert_cmpstr (focus_name (window), ==, "field");

  /* A name typed whole, in lower case: the list's own spelling. */
  gui_type_here (root, "đất đai");
  enter (window);
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "field")), ==, "Đất đai");
  g_assert_cmpstr (focus_name (window), ==, "summary");
  gui_type_here (root, "Đề nghị cấp giấy chứng nhận quyền sử dụng đất");
  enter (window);
  g_assert_cmpstr (focus_name (window), ==, "content");
  gui_type_here (root, "Gia đình đã nộp hồ sơ từ năm 2024.\nĐề nghị xã trả lời bằng văn bản.");
  tab (window);
  g_assert_cmpstr (focus_name (window), ==, "concerns");
  tab (window);
  g_assert_cmpstr (focus_name (window), ==, "individual");
  tab (window);
  g_assert_cmpstr (focus_name (window), ==, "confidential");
  tab (window);
  g_assert_cmpstr (focus_name (window), ==, "assigned-to");
  gui_type_here (root, "ubnd");
  press_key (window, GDK_KEY_Down);
  enter (window);
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "assigned-to")), ==, "UBND xã");
  g_assert_cmpstr (focus_name (window), ==, "assigned-date");
  gui_type_here (root, "5/11/2026");

  /* The deadline is said before anything is saved. */
  deadline = dt_petition_deadline_for (database, "2026-11-05", NULL);
  deadline_shown = dt_date_to_display (deadline);
  g_assert_true (gtk_widget_get_visible (gui_find (page, "deadline")));
  g_assert_nonnull (strstr (gui_label (page, "deadline"), deadline_shown));
  gui_screenshot (root, "intake-typed");

  ctrl (window, GDK_KEY_s);
  g_assert_cmpint (count_petitions (database), ==, 1);
  saved = load (database, "2026-0001");
  g_assert_cmpstr (saved->received, ==, "2026-11-03");
  g_assert_cmpstr (saved->channel, ==, "session");
  g_assert_cmpstr (saved->session, ==, "HN-2026-02");
  g_assert_cmpstr (saved->petitioner, ==, "Trần Thị Bình");
  g_assert_cmpstr (saved->address, ==, "Xóm 3");
  g_assert_cmpstr (saved->village, ==, "Thôn Đông");
  g_assert_cmpstr (saved->field, ==, "Đất đai");
  g_assert_cmpstr (saved->summary, ==, "Đề nghị cấp giấy chứng nhận quyền sử dụng đất");
  g_assert_cmpstr (saved->content, ==,
                   "Gia đình đã nộp hồ sơ từ năm 2024.\nĐề nghị xã trả lời bằng văn bản.");
  g_assert_cmpstr (saved->assigned_to, ==, "UBND xã");
  g_assert_cmpstr (saved->assigned_date, ==, "2026-11-05");
  g_assert_null (saved->concerns);
  g_assert_false (saved->confidential);

  /* The next of the pile: same date, channel and session, the petitioner to type; the emptied
   * form is shown first, its code a moment after. */
  g_assert_cmpstr (dt_intake_page_get_view (intake_of (window)), ==, "form");
  gui_wait_for_paint (root);
  gui_wait (50);
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "code")), ==, "2026-0002");
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "received")), ==, "03/11/2026");
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "session")), ==, "HN-2026-02");
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "petitioner")), ==, "");
  g_assert_cmpstr (focus_name (window), ==, "petitioner");
  g_assert_nonnull (strstr (gui_label (page, "saved"), "2026-0001"));
  gui_screenshot (root, "intake-next");

  /* Esc with nothing typed: back to the register, which shows it. */
  ctrl (window, GDK_KEY_f);
  g_assert_cmpstr (dt_intake_page_get_view (intake_of (window)), ==, "register");
  g_assert_cmpstr (focus_name (window), ==, "search");
  g_assert_cmpstr (gui_label (page, "count"), ==,
                   (count = count_text ("%s petition", "%s petitions", 1)));

  gui_destroy (GTK_WINDOW (window));
}

/* What the core refuses is marked where it is, in the core's words, and nothing is saved. */
static void
test_invalid_fields (void)
{
  g_autofree char *summary_problem = NULL;
  g_autoptr(DtDatabase) database = NULL;
  DtPetitionForm *form;
  DtWindow *window;
  GtkWidget *root;
  GtkWidget *page;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("invalid.sqlite");
  add_names (database);
  window = gui_show_window (database, 1024, 600);
  root = GTK_WIDGET (window);
  page = GTK_WIDGET (intake_of (window));
  gtk_widget_activate_action (root, "win.show-page", "s", "intake");
  gtk_widget_activate_action (GTK_WIDGET (intake_of (window)), "intake.new", NULL);
  form = dt_intake_page_get_form (intake_of (window));

  /* 31 February; no summary; an agency without the day it was given the petition; a session
   * raised "at the session" that does not exist. */
  gtk_editable_set_text (gui_editable (page, "received"), "31/2/2026");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gui_find (page, "channel")), 0);
  gtk_editable_set_text (gui_editable (page, "session"), "HN-1999-09");
  gtk_editable_set_text (gui_editable (page, "petitioner"), "Lê Văn Cường");
  gtk_editable_set_text (gui_editable (page, "assigned-to"), "UBND xã");
  gtk_widget_grab_focus (gui_find (page, "petitioner"));
  ctrl (window, GDK_KEY_s);

  g_assert_cmpint (count_petitions (database), ==, 0);
  g_assert_cmpstr (dt_intake_page_get_view (intake_of (window)), ==, "form");
  g_assert_nonnull (dt_petition_form_get_problem (form, "received"));
  g_assert_true (gtk_widget_get_visible (gui_find (page, "received")));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gui_editable (page, "received")),
                                           "error"));
  g_assert_cmpstr (dt_petition_form_get_problem (form, "summary"), ==,
                   (summary_problem = g_strdup_printf (T ("%s: this must be filled in."),
                                                       T ("Summary"))));
  g_assert_nonnull (strstr (dt_petition_form_get_problem (form, "session"), "HN-1999-09"));
  g_assert_null (dt_petition_form_get_problem (form, "petitioner"));
  /* The focus goes to the first field to put right. */
  g_assert_cmpstr (focus_name (window), ==, "received");
  gui_screenshot (root, "intake-invalid-1024");

  /* Those put right, the rules between fields speak: an assignment needs its date. */
  gtk_editable_set_text (gui_editable (page, "received"), "28/2/2026");
  gtk_editable_set_text (gui_editable (page, "session"), "HN-2026-02");
  gtk_editable_set_text (gui_editable (page, "summary"), "Đề nghị sửa đường");
  ctrl (window, GDK_KEY_s);
  g_assert_cmpint (count_petitions (database), ==, 0);
  g_assert_null (dt_petition_form_get_problem (form, "received"));
  g_assert_cmpstr (dt_petition_form_get_problem (form, "assigned_date"), ==,
                   T ("Type the date it was assigned."));
  g_assert_cmpstr (focus_name (window), ==, "assigned-date");

  /* Put right, it saves, and the marks go. */
  gtk_editable_set_text (gui_editable (page, "assigned-date"), "02-03-26");
  ctrl (window, GDK_KEY_s);
  g_assert_cmpint (count_petitions (database), ==, 1);
  g_assert_null (dt_petition_form_get_problem (form, "summary"));
  {
    g_autoptr(DtPetition) saved = load (database, "2026-0001");

    g_assert_cmpstr (saved->received, ==, "2026-02-28");
    g_assert_cmpstr (saved->assigned_date, ==, "2026-03-02");
  }

  /* A code already used is marked on the code. */
  gtk_editable_set_text (gui_editable (page, "code"), "2026-0001");
  gtk_editable_set_text (gui_editable (page, "summary"), "Đề nghị khác");
  ctrl (window, GDK_KEY_s);
  g_assert_cmpint (count_petitions (database), ==, 1);
  g_assert_nonnull (dt_petition_form_get_problem (form, "code"));

  gui_destroy (GTK_WINDOW (window));
}

/* A click on a button (its activation with the keyboard waits for the press to be seen). */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* The question a window asks before it does something that cannot be taken back. */
static GtkWindow *
find_confirm (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gui_find_optional (GTK_WIDGET (window), "confirm-yes") != NULL)
        return window;
    }
  return NULL;
}

static gboolean
has_similar (DtIntakePage *intake)
{
  g_auto(GStrv) codes = dt_intake_page_get_similar_codes (intake);

  return codes[0] != NULL;
}

/* A near copy of a petition of last year shows beside the form while it is typed; one click
 * marks the new one as its duplicate. */
static void
test_duplicate (void)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(DtPetition) saved = NULL;
  g_auto(GStrv) codes = NULL;
  DtIntakePage *intake;
  DtWindow *window;
  GtkWidget *page;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("duplicate.sqlite");
  add_names (database);
  dt_test_add_petition (database, "2025-0040", "2025-12-02", "Trần Thị Bình", "Thôn Đông", "Đất đai",
                "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình");
  dt_test_add_petition (database, "2026-0001", "2026-03-10", "Phạm Văn Dũng", "Thôn Tây", "Môi trường",
                "Phản ánh mùi hôi từ trang trại chăn nuôi lợn");
  window = gui_show_window (database, 1366, 768);
  intake = intake_of (window);
  page = GTK_WIDGET (intake);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  gtk_widget_activate_action (page, "intake.new", NULL);

  /* Typed without marks, as people do. */
  gtk_widget_grab_focus (gui_find (page, "petitioner"));
  gui_type_here (GTK_WIDGET (window), "tran thi binh");
  gtk_widget_grab_focus (gui_find (page, "summary"));
  gui_type_here (GTK_WIDGET (window), "de nghi cap giay chung nhan quyen su dung dat");
  /* A moment after the last key. */
  gui_wait_until (has_similar (intake));
  codes = dt_intake_page_get_similar_codes (intake);
  g_assert_cmpstr (codes[0], ==, "2025-0040");
  g_assert_false (g_strv_contains ((const char * const *) codes, "2026-0001"));
  gui_screenshot (GTK_WIDGET (window), "intake-duplicates");

  click (gui_find (page, "mark-duplicate-2025-0040"));
  g_assert_cmpstr (dt_petition_form_get_duplicate_of (dt_intake_page_get_form (intake)), ==,
                   "2025-0040");
  g_assert_true (gtk_widget_get_visible (gui_find (page, "duplicate-of")));
  g_assert_nonnull (strstr (gui_label (page, "duplicate-of"), "2025-0040"));
  gui_screenshot (GTK_WIDGET (window), "intake-marked-duplicate");

  ctrl (window, GDK_KEY_s);
  saved = load (database, "2026-0002");
  g_assert_cmpstr (saved->duplicate_of, ==, "2025-0040");
  g_assert_cmpstr (saved->petitioner, ==, "tran thi binh");

  gui_destroy (GTK_WINDOW (window));
}

/* A citizen calls: her name typed without marks finds her petition, Enter opens it. */
/* The cells below WIDGET: each that shows something says it on hover, a status's cell its
 * status's whole name. How many statuses' cells there are; the statuses they name, one bit
 * each, in STATUSES. */
static guint
check_cell_tooltips (GtkWidget *widget,
                     guint     *statuses)
{
  guint n_statuses = 0;

  if (DT_IS_CELL (widget) && dt_cell_get_text (DT_CELL (widget)) != NULL &&
      *dt_cell_get_text (DT_CELL (widget)) != '\0')
    {
      const char *text = dt_cell_get_text (DT_CELL (widget));
      const char *tooltip = dt_register_view_cell_tooltip (widget);

      g_assert_nonnull (tooltip);
      for (int s = 0; s < DT_N_STATUSES; s++)
        if (g_str_equal (tooltip, dt_status_label (s)))
          {
            n_statuses++;
            *statuses |= 1u << s;
          }
      if (n_statuses == 0)
        g_assert_cmpstr (tooltip, ==, text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_statuses += check_cell_tooltips (child, statuses);
  return n_statuses;
}

static void
test_search_and_open (void)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtPetitionFilter) filter = dt_petition_filter_new ();
  g_autoptr(GArray) overdue = NULL;
  DtIntakePage *intake;
  DtPetitionList *list;
  DtWindow *window;
  GtkWidget *page;
  GtkWidget *popover;
  gint64 id;

  if (gui_skip_without_display ())
    return;

  database = demo_database ("search.sqlite", 600);
  id = dt_test_add_petition (database, "2026-9001", "2026-11-20", "Đặng Thị Thu Hà", "Thôn Đông", "Y tế",
                     "Đề nghị hỗ trợ thẻ bảo hiểm y tế cho mẹ già");
  window = gui_show_window (database, 1366, 768);
  intake = intake_of (window);
  page = GTK_WIDGET (intake);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  list = dt_register_view_get_list (dt_intake_page_get_register (intake));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 601);
  {
    g_autofree char *count = count_text ("%s petition", "%s petitions", 601);
    g_assert_cmpstr (gui_label (page, "count"), ==, count);
  }
  gui_wait_for_paint (GTK_WIDGET (window));
  {
    guint statuses = 0;

    /* A row each, of several statuses. */
    g_assert_cmpuint (check_cell_tooltips (GTK_WIDGET (dt_intake_page_get_register (intake)),
                                           &statuses), >, 10);
    g_assert_cmpuint (statuses & (statuses - 1), !=, 0);
  }

  ctrl (window, GDK_KEY_f);
  g_assert_cmpstr (focus_name (window), ==, "search");
  gui_type_here (GTK_WIDGET (window), "dang thi thu ha");
  gui_wait_until (g_list_model_get_n_items (G_LIST_MODEL (list)) < 601);
  g_assert_cmpint (dt_petition_list_get_id (list, 0), ==, id);
  gui_screenshot (GTK_WIDGET (window), "register-search");
  /* The rows bound again: a status said on hover for each found, hers among them. */
  {
    guint statuses = 0;

    g_assert_cmpuint (check_cell_tooltips (GTK_WIDGET (dt_intake_page_get_register (intake)),
                                           &statuses), ==,
                      g_list_model_get_n_items (G_LIST_MODEL (list)));
    g_assert_true (statuses & (1u << DT_STATUS_RECEIVED));
  }

  /* Enter: to the first found; Enter again: open it. */
  enter (window);
  g_assert_cmpint (dt_register_view_get_selected_id (dt_intake_page_get_register (intake)), ==, id);
  g_signal_emit_by_name (dt_register_view_get_column_view (dt_intake_page_get_register (intake)),
                         "activate", 0);
  g_assert_cmpstr (dt_intake_page_get_view (intake), ==, "form");
  g_assert_cmpint (dt_petition_form_get_id (dt_intake_page_get_form (intake)), ==, id);
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "petitioner")), ==,
                   "Đặng Thị Thu Hà");
  gui_screenshot (GTK_WIDGET (window), "intake-edit");

  /* Changed and saved: back to the register, on it. */
  gtk_editable_set_text (gui_editable (page, "address"), "Xóm 5");
  ctrl (window, GDK_KEY_s);
  g_assert_cmpstr (dt_intake_page_get_view (intake), ==, "register");
  {
    g_autoptr(DtPetition) saved = load (database, "2026-9001");
    g_assert_cmpstr (saved->address, ==, "Xóm 5");
  }

  /* Filters: only what is overdue, as the core counts it. */
  gtk_editable_set_text (gui_editable (page, "search"), "");
  gui_wait_until (g_list_model_get_n_items (G_LIST_MODEL (list)) == 601);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (gui_find (page, "filters"))));
  gtk_menu_button_popup (GTK_MENU_BUTTON (gui_find (page, "filters")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gui_find (popover, "overdue-filter")), TRUE);
  filter->overdue = TRUE;
  overdue = dt_petition_query_ids (database, filter, DT_PETITION_ORDER_RECEIVED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overdue->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, overdue->len);
  g_assert_true (gtk_widget_get_visible (gui_find (page, "clear-filters")));
  gui_screenshot (popover, "register-filters-popover");
  gui_screenshot (GTK_WIDGET (window), "register-filtered");
  gtk_popover_popdown (GTK_POPOVER (popover));
  click (gui_find (page, "clear-filters"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 601);

  /* The order menu: by petitioner, Vietnamese dictionary order. */
  gtk_widget_activate_action (page, "intake.order", "s", "petitioner");
  g_assert_cmpint (dt_petition_list_get_order (list), ==, DT_PETITION_ORDER_PETITIONER);

  /* Confidential names are masked unless shown on purpose. */
  {
    g_autoptr(DtPetitionFilter) secret = dt_petition_filter_new ();
    g_autoptr(GArray) ids = NULL;
    g_autoptr(GPtrArray) rows = NULL;

    secret->confidential = 1;
    ids = dt_petition_query_ids (database, secret, DT_PETITION_ORDER_RECEIVED, &error);
    g_assert_cmpuint (ids->len, >, 0);
    rows = dt_petition_rows_by_id (database, (gint64 *) ids->data, 1, NULL, &error);
    g_assert_cmpstr (dt_petition_row_get_petitioner_shown (g_ptr_array_index (rows, 0)), ==,
                     T ("(confidential)"));
  }

  gui_destroy (GTK_WINDOW (window));
}

/* Delete asks first, and can be undone from the banner. */
static void
test_delete_and_undo (void)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtPetition) back = NULL;
  DtIntakePage *intake;
  DtRegisterView *view;
  GtkWindow *confirm;
  DtWindow *window;
  GtkWidget *page;
  gint64 id;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("delete.sqlite");
  add_names (database);
  dt_test_add_petition (database, "2026-0001", "2026-10-01", "Lê Văn Cường", "Thôn Tây", "Giao thông",
                "Đề nghị sửa đường liên thôn");
  id = dt_test_add_petition (database, "2026-0002", "2026-10-02", "Hoàng Thị Lan", "Thôn Đông", "Đất đai",
                     "Đề nghị đo đạc lại thửa đất");
  g_assert_true (dt_petition_assign (database, "2026-0002", "UBND xã", "2026-10-05", NULL, &error));
  g_assert_true (dt_petition_add_event (database, "2026-0002", "2026-10-20", "Đã nhắc nhở",
                                        "12/CV", &error));
  window = gui_show_window (database, 1024, 600);
  intake = intake_of (window);
  page = GTK_WIDGET (intake);
  view = dt_intake_page_get_register (intake);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");

  g_assert_true (dt_register_view_select_id (view, id));
  gtk_widget_grab_focus (GTK_WIDGET (view));
  /* Delete in the list. */
  g_assert_true (gui_shortcut (gui_focus (GTK_WIDGET (window)), GDK_KEY_Delete, 0));
  confirm = find_confirm ();
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (gui_label (GTK_WIDGET (confirm), "confirm-message"),
                            "Đề nghị đo đạc lại thửa đất"));
  g_assert_cmpint (count_petitions (database), ==, 2);
  gui_screenshot (GTK_WIDGET (confirm), "confirm-delete");
  click (gui_find (GTK_WIDGET (confirm), "confirm-yes"));

  g_assert_cmpint (count_petitions (database), ==, 1);
  g_assert_null (dt_petition_load (database, "2026-0002", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (
    gui_find (page, "undo-message"), GTK_TYPE_REVEALER))));
  gui_screenshot (GTK_WIDGET (window), "register-undo-banner-1024");

  ctrl (window, GDK_KEY_z);
  g_assert_cmpint (count_petitions (database), ==, 2);
  back = load (database, "2026-0002");
  g_assert_cmpstr (back->summary, ==, "Đề nghị đo đạc lại thửa đất");
  g_assert_cmpstr (back->assigned_to, ==, "UBND xã");
  g_assert_cmpuint (back->events->len, ==, 1);
  g_assert_cmpstr (((DtPetitionEvent *) g_ptr_array_index (back->events, 0))->number, ==, "12/CV");
  g_assert_cmpint (dt_register_view_get_selected_id (view), ==, back->id);

  gui_destroy (GTK_WINDOW (window));
}

static DtActionDialog *
find_dialog (void)
{
  GtkWindow *dialog = gui_find_toplevel (DT_TYPE_ACTION_DIALOG, NULL);

  g_assert_nonnull (dialog);
  return DT_ACTION_DIALOG (dialog);
}

/* Opens the dialog of the action button NAME for what is chosen in the list. */
static DtActionDialog *
open_dialog (DtWindow   *window,
             const char *name)
{
  DtActionDialog *dialog;

  click (gui_find (GTK_WIDGET (followup_of (window)), name));
  dialog = find_dialog ();
  gui_wait_for_paint (GTK_WIDGET (dialog));
  return dialog;
}

static void
set_text (GtkWidget  *root,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (gui_editable (root, name), text);
}

static void
select_codes (DtWindow            *window,
              DtDatabase          *database,
              const char * const  *codes)
{
  DtRegisterView *view = dt_followup_page_get_list (followup_of (window));
  GtkSelectionModel *selection =
    gtk_column_view_get_model (dt_register_view_get_column_view (view));
  DtPetitionList *list = dt_register_view_get_list (view);

  /* As Ctrl and a click on each would. */
  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(DtPetition) petition = load (database, codes[i]);
      guint position;

      g_assert_true (dt_petition_list_find (list, petition->id, &position));
      gtk_selection_model_select_item (selection, position, FALSE);
    }
}

/* Chasing the agencies: assign (the deadline said first), remind several at once, send on,
 * resolve, decline, withdraw, mark a duplicate; each checked in the database. */
static void
test_followup_actions (void)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *deadline_shown = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  DtFollowupPage *followup;
  DtPetitionList *list;
  DtActionDialog *dialog;
  DtWindow *window;
  GtkWidget *page;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("followup.sqlite");
  add_names (database);
  dt_test_add_petition (database, "2026-0001", "2026-09-01", "Lê Văn Cường", "Thôn Tây", "Giao thông",
                "Đề nghị sửa đường liên thôn");
  dt_test_add_petition (database, "2026-0002", "2026-09-01", "Hoàng Thị Lan", "Thôn Đông", "Đất đai",
                "Đề nghị đo đạc lại thửa đất");
  dt_test_add_petition (database, "2026-0003", "2026-11-02", "Phạm Văn Dũng", "Thôn Nam Hà", "Môi trường",
                "Phản ánh mùi hôi từ trại lợn");
  dt_test_add_petition (database, "2026-0004", "2026-11-03", "Ngô Thị Hoa", "Thôn Đông", "Đất đai",
                "Đề nghị xem xét tranh chấp với nhà bên cạnh");
  dt_test_add_petition (database, "2026-0005", "2026-11-04", "Đỗ Văn Nam", "Thôn Tây", "Giao thông",
                "Đề nghị lắp đèn đường");
  dt_test_add_petition (database, "2026-0006", "2026-11-05", "Lê Văn Cường", "Thôn Tây", "Giao thông",
                "Đề nghị sửa đường liên thôn bị hỏng");
  g_assert_true (dt_petition_assign (database, "2026-0002", "UBND xã", "2026-09-02", NULL, &error));
  g_assert_true (dt_petition_assign (database, "2026-0003", "UBND xã", "2026-11-10", NULL, &error));
  {
    g_autoptr(DtPetition) individual = load (database, "2026-0004");
    individual->individual = TRUE;
    g_assert_true (dt_petition_update (database, individual, &error));
  }
  g_assert_no_error (error);

  window = gui_show_window (database, 1366, 768);
  followup = followup_of (window);
  page = GTK_WIDGET (followup);
  ctrl (window, GDK_KEY_5);
  g_assert_cmpstr (dt_window_get_page (window), ==, "followup");
  list = dt_register_view_get_list (dt_followup_page_get_list (followup));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  /* The one overdue comes first, in red. */
  {
    g_autoptr(DtPetitionRow) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (dt_petition_row_get_code (first), ==, "2026-0002");
    g_assert_cmpint (dt_petition_row_get_days_overdue (first), >, 0);
  }
  g_assert_nonnull (strstr (gtk_string_object_get_string (
    gtk_drop_down_get_selected_item (GTK_DROP_DOWN (gui_find (page, "agency")))),
    (text = g_strdup_printf (T ("%s — %s open, %s overdue"), T ("All agencies"), "6", "1"))));

  /* Assign: the deadline the rule gives is said before anything is saved. */
  select_codes (window, database, (const char *[]) { "2026-0001", NULL });
  g_assert_cmpstr (gui_label (page, "details-title"), ==,
                   (title = g_strdup_printf (T ("Petition %s"), "2026-0001")));
  dialog = open_dialog (window, "action-assign");
  deadline = dt_petition_deadline_for (database, "2026-11-26", NULL);
  deadline_shown = dt_date_to_display (deadline);
  g_assert_nonnull (strstr (gui_label (GTK_WIDGET (dialog), "action-computed-deadline"),
                            deadline_shown));
  set_text (GTK_WIDGET (dialog), "action-agency", "ubnd xa");
  gui_screenshot (GTK_WIDGET (dialog), "dialog-assign");
  click (gui_find (GTK_WIDGET (dialog), "action-apply"));
  g_assert_null (gui_find_toplevel (DT_TYPE_ACTION_DIALOG, NULL));
  {
    g_autoptr(DtPetition) petition = load (database, "2026-0001");
    g_assert_cmpstr (petition->assigned_to, ==, "UBND xã");
    g_assert_cmpstr (petition->assigned_date, ==, "2026-11-26");
    g_assert_null (petition->deadline);
  }

  /* A reminder to the agency that is late. */
  select_codes (window, database, (const char *[]) { "2026-0002", NULL });
  dialog = open_dialog (window, "action-event");
  set_text (GTK_WIDGET (dialog), "action-number", "25-CV/ĐU");
  gui_screenshot (GTK_WIDGET (dialog), "dialog-event");
  click (gui_find (GTK_WIDGET (dialog), "action-apply"));
  {
    g_autoptr(DtPetition) petition = load (database, "2026-0002");
    DtPetitionEvent *event;

    g_assert_cmpuint (petition->events->len, ==, 1);
    event = g_ptr_array_index (petition->events, 0);
    g_assert_cmpstr (event->date, ==, "2026-11-26");
    g_assert_cmpstr (event->text, ==, "Đã nhắc nhở cơ quan được giao giải quyết");
    g_assert_cmpstr (event->number, ==, "25-CV/ĐU");
  }
  gui_wait_until (gtk_list_box_get_row_at_index (GTK_LIST_BOX (gui_find (page, "timeline")),
                                                    2) != NULL);
  gui_screenshot (GTK_WIDGET (window), "followup-details");

  /* Several at once: assigned together, then reminded together. */
  select_codes (window, database, (const char *[]) { "2026-0005", "2026-0006", NULL });
  g_assert_nonnull (strstr (gui_label (page, "details-title"), "2"));
  g_assert_false (gtk_widget_is_sensitive (gui_find (page, "action-resolve")));
  dialog = open_dialog (window, "action-assign");
  set_text (GTK_WIDGET (dialog), "action-agency", "Công an xã");
  set_text (GTK_WIDGET (dialog), "action-date", "20/11/2026");
  set_text (GTK_WIDGET (dialog), "action-deadline", "10/12/2026");
  gui_screenshot (GTK_WIDGET (dialog), "dialog-assign-several");
  click (gui_find (GTK_WIDGET (dialog), "action-apply"));
  for (guint i = 5; i <= 6; i++)
    {
      g_autofree char *code = g_strdup_printf ("2026-%04u", i);
      g_autoptr(DtPetition) petition = load (database, code);

      g_assert_cmpstr (petition->assigned_to, ==, "Công an xã");
      g_assert_cmpstr (petition->assigned_date, ==, "2026-11-20");
      g_assert_cmpstr (petition->deadline, ==, "2026-12-10");
    }
  select_codes (window, database, (const char *[]) { "2026-0005", "2026-0006", NULL });
  dialog = open_dialog (window, "action-event");
  click (gui_find (GTK_WIDGET (dialog), "action-apply"));
  for (guint i = 5; i <= 6; i++)
    {
      g_autofree char *code = g_strdup_printf ("2026-%04u", i);
      g_autoptr(DtPetition) petition = load (database, code);

      g_assert_cmpuint (petition->events->len, ==, 1);
    }

  /* Beyond the commune: sent on. */
  select_codes (window, database, (const char *[]) { "2026-0003", NULL });
  dialog = open_dialog (window, "action-escalate");
  set_text (GTK_WIDGET (dialog), "action-to", "UBND huyện");
  set_text (GTK_WIDGET (dialog), "action-number", "30-CV/ĐU");
  gui_screenshot (GTK_WIDGET (dialog), "dialog-escalate");
  click (gui_find (GTK_WIDGET (dialog), "action-apply"));
  {
    g_autoptr(DtPetition) petition = load (database, "2026-0003");
    g_assert_cmpstr (petition->escalated_to, ==, "UBND huyện");
    g_assert_cmpstr (petition->escalated_number, ==, "30-CV/ĐU");
    g_assert_cmpstr (petition->escalated_date, ==, "2026-11-26");
  }

  /* Resolved before it was assigned: refused, said in the dialog, which stays. */
  select_codes (window, database, (const char *[]) { "2026-0002", NULL });
  dialog = open_dialog (window, "action-resolve");
  dt_text_view_set_text (GTK_TEXT_VIEW (gui_find (GTK_WIDGET (dialog), "action-result")),
                         "Đã đo đạc lại, cấp sổ mới");
  set_text (GTK_WIDGET (dialog), "action-date", "1/9/2026");
  click (gui_find (GTK_WIDGET (dialog), "action-apply"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_nonnull (dt_action_dialog_get_message (dialog));
  g_assert_nonnull (strstr (dt_action_dialog_get_message (dialog), "02/09/2026"));
  gui_screenshot (GTK_WIDGET (dialog), "dialog-resolve-refused");
  set_text (GTK_WIDGET (dialog), "action-date", "24/11/2026");
  set_text (GTK_WIDGET (dialog), "action-informed", "25/11/2026");
  click (gui_find (GTK_WIDGET (dialog), "action-apply"));
  g_assert_null (gui_find_toplevel (DT_TYPE_ACTION_DIALOG, NULL));
  {
    g_autoptr(DtPetition) petition = load (database, "2026-0002");
    g_assert_cmpstr (petition->resolved_date, ==, "2026-11-24");
    g_assert_cmpstr (petition->informed_date, ==, "2026-11-25");
    g_assert_cmpstr (petition->result, ==, "Đã đo đạc lại, cấp sổ mới");
  }
  /* Resolved, it leaves the list. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);

  /* An individual matter: declined with the citizen-reception wording proposed. */
  select_codes (window, database, (const char *[]) { "2026-0004", NULL });
  dialog = open_dialog (window, "action-decline");
  {
    g_autofree char *reason =
      dt_text_view_dup_text (GTK_TEXT_VIEW (gui_find (GTK_WIDGET (dialog), "action-reason")));
    g_assert_nonnull (strstr (reason, "tiếp công dân"));
  }
  gui_screenshot (GTK_WIDGET (dialog), "dialog-decline");
  click (gui_find (GTK_WIDGET (dialog), "action-apply"));
  {
    g_autoptr(DtPetition) petition = load (database, "2026-0004");
    g_assert_cmpstr (petition->declined_date, ==, "2026-11-26");
    g_assert_nonnull (strstr (petition->declined_reason, "tiếp công dân"));
  }

  /* The same person asking the same again: a duplicate of the first. */
  select_codes (window, database, (const char *[]) { "2026-0006", NULL });
  dialog = open_dialog (window, "action-duplicate");
  set_text (GTK_WIDGET (dialog), "action-original", "2026-0001");
  gui_screenshot (GTK_WIDGET (dialog), "dialog-duplicate");
  click (gui_find (GTK_WIDGET (dialog), "action-apply"));
  {
    g_autoptr(DtPetition) petition = load (database, "2026-0006");
    g_assert_cmpstr (petition->duplicate_of, ==, "2026-0001");
  }

  /* Withdrawn by the petitioner. */
  select_codes (window, database, (const char *[]) { "2026-0005", NULL });
  dialog = open_dialog (window, "action-withdraw");
  gui_screenshot (GTK_WIDGET (dialog), "dialog-withdraw");
  click (gui_find (GTK_WIDGET (dialog), "action-apply"));
  {
    g_autoptr(DtPetition) petition = load (database, "2026-0005");
    g_assert_cmpstr (petition->withdrawn_date, ==, "2026-11-26");
  }

  /* "Everything UBND xã still has": the one assigned today, and the one it sent on. */
  g_assert_true (dt_followup_page_set_agency (followup, "UBND xã"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DtPetitionRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_cmpstr (dt_petition_row_get_agency (row), ==, "UBND xã");
    }
  g_assert_true (dt_followup_page_set_agency (followup, "Công an xã"));
  /* Both withdrawn or marked duplicate since. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (dt_followup_page_set_agency (followup, "UBND xã"));
  gui_screenshot (GTK_WIDGET (window), "followup-agency");

  gui_destroy (GTK_WINDOW (window));
}

static void
test_followup_screens (void)
{
  g_autoptr(DtDatabase) database = NULL;
  static const int sizes[][2] = { { 1366, 768 }, { 1024, 600 } };

  if (gui_skip_without_display ())
    return;

  database = demo_database ("followup-screens.sqlite", 600);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      DtWindow *window = gui_show_window (database, sizes[i][0], sizes[i][1]);
      DtRegisterView *view = dt_followup_page_get_list (followup_of (window));
      g_autofree char *name = g_strdup_printf ("followup-chosen-%d", sizes[i][0]);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "followup");
      dt_register_view_select_position (view, 0);
      gui_screenshot (GTK_WIDGET (window), name);
      gui_destroy (GTK_WINDOW (window));
    }
}

#ifdef G_OS_UNIX
static gboolean
draft_holds (const char *path,
             const char *form,
             const char *key,
             const char *value)
{
  g_autoptr(DtDatabase) other = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, NULL);
  g_autoptr(DtDraft) draft = other != NULL ? dt_draft_load (other, form, NULL) : NULL;

  return draft != NULL && g_strcmp0 (dt_draft_get (draft, key), value) == 0;
}
#endif

/* The program killed while a petition is typed (a crash, a power cut): the next start offers
 * it back, exactly as it was typed. */
static void
test_draft_after_crash (void)
{
#ifndef G_OS_UNIX
  g_test_skip ("A process is killed here the Unix way");
#else
  g_autofree char *path = NULL;
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(DtPetition) saved = NULL;
  DtIntakePage *intake;
  DtWindow *window;
  GtkWidget *page;

  if (gui_skip_without_display ())
    return;
  if (g_test_subprocess ())
    {
      /* The program that is killed while the secretary types. */
      database = dt_database_open (g_getenv ("DT_TEST_CRASH_DB"), DT_DATABASE_OPEN_EXISTING,
                                   NULL);
      g_assert_nonnull (database);
      window = gui_show_window (database, 1366, 768);
      page = GTK_WIDGET (intake_of (window));
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
      gtk_widget_activate_action (page, "intake.new", NULL);
      gtk_widget_grab_focus (gui_find (page, "petitioner"));
      gui_type_here (GTK_WIDGET (window), "Nguyễn Thị Mai");
      gtk_widget_grab_focus (gui_find (page, "summary"));
      gui_type_here (GTK_WIDGET (window), "Đề nghị làm lại cống thoát nước xóm 4");
      gtk_widget_grab_focus (gui_find (page, "received"));
      gui_type_here (GTK_WIDGET (window), "24/11/20");
      /* Kept as it is typed: no save, no close, nothing but the typing. */
      gui_wait_until (draft_holds (g_getenv ("DT_TEST_CRASH_DB"), DT_PETITION_FORM_DRAFT,
                                      "summary", "Đề nghị làm lại cống thoát nước xóm 4"));
      gui_wait_until (draft_holds (g_getenv ("DT_TEST_CRASH_DB"), DT_PETITION_FORM_DRAFT,
                                      "received", "24/11/20"));
      kill (getpid (), SIGKILL);
      g_assert_not_reached ();
    }

  database = gui_create_database ("crash.sqlite");
  add_names (database);
  path = g_strdup (dt_database_get_path (database));
  g_clear_object (&database);
  g_setenv ("DT_TEST_CRASH_DB", path, TRUE);
  g_setenv ("DT_GUI_TEST_KEEP_BUS", "1", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("DT_GUI_TEST_KEEP_BUS");
  g_test_trap_assert_failed ();

  /* The next start: the intake tab first, the draft offered. */
  database = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, NULL);
  g_assert_cmpint (count_petitions (database), ==, 0);
  window = gui_show_window (database, 1366, 768);
  intake = intake_of (window);
  page = GTK_WIDGET (intake);
  g_assert_cmpstr (dt_window_get_page (window), ==, "intake");
  g_assert_true (dt_intake_page_has_recovered_draft (intake));
  g_assert_nonnull (strstr (gui_label (page, "draft-offer"), "Nguyễn Thị Mai"));
  gui_screenshot (GTK_WIDGET (window), "register-draft-offer");

  click (gui_find (page, "draft-restore"));
  g_assert_cmpstr (dt_intake_page_get_view (intake), ==, "form");
  g_assert_false (dt_intake_page_has_recovered_draft (intake));
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "petitioner")), ==,
                   "Nguyễn Thị Mai");
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "received")), ==, "24/11/20");
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "summary")), ==,
                   "Đề nghị làm lại cống thoát nước xóm 4");
  gui_screenshot (GTK_WIDGET (window), "intake-draft-restored");

  ctrl (window, GDK_KEY_s);
  g_assert_cmpint (count_petitions (database), ==, 1);
  /* The code proposed followed the year typed. */
  saved = load (database, "2020-0001");
  g_assert_cmpstr (saved->received, ==, "2020-11-24");
  g_assert_cmpstr (saved->petitioner, ==, "Nguyễn Thị Mai");
  /* Saved: no draft is left to offer. */
  g_assert_null (dt_draft_load (database, DT_PETITION_FORM_DRAFT, NULL));
  g_assert_null (dt_draft_load (database, DT_INTAKE_RECOVERED_DRAFT, NULL));
  gui_destroy (GTK_WINDOW (window));
#endif
}

/* Closing the window in the middle of a petition keeps it too; Discard lets it go. */
static void
test_draft_on_close (void)
{
  g_autoptr(DtDatabase) database = NULL;
  DtIntakePage *intake;
  DtWindow *window;
  GtkWidget *page;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("close.sqlite");
  add_names (database);
  window = gui_show_window (database, 1366, 768);
  page = GTK_WIDGET (intake_of (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  gtk_widget_activate_action (page, "intake.new", NULL);
  gtk_widget_grab_focus (gui_find (page, "summary"));
  gui_type_here (GTK_WIDGET (window), "Đề nghị sửa cầu tràn");
  /* At once, before the draft's own moment comes. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  gui_wait_until (window == NULL);
  {
    g_autoptr(DtDraft) draft = dt_draft_load (database, DT_PETITION_FORM_DRAFT, NULL);
    g_assert_nonnull (draft);
    g_assert_cmpstr (dt_draft_get (draft, "summary"), ==, "Đề nghị sửa cầu tràn");
  }

  window = gui_show_window (database, 1366, 768);
  intake = intake_of (window);
  page = GTK_WIDGET (intake);
  g_assert_true (dt_intake_page_has_recovered_draft (intake));
  click (gui_find (page, "draft-discard"));
  g_assert_false (dt_intake_page_has_recovered_draft (intake));
  g_assert_null (dt_draft_load (database, DT_INTAKE_RECOVERED_DRAFT, NULL));
  gui_destroy (GTK_WINDOW (window));
}

/* The console program writes while the window is open: the lists follow. */
static void
test_live_updates (void)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(DtDatabase) console = NULL;
  g_autoptr(GError) error = NULL;
  DtPetitionList *list;
  DtPetitionList *followup;
  DtWindow *window;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("live.sqlite");
  add_names (database);
  dt_test_add_petition (database, "2026-0001", "2026-11-01", "Lê Văn Cường", "Thôn Tây", "Giao thông",
                "Đề nghị sửa đường liên thôn");
  window = gui_show_window (database, 1366, 768);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  list = dt_register_view_get_list (dt_intake_page_get_register (intake_of (window)));
  followup = dt_register_view_get_list (dt_followup_page_get_list (followup_of (window)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Another connection: what doithoai-cli import or another window would be. */
  console = dt_database_open (dt_database_get_path (database), DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  dt_test_add_petition (console, "2026-0002", "2026-11-20", "Đỗ Văn Nam", "Thôn Đông", "Đất đai",
                "Đề nghị cấp đổi sổ đỏ");
  g_assert_true (dt_petition_assign (console, "2026-0001", "UBND xã", "2026-11-02", NULL, &error));
  /* No call, no focus change: the window looks by itself every few seconds. */
  gui_wait_until (g_list_model_get_n_items (G_LIST_MODEL (list)) == 2);
  /* The follow-up list, hidden meanwhile, catches up when it is shown. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "followup");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (followup)), ==, 2);
  {
    g_autoptr(DtPetitionRow) row = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_assert_cmpstr (dt_petition_row_get_code (row), ==, "2026-0001");
    g_assert_cmpint (dt_petition_row_get_status (row), ==, DT_STATUS_ASSIGNED);
  }
  gui_destroy (GTK_WINDOW (window));
}

/* Reading ahead (dt_context_read_ahead ()): what a thread read is taken once, and only while
 * the database has not changed since it began; what it was given is let go once. */
typedef struct
{
  guint data_freed;
  guint results_freed;
} ReadCounts;

static ReadCounts read_counts;

static gpointer
count_petitions_func (DtDatabase  *db,
                      gpointer     data,
                      GError     **error)
{
  gint64 n = dt_database_count (db, "petitions", error);

  return n < 0 ? NULL : g_memdup2 (&n, sizeof n);
}

static gpointer
failing_func (DtDatabase  *db,
              gpointer     data,
              GError     **error)
{
  g_set_error_literal (error, DT_ERROR, DT_ERROR_INVALID, "refused on purpose");
  return NULL;
}

static void
count_data_freed (gpointer data)
{
  read_counts.data_freed++;
  g_free (data);
}

static void
count_result_freed (gpointer result)
{
  read_counts.results_freed++;
  g_free (result);
}

static void
test_read_ahead (void)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(DtContext) context = NULL;
  g_autofree gint64 *count = NULL;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("read-ahead.sqlite");
  add_names (database);
  dt_test_add_petition (database, "2026-0001", "2026-11-01", "Lê Văn Cường", "Thôn Tây",
                        "Giao thông", "Đề nghị sửa đường liên thôn");
  context = dt_context_new (database, NULL);
  read_counts = (ReadCounts) { 0 };

  /* Taken once, with what the other connection read. */
  dt_context_read_ahead (context, "count", count_petitions_func, g_strdup ("data"),
                         count_data_freed, count_result_freed);
  count = dt_context_take_read_ahead (context, "count");
  g_assert_nonnull (count);
  g_assert_cmpint (*count, ==, 1);
  g_assert_cmpuint (read_counts.data_freed, ==, 1);
  g_assert_null (dt_context_take_read_ahead (context, "count"));
  g_assert_null (dt_context_take_read_ahead (context, "never asked"));

  /* A change after it began: what it read is older than the database, and dropped. */
  dt_context_read_ahead (context, "count", count_petitions_func, g_strdup ("data"),
                         count_data_freed, count_result_freed);
  dt_test_add_petition (database, "2026-0002", "2026-11-20", "Đỗ Văn Nam", "Thôn Đông",
                        "Đất đai", "Đề nghị cấp đổi sổ đỏ");
  g_assert_null (dt_context_take_read_ahead (context, "count"));
  g_assert_cmpuint (read_counts.data_freed, ==, 2);
  g_assert_cmpuint (read_counts.results_freed, ==, 1);

  /* A read that fails gives nothing: the caller reads, and hears of the error, itself. */
  dt_context_read_ahead (context, "count", failing_func, g_strdup ("data"), count_data_freed,
                         count_result_freed);
  g_assert_null (dt_context_take_read_ahead (context, "count"));
  g_assert_cmpuint (read_counts.data_freed, ==, 3);

  /* One nobody takes is waited for and let go with the context. */
  dt_context_read_ahead (context, "count", count_petitions_func, g_strdup ("data"),
                         count_data_freed, count_result_freed);
  g_clear_object (&context);
  g_assert_cmpuint (read_counts.data_freed, ==, 4);
  g_assert_cmpuint (read_counts.results_freed, ==, 2);
}

/* The window reads the register's and follow-up's lists ahead once it has painted, and makes
 * their pages while it is idle: lists made from what was read ahead follow the database as
 * the others do, and a petition saved before those tabs are first shown is on both. (That
 * what is read ahead is dropped after a change is /gui/petitions/read-ahead.) */
static void
test_read_ahead_window (void)
{
  g_autoptr(DtDatabase) database = NULL;
  DtPetitionList *list;
  DtPetitionList *followup;
  DtWindow *window;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("read-ahead-window.sqlite");
  add_names (database);
  dt_test_add_petition (database, "2026-0001", "2026-11-01", "Lê Văn Cường", "Thôn Tây",
                        "Giao thông", "Đề nghị sửa đường liên thôn");
  window = gui_show_window (database, 1366, 768);
  /* Painted: both lists are read in threads, and the pages made, long before this wait ends. */
  gui_wait (300);
  /* The register's rows and follow-up's are made too, before either tab is shown: their first
   * showing makes no widgets. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (followup_of (window))));
  g_assert_nonnull (gtk_column_view_get_model (dt_register_view_get_column_view (
                      dt_followup_page_get_list (followup_of (window)))));
  g_assert_nonnull (gtk_column_view_get_model (dt_register_view_get_column_view (
                      dt_intake_page_get_register (intake_of (window)))));
  dt_test_add_petition (database, "2026-0002", "2026-11-20", "Đỗ Văn Nam", "Thôn Đông",
                        "Đất đai", "Đề nghị cấp đổi sổ đỏ");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "followup");
  gui_wait_for_paint (GTK_WIDGET (window));
  followup = dt_register_view_get_list (dt_followup_page_get_list (followup_of (window)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (followup)), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  gui_wait_for_paint (GTK_WIDGET (window));
  list = dt_register_view_get_list (dt_intake_page_get_register (intake_of (window)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  gui_destroy (GTK_WINDOW (window));
}

static GListModel *
rows_of (DtRegisterView *view)
{
  return G_LIST_MODEL (gtk_column_view_get_model (dt_register_view_get_column_view (view)));
}

static guint
n_rows_shown (DtRegisterView *view)
{
  return rows_of (view) != NULL ? g_list_model_get_n_items (rows_of (view)) : 0;
}

static void
count_cb (GListModel *model,
          guint       position,
          guint       removed,
          guint       added,
          guint      *count)
{
  (*count)++;
}

static void
count_selection_cb (GtkSelectionModel *model,
                    guint              position,
                    guint              n_items,
                    guint             *count)
{
  g_assert_cmpuint (position + n_items, <=, g_list_model_get_n_items (G_LIST_MODEL (model)));
  (*count)++;
}

/* A selection shown in part (dt_id_selection_set_limit ()): GTK is told of that part alone,
 * and of more as the limit grows; choosing all of them chooses the whole list. */
static void
test_selection_limit (void)
{
  g_autoptr(DtDatabase) database = demo_database ("limit.sqlite", 60);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtPetitionList) list = dt_petition_list_new (database, &error);
  g_autoptr(DtIdSelection) selection = NULL;
  g_autoptr(GArray) ids = NULL;
  guint n, changes = 0, said = 0;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >, 50);
  selection = dt_id_selection_new (list, TRUE);
  dt_id_selection_set_limit (selection, 20);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 20);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (selection), 20));
  g_signal_connect (selection, "items-changed", G_CALLBACK (count_cb), &changes);
  dt_id_selection_set_limit (selection, 40);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 40);
  /* The last one chosen by its id, beyond what is shown: said, within what GTK knows of, for
   * those who follow the choice (the register's own signal). */
  g_signal_connect (selection, "selection-changed", G_CALLBACK (count_selection_cb), &said);
  dt_id_selection_set_id (selection, dt_petition_list_get_id (list, n - 1));
  g_assert_cmpuint (said, ==, 1);
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 0));
  g_signal_handlers_disconnect_by_func (selection, count_selection_cb, &said);
  g_assert_true (gtk_selection_model_select_all (GTK_SELECTION_MODEL (selection)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, n);
  ids = dt_id_selection_get_ids (selection);
  g_assert_cmpuint (ids->len, ==, n);
  g_signal_handlers_disconnect_by_func (selection, count_cb, &changes);
}

/* What the register showed in the first frame painted after the handler was connected. */
typedef struct
{
  DtRegisterView *view;
  gboolean        painted;
  guint           rows;
  double          upper;
  double          page;
} FirstPaint;

static void
first_paint_cb (GdkFrameClock *clock,
                FirstPaint    *first)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (
                                dt_register_view_get_column_view (first->view)));

  if (first->painted)
    return;
  first->painted = TRUE;
  first->rows = n_rows_shown (first->view);
  first->upper = gtk_adjustment_get_upper (adjustment);
  first->page = gtk_adjustment_get_page_size (adjustment);
}

/* GTK 4.8 makes the widgets of 200 rows as soon as a column view has its model. The register
 * is shown first the rows that fill the window, then more after each frame, then all of them;
 * a row asked for beyond those shown makes it show them all at once. Hidden, it lets its rows
 * go, but not while the window is busy painting. */
static void
test_rows_a_few_at_a_time (void)
{
  g_autoptr(DtDatabase) database = NULL;
  FirstPaint first = { 0 };
  GdkFrameClock *clock;
  DtRegisterView *view;
  DtWindow *window;
  GListModel *rows;
  guint n, changes = 0;
  gulong paint_id;
  gint64 started;

  if (gui_skip_without_display ())
    return;

  database = demo_database ("rows.sqlite", 400);
  window = gui_show_window (database, 1366, 768);
  view = dt_intake_page_get_register (intake_of (window));
  n = g_list_model_get_n_items (G_LIST_MODEL (dt_register_view_get_list (view)));
  g_assert_cmpuint (n, >, 300);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  gui_wait_until (n_rows_shown (view) == n);

  /* Hidden while the window paints a frame after another (her scrolling another list): the
   * rows stay past the usual 3 s; then, the window still, they go. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  started = g_get_monotonic_time ();
  while (g_get_monotonic_time () - started < 4 * G_USEC_PER_SEC)
    {
      gtk_widget_queue_draw (GTK_WIDGET (window));
      gui_wait (20);
    }
  g_assert_nonnull (rows_of (view));
  started = g_get_monotonic_time ();
  gui_wait_until (rows_of (view) == NULL);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);

  /* Shown again: its first frame painted with the rows that fill the window, the others
   * told of after. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (first_paint_cb), &first);
  first.view = view;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  gui_wait_until (first.painted);
  g_signal_handler_disconnect (clock, paint_id);
  g_assert_cmpfloat (first.upper, >, first.page);
  rows = rows_of (view);
  if (gtk_get_minor_version () >= 12)
    g_assert_cmpuint (first.rows, ==, n);
  else
    {
      g_assert_cmpuint (first.rows, <, n);
      g_signal_connect (rows, "items-changed", G_CALLBACK (count_cb), &changes);
      gui_wait_until (g_list_model_get_n_items (rows) == n);
      g_assert_cmpuint (changes, >=, 2);
      g_signal_handlers_disconnect_by_func (rows, count_cb, &changes);
    }

  /* Let go again, shown again, and the last row chosen before the others were told of. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  gui_wait_until (rows_of (view) == NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  if (gtk_get_minor_version () < 12)
    g_assert_cmpuint (n_rows_shown (view), <, n);
  dt_register_view_select_position (view, n - 1);
  g_assert_cmpuint (n_rows_shown (view), ==, n);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (rows_of (view)), n - 1));
  gui_destroy (GTK_WINDOW (window));
}


/* Saves leave the search index in a segment each (migration 0012); the window merges them
 * once the saving pauses. */
static void
test_index_merged_when_idle (void)
{
  g_autoptr(DtDatabase) database = NULL;
  DtWindow *window;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("merged.sqlite");
  add_names (database);
  window = gui_show_window (database, 1366, 768);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *code = g_strdup_printf ("2026-%04u", i + 1);

      dt_test_add_petition (database, code, "2026-11-01", "Lê Văn Cường", "Thôn Tây",
                            "Giao thông", "Đề nghị sửa đường liên thôn");
    }
  g_assert_cmpint (dt_test_count_segments (database, "petitions_fts"), >=, 10);
  g_assert_cmpint (dt_test_count_segments (database, "petitions_exact_fts"), >=, 10);
  gui_wait_until (dt_test_count_segments (database, "petitions_fts") < 6 &&
                  dt_test_count_segments (database, "petitions_exact_fts") < 6);
  gui_destroy (GTK_WINDOW (window));
}

/* The console program holds the database: saving says so at once, nothing is lost, and it
 * saves once the database is free. */
static void
test_locked_database (void)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(DtDatabase) console = NULL;
  g_autoptr(GError) error = NULL;
  DtWindow *window;
  GtkWidget *page;
  gint64 started;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("locked.sqlite");
  add_names (database);
  window = gui_show_window (database, 1366, 768);
  page = GTK_WIDGET (intake_of (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  gtk_widget_activate_action (page, "intake.new", NULL);
  set_text (page, "petitioner", "Trần Văn Long");
  set_text (page, "summary", "Đề nghị hỗ trợ giống lúa");

  console = dt_database_open (dt_database_get_path (database), DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (_dt_database_exec (console, "BEGIN IMMEDIATE", &error));

  started = g_get_monotonic_time ();
  ctrl (window, GDK_KEY_s);
  /* No five-second freeze of the window. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 2 * G_USEC_PER_SEC);
  g_assert_true (gtk_widget_get_visible (gui_find (page, "form-message")));
  g_assert_cmpstr (gui_label (page, "form-message"), ==,
                   T ("The database is in use by another program (the console program, "
                      "or another window). Nothing was saved yet: what you typed is "
                      "kept. Try again in a moment."));
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "summary")), ==,
                   "Đề nghị hỗ trợ giống lúa");
  gui_screenshot (GTK_WIDGET (window), "intake-locked");

  g_assert_true (_dt_database_exec (console, "COMMIT", &error));
  ctrl (window, GDK_KEY_s);
  g_assert_cmpint (count_petitions (database), ==, 1);
  gui_destroy (GTK_WINDOW (window));
}

/* What is chosen in the register is kept by petition: through a search, its end, and an edit
 * of the row. */
static void
test_selection_kept (void)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  DtRegisterView *view;
  DtPetitionList *list;
  DtWindow *window;
  GtkWidget *page;
  gint64 id;

  if (gui_skip_without_display ())
    return;

  database = demo_database ("selection.sqlite", 300);
  id = dt_test_add_petition (database, "2026-9002", "2026-03-01", "Đinh Thị Yến", "Thôn Đông", "Y tế",
                     "Đề nghị sửa trạm y tế");
  window = gui_show_window (database, 1366, 768);
  page = GTK_WIDGET (intake_of (window));
  view = dt_intake_page_get_register (intake_of (window));
  list = dt_register_view_get_list (view);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");

  g_assert_true (dt_register_view_select_id (view, id));
  set_text (page, "search", "dinh thi yen");
  g_signal_emit_by_name (gui_find (page, "search"), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, 301);
  g_assert_cmpint (dt_register_view_get_selected_id (view), ==, id);
  g_assert_true (gtk_widget_is_sensitive (gui_find (page, "delete")));

  set_text (page, "search", "");
  g_signal_emit_by_name (gui_find (page, "search"), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 301);
  g_assert_cmpint (dt_register_view_get_selected_id (view), ==, id);

  /* Edited by the follow-up (or another program): the row changes, the choice stays. */
  g_assert_true (dt_petition_assign (database, "2026-9002", "UBND xã", "2026-03-02", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dt_register_view_get_selected_id (view), ==, id);
  {
    guint position;
    g_autoptr(DtPetitionRow) row = NULL;

    g_assert_true (dt_petition_list_find (list, id, &position));
    row = g_list_model_get_item (G_LIST_MODEL (list), position);
    g_assert_cmpstr (dt_petition_row_get_agency (row), ==, "UBND xã");
  }
  gui_destroy (GTK_WINDOW (window));
}

/* 1024×600 and 1366×768: no tab makes the window wider than the screen. */
/* A key with its modifiers, as it reaches the focus: every key handler from the focus up to
 * the window, until one takes it. */
static gboolean
press_key_with (DtWindow        *window,
                guint            keyval,
                GdkModifierType  state)
{
  for (GtkWidget *w = gui_focus (GTK_WIDGET (window)); w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
          gboolean handled = FALSE;

          if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
            continue;
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          if (handled)
            return TRUE;
        }
    }
  return FALSE;
}

/* Alt+Down in a date: the calendar, on the day typed; Enter there takes the day chosen. */
static void
test_calendar (void)
{
  g_autoptr(DtDatabase) database = NULL;
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *lunar = NULL;
  DtWindow *window;
  GtkWidget *page;
  GtkWidget *focus;
  GtkWidget *popover;

  if (gui_skip_without_display ())
    return;

  database = gui_create_database ("calendar.sqlite");
  window = gui_show_window (database, 1366, 768);
  page = GTK_WIDGET (intake_of (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "intake");
  gui_wait_for_paint (GTK_WIDGET (window));
  ctrl (window, GDK_KEY_n);
  g_assert_cmpstr (focus_name (window), ==, "received");
  gui_type_here (GTK_WIDGET (window), "3/11/26");

  g_assert_true (press_key_with (window, GDK_KEY_Down, GDK_ALT_MASK));
  gui_wait_for_paint (GTK_WIDGET (window));
  focus = gui_focus (GTK_WIDGET (window));
  g_assert_true (GTK_IS_CALENDAR (focus));
  popover = gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER);
  g_assert_true (gtk_widget_get_mapped (popover));
  shown = gtk_calendar_get_date (GTK_CALENDAR (focus));
  g_assert_cmpint (g_date_time_get_year (shown), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 11);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 3);
  gui_screenshot (popover, "intake-calendar-popup");
  gui_screenshot (GTK_WIDGET (window), "intake-calendar");

  /* Another day chosen, then Enter: the date, its lunar date, the focus back in the field. */
  later = g_date_time_new_local (2026, 11, 20, 12, 0, 0);
  gtk_calendar_select_day (GTK_CALENDAR (focus), later);
  g_assert_true (press_key_with (window, GDK_KEY_Return, 0));
  gui_wait (50);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpstr (focus_name (window), ==, "received");
  g_assert_cmpstr (gtk_editable_get_text (gui_editable (page, "received")), ==, "20/11/2026");
  g_assert_cmpstr (dt_date_entry_get_lunar (DT_DATE_ENTRY (gui_find (page, "received"))), ==,
                   (lunar = g_strdup_printf (T ("Lunar %s"), "12/10/2026 (Bính Ngọ)")));
  gui_destroy (GTK_WINDOW (window));
}

static void
test_window_sizes (void)
{
  g_autoptr(DtDatabase) database = NULL;
  static const char * const pages[] = { "intake", "followup" };

  if (gui_skip_without_display ())
    return;

  database = demo_database ("sizes.sqlite", 200);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      DtWindow *window = gui_show_window (database, 1024, 600);
      int minimum, natural;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]);
      if (i == 0)
        gtk_widget_activate_action (GTK_WIDGET (intake_of (window)), "intake.new", NULL);
      gui_wait_for_paint (GTK_WIDGET (window));
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural,
                          NULL, NULL);
      /* The window is what was asked for (less its shadow, drawn by GTK), and it could be so
       * with room to spare: nothing forces it wider. */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
      g_assert_cmpint (minimum, <=, gtk_widget_get_width (GTK_WIDGET (window)));
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, 1024, &minimum, &natural,
                          NULL, NULL);
      g_assert_cmpint (minimum, <=, 600);
      gui_destroy (GTK_WINDOW (window));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("DOITHOAI_TODAY", "2026-11-26", FALSE);
  gui_test_init (&argc, &argv, "gui", GUI_TEST_BUS_OWN);

  g_test_add_func ("/gui/petitions/screens", test_screens);
  g_test_add_func ("/gui/petitions/type-from-keyboard", test_type_from_keyboard);
  g_test_add_func ("/gui/petitions/invalid-fields", test_invalid_fields);
  g_test_add_func ("/gui/petitions/duplicate", test_duplicate);
  g_test_add_func ("/gui/petitions/search-and-open", test_search_and_open);
  g_test_add_func ("/gui/petitions/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/gui/petitions/followup-actions", test_followup_actions);
  g_test_add_func ("/gui/petitions/followup-screens", test_followup_screens);
  g_test_add_func ("/gui/petitions/draft-after-crash", test_draft_after_crash);
  g_test_add_func ("/gui/petitions/draft-on-close", test_draft_on_close);
  g_test_add_func ("/gui/petitions/live-updates", test_live_updates);
  g_test_add_func ("/gui/petitions/read-ahead", test_read_ahead);
  g_test_add_func ("/gui/petitions/read-ahead-window", test_read_ahead_window);
  g_test_add_func ("/gui/petitions/selection-limit", test_selection_limit);
  g_test_add_func ("/gui/petitions/rows-a-few-at-a-time", test_rows_a_few_at_a_time);
  g_test_add_func ("/gui/petitions/index-merged-when-idle", test_index_merged_when_idle);
  g_test_add_func ("/gui/petitions/locked-database", test_locked_database);
  g_test_add_func ("/gui/petitions/calendar", test_calendar);
  g_test_add_func ("/gui/petitions/window-sizes", test_window_sizes);
  g_test_add_func ("/gui/petitions/selection-kept", test_selection_kept);

  return gui_test_finish (g_test_run ());
}
