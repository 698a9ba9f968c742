/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-draft.h"
#include "dt-error.h"
#include "dt-form.h"
#include "dt-gui-util.h"
#include "dt-util.h"

typedef struct
{
  char              *key;
  DtFieldKind        kind;
  gboolean           custom;
  gboolean           area;
  const DtFieldInfo *info;
  GtkWidget         *label;
  GtkWidget         *widget;
  GtkWidget         *focus;
  GtkWidget         *problem;
  GtkStringList     *items;          /* drop-downs: what they show */
  GPtrArray         *values;         /* drop-downs: the value of each item */
} Field;

struct _DtForm
{
  GObject       parent_instance;

  DtRecordKind  kind;
  char         *prefix;         /* of the widgets' names, for tests: "plan-number" */
  GtkGrid      *grid;
  GPtrArray    *fields;
  int           row;
  guint         loading;
  guint         dirty : 1;

  DtDatabase   *draft_database;
  char         *draft_key;
  char         *draft_record;
  guint         draft_id;
};

#define DRAFT_DELAY_MS 700

G_DEFINE_FINAL_TYPE (DtForm, dt_form, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_free (Field *field)
{
  g_free (field->key);
  g_clear_object (&field->items);
  g_clear_pointer (&field->values, g_ptr_array_unref);
  g_free (field);
}

static Field *
find_field (DtForm     *self,
            const char *key)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->key, key))
        return field;
    }
  return NULL;
}

/* The field that holds a problem's key: "minutes.end" → "end", "reports_due[1]" and
 * "planned_sessions[0].month" → the list. */
static Field *
find_field_for_problem (DtForm     *self,
                        const char *key)
{
  g_autofree char *base = NULL;
  Field *field;
  char *bracket;

  if (key == NULL)
    return NULL;
  if ((field = find_field (self, key)))
    return field;
  if (g_str_has_prefix (key, "minutes.") && (field = find_field (self, key + strlen ("minutes."))))
    return field;
  base = g_strdup (key);
  if ((bracket = strchr (base, '[')) != NULL)
    *bracket = '\0';
  return find_field (self, base);
}

static gboolean
save_draft_cb (gpointer user_data)
{
  DtForm *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDraft) draft = NULL;

  self->draft_id = 0;
  if (self->draft_database == NULL)
    return G_SOURCE_REMOVE;
  draft = dt_draft_new (self->draft_key, self->draft_record);
  dt_form_save_draft (self, draft);
  if (!dt_draft_save (self->draft_database, draft, &error))
    g_warning ("Cannot keep the draft %s: %s", self->draft_key, error->message);
  return G_SOURCE_REMOVE;
}

static void
mark_changed (DtForm *self)
{
  if (self->loading > 0)
    return;
  self->dirty = TRUE;
  if (self->draft_database != NULL)
    {
      g_clear_handle_id (&self->draft_id, g_source_remove);
      self->draft_id = g_timeout_add (DRAFT_DELAY_MS, save_draft_cb, self);
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
editable_changed_cb (GtkEditable *editable,
                     DtForm      *self)
{
  mark_changed (self);
}

static void
buffer_changed_cb (GtkTextBuffer *buffer,
                   DtForm        *self)
{
  mark_changed (self);
}

static void
notify_changed_cb (GObject    *object,
                   GParamSpec *pspec,
                   DtForm     *self)
{
  mark_changed (self);
}

static GtkWidget *
new_drop_down (Field *field)
{
  GtkExpression *expression;
  GtkWidget *drop_down;

  field->items = gtk_string_list_new (NULL);
  field->values = g_ptr_array_new_with_free_func (g_free);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (field->items)), expression);
  return drop_down;
}

static void
drop_down_append (Field      *field,
                  const char *shown,
                  const char *value)
{
  gtk_string_list_append (field->items, shown);
  g_ptr_array_add (field->values, g_strdup (value));
}

static void
attach (DtForm *self,
        Field  *field)
{
  GtkWidget *label = field->label;

  gtk_widget_add_css_class (label, "dt-form-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_valign (label, field->area ? GTK_ALIGN_START : GTK_ALIGN_CENTER);
  if (field->area)
    gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_hexpand (field->widget, TRUE);

  field->problem = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (field->problem), 0);
  gtk_label_set_wrap (GTK_LABEL (field->problem), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (field->problem), 60);
  gtk_widget_add_css_class (field->problem, "dt-problem");
  gtk_widget_add_css_class (field->problem, "caption");
  gtk_widget_set_visible (field->problem, FALSE);

  gtk_grid_attach (self->grid, label, 0, self->row, 1, 1);
  gtk_grid_attach (self->grid, field->widget, 1, self->row, 1, 1);
  gtk_grid_attach (self->grid, field->problem, 1, self->row + 1, 1, 1);
  self->row += 2;

  /* The form's own fields are named by the form. */
  if (self->prefix != NULL && !field->custom)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s", self->prefix, field->key);

      g_strdelimit (name, "_.", '-');
      gtk_widget_set_name (field->focus, name);
    }
  /* A field of the form's own is a group the label names; its controls keep their names. */
  dt_widget_set_label_widget (field->custom ? field->widget : field->focus, label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field->focus),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, field->problem, NULL, -1);
  g_ptr_array_add (self->fields, field);
}

static void
dt_form_finalize (GObject *object)
{
  DtForm *self = (DtForm *) object;

  dt_form_flush_draft (self);
  g_clear_object (&self->draft_database);
  g_clear_pointer (&self->draft_key, g_free);
  g_clear_pointer (&self->draft_record, g_free);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->prefix, g_free);
  g_clear_object (&self->grid);

  G_OBJECT_CLASS (dt_form_parent_class)->finalize (object);
}

static void
dt_form_class_init (DtFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dt_form_finalize;

  /* The person changed a field (not the program filling it). */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
dt_form_init (DtForm *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
}

DtForm *
dt_form_new (DtRecordKind  kind,
             GtkGrid      *grid)
{
  static const char * const prefixes[] = {
    [DT_RECORD_UNIT] = "unit", [DT_RECORD_RULES] = "rules", [DT_RECORD_PLAN] = "plan",
    [DT_RECORD_PLANNED_SESSION] = "planned", [DT_RECORD_SESSION] = "session",
    [DT_RECORD_PETITION] = "petition", [DT_RECORD_EVENT] = "event",
  };
  DtForm *self;

  g_return_val_if_fail (GTK_IS_GRID (grid), NULL);

  self = g_object_new (DT_TYPE_FORM, NULL);
  self->kind = kind;
  if ((guint) kind < G_N_ELEMENTS (prefixes))
    self->prefix = g_strdup (prefixes[kind]);
  self->grid = g_object_ref (grid);
  gtk_grid_set_row_spacing (grid, 2);
  gtk_grid_set_column_spacing (grid, 12);
  return self;
}

GtkWidget *
dt_form_add (DtForm     *self,
             const char *key)
{
  const DtFieldInfo *info;
  Field *field;

  g_return_val_if_fail (DT_IS_FORM (self), NULL);

  info = dt_record_find_field (self->kind, key);
  g_return_val_if_fail (info != NULL, NULL);

  field = g_new0 (Field, 1);
  field->key = g_strdup (key);
  field->info = info;
  field->kind = dt_field_info_get_kind (info);
  field->label = gtk_label_new (dt_field_info_get_label (info));

  switch (field->kind)
    {
    case DT_FIELD_KIND_FLAG:
      field->widget = gtk_check_button_new ();
      g_signal_connect (field->widget, "notify::active", G_CALLBACK (notify_changed_cb), self);
      break;

    case DT_FIELD_KIND_CHOICE:
    case DT_FIELD_KIND_NAME:
    case DT_FIELD_KIND_REFERENCE:
      field->widget = new_drop_down (field);
      if (field->kind == DT_FIELD_KIND_CHOICE)
        {
          if (!dt_field_info_is_required (info))
            drop_down_append (field, "—", NULL);
          for (guint i = 0; i < dt_field_info_get_n_values (info); i++)
            {
              const char *value = dt_field_info_get_value (info, i);

              drop_down_append (field, dt_field_info_get_value_label (info, value), value);
            }
        }
      else
        {
          drop_down_append (field, "—", NULL);
          gtk_drop_down_set_enable_search (GTK_DROP_DOWN (field->widget), TRUE);
        }
      g_signal_connect (field->widget, "notify::selected", G_CALLBACK (notify_changed_cb), self);
      break;

    case DT_FIELD_KIND_TEXT:
    case DT_FIELD_KIND_LINE:
    case DT_FIELD_KIND_DATE:
    case DT_FIELD_KIND_TIME:
    case DT_FIELD_KIND_NUMBER:
    case DT_FIELD_KIND_TEXTS:
    case DT_FIELD_KIND_DATES:
    case DT_FIELD_KIND_RECORDS:
    default:
      field->widget = gtk_entry_new ();
      if (field->kind == DT_FIELD_KIND_DATE)
        {
          dt_entry_take_dates (GTK_ENTRY (field->widget));
          gtk_widget_set_halign (field->widget, GTK_ALIGN_START);
        }
      else if (field->kind == DT_FIELD_KIND_TIME)
        {
          gtk_entry_set_placeholder_text (GTK_ENTRY (field->widget), "08:00");
          gtk_editable_set_width_chars (GTK_EDITABLE (field->widget), 7);
          gtk_widget_set_halign (field->widget, GTK_ALIGN_START);
        }
      else if (field->kind == DT_FIELD_KIND_NUMBER)
        {
          gtk_entry_set_input_purpose (GTK_ENTRY (field->widget), GTK_INPUT_PURPOSE_DIGITS);
          gtk_editable_set_width_chars (GTK_EDITABLE (field->widget), 8);
          gtk_widget_set_halign (field->widget, GTK_ALIGN_START);
        }
      g_signal_connect (field->widget, "changed", G_CALLBACK (editable_changed_cb), self);
      break;
    }
  field->focus = field->widget;
  attach (self, field);
  /* Short fields keep their own width. */
  if (gtk_widget_get_halign (field->widget) == GTK_ALIGN_START)
    gtk_widget_set_hexpand (field->widget, FALSE);
  return field->widget;
}

GtkWidget *
dt_form_add_text_area (DtForm     *self,
                       const char *key,
                       int         lines)
{
  const DtFieldInfo *info;
  GtkWidget *scroller;
  GtkWidget *view;
  Field *field;

  g_return_val_if_fail (DT_IS_FORM (self), NULL);

  info = dt_record_find_field (self->kind, key);
  g_return_val_if_fail (info != NULL, NULL);

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                    G_CALLBACK (buffer_changed_cb), self);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 22 * lines + 12);
  gtk_widget_add_css_class (scroller, "dt-text-area");

  field = g_new0 (Field, 1);
  field->key = g_strdup (key);
  field->info = info;
  field->kind = DT_FIELD_KIND_TEXT;
  field->area = TRUE;
  field->label = gtk_label_new (dt_field_info_get_label (info));
  field->widget = scroller;
  field->focus = view;
  attach (self, field);
  return view;
}

void
dt_form_add_custom (DtForm     *self,
                    const char *key,
                    const char *label,
                    GtkWidget  *widget,
                    GtkWidget  *focus)
{
  Field *field;

  g_return_if_fail (DT_IS_FORM (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  field = g_new0 (Field, 1);
  field->key = g_strdup (key);
  field->custom = TRUE;
  field->area = TRUE;
  field->label = gtk_label_new (label);
  field->widget = widget;
  field->focus = focus != NULL ? focus : widget;
  attach (self, field);
}

void
dt_form_add_heading (DtForm     *self,
                     const char *text)
{
  GtkWidget *heading;

  g_return_if_fail (DT_IS_FORM (self));

  heading = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, self->row > 0 ? 18 : 0);
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  gtk_grid_attach (self->grid, heading, 0, self->row++, 2, 1);
}

GtkWidget *
dt_form_get_widget (DtForm     *self,
                    const char *key)
{
  Field *field;

  g_return_val_if_fail (DT_IS_FORM (self), NULL);

  field = find_field (self, key);
  return field != NULL ? field->focus : NULL;
}

GtkWidget *
dt_form_get_label (DtForm     *self,
                   const char *key)
{
  Field *field;

  g_return_val_if_fail (DT_IS_FORM (self), NULL);

  field = find_field (self, key);
  return field != NULL ? field->label : NULL;
}

static guint
drop_down_find (Field      *field,
                const char *value)
{
  for (guint i = 0; i < field->values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (field->values, i), value) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

void
dt_form_set_names (DtForm             *self,
                   const char         *key,
                   const char * const *names)
{
  g_autofree char *current = NULL;
  Field *field;
  guint n;

  g_return_if_fail (DT_IS_FORM (self));

  field = find_field (self, key);
  g_return_if_fail (field != NULL && field->items != NULL);

  self->loading++;
  current = dt_form_get_value (self, key, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (field->items));
  gtk_string_list_splice (field->items, 0, n, NULL);
  g_ptr_array_set_size (field->values, 0);
  drop_down_append (field, "—", NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    drop_down_append (field, names[i], names[i]);
  self->loading--;
  dt_form_set_value (self, key, current);
}

void
dt_form_set_value (DtForm     *self,
                   const char *key,
                   const char *value)
{
  Field *field;

  g_return_if_fail (DT_IS_FORM (self));

  field = find_field (self, key);
  g_return_if_fail (field != NULL && !field->custom);

  self->loading++;
  if (field->area)
    dt_text_view_set_text (GTK_TEXT_VIEW (field->focus), value);
  else if (field->kind == DT_FIELD_KIND_FLAG)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (field->widget), g_strcmp0 (value, "1") == 0);
  else if (field->items != NULL)
    {
      guint position = drop_down_find (field, value);

      /* A name no longer offered (retired) that the record still holds stays shown. */
      if (position == GTK_INVALID_LIST_POSITION && value != NULL)
        {
          drop_down_append (field, value, value);
          position = field->values->len - 1;
        }
      if (position == GTK_INVALID_LIST_POSITION)
        position = 0;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (field->widget), position);
    }
  else if (field->kind == DT_FIELD_KIND_DATE && value != NULL && dt_date_is_valid (value))
    {
      g_autofree char *shown = dt_date_to_display (value);

      gtk_editable_set_text (GTK_EDITABLE (field->widget), shown);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (field->widget), value != NULL ? value : "");
  self->loading--;
}

void
dt_form_set_int (DtForm     *self,
                 const char *key,
                 int         value)
{
  g_autofree char *text = value != DT_NO_INT ? g_strdup_printf ("%d", value) : NULL;

  dt_form_set_value (self, key, text);
}

static void
set_field_error (GError     **error,
                 DtForm      *self,
                 Field       *field,
                 const char  *hint)
{
  const char *label = gtk_label_get_text (GTK_LABEL (field->label));
  g_autofree char *full = g_strdup_printf ("%s: %s", label, hint);

  g_set_error_literal (error, DT_ERROR, DT_ERROR_INVALID, full);
  if (error != NULL)
    dt_error_set_field (*error, NULL, field->key, full);
}

char *
dt_form_get_value (DtForm      *self,
                   const char  *key,
                   GError     **error)
{
  Field *field;
  const char *text;

  g_return_val_if_fail (DT_IS_FORM (self), NULL);

  field = find_field (self, key);
  g_return_val_if_fail (field != NULL && !field->custom, NULL);

  if (field->area)
    return dt_text_view_dup_text (GTK_TEXT_VIEW (field->focus));
  if (field->kind == DT_FIELD_KIND_FLAG)
    return g_strdup (gtk_check_button_get_active (GTK_CHECK_BUTTON (field->widget)) ? "1" : "0");
  if (field->items != NULL)
    {
      guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (field->widget));

      if (position >= field->values->len)
        return NULL;
      return g_strdup (g_ptr_array_index (field->values, position));
    }

  text = gtk_editable_get_text (GTK_EDITABLE (field->widget));
  if (field->kind == DT_FIELD_KIND_DATE)
    {
      g_autofree char *clean = dt_text_clean (text);
      g_autoptr(GError) local_error = NULL;
      char *iso;

      if (clean == NULL)
        return NULL;
      if (!(iso = dt_date_parse_typed_iso (clean, &local_error)))
        set_field_error (error, self, field, local_error->message);
      return iso;
    }
  if (field->kind == DT_FIELD_KIND_TIME)
    {
      g_autofree char *clean = dt_text_clean (text);

      if (clean == NULL)
        return NULL;
      /* 8:00 and 8h00 are how people write it; the record wants 08:00. */
      if (strlen (clean) == 4 && clean[1] == ':')
        {
          char *padded = g_strconcat ("0", clean, NULL);

          g_free (clean);
          clean = padded;
        }
      g_strdelimit (clean, "hH.", ':');
      if (!dt_time_is_valid (clean))
        {
          set_field_error (error, self, field,
                           _("type the time as hours:minutes, for example 07:30."));
          return NULL;
        }
      return g_steal_pointer (&clean);
    }
  return dt_text_clean (text);
}

int
dt_form_get_int (DtForm      *self,
                 const char  *key,
                 GError     **error)
{
  g_autofree char *text = dt_form_get_value (self, key, NULL);
  gint64 value;

  if (text == NULL)
    return DT_NO_INT;
  if (!g_ascii_string_to_signed (text, 10, G_MININT + 1, G_MAXINT, &value, NULL))
    {
      set_field_error (error, self, find_field (self, key), _("type a whole number."));
      return DT_NO_INT;
    }
  return (int) value;
}

char *
dt_form_show_problems (DtForm    *self,
                       GPtrArray *problems)
{
  g_autoptr(GString) rest = g_string_new (NULL);
  GtkWidget *first = NULL;

  g_return_val_if_fail (DT_IS_FORM (self), NULL);

  dt_form_clear_problems (self);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const GError *problem = g_ptr_array_index (problems, i);
      Field *field = find_field_for_problem (self, dt_error_get_field (problem));

      if (field == NULL)
        {
          g_string_append_printf (rest, "%s%s", rest->len > 0 ? "\n" : "", problem->message);
          continue;
        }
      /* One problem a field: the first is what to mend first. */
      if (gtk_widget_get_visible (field->problem))
        continue;
      gtk_label_set_label (GTK_LABEL (field->problem), dt_error_get_hint (problem));
      gtk_widget_set_visible (field->problem, TRUE);
      gtk_widget_add_css_class (field->widget, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->focus), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      if (first == NULL)
        first = field->focus;
    }
  if (first != NULL)
    gtk_widget_grab_focus (first);
  return rest->len > 0 ? g_strdup (rest->str) : NULL;
}

gboolean
dt_form_holds (DtForm     *self,
               const char *key)
{
  g_return_val_if_fail (DT_IS_FORM (self), FALSE);

  return find_field_for_problem (self, key) != NULL;
}

void
dt_form_clear_problems (DtForm *self)
{
  g_return_if_fail (DT_IS_FORM (self));

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      gtk_widget_set_visible (field->problem, FALSE);
      gtk_widget_remove_css_class (field->widget, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field->focus), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

gboolean
dt_form_is_dirty (DtForm *self)
{
  g_return_val_if_fail (DT_IS_FORM (self), FALSE);

  return self->dirty;
}

void
dt_form_set_clean (DtForm *self)
{
  g_return_if_fail (DT_IS_FORM (self));

  self->dirty = FALSE;
}

void
dt_form_set_sensitive (DtForm   *self,
                       gboolean  sensitive)
{
  g_return_if_fail (DT_IS_FORM (self));

  for (guint i = 0; i < self->fields->len; i++)
    gtk_widget_set_sensitive (((Field *) g_ptr_array_index (self->fields, i))->widget, sensitive);
}

void
dt_form_save_draft (DtForm  *self,
                    DtDraft *draft)
{
  g_return_if_fail (DT_IS_FORM (self));
  g_return_if_fail (draft != NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autofree char *text = NULL;

      if (field->custom)
        continue;
      if (field->area || field->items != NULL || field->kind == DT_FIELD_KIND_FLAG)
        text = dt_form_get_value (self, field->key, NULL);
      else
        /* As typed, even a date that cannot be read yet. */
        text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget)));
      dt_draft_set (draft, field->key, text);
    }
}

void
dt_form_load_draft (DtForm        *self,
                    const DtDraft *draft)
{
  g_return_if_fail (DT_IS_FORM (self));
  g_return_if_fail (draft != NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      const char *text;

      if (field->custom)
        continue;
      text = dt_draft_get (draft, field->key);
      if (!field->area && field->items == NULL && field->kind != DT_FIELD_KIND_FLAG)
        {
          self->loading++;
          gtk_editable_set_text (GTK_EDITABLE (field->widget), text != NULL ? text : "");
          self->loading--;
        }
      else
        dt_form_set_value (self, field->key, text);
    }
}

void
dt_form_keep_drafts (DtForm     *self,
                     DtDatabase *database,
                     const char *key,
                     const char *record)
{
  g_return_if_fail (DT_IS_FORM (self));

  g_clear_handle_id (&self->draft_id, g_source_remove);
  g_set_object (&self->draft_database, database);
  g_free (self->draft_key);
  self->draft_key = g_strdup (key);
  g_free (self->draft_record);
  self->draft_record = g_strdup (record);
}

gboolean
dt_form_restore_draft (DtForm  *self,
                       char   **saved)
{
  g_autoptr(DtDraft) draft = NULL;

  g_return_val_if_fail (DT_IS_FORM (self), FALSE);

  if (self->draft_database == NULL)
    return FALSE;
  draft = dt_draft_load (self->draft_database, self->draft_key, NULL);
  if (draft == NULL)
    return FALSE;
  dt_form_load_draft (self, draft);
  self->dirty = TRUE;
  if (saved != NULL)
    *saved = dt_format_saved (dt_draft_get_saved (draft));
  return TRUE;
}

void
dt_form_flush_draft (DtForm *self)
{
  g_return_if_fail (DT_IS_FORM (self));

  if (self->draft_id != 0)
    {
      g_clear_handle_id (&self->draft_id, g_source_remove);
      save_draft_cb (self);
    }
}

void
dt_form_drop_draft (DtForm *self)
{
  g_return_if_fail (DT_IS_FORM (self));

  g_clear_handle_id (&self->draft_id, g_source_remove);
  if (self->draft_database != NULL)
    dt_draft_discard (self->draft_database, self->draft_key, NULL);
}

GtkWidget *
dt_draft_bar_new (const char  *action,
                  const char  *name,
                  GtkWidget  **label)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_label_new (NULL);
  GtkWidget *discard = dt_button_new (_("_Discard Changes"));

  g_return_val_if_fail (action != NULL && label != NULL, NULL);

  gtk_widget_add_css_class (bar, "dt-draft-bar");
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 60);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (discard), action);
  if (name != NULL)
    gtk_widget_set_name (discard, name);
  gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (bar), text);
  gtk_box_append (GTK_BOX (bar), discard);
  gtk_widget_set_visible (bar, FALSE);
  *label = text;
  return bar;
}
