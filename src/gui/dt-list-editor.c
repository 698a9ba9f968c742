/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-list-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-error.h"
#include "dt-form.h"
#include "dt-gui-util.h"
#include "dt-list-editor.h"
#include "dt-util.h"

struct _DtListEditor
{
  GtkWidget  parent_instance;

  char      *item_name;
  gboolean   dates;
  GtkWidget *box;
  GtkWidget *lines;
  GtkWidget *add_button;
};

G_DEFINE_FINAL_TYPE (DtListEditor, dt_list_editor, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
renumber (DtListEditor *self)
{
  guint n = 0;

  for (GtkWidget *line = gtk_widget_get_first_child (self->lines);
       line != NULL;
       line = gtk_widget_get_next_sibling (line))
    {
      GtkWidget *entry = gtk_widget_get_first_child (line);
      GtkWidget *remove = gtk_widget_get_next_sibling (entry);
      g_autofree char *name = g_strdup_printf ("%s %u", self->item_name, ++n);
      /* Translators: the accessible name of the button removing a line: "Remove Legal basis 2". */
      g_autofree char *remove_name = g_strdup_printf (_("Remove %s"), name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_name, -1);
      dt_widget_set_tooltip (remove, remove_name);
    }
}

static void
entry_changed_cb (GtkEditable  *editable,
                  DtListEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
remove_clicked_cb (GtkButton    *button,
                   DtListEditor *self)
{
  GtkWidget *line = gtk_widget_get_parent (GTK_WIDGET (button));
  GtkWidget *next = gtk_widget_get_next_sibling (line);

  if (next == NULL)
    next = gtk_widget_get_prev_sibling (line);
  gtk_box_remove (GTK_BOX (self->lines), line);
  renumber (self);
  /* The keyboard stays in the list. */
  if (next != NULL)
    gtk_widget_grab_focus (gtk_widget_get_first_child (next));
  else
    gtk_widget_grab_focus (self->add_button);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static GtkWidget *
append_line (DtListEditor *self,
             const char   *text)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  if (self->dates)
    dt_entry_take_dates (GTK_ENTRY (entry));
  else
    gtk_widget_set_hexpand (entry, TRUE);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), self);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (line), entry);
  gtk_box_append (GTK_BOX (line), remove);
  gtk_box_append (GTK_BOX (self->lines), line);
  renumber (self);
  return entry;
}

static void
add_clicked_cb (GtkButton    *button,
                DtListEditor *self)
{
  dt_list_editor_add_line (self);
}

static void
clear_lines (DtListEditor *self)
{
  GtkWidget *line;

  while ((line = gtk_widget_get_first_child (self->lines)) != NULL)
    gtk_box_remove (GTK_BOX (self->lines), line);
}

static void
dt_list_editor_dispose (GObject *object)
{
  DtListEditor *self = (DtListEditor *) object;

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (dt_list_editor_parent_class)->dispose (object);
}

static void
dt_list_editor_finalize (GObject *object)
{
  DtListEditor *self = (DtListEditor *) object;

  g_free (self->item_name);

  G_OBJECT_CLASS (dt_list_editor_parent_class)->finalize (object);
}

static void
dt_list_editor_class_init (DtListEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_list_editor_dispose;
  object_class->finalize = dt_list_editor_finalize;

  /* A line typed, added or removed by the person. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dt_list_editor_init (DtListEditor *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->box), self->lines);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
dt_list_editor_new (const char *item_name,
                    const char *add_label,
                    gboolean    dates)
{
  DtListEditor *self = g_object_new (DT_TYPE_LIST_EDITOR, NULL);

  self->item_name = g_strdup (item_name);
  self->dates = dates;
  self->add_button = dt_button_new (add_label);
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->add_button, "dt-add-line");
  gtk_widget_set_name (self->add_button, "dt-add-line-button");
  g_signal_connect (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), self->add_button);
  return GTK_WIDGET (self);
}

void
dt_list_editor_set_values (DtListEditor       *self,
                           const char * const *values)
{
  g_return_if_fail (DT_IS_LIST_EDITOR (self));

  clear_lines (self);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *shown = self->dates ? dt_date_to_display (values[i]) : NULL;

      append_line (self, shown != NULL ? shown : values[i]);
    }
}

void
dt_list_editor_set_texts (DtListEditor       *self,
                          const char * const *texts)
{
  g_return_if_fail (DT_IS_LIST_EDITOR (self));

  clear_lines (self);
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    append_line (self, texts[i]);
}

char **
dt_list_editor_get_texts (DtListEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (DT_IS_LIST_EDITOR (self), NULL);

  for (GtkWidget *line = gtk_widget_get_first_child (self->lines);
       line != NULL;
       line = gtk_widget_get_next_sibling (line))
    g_strv_builder_add (builder,
                        gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_first_child (line))));
  return g_strv_builder_end (builder);
}

char **
dt_list_editor_get_values (DtListEditor  *self,
                           GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (DT_IS_LIST_EDITOR (self), NULL);

  for (GtkWidget *line = gtk_widget_get_first_child (self->lines);
       line != NULL;
       line = gtk_widget_get_next_sibling (line))
    {
      GtkWidget *entry = gtk_widget_get_first_child (line);
      g_autofree char *clean = dt_text_clean (gtk_editable_get_text (GTK_EDITABLE (entry)));

      n++;
      if (clean == NULL)
        continue;
      if (self->dates)
        {
          g_autoptr(GError) local_error = NULL;
          g_autofree char *iso = dt_date_parse_typed_iso (clean, &local_error);

          if (iso == NULL)
            {
              g_set_error (error, DT_ERROR, DT_ERROR_INVALID, "%s %u: %s", self->item_name, n,
                           local_error->message);
              gtk_widget_grab_focus (entry);
              return NULL;
            }
          g_strv_builder_add (builder, iso);
        }
      else
        g_strv_builder_add (builder, clean);
    }
  return g_strv_builder_end (builder);
}

GtkWidget *
dt_list_editor_add_line (DtListEditor *self)
{
  GtkWidget *entry;

  g_return_val_if_fail (DT_IS_LIST_EDITOR (self), NULL);

  entry = append_line (self, NULL);
  gtk_widget_grab_focus (entry);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return entry;
}

guint
dt_list_editor_get_n_lines (DtListEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (DT_IS_LIST_EDITOR (self), 0);

  for (GtkWidget *line = gtk_widget_get_first_child (self->lines);
       line != NULL;
       line = gtk_widget_get_next_sibling (line))
    n++;
  return n;
}

GtkWidget *
dt_list_editor_get_entry (DtListEditor *self,
                          guint         index)
{
  GtkWidget *line;

  g_return_val_if_fail (DT_IS_LIST_EDITOR (self), NULL);

  line = gtk_widget_get_first_child (self->lines);
  for (guint i = 0; line != NULL && i < index; i++)
    line = gtk_widget_get_next_sibling (line);
  return line != NULL ? gtk_widget_get_first_child (line) : NULL;
}

GtkWidget *
dt_list_editor_get_add_button (DtListEditor *self)
{
  g_return_val_if_fail (DT_IS_LIST_EDITOR (self), NULL);

  return self->add_button;
}
