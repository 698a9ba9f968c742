/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-context"

#include "config.h"

#include "dt-context.h"
#include "dt-util.h"

/* Often enough that another program's change shows within seconds, rarely enough to cost
 * nothing (PRAGMA data_version reads no page). */
#define CHECK_SECONDS 3

struct _DtContext
{
  GObject     parent_instance;

  DtDatabase *database;
  GSettings  *settings;
  char       *today;
  guint       timeout_id;
};

G_DEFINE_FINAL_TYPE (DtContext, dt_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  PROP_TODAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
check_cb (gpointer user_data)
{
  dt_context_check (user_data);
  return G_SOURCE_CONTINUE;
}

static void
dt_context_dispose (GObject *object)
{
  DtContext *self = (DtContext *) object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (dt_context_parent_class)->dispose (object);
}

static void
dt_context_finalize (GObject *object)
{
  DtContext *self = (DtContext *) object;

  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (dt_context_parent_class)->finalize (object);
}

static void
dt_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DtContext *self = DT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_TODAY:
      g_value_set_string (value, self->today);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DtContext *self = DT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_context_class_init (DtContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_context_dispose;
  object_class->finalize = dt_context_finalize;
  object_class->get_property = dt_context_get_property;
  object_class->set_property = dt_context_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, DT_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Today as YYYY-MM-DD; notified when the day changes while the program runs. */
  properties[PROP_TODAY] =
    g_param_spec_string ("today", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dt_context_init (DtContext *self)
{
  self->today = dt_today_iso ();
  self->timeout_id = g_timeout_add_seconds (CHECK_SECONDS, check_cb, self);
}

DtContext *
dt_context_new (DtDatabase *database,
                GSettings  *settings)
{
  g_return_val_if_fail (DT_IS_DATABASE (database), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (DT_TYPE_CONTEXT, "database", database, "settings", settings, NULL);
}

DtDatabase *
dt_context_get_database (DtContext *self)
{
  g_return_val_if_fail (DT_IS_CONTEXT (self), NULL);

  return self->database;
}

GSettings *
dt_context_get_settings (DtContext *self)
{
  g_return_val_if_fail (DT_IS_CONTEXT (self), NULL);

  return self->settings;
}

void
dt_context_get_today (DtContext *self,
                      GDate     *today)
{
  g_return_if_fail (DT_IS_CONTEXT (self));
  g_return_if_fail (today != NULL);

  dt_date_parse (self->today, today);
}

const char *
dt_context_get_today_iso (DtContext *self)
{
  g_return_val_if_fail (DT_IS_CONTEXT (self), NULL);

  return self->today;
}

void
dt_context_check (DtContext *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;

  g_return_if_fail (DT_IS_CONTEXT (self));

  today = dt_today_iso ();
  if (g_strcmp0 (today, self->today) != 0)
    {
      g_free (self->today);
      self->today = g_steal_pointer (&today);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
    }

  if (!dt_database_check_external (self->database, &error) && error != NULL)
    g_debug ("Cannot look for other programs' changes: %s", error->message);
}
