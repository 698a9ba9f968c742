/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dt-error.h"

G_DEFINE_QUARK (dt-error-quark, dt_error)

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
