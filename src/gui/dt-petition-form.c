/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-petition-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-codes.h"
#include "dt-completion.h"
#include "dt-date-entry.h"
#include "dt-error.h"
#include "dt-followup.h"
#include "dt-gui-util.h"
#include "dt-petition-form.h"
#include "dt-util.h"

struct _DtPetitionForm
{
  GtkWidget       parent_instance;

  DtContext      *context;
  DtPetition     *petition;        /* as loaded, for an edit; NULL for a new one */
  char           *proposed_code;
  int             proposed_year;   /* the year it was proposed for */
  guint           propose_id;      /* the next code, asked for once the saved form is shown */
  char           *duplicate_of;
  GHashTable     *problems;        /* field key → hint shown */
  guint           loading : 1;
  guint           modified : 1;
  guint           batch : 1;       /* started as the next of a pile */

  /* Template widgets */
  GtkEntry       *address_entry;
  GtkEntry       *agency_entry;
  DtDateEntry    *assigned_entry;
  GtkLabel       *assigned_date_problem;
  GtkLabel       *assigned_to_problem;
  GtkBox         *box;
  GtkDropDown    *channel_dropdown;
  GtkLabel       *channel_problem;
  GtkEntry       *code_entry;
  GtkLabel       *code_problem;
  GtkLabel       *concerns_problem;
  GtkDropDown    *concerns_dropdown;
  GtkCheckButton *confidential_check;
  GtkLabel       *content_problem;
  GtkTextView    *content_view;
  GtkLabel       *deadline_label;
  GtkBox         *duplicate_box;
  GtkLabel       *duplicate_label;
  GtkEntry       *field_entry;
  GtkLabel       *field_note;
  GtkLabel       *field_problem;
  GtkCheckButton *individual_check;
  GtkLabel       *message_label;
  GtkLabel       *petitioner_problem;
  GtkEntry       *petitioner_entry;
  GtkLabel       *address_problem;
  DtDateEntry    *received_entry;
  GtkLabel       *received_problem;
  GtkEntry       *session_entry;
  GtkLabel       *session_problem;
  GtkEntry       *summary_entry;
  GtkLabel       *summary_problem;
  GtkEntry       *village_entry;
  GtkLabel       *village_note;
  GtkLabel       *village_problem;
};

G_DEFINE_FINAL_TYPE (DtPetitionForm, dt_petition_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODIFIED,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The values of the channel and concerns choices, in the order the drop-downs list them. */
static const char *
channel_value (guint index)
{
  const DtFieldInfo *info = dt_record_find_field (DT_RECORD_PETITION, "channel");

  return index < dt_field_info_get_n_values (info) ? dt_field_info_get_value (info, index) : NULL;
}

static guint
channel_index (const char *value)
{
  const DtFieldInfo *info = dt_record_find_field (DT_RECORD_PETITION, "channel");

  for (guint i = 0; i < dt_field_info_get_n_values (info); i++)
    if (g_strcmp0 (dt_field_info_get_value (info, i), value) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* 0 is "neither". */
static const char *
concerns_value (guint index)
{
  const DtFieldInfo *info = dt_record_find_field (DT_RECORD_PETITION, "concerns");

  if (index == 0 || index > dt_field_info_get_n_values (info))
    return NULL;
  return dt_field_info_get_value (info, index - 1);
}

static guint
concerns_index (const char *value)
{
  const DtFieldInfo *info = dt_record_find_field (DT_RECORD_PETITION, "concerns");

  for (guint i = 0; value != NULL && i < dt_field_info_get_n_values (info); i++)
    if (g_str_equal (dt_field_info_get_value (info, i), value))
      return i + 1;
  return 0;
}

/* Where the core's field KEY is in the form: the input to mark and the line under it. */
static gboolean
field_widgets (DtPetitionForm  *self,
               const char      *key,
               GtkWidget      **widget,
               GtkLabel       **problem)
{
  struct {
    const char *key;
    GtkWidget  *widget;
    GtkLabel   *problem;
  } fields[] = {
    { "code", GTK_WIDGET (self->code_entry), self->code_problem },
    { "received", GTK_WIDGET (dt_date_entry_get_entry (self->received_entry)),
      self->received_problem },
    { "channel", GTK_WIDGET (self->channel_dropdown), self->channel_problem },
    { "session", GTK_WIDGET (self->session_entry), self->session_problem },
    { "petitioner", GTK_WIDGET (self->petitioner_entry), self->petitioner_problem },
    { "address", GTK_WIDGET (self->address_entry), self->address_problem },
    { "village", GTK_WIDGET (self->village_entry), self->village_problem },
    { "field", GTK_WIDGET (self->field_entry), self->field_problem },
    { "summary", GTK_WIDGET (self->summary_entry), self->summary_problem },
    { "content", GTK_WIDGET (self->content_view), self->content_problem },
    { "concerns", GTK_WIDGET (self->concerns_dropdown), self->concerns_problem },
    { "assigned_to", GTK_WIDGET (self->agency_entry), self->assigned_to_problem },
    { "assigned_date", GTK_WIDGET (dt_date_entry_get_entry (self->assigned_entry)),
      self->assigned_date_problem },
    /* The deadline follows the assignment. */
    { "deadline", GTK_WIDGET (dt_date_entry_get_entry (self->assigned_entry)),
      self->assigned_date_problem },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].key, key) == 0)
      {
        *widget = fields[i].widget;
        *problem = fields[i].problem;
        return TRUE;
      }
  return FALSE;
}

static void
show_message (DtPetitionForm *self,
              const char     *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
clear_problems (DtPetitionForm *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->problems);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkWidget *widget;
      GtkLabel *problem;

      if (field_widgets (self, key, &widget, &problem))
        dt_widget_set_problem (widget, problem, NULL);
    }
  g_hash_table_remove_all (self->problems);
  show_message (self, NULL);
}

/* The first problem of a field is the one shown; those of fields the form does not have go
 * to the message at the top. */
static void
add_problem (DtPetitionForm *self,
             const char     *key,
             const char     *hint,
             GString        *elsewhere)
{
  GtkWidget *widget;
  GtkLabel *problem;

  if (key != NULL && field_widgets (self, key, &widget, &problem))
    {
      if (g_hash_table_contains (self->problems, key))
        return;
      g_hash_table_insert (self->problems, g_strdup (key), g_strdup (hint));
      dt_widget_set_problem (widget, problem, hint);
    }
  else if (elsewhere != NULL)
    g_string_append_printf (elsewhere, "%s%s", elsewhere->len > 0 ? "\n" : "", hint);
}

static void
set_modified (DtPetitionForm *self,
              gboolean        modified)
{
  if (self->modified == !!modified)
    return;
  self->modified = !!modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* "Thôn Mới is not in the list yet: it will be added." */
static void
update_name_note (DtPetitionForm *self,
                  GtkEntry       *entry,
                  GtkLabel       *note)
{
  DtCompletion *completion = dt_completion_get_for_entry (entry);
  g_autofree char *text = dt_editable_dup_text (GTK_EDITABLE (entry));
  g_autofree char *message = NULL;

  if (text != NULL && completion != NULL && dt_completion_find (completion, text) == NULL)
    message = g_strdup_printf (_("“%s” is not in the list yet: it will be added."), text);
  gtk_label_set_label (note, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (note), message != NULL);
}

static void
update_deadline (DtPetitionForm *self)
{
  g_autofree char *agency = dt_editable_dup_text (GTK_EDITABLE (self->agency_entry));
  g_autofree char *assigned = NULL;
  g_autofree char *deadline = NULL;

  if (self->context != NULL && agency != NULL &&
      dt_date_entry_get_iso (self->assigned_entry, &assigned, NULL) && assigned != NULL)
    deadline = dt_petition_deadline_for (dt_context_get_database (self->context), assigned, NULL);
  if (deadline != NULL)
    {
      g_autofree char *shown = dt_date_to_display (deadline);
      g_autofree char *text = g_strdup_printf (_("Answer due by %s"), shown);

      gtk_label_set_label (self->deadline_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), deadline != NULL);
}

/* The code proposed follows the year of the received date, until the secretary types her own.
 * It is asked for again only when that year changes: the next code reads every code of the
 * register. */
static void
propose_code (DtPetitionForm *self)
{
  const char *current = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));
  g_autofree char *received = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;

  g_clear_handle_id (&self->propose_id, g_source_remove);
  if (self->context == NULL || self->petition != NULL ||
      (*current != '\0' && g_strcmp0 (current, self->proposed_code) != 0))
    return;

  if (!dt_date_entry_get_iso (self->received_entry, &received, NULL) || received == NULL ||
      !dt_date_parse (received, &date))
    dt_context_get_today (self->context, &date);
  if (self->proposed_code != NULL && self->proposed_year == g_date_get_year (&date) &&
      g_strcmp0 (current, self->proposed_code) == 0)
    return;
  self->proposed_year = g_date_get_year (&date);
  code = dt_petition_next_code (dt_context_get_database (self->context),
                                g_date_get_year (&date), &error);
  if (code == NULL)
    {
      g_warning ("No code to propose: %s", error->message);
      return;
    }
  if (g_strcmp0 (code, current) == 0)
    return;
  g_free (self->proposed_code);
  self->proposed_code = g_strdup (code);
  self->proposed_year = g_date_get_year (&date);
  /* Setting the text empties the entry first: that "change" is not the secretary's. */
  {
    gboolean loading = self->loading;

    self->loading = TRUE;
    gtk_editable_set_text (GTK_EDITABLE (self->code_entry), code);
    self->loading = loading;
  }
}

static gboolean
propose_idle_cb (gpointer user_data)
{
  DtPetitionForm *self = user_data;

  self->propose_id = 0;
  propose_code (self);
  return G_SOURCE_REMOVE;
}

/* A proposal still waiting is made now, for whoever reads the form. */
static void
flush_proposal (DtPetitionForm *self)
{
  if (self->propose_id != 0)
    propose_code (self);
}

static void
field_changed_cb (DtPetitionForm *self)
{
  if (self->loading)
    return;

  update_name_note (self, self->village_entry, self->village_note);
  update_name_note (self, self->field_entry, self->field_note);
  update_deadline (self);
  propose_code (self);
  set_modified (self, TRUE);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The secretary's own code: the proposal no longer follows the date. */
static void
code_changed_cb (DtPetitionForm *self)
{
  if (self->loading)
    return;
  set_modified (self, TRUE);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
content_changed_cb (DtPetitionForm *self,
                    GtkTextBuffer  *buffer)
{
  field_changed_cb (self);
}

/* Enter in a field goes on to the next one, as Tab does. */
static void
entry_activate_cb (DtPetitionForm *self,
                   GtkEntry       *entry)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL)
    gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
}

static void
date_activate_cb (DtPetitionForm *self,
                  GtkEntry       *entry)
{
  entry_activate_cb (self, entry);
}

static void
duplicate_clear_cb (DtPetitionForm *self)
{
  dt_petition_form_set_duplicate_of (self, NULL, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->summary_entry));
}

static void
setup_dropdowns (DtPetitionForm *self)
{
  const DtFieldInfo *channel = dt_record_find_field (DT_RECORD_PETITION, "channel");
  const DtFieldInfo *concerns = dt_record_find_field (DT_RECORD_PETITION, "concerns");
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) whom = gtk_string_list_new (NULL);

  for (guint i = 0; i < dt_field_info_get_n_values (channel); i++)
    gtk_string_list_append (channels,
                            dt_field_info_get_value_label (channel,
                                                           dt_field_info_get_value (channel, i)));
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (channels));

  gtk_string_list_append (whom, _("Neither, or not recorded"));
  for (guint i = 0; i < dt_field_info_get_n_values (concerns); i++)
    gtk_string_list_append (whom,
                            dt_field_info_get_value_label (concerns,
                                                           dt_field_info_get_value (concerns, i)));
  gtk_drop_down_set_model (self->concerns_dropdown, G_LIST_MODEL (whom));

  /* Long Vietnamese choices would widen the form past a 1024-pixel screen. */
  dt_drop_down_ellipsize (self->channel_dropdown);
  dt_drop_down_ellipsize (self->concerns_dropdown);
}

/* Each input is named by its visible label, for screen readers (and mnemonics reach it). */
static void
label_inputs (DtPetitionForm *self)
{
  GtkWidget *inputs[] = {
    GTK_WIDGET (self->code_entry), GTK_WIDGET (dt_date_entry_get_entry (self->received_entry)),
    GTK_WIDGET (self->channel_dropdown), GTK_WIDGET (self->session_entry),
    GTK_WIDGET (self->petitioner_entry), GTK_WIDGET (self->address_entry),
    GTK_WIDGET (self->village_entry), GTK_WIDGET (self->field_entry),
    GTK_WIDGET (self->summary_entry), GTK_WIDGET (self->content_view),
    GTK_WIDGET (self->concerns_dropdown), GTK_WIDGET (self->agency_entry),
    GTK_WIDGET (dt_date_entry_get_entry (self->assigned_entry)),
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      GtkWidget *cell = gtk_widget_get_ancestor (inputs[i], GTK_TYPE_BOX);
      GtkWidget *label;

      /* The date entries are boxes of their own: the cell is the one above them. */
      while (cell != NULL && !GTK_IS_LABEL (gtk_widget_get_first_child (cell)))
        cell = gtk_widget_get_ancestor (gtk_widget_get_parent (cell), GTK_TYPE_BOX);
      if (cell == NULL)
        continue;
      label = gtk_widget_get_first_child (cell);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), inputs[i]);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (inputs[i]),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      /* The date entry around it: the same name. */
      if (gtk_widget_get_ancestor (inputs[i], DT_TYPE_DATE_ENTRY) != NULL)
        dt_widget_set_label (gtk_widget_get_ancestor (inputs[i], DT_TYPE_DATE_ENTRY),
                             gtk_label_get_text (GTK_LABEL (label)));
    }
}

static void
set_entry (GtkEntry   *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static void
show_duplicate (DtPetitionForm *self,
                const char     *description)
{
  if (self->duplicate_of != NULL)
    {
      g_autofree char *text = NULL;

      if (description != NULL)
        text = g_strdup_printf (_("Marked as a duplicate of %s: %s"), self->duplicate_of,
                                description);
      else
        text = g_strdup_printf (_("Marked as a duplicate of %s"), self->duplicate_of);
      gtk_label_set_label (self->duplicate_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->duplicate_box), self->duplicate_of != NULL);
}

/* Fills the form from PETITION (NULL: empty), as loaded. */
static void
fill (DtPetitionForm   *self,
      const DtPetition *petition)
{
  guint channel;

  self->loading = TRUE;
  set_entry (self->code_entry, petition != NULL ? petition->code : NULL);
  dt_date_entry_set_iso (self->received_entry, petition != NULL ? petition->received : NULL);
  channel = channel_index (petition != NULL ? petition->channel : "direct");
  gtk_drop_down_set_selected (self->channel_dropdown, channel);
  set_entry (self->session_entry, petition != NULL ? petition->session : NULL);
  set_entry (self->petitioner_entry, petition != NULL ? petition->petitioner : NULL);
  set_entry (self->address_entry, petition != NULL ? petition->address : NULL);
  set_entry (self->village_entry, petition != NULL ? petition->village : NULL);
  set_entry (self->field_entry, petition != NULL ? petition->field : NULL);
  set_entry (self->summary_entry, petition != NULL ? petition->summary : NULL);
  dt_text_view_set_text (self->content_view, petition != NULL ? petition->content : NULL);
  gtk_drop_down_set_selected (self->concerns_dropdown,
                              concerns_index (petition != NULL ? petition->concerns : NULL));
  gtk_check_button_set_active (self->individual_check, petition != NULL && petition->individual);
  gtk_check_button_set_active (self->confidential_check,
                               petition != NULL && petition->confidential);
  set_entry (self->agency_entry, petition != NULL ? petition->assigned_to : NULL);
  dt_date_entry_set_iso (self->assigned_entry, petition != NULL ? petition->assigned_date : NULL);
  g_free (self->duplicate_of);
  self->duplicate_of = petition != NULL ? g_strdup (petition->duplicate_of) : NULL;
  show_duplicate (self, NULL);
  self->loading = FALSE;

  update_name_note (self, self->village_entry, self->village_note);
  update_name_note (self, self->field_entry, self->field_note);
  update_deadline (self);
  clear_problems (self);
}

static void
dt_petition_form_dispose (GObject *object)
{
  DtPetitionForm *self = (DtPetitionForm *) object;

  g_clear_handle_id (&self->propose_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_PETITION_FORM);
  /* Children of the template without an id of their own are not cleared with it. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (dt_petition_form_parent_class)->dispose (object);
}

static void
dt_petition_form_finalize (GObject *object)
{
  DtPetitionForm *self = (DtPetitionForm *) object;

  g_clear_pointer (&self->petition, dt_petition_free);
  g_clear_pointer (&self->proposed_code, g_free);
  g_clear_pointer (&self->duplicate_of, g_free);
  g_clear_pointer (&self->problems, g_hash_table_unref);

  G_OBJECT_CLASS (dt_petition_form_parent_class)->finalize (object);
}

static void
dt_petition_form_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DtPetitionForm *self = DT_PETITION_FORM (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    case PROP_TITLE:
      if (self->petition != NULL)
        g_value_take_string (value, g_strdup_printf (_("Petition %s"), self->petition->code));
      else
        g_value_set_string (value, _("New Petition"));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_petition_form_class_init (DtPetitionFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_petition_form_dispose;
  object_class->finalize = dt_petition_form_finalize;
  object_class->get_property = dt_petition_form_get_property;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DtPetitionForm::changed:
   *
   * The secretary typed or chose something.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DT_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/doithoai/DoiThoai/dt-petition-form.ui");
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, address_entry);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, address_problem);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, agency_entry);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, assigned_date_problem);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, assigned_entry);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, assigned_to_problem);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, box);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, channel_problem);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, code_entry);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, code_problem);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, concerns_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, concerns_problem);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, confidential_check);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, content_problem);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, content_view);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, duplicate_box);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, duplicate_label);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, field_entry);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, field_note);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, field_problem);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, individual_check);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, message_label);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, petitioner_entry);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, petitioner_problem);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, received_entry);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, received_problem);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, session_entry);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, session_problem);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, summary_entry);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, summary_problem);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, village_entry);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, village_note);
  gtk_widget_class_bind_template_child (widget_class, DtPetitionForm, village_problem);
  gtk_widget_class_bind_template_callback (widget_class, code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, duplicate_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_FORM);
}

static void
dt_petition_form_init (DtPetitionForm *self)
{
  self->problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Setting the choices is not the secretary choosing. */
  self->loading = TRUE;
  setup_dropdowns (self);
  self->loading = FALSE;
  label_inputs (self);
  dt_accessible_name_controls (GTK_WIDGET (self));
  dt_widget_set_label (GTK_WIDGET (self), _("Petition"));
  g_signal_connect_object (gtk_text_view_get_buffer (self->content_view), "changed",
                           G_CALLBACK (content_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dt_date_entry_get_entry (self->received_entry), "activate",
                           G_CALLBACK (date_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dt_date_entry_get_entry (self->assigned_entry), "activate",
                           G_CALLBACK (date_activate_cb), self, G_CONNECT_SWAPPED);
  fill (self, NULL);
}

void
dt_petition_form_set_context (DtPetitionForm *self,
                              DtContext      *context)
{
  g_return_if_fail (DT_IS_PETITION_FORM (self));
  g_return_if_fail (DT_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  dt_completion_attach (self->village_entry, dt_context_get_names (context, DT_LIST_VILLAGES));
  dt_completion_attach (self->field_entry, dt_context_get_names (context, DT_LIST_FIELDS));
  dt_completion_attach (self->agency_entry, dt_context_get_names (context, DT_LIST_AGENCIES));
  dt_completion_attach (self->session_entry, dt_context_get_sessions (context));
  /* The code is proposed when a petition is started (dt_petition_form_start_new ()). */
}

void
dt_petition_form_start_new (DtPetitionForm *self,
                            gboolean        keep_batch)
{
  g_autofree char *received = NULL;
  g_autofree char *session = NULL;
  guint channel;

  g_return_if_fail (DT_IS_PETITION_FORM (self));

  received = g_strdup (dt_date_entry_get_text (self->received_entry));
  channel = gtk_drop_down_get_selected (self->channel_dropdown);
  session = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->session_entry)));

  g_clear_pointer (&self->petition, dt_petition_free);
  g_clear_pointer (&self->proposed_code, g_free);
  fill (self, NULL);

  self->loading = TRUE;
  if (keep_batch)
    {
      dt_date_entry_set_text (self->received_entry, received);
      gtk_drop_down_set_selected (self->channel_dropdown, channel);
      set_entry (self->session_entry, session);
    }
  else if (self->context != NULL)
    {
      g_autofree char *today = dt_context_dup_today_iso (self->context);
      dt_date_entry_set_iso (self->received_entry, today);
    }
  /* The next of a pile: the emptied form is shown first, its code a moment after. */
  g_clear_handle_id (&self->propose_id, g_source_remove);
  if (keep_batch)
    self->propose_id = g_idle_add (propose_idle_cb, self);
  else
    propose_code (self);
  self->loading = FALSE;
  self->batch = keep_batch;

  set_modified (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
dt_petition_form_open (DtPetitionForm  *self,
                       gint64           id,
                       GError         **error)
{
  DtPetition *petition;

  g_return_val_if_fail (DT_IS_PETITION_FORM (self), FALSE);
  g_return_val_if_fail (self->context != NULL, FALSE);

  petition = dt_petition_load_by_id (dt_context_get_database (self->context), id, error);
  if (petition == NULL)
    return FALSE;
  g_clear_pointer (&self->petition, dt_petition_free);
  self->petition = petition;
  self->batch = FALSE;
  g_clear_pointer (&self->proposed_code, g_free);
  fill (self, petition);
  set_modified (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gint64
dt_petition_form_get_id (DtPetitionForm *self)
{
  g_return_val_if_fail (DT_IS_PETITION_FORM (self), 0);
  return self->petition != NULL ? self->petition->id : 0;
}

const char *
dt_petition_form_get_code (DtPetitionForm *self)
{
  g_return_val_if_fail (DT_IS_PETITION_FORM (self), NULL);
  flush_proposal (self);
  return gtk_editable_get_text (GTK_EDITABLE (self->code_entry));
}

gboolean
dt_petition_form_get_modified (DtPetitionForm *self)
{
  g_return_val_if_fail (DT_IS_PETITION_FORM (self), FALSE);
  return self->modified;
}

/* The name as the list spells it when the secretary typed it without its marks. */
static char *
dup_name (GtkEntry *entry)
{
  g_autofree char *text = dt_editable_dup_text (GTK_EDITABLE (entry));
  DtCompletion *completion = dt_completion_get_for_entry (entry);
  const char *name = text != NULL && completion != NULL ? dt_completion_find (completion, text)
                                                        : NULL;

  return name != NULL ? g_strdup (name) : g_steal_pointer (&text);
}

/* The record as typed; a date that cannot be read is left out, with its problem in TYPED
 * (key → message) when given. */
static DtPetition *
build (DtPetitionForm *self,
       GHashTable     *typed)
{
  DtPetition *petition = dt_petition_new ();
  struct {
    DtDateEntry *entry;
    const char  *key;
    char       **field;
  } dates[] = {
    { self->received_entry, "received", &petition->received },
    { self->assigned_entry, "assigned_date", &petition->assigned_date },
  };

  if (self->petition != NULL)
    {
      /* An edit changes what the form shows and keeps the rest (follow-up, events). */
      const DtPetition *old = self->petition;

      petition->id = old->id;
      petition->revision = old->revision;
      petition->answered_date = g_strdup (old->answered_date);
      petition->answer = g_strdup (old->answer);
      petition->deadline = g_strdup (old->deadline);
      petition->escalated_to = g_strdup (old->escalated_to);
      petition->escalated_date = g_strdup (old->escalated_date);
      petition->escalated_number = g_strdup (old->escalated_number);
      petition->declined_date = g_strdup (old->declined_date);
      petition->declined_reason = g_strdup (old->declined_reason);
      petition->withdrawn_date = g_strdup (old->withdrawn_date);
      petition->resolved_date = g_strdup (old->resolved_date);
      petition->result = g_strdup (old->result);
      petition->informed_date = g_strdup (old->informed_date);
      for (guint i = 0; old->events != NULL && i < old->events->len; i++)
        {
          DtPetitionEvent *event = g_ptr_array_index (old->events, i);
          g_ptr_array_add (petition->events,
                           dt_petition_event_new (event->date, event->text, event->number));
        }
    }

  petition->code = dt_editable_dup_text (GTK_EDITABLE (self->code_entry));
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!dt_date_entry_get_iso (dates[i].entry, dates[i].field, &error) && typed != NULL)
        g_hash_table_insert (typed, g_strdup (dates[i].key), g_strdup (error->message));
    }
  petition->channel = g_strdup (channel_value (gtk_drop_down_get_selected (self->channel_dropdown)));
  petition->session = dt_editable_dup_text (GTK_EDITABLE (self->session_entry));
  petition->petitioner = dt_editable_dup_text (GTK_EDITABLE (self->petitioner_entry));
  petition->address = dt_editable_dup_text (GTK_EDITABLE (self->address_entry));
  petition->village = dup_name (self->village_entry);
  petition->field = dup_name (self->field_entry);
  petition->summary = dt_editable_dup_text (GTK_EDITABLE (self->summary_entry));
  petition->content = dt_text_view_dup_text (self->content_view);
  petition->concerns = g_strdup (concerns_value (gtk_drop_down_get_selected (self->concerns_dropdown)));
  petition->individual = gtk_check_button_get_active (self->individual_check);
  petition->confidential = gtk_check_button_get_active (self->confidential_check);
  petition->duplicate_of = g_strdup (self->duplicate_of);
  petition->assigned_to = dup_name (self->agency_entry);

  /* An edit that drops the assignment drops its deadline too. */
  if (petition->assigned_date == NULL)
    g_clear_pointer (&petition->deadline, g_free);
  return petition;
}

DtPetition *
dt_petition_form_get_typed (DtPetitionForm *self)
{
  g_return_val_if_fail (DT_IS_PETITION_FORM (self), NULL);
  return build (self, NULL);
}

/* A session code that is not one: said beside the field, before the core refuses it. */
static void
check_session (DtPetitionForm *self,
               const char     *session)
{
  GListModel *sessions;
  guint n;

  if (session == NULL || self->context == NULL)
    return;
  sessions = dt_context_get_sessions (self->context);
  n = g_list_model_get_n_items (sessions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (sessions, i);
      if (g_str_equal (gtk_string_object_get_string (item), session))
        return;
    }
  {
    g_autofree char *hint = g_strdup_printf (_("There is no session “%s”: choose one of those "
                                               "offered."), session);
    add_problem (self, "session", hint, NULL);
  }
}

gint64
dt_petition_form_save (DtPetitionForm  *self,
                       GError         **error)
{
  g_autoptr(GHashTable) typed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(DtPetition) petition = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) elsewhere = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  DtDatabase *db;
  GHashTableIter iter;
  gpointer key, value;
  gint64 id;

  g_return_val_if_fail (DT_IS_PETITION_FORM (self), 0);
  g_return_val_if_fail (self->context != NULL, 0);

  db = dt_context_get_database (self->context);
  flush_proposal (self);
  clear_problems (self);
  petition = build (self, typed);

  g_hash_table_iter_init (&iter, typed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    add_problem (self, key, value, elsewhere);
  problems = dt_petition_problems (petition);
  for (guint i = 0; i < problems->len; i++)
    {
      GError *problem = g_ptr_array_index (problems, i);
      const char *field = dt_error_get_field (problem);

      /* A date typed wrong is said once, in the words of the typed-date reader. */
      if (field != NULL && g_hash_table_contains (typed, field))
        continue;
      add_problem (self, field, dt_error_get_hint (problem), elsewhere);
    }
  check_session (self, petition->session);

  if (g_hash_table_size (self->problems) > 0 || elsewhere->len > 0)
    {
      const char *first_keys[] = {
        "code", "received", "channel", "session", "petitioner", "address", "village", "field",
        "summary", "content", "concerns", "assigned_to", "assigned_date", "deadline",
      };

      if (elsewhere->len > 0)
        show_message (self, elsewhere->str);
      for (guint i = 0; i < G_N_ELEMENTS (first_keys); i++)
        {
          GtkWidget *widget;
          GtkLabel *label;

          if (g_hash_table_contains (self->problems, first_keys[i]) &&
              field_widgets (self, first_keys[i], &widget, &label))
            {
              gtk_widget_grab_focus (widget);
              break;
            }
        }
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Nothing was saved: put right what is marked in red first."));
      return 0;
    }

  if (self->petition != NULL)
    id = dt_petition_update (db, petition, &local_error) ? petition->id : 0;
  else
    id = dt_petition_insert (db, petition, &local_error);

  if (id == 0)
    {
      const char *field = dt_error_get_field (local_error);

      if (local_error->code == DT_ERROR_LOCKED)
        show_message (self, _("The database is in use by another program (the console program, "
                              "or another window). Nothing was saved yet: what you typed is "
                              "kept. Try again in a moment."));
      else if (local_error->code == DT_ERROR_DUPLICATE && g_strcmp0 (field, "code") == 0)
        add_problem (self, "code", _("This code is already used by another petition."), NULL);
      else if (field != NULL && field_widgets (self, field, &(GtkWidget *) { NULL },
                                               &(GtkLabel *) { NULL }))
        add_problem (self, field, dt_error_get_hint (local_error), NULL);
      else
        show_message (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  /* What is in the form is now what the database holds. */
  {
    g_autoptr(GError) reload_error = NULL;
    DtPetition *saved = dt_petition_load_by_id (db, id, &reload_error);

    if (saved != NULL)
      {
        g_clear_pointer (&self->petition, dt_petition_free);
        self->petition = saved;
      }
  }
  set_modified (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  return id;
}

void
dt_petition_form_set_duplicate_of (DtPetitionForm *self,
                                   const char     *code,
                                   const char     *description)
{
  g_return_if_fail (DT_IS_PETITION_FORM (self));

  if (g_strcmp0 (code, self->duplicate_of) == 0)
    return;
  g_free (self->duplicate_of);
  self->duplicate_of = g_strdup (code);
  show_duplicate (self, description);
  field_changed_cb (self);
}

const char *
dt_petition_form_get_duplicate_of (DtPetitionForm *self)
{
  g_return_val_if_fail (DT_IS_PETITION_FORM (self), NULL);
  return self->duplicate_of;
}

DtDraft *
dt_petition_form_to_draft (DtPetitionForm *self)
{
  g_autofree char *record = NULL;
  g_autofree char *content = NULL;
  DtDraft *draft;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (DT_IS_PETITION_FORM (self), NULL);

  if (self->petition != NULL)
    record = g_strdup_printf ("%" G_GINT64_FORMAT, self->petition->id);
  draft = dt_draft_new (DT_PETITION_FORM_DRAFT, record);
  dt_draft_set (draft, "code", gtk_editable_get_text (GTK_EDITABLE (self->code_entry)));
  dt_draft_set (draft, "received", dt_date_entry_get_text (self->received_entry));
  dt_draft_set (draft, "channel", channel_value (gtk_drop_down_get_selected (self->channel_dropdown)));
  dt_draft_set (draft, "session", gtk_editable_get_text (GTK_EDITABLE (self->session_entry)));
  dt_draft_set (draft, "petitioner", gtk_editable_get_text (GTK_EDITABLE (self->petitioner_entry)));
  dt_draft_set (draft, "address", gtk_editable_get_text (GTK_EDITABLE (self->address_entry)));
  dt_draft_set (draft, "village", gtk_editable_get_text (GTK_EDITABLE (self->village_entry)));
  dt_draft_set (draft, "field", gtk_editable_get_text (GTK_EDITABLE (self->field_entry)));
  dt_draft_set (draft, "summary", gtk_editable_get_text (GTK_EDITABLE (self->summary_entry)));
  buffer = gtk_text_view_get_buffer (self->content_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  content = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  dt_draft_set (draft, "content", content);
  dt_draft_set (draft, "concerns",
                concerns_value (gtk_drop_down_get_selected (self->concerns_dropdown)));
  dt_draft_set (draft, "individual",
                gtk_check_button_get_active (self->individual_check) ? "1" : NULL);
  dt_draft_set (draft, "confidential",
                gtk_check_button_get_active (self->confidential_check) ? "1" : NULL);
  dt_draft_set (draft, "duplicate_of", self->duplicate_of);
  dt_draft_set (draft, "assigned_to", gtk_editable_get_text (GTK_EDITABLE (self->agency_entry)));
  dt_draft_set (draft, "assigned_date", dt_date_entry_get_text (self->assigned_entry));
  return draft;
}

gboolean
dt_petition_form_restore_draft (DtPetitionForm  *self,
                                const DtDraft   *draft,
                                GError         **error)
{
  const char *record;
  guint channel;

  g_return_val_if_fail (DT_IS_PETITION_FORM (self), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  record = dt_draft_get_record (draft);
  if (record != NULL)
    {
      gint64 id = g_ascii_strtoll (record, NULL, 10);

      /* The edit of a petition deleted since is kept as a new one. */
      if (id <= 0 || !dt_petition_form_open (self, id, NULL))
        dt_petition_form_start_new (self, FALSE);
    }
  else
    dt_petition_form_start_new (self, FALSE);

  self->loading = TRUE;
  set_entry (self->code_entry, dt_draft_get (draft, "code"));
  dt_date_entry_set_text (self->received_entry, dt_draft_get (draft, "received"));
  channel = channel_index (dt_draft_get (draft, "channel"));
  if (channel != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->channel_dropdown, channel);
  set_entry (self->session_entry, dt_draft_get (draft, "session"));
  set_entry (self->petitioner_entry, dt_draft_get (draft, "petitioner"));
  set_entry (self->address_entry, dt_draft_get (draft, "address"));
  set_entry (self->village_entry, dt_draft_get (draft, "village"));
  set_entry (self->field_entry, dt_draft_get (draft, "field"));
  set_entry (self->summary_entry, dt_draft_get (draft, "summary"));
  dt_text_view_set_text (self->content_view, dt_draft_get (draft, "content"));
  gtk_drop_down_set_selected (self->concerns_dropdown,
                              concerns_index (dt_draft_get (draft, "concerns")));
  gtk_check_button_set_active (self->individual_check, dt_draft_get (draft, "individual") != NULL);
  gtk_check_button_set_active (self->confidential_check,
                               dt_draft_get (draft, "confidential") != NULL);
  g_free (self->duplicate_of);
  self->duplicate_of = g_strdup (dt_draft_get (draft, "duplicate_of"));
  show_duplicate (self, NULL);
  set_entry (self->agency_entry, dt_draft_get (draft, "assigned_to"));
  dt_date_entry_set_text (self->assigned_entry, dt_draft_get (draft, "assigned_date"));
  self->loading = FALSE;

  update_name_note (self, self->village_entry, self->village_note);
  update_name_note (self, self->field_entry, self->field_note);
  update_deadline (self);
  /* Restored, not yet saved. */
  set_modified (self, TRUE);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

const char *
dt_petition_form_get_problem (DtPetitionForm *self,
                              const char     *key)
{
  g_return_val_if_fail (DT_IS_PETITION_FORM (self), NULL);
  return g_hash_table_lookup (self->problems, key);
}

void
dt_petition_form_focus_start (DtPetitionForm *self)
{
  GtkEntry *entry;

  g_return_if_fail (DT_IS_PETITION_FORM (self));

  /* The next of a pile starts at the petitioner: the date and the channel are the same. */
  if (self->petition == NULL && self->batch && !self->modified &&
      *dt_date_entry_get_text (self->received_entry) != '\0')
    entry = self->petitioner_entry;
  else
    entry = dt_date_entry_get_entry (self->received_entry);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}
