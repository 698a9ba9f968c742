/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dt-error.h"

/* What a form needs to put a message beside the entry that is wrong. */
typedef struct
{
  char *record;
  char *field;
  char *hint;
} DtErrorPrivate;

static void
dt_error_private_init (DtErrorPrivate *priv)
{
}

static void
dt_error_private_copy (const DtErrorPrivate *src,
                       DtErrorPrivate       *dest)
{
  dest->record = g_strdup (src->record);
  dest->field = g_strdup (src->field);
  dest->hint = g_strdup (src->hint);
}

static void
dt_error_private_clear (DtErrorPrivate *priv)
{
  g_clear_pointer (&priv->record, g_free);
  g_clear_pointer (&priv->field, g_free);
  g_clear_pointer (&priv->hint, g_free);
}

G_DEFINE_EXTENDED_ERROR (DtError, dt_error)

void
dt_error_set_field (GError     *error,
                    const char *record,
                    const char *field,
                    const char *hint)
{
  DtErrorPrivate *priv;

  g_return_if_fail (error != NULL);
  if ((priv = dt_error_get_private (error)) == NULL)
    return;
  g_free (priv->record);
  g_free (priv->field);
  g_free (priv->hint);
  priv->record = g_strdup (record);
  priv->field = g_strdup (field);
  priv->hint = g_strdup (hint);
}

const char *
dt_error_get_record (const GError *error)
{
  DtErrorPrivate *priv = error != NULL ? dt_error_get_private (error) : NULL;

  return priv != NULL ? priv->record : NULL;
}

const char *
dt_error_get_field (const GError *error)
{
  DtErrorPrivate *priv = error != NULL ? dt_error_get_private (error) : NULL;

  return priv != NULL ? priv->field : NULL;
}

const char *
dt_error_get_hint (const GError *error)
{
  DtErrorPrivate *priv = error != NULL ? dt_error_get_private (error) : NULL;

  if (priv != NULL && priv->hint != NULL)
    return priv->hint;
  return error != NULL ? error->message : NULL;
}

int
dt_error_exit_status (const GError *error)
{
  if (error == NULL)
    return 0;
  if (error->domain != DT_ERROR)
    return 2;

  switch ((DtError) error->code)
    {
    case DT_ERROR_INVALID:
    case DT_ERROR_DUPLICATE:
    case DT_ERROR_NOT_FOUND:
    case DT_ERROR_IO:
    case DT_ERROR_CONFLICT:
      return 2;
    case DT_ERROR_DATABASE:
    case DT_ERROR_CORRUPT:
    case DT_ERROR_NEWER:
    case DT_ERROR_LOCKED:
    case DT_ERROR_FOREIGN:
    case DT_ERROR_MISSING:
    default:
      return 3;
    }
}
