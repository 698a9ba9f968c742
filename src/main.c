/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dt-application.h"
#include "dt-i18n.h"
#include "dt-renderer.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DtApplication) application = NULL;
  int status;

  dt_application_apply_language ();
  dt_i18n_init ();
  /* Before GTK opens the display: GSK_RENDERER is read then. */
  dt_renderer_apply_at_start ();

  application = dt_application_new ();
  status = g_application_run (G_APPLICATION (application), argc, argv);

  /* A run that reached the main loop reports 0 even when it only showed an error. */
  return status != 0 ? status : dt_application_get_exit_status (application);
}
