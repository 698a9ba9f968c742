/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-overview-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-overview-page.h"

struct _DtOverviewPage
{
  GtkWidget          parent_instance;

  DtDatabase        *database;

  /* Template widgets */
  GtkLabel          *path_label;
  GtkLabel          *petitions_value;
  GtkLabel          *plans_value;
  GtkScrolledWindow *scroller;
  GtkLabel          *sessions_value;
  GtkLabel          *summary_label;
  GtkLabel          *villages_value;
};

G_DEFINE_FINAL_TYPE (DtOverviewPage, dt_overview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Groups digits in threes with the interface language's separator: 12,345 or 12.345. */
static char *
format_count (gint64 count)
{
  /* Translators: the separator between groups of three digits in large numbers,
   * as in 12,345. Vietnamese uses a full stop. */
  const char *separator = C_("digit grouping", ",");
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (count));
  GString *text = g_string_new (count < 0 ? "-" : NULL);
  gsize n_digits = strlen (digits);

  for (gsize i = 0; i < n_digits; i++)
    {
      if (i > 0 && (n_digits - i) % 3 == 0)
        g_string_append (text, separator);
      g_string_append_c (text, digits[i]);
    }

  return g_string_free (text, FALSE);
}

static gint64
show_count (DtOverviewPage *self,
            GtkLabel       *label,
            const char     *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 count;

  count = dt_database_count (self->database, table, &error);
  if (count < 0)
    {
      g_warning ("Cannot count the %s: %s", table, error->message);
      /* A dash, not a wrong zero, when the figure is unknown. */
      gtk_label_set_label (label, "—");
      return 0;
    }

  text = format_count (count);
  gtk_label_set_label (label, text);
  return count;
}

static void
dt_overview_page_dispose (GObject *object)
{
  DtOverviewPage *self = (DtOverviewPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (dt_overview_page_parent_class)->dispose (object);
}

static void
dt_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DtOverviewPage *self = DT_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DtOverviewPage *self = DT_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      dt_overview_page_set_database (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_overview_page_class_init (DtOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_overview_page_dispose;
  object_class->get_property = dt_overview_page_get_property;
  object_class->set_property = dt_overview_page_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         DT_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/doithoai/DoiThoai/dt-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, path_label);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, petitions_value);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, plans_value);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, sessions_value);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, villages_value);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dt_overview_page_init (DtOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DtDatabase *
dt_overview_page_get_database (DtOverviewPage *self)
{
  g_return_val_if_fail (DT_IS_OVERVIEW_PAGE (self), NULL);

  return self->database;
}

void
dt_overview_page_set_database (DtOverviewPage *self,
                               DtDatabase     *database)
{
  g_return_if_fail (DT_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (database == NULL || DT_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;

  dt_overview_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/* Reads the figures again: the other tabs change them. */
void
dt_overview_page_reload (DtOverviewPage *self)
{
  gint64 total = 0;

  g_return_if_fail (DT_IS_OVERVIEW_PAGE (self));

  if (self->database == NULL)
    {
      gtk_label_set_label (self->path_label, "");
      gtk_label_set_label (self->summary_label, "");
      return;
    }

  total += show_count (self, self->plans_value, "plans");
  total += show_count (self, self->sessions_value, "sessions");
  total += show_count (self, self->petitions_value, "petitions");
  total += show_count (self, self->villages_value, "villages");

  gtk_label_set_label (self->path_label, dt_database_get_path (self->database));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->path_label),
                               dt_database_get_path (self->database));

  if (total == 0)
    gtk_label_set_label (self->summary_label,
                         _("Nothing has been recorded in this database yet."));
  else
    gtk_label_set_label (self->summary_label,
                         _("What this office has recorded so far."));
}
