/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every widget test needs (built once, gui-test.c): a display, a session bus and a data
 * folder of the test's own; the real application and window; finding a control by its name,
 * typing into it, clicking it, waiting until the window has painted; and a PNG of a screen. */
#pragma once

#include <gtk/gtk.h>

#include "dt-application.h"
#include "dt-database.h"
#include "dt-window.h"

G_BEGIN_DECLS

/* How long a wait may last before it fails the test. */
#define GUI_TIMEOUT_SECONDS 60

typedef enum
{
  GUI_TEST_BUS_OWN,      /* a session bus of the run's own (when dbus-daemon is there) */
  GUI_TEST_BUS_NONE,     /* no session bus at all: the application stays in this process */
  GUI_TEST_BUS_INHERIT,  /* whatever bus the environment gives */
} GuiTestBus;

/* Instead of g_test_init (): rendering that works under Xvfb, no accessibility bus, settings
 * in memory, the build's schemas, a temporary folder (doithoai-NAME-XXXXXX) that holds the
 * user data folder, the session bus BUS says; then GTK, when there is a display. */
void            gui_test_init             (int               *argc,
                                           char            ***argv,
                                           const char        *name,
                                           GuiTestBus         bus);
/* After g_test_run (): stops the bus, removes the temporary folder; returns STATUS. */
int             gui_test_finish           (int                status);

gboolean        gui_have_display          (void);
/* TRUE when the run has a session bus of its own. */
gboolean        gui_have_bus              (void);
/* Skips the test case when there is no display: TRUE, return at once. */
gboolean        gui_skip_without_display  (void);
const char     *gui_temp_dir              (void);
char           *gui_temp_path             (const char        *name);
/* Removes PATH and everything in it. */
void            gui_remove_tree           (const char        *path);

/* A new application with an id of its own (several may live in one process), non-unique,
 * not registered yet. */
DtApplication  *gui_application_new       (void);
/* One registered application for the tests that build windows directly. */
DtApplication  *gui_application           (void);
/* A new database NAME in the temporary folder (an older one of that name removed). */
DtDatabase     *gui_create_database       (const char        *name);
/* A window on DATABASE, WIDTH × HEIGHT (-1: its own size), shown and painted. */
DtWindow       *gui_show_window           (DtDatabase        *database,
                                           int                width,
                                           int                height);
/* Destroys WINDOW once what GTK has pending for it has run: GTK 4.8 looks for the pointer in
 * a tooltip's idle, on whatever window it was asked for, destroyed or not. */
void            gui_destroy               (GtkWindow         *window);

/* Lets idle callbacks and pending redraws run. */
void            gui_flush                 (void);
/* Runs the main loop for MS milliseconds: timers (drafts, likely duplicates) fire meanwhile. */
void            gui_wait                  (guint              ms);
/* Returns once WIDGET's window is on screen and has painted its current state. */
void            gui_wait_for_paint        (GtkWidget         *widget);
/* Where screenshots (and the files a test leaves to be looked at) go: SCREENSHOT_DIR, or the
 * build's screenshots folder. */
const char     *gui_screenshot_dir        (void);
/* NAME.png (NAME-SUFFIX.png when SCREENSHOT_SUFFIX is set) in SCREENSHOT_DIR or the build's
 * screenshots folder: WIDGET as its window shows it. */
void            gui_screenshot            (GtkWidget         *widget,
                                           const char        *name);

/* For gui_wait_until (). */
gboolean        gui_timeout_cb            (gpointer           user_data);

/* Runs the main loop until CONDITION (or the timeout, which fails the test). */
#define gui_wait_until(condition)                                                 \
  G_STMT_START {                                                                  \
    gboolean timed_out_ = FALSE;                                                  \
    guint id_ = g_timeout_add_seconds (GUI_TIMEOUT_SECONDS, gui_timeout_cb,       \
                                       &timed_out_);                              \
    while (!(condition) && !timed_out_)                                           \
      g_main_context_iteration (NULL, TRUE);                                      \
    if (!timed_out_)                                                              \
      g_source_remove (id_);                                                      \
    g_assert_true (condition);                                                    \
  } G_STMT_END

/* The first widget called NAME under WIDGET, mapped ones first (a hidden copy of a form can
 * carry the same names); NULL when there is none. */
GtkWidget      *gui_find_optional         (GtkWidget         *widget,
                                           const char        *name);
/* The same, for a widget that must be there. */
GtkWidget      *gui_find                  (GtkWidget         *widget,
                                           const char        *name);
/* The editable inside the widget called NAME (an entry, a date entry). */
GtkEditable    *gui_editable              (GtkWidget         *root,
                                           const char        *name);
const char     *gui_label                 (GtkWidget         *root,
                                           const char        *name);
GtkWidget      *gui_focus                 (GtkWidget         *widget);
/* The toplevel of TYPE shown last (dialogs, the settings, the assistant), called NAME or
 * holding a widget called NAME when NAME is not NULL. */
GtkWindow      *gui_find_toplevel         (GType              type,
                                           const char        *name);

/* Puts TEXT into the field called NAME, focused first. */
void            gui_type                  (GtkWidget         *root,
                                           const char        *name,
                                           const char        *text);
/* The same, then Enter. */
void            gui_type_enter            (GtkWidget         *root,
                                           const char        *name,
                                           const char        *text);
/* Types TEXT where the focus is, as the keyboard would: at the cursor, one character at a
 * time, each a change the widget hears of. */
void            gui_type_here             (GtkWidget         *window,
                                           const char        *text);
void            gui_click                 (GtkWidget         *root,
                                           const char        *name);
/* Chooses ITEM in the drop-down called NAME. */
void            gui_choose                (GtkWidget         *root,
                                           const char        *name,
                                           const char        *item);
/* Presses a key binding of WIDGET or of one of its ancestors, as a key press that reaches it
 * would. */
gboolean        gui_shortcut              (GtkWidget         *widget,
                                           guint              keyval,
                                           GdkModifierType    modifiers);
/* Tab and Enter, as the window moves the focus on them. */
void            gui_tab                   (GtkWidget         *window);
void            gui_enter                 (GtkWidget         *window);

G_END_DECLS
