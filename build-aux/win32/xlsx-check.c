/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writes a one-cell workbook to the file named on its command line: cross-build.sh runs it
 * under wine to check that the cross-built libxlsxwriter writes into folders with
 * Vietnamese names. Built with -municode: the name arrives in UTF-16 and is handed to
 * libxlsxwriter in UTF-8, as DoiThoai does. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

#include <xlsxwriter.h>

int
wmain (int       argc,
       wchar_t **argv)
{
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_error error;
  char *path;
  int length;

  if (argc != 2)
    {
      fprintf (stderr, "usage: xlsx-check FILE.xlsx\n");
      return 1;
    }
  length = WideCharToMultiByte (CP_UTF8, 0, argv[1], -1, NULL, 0, NULL, NULL);
  path = malloc ((size_t) length);
  if (length == 0 || path == NULL ||
      WideCharToMultiByte (CP_UTF8, 0, argv[1], -1, path, length, NULL, NULL) != length)
    {
      fprintf (stderr, "xlsx-check: the file name is not valid UTF-16\n");
      return 1;
    }

  workbook = workbook_new (path);
  if (workbook == NULL)
    {
      fprintf (stderr, "xlsx-check: cannot create the workbook\n");
      return 1;
    }
  sheet = workbook_add_worksheet (workbook, "Tổng hợp");
  worksheet_write_string (sheet, 0, 0, "Đối thoại với Nhân dân", NULL);
  error = workbook_close (workbook);
  if (error != LXW_NO_ERROR)
    {
      fprintf (stderr, "xlsx-check: %s\n", lxw_strerror (error));
      return 1;
    }
  free (path);
  return 0;
}
