/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-settings-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-calendar.h"
#include "dt-dialogs.h"
#include "dt-error.h"
#include "dt-form.h"
#include "dt-gui-util.h"
#include "dt-holiday-grid.h"
#include "dt-lists.h"
#include "dt-settings-window.h"
#include "dt-util.h"

typedef struct
{
  DtList     list;
  GtkWidget *entry;
  GtkWidget *rows;
  GtkWidget *message;
} ListPage;

struct _DtSettingsWindow
{
  GtkWindow   parent_instance;

  DtContext  *context;
  GtkWidget  *stack;
  DtForm     *unit_form;
  DtForm     *rules_form;
  DtForm     *margins_form;
  GtkWidget  *unit_message;
  GtkWidget  *rules_message;
  GtkWidget  *margins_message;
  ListPage    lists[3];

  int         year;
  int         grid_year;
  GtkWidget  *year_label;
  GtkWidget  *year_state;
  GtkWidget  *months[12];
  GtkWidget  *months_box;
  GHashTable *holidays;
  GHashTable *workdays;
};

G_DEFINE_FINAL_TYPE (DtSettingsWindow, dt_settings_window, GTK_TYPE_WINDOW)

static DtDatabase *
database (DtSettingsWindow *self)
{
  return dt_context_get_database (self->context);
}

static void
show_message (GtkWidget  *label,
              const char *text,
              gboolean    problem)
{
  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL);
  gtk_widget_remove_css_class (label, problem ? "dt-saved" : "dt-problem");
  gtk_widget_add_css_class (label, problem ? "dt-problem" : "dt-saved");
}

static GtkWidget *
page_box (GtkWidget  **content,
          const char  *title,
          const char  *text)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (title);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-2");
  gtk_box_append (GTK_BOX (box), heading);
  if (text != NULL)
    {
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  *content = box;
  return scroller;
}

static GtkWidget *
message_label (const char *name)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_widget_set_name (label, name);
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static GtkWidget *
save_button (const char *action,
             const char *name)
{
  GtkWidget *button = dt_button_new (_("_Save"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_name (button, name);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

/* ------------------------------------------------------------------------------------------
 * Unit, rules and margins: one record, three pages
 * ------------------------------------------------------------------------------------------ */

static const char * const unit_keys[] = {
  "name", "superior", "place", "symbol", "signer_on_behalf", "signer_title", "signer_name",
};

static char **
unit_text (DtUnit     *unit,
           const char *key)
{
  const struct { const char *key; char **field; } fields[] = {
    { "name", &unit->name }, { "superior", &unit->superior }, { "place", &unit->place },
    { "symbol", &unit->symbol }, { "signer_on_behalf", &unit->signer_on_behalf },
    { "signer_title", &unit->signer_title }, { "signer_name", &unit->signer_name },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].key, key))
      return fields[i].field;
  g_return_val_if_reached (NULL);
}

typedef struct
{
  DtForm     *form;
  const char *key;
  gsize       offset;
} IntField;

static void
load_unit (DtSettingsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtUnit) unit = dt_unit_load (database (self), &error);
  const IntField ints[] = {
    { self->rules_form, "notice_lead_days", G_STRUCT_OFFSET (DtUnit, notice_lead_days) },
    { self->rules_form, "conclusion_days", G_STRUCT_OFFSET (DtUnit, conclusion_days) },
    { self->rules_form, "answer_working_days", G_STRUCT_OFFSET (DtUnit, answer_working_days) },
    { self->margins_form, "top", G_STRUCT_OFFSET (DtUnit, margin_top) },
    { self->margins_form, "bottom", G_STRUCT_OFFSET (DtUnit, margin_bottom) },
    { self->margins_form, "left", G_STRUCT_OFFSET (DtUnit, margin_left) },
    { self->margins_form, "right", G_STRUCT_OFFSET (DtUnit, margin_right) },
  };

  if (unit == NULL)
    {
      show_message (self->unit_message, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (unit_keys); i++)
    dt_form_set_value (self->unit_form, unit_keys[i], *unit_text (unit, unit_keys[i]));
  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    dt_form_set_int (ints[i].form, ints[i].key,
                     G_STRUCT_MEMBER (int, unit, ints[i].offset));
  dt_form_set_clean (self->unit_form);
  dt_form_set_clean (self->rules_form);
  dt_form_set_clean (self->margins_form);
}

/* Reads the three pages into the unit as the database holds it, validates and saves; each
 * page shows its own problems. */
static gboolean
save_unit (DtSettingsWindow *self,
           GtkWidget        *message)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtUnit) unit = dt_unit_load (database (self), &error);
  const IntField ints[] = {
    { self->rules_form, "notice_lead_days", G_STRUCT_OFFSET (DtUnit, notice_lead_days) },
    { self->rules_form, "conclusion_days", G_STRUCT_OFFSET (DtUnit, conclusion_days) },
    { self->rules_form, "answer_working_days", G_STRUCT_OFFSET (DtUnit, answer_working_days) },
    { self->margins_form, "top", G_STRUCT_OFFSET (DtUnit, margin_top) },
    { self->margins_form, "bottom", G_STRUCT_OFFSET (DtUnit, margin_bottom) },
    { self->margins_form, "left", G_STRUCT_OFFSET (DtUnit, margin_left) },
    { self->margins_form, "right", G_STRUCT_OFFSET (DtUnit, margin_right) },
  };

  if (unit == NULL)
    {
      show_message (message, error->message, TRUE);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (unit_keys); i++)
    {
      char **field = unit_text (unit, unit_keys[i]);

      g_free (*field);
      *field = dt_form_get_value (self->unit_form, unit_keys[i], NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      GError *field_error = NULL;

      G_STRUCT_MEMBER (int, unit, ints[i].offset) = dt_form_get_int (ints[i].form, ints[i].key,
                                                                     &field_error);
      if (field_error != NULL)
        g_ptr_array_add (problems, field_error);
    }
  if (problems->len == 0)
    g_ptr_array_extend_and_steal (problems, dt_unit_problems (unit));
  if (problems->len == 0 && !dt_unit_save (database (self), unit, &error))
    g_ptr_array_add (problems, g_steal_pointer (&error));
  if (problems->len > 0)
    {
      DtForm *forms[] = { self->unit_form, self->rules_form, self->margins_form };
      g_autoptr(GString) rest = g_string_new (NULL);

      /* Each page marks the fields it holds; what none holds is said on the page saved. */
      for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
        g_free (dt_form_show_problems (forms[i], problems));
      for (guint i = 0; i < problems->len; i++)
        {
          const GError *problem = g_ptr_array_index (problems, i);
          gboolean held = FALSE;

          for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
            held |= dt_form_holds (forms[f], dt_error_get_field (problem));
          if (!held)
            g_string_append_printf (rest, "%s%s", rest->len > 0 ? "\n" : "", problem->message);
        }
      show_message (message, rest->len > 0 ? rest->str : NULL, TRUE);
      return FALSE;
    }
  dt_form_clear_problems (self->unit_form);
  dt_form_clear_problems (self->rules_form);
  dt_form_clear_problems (self->margins_form);
  show_message (message, _("Saved."), FALSE);
  load_unit (self);
  return TRUE;
}

static void
save_unit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DtSettingsWindow *self = DT_SETTINGS_WINDOW (widget);

  save_unit (self, self->unit_message);
}

static void
save_rules_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DtSettingsWindow *self = DT_SETTINGS_WINDOW (widget);

  save_unit (self, self->rules_message);
}

static void
save_margins_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DtSettingsWindow *self = DT_SETTINGS_WINDOW (widget);

  save_unit (self, self->margins_message);
}

static GtkWidget *
build_unit_page (DtSettingsWindow *self)
{
  GtkWidget *box, *grid;
  GtkWidget *page = page_box (&box, _("Unit"),
                              _("As the heading and the signature of every document print "
                                "them."));

  self->unit_message = message_label ("unit-message");
  gtk_box_append (GTK_BOX (box), self->unit_message);
  grid = gtk_grid_new ();
  gtk_box_append (GTK_BOX (box), grid);
  self->unit_form = dt_form_new (DT_RECORD_UNIT, GTK_GRID (grid));
  dt_form_add (self->unit_form, "superior");
  gtk_entry_set_placeholder_text (GTK_ENTRY (dt_form_get_widget (self->unit_form, "superior")),
                                  "ĐẢNG BỘ TỈNH HÀ TĨNH");
  dt_form_add (self->unit_form, "name");
  gtk_entry_set_placeholder_text (GTK_ENTRY (dt_form_get_widget (self->unit_form, "name")),
                                  "ĐẢNG BỘ XÃ THẠCH LẠC");
  dt_form_add (self->unit_form, "place");
  gtk_entry_set_placeholder_text (GTK_ENTRY (dt_form_get_widget (self->unit_form, "place")),
                                  "Thạch Lạc");
  dt_form_add (self->unit_form, "symbol");
  gtk_entry_set_placeholder_text (GTK_ENTRY (dt_form_get_widget (self->unit_form, "symbol")),
                                  "ĐU");
  dt_form_add_heading (self->unit_form, _("Signature"));
  dt_form_add (self->unit_form, "signer_on_behalf");
  gtk_entry_set_placeholder_text (GTK_ENTRY (dt_form_get_widget (self->unit_form,
                                                                 "signer_on_behalf")),
                                  "T/M BAN THƯỜNG VỤ");
  dt_form_add (self->unit_form, "signer_title");
  gtk_entry_set_placeholder_text (GTK_ENTRY (dt_form_get_widget (self->unit_form,
                                                                 "signer_title")),
                                  "BÍ THƯ");
  dt_form_add (self->unit_form, "signer_name");
  gtk_box_append (GTK_BOX (box), save_button ("settings.save-unit", "unit-save"));
  return page;
}

static GtkWidget *
build_rules_page (DtSettingsWindow *self)
{
  GtkWidget *box, *grid;
  GtkWidget *page = page_box (&box, _("Rules"),
                              _("The deadlines the program counts. A plan can set its own "
                                "notice lead days."));

  self->rules_message = message_label ("rules-message");
  gtk_box_append (GTK_BOX (box), self->rules_message);
  grid = gtk_grid_new ();
  gtk_box_append (GTK_BOX (box), grid);
  self->rules_form = dt_form_new (DT_RECORD_RULES, GTK_GRID (grid));
  dt_form_add (self->rules_form, "notice_lead_days");
  dt_form_add (self->rules_form, "conclusion_days");
  dt_form_add (self->rules_form, "answer_working_days");
  gtk_box_append (GTK_BOX (box), save_button ("settings.save-rules", "rules-save"));
  return page;
}

static GtkWidget *
build_margins_page (DtSettingsWindow *self)
{
  GtkWidget *box, *grid;
  GtkWidget *page = page_box (&box, _("Document Margins"),
                              _("In millimetres, on A4 paper. Party documents use 20 at the "
                                "top and bottom, 30 on the left and 15 on the right."));

  self->margins_message = message_label ("margins-message");
  gtk_box_append (GTK_BOX (box), self->margins_message);
  grid = gtk_grid_new ();
  gtk_box_append (GTK_BOX (box), grid);
  self->margins_form = dt_form_new (DT_RECORD_UNIT, GTK_GRID (grid));
  dt_form_add (self->margins_form, "top");
  dt_form_add (self->margins_form, "bottom");
  dt_form_add (self->margins_form, "left");
  dt_form_add (self->margins_form, "right");
  gtk_box_append (GTK_BOX (box), save_button ("settings.save-margins", "margins-save"));
  return page;
}

/* ------------------------------------------------------------------------------------------
 * Villages, agencies, fields
 * ------------------------------------------------------------------------------------------ */

static void fill_list (DtSettingsWindow *self,
                       DtList            list);

typedef struct
{
  DtSettingsWindow *self;
  DtList            list;
  char             *name;
} ListAction;

static ListAction *
list_action_new (DtSettingsWindow *self,
                 DtList            list,
                 const char       *name)
{
  ListAction *action = g_new0 (ListAction, 1);

  action->self = g_object_ref (self);
  action->list = list;
  action->name = g_strdup (name);
  return action;
}

static void
list_action_free (ListAction *action)
{
  g_object_unref (action->self);
  g_free (action->name);
  g_free (action);
}

static void
list_done (ListAction   *action,
           gboolean      ok,
           const GError *error,
           const char   *done)
{
  ListPage *page = &action->self->lists[action->list];

  if (!ok)
    show_message (page->message, error->message, TRUE);
  else
    show_message (page->message, done, FALSE);
  fill_list (action->self, action->list);
}

static void
rename_cb (const char *text,
           gpointer    user_data)
{
  ListAction *action = user_data;
  g_autoptr(GError) error = NULL;

  if (text != NULL)
    {
      gboolean ok = dt_list_rename (database (action->self), action->list, action->name, text,
                                    &error);
      g_autofree char *done = g_strdup_printf (_("“%s” is now “%s”; every record that named it "
                                                 "follows."), action->name, text);

      list_done (action, ok, error, done);
    }
  list_action_free (action);
}

static void
merge_cb (const char *text,
          gpointer    user_data)
{
  ListAction *action = user_data;
  g_autoptr(GError) error = NULL;

  if (text != NULL)
    {
      gboolean ok = dt_list_merge (database (action->self), action->list, action->name, text,
                                   &error);
      g_autofree char *done = g_strdup_printf (_("“%s” was merged into “%s”: its records now "
                                                 "name “%s”."), action->name, text, text);

      list_done (action, ok, error, done);
    }
  list_action_free (action);
}

static void
remove_cb (int      response,
           gpointer user_data)
{
  ListAction *action = user_data;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      gboolean ok = dt_list_remove (database (action->self), action->list, action->name,
                                    &error);
      g_autofree char *done = g_strdup_printf (_("“%s” was removed."), action->name);

      list_done (action, ok, error, done);
    }
  list_action_free (action);
}

static void
entry_button_cb (GtkButton        *button,
                 DtSettingsWindow *self)
{
  const char *what = g_object_get_data (G_OBJECT (button), "dt-what");
  const char *name = g_object_get_data (G_OBJECT (button), "dt-name");
  DtList list = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "dt-list"));
  g_autofree char *heading = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (what, "rename"))
    {
      heading = g_strdup_printf (_("Rename “%s”"), name);
      dt_ask_text (GTK_WIDGET (self), heading,
                   _("Every session and petition that names it will show the new name."),
                   _("New _name"), name, _("_Rename"), rename_cb,
                   list_action_new (self, list, name));
    }
  else if (g_str_equal (what, "merge"))
    {
      g_auto(GStrv) names = dt_list_get (database (self), list, NULL);
      g_autoptr(GStrvBuilder) others = g_strv_builder_new ();
      g_auto(GStrv) choices = NULL;

      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        if (!g_str_equal (names[i], name))
          g_strv_builder_add (others, names[i]);
      choices = g_strv_builder_end (others);
      heading = g_strdup_printf (_("Merge “%s” into another name"), name);
      dt_ask_choice (GTK_WIDGET (self), heading,
                     _("For a name typed twice in two ways: its records move to the name chosen, "
                       "then it is removed from the list."),
                     _("Merge _into"), (const char * const *) choices, _("_Merge"), TRUE,
                     merge_cb, list_action_new (self, list, name));
    }
  else if (g_str_equal (what, "retire") || g_str_equal (what, "restore"))
    {
      gboolean retire = g_str_equal (what, "retire");
      ListAction *action = list_action_new (self, list, name);
      gboolean ok = dt_list_set_retired (database (self), list, name, retire, &error);
      g_autofree char *done = g_strdup_printf (retire ? _("“%s” is no longer offered in the "
                                                          "forms; the records that name it keep "
                                                          "it.")
                                                      : _("“%s” is offered in the forms again."),
                                               name);

      list_done (action, ok, error, done);
      list_action_free (action);
    }
  else if (g_str_equal (what, "remove"))
    {
      heading = g_strdup_printf (_("Remove “%s” from the list?"), name);
      dt_ask (GTK_WIDGET (self), heading, _("No record names it."), _("_Cancel"), NULL,
              _("_Remove"), TRUE, remove_cb, list_action_new (self, list, name));
    }
}

static GtkWidget *
entry_button (DtSettingsWindow *self,
              DtList            list,
              const char       *name,
              const char       *what,
              const char       *label,
              const char       *accessible_format)
{
  GtkWidget *button = dt_button_new (label);
  g_autofree char *widget_name = g_strdup_printf ("%s-%s", what, name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, widget_name);
  g_object_set_data_full (G_OBJECT (button), "dt-what", g_strdup (what), g_free);
  g_object_set_data_full (G_OBJECT (button), "dt-name", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (button), "dt-list", GINT_TO_POINTER (list));
  g_signal_connect (button, "clicked", G_CALLBACK (entry_button_cb), self);
  (void) accessible_format;
  return button;
}

static void
fill_list (DtSettingsWindow *self,
           DtList            list)
{
  ListPage *page = &self->lists[list];
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (page->rows)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (page->rows), child);
  if (!(entries = dt_list_entries (database (self), list, &error)))
    {
      show_message (page->message, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      DtListEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = gtk_label_new (entry->name);
      g_autofree char *uses = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *detail;

      if (entry->uses == 0)
        uses = g_strdup (_("Not used by any record"));
      else
        uses = g_strdup_printf (ngettext ("Used by %u record", "Used by %u records", entry->uses),
                                entry->uses);
      if (entry->retired)
        {
          g_autofree char *retired = g_strdup_printf (_("%s · retired: no longer offered"), uses);

          g_free (uses);
          uses = g_steal_pointer (&retired);
          gtk_widget_add_css_class (name, "dim-label");
        }
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      detail = gtk_label_new (uses);
      gtk_label_set_xalign (GTK_LABEL (detail), 0);
      gtk_widget_add_css_class (detail, "caption");
      gtk_widget_add_css_class (detail, "dim-label");
      gtk_box_append (GTK_BOX (labels), name);
      gtk_box_append (GTK_BOX (labels), detail);
      gtk_widget_set_hexpand (labels, TRUE);
      gtk_box_append (GTK_BOX (box), labels);
      gtk_box_append (GTK_BOX (box), entry_button (self, list, entry->name, "rename",
                                                   _("Re_name…"), NULL));
      gtk_box_append (GTK_BOX (box), entry_button (self, list, entry->name, "merge",
                                                   _("_Merge…"), NULL));
      if (entry->retired)
        gtk_box_append (GTK_BOX (box), entry_button (self, list, entry->name, "restore",
                                                     _("Off_er Again"), NULL));
      else if (entry->uses > 0)
        gtk_box_append (GTK_BOX (box), entry_button (self, list, entry->name, "retire",
                                                     _("Re_tire"), NULL));
      if (entry->uses == 0)
        gtk_box_append (GTK_BOX (box), entry_button (self, list, entry->name, "remove",
                                                     _("_Remove…"), NULL));
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      accessible = g_strdup_printf ("%s, %s", entry->name, uses);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      gtk_list_box_append (GTK_LIST_BOX (page->rows), row);
    }
}

static void
add_name (DtSettingsWindow *self,
          DtList            list)
{
  ListPage *page = &self->lists[list];
  g_autofree char *name = dt_text_clean (gtk_editable_get_text (GTK_EDITABLE (page->entry)));
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (name == NULL)
    {
      show_message (page->message, _("Type the name to add."), TRUE);
      gtk_widget_grab_focus (page->entry);
      return;
    }
  /* A retired name typed again is offered again, not added twice. */
  entries = dt_list_entries (database (self), list, NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      DtListEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->name, name))
        {
          if (entry->retired)
            dt_list_set_retired (database (self), list, name, FALSE, NULL);
          done = g_strdup_printf (_("“%s” is already in the list."), name);
          show_message (page->message, done, FALSE);
          gtk_editable_set_text (GTK_EDITABLE (page->entry), "");
          fill_list (self, list);
          return;
        }
    }
  if (!dt_list_add (database (self), list, name, &error))
    {
      show_message (page->message, error->message, TRUE);
      return;
    }
  done = g_strdup_printf (_("“%s” was added."), name);
  show_message (page->message, done, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (page->entry), "");
  gtk_widget_grab_focus (page->entry);
  fill_list (self, list);
}

static void
add_clicked_cb (GtkWidget        *widget,
                DtSettingsWindow *self)
{
  add_name (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "dt-list")));
}

static GtkWidget *
build_list_page (DtSettingsWindow *self,
                 DtList            list)
{
  static const char * const names[] = { "villages", "agencies", "fields" };
  const char *texts[] = {
    [DT_LIST_VILLAGES] = N_("The villages and residential groups (thôn, tổ dân phố) of the "
                            "commune."),
    [DT_LIST_AGENCIES] = N_("The agencies and officials that opinions are assigned to."),
    [DT_LIST_FIELDS] = N_("The fields that opinions are sorted by in the reports."),
  };
  ListPage *page = &self->lists[list];
  GtkWidget *box, *line, *label, *add;
  GtkWidget *scroller = page_box (&box, dt_list_get_label (list), _(texts[list]));
  g_autofree char *entry_name = g_strdup_printf ("%s-new", names[list]);
  g_autofree char *add_name_text = g_strdup_printf ("%s-add", names[list]);
  g_autofree char *rows_name = g_strdup_printf ("%s-list", names[list]);

  page->list = list;
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new_with_mnemonic (_("New _name"));
  page->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (page->entry, TRUE);
  gtk_widget_set_name (page->entry, entry_name);
  dt_widget_set_label_widget (page->entry, label);
  g_object_set_data (G_OBJECT (page->entry), "dt-list", GINT_TO_POINTER (list));
  g_signal_connect (page->entry, "activate", G_CALLBACK (add_clicked_cb), self);
  add = dt_button_new (_("_Add"));
  gtk_widget_set_name (add, add_name_text);
  g_object_set_data (G_OBJECT (add), "dt-list", GINT_TO_POINTER (list));
  g_signal_connect (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (line), page->entry);
  gtk_box_append (GTK_BOX (line), add);
  gtk_box_append (GTK_BOX (box), line);

  page->message = message_label (NULL);
  gtk_box_append (GTK_BOX (box), page->message);
  page->rows = gtk_list_box_new ();
  gtk_widget_set_name (page->rows, rows_name);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (page->rows), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (page->rows, "boxed-list");
  gtk_box_append (GTK_BOX (box), page->rows);
  return scroller;
}

/* ------------------------------------------------------------------------------------------
 * The holiday calendar of a year
 * ------------------------------------------------------------------------------------------ */

static void
set_from_strv (GHashTable *set,
               char      **dates)
{
  g_hash_table_remove_all (set);
  for (guint i = 0; dates != NULL && dates[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (dates[i]));
}

static char **
strv_from_set (GHashTable *set)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (set, NULL);
  guint n = g_hash_table_size (set);

  qsort (keys, n, sizeof (char *), (GCompareFunc) dt_strcmp_p);
  return g_strdupv ((char **) keys);
}

static void
day_clicked_cb (DtSettingsWindow *self,
                const char       *iso)
{
  dt_settings_window_click_day (self, iso);
}

static void
show_year (DtSettingsWindow *self)
{
  g_autoptr(GPtrArray) years = dt_calendar_list (database (self), NULL);
  g_autofree char *title = g_strdup_printf ("%d", self->year);
  gboolean edited = FALSE;

  for (guint i = 0; years != NULL && i < years->len; i++)
    {
      DtCalendarYear *year = g_ptr_array_index (years, i);

      if (year->year == self->year)
        {
          edited = TRUE;
          set_from_strv (self->holidays, year->holidays);
          set_from_strv (self->workdays, year->workdays);
        }
    }
  if (!edited)
    {
      g_auto(GStrv) defaults = dt_calendar_default_holidays (self->year, NULL);

      set_from_strv (self->holidays, defaults);
      g_hash_table_remove_all (self->workdays);
    }
  gtk_label_set_label (GTK_LABEL (self->year_label), title);
  gtk_label_set_label (GTK_LABEL (self->year_state),
                       edited ? _("This year’s calendar was set by hand.")
                              : _("This year follows the Labor Code’s holidays (Art. 112). Click "
                                  "a day to change it."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.reset-year", edited);

  /* The months are built again only for another year: a click keeps the focus where it is. */
  for (int m = 0; m < 12; m++)
    {
      if (self->grid_year != self->year)
        {
          if (self->months[m] != NULL)
            gtk_flow_box_remove (GTK_FLOW_BOX (self->months_box),
                                 gtk_widget_get_parent (self->months[m]));
          self->months[m] = dt_holiday_grid_new (self->year, m + 1);
          g_signal_connect_swapped (self->months[m], "day-clicked",
                                    G_CALLBACK (day_clicked_cb), self);
          gtk_flow_box_append (GTK_FLOW_BOX (self->months_box), self->months[m]);
        }
      dt_holiday_grid_set_days (DT_HOLIDAY_GRID (self->months[m]), self->holidays,
                                self->workdays);
    }
  self->grid_year = self->year;
}

static void
year_step (DtSettingsWindow *self,
           int               step)
{
  if (self->year + step < DT_YEAR_MIN || self->year + step > DT_YEAR_MAX)
    return;
  self->year += step;
  show_year (self);
}

static void
previous_year_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  year_step (DT_SETTINGS_WINDOW (widget), -1);
}

static void
next_year_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  year_step (DT_SETTINGS_WINDOW (widget), 1);
}

static void
reset_answer_cb (int      response,
                 gpointer user_data)
{
  g_autoptr(DtSettingsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  if (!dt_calendar_reset (database (self), self->year, &error))
    dt_show_message (GTK_WIDGET (self), _("The calendar was not changed"), error->message);
  show_year (self);
}

static void
reset_year_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DtSettingsWindow *self = DT_SETTINGS_WINDOW (widget);
  g_autofree char *heading = g_strdup_printf (_("Reset %d to the default holidays?"), self->year);

  dt_ask (widget, heading, _("The days set by hand for this year are forgotten; the Labor "
                             "Code’s holidays apply again. Deadlines are worked out again."),
          _("_Cancel"), NULL, _("_Reset"), TRUE, reset_answer_cb, g_object_ref (self));
}

gboolean
dt_settings_window_click_day (DtSettingsWindow *self,
                              const char       *iso)
{
  g_autoptr(DtCalendarYear) calendar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_strdup (iso);
  GDate date;

  g_return_val_if_fail (DT_IS_SETTINGS_WINDOW (self), FALSE);

  if (!dt_date_parse (iso, &date) || (int) g_date_get_year (&date) != self->year)
    return FALSE;
  /* A weekday: working day ↔ holiday. A weekend day: off ↔ make-up working day. */
  if (g_date_get_weekday (&date) >= G_DATE_SATURDAY)
    {
      if (!g_hash_table_remove (self->workdays, key))
        g_hash_table_add (self->workdays, g_strdup (key));
      g_hash_table_remove (self->holidays, key);
    }
  else
    {
      if (!g_hash_table_remove (self->holidays, key))
        g_hash_table_add (self->holidays, g_strdup (key));
      g_hash_table_remove (self->workdays, key);
    }

  calendar = dt_calendar_year_new (self->year);
  g_strfreev (calendar->holidays);
  calendar->holidays = strv_from_set (self->holidays);
  g_strfreev (calendar->workdays);
  calendar->workdays = strv_from_set (self->workdays);
  if (!dt_calendar_save (database (self), calendar, &error))
    dt_show_message (GTK_WIDGET (self), _("The calendar was not changed"), error->message);
  show_year (self);
  return error == NULL;
}

static GtkWidget *
build_holidays_page (DtSettingsWindow *self)
{
  GtkWidget *box, *bar, *previous, *next, *reset, *legend;
  GtkWidget *page = page_box (&box, _("Holidays"),
                              _("Days off and make-up working days of a year. Deadlines in "
                                "working days skip the days off. When the government announces "
                                "Tết and the swapped days, click each day to change it."));
  const struct { const char *css; const char *text; } keys[] = {
    { "dt-holiday", N_("Holiday") }, { "dt-workday", N_("Make-up working day") },
    { "dt-weekend", N_("Weekend") },
  };

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  previous = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (previous), "settings.previous-year");
  dt_widget_set_tooltip (previous, _("Previous year"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (previous), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Previous year"), -1);
  next = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (next), "settings.next-year");
  dt_widget_set_tooltip (next, _("Next year"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (next), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Next year"), -1);
  self->year_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->year_label, "holidays-year");
  gtk_widget_add_css_class (self->year_label, "title-3");
  reset = dt_button_new (_("_Reset Year to Defaults…"));
  gtk_widget_set_name (reset, "holidays-reset");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset), "settings.reset-year");
  gtk_widget_set_hexpand (reset, TRUE);
  gtk_widget_set_halign (reset, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (bar), previous);
  gtk_box_append (GTK_BOX (bar), self->year_label);
  gtk_box_append (GTK_BOX (bar), next);
  gtk_box_append (GTK_BOX (bar), reset);
  gtk_box_append (GTK_BOX (box), bar);

  self->year_state = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->year_state), 0);
  gtk_label_set_wrap (GTK_LABEL (self->year_state), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->year_state), 60);
  gtk_widget_set_name (self->year_state, "holidays-state");
  gtk_box_append (GTK_BOX (box), self->year_state);

  legend = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_label_new ("15");
      GtkWidget *text = gtk_label_new (_(keys[i].text));

      gtk_widget_add_css_class (swatch, "dt-day");
      gtk_widget_add_css_class (swatch, "dt-swatch");
      gtk_widget_add_css_class (swatch, keys[i].css);
      gtk_accessible_update_property (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(keys[i].text), -1);
      gtk_box_append (GTK_BOX (item), swatch);
      gtk_box_append (GTK_BOX (item), text);
      gtk_box_append (GTK_BOX (legend), item);
    }
  gtk_box_append (GTK_BOX (box), legend);

  self->months_box = gtk_flow_box_new ();
  gtk_widget_set_name (self->months_box, "holidays-months");
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->months_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->months_box), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->months_box), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->months_box), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->months_box), 18);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->months_box), 18);
  gtk_box_append (GTK_BOX (box), self->months_box);
  return page;
}

/* ------------------------------------------------------------------------------------------
 * This computer: what is kept in the computer's settings, not in the database
 * ------------------------------------------------------------------------------------------ */

static gboolean
renderer_to_active (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_boolean (value, g_strcmp0 (g_variant_get_string (variant, NULL), "cairo") == 0);
  return TRUE;
}

static GVariant *
active_to_renderer (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  return g_variant_new_string (g_value_get_boolean (value) ? "cairo" : "default");
}

static GtkWidget *
build_computer_page (DtSettingsWindow *self)
{
  GtkWidget *box;
  GtkWidget *page = page_box (&box, _("This Computer"),
                              _("Kept on this computer, not in the database."));
  GtkWidget *check = gtk_check_button_new_with_mnemonic (
    _("Draw the window _without the graphics card"));
  GtkWidget *note = gtk_label_new (
    _("For older computers whose graphics drivers show the window black, garbled or "
      "flickering. Drawing is slower. Used from the next start of DoiThoai."));
  GSettings *settings = dt_context_get_settings (self->context);
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_set_name (check, "computer-renderer");
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 60);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_set_margin_start (note, 28);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, note, NULL, -1);
  if (settings != NULL)
    g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema != NULL && g_settings_schema_has_key (schema, "renderer"))
    g_settings_bind_with_mapping (settings, "renderer", check, "active",
                                  G_SETTINGS_BIND_DEFAULT, renderer_to_active,
                                  active_to_renderer, NULL, NULL);
  else
    gtk_widget_set_sensitive (check, FALSE);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), note);
  if (g_getenv ("DOITHOAI_RENDERER") != NULL && *g_getenv ("DOITHOAI_RENDERER") != '\0')
    {
      g_autofree char *text = g_strdup_printf (
        /* TRANSLATORS: %s is the value of the environment variable, e.g. “cairo”. */
        _("DOITHOAI_RENDERER=%s is set on this computer: it decides how the window is drawn, "
          "whatever this setting says."), g_getenv ("DOITHOAI_RENDERER"));
      GtkWidget *overridden = gtk_label_new (text);

      gtk_widget_set_name (overridden, "computer-renderer-overridden");
      gtk_label_set_xalign (GTK_LABEL (overridden), 0);
      gtk_label_set_wrap (GTK_LABEL (overridden), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (overridden), 60);
      gtk_box_append (GTK_BOX (box), overridden);
    }
  return page;
}

/* ------------------------------------------------------------------------------------------ */

static void
dt_settings_window_dispose (GObject *object)
{
  DtSettingsWindow *self = (DtSettingsWindow *) object;

  g_clear_object (&self->unit_form);
  g_clear_object (&self->rules_form);
  g_clear_object (&self->margins_form);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (dt_settings_window_parent_class)->dispose (object);
}

static void
dt_settings_window_finalize (GObject *object)
{
  DtSettingsWindow *self = (DtSettingsWindow *) object;

  g_hash_table_unref (self->holidays);
  g_hash_table_unref (self->workdays);

  G_OBJECT_CLASS (dt_settings_window_parent_class)->finalize (object);
}

static void
dt_settings_window_class_init (DtSettingsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_settings_window_dispose;
  object_class->finalize = dt_settings_window_finalize;

  gtk_widget_class_install_action (widget_class, "settings.save-unit", NULL, save_unit_action);
  gtk_widget_class_install_action (widget_class, "settings.save-rules", NULL,
                                   save_rules_action);
  gtk_widget_class_install_action (widget_class, "settings.save-margins", NULL,
                                   save_margins_action);
  gtk_widget_class_install_action (widget_class, "settings.previous-year", NULL,
                                   previous_year_action);
  gtk_widget_class_install_action (widget_class, "settings.next-year", NULL, next_year_action);
  gtk_widget_class_install_action (widget_class, "settings.reset-year", NULL,
                                   reset_year_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dt_settings_window_init (DtSettingsWindow *self)
{
  self->holidays = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->workdays = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GtkWindow *
dt_settings_window_new (GtkWindow *parent,
                        DtContext *context)
{
  DtSettingsWindow *self;
  GtkWidget *box, *sidebar, *header;
  GDate today;

  g_return_val_if_fail (DT_IS_CONTEXT (context), NULL);

  self = g_object_new (DT_TYPE_SETTINGS_WINDOW,
                       "title", _("Settings"),
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       "default-width", 980,
                       "default-height", 640,
                       NULL);
  self->context = g_object_ref (context);
  dt_context_get_today (context, &today);
  self->year = g_date_get_year (&today);

  header = gtk_header_bar_new ();
  gtk_window_set_titlebar (GTK_WINDOW (self), header);

  self->stack = gtk_stack_new ();
  gtk_widget_set_hexpand (self->stack, TRUE);
  gtk_stack_add_titled (GTK_STACK (self->stack), build_unit_page (self), "unit", _("Unit"));
  gtk_stack_add_titled (GTK_STACK (self->stack), build_list_page (self, DT_LIST_VILLAGES),
                        "villages", dt_list_get_label (DT_LIST_VILLAGES));
  gtk_stack_add_titled (GTK_STACK (self->stack), build_list_page (self, DT_LIST_AGENCIES),
                        "agencies", dt_list_get_label (DT_LIST_AGENCIES));
  gtk_stack_add_titled (GTK_STACK (self->stack), build_list_page (self, DT_LIST_FIELDS),
                        "fields", dt_list_get_label (DT_LIST_FIELDS));
  gtk_stack_add_titled (GTK_STACK (self->stack), build_holidays_page (self), "holidays",
                        _("Holidays"));
  gtk_stack_add_titled (GTK_STACK (self->stack), build_rules_page (self), "rules", _("Rules"));
  gtk_stack_add_titled (GTK_STACK (self->stack), build_margins_page (self), "margins",
                        _("Margins"));
  gtk_stack_add_titled (GTK_STACK (self->stack), build_computer_page (self), "computer",
                        _("This Computer"));

  sidebar = gtk_stack_sidebar_new ();
  gtk_stack_sidebar_set_stack (GTK_STACK_SIDEBAR (sidebar), GTK_STACK (self->stack));
  gtk_widget_set_size_request (sidebar, 180, -1);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (box), sidebar);
  gtk_box_append (GTK_BOX (box), self->stack);
  gtk_window_set_child (GTK_WINDOW (self), box);

  load_unit (self);
  for (guint l = 0; l < G_N_ELEMENTS (self->lists); l++)
    fill_list (self, (DtList) l);
  show_year (self);
  return GTK_WINDOW (self);
}

void
dt_settings_window_show_page (DtSettingsWindow *self,
                              const char       *name)
{
  g_return_if_fail (DT_IS_SETTINGS_WINDOW (self));

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), name);
}

void
dt_settings_window_show_year (DtSettingsWindow *self,
                              int               year)
{
  g_return_if_fail (DT_IS_SETTINGS_WINDOW (self));
  g_return_if_fail (year >= DT_YEAR_MIN && year <= DT_YEAR_MAX);

  self->year = year;
  show_year (self);
}
